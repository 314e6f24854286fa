use super::*;
use crate::Event;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

fn update(who: AccountId, device: DeviceId, hash: u8) -> sp_runtime::DispatchResult {
	DevicesPallet::record_firmware_update(RuntimeOrigin::signed(who), device, [hash; 32])
}

#[test]
fn the_custodian_records_a_published_update_and_the_flag_clears() {
	test(|| {
		let device = register(MAKER, 1);
		assert!(record(device).firmware_unpublished);
		assert_ok!(DevicesPallet::publish_firmware(
			RuntimeOrigin::signed(MAKER_ADMIN),
			MAKER,
			model(),
			[9; 32]
		));
		transfer(device, HOSPITAL);
		run_to(3);
		assert_ok!(update(HOSPITAL_ADMIN, device, 9));
		let d = record(device);
		assert_eq!(d.firmware, [9; 32]);
		assert!(!d.firmware_unpublished);
		assert_eq!(
			FirmwareHistory::<Test>::get(device).last().copied(),
			Some(FirmwareEntry { firmware: [9; 32], at: 3, timestamp_ms: time_of(3), published: true })
		);
		System::assert_last_event(
			Event::FirmwareUpdated { device, firmware: [9; 32], published: true }.into(),
		);
	});
}

#[test]
fn an_unpublished_update_flags_the_device() {
	test(|| {
		assert_ok!(DevicesPallet::publish_firmware(
			RuntimeOrigin::signed(MAKER_ADMIN),
			MAKER,
			model(),
			[1; 32]
		));
		let device = register(MAKER, 1);
		assert!(!record(device).firmware_unpublished);
		assert_ok!(update(MAKER_ADMIN, device, 7));
		assert!(record(device).firmware_unpublished);
		System::assert_has_event(
			Event::FirmwareUpdated { device, firmware: [7; 32], published: false }.into(),
		);
		System::assert_last_event(Event::UnpublishedFirmware { device, firmware: [7; 32] }.into());
		// A release of another model does not count.
		assert_ok!(DevicesPallet::publish_firmware(
			RuntimeOrigin::signed(MAKER_ADMIN),
			MAKER,
			other_model(),
			[8; 32]
		));
		assert_ok!(update(MAKER_ADMIN, device, 8));
		assert!(record(device).firmware_unpublished);
		assert_eq!(DevicesPallet::runs_published_firmware(device), Some(false));
	});
}

#[test]
fn record_firmware_update_errors() {
	test(|| {
		let device = register(MAKER, 1);
		assert_noop!(update(MAKER_ADMIN, [0xEE; 32], 2), Error::<Test>::UnknownDevice);
		assert_ok!(DevicesPallet::decommission(RuntimeOrigin::signed(MAKER_ADMIN), device));
		assert_noop!(update(MAKER_ADMIN, device, 2), Error::<Test>::DeviceDecommissioned);
	});
}

#[test]
fn only_an_admin_of_the_custodian_records_updates() {
	test(|| {
		let device = register(MAKER, 1);
		transfer(device, HOSPITAL);
		for who in [STRANGER, MAKER_ADMIN] {
			assert_noop!(update(who, device, 2), Error::<Test>::NotCustodianAdmin);
		}
		assert_noop!(
			DevicesPallet::record_firmware_update(RuntimeOrigin::none(), device, [2; 32]),
			DispatchError::BadOrigin
		);
		assert_noop!(
			DevicesPallet::record_firmware_update(RuntimeOrigin::root(), device, [2; 32]),
			DispatchError::BadOrigin
		);
	});
}
