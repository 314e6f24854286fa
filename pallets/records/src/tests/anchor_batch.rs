//! `anchor_batch`: a practitioner relays a device-signed batch; every refusal, including
//! signatures by the wrong key and over tampered data.

use super::*;
use crate::{Error, Event};
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::{
	AccessAction, AccessBasis, AccessTarget, Accessor, AuditAction, AuditEntity, AuditOutcome,
	DenialReason, DeviceDenial, Purpose,
};
use sp_core::Pair;
use sp_runtime::DispatchError;

const ROOT: [u8; 32] = [9; 32];

/// The patient allows `DEVICE` to write vital signs.
fn consent_device() {
	MockDecision::set(Accessor::Device(DEVICE), PATIENT, Ok(AccessBasis::Consent(2)));
}

fn submit(who: AccountId, root: [u8; 32], count: u32, signature: MultiSignature) -> DispatchResult {
	Records::anchor_batch(
		RuntimeOrigin::signed(who),
		PATIENT,
		DEVICE,
		root,
		count,
		1_000,
		2_000,
		signature,
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

#[test]
fn a_practitioner_relays_a_signed_batch() {
	test(|| {
		consent_device();
		assert_ok!(relay(DOCTOR, PATIENT, DEVICE, ROOT, 5));

		let record = RecordStore::<Test>::get(0).expect("anchored");
		assert_eq!(record.patient, PATIENT);
		assert_eq!(record.category, RecordCategory::VitalSigns);
		assert_eq!(
			record.body,
			RecordBody::Batch {
				device: DEVICE,
				merkle_root: ROOT,
				count: 5,
				from_ms: 1_000,
				until_ms: 2_000
			}
		);
		assert_eq!(record.author, DOCTOR);
		assert_eq!(record.organisation, Some(HOSPITAL));
		assert_eq!(record.deposit, RecordDepositBase::get());
		assert_eq!(held(DOCTOR), RecordDepositBase::get());
		assert_eq!(RecordOfHash::<Test>::get(PATIENT, ROOT), Some(0));
		assert_eq!(
			MockDecision::questions(),
			vec![(
				Accessor::Device(DEVICE),
				PATIENT,
				AccessTarget::Category(RecordCategory::VitalSigns),
				AccessAction::Write,
				Purpose::Treatment,
			)]
		);
		assert_eq!(
			last_event(),
			RuntimeEvent::Records(Event::BatchAnchored {
				record_id: 0,
				patient: PATIENT,
				device: DEVICE,
				merkle_root: ROOT,
				count: 5,
				relayer: DOCTOR,
				organisation: HOSPITAL,
				deposit: RecordDepositBase::get(),
			})
		);
		assert_eq!(
			MockAudit::entries(),
			vec![(
				PATIENT,
				Accessor::Device(DEVICE),
				AuditAction::BatchAnchored,
				AuditEntity::Record(0),
				Some(Purpose::Treatment),
				AuditOutcome::Allowed(Some(AccessBasis::Consent(2))),
			)]
		);
	});
}

#[test]
fn an_administrator_relays_too() {
	test(|| {
		consent_device();
		assert_ok!(relay(HOSPITAL_ADMIN, PATIENT, DEVICE, ROOT, 5));
	});
}

#[test]
fn the_payload_is_the_documented_scale_tuple() {
	let payload = Records::batch_payload(&DEVICE, &PATIENT, &ROOT, 5, 1_000, 2_000);
	let mut expected = b"iomt/batch".to_vec();
	expected.extend(DEVICE);
	expected.extend(PATIENT);
	expected.extend(ROOT);
	expected.extend(5u32.to_le_bytes());
	expected.extend(1_000u64.to_le_bytes());
	expected.extend(2_000u64.to_le_bytes());
	assert_eq!(payload, expected);
}

#[test]
fn unsigned_and_root_origins_are_refused() {
	test(|| {
		consent_device();
		let signature = batch_signature(&DEVICE, &DEVICE, &PATIENT, &ROOT, 5, 1_000, 2_000);
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				Records::anchor_batch(
					origin,
					PATIENT,
					DEVICE,
					ROOT,
					5,
					1_000,
					2_000,
					signature.clone()
				),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn a_relayer_who_is_not_an_active_practitioner_is_refused() {
	test(|| {
		consent_device();
		// CLINIC_ADMIN is an organisation admin but no practitioner.
		for who in [STRANGER, CONTROLLER, CLINIC_ADMIN] {
			assert_noop!(
				relay(who, PATIENT, DEVICE, ROOT, 5),
				Error::<Test>::NotActivePractitioner
			);
		}
		MockIdentity::remove_practitioner(DOCTOR);
		assert_noop!(relay(DOCTOR, PATIENT, DEVICE, ROOT, 5), Error::<Test>::NotActivePractitioner);
	});
}

#[test]
fn an_unknown_patient_is_refused() {
	test(|| {
		assert_noop!(
			relay(DOCTOR, UNKNOWN_PATIENT, DEVICE, ROOT, 5),
			Error::<Test>::UnknownPatient
		);
	});
}

#[test]
fn an_empty_batch_is_refused() {
	test(|| {
		consent_device();
		assert_noop!(relay(DOCTOR, PATIENT, DEVICE, ROOT, 0), Error::<Test>::EmptyBatch);
	});
}

#[test]
fn a_reversed_period_is_refused() {
	test(|| {
		consent_device();
		let payload = Records::batch_payload(&DEVICE, &PATIENT, &ROOT, 5, 2_000, 1_000);
		assert_noop!(
			Records::anchor_batch(
				RuntimeOrigin::signed(DOCTOR),
				PATIENT,
				DEVICE,
				ROOT,
				5,
				2_000,
				1_000,
				MockDevices::sign(&DEVICE, &payload),
			),
			Error::<Test>::BatchPeriodReversed
		);
	});
}

#[test]
fn every_device_denial_is_reported() {
	test(|| {
		consent_device();
		assert_noop!(relay(DOCTOR, PATIENT, [0x55; 32], ROOT, 5), Error::<Test>::UnknownDevice);
		// A device in another organisation's custody.
		assert_noop!(relay(OTHER_DOCTOR, PATIENT, DEVICE, ROOT, 5), Error::<Test>::NotCustodian);
		MockDevices::deny(DEVICE, DeviceDenial::DeviceNotActive);
		assert_noop!(relay(DOCTOR, PATIENT, DEVICE, ROOT, 5), Error::<Test>::DeviceNotActive);
		MockDevices::deny(DEVICE, DeviceDenial::NotCustodian);
		assert_noop!(relay(DOCTOR, PATIENT, DEVICE, ROOT, 5), Error::<Test>::NotCustodian);
		MockDevices::deny(DEVICE, DeviceDenial::UnknownDevice);
		assert_noop!(relay(DOCTOR, PATIENT, DEVICE, ROOT, 5), Error::<Test>::UnknownDevice);
	});
}

#[test]
fn a_signature_by_another_key_is_refused() {
	test(|| {
		consent_device();
		let by_other_device =
			batch_signature(&CLINIC_DEVICE, &DEVICE, &PATIENT, &ROOT, 5, 1_000, 2_000);
		assert_noop!(submit(DOCTOR, ROOT, 5, by_other_device), Error::<Test>::BadBatchSignature);
		// The right key pair's ed25519 twin: another scheme than the registered key.
		let ed = sp_core::ed25519::Pair::from_seed(&DEVICE)
			.sign(&Records::batch_payload(&DEVICE, &PATIENT, &ROOT, 5, 1_000, 2_000));
		assert_noop!(
			submit(DOCTOR, ROOT, 5, MultiSignature::Ed25519(ed)),
			Error::<Test>::BadBatchSignature
		);
	});
}

#[test]
fn a_tampered_root_count_or_patient_is_refused() {
	test(|| {
		consent_device();
		let signature = batch_signature(&DEVICE, &DEVICE, &PATIENT, &ROOT, 5, 1_000, 2_000);
		assert_noop!(
			submit(DOCTOR, [8; 32], 5, signature.clone()),
			Error::<Test>::BadBatchSignature
		);
		assert_noop!(submit(DOCTOR, ROOT, 6, signature.clone()), Error::<Test>::BadBatchSignature);
		MockDecision::set(Accessor::Device(DEVICE), OTHER_PATIENT, Ok(AccessBasis::Consent(3)));
		assert_noop!(
			Records::anchor_batch(
				RuntimeOrigin::signed(DOCTOR),
				OTHER_PATIENT,
				DEVICE,
				ROOT,
				5,
				1_000,
				2_000,
				signature.clone(),
			),
			Error::<Test>::BadBatchSignature
		);
		assert_ok!(submit(DOCTOR, ROOT, 5, signature));
	});
}

#[test]
fn a_device_the_patient_did_not_consent_to_is_refused() {
	test(|| {
		assert_noop!(relay(DOCTOR, PATIENT, DEVICE, ROOT, 5), Error::<Test>::NoWriteConsent);
		for (reason, error) in [
			(DenialReason::ConsentRevoked, Error::<Test>::ConsentRevoked),
			(DenialReason::ConsentExpired, Error::<Test>::ConsentExpired),
			(DenialReason::OutOfScope, Error::<Test>::ConsentOutOfScope),
			(DenialReason::AccessorInactive, Error::<Test>::AccessorInactive),
		] {
			MockDecision::set(Accessor::Device(DEVICE), PATIENT, Err(reason));
			assert_noop!(relay(DOCTOR, PATIENT, DEVICE, ROOT, 5), error);
		}
	});
}

#[test]
fn a_replayed_batch_is_refused() {
	test(|| {
		consent_device();
		assert_ok!(relay(DOCTOR, PATIENT, DEVICE, ROOT, 5));
		assert_noop!(relay(DOCTOR, PATIENT, DEVICE, ROOT, 5), Error::<Test>::HashAlreadyAnchored);
	});
}

#[test]
fn a_relayer_who_cannot_afford_the_deposit_is_refused() {
	test(|| {
		consent_device();
		// POOR_DOCTOR holds 20, the batch deposit is 50.
		assert_noop!(
			relay(POOR_DOCTOR, PATIENT, DEVICE, ROOT, 5),
			Error::<Test>::InsufficientBalanceForDeposit
		);
	});
}

#[test]
fn relaying_stops_when_record_ids_run_out() {
	test(|| {
		consent_device();
		NextRecordId::<Test>::put(RecordId::MAX);
		assert_noop!(relay(DOCTOR, PATIENT, DEVICE, ROOT, 5), Error::<Test>::RecordIdsExhausted);
		NextRecordId::<Test>::kill();
	});
}
