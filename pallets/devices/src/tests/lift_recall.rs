use super::*;
use crate::Event;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_manufacturer_lifts_a_recall_and_the_device_is_active_again() {
	test(|| {
		let device = register(MAKER, 1);
		assert_ok!(DevicesPallet::recall(RuntimeOrigin::root(), device));
		assert_ok!(DevicesPallet::lift_recall(RuntimeOrigin::signed(MAKER_ADMIN), device));
		assert_eq!(record(device).status, DeviceStatus::Active);
		assert_eq!(
			statuses(device),
			vec![DeviceStatus::Active, DeviceStatus::Recalled, DeviceStatus::Active]
		);
		System::assert_last_event(
			Event::RecallLifted { device, by: Actor::Organisation(MAKER) }.into(),
		);
	});
}

#[test]
fn governance_lifts_a_recall() {
	test(|| {
		let device = register(MAKER, 1);
		assert_ok!(DevicesPallet::recall(RuntimeOrigin::signed(MAKER_ADMIN), device));
		assert_ok!(DevicesPallet::lift_recall(RuntimeOrigin::root(), device));
		System::assert_last_event(Event::RecallLifted { device, by: Actor::Governance }.into());
	});
}

#[test]
fn lift_recall_errors() {
	test(|| {
		let device = register(MAKER, 1);
		assert_noop!(
			DevicesPallet::lift_recall(RuntimeOrigin::root(), [0xEE; 32]),
			Error::<Test>::UnknownDevice
		);
		assert_noop!(
			DevicesPallet::lift_recall(RuntimeOrigin::root(), device),
			Error::<Test>::DeviceNotRecalled
		);
		assert_ok!(DevicesPallet::decommission(RuntimeOrigin::signed(MAKER_ADMIN), device));
		assert_noop!(
			DevicesPallet::lift_recall(RuntimeOrigin::root(), device),
			Error::<Test>::DeviceNotRecalled
		);
	});
}

#[test]
fn only_the_manufacturer_or_governance_lifts_a_recall() {
	test(|| {
		let device = register(MAKER, 1);
		transfer(device, HOSPITAL);
		assert_ok!(DevicesPallet::recall(RuntimeOrigin::root(), device));
		for who in [STRANGER, HOSPITAL_ADMIN, OTHER_MAKER_ADMIN] {
			assert_noop!(
				DevicesPallet::lift_recall(RuntimeOrigin::signed(who), device),
				Error::<Test>::NotManufacturerAdmin
			);
		}
		assert_noop!(
			DevicesPallet::lift_recall(RuntimeOrigin::none(), device),
			DispatchError::BadOrigin
		);
	});
}
