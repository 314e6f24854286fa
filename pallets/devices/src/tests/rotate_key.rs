use super::*;
use crate::Event;
use frame_support::assert_noop;
use iomt_primitives::DeviceRegistry;
use sp_runtime::DispatchError;

/// The signature by key seed `seed` of the rotation of `device` to `new_key`.
fn rotation_signature(
	seed: u8,
	device: DeviceId,
	new_key: &DeviceKey,
) -> sp_runtime::MultiSignature {
	sign(seed, &DevicesPallet::rotation_message(&device, new_key))
}

#[test]
fn the_custodian_rotates_with_a_signature_by_the_current_key() {
	test(|| {
		let device = register(MAKER, 1);
		transfer(device, HOSPITAL);
		let new_key = device_key(50);
		let signature = rotation_signature(1, device, &new_key);
		assert_ok!(DevicesPallet::rotate_key(
			RuntimeOrigin::signed(HOSPITAL_ADMIN),
			device,
			new_key.clone(),
			Some(signature)
		));
		assert_eq!(record(device).key, new_key);
		assert_eq!(DevicesPallet::batch_signer(&device, HOSPITAL), Ok(device_key(50)));
		System::assert_last_event(
			Event::KeyRotated { device, new_key: device_key(50), by: HOSPITAL, signed: true }
				.into(),
		);
		// The old key no longer signs rotations.
		let next = device_key(51);
		assert_noop!(
			DevicesPallet::rotate_key(
				RuntimeOrigin::signed(HOSPITAL_ADMIN),
				device,
				next.clone(),
				Some(rotation_signature(1, device, &next))
			),
			Error::<Test>::BadRotationSignature
		);
	});
}

#[test]
fn the_manufacturer_rotates_without_signature_while_recalled() {
	test(|| {
		let device = register(MAKER, 1);
		transfer(device, HOSPITAL);
		assert_ok!(DevicesPallet::recall(RuntimeOrigin::root(), device));
		assert_ok!(DevicesPallet::rotate_key(
			RuntimeOrigin::signed(MAKER_ADMIN),
			device,
			device_key(60),
			None
		));
		assert_eq!(record(device).key, device_key(60));
		System::assert_last_event(
			Event::KeyRotated { device, new_key: device_key(60), by: MAKER, signed: false }.into(),
		);
	});
}

#[test]
fn a_signature_must_be_by_the_current_key_over_this_rotation() {
	test(|| {
		let device = register(MAKER, 1);
		let other = register(MAKER, 2);
		let new_key = device_key(50);
		// Another key.
		assert_noop!(
			DevicesPallet::rotate_key(
				RuntimeOrigin::signed(MAKER_ADMIN),
				device,
				new_key.clone(),
				Some(rotation_signature(2, device, &new_key))
			),
			Error::<Test>::BadRotationSignature
		);
		// Another new key.
		assert_noop!(
			DevicesPallet::rotate_key(
				RuntimeOrigin::signed(MAKER_ADMIN),
				device,
				new_key.clone(),
				Some(rotation_signature(1, device, &device_key(51)))
			),
			Error::<Test>::BadRotationSignature
		);
		// Another device.
		assert_noop!(
			DevicesPallet::rotate_key(
				RuntimeOrigin::signed(MAKER_ADMIN),
				device,
				new_key.clone(),
				Some(rotation_signature(1, other, &new_key))
			),
			Error::<Test>::BadRotationSignature
		);
	});
}

#[test]
fn rotate_key_errors() {
	test(|| {
		let device = register(MAKER, 1);
		assert_noop!(
			DevicesPallet::rotate_key(
				RuntimeOrigin::signed(MAKER_ADMIN),
				[0xEE; 32],
				device_key(5),
				None
			),
			Error::<Test>::UnknownDevice
		);
		// Without signature only while recalled.
		assert_noop!(
			DevicesPallet::rotate_key(
				RuntimeOrigin::signed(MAKER_ADMIN),
				device,
				device_key(5),
				None
			),
			Error::<Test>::DeviceNotRecalled
		);
		assert_ok!(DevicesPallet::decommission(RuntimeOrigin::signed(MAKER_ADMIN), device));
		let new_key = device_key(5);
		assert_noop!(
			DevicesPallet::rotate_key(
				RuntimeOrigin::signed(MAKER_ADMIN),
				device,
				new_key.clone(),
				Some(rotation_signature(1, device, &new_key))
			),
			Error::<Test>::DeviceDecommissioned
		);
	});
}

#[test]
fn only_the_custodian_signs_and_only_the_manufacturer_repairs() {
	test(|| {
		let device = register(MAKER, 1);
		transfer(device, HOSPITAL);
		let new_key = device_key(5);
		let signature = rotation_signature(1, device, &new_key);
		for who in [STRANGER, MAKER_ADMIN] {
			assert_noop!(
				DevicesPallet::rotate_key(
					RuntimeOrigin::signed(who),
					device,
					new_key.clone(),
					Some(signature.clone())
				),
				Error::<Test>::NotCustodianAdmin
			);
		}
		assert_ok!(DevicesPallet::recall(RuntimeOrigin::root(), device));
		for who in [STRANGER, HOSPITAL_ADMIN] {
			assert_noop!(
				DevicesPallet::rotate_key(
					RuntimeOrigin::signed(who),
					device,
					new_key.clone(),
					None
				),
				Error::<Test>::NotManufacturerAdmin
			);
		}
		assert_noop!(
			DevicesPallet::rotate_key(RuntimeOrigin::none(), device, new_key.clone(), None),
			DispatchError::BadOrigin
		);
		assert_noop!(
			DevicesPallet::rotate_key(RuntimeOrigin::root(), device, new_key, None),
			DispatchError::BadOrigin
		);
	});
}
