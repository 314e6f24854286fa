//! `remove_second_factor`: the account removes its own key with a proof by that key.

use super::{second_factor_deposit_held, sign_second_factor};
use crate::{
	mock::*, Error, Event, SecondFactorNonce, SecondFactors, REMOVE_SECOND_FACTOR_PAYLOAD,
};
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::SecondFactor;
use sp_runtime::DispatchError;

#[test]
fn an_account_removes_its_key_with_a_proof_and_gets_the_deposit_back() {
	test(|| {
		let pair = sr25519_pair(1);
		register_key(PATIENT, &pair);
		let removal = proof(&pair, PATIENT, REMOVE_SECOND_FACTOR_PAYLOAD);

		assert_ok!(Registry::remove_second_factor(RuntimeOrigin::signed(PATIENT), removal));

		assert_eq!(SecondFactors::<Test>::get(PATIENT), None);
		assert_eq!(second_factor_deposit_held(PATIENT), 0);
		assert_eq!(Balances::free_balance(PATIENT), ENDOWMENT);
		assert_eq!(SecondFactorNonce::<Test>::get(PATIENT), 1);
		assert!(!Registry::is_required(&PATIENT));
		assert_eq!(last_event(), Event::SecondFactorRemoved { who: PATIENT }.into());
	});
}

#[test]
fn a_removal_proof_cannot_be_replayed_after_registering_the_key_again() {
	test(|| {
		let pair = sr25519_pair(1);
		register_key(PATIENT, &pair);
		let removal = proof(&pair, PATIENT, REMOVE_SECOND_FACTOR_PAYLOAD);
		assert_ok!(Registry::remove_second_factor(RuntimeOrigin::signed(PATIENT), removal.clone()));
		register_key(PATIENT, &pair);
		assert_noop!(
			Registry::remove_second_factor(RuntimeOrigin::signed(PATIENT), removal),
			Error::<Test>::StaleSecondFactorNonce
		);
	});
}

#[test]
fn removing_without_a_key_fails() {
	test(|| {
		let pair = sr25519_pair(1);
		assert_noop!(
			Registry::remove_second_factor(
				RuntimeOrigin::signed(PATIENT),
				proof(&pair, PATIENT, REMOVE_SECOND_FACTOR_PAYLOAD)
			),
			Error::<Test>::NoSecondFactorKey
		);
	});
}

#[test]
fn a_removal_proof_by_another_key_fails() {
	test(|| {
		register_key(PATIENT, &sr25519_pair(1));
		assert_noop!(
			Registry::remove_second_factor(
				RuntimeOrigin::signed(PATIENT),
				proof(&sr25519_pair(2), PATIENT, REMOVE_SECOND_FACTOR_PAYLOAD)
			),
			Error::<Test>::BadSecondFactorSignature
		);
	});
}

#[test]
fn a_removal_proof_over_another_payload_fails() {
	test(|| {
		let pair = sr25519_pair(1);
		register_key(PATIENT, &pair);
		assert_noop!(
			Registry::remove_second_factor(
				RuntimeOrigin::signed(PATIENT),
				proof(&pair, PATIENT, b"something else")
			),
			Error::<Test>::BadSecondFactorSignature
		);
	});
}

#[test]
fn a_removal_proof_with_a_stale_nonce_fails() {
	test(|| {
		let pair = sr25519_pair(1);
		register_key(PATIENT, &pair);
		assert_ok!(sign_second_factor(&pair, PATIENT, b"x"));
		assert_noop!(
			Registry::remove_second_factor(
				RuntimeOrigin::signed(PATIENT),
				proof_with_nonce(&pair, PATIENT, 0, REMOVE_SECOND_FACTOR_PAYLOAD)
			),
			Error::<Test>::StaleSecondFactorNonce
		);
	});
}

#[test]
fn removing_a_key_requires_a_signed_origin() {
	test(|| {
		let pair = sr25519_pair(1);
		register_key(PATIENT, &pair);
		for origin in [RuntimeOrigin::root(), RuntimeOrigin::none()] {
			assert_noop!(
				Registry::remove_second_factor(
					origin,
					proof(&pair, PATIENT, REMOVE_SECOND_FACTOR_PAYLOAD)
				),
				DispatchError::BadOrigin
			);
		}
	});
}
