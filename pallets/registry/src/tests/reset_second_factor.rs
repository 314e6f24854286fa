//! `reset_second_factor`: an admin (or governance) removes a lost key.

use super::{second_factor_deposit_held, sign_second_factor};
use crate::{mock::*, Error, Event, SecondFactorNonce, SecondFactors};
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::SecondFactor;
use sp_runtime::DispatchError;

#[test]
fn an_admin_resets_a_practitioners_lost_key() {
	test(|| {
		register_physician(LAB_ADMIN, LAB, LAB_TECH);
		let lost = sr25519_pair(1);
		register_key(LAB_TECH, &lost);
		assert_ok!(sign_second_factor(&lost, LAB_TECH, b"x"));

		assert_ok!(Registry::reset_second_factor(RuntimeOrigin::signed(LAB_ADMIN), LAB_TECH));

		assert_eq!(SecondFactors::<Test>::get(LAB_TECH), None);
		assert_eq!(second_factor_deposit_held(LAB_TECH), 0);
		assert_eq!(Balances::free_balance(LAB_TECH), ENDOWMENT);
		// The nonce survives, so old proofs stay used up.
		assert_eq!(SecondFactorNonce::<Test>::get(LAB_TECH), 1);
		// The organisation still requires a second factor.
		assert!(Registry::is_required(&LAB_TECH));
		assert_eq!(
			last_event(),
			Event::SecondFactorReset { who: LAB_TECH, by: Some(LAB_ADMIN) }.into()
		);
		// A new key is registered without a proof by the lost one.
		let fresh = ed25519_pair(2);
		register_key(LAB_TECH, &fresh);
		assert_ok!(sign_second_factor(&fresh, LAB_TECH, b"x"));
	});
}

#[test]
fn governance_resets_a_patients_lost_key() {
	test(|| {
		register_key(PATIENT, &sr25519_pair(1));
		assert_ok!(Registry::reset_second_factor(RuntimeOrigin::root(), PATIENT));
		assert_eq!(SecondFactors::<Test>::get(PATIENT), None);
		assert_eq!(second_factor_deposit_held(PATIENT), 0);
		assert!(!Registry::is_required(&PATIENT));
		assert_eq!(last_event(), Event::SecondFactorReset { who: PATIENT, by: None }.into());
	});
}

#[test]
fn only_an_admin_of_the_accounts_organisation_may_reset() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		register_key(DOCTOR, &sr25519_pair(1));
		for who in [LAB_ADMIN, OUTSIDER, DOCTOR] {
			assert_noop!(
				Registry::reset_second_factor(RuntimeOrigin::signed(who), DOCTOR),
				Error::<Test>::NotOrganisationAdmin
			);
		}
		assert_noop!(
			Registry::reset_second_factor(RuntimeOrigin::none(), DOCTOR),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn an_admin_cannot_reset_the_key_of_an_account_outside_any_organisation() {
	test(|| {
		register_key(PATIENT, &sr25519_pair(1));
		assert_noop!(
			Registry::reset_second_factor(RuntimeOrigin::signed(HOSPITAL_ADMIN), PATIENT),
			Error::<Test>::UnknownPractitioner
		);
	});
}

#[test]
fn an_admin_of_a_suspended_organisation_cannot_reset() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		register_key(DOCTOR, &sr25519_pair(1));
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL));
		assert_noop!(
			Registry::reset_second_factor(RuntimeOrigin::signed(HOSPITAL_ADMIN), DOCTOR),
			Error::<Test>::OrganisationSuspended
		);
	});
}

#[test]
fn resetting_an_account_without_a_key_fails() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		assert_noop!(
			Registry::reset_second_factor(RuntimeOrigin::signed(HOSPITAL_ADMIN), DOCTOR),
			Error::<Test>::NoSecondFactorKey
		);
		assert_noop!(
			Registry::reset_second_factor(RuntimeOrigin::root(), PATIENT),
			Error::<Test>::NoSecondFactorKey
		);
	});
}
