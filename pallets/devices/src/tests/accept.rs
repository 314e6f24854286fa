use super::*;
use crate::Event;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_receiver_accepts_and_becomes_custodian() {
	test(|| {
		let device = register(MAKER, 1);
		assert_ok!(DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), device, DISTRIBUTOR));
		run_to(5);
		assert_ok!(DevicesPallet::accept(RuntimeOrigin::signed(DISTRIBUTOR_ADMIN), device));
		let d = record(device);
		assert_eq!(d.custodian, DISTRIBUTOR);
		assert_eq!(d.shipped_to, None);
		assert!(!DevicesInCustody::<Test>::contains_key(MAKER, device));
		assert!(DevicesInCustody::<Test>::contains_key(DISTRIBUTOR, device));
		assert_eq!(
			CustodyHistory::<Test>::get(device).into_inner(),
			vec![
				CustodyEntry { custodian: MAKER, from: 1, timestamp_ms: time_of(1) },
				CustodyEntry { custodian: DISTRIBUTOR, from: 5, timestamp_ms: time_of(5) }
			]
		);
		System::assert_last_event(
			Event::CustodyAccepted { device, from: MAKER, to: DISTRIBUTOR }.into(),
		);
	});
}

#[test]
fn accept_errors() {
	test(|| {
		let device = register(MAKER, 1);
		assert_noop!(
			DevicesPallet::accept(RuntimeOrigin::signed(DISTRIBUTOR_ADMIN), [0xEE; 32]),
			Error::<Test>::UnknownDevice
		);
		assert_noop!(
			DevicesPallet::accept(RuntimeOrigin::signed(DISTRIBUTOR_ADMIN), device),
			Error::<Test>::NoShipmentPending
		);
	});
}

#[test]
fn only_an_admin_of_the_receiver_accepts() {
	test(|| {
		let device = register(MAKER, 1);
		assert_ok!(DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), device, DISTRIBUTOR));
		for who in [STRANGER, MAKER_ADMIN, HOSPITAL_ADMIN] {
			assert_noop!(
				DevicesPallet::accept(RuntimeOrigin::signed(who), device),
				Error::<Test>::NotRecipientAdmin
			);
		}
		assert_noop!(
			DevicesPallet::accept(RuntimeOrigin::none(), device),
			DispatchError::BadOrigin
		);
		assert_noop!(
			DevicesPallet::accept(RuntimeOrigin::root(), device),
			DispatchError::BadOrigin
		);
	});
}
