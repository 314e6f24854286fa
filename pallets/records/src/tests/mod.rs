//! Tests of the records pallet: one file per call, the read functions behind the runtime
//! API (listings, version chains, hash and reading proofs), bounds and invariants.

mod amend;
mod anchor;
mod anchor_batch;
mod erase;
mod runtime_api;
mod weights;

use crate::{
	cid, mock::*, EncryptionScheme, HashAlgorithm, HoldReason, LocatorOf, NextRecordId, Record,
	RecordBody, RecordOfHash, Records as RecordStore, RecordsOfPatient,
};
use codec::MaxEncodedLen;
use frame_support::{
	assert_ok,
	traits::{
		fungible::{InspectHold, MutateHold},
		tokens::Precision,
	},
};
use iomt_primitives::{DeviceId, PatientId, RecordCategory, RecordId};
use sp_runtime::{DispatchResult, MultiSignature};

/// The last event deposited.
pub fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was deposited").event
}

/// A valid raw sha2-256 CIDv1 whose digest is 32 times `fill`.
pub fn locator_with(fill: u8) -> LocatorOf<Test> {
	cid::encode_cid_v1(0x55, 0x12, &[fill; 32]).try_into().expect("within MaxLocatorLength")
}

/// A valid locator.
pub fn good_locator() -> LocatorOf<Test> {
	locator_with(0xAB)
}

/// `bytes` as a locator (not necessarily valid).
pub fn locator(bytes: &[u8]) -> LocatorOf<Test> {
	bytes.to_vec().try_into().expect("within MaxLocatorLength")
}

/// The deposit of a record with `good_locator()`.
pub fn document_deposit() -> Balance {
	RecordDepositBase::get() + good_locator().len() as Balance
}

/// Deposit held from `who` for records.
pub fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::RecordDeposit.into(), &who)
}

/// `who` anchors `hash` (locator `good_locator()`) about `patient` in `category`.
pub fn anchor_as(
	who: AccountId,
	patient: PatientId,
	category: RecordCategory,
	hash: [u8; 32],
) -> DispatchResult {
	Records::anchor(
		RuntimeOrigin::signed(who),
		patient,
		category,
		hash,
		HashAlgorithm::Sha2_256,
		good_locator(),
		4096,
		EncryptionScheme::Aes256Gcm,
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

/// `who` amends `old` with `hash` (locator `good_locator()`).
pub fn amend_as(who: AccountId, old: RecordId, hash: [u8; 32]) -> DispatchResult {
	Records::amend(
		RuntimeOrigin::signed(who),
		old,
		hash,
		HashAlgorithm::Blake2_256,
		good_locator(),
		8192,
		EncryptionScheme::ChaCha20Poly1305,
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

/// The signature of `signer`'s key over the batch payload.
pub fn batch_signature(
	signer: &DeviceId,
	device: &DeviceId,
	patient: &PatientId,
	root: &[u8; 32],
	count: u32,
	from_ms: u64,
	until_ms: u64,
) -> MultiSignature {
	MockDevices::sign(
		signer,
		&Records::batch_payload(device, patient, root, count, from_ms, until_ms),
	)
}

/// `who` relays a batch of `device` about `patient`, correctly signed by the device.
pub fn relay(
	who: AccountId,
	patient: PatientId,
	device: DeviceId,
	root: [u8; 32],
	count: u32,
) -> DispatchResult {
	let signature = batch_signature(&device, &device, &patient, &root, count, 1_000, 2_000);
	Records::anchor_batch(
		RuntimeOrigin::signed(who),
		patient,
		device,
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
fn bounded_types_max_encoded_len_match_the_configured_constants() {
	// 112 bytes and a two-byte compact length.
	assert_eq!(LocatorOf::<Test>::max_encoded_len(), 112 + 2);
	// Variant byte + the larger Document: hash, algorithm, locator, size, encryption.
	assert_eq!(RecordBody::<MaxLocatorLength>::max_encoded_len(), 1 + 32 + 1 + 114 + 8 + 1);
	// patient, category, body, author, organisation, anchored_at, timestamp, supersedes,
	// superseded_by, version, erased (by, at, basis), deposit.
	assert_eq!(
		Record::<Test>::max_encoded_len(),
		32 + 1 + 157 + 8 + 5 + 8 + 8 + 9 + 9 + 4 + (1 + 8 + 8 + 2) + 8
	);
}

#[test]
fn try_state_catches_a_record_missing_from_the_patient_index() {
	new_test_ext().execute_with(|| {
		assert_ok!(anchor_as(CONTROLLER, PATIENT, RecordCategory::Imaging, [1; 32]));
		assert_ok!(Records::do_try_state());
		RecordsOfPatient::<Test>::remove(PATIENT, 0);
		assert!(Records::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_record_missing_from_the_hash_index() {
	new_test_ext().execute_with(|| {
		assert_ok!(anchor_as(CONTROLLER, PATIENT, RecordCategory::Imaging, [1; 32]));
		RecordOfHash::<Test>::remove(PATIENT, [1; 32]);
		assert!(Records::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_broken_version_link() {
	new_test_ext().execute_with(|| {
		assert_ok!(anchor_as(CONTROLLER, PATIENT, RecordCategory::Imaging, [1; 32]));
		assert_ok!(amend_as(CONTROLLER, 0, [2; 32]));
		assert_ok!(Records::do_try_state());
		RecordStore::<Test>::mutate(0, |r| r.as_mut().expect("stored").superseded_by = None);
		assert!(Records::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_wrong_record_counter() {
	new_test_ext().execute_with(|| {
		assert_ok!(anchor_as(CONTROLLER, PATIENT, RecordCategory::Imaging, [1; 32]));
		NextRecordId::<Test>::put(5);
		assert!(Records::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_deposit_that_differs_from_the_hold() {
	new_test_ext().execute_with(|| {
		assert_ok!(anchor_as(CONTROLLER, PATIENT, RecordCategory::Imaging, [1; 32]));
		assert_ok!(Balances::release(
			&HoldReason::RecordDeposit.into(),
			&CONTROLLER,
			1,
			Precision::Exact
		));
		assert!(Records::do_try_state().is_err());
	});
}
