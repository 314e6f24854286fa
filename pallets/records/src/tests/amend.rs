//! `amend`: a new version supersedes the old one, which stays; every refusal.

use super::*;
use crate::{Error, Event};
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::{
	AccessAction, AccessBasis, AccessTarget, Accessor, AuditAction, AuditEntity, AuditOutcome,
	DenialReason, Purpose,
};
use sp_runtime::DispatchError;

/// `DOCTOR` (consented) anchors record 0 about `PATIENT` in `Diagnoses`.
fn doctor_record() {
	MockDecision::set(Accessor::Account(DOCTOR), PATIENT, Ok(AccessBasis::Consent(1)));
	assert_ok!(anchor_as(DOCTOR, PATIENT, RecordCategory::Diagnoses, [1; 32]));
}

#[test]
fn the_author_amends_and_the_old_version_stays_superseded() {
	test(|| {
		doctor_record();
		System::set_block_number(3);
		assert_ok!(amend_as(DOCTOR, 0, [2; 32]));

		let old = RecordStore::<Test>::get(0).expect("kept");
		assert_eq!(old.superseded_by, Some(1));
		assert_eq!(old.body.anchored_hash(), [1; 32]);
		let new = RecordStore::<Test>::get(1).expect("anchored");
		assert_eq!(new.patient, PATIENT);
		assert_eq!(new.category, RecordCategory::Diagnoses);
		assert_eq!(new.supersedes, Some(0));
		assert_eq!(new.superseded_by, None);
		assert_eq!(new.version, 2);
		assert_eq!(new.anchored_at, 3);
		assert_eq!(
			new.body,
			RecordBody::Document {
				hash: [2; 32],
				algorithm: HashAlgorithm::Blake2_256,
				locator: good_locator(),
				size: 8192,
				encryption: EncryptionScheme::ChaCha20Poly1305,
			}
		);
		assert_eq!(RecordOfHash::<Test>::get(PATIENT, [2; 32]), Some(1));
		assert_eq!(held(DOCTOR), 2 * document_deposit());
		assert_eq!(Records::version_chain(0), vec![0, 1]);
		assert_eq!(Records::version_chain(1), vec![0, 1]);
		assert_eq!(
			last_event(),
			RuntimeEvent::Records(Event::RecordAmended {
				old_record: 0,
				record_id: 1,
				patient: PATIENT,
				hash: [2; 32],
				author: DOCTOR,
				deposit: document_deposit(),
			})
		);
		assert_eq!(
			MockAudit::entries().last().cloned(),
			Some((
				PATIENT,
				Accessor::Account(DOCTOR),
				AuditAction::RecordAmended,
				AuditEntity::Record(0),
				Some(Purpose::Treatment),
				AuditOutcome::Allowed(Some(AccessBasis::Consent(1))),
			))
		);
		// The write was asked for the old record's patient and category.
		assert_eq!(
			MockDecision::questions().last().cloned(),
			Some((
				Accessor::Account(DOCTOR),
				PATIENT,
				AccessTarget::Category(RecordCategory::Diagnoses),
				AccessAction::Write,
				Purpose::Treatment,
			))
		);
	});
}

#[test]
fn the_controller_amends_a_practitioners_record() {
	test(|| {
		doctor_record();
		assert_ok!(amend_as(CONTROLLER, 0, [2; 32]));
		assert_eq!(RecordStore::<Test>::get(1).map(|r| r.author), Some(CONTROLLER));
		assert_eq!(held(CONTROLLER), document_deposit());
	});
}

#[test]
fn unsigned_and_root_origins_are_refused() {
	test(|| {
		doctor_record();
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				Records::amend(
					origin,
					0,
					[2; 32],
					HashAlgorithm::Sha2_256,
					good_locator(),
					1,
					EncryptionScheme::Aes256Gcm,
				),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn a_missing_record_is_refused() {
	test(|| {
		assert_noop!(amend_as(CONTROLLER, 7, [2; 32]), Error::<Test>::RecordNotFound);
	});
}

#[test]
fn a_retired_patients_record_is_refused() {
	test(|| {
		doctor_record();
		MockPseudonyms::retire(PATIENT);
		assert_noop!(amend_as(DOCTOR, 0, [2; 32]), Error::<Test>::UnknownPatient);
	});
}

#[test]
fn a_writer_whose_consent_ended_is_refused() {
	test(|| {
		doctor_record();
		assert_noop!(amend_as(STRANGER, 0, [2; 32]), Error::<Test>::NoWriteConsent);
		MockDecision::set(Accessor::Account(DOCTOR), PATIENT, Err(DenialReason::ConsentRevoked));
		assert_noop!(amend_as(DOCTOR, 0, [2; 32]), Error::<Test>::ConsentRevoked);
	});
}

#[test]
fn a_batch_cannot_be_amended() {
	test(|| {
		MockDecision::set(Accessor::Device(DEVICE), PATIENT, Ok(AccessBasis::Consent(2)));
		assert_ok!(relay(DOCTOR, PATIENT, DEVICE, [9; 32], 4));
		assert_noop!(amend_as(CONTROLLER, 0, [2; 32]), Error::<Test>::BatchNotAmendable);
	});
}

#[test]
fn an_erased_record_cannot_be_amended() {
	test(|| {
		doctor_record();
		assert_ok!(Records::erase(RuntimeOrigin::signed(CONTROLLER), 0, None));
		assert_noop!(amend_as(CONTROLLER, 0, [2; 32]), Error::<Test>::RecordErased);
	});
}

#[test]
fn only_the_latest_version_can_be_amended() {
	test(|| {
		doctor_record();
		assert_ok!(amend_as(DOCTOR, 0, [2; 32]));
		assert_noop!(amend_as(DOCTOR, 0, [3; 32]), Error::<Test>::AlreadySuperseded);
		assert_ok!(amend_as(DOCTOR, 1, [3; 32]));
	});
}

#[test]
fn a_chain_stops_at_max_versions() {
	test(|| {
		doctor_record();
		assert_ok!(amend_as(DOCTOR, 0, [2; 32]));
		assert_ok!(amend_as(DOCTOR, 1, [3; 32]));
		assert_eq!(RecordStore::<Test>::get(2).map(|r| r.version), Some(MaxVersions::get()));
		assert_noop!(amend_as(DOCTOR, 2, [4; 32]), Error::<Test>::TooManyVersions);
		assert_eq!(Records::version_chain(1), vec![0, 1, 2]);
	});
}

#[test]
fn a_malformed_locator_is_refused() {
	test(|| {
		doctor_record();
		for (bad, error) in [
			(locator(b"Bafkqaaa"), Error::<Test>::LocatorNotBase32Lower),
			(
				locator(&cid::encode_cid_v1(0x78, 0x12, &[0; 32])),
				Error::<Test>::LocatorCodecUnsupported,
			),
			(
				locator(&cid::encode_cid_v1(0x55, 0x12, &[])),
				Error::<Test>::LocatorMultihashMalformed,
			),
			(locator(b"baa"), Error::<Test>::LocatorNotCidV1),
		] {
			assert_noop!(
				Records::amend(
					RuntimeOrigin::signed(DOCTOR),
					0,
					[2; 32],
					HashAlgorithm::Sha2_256,
					bad,
					1,
					EncryptionScheme::Aes256Gcm,
				),
				error
			);
		}
	});
}

#[test]
fn an_amendment_with_an_anchored_hash_is_refused() {
	test(|| {
		doctor_record();
		assert_noop!(amend_as(DOCTOR, 0, [1; 32]), Error::<Test>::HashAlreadyAnchored);
	});
}

#[test]
fn an_author_who_cannot_afford_the_deposit_is_refused() {
	test(|| {
		doctor_record();
		MockDecision::set(Accessor::Account(POOR_DOCTOR), PATIENT, Ok(AccessBasis::Consent(0)));
		assert_noop!(
			amend_as(POOR_DOCTOR, 0, [2; 32]),
			Error::<Test>::InsufficientBalanceForDeposit
		);
	});
}

#[test]
fn amending_stops_when_record_ids_run_out() {
	test(|| {
		doctor_record();
		NextRecordId::<Test>::put(RecordId::MAX);
		assert_noop!(amend_as(DOCTOR, 0, [2; 32]), Error::<Test>::RecordIdsExhausted);
		NextRecordId::<Test>::put(1);
	});
}
