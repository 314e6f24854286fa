use super::*;
use crate::Event;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_manufacturer_recalls_a_device_held_by_someone_else() {
	test(|| {
		let device = register(MAKER, 1);
		transfer(device, HOSPITAL);
		assert_ok!(DevicesPallet::recall(RuntimeOrigin::signed(MAKER_ADMIN), device));
		assert_eq!(record(device).status, DeviceStatus::Recalled);
		assert_eq!(
			StatusHistory::<Test>::get(device).last().map(|c| c.by),
			Some(Actor::Organisation(MAKER))
		);
		System::assert_last_event(
			Event::DeviceRecalled { device, by: Actor::Organisation(MAKER) }.into(),
		);
	});
}

#[test]
fn governance_recalls_a_suspended_device() {
	test(|| {
		let device = register(MAKER, 1);
		assert_ok!(DevicesPallet::suspend(RuntimeOrigin::signed(MAKER_ADMIN), device));
		assert_ok!(DevicesPallet::recall(RuntimeOrigin::root(), device));
		assert_eq!(record(device).status, DeviceStatus::Recalled);
		System::assert_last_event(Event::DeviceRecalled { device, by: Actor::Governance }.into());
	});
}

#[test]
fn recall_errors() {
	test(|| {
		let device = register(MAKER, 1);
		assert_noop!(
			DevicesPallet::recall(RuntimeOrigin::root(), [0xEE; 32]),
			Error::<Test>::UnknownDevice
		);
		assert_ok!(DevicesPallet::recall(RuntimeOrigin::root(), device));
		assert_noop!(
			DevicesPallet::recall(RuntimeOrigin::signed(MAKER_ADMIN), device),
			Error::<Test>::AlreadyRecalled
		);
		let gone = register(MAKER, 2);
		assert_ok!(DevicesPallet::decommission(RuntimeOrigin::signed(MAKER_ADMIN), gone));
		assert_noop!(
			DevicesPallet::recall(RuntimeOrigin::root(), gone),
			Error::<Test>::DeviceDecommissioned
		);
	});
}

#[test]
fn only_the_manufacturer_or_governance_recalls() {
	test(|| {
		let device = register(MAKER, 1);
		transfer(device, HOSPITAL);
		for who in [STRANGER, HOSPITAL_ADMIN, OTHER_MAKER_ADMIN] {
			assert_noop!(
				DevicesPallet::recall(RuntimeOrigin::signed(who), device),
				Error::<Test>::NotManufacturerAdmin
			);
		}
		assert_noop!(
			DevicesPallet::recall(RuntimeOrigin::none(), device),
			DispatchError::BadOrigin
		);
	});
}
