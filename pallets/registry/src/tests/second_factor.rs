//! The `SecondFactor` answers other pallets use: when a proof is required, and checking
//! and consuming one.

use super::sign_second_factor;
use crate::{mock::*, Error, Event, SecondFactorNonce, REMOVE_SECOND_FACTOR_PAYLOAD};
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::SecondFactor;

const PAYLOAD: &[u8] = b"records/read:42";

#[test]
fn the_signed_message_has_the_documented_layout() {
	test(|| {
		let genesis = [69u8; 32]; // frame_system's genesis placeholder in tests
		assert_eq!(Registry::genesis_hash().0, genesis);

		let mut expected = b"iomt/mfa".to_vec();
		expected.extend_from_slice(&genesis);
		expected.extend_from_slice(&PATIENT.to_le_bytes());
		expected.extend_from_slice(&7u64.to_le_bytes());
		expected.push((PAYLOAD.len() as u8) << 2); // compact length of a short payload
		expected.extend_from_slice(PAYLOAD);
		assert_eq!(Registry::second_factor_message(&PATIENT, 7, PAYLOAD), expected);

		let mut expected = b"iomt/mfa-key".to_vec();
		expected.extend_from_slice(&genesis);
		expected.extend_from_slice(&PATIENT.to_le_bytes());
		assert_eq!(Registry::second_factor_key_message(&PATIENT), expected);
	});
}

#[test]
fn a_correct_proof_is_accepted_and_the_nonce_advances() {
	test(|| {
		let pair = sr25519_pair(1);
		register_key(PATIENT, &pair);
		assert_eq!(SecondFactorNonce::<Test>::get(PATIENT), 0);

		assert_ok!(sign_second_factor(&pair, PATIENT, PAYLOAD));
		assert_eq!(SecondFactorNonce::<Test>::get(PATIENT), 1);
		assert_eq!(last_event(), Event::SecondFactorVerified { who: PATIENT, nonce: 0 }.into());

		assert_ok!(sign_second_factor(&pair, PATIENT, PAYLOAD));
		assert_eq!(SecondFactorNonce::<Test>::get(PATIENT), 2);
	});
}

#[test]
fn a_proof_signed_by_another_key_is_refused() {
	test(|| {
		register_key(PATIENT, &sr25519_pair(1));
		assert_noop!(
			sign_second_factor(&sr25519_pair(2), PATIENT, PAYLOAD),
			Error::<Test>::BadSecondFactorSignature
		);
		assert_noop!(
			sign_second_factor(&ed25519_pair(1), PATIENT, PAYLOAD),
			Error::<Test>::BadSecondFactorSignature
		);
		assert_eq!(SecondFactorNonce::<Test>::get(PATIENT), 0);
	});
}

#[test]
fn a_proof_with_a_stale_or_future_nonce_is_refused() {
	test(|| {
		let pair = sr25519_pair(1);
		register_key(PATIENT, &pair);
		assert_ok!(sign_second_factor(&pair, PATIENT, PAYLOAD));
		// Properly signed, but for nonce 0 (used) and 2 (not yet).
		for nonce in [0, 2] {
			assert_noop!(
				Registry::verify_and_consume(
					&PATIENT,
					PAYLOAD,
					Some(&proof_with_nonce(&pair, PATIENT, nonce, PAYLOAD))
				),
				Error::<Test>::StaleSecondFactorNonce
			);
		}
	});
}

#[test]
fn an_accepted_proof_cannot_be_replayed() {
	test(|| {
		let pair = sr25519_pair(1);
		register_key(PATIENT, &pair);
		let accepted = proof(&pair, PATIENT, PAYLOAD);
		assert_ok!(Registry::verify_and_consume(&PATIENT, PAYLOAD, Some(&accepted)));
		assert_noop!(
			Registry::verify_and_consume(&PATIENT, PAYLOAD, Some(&accepted)),
			Error::<Test>::StaleSecondFactorNonce
		);
	});
}

#[test]
fn a_proof_bound_to_another_payload_is_refused() {
	test(|| {
		let pair = sr25519_pair(1);
		register_key(PATIENT, &pair);
		let for_other_call = proof(&pair, PATIENT, b"records/read:43");
		assert_noop!(
			Registry::verify_and_consume(&PATIENT, PAYLOAD, Some(&for_other_call)),
			Error::<Test>::BadSecondFactorSignature
		);
		// The removal payload is not accepted for other calls either.
		let removal = proof(&pair, PATIENT, REMOVE_SECOND_FACTOR_PAYLOAD);
		assert_noop!(
			Registry::verify_and_consume(&PATIENT, PAYLOAD, Some(&removal)),
			Error::<Test>::BadSecondFactorSignature
		);
	});
}

#[test]
fn a_proof_made_for_another_account_is_refused() {
	test(|| {
		// Both accounts use the same key; a proof for one does not serve the other.
		let pair = sr25519_pair(1);
		register_key(PATIENT, &pair);
		register_key(OUTSIDER, &pair);
		assert_noop!(
			Registry::verify_and_consume(&PATIENT, PAYLOAD, Some(&proof(&pair, OUTSIDER, PAYLOAD))),
			Error::<Test>::BadSecondFactorSignature
		);
	});
}

#[test]
fn a_proof_for_another_chain_is_refused() {
	test(|| {
		let pair = sr25519_pair(1);
		register_key(PATIENT, &pair);
		let here = proof(&pair, PATIENT, PAYLOAD);
		frame_system::BlockHash::<Test>::insert(0, sp_core::H256::repeat_byte(1));
		assert_noop!(
			Registry::verify_and_consume(&PATIENT, PAYLOAD, Some(&here)),
			Error::<Test>::BadSecondFactorSignature
		);
	});
}

#[test]
fn a_missing_proof_is_refused_when_the_account_has_a_key() {
	test(|| {
		register_key(PATIENT, &sr25519_pair(1));
		assert_noop!(
			Registry::verify_and_consume(&PATIENT, PAYLOAD, None),
			Error::<Test>::SecondFactorRequired
		);
	});
}

#[test]
fn a_missing_proof_is_refused_when_the_organisation_requires_one() {
	test(|| {
		register_physician(LAB_ADMIN, LAB, LAB_TECH);
		assert!(Registry::is_required(&LAB_TECH));
		assert_noop!(
			Registry::verify_and_consume(&LAB_TECH, PAYLOAD, None),
			Error::<Test>::SecondFactorRequired
		);
	});
}

#[test]
fn a_proof_without_a_registered_key_is_refused() {
	test(|| {
		let pair = sr25519_pair(1);
		// Required by the organisation, but no key yet.
		register_physician(LAB_ADMIN, LAB, LAB_TECH);
		assert_noop!(
			sign_second_factor(&pair, LAB_TECH, PAYLOAD),
			Error::<Test>::NoSecondFactorKey
		);
		// Not required at all, but a proof is offered.
		assert_noop!(sign_second_factor(&pair, PATIENT, PAYLOAD), Error::<Test>::NoSecondFactorKey);
	});
}

#[test]
fn no_proof_is_needed_where_none_is_required() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		for who in [PATIENT, DOCTOR] {
			assert!(!Registry::is_required(&who));
			assert_ok!(Registry::verify_and_consume(&who, PAYLOAD, None));
			assert_eq!(SecondFactorNonce::<Test>::get(who), 0);
		}
	});
}

#[test]
fn ed25519_and_ecdsa_proofs_are_checked_like_sr25519_ones() {
	test(|| {
		let ed = ed25519_pair(1);
		register_key(DOCTOR, &ed);
		assert_ok!(sign_second_factor(&ed, DOCTOR, PAYLOAD));
		assert_noop!(
			sign_second_factor(&ed25519_pair(2), DOCTOR, PAYLOAD),
			Error::<Test>::BadSecondFactorSignature
		);

		let ecdsa = ecdsa_pair(1);
		register_key(NURSE, &ecdsa);
		assert_ok!(sign_second_factor(&ecdsa, NURSE, PAYLOAD));
		assert_noop!(
			sign_second_factor(&ecdsa_pair(2), NURSE, PAYLOAD),
			Error::<Test>::BadSecondFactorSignature
		);
	});
}
