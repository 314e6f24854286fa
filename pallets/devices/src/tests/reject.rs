use super::*;
use crate::Event;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_receiver_rejects_and_the_sender_keeps_custody() {
	test(|| {
		let device = register(MAKER, 1);
		assert_ok!(DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), device, DISTRIBUTOR));
		assert_ok!(DevicesPallet::reject(RuntimeOrigin::signed(DISTRIBUTOR_ADMIN), device));
		let d = record(device);
		assert_eq!(d.custodian, MAKER);
		assert_eq!(d.shipped_to, None);
		assert_eq!(CustodyHistory::<Test>::get(device).len(), 1);
		System::assert_last_event(
			Event::ShipmentRejected { device, custodian: MAKER, by: DISTRIBUTOR }.into(),
		);
		// It can be shipped again.
		assert_ok!(DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), device, HOSPITAL));
	});
}

#[test]
fn reject_errors() {
	test(|| {
		let device = register(MAKER, 1);
		assert_noop!(
			DevicesPallet::reject(RuntimeOrigin::signed(DISTRIBUTOR_ADMIN), [0xEE; 32]),
			Error::<Test>::UnknownDevice
		);
		assert_noop!(
			DevicesPallet::reject(RuntimeOrigin::signed(DISTRIBUTOR_ADMIN), device),
			Error::<Test>::NoShipmentPending
		);
	});
}

#[test]
fn only_an_admin_of_the_receiver_or_the_custodian_rejects() {
	test(|| {
		let device = register(MAKER, 1);
		assert_ok!(DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), device, DISTRIBUTOR));
		for who in [STRANGER, OTHER_MAKER_ADMIN, HOSPITAL_ADMIN] {
			assert_noop!(
				DevicesPallet::reject(RuntimeOrigin::signed(who), device),
				Error::<Test>::NotRecipientAdmin
			);
		}
		assert_noop!(
			DevicesPallet::reject(RuntimeOrigin::none(), device),
			DispatchError::BadOrigin
		);
		assert_noop!(
			DevicesPallet::reject(RuntimeOrigin::root(), device),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn the_custodian_cancels_an_unanswered_shipment() {
	test(|| {
		let device = register(MAKER, 1);
		assert_ok!(DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), device, DISTRIBUTOR));
		assert_ok!(DevicesPallet::reject(RuntimeOrigin::signed(MAKER_ADMIN), device));
		assert_eq!(record(device).shipped_to, None);
		System::assert_last_event(
			Event::ShipmentRejected { device, custodian: MAKER, by: MAKER }.into(),
		);
		assert_noop!(
			DevicesPallet::accept(RuntimeOrigin::signed(DISTRIBUTOR_ADMIN), device),
			Error::<Test>::NoShipmentPending
		);
	});
}
