//! `remove_practitioner`: an admin deletes a revoked or expired record; the deposit goes
//! back to whoever paid it.

use super::{practitioner, practitioner_deposit_held, revoked_physician};
use crate::{mock::*, Error, Event, OrganisationPractitioners, Organisations, Practitioners};
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::IdentityProvider;
use sp_runtime::DispatchError;

fn count(org: iomt_primitives::OrganisationId) -> Option<u32> {
	Organisations::<Test>::get(org).map(|o| o.practitioner_count)
}

#[test]
fn removing_a_revoked_practitioner_releases_the_deposit_to_its_payer() {
	test(|| {
		revoked_physician(DOCTOR);
		assert_eq!(practitioner_deposit_held(HOSPITAL_ADMIN), 10);

		// Another admin removes it; the payer gets the deposit back.
		assert_ok!(Registry::remove_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN_2), DOCTOR));

		assert_eq!(Practitioners::<Test>::get(DOCTOR), None);
		assert!(!OrganisationPractitioners::<Test>::contains_key(HOSPITAL, DOCTOR));
		assert_eq!(count(HOSPITAL), Some(0));
		assert_eq!(practitioner_deposit_held(HOSPITAL_ADMIN), 0);
		assert_eq!(Balances::free_balance(HOSPITAL_ADMIN), ENDOWMENT);
		assert_eq!(Balances::free_balance(HOSPITAL_ADMIN_2), ENDOWMENT);
		assert_eq!(
			last_event(),
			Event::PractitionerRemoved {
				org: HOSPITAL,
				who: DOCTOR,
				depositor: HOSPITAL_ADMIN,
				deposit: 10,
			}
			.into()
		);
	});
}

#[test]
fn an_expired_practitioner_can_be_removed_from_its_last_block_on() {
	test(|| {
		assert_ok!(practitioner(NURSE).valid_until(5).register());
		System::set_block_number(4);
		assert_noop!(
			Registry::remove_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN), NURSE),
			Error::<Test>::PractitionerStillActive
		);
		System::set_block_number(5);
		assert_ok!(Registry::remove_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN), NURSE));
		assert_eq!(Practitioners::<Test>::get(NURSE), None);
	});
}

#[test]
fn an_active_practitioner_cannot_be_removed() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		assert_noop!(
			Registry::remove_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN), DOCTOR),
			Error::<Test>::PractitionerStillActive
		);
	});
}

#[test]
fn removal_releases_exactly_the_deposit_held_even_after_the_parameter_changed() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		PractitionerDeposit::set(25);
		register_physician(HOSPITAL_ADMIN, HOSPITAL, NURSE);
		assert_eq!(practitioner_deposit_held(HOSPITAL_ADMIN), 35);
		assert_ok!(Registry::revoke_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN), DOCTOR));
		assert_ok!(Registry::remove_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN), DOCTOR));
		assert_eq!(practitioner_deposit_held(HOSPITAL_ADMIN), 25);
		assert_eq!(Balances::free_balance(HOSPITAL_ADMIN), ENDOWMENT - 25);
	});
}

#[test]
fn admins_of_a_suspended_organisation_may_still_remove() {
	test(|| {
		revoked_physician(DOCTOR);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL));
		assert_ok!(Registry::remove_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN), DOCTOR));
		assert_eq!(Practitioners::<Test>::get(DOCTOR), None);
	});
}

#[test]
fn removing_an_unknown_practitioner_fails() {
	test(|| {
		assert_noop!(
			Registry::remove_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN), DOCTOR),
			Error::<Test>::UnknownPractitioner
		);
	});
}

#[test]
fn only_an_admin_of_the_practitioners_organisation_may_remove() {
	test(|| {
		revoked_physician(DOCTOR);
		for who in [LAB_ADMIN, OUTSIDER, DOCTOR] {
			assert_noop!(
				Registry::remove_practitioner(RuntimeOrigin::signed(who), DOCTOR),
				Error::<Test>::NotOrganisationAdmin
			);
		}
		for origin in [RuntimeOrigin::root(), RuntimeOrigin::none()] {
			assert_noop!(Registry::remove_practitioner(origin, DOCTOR), DispatchError::BadOrigin);
		}
	});
}

#[test]
fn a_removed_practitioner_registers_afresh_without_the_old_revocation() {
	test(|| {
		revoked_physician(DOCTOR);
		assert_ok!(Registry::remove_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN), DOCTOR));
		System::set_block_number(4);
		register_physician(LAB_ADMIN, LAB, DOCTOR);

		let record = Practitioners::<Test>::get(DOCTOR).expect("registered again");
		assert_eq!(record.organisation, LAB);
		assert_eq!(record.revoked_at, None);
		assert_eq!(record.registered_at, 4);
		assert_eq!(Registry::active_practitioner(&DOCTOR, 4).map(|i| i.organisation), Some(LAB));
		assert_eq!(count(HOSPITAL), Some(0));
		assert_eq!(count(LAB), Some(1));
	});
}
