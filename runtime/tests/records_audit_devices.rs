//! Records, audit trail and device provenance through the whole runtime:
//! - a patient's full audit trail after a grant, an allowed access, a revocation, a denied
//!   access and a break-glass access, with the hash-chain head verified;
//! - a device followed from manufacture through a distributor to a hospital, assigned to a
//!   patient by a consent, anchoring a signed batch whose reading is proven (a tampered one
//!   refused), then recalled: its batches are refused and the recall is in its provenance.

mod common;
use common::*;

use codec::Encode;
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::{
	AccessAction, AccessBasis, AccessTarget, Accessor, AuditAction, AuditOutcome, DenialReason, DeviceKey,
	Grantee, OrganisationId, OrganisationKind, PatientId, PractitionerRole, Purpose,
	RecordCategory, ReviewFinding,
};
use iomt_runtime::{
	AccountId, Audit, BlockNumber, Consent, Devices, Pseudonyms, Records, Registry,
	Runtime, RuntimeOrigin, System,
};
use pallet_consent::{ConsentScope, EmergencyReason};
use sp_core::{sr25519, Pair, H256};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{traits::BlakeTwo256, MultiSignature};

fn admit(kind: OrganisationKind, name: &str, admin: &AccountId) -> OrganisationId {
	let id = pallet_registry::NextOrganisationId::<Runtime>::get();
	assert_ok!(Registry::admit_organisation(
		RuntimeOrigin::root(),
		kind,
		name.as_bytes().to_vec().try_into().unwrap(),
		vec![admin.clone()].try_into().unwrap(),
	));
	id
}

fn signed(k: Sr25519Keyring) -> RuntimeOrigin {
	RuntimeOrigin::signed(k.to_account_id())
}

fn grant(patient: PatientId, grantee: Grantee<AccountId>, action: AccessAction) {
	assert_ok!(Consent::grant(
		signed(Sr25519Keyring::Dave),
		patient,
		grantee,
		ConsentScope::Categories(vec![RecordCategory::VitalSigns].try_into().unwrap()),
		vec![action].try_into().unwrap(),
		vec![Purpose::Treatment].try_into().unwrap(),
		None,
		None,
		None,
		None,
	));
}

#[test]
fn a_patients_full_trail_is_hash_chained_and_verifies() {
	dev_ext().execute_with(|| {
		let hospital_admin = Sr25519Keyring::Bob.to_account_id();
		let physician = Sr25519Keyring::Ferdie.to_account_id();
		let hospital = admit(OrganisationKind::CareProvider, "St Mary's Hospital", &hospital_admin);
		assert_ok!(Registry::register_practitioner(
			signed(Sr25519Keyring::Bob),
			hospital,
			physician.clone(),
			PractitionerRole::Physician,
			None,
		));
		let patient: PatientId = sp_io::hashing::blake2_256(b"wallet randomness");
		assert_ok!(Pseudonyms::register(signed(Sr25519Keyring::Dave), patient));
		let vitals = AccessTarget::Category(RecordCategory::VitalSigns);
		let request = || {
			assert_ok!(Audit::request_access(
				RuntimeOrigin::signed(physician.clone()),
				patient,
				vitals,
				AccessAction::Read,
				Purpose::Treatment,
				None
			));
		};

		// Grant, access (allowed), revoke, access (denied from the next block), emergency
		// window, access (allowed on the emergency basis).
		grant(patient, Grantee::Practitioner(physician.clone()), AccessAction::Read);
		request();
		System::set_block_number(2);
		let consent_id = Consent::consents_of_patient(patient, None, 10)[0].0;
		assert_ok!(Consent::revoke(signed(Sr25519Keyring::Dave), consent_id, None));
		System::set_block_number(3);
		request();
		assert_ok!(Consent::open_emergency(
			RuntimeOrigin::signed(physician.clone()),
			patient,
			EmergencyReason::Unconscious,
			100,
			None
		));
		request();

		let (head, length) = Audit::head(patient);
		let trail = Audit::patient_trail(patient, 0, 100, None);
		assert_eq!(trail.len() as u64, length);
		let actions: Vec<_> = trail.iter().map(|(_, e)| (e.action, e.outcome)).collect();
		assert_eq!(
			actions,
			vec![
				(AuditAction::ConsentGranted, AuditOutcome::Allowed(None)),
				(
					AuditAction::AccessRequest(AccessAction::Read),
					AuditOutcome::Allowed(Some(AccessBasis::Consent(consent_id)))
				),
				(AuditAction::ConsentRevoked, AuditOutcome::Allowed(None)),
				(
					AuditAction::AccessRequest(AccessAction::Read),
					AuditOutcome::Denied(DenialReason::ConsentRevoked)
				),
				(AuditAction::EmergencyOpened, AuditOutcome::Allowed(None)),
				(
					AuditAction::AccessRequest(AccessAction::Read),
					AuditOutcome::Allowed(Some(AccessBasis::Emergency(0)))
				),
			]
		);

		// The exported trail verifies against the on-chain head; a removed, altered or
		// reordered entry does not.
		let entries: Vec<_> = trail.into_iter().map(|(_, e)| e).collect();
		assert_eq!(pallet_audit::verify_chain(&entries, head), Ok(()));
		let mut removed = entries.clone();
		removed.remove(3);
		assert!(pallet_audit::verify_chain(&removed, head).is_err());
		let mut altered = entries.clone();
		altered[3].outcome = AuditOutcome::Allowed(None);
		assert!(pallet_audit::verify_chain(&altered, head).is_err());
		let mut reordered = entries.clone();
		reordered.swap(1, 3);
		assert!(pallet_audit::verify_chain(&reordered, head).is_err());

		// Auditors see the denied attempt and the break-glass access flagged, and the
		// allowed reads as disclosures.
		assert!(Audit::flagged(patient, None, 10).len() >= 2);
		assert_eq!(Audit::disclosures(patient, 0, 10).len(), 2);
		assert_eq!(
			Audit::accessor_history(Accessor::Account(physician.clone()), None, 10).len(),
			4,
			"three access requests and the emergency window"
		);

		// A regulator's auditor reviews the break-glass access: the review is the next
		// entry of the same trail, the head still verifies, and the access is no longer
		// waiting for review (the denied attempt still is). A physician may not review.
		let regulator = admit(OrganisationKind::Regulator, "Health Authority", &Sr25519Keyring::Eve.to_account_id());
		let auditor = Sr25519Keyring::Charlie.to_account_id();
		assert_ok!(Registry::register_practitioner(
			signed(Sr25519Keyring::Eve),
			regulator,
			auditor.clone(),
			PractitionerRole::Auditor,
			None,
		));
		let emergency_access = length - 1;
		assert_noop!(
			Audit::review(
				RuntimeOrigin::signed(physician.clone()),
				patient,
				emergency_access,
				ReviewFinding::Justified
			),
			pallet_audit::Error::<Runtime>::NotAReviewer
		);
		assert_ok!(Audit::review(
			RuntimeOrigin::signed(auditor.clone()),
			patient,
			emergency_access,
			ReviewFinding::Justified
		));
		let (review_index, review) = Audit::review_of(patient, emergency_access).expect("reviewed");
		assert_eq!(review_index, length);
		assert_eq!(review.action, AuditAction::Reviewed(ReviewFinding::Justified));
		assert_eq!((review.organisation, review.role), (Some(regulator), Some(PractitionerRole::Auditor)));
		let mut unreviewed: Vec<u64> =
			Audit::unreviewed(patient, None, 10).into_iter().map(|(i, _)| i).collect();
		unreviewed.sort();
		assert_eq!(unreviewed, vec![3, 4], "the denied attempt and the window opening remain");
		let (head, length) = Audit::head(patient);
		let entries: Vec<_> =
			Audit::patient_trail(patient, 0, 100, None).into_iter().map(|(_, e)| e).collect();
		assert_eq!(entries.len() as u64, length);
		assert_eq!(pallet_audit::verify_chain(&entries, head), Ok(()));
	});
}

#[test]
fn a_device_from_manufacture_to_recall() {
	dev_ext().execute_with(|| {
		let maker = admit(
			OrganisationKind::Manufacturer,
			"Charlie Medical Devices",
			&Sr25519Keyring::Charlie.to_account_id(),
		);
		let distributor =
			admit(OrganisationKind::Distributor, "Eve Distribution", &Sr25519Keyring::Eve.to_account_id());
		let hospital = admit(
			OrganisationKind::CareProvider,
			"St Mary's Hospital",
			&Sr25519Keyring::Bob.to_account_id(),
		);
		let nurse = Sr25519Keyring::Ferdie.to_account_id();
		assert_ok!(Registry::register_practitioner(
			signed(Sr25519Keyring::Bob),
			hospital,
			nurse.clone(),
			PractitionerRole::Nurse,
			None,
		));

		// Manufacture, at chain time T0 (the timestamp pallet's `now`).
		// (Set directly: `Timestamp::set` would also ask BABE to move its slot.)
		const T0: u64 = 1_767_225_600_000;
		let set_time = |ms: u64| pallet_timestamp::Now::<Runtime>::put(ms);
		set_time(T0);
		let device_pair = sr25519::Pair::from_string("//pulse-oximeter-0042", None).unwrap();
		let (udi_di, serial) = (b"00844588003288".to_vec(), b"SN-0042".to_vec());
		assert_ok!(Devices::register_device(
			signed(Sr25519Keyring::Charlie),
			maker,
			udi_di.clone().try_into().unwrap(),
			serial.clone().try_into().unwrap(),
			b"PO-200".to_vec().try_into().unwrap(),
			DeviceKey::Sr25519(device_pair.public().0),
			[7u8; 32],
			None,
			Default::default(),
		));
		let device = Devices::device_id(&udi_di, &serial);

		// Custody: manufacturer -> distributor -> hospital, each shipment accepted.
		assert_ok!(Devices::ship(signed(Sr25519Keyring::Charlie), device, distributor));
		assert_ok!(Devices::accept(signed(Sr25519Keyring::Eve), device));
		System::set_block_number(2);
		set_time(T0 + 6_000);
		assert_ok!(Devices::ship(signed(Sr25519Keyring::Eve), device, hospital));
		assert_ok!(Devices::accept(signed(Sr25519Keyring::Bob), device));
		assert_eq!(Devices::devices_in_custody(hospital, None, 10), vec![device]);

		// Assigned to a patient: a consent whose grantee is the device.
		let patient: PatientId = sp_io::hashing::blake2_256(b"another wallet's randomness");
		assert_ok!(Pseudonyms::register(signed(Sr25519Keyring::Dave), patient));
		grant(patient, Grantee::Device(device), AccessAction::Write);

		// A signed batch of readings, relayed by the hospital's nurse.
		let readings: Vec<Vec<u8>> =
			(0u32..5).map(|i| (i, 97u8 - i as u8, 1_700_000_000_000u64 + i as u64).encode()).collect();
		let root: H256 = binary_merkle_tree::merkle_root::<BlakeTwo256, _>(readings.clone());
		let (count, from_ms, until_ms) = (5u32, 1_700_000_000_000u64, 1_700_000_000_004u64);
		let payload = Records::batch_payload(&device, &patient, &root.0, count, from_ms, until_ms);
		let signature = MultiSignature::Sr25519(device_pair.sign(&payload));
		let anchor = |signature: MultiSignature| {
			Records::anchor_batch(
				RuntimeOrigin::signed(nurse.clone()),
				patient,
				device,
				root.0,
				count,
				from_ms,
				until_ms,
				signature,
			)
		};
		// A signature by another key is refused.
		let stranger = sr25519::Pair::from_string("//not-the-device", None).unwrap();
		assert!(anchor(MultiSignature::Sr25519(stranger.sign(&payload))).is_err());
		assert_ok!(anchor(signature.clone()));
		let batch_id = Records::records_of(patient, None, None, 10)[0].0;

		// One reading proven; a tampered reading refused.
		let proof = binary_merkle_tree::merkle_proof::<BlakeTwo256, _, _>(readings.clone(), 2);
		let siblings: Vec<[u8; 32]> = proof.proof.iter().map(|h| h.0).collect();
		assert!(Records::verify_reading(batch_id, readings[2].clone(), siblings.clone(), 2, 5));
		let mut tampered = readings[2].clone();
		tampered[4] ^= 1;
		assert!(!Records::verify_reading(batch_id, tampered, siblings, 2, 5));

		// Recall by the manufacturer: the device's batches are refused from now on, and
		// the recall is part of its provenance.
		System::set_block_number(3);
		set_time(T0 + 12_000);
		assert_ok!(Devices::recall(signed(Sr25519Keyring::Charlie), device));
		let next_root = [9u8; 32];
		let payload = Records::batch_payload(&device, &patient, &next_root, 1, until_ms, until_ms);
		assert_noop!(
			Records::anchor_batch(
				RuntimeOrigin::signed(nurse.clone()),
				patient,
				device,
				next_root,
				1,
				until_ms,
				until_ms,
				MultiSignature::Sr25519(device_pair.sign(&payload)),
			),
			pallet_records::Error::<Runtime>::DeviceNotActive
		);
		let provenance = Devices::provenance(device).expect("registered");
		let custodians: Vec<OrganisationId> =
			provenance.custody.iter().map(|c| c.custodian).collect();
		assert_eq!(custodians, vec![maker, distributor, hospital]);
		// Each custody entry carries its block and the chain time of that block.
		let when: Vec<(BlockNumber, u64)> =
			provenance.custody.iter().map(|c| (c.from, c.timestamp_ms)).collect();
		assert_eq!(when, vec![(1, T0), (1, T0), (2, T0 + 6_000)]);
		let recall = provenance
			.status
			.iter()
			.find(|s| s.status == pallet_devices::DeviceStatus::Recalled)
			.expect("the recall is in the status history");
		assert_eq!((recall.at, recall.timestamp_ms), (3, T0 + 12_000));
	});
}
