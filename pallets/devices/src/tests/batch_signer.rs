use super::*;
use iomt_primitives::{DeviceDenial, DeviceRegistry};

#[test]
fn an_active_device_signs_for_its_custodian_only() {
	test(|| {
		let device = register(MAKER, 1);
		assert_eq!(DevicesPallet::batch_signer(&device, MAKER), Ok(device_key(1)));
		assert_eq!(DevicesPallet::batch_signer(&device, HOSPITAL), Err(DeviceDenial::NotCustodian));
		assert_eq!(
			DevicesPallet::batch_signer(&[0xEE; 32], MAKER),
			Err(DeviceDenial::UnknownDevice)
		);
	});
}

#[test]
fn a_shipped_device_stays_with_the_sender_until_accepted() {
	test(|| {
		let device = register(MAKER, 1);
		assert_ok!(DevicesPallet::ship(RuntimeOrigin::signed(MAKER_ADMIN), device, HOSPITAL));
		assert_eq!(DevicesPallet::batch_signer(&device, MAKER), Ok(device_key(1)));
		assert_eq!(DevicesPallet::batch_signer(&device, HOSPITAL), Err(DeviceDenial::NotCustodian));
		assert_ok!(DevicesPallet::accept(RuntimeOrigin::signed(HOSPITAL_ADMIN), device));
		assert_eq!(DevicesPallet::batch_signer(&device, HOSPITAL), Ok(device_key(1)));
		assert_eq!(DevicesPallet::batch_signer(&device, MAKER), Err(DeviceDenial::NotCustodian));
	});
}

#[test]
fn suspended_recalled_and_decommissioned_devices_are_not_active() {
	test(|| {
		let device = register(MAKER, 1);
		transfer(device, HOSPITAL);
		assert_ok!(DevicesPallet::suspend(RuntimeOrigin::signed(HOSPITAL_ADMIN), device));
		assert_eq!(
			DevicesPallet::batch_signer(&device, HOSPITAL),
			Err(DeviceDenial::DeviceNotActive)
		);
		assert_ok!(DevicesPallet::recall(RuntimeOrigin::root(), device));
		assert_eq!(
			DevicesPallet::batch_signer(&device, HOSPITAL),
			Err(DeviceDenial::DeviceNotActive)
		);
		assert_ok!(DevicesPallet::lift_recall(RuntimeOrigin::root(), device));
		assert_eq!(DevicesPallet::batch_signer(&device, HOSPITAL), Ok(device_key(1)));
		assert_ok!(DevicesPallet::decommission(RuntimeOrigin::signed(HOSPITAL_ADMIN), device));
		assert_eq!(
			DevicesPallet::batch_signer(&device, HOSPITAL),
			Err(DeviceDenial::DeviceNotActive)
		);
	});
}
