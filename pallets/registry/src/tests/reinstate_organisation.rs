//! `reinstate_organisation`: governance lifts a suspension.

use crate::{mock::*, Error, Event, OrganisationStatus, Organisations};
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::{IdentityProvider, OrganisationKind, PractitionerInfo, PractitionerRole};
use sp_runtime::DispatchError;

#[test]
fn reinstatement_restores_the_organisation_and_its_practitioners() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL));
		assert_eq!(Registry::active_practitioner(&DOCTOR, 2), None);
		System::set_block_number(4);

		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::root(), HOSPITAL));

		assert_eq!(
			Organisations::<Test>::get(HOSPITAL).map(|o| o.status),
			Some(OrganisationStatus::Active)
		);
		assert_eq!(Registry::active_organisation(HOSPITAL), Some(OrganisationKind::CareProvider));
		assert!(Registry::is_organisation_admin(&HOSPITAL_ADMIN, HOSPITAL));
		let info = PractitionerInfo {
			organisation: HOSPITAL,
			organisation_kind: OrganisationKind::CareProvider,
			role: PractitionerRole::Physician,
		};
		assert_eq!(Registry::active_practitioner(&DOCTOR, 4), Some(info));
		assert_eq!(Registry::active_practitioner(&DOCTOR, 2), Some(info));
		assert_eq!(last_event(), Event::OrganisationReinstated { org: HOSPITAL }.into());
	});
}

#[test]
fn reinstating_requires_the_governance_origin() {
	test(|| {
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL));
		for origin in [RuntimeOrigin::signed(HOSPITAL_ADMIN), RuntimeOrigin::none()] {
			assert_noop!(
				Registry::reinstate_organisation(origin, HOSPITAL),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn reinstating_an_unknown_organisation_fails() {
	test(|| {
		assert_noop!(
			Registry::reinstate_organisation(RuntimeOrigin::root(), NO_SUCH_ORG),
			Error::<Test>::UnknownOrganisation
		);
	});
}

#[test]
fn reinstating_an_active_organisation_fails() {
	test(|| {
		assert_noop!(
			Registry::reinstate_organisation(RuntimeOrigin::root(), HOSPITAL),
			Error::<Test>::NotSuspended
		);
	});
}
