use super::*;
use crate::Event;
use frame_support::{assert_noop, traits::fungible::InspectHold};
use sp_runtime::DispatchError;

#[test]
fn the_custodian_decommissions_a_device_and_its_record_stays() {
	test(|| {
		let device = register(MAKER, 1);
		transfer(device, HOSPITAL);
		assert_ok!(DevicesPallet::suspend(RuntimeOrigin::signed(HOSPITAL_ADMIN), device));
		assert_ok!(DevicesPallet::decommission(RuntimeOrigin::signed(HOSPITAL_ADMIN), device));
		assert_eq!(record(device).status, DeviceStatus::Decommissioned);
		assert_eq!(statuses(device).last(), Some(&DeviceStatus::Decommissioned));
		assert!(DevicesInCustody::<Test>::contains_key(HOSPITAL, device));
		assert_eq!(CustodyHistory::<Test>::get(device).len(), 2);
	});
}

#[test]
fn decommissioning_releases_the_deposit_to_the_registering_admin() {
	test(|| {
		let device = register(MAKER, 1);
		let _second = register(MAKER, 2);
		transfer(device, HOSPITAL);
		let reason = HoldReason::DeviceDeposit.into();
		let free_before = Balances::free_balance(MAKER_ADMIN);
		assert_eq!(Balances::balance_on_hold(&reason, &MAKER_ADMIN), 2 * DeviceDeposit::get());
		// The hospital decommissions; the manufacturer's admin paid the deposit.
		assert_ok!(DevicesPallet::decommission(RuntimeOrigin::signed(HOSPITAL_ADMIN), device));
		assert_eq!(Balances::balance_on_hold(&reason, &MAKER_ADMIN), DeviceDeposit::get());
		assert_eq!(Balances::free_balance(MAKER_ADMIN), free_before + DeviceDeposit::get());
		assert_eq!(Balances::balance_on_hold(&reason, &HOSPITAL_ADMIN), 0);
		let d = record(device);
		assert_eq!(d.deposit, 0);
		assert_eq!(d.depositor, MAKER_ADMIN);
		System::assert_last_event(
			Event::DeviceDecommissioned {
				device,
				by: HOSPITAL,
				depositor: MAKER_ADMIN,
				released: DeviceDeposit::get(),
			}
			.into(),
		);
		assert_ok!(DevicesPallet::do_try_state());
	});
}

#[test]
fn a_recalled_device_can_be_decommissioned() {
	test(|| {
		let device = register(MAKER, 1);
		assert_ok!(DevicesPallet::recall(RuntimeOrigin::root(), device));
		assert_ok!(DevicesPallet::decommission(RuntimeOrigin::signed(MAKER_ADMIN), device));
		assert_eq!(record(device).status, DeviceStatus::Decommissioned);
	});
}

#[test]
fn decommission_errors() {
	test(|| {
		let device = register(MAKER, 1);
		assert_noop!(
			DevicesPallet::decommission(RuntimeOrigin::signed(MAKER_ADMIN), [0xEE; 32]),
			Error::<Test>::UnknownDevice
		);
		assert_ok!(DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), device, HOSPITAL));
		assert_noop!(
			DevicesPallet::decommission(RuntimeOrigin::signed(MAKER_ADMIN), device),
			Error::<Test>::ShipmentPending
		);
		assert_ok!(DevicesPallet::reject(RuntimeOrigin::signed(HOSPITAL_ADMIN), device));
		assert_ok!(DevicesPallet::decommission(RuntimeOrigin::signed(MAKER_ADMIN), device));
		assert_noop!(
			DevicesPallet::decommission(RuntimeOrigin::signed(MAKER_ADMIN), device),
			Error::<Test>::DeviceDecommissioned
		);
	});
}

#[test]
fn only_an_admin_of_the_custodian_decommissions() {
	test(|| {
		let device = register(MAKER, 1);
		transfer(device, HOSPITAL);
		for who in [STRANGER, MAKER_ADMIN] {
			assert_noop!(
				DevicesPallet::decommission(RuntimeOrigin::signed(who), device),
				Error::<Test>::NotCustodianAdmin
			);
		}
		assert_noop!(
			DevicesPallet::decommission(RuntimeOrigin::none(), device),
			DispatchError::BadOrigin
		);
		assert_noop!(
			DevicesPallet::decommission(RuntimeOrigin::root(), device),
			DispatchError::BadOrigin
		);
	});
}
