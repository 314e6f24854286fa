//! `register_second_factor`: any account registers (or, with a proof by its current key,
//! replaces) its second-factor key.

use super::{
	key_change_proof, register_declared_key, second_factor_deposit_held, sign_second_factor,
};
use crate::{mock::*, Error, Event, SecondFactorKey, SecondFactorNonce, SecondFactors};
use codec::Encode;
use frame_support::{assert_noop, assert_ok, traits::fungible::Mutate};
use iomt_primitives::SecondFactor;
use sp_core::Pair;
use sp_runtime::{DispatchError, MultiSignature, MultiSigner, TokenError};

#[test]
fn a_patient_registers_a_key_with_a_proof_of_possession() {
	test(|| {
		let pair = sr25519_pair(1);
		assert!(!Registry::is_required(&PATIENT));
		assert_ok!(try_register_key(PATIENT, &pair, None));

		let record = SecondFactors::<Test>::get(PATIENT).expect("key registered");
		assert_eq!(record.key, SecondFactorKey::Sr25519(pair.public()));
		assert_eq!(record.deposit, 5);
		assert_eq!(record.registered_at, 1);
		assert_eq!(second_factor_deposit_held(PATIENT), 5);
		assert_eq!(SecondFactorNonce::<Test>::get(PATIENT), 0);
		assert!(Registry::is_required(&PATIENT));
		assert_eq!(
			last_event(),
			Event::SecondFactorRegistered {
				who: PATIENT,
				key: SecondFactorKey::Sr25519(pair.public()),
				replaced: false,
			}
			.into()
		);
	});
}

#[test]
fn ed25519_and_ecdsa_keys_are_accepted_too() {
	test(|| {
		let ed = ed25519_pair(2);
		register_key(DOCTOR, &ed);
		assert_eq!(
			SecondFactors::<Test>::get(DOCTOR).map(|r| r.key),
			Some(SecondFactorKey::Ed25519(ed.public()))
		);
		let ecdsa = ecdsa_pair(3);
		register_key(NURSE, &ecdsa);
		assert_eq!(
			SecondFactors::<Test>::get(NURSE).map(|r| r.key),
			Some(SecondFactorKey::Ecdsa(ecdsa.public()))
		);
		// Both keys prove second factors.
		assert_ok!(sign_second_factor(&ed, DOCTOR, b"x"));
		assert_ok!(sign_second_factor(&ecdsa, NURSE, b"x"));
	});
}

#[test]
fn a_possession_proof_by_another_key_is_refused() {
	test(|| {
		let pair = sr25519_pair(1);
		assert_noop!(
			register_declared_key(PATIENT, signer(&pair), possession(&sr25519_pair(2), PATIENT)),
			Error::<Test>::BadKeyPossessionProof
		);
	});
}

#[test]
fn a_possession_proof_made_for_another_account_is_refused() {
	test(|| {
		let pair = sr25519_pair(1);
		assert_noop!(
			register_declared_key(PATIENT, signer(&pair), possession(&pair, DOCTOR)),
			Error::<Test>::BadKeyPossessionProof
		);
	});
}

#[test]
fn a_possession_proof_of_another_scheme_is_refused() {
	test(|| {
		// The ed25519 signature is valid for the ed25519 key, but the key is declared as
		// sr25519 over the same bytes.
		let ed = ed25519_pair(1);
		let declared = MultiSigner::Sr25519(sp_core::sr25519::Public::from_raw(ed.public().0));
		assert_noop!(
			register_declared_key(PATIENT, declared, possession(&ed, PATIENT)),
			Error::<Test>::BadKeyPossessionProof
		);
	});
}

#[test]
fn an_ethereum_style_key_is_refused() {
	test(|| {
		let pair = sp_core::ecdsa::KeccakPair::from_seed(&[4; 32]);
		let signature =
			MultiSignature::Eth(pair.sign(&Registry::second_factor_key_message(&PATIENT)));
		assert_noop!(
			register_declared_key(PATIENT, MultiSigner::Eth(pair.public()), signature),
			Error::<Test>::UnsupportedKeyType
		);
	});
}

#[test]
fn a_first_key_comes_without_a_current_key_proof() {
	test(|| {
		let pair = sr25519_pair(1);
		let stray = key_change_proof(&pair, PATIENT, &pair);
		assert_noop!(
			try_register_key(PATIENT, &pair, Some(stray)),
			Error::<Test>::NoSecondFactorKey
		);
	});
}

#[test]
fn replacing_a_key_with_a_proof_by_the_current_key_keeps_the_deposit() {
	test(|| {
		let old = sr25519_pair(1);
		let new = ed25519_pair(2);
		register_key(PATIENT, &old);
		System::set_block_number(3);
		let current = key_change_proof(&old, PATIENT, &new);

		assert_ok!(try_register_key(PATIENT, &new, Some(current)));

		let record = SecondFactors::<Test>::get(PATIENT).expect("key replaced");
		assert_eq!(record.key, SecondFactorKey::Ed25519(new.public()));
		assert_eq!(record.registered_at, 3);
		assert_eq!(record.deposit, 5);
		assert_eq!(second_factor_deposit_held(PATIENT), 5);
		assert_eq!(SecondFactorNonce::<Test>::get(PATIENT), 1);
		assert_eq!(
			last_event(),
			Event::SecondFactorRegistered {
				who: PATIENT,
				key: SecondFactorKey::Ed25519(new.public()),
				replaced: true,
			}
			.into()
		);
		// The old key no longer proves anything; the new one does.
		assert_noop!(
			sign_second_factor(&old, PATIENT, b"x"),
			Error::<Test>::BadSecondFactorSignature
		);
		assert_ok!(sign_second_factor(&new, PATIENT, b"x"));
	});
}

#[test]
fn a_stolen_account_key_alone_cannot_replace_the_second_factor() {
	test(|| {
		let victim = sr25519_pair(1);
		let thief = sr25519_pair(9);
		register_key(PATIENT, &victim);
		// No proof at all.
		assert_noop!(try_register_key(PATIENT, &thief, None), Error::<Test>::SecondFactorRequired);
		// A "proof" signed by the thief's own key.
		assert_noop!(
			try_register_key(PATIENT, &thief, Some(key_change_proof(&thief, PATIENT, &thief))),
			Error::<Test>::BadSecondFactorSignature
		);
	});
}

#[test]
fn a_replacement_proof_must_name_the_new_key_and_the_current_nonce() {
	test(|| {
		let old = sr25519_pair(1);
		let new = sr25519_pair(2);
		let other = sr25519_pair(3);
		register_key(PATIENT, &old);
		// Signed by the current key, but for another new key.
		assert_noop!(
			try_register_key(PATIENT, &new, Some(key_change_proof(&old, PATIENT, &other))),
			Error::<Test>::BadSecondFactorSignature
		);
		// Right payload, wrong nonce.
		let wrong_nonce = proof_with_nonce(&old, PATIENT, 1, &signer(&new).encode());
		assert_noop!(
			try_register_key(PATIENT, &new, Some(wrong_nonce)),
			Error::<Test>::StaleSecondFactorNonce
		);
	});
}

#[test]
fn an_account_without_funds_for_the_deposit_cannot_register() {
	test(|| {
		<Balances as Mutate<AccountId>>::set_balance(&PATIENT, 5);
		let pair = sr25519_pair(1);
		assert_noop!(try_register_key(PATIENT, &pair, None), TokenError::FundsUnavailable);
	});
}

#[test]
fn registering_a_key_requires_a_signed_origin() {
	test(|| {
		let pair = sr25519_pair(1);
		for origin in [RuntimeOrigin::root(), RuntimeOrigin::none()] {
			assert_noop!(
				Registry::register_second_factor(
					origin,
					signer(&pair),
					possession(&pair, PATIENT),
					None
				),
				DispatchError::BadOrigin
			);
		}
	});
}
