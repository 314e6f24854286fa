//! Tests of the devices pallet: one file per call, plus the shared helpers and the checks
//! of the derivation, bounds and invariants here.

use crate::{mock::*, pallet::*, types::*};
use codec::{Encode, MaxEncodedLen};
use frame_support::{assert_ok, traits::Get, BoundedVec};
use iomt_primitives::{DeviceId, DeviceKey, OrganisationId};

mod accept;
mod batch_signer;
mod decommission;
mod lift_recall;
mod publish_firmware;
mod recall;
mod recall_model;
mod record_firmware_update;
mod register_device;
mod reject;
mod resume;
mod rotate_key;
mod runtime_api;
mod ship;
mod suspend;

/// A bounded byte string.
pub fn bytes<S: Get<u32>>(b: &[u8]) -> BoundedVec<u8, S> {
	BoundedVec::truncate_from(b.to_vec())
}

/// The model of the test devices.
pub fn model() -> ModelIdOf<Test> {
	bytes(b"pump-1")
}

/// Another model of `MAKER`.
pub fn other_model() -> ModelIdOf<Test> {
	bytes(b"pump-2")
}

/// The UDI-DI of the test devices.
pub fn udi() -> UdiDiOf<Test> {
	bytes(b"00844588003288")
}

/// The serial of test device `n`.
pub fn serial(n: u8) -> SerialOf<Test> {
	bytes(&[b'S', n])
}

/// The admin of a manufacturer.
pub fn admin_of(org: OrganisationId) -> AccountId {
	match org {
		MAKER => MAKER_ADMIN,
		OTHER_MAKER => OTHER_MAKER_ADMIN,
		HOSPITAL => HOSPITAL_ADMIN,
		_ => DISTRIBUTOR_ADMIN,
	}
}

/// Registers device `n` of `maker`'s `model()` (key seed `n`, firmware `[n; 32]`).
pub fn register(maker: OrganisationId, n: u8) -> DeviceId {
	register_with(maker, n, model(), BoundedVec::new())
}

/// Registers device `n` of `maker`'s `model` with `components`.
pub fn register_with(
	maker: OrganisationId,
	n: u8,
	model: ModelIdOf<Test>,
	components: ComponentsOf<Test>,
) -> DeviceId {
	assert_ok!(DevicesPallet::register_device(
		RuntimeOrigin::signed(admin_of(maker)),
		maker,
		udi(),
		serial(n),
		model,
		device_key(n),
		[n; 32],
		None,
		components,
	));
	DevicesPallet::device_id(&udi(), &serial(n))
}

/// Moves `device` from its custodian to `to` (ship and accept).
pub fn transfer(device: DeviceId, to: OrganisationId) {
	let from = record(device).custodian;
	assert_ok!(DevicesPallet::ship(RuntimeOrigin::signed(admin_of(from)), device, to));
	assert_ok!(DevicesPallet::accept(RuntimeOrigin::signed(admin_of(to)), device));
}

/// The stored record of `device`.
pub fn record(device: DeviceId) -> Device<Test> {
	Devices::<Test>::get(device).expect("device is registered")
}

/// The statuses in the status history of `device`.
pub fn statuses(device: DeviceId) -> Vec<DeviceStatus> {
	StatusHistory::<Test>::get(device).iter().map(|c| c.status).collect()
}

/// Moves to block `n`.
pub fn run_to(n: BlockNumber) {
	System::set_block_number(n);
}

#[test]
fn device_id_is_the_blake2_of_the_tagged_udi_and_serial() {
	test(|| {
		let mut expected = b"iomt/udi".to_vec();
		expected.extend((b"00844588003288".to_vec(), b"S\x01".to_vec()).encode());
		assert_eq!(
			DevicesPallet::device_id(b"00844588003288", b"S\x01"),
			sp_io::hashing::blake2_256(&expected)
		);
		assert_ne!(DevicesPallet::device_id(b"a", b"bc"), DevicesPallet::device_id(b"ab", b"c"));
	});
}

#[test]
fn rotation_message_is_the_tagged_device_and_key() {
	let device = [5u8; 32];
	let key = DeviceKey::Sr25519([6; 32]);
	let mut expected = b"iomt/device-rotate".to_vec();
	expected.extend(device.encode());
	expected.extend(key.encode());
	assert_eq!(DevicesPallet::rotation_message(&device, &key), expected);
}

#[test]
fn histories_drop_the_oldest_entry_when_full() {
	test(|| {
		let device = register(MAKER, 1);
		// One entry from registration, then five more than fit.
		for i in 0..5u8 {
			run_to(2 + i as u64);
			assert_ok!(DevicesPallet::record_firmware_update(
				RuntimeOrigin::signed(MAKER_ADMIN),
				device,
				[10 + i; 32]
			));
		}
		let history = FirmwareHistory::<Test>::get(device);
		assert_eq!(history.len() as u32, MaxHistoryLength::get());
		let hashes: Vec<_> = history.iter().map(|e| e.firmware[0]).collect();
		assert_eq!(hashes, vec![11, 12, 13, 14]);
		assert_eq!(history.last().map(|e| e.at), Some(6));
	});
}

#[test]
fn bounded_types_max_encoded_len_matches_the_configured_constants() {
	let compact = |n: u32| codec::Compact(n).encoded_size();
	let block = BlockNumber::max_encoded_len();
	let bytes_of = |n: u32| compact(n) + n as usize;
	assert_eq!(UdiDiOf::<Test>::max_encoded_len(), bytes_of(MaxUdiDiLength::get()));
	assert_eq!(SerialOf::<Test>::max_encoded_len(), bytes_of(MaxSerialLength::get()));
	assert_eq!(ModelIdOf::<Test>::max_encoded_len(), bytes_of(MaxModelIdLength::get()));
	let components = compact(MaxComponents::get()) + MaxComponents::get() as usize * 32;
	assert_eq!(ComponentsOf::<Test>::max_encoded_len(), components);

	let device = bytes_of(MaxUdiDiLength::get())
		+ bytes_of(MaxModelIdLength::get())
		+ 4 // manufacturer
		+ (1 + 33) // key: largest is ecdsa
		+ 32 // firmware
		+ 1 // firmware_unpublished
		+ (1 + 32) // sbom
		+ components
		+ 4 // custodian
		+ (1 + 4) // shipped_to
		+ 1 // status
		+ block // registered_at
		+ AccountId::max_encoded_len()
		+ Balance::max_encoded_len();
	assert_eq!(Device::<Test>::max_encoded_len(), device);

	let releases = compact(MaxReleasesPerModel::get()) + MaxReleasesPerModel::get() as usize * 32;
	assert_eq!(Model::<Test>::max_encoded_len(), releases + 1 + block);

	let history =
		|entry: usize| compact(MaxHistoryLength::get()) + MaxHistoryLength::get() as usize * entry;
	// Every history entry carries its block and an 8-byte Unix-milliseconds timestamp.
	let time = 8;
	assert_eq!(CustodyHistoryOf::<Test>::max_encoded_len(), history(4 + block + time));
	assert_eq!(FirmwareHistoryOf::<Test>::max_encoded_len(), history(32 + block + time + 1));
	// status, block, time, actor (variant + organisation)
	assert_eq!(StatusHistoryOf::<Test>::max_encoded_len(), history(1 + block + time + 5));
}

#[test]
fn try_state_catches_a_device_missing_from_the_custody_index() {
	new_test_ext().execute_with(|| {
		let device = register(MAKER, 1);
		assert_ok!(DevicesPallet::do_try_state());
		DevicesInCustody::<Test>::remove(MAKER, device);
		assert!(DevicesPallet::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_custody_index_entry_of_another_custodian() {
	new_test_ext().execute_with(|| {
		let device = register(MAKER, 1);
		DevicesInCustody::<Test>::insert(HOSPITAL, device, ());
		assert!(DevicesPallet::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_device_missing_from_the_model_index() {
	new_test_ext().execute_with(|| {
		let device = register(MAKER, 1);
		DevicesOfModel::<Test>::remove((MAKER, model()), device);
		assert!(DevicesPallet::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_model_index_entry_without_device() {
	new_test_ext().execute_with(|| {
		DevicesOfModel::<Test>::insert((MAKER, model()), [3u8; 32], ());
		assert!(DevicesPallet::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_custody_history_that_disagrees_with_the_record() {
	new_test_ext().execute_with(|| {
		let device = register(MAKER, 1);
		Devices::<Test>::mutate(device, |d| {
			if let Some(d) = d {
				d.custodian = HOSPITAL;
			}
		});
		DevicesInCustody::<Test>::remove(MAKER, device);
		DevicesInCustody::<Test>::insert(HOSPITAL, device, ());
		assert!(DevicesPallet::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_deposit_that_differs_from_the_hold() {
	new_test_ext().execute_with(|| {
		let device = register(MAKER, 1);
		Devices::<Test>::mutate(device, |d| {
			if let Some(d) = d {
				d.deposit += 1;
			}
		});
		assert!(DevicesPallet::do_try_state().is_err());
	});
}
