//! `update_organisation`: governance replaces a member's name and admins.

use super::practitioner;
use crate::{mock::*, Error, Event, OrganisationStatus, Organisations};
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::IdentityProvider;
use sp_runtime::DispatchError;

#[test]
fn governance_replaces_the_name_and_admins() {
	test(|| {
		assert_ok!(Registry::update_organisation(
			RuntimeOrigin::root(),
			HOSPITAL,
			name(b"St Mary General"),
			admins(&[OUTSIDER]),
		));
		let org = Organisations::<Test>::get(HOSPITAL).expect("still admitted");
		assert_eq!(org.name, name(b"St Mary General"));
		assert_eq!(org.admins, admins(&[OUTSIDER]));
		assert_eq!(org.admitted_at, 0);
		assert!(Registry::is_organisation_admin(&OUTSIDER, HOSPITAL));
		assert!(!Registry::is_organisation_admin(&HOSPITAL_ADMIN, HOSPITAL));
		assert_eq!(
			last_event(),
			Event::OrganisationUpdated {
				org: HOSPITAL,
				name: name(b"St Mary General"),
				admins: admins(&[OUTSIDER]),
			}
			.into()
		);
	});
}

#[test]
fn a_replaced_admin_loses_its_powers() {
	test(|| {
		assert_ok!(Registry::update_organisation(
			RuntimeOrigin::root(),
			HOSPITAL,
			name(b"St Mary"),
			admins(&[HOSPITAL_ADMIN_2]),
		));
		assert_noop!(
			practitioner(DOCTOR).role(iomt_primitives::PractitionerRole::Physician).register(),
			Error::<Test>::NotOrganisationAdmin
		);
	});
}

#[test]
fn updating_a_suspended_organisation_keeps_it_suspended() {
	test(|| {
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), LAB));
		assert_ok!(Registry::update_organisation(
			RuntimeOrigin::root(),
			LAB,
			name(b"City Lab 2"),
			admins(&[LAB_ADMIN, OUTSIDER]),
		));
		assert_eq!(
			Organisations::<Test>::get(LAB).map(|o| o.status),
			Some(OrganisationStatus::Suspended { since: 1 })
		);
	});
}

#[test]
fn updating_requires_the_governance_origin() {
	test(|| {
		for origin in [RuntimeOrigin::signed(HOSPITAL_ADMIN), RuntimeOrigin::none()] {
			assert_noop!(
				Registry::update_organisation(origin, HOSPITAL, name(b"X"), admins(&[OUTSIDER])),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn updating_an_unknown_organisation_fails() {
	test(|| {
		assert_noop!(
			Registry::update_organisation(
				RuntimeOrigin::root(),
				NO_SUCH_ORG,
				name(b"X"),
				admins(&[OUTSIDER]),
			),
			Error::<Test>::UnknownOrganisation
		);
	});
}

#[test]
fn updating_checks_the_name_and_admins() {
	test(|| {
		assert_noop!(
			Registry::update_organisation(
				RuntimeOrigin::root(),
				HOSPITAL,
				name(b""),
				admins(&[OUTSIDER]),
			),
			Error::<Test>::EmptyOrganisationName
		);
		assert_noop!(
			Registry::update_organisation(RuntimeOrigin::root(), HOSPITAL, name(b"X"), admins(&[])),
			Error::<Test>::NoAdmins
		);
		assert_noop!(
			Registry::update_organisation(
				RuntimeOrigin::root(),
				HOSPITAL,
				name(b"X"),
				admins(&[OUTSIDER, OUTSIDER]),
			),
			Error::<Test>::DuplicateAdmin
		);
	});
}
