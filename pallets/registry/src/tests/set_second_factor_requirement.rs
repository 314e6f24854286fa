//! `set_second_factor_requirement`: an admin or governance decides whether the
//! organisation's practitioners must use a second factor.

use crate::{mock::*, Error, Event, Organisations};
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::SecondFactor;
use sp_runtime::DispatchError;

fn requires(org: iomt_primitives::OrganisationId) -> bool {
	Organisations::<Test>::get(org).is_some_and(|o| o.requires_second_factor)
}

#[test]
fn an_admin_requires_a_second_factor_of_its_practitioners() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		assert!(!Registry::is_required(&DOCTOR));

		assert_ok!(Registry::set_second_factor_requirement(
			RuntimeOrigin::signed(HOSPITAL_ADMIN_2),
			HOSPITAL,
			true,
		));

		assert!(requires(HOSPITAL));
		assert!(Registry::is_required(&DOCTOR));
		assert_eq!(
			last_event(),
			Event::SecondFactorRequirementSet {
				org: HOSPITAL,
				required: true,
				by: Some(HOSPITAL_ADMIN_2),
			}
			.into()
		);
	});
}

#[test]
fn governance_sets_the_requirement_even_for_a_suspended_organisation() {
	test(|| {
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), LAB));
		assert_ok!(Registry::set_second_factor_requirement(RuntimeOrigin::root(), LAB, false));
		assert!(!requires(LAB));
		assert_eq!(
			last_event(),
			Event::SecondFactorRequirementSet { org: LAB, required: false, by: None }.into()
		);
	});
}

#[test]
fn a_non_admin_cannot_set_the_requirement() {
	test(|| {
		assert_noop!(
			Registry::set_second_factor_requirement(RuntimeOrigin::signed(OUTSIDER), LAB, false),
			Error::<Test>::NotOrganisationAdmin
		);
		// An admin of another organisation is no admin here.
		assert_noop!(
			Registry::set_second_factor_requirement(
				RuntimeOrigin::signed(HOSPITAL_ADMIN),
				LAB,
				false
			),
			Error::<Test>::NotOrganisationAdmin
		);
		assert_noop!(
			Registry::set_second_factor_requirement(RuntimeOrigin::none(), LAB, false),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn an_admin_of_a_suspended_organisation_cannot_set_the_requirement() {
	test(|| {
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), LAB));
		assert_noop!(
			Registry::set_second_factor_requirement(RuntimeOrigin::signed(LAB_ADMIN), LAB, false),
			Error::<Test>::OrganisationSuspended
		);
	});
}

#[test]
fn setting_the_requirement_of_an_unknown_organisation_fails() {
	test(|| {
		assert_noop!(
			Registry::set_second_factor_requirement(RuntimeOrigin::root(), NO_SUCH_ORG, true),
			Error::<Test>::UnknownOrganisation
		);
		assert_noop!(
			Registry::set_second_factor_requirement(
				RuntimeOrigin::signed(HOSPITAL_ADMIN),
				NO_SUCH_ORG,
				true
			),
			Error::<Test>::UnknownOrganisation
		);
	});
}
