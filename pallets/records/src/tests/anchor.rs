//! `anchor`: who may anchor a document, what is stored, and every refusal.

use super::*;
use crate::{Error, Event, RecordOfHash};
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::{
	AccessAction, AccessBasis, AccessTarget, Accessor, AuditAction, AuditEntity, AuditOutcome,
	DenialReason, Purpose,
};
use sp_runtime::DispatchError;

#[test]
fn the_controller_anchors_a_document_holding_the_deposit() {
	test(|| {
		assert_ok!(anchor_as(CONTROLLER, PATIENT, RecordCategory::Imaging, [1; 32]));

		let record = RecordStore::<Test>::get(0).expect("anchored");
		assert_eq!(record.patient, PATIENT);
		assert_eq!(record.category, RecordCategory::Imaging);
		assert_eq!(
			record.body,
			RecordBody::Document {
				hash: [1; 32],
				algorithm: HashAlgorithm::Sha2_256,
				locator: good_locator(),
				size: 4096,
				encryption: EncryptionScheme::Aes256Gcm,
			}
		);
		assert_eq!(record.author, CONTROLLER);
		assert_eq!(record.organisation, None);
		assert_eq!(record.anchored_at, 1);
		assert_eq!(record.timestamp_ms, 1_700_000_000_000);
		assert_eq!((record.supersedes, record.superseded_by, record.version), (None, None, 1));
		assert_eq!(record.erased, None);
		assert_eq!(record.deposit, document_deposit());
		assert_eq!(held(CONTROLLER), document_deposit());
		assert_eq!(RecordOfHash::<Test>::get(PATIENT, [1; 32]), Some(0));
		assert!(RecordsOfPatient::<Test>::contains_key(PATIENT, 0));
		assert_eq!(NextRecordId::<Test>::get(), 1);
		// The controller needs no consent: the decision is not asked.
		assert!(MockDecision::questions().is_empty());
		assert_eq!(
			last_event(),
			RuntimeEvent::Records(Event::RecordAnchored {
				record_id: 0,
				patient: PATIENT,
				category: RecordCategory::Imaging,
				hash: [1; 32],
				author: CONTROLLER,
				deposit: document_deposit(),
			})
		);
		assert_eq!(
			MockAudit::entries(),
			vec![(
				PATIENT,
				Accessor::Account(CONTROLLER),
				AuditAction::RecordAnchored,
				AuditEntity::Record(0),
				Some(Purpose::Treatment),
				AuditOutcome::Allowed(Some(AccessBasis::PatientController)),
			)]
		);
	});
}

#[test]
fn a_consented_practitioner_anchors_with_their_organisation() {
	test(|| {
		MockDecision::set(Accessor::Account(DOCTOR), PATIENT, Ok(AccessBasis::Consent(5)));
		MockTime::set(1_800_000_000_123);
		System::set_block_number(4);
		assert_ok!(anchor_as(DOCTOR, PATIENT, RecordCategory::LaboratoryResults, [1; 32]));

		let record = RecordStore::<Test>::get(0).expect("anchored");
		assert_eq!(record.author, DOCTOR);
		assert_eq!(record.organisation, Some(HOSPITAL));
		assert_eq!(record.anchored_at, 4);
		assert_eq!(record.timestamp_ms, 1_800_000_000_123);
		assert_eq!(held(DOCTOR), document_deposit());
		assert_eq!(
			MockDecision::questions(),
			vec![(
				Accessor::Account(DOCTOR),
				PATIENT,
				AccessTarget::Category(RecordCategory::LaboratoryResults),
				AccessAction::Write,
				Purpose::Treatment,
			)]
		);
		assert_eq!(
			MockAudit::entries().last().map(|e| e.5),
			Some(AuditOutcome::Allowed(Some(AccessBasis::Consent(5))))
		);
	});
}

#[test]
fn an_emergency_window_allows_anchoring() {
	test(|| {
		MockDecision::set(Accessor::Account(DOCTOR), PATIENT, Ok(AccessBasis::Emergency(3)));
		assert_ok!(anchor_as(DOCTOR, PATIENT, RecordCategory::ClinicalNotes, [1; 32]));
		assert_eq!(
			MockAudit::entries().last().map(|e| e.5),
			Some(AuditOutcome::Allowed(Some(AccessBasis::Emergency(3))))
		);
	});
}

#[test]
fn unsigned_and_root_origins_are_refused() {
	test(|| {
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				Records::anchor(
					origin,
					PATIENT,
					RecordCategory::Imaging,
					[1; 32],
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
fn an_unknown_or_retired_patient_is_refused() {
	test(|| {
		assert_noop!(
			anchor_as(CONTROLLER, UNKNOWN_PATIENT, RecordCategory::Imaging, [1; 32]),
			Error::<Test>::UnknownPatient
		);
		MockPseudonyms::retire(PATIENT);
		assert_noop!(
			anchor_as(CONTROLLER, PATIENT, RecordCategory::Imaging, [1; 32]),
			Error::<Test>::UnknownPatient
		);
	});
}

#[test]
fn a_signer_without_consent_is_refused() {
	test(|| {
		assert_noop!(
			anchor_as(STRANGER, PATIENT, RecordCategory::Imaging, [1; 32]),
			Error::<Test>::NoWriteConsent
		);
		// Another patient's controller is nobody to this patient.
		assert_noop!(
			anchor_as(OTHER_CONTROLLER, PATIENT, RecordCategory::Imaging, [1; 32]),
			Error::<Test>::NoWriteConsent
		);
	});
}

#[test]
fn every_denial_of_the_access_decision_is_reported() {
	test(|| {
		for (reason, error) in [
			(DenialReason::UnknownPatient, Error::<Test>::UnknownPatient),
			(DenialReason::AccessorInactive, Error::<Test>::AccessorInactive),
			(DenialReason::NoConsent, Error::<Test>::NoWriteConsent),
			(DenialReason::ConsentRevoked, Error::<Test>::ConsentRevoked),
			(DenialReason::ConsentExpired, Error::<Test>::ConsentExpired),
			(DenialReason::OutOfScope, Error::<Test>::ConsentOutOfScope),
		] {
			MockDecision::set(Accessor::Account(DOCTOR), PATIENT, Err(reason));
			assert_noop!(anchor_as(DOCTOR, PATIENT, RecordCategory::Imaging, [1; 32]), error);
		}
	});
}

#[test]
fn every_malformed_locator_is_refused() {
	test(|| {
		let mut v0 = vec![0x00, 0x55, 0x12, 0x20];
		v0.extend([0u8; 32]);
		let mut v0_cid = vec![b'b'];
		v0_cid.extend(cid::encode_base32_lower(&v0));
		for (bad, error) in [
			(
				locator(b"QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"),
				Error::<Test>::LocatorNotBase32Lower,
			),
			(locator(b""), Error::<Test>::LocatorNotBase32Lower),
			(locator(&v0_cid), Error::<Test>::LocatorNotCidV1),
			(
				locator(&cid::encode_cid_v1(0x78, 0x12, &[0; 32])),
				Error::<Test>::LocatorCodecUnsupported,
			),
			(
				locator(&cid::encode_cid_v1(0x55, 0x12, &[0; 0])),
				Error::<Test>::LocatorMultihashMalformed,
			),
		] {
			assert_noop!(
				Records::anchor(
					RuntimeOrigin::signed(CONTROLLER),
					PATIENT,
					RecordCategory::Imaging,
					[1; 32],
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
fn the_same_hash_twice_for_one_patient_is_refused_but_not_for_another() {
	test(|| {
		assert_ok!(anchor_as(CONTROLLER, PATIENT, RecordCategory::Imaging, [1; 32]));
		assert_noop!(
			anchor_as(CONTROLLER, PATIENT, RecordCategory::Diagnoses, [1; 32]),
			Error::<Test>::HashAlreadyAnchored
		);
		assert_ok!(anchor_as(OTHER_CONTROLLER, OTHER_PATIENT, RecordCategory::Imaging, [1; 32]));
		assert_eq!(RecordOfHash::<Test>::get(OTHER_PATIENT, [1; 32]), Some(1));
	});
}

#[test]
fn an_author_who_cannot_afford_the_deposit_is_refused() {
	test(|| {
		MockDecision::set(Accessor::Account(POOR_DOCTOR), PATIENT, Ok(AccessBasis::Consent(0)));
		assert_noop!(
			anchor_as(POOR_DOCTOR, PATIENT, RecordCategory::Imaging, [1; 32]),
			Error::<Test>::InsufficientBalanceForDeposit
		);
	});
}

#[test]
fn anchoring_stops_when_record_ids_run_out() {
	test(|| {
		NextRecordId::<Test>::put(RecordId::MAX);
		assert_noop!(
			anchor_as(CONTROLLER, PATIENT, RecordCategory::Imaging, [1; 32]),
			Error::<Test>::RecordIdsExhausted
		);
		NextRecordId::<Test>::kill();
	});
}
