use super::*;
use crate::Event;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_custodian_suspends_an_active_device() {
	test(|| {
		let device = register(MAKER, 1);
		transfer(device, HOSPITAL);
		run_to(4);
		assert_ok!(DevicesPallet::suspend(RuntimeOrigin::signed(HOSPITAL_ADMIN), device));
		assert_eq!(record(device).status, DeviceStatus::Suspended);
		assert_eq!(
			StatusHistory::<Test>::get(device).last().copied(),
			Some(StatusChange {
				status: DeviceStatus::Suspended,
				at: 4,
				timestamp_ms: time_of(4),
				by: Actor::Organisation(HOSPITAL)
			})
		);
		System::assert_last_event(Event::DeviceSuspended { device, by: HOSPITAL }.into());
	});
}

#[test]
fn suspend_errors() {
	test(|| {
		let device = register(MAKER, 1);
		assert_noop!(
			DevicesPallet::suspend(RuntimeOrigin::signed(MAKER_ADMIN), [0xEE; 32]),
			Error::<Test>::UnknownDevice
		);
		assert_ok!(DevicesPallet::suspend(RuntimeOrigin::signed(MAKER_ADMIN), device));
		assert_noop!(
			DevicesPallet::suspend(RuntimeOrigin::signed(MAKER_ADMIN), device),
			Error::<Test>::DeviceNotActive
		);
		let recalled = register(MAKER, 2);
		assert_ok!(DevicesPallet::recall(RuntimeOrigin::root(), recalled));
		assert_noop!(
			DevicesPallet::suspend(RuntimeOrigin::signed(MAKER_ADMIN), recalled),
			Error::<Test>::DeviceNotActive
		);
		let gone = register(MAKER, 3);
		assert_ok!(DevicesPallet::decommission(RuntimeOrigin::signed(MAKER_ADMIN), gone));
		assert_noop!(
			DevicesPallet::suspend(RuntimeOrigin::signed(MAKER_ADMIN), gone),
			Error::<Test>::DeviceDecommissioned
		);
	});
}

#[test]
fn only_an_admin_of_the_custodian_suspends() {
	test(|| {
		let device = register(MAKER, 1);
		transfer(device, HOSPITAL);
		for who in [STRANGER, MAKER_ADMIN] {
			assert_noop!(
				DevicesPallet::suspend(RuntimeOrigin::signed(who), device),
				Error::<Test>::NotCustodianAdmin
			);
		}
		assert_noop!(
			DevicesPallet::suspend(RuntimeOrigin::none(), device),
			DispatchError::BadOrigin
		);
		assert_noop!(
			DevicesPallet::suspend(RuntimeOrigin::root(), device),
			DispatchError::BadOrigin
		);
	});
}
