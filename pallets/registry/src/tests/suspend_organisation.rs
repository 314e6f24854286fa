//! `suspend_organisation`: governance suspends a member; its practitioners go inactive.

use super::practitioner;
use crate::{mock::*, Error, Event, OrganisationStatus, Organisations};
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::IdentityProvider;
use sp_runtime::DispatchError;

#[test]
fn suspension_makes_the_organisation_and_its_practitioners_inactive() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		assert!(Registry::active_practitioner(&DOCTOR, 1).is_some());
		System::set_block_number(5);

		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL));

		assert_eq!(
			Organisations::<Test>::get(HOSPITAL).map(|o| o.status),
			Some(OrganisationStatus::Suspended { since: 5 })
		);
		assert_eq!(Registry::active_organisation(HOSPITAL), None);
		assert!(!Registry::is_organisation_admin(&HOSPITAL_ADMIN, HOSPITAL));
		assert_eq!(Registry::active_practitioner(&DOCTOR, 5), None);
		// Suspension is current state: earlier blocks answer "inactive" too.
		assert_eq!(Registry::active_practitioner(&DOCTOR, 2), None);
		assert_eq!(last_event(), Event::OrganisationSuspended { org: HOSPITAL, since: 5 }.into());
	});
}

#[test]
fn admins_of_a_suspended_organisation_cannot_register_or_update_practitioners() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL));
		assert_noop!(practitioner(NURSE).register(), Error::<Test>::OrganisationSuspended);
		assert_noop!(practitioner(DOCTOR).update(), Error::<Test>::OrganisationSuspended);
	});
}

#[test]
fn suspending_requires_the_governance_origin() {
	test(|| {
		for origin in [RuntimeOrigin::signed(HOSPITAL_ADMIN), RuntimeOrigin::none()] {
			assert_noop!(
				Registry::suspend_organisation(origin, HOSPITAL),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn suspending_an_unknown_organisation_fails() {
	test(|| {
		assert_noop!(
			Registry::suspend_organisation(RuntimeOrigin::root(), NO_SUCH_ORG),
			Error::<Test>::UnknownOrganisation
		);
	});
}

#[test]
fn suspending_twice_fails_and_keeps_the_first_block() {
	test(|| {
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL));
		System::set_block_number(3);
		assert_noop!(
			Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL),
			Error::<Test>::AlreadySuspended
		);
		assert_eq!(
			Organisations::<Test>::get(HOSPITAL).map(|o| o.status),
			Some(OrganisationStatus::Suspended { since: 1 })
		);
	});
}
