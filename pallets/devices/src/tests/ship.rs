use super::*;
use crate::Event;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_custodian_ships_a_device_and_keeps_custody_until_accepted() {
	test(|| {
		let device = register(MAKER, 1);
		assert_ok!(DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), device, DISTRIBUTOR));
		let d = record(device);
		assert_eq!(d.shipped_to, Some(DISTRIBUTOR));
		assert_eq!(d.custodian, MAKER);
		assert!(DevicesInCustody::<Test>::contains_key(MAKER, device));
		assert_eq!(CustodyHistory::<Test>::get(device).len(), 1);
		System::assert_last_event(
			Event::DeviceShipped { device, from: MAKER, to: DISTRIBUTOR }.into(),
		);
	});
}

#[test]
fn a_recalled_device_can_be_shipped_back_for_repair() {
	test(|| {
		let device = register(MAKER, 1);
		transfer(device, HOSPITAL);
		assert_ok!(DevicesPallet::recall(RuntimeOrigin::signed(MAKER_ADMIN), device));
		assert_ok!(DevicesPallet::ship(RuntimeOrigin::signed(HOSPITAL_ADMIN), device, MAKER));
	});
}

#[test]
fn ship_errors() {
	test(|| {
		let device = register(MAKER, 1);
		assert_noop!(
			DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), [0xEE; 32], HOSPITAL),
			Error::<Test>::UnknownDevice
		);
		assert_noop!(
			DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), device, MAKER),
			Error::<Test>::ShipToCurrentCustodian
		);
		assert_noop!(
			DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), device, UNKNOWN_ORG),
			Error::<Test>::RecipientNotActive
		);
		MockIdentity::set_active(HOSPITAL, false);
		assert_noop!(
			DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), device, HOSPITAL),
			Error::<Test>::RecipientNotActive
		);
		assert_ok!(DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), device, DISTRIBUTOR));
		assert_noop!(
			DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), device, OTHER_MAKER),
			Error::<Test>::ShipmentPending
		);
	});
}

#[test]
fn a_decommissioned_device_cannot_be_shipped() {
	test(|| {
		let device = register(MAKER, 1);
		assert_ok!(DevicesPallet::decommission(RuntimeOrigin::signed(MAKER_ADMIN), device));
		assert_noop!(
			DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), device, HOSPITAL),
			Error::<Test>::DeviceDecommissioned
		);
	});
}

#[test]
fn only_an_admin_of_the_custodian_ships() {
	test(|| {
		let device = register(MAKER, 1);
		for who in [STRANGER, HOSPITAL_ADMIN, OTHER_MAKER_ADMIN] {
			assert_noop!(
				DevicesPallet::ship(RuntimeOrigin::signed(who), device, HOSPITAL),
				Error::<Test>::NotCustodianAdmin
			);
		}
		assert_noop!(
			DevicesPallet::ship(RuntimeOrigin::none(), device, HOSPITAL),
			DispatchError::BadOrigin
		);
		assert_noop!(
			DevicesPallet::ship(RuntimeOrigin::root(), device, HOSPITAL),
			DispatchError::BadOrigin
		);
		// The manufacturer is no longer custodian once the device moved on.
		transfer(device, HOSPITAL);
		assert_noop!(
			DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), device, DISTRIBUTOR),
			Error::<Test>::NotCustodianAdmin
		);
	});
}
