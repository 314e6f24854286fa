use super::*;
use crate::Event;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_custodian_resumes_a_suspended_device() {
	test(|| {
		let device = register(MAKER, 1);
		assert_ok!(DevicesPallet::suspend(RuntimeOrigin::signed(MAKER_ADMIN), device));
		assert_ok!(DevicesPallet::resume(RuntimeOrigin::signed(MAKER_ADMIN), device));
		assert_eq!(record(device).status, DeviceStatus::Active);
		assert_eq!(
			statuses(device),
			vec![DeviceStatus::Active, DeviceStatus::Suspended, DeviceStatus::Active]
		);
		System::assert_last_event(Event::DeviceResumed { device, by: MAKER }.into());
	});
}

#[test]
fn resume_errors() {
	test(|| {
		let device = register(MAKER, 1);
		assert_noop!(
			DevicesPallet::resume(RuntimeOrigin::signed(MAKER_ADMIN), [0xEE; 32]),
			Error::<Test>::UnknownDevice
		);
		assert_noop!(
			DevicesPallet::resume(RuntimeOrigin::signed(MAKER_ADMIN), device),
			Error::<Test>::DeviceNotSuspended
		);
		// A recall is not lifted by resuming.
		assert_ok!(DevicesPallet::recall(RuntimeOrigin::root(), device));
		assert_noop!(
			DevicesPallet::resume(RuntimeOrigin::signed(MAKER_ADMIN), device),
			Error::<Test>::DeviceNotSuspended
		);
		let gone = register(MAKER, 2);
		assert_ok!(DevicesPallet::suspend(RuntimeOrigin::signed(MAKER_ADMIN), gone));
		assert_ok!(DevicesPallet::decommission(RuntimeOrigin::signed(MAKER_ADMIN), gone));
		assert_noop!(
			DevicesPallet::resume(RuntimeOrigin::signed(MAKER_ADMIN), gone),
			Error::<Test>::DeviceDecommissioned
		);
	});
}

#[test]
fn only_an_admin_of_the_custodian_resumes() {
	test(|| {
		let device = register(MAKER, 1);
		transfer(device, HOSPITAL);
		assert_ok!(DevicesPallet::suspend(RuntimeOrigin::signed(HOSPITAL_ADMIN), device));
		for who in [STRANGER, MAKER_ADMIN] {
			assert_noop!(
				DevicesPallet::resume(RuntimeOrigin::signed(who), device),
				Error::<Test>::NotCustodianAdmin
			);
		}
		assert_noop!(
			DevicesPallet::resume(RuntimeOrigin::none(), device),
			DispatchError::BadOrigin
		);
		assert_noop!(
			DevicesPallet::resume(RuntimeOrigin::root(), device),
			DispatchError::BadOrigin
		);
	});
}
