use super::*;
use crate::Event;
use frame_support::assert_noop;
use iomt_primitives::{DeviceDenial, DeviceRegistry};
use sp_runtime::DispatchError;

#[test]
fn recalling_a_model_refuses_all_its_devices_without_touching_them() {
	test(|| {
		let a = register(MAKER, 1);
		let b = register(MAKER, 2);
		let other = register_with(MAKER, 3, other_model(), BoundedVec::new());
		transfer(b, HOSPITAL);
		run_to(7);
		assert_ok!(DevicesPallet::recall_model(RuntimeOrigin::signed(MAKER_ADMIN), MAKER, model()));
		assert_eq!(Models::<Test>::get(MAKER, model()).and_then(|m| m.recalled_at), Some(7));
		assert_eq!(record(a).status, DeviceStatus::Active);
		assert_eq!(DevicesPallet::batch_signer(&a, MAKER), Err(DeviceDenial::DeviceNotActive));
		assert_eq!(DevicesPallet::batch_signer(&b, HOSPITAL), Err(DeviceDenial::DeviceNotActive));
		assert_eq!(DevicesPallet::batch_signer(&other, MAKER), Ok(device_key(3)));
		System::assert_last_event(
			Event::ModelRecalled {
				manufacturer: MAKER,
				model: model(),
				by: Actor::Organisation(MAKER),
			}
			.into(),
		);
	});
}

#[test]
fn governance_recalls_a_model_with_releases_only() {
	test(|| {
		assert_ok!(DevicesPallet::publish_firmware(
			RuntimeOrigin::signed(MAKER_ADMIN),
			MAKER,
			model(),
			[1; 32]
		));
		assert_ok!(DevicesPallet::recall_model(RuntimeOrigin::root(), MAKER, model()));
		System::assert_last_event(
			Event::ModelRecalled { manufacturer: MAKER, model: model(), by: Actor::Governance }
				.into(),
		);
	});
}

#[test]
fn recall_model_errors() {
	test(|| {
		assert_noop!(
			DevicesPallet::recall_model(RuntimeOrigin::root(), MAKER, model()),
			Error::<Test>::UnknownModel
		);
		register(MAKER, 1);
		// The same model id of another manufacturer is another model.
		assert_noop!(
			DevicesPallet::recall_model(RuntimeOrigin::root(), OTHER_MAKER, model()),
			Error::<Test>::UnknownModel
		);
		assert_ok!(DevicesPallet::recall_model(RuntimeOrigin::root(), MAKER, model()));
		assert_noop!(
			DevicesPallet::recall_model(RuntimeOrigin::signed(MAKER_ADMIN), MAKER, model()),
			Error::<Test>::ModelRecalled
		);
	});
}

#[test]
fn only_the_manufacturer_or_governance_recalls_a_model() {
	test(|| {
		register(MAKER, 1);
		for who in [STRANGER, HOSPITAL_ADMIN, OTHER_MAKER_ADMIN] {
			assert_noop!(
				DevicesPallet::recall_model(RuntimeOrigin::signed(who), MAKER, model()),
				Error::<Test>::NotManufacturerAdmin
			);
		}
		assert_noop!(
			DevicesPallet::recall_model(RuntimeOrigin::none(), MAKER, model()),
			DispatchError::BadOrigin
		);
	});
}
