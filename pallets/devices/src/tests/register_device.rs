use super::*;
use crate::Event;
use frame_support::{assert_noop, traits::fungible::InspectHold};
use sp_runtime::DispatchError;

fn call(
	who: Option<AccountId>,
	maker: OrganisationId,
	n: u8,
	components: Vec<DeviceId>,
) -> sp_runtime::DispatchResult {
	let origin = match who {
		Some(who) => RuntimeOrigin::signed(who),
		None => RuntimeOrigin::none(),
	};
	DevicesPallet::register_device(
		origin,
		maker,
		udi(),
		serial(n),
		model(),
		device_key(n),
		[n; 32],
		Some([0xAB; 32]),
		BoundedVec::truncate_from(components),
	)
}

#[test]
fn a_manufacturer_admin_registers_a_device_as_its_first_custodian() {
	test(|| {
		assert_ok!(call(Some(MAKER_ADMIN), MAKER, 1, vec![]));
		let device = DevicesPallet::device_id(&udi(), &serial(1));
		let d = record(device);
		assert_eq!(d.udi_di, udi());
		assert_eq!(d.model, model());
		assert_eq!(d.manufacturer, MAKER);
		assert_eq!(d.custodian, MAKER);
		assert_eq!(d.key, device_key(1));
		assert_eq!(d.firmware, [1; 32]);
		assert_eq!(d.sbom, Some([0xAB; 32]));
		assert_eq!(d.status, DeviceStatus::Active);
		assert_eq!(d.shipped_to, None);
		assert_eq!(d.registered_at, 1);
		assert_eq!(d.depositor, MAKER_ADMIN);
		assert_eq!(d.deposit, DeviceDeposit::get());
		assert_eq!(
			Balances::balance_on_hold(&HoldReason::DeviceDeposit.into(), &MAKER_ADMIN),
			DeviceDeposit::get()
		);
		assert!(DevicesInCustody::<Test>::contains_key(MAKER, device));
		assert!(DevicesOfModel::<Test>::contains_key((MAKER, model()), device));
		assert_eq!(
			CustodyHistory::<Test>::get(device).into_inner(),
			vec![CustodyEntry { custodian: MAKER, from: 1, timestamp_ms: time_of(1) }]
		);
		assert_eq!(
			StatusHistory::<Test>::get(device).into_inner(),
			vec![StatusChange {
				status: DeviceStatus::Active,
				at: 1,
				timestamp_ms: time_of(1),
				by: Actor::Organisation(MAKER)
			}]
		);
		System::assert_has_event(
			Event::DeviceRegistered {
				device,
				manufacturer: MAKER,
				model: model(),
				depositor: MAKER_ADMIN,
				deposit: DeviceDeposit::get(),
			}
			.into(),
		);
	});
}

#[test]
fn the_serial_is_not_stored() {
	test(|| {
		let device = register(MAKER, 0x77);
		let stored = record(device).encode();
		assert!(!stored.windows(2).any(|w| w == [b'S', 0x77]));
	});
}

#[test]
fn firmware_that_is_not_published_is_flagged_at_registration() {
	test(|| {
		let device = register(MAKER, 1);
		assert!(record(device).firmware_unpublished);
		System::assert_last_event(Event::UnpublishedFirmware { device, firmware: [1; 32] }.into());
		assert!(!FirmwareHistory::<Test>::get(device)[0].published);
	});
}

#[test]
fn published_firmware_is_not_flagged_at_registration() {
	test(|| {
		assert_ok!(DevicesPallet::publish_firmware(
			RuntimeOrigin::signed(MAKER_ADMIN),
			MAKER,
			model(),
			[1; 32]
		));
		let device = register(MAKER, 1);
		assert!(!record(device).firmware_unpublished);
		assert!(matches!(
			System::events().last().map(|e| e.event.clone()),
			Some(RuntimeEvent::DevicesPallet(Event::DeviceRegistered { .. }))
		));
		assert!(FirmwareHistory::<Test>::get(device)[0].published);
	});
}

#[test]
fn registered_components_in_the_makers_custody_are_recorded() {
	test(|| {
		let a = register(MAKER, 1);
		let b = register(MAKER, 2);
		assert_ok!(call(Some(MAKER_ADMIN), MAKER, 3, vec![a, b]));
		let device = DevicesPallet::device_id(&udi(), &serial(3));
		assert_eq!(record(device).components.into_inner(), vec![a, b]);
	});
}

#[test]
fn a_device_cannot_be_registered_twice() {
	test(|| {
		register(MAKER, 1);
		assert_noop!(
			call(Some(MAKER_ADMIN), MAKER, 1, vec![]),
			Error::<Test>::DeviceAlreadyRegistered
		);
	});
}

#[test]
fn only_an_active_manufacturer_registers_devices() {
	test(|| {
		assert_noop!(
			call(Some(HOSPITAL_ADMIN), HOSPITAL, 1, vec![]),
			Error::<Test>::NotAManufacturer
		);
		assert_noop!(
			call(Some(MAKER_ADMIN), UNKNOWN_ORG, 1, vec![]),
			Error::<Test>::NotAManufacturer
		);
		MockIdentity::set_active(MAKER, false);
		assert_noop!(call(Some(MAKER_ADMIN), MAKER, 1, vec![]), Error::<Test>::NotAManufacturer);
	});
}

#[test]
fn only_an_admin_of_the_manufacturer_registers_its_devices() {
	test(|| {
		assert_noop!(call(Some(STRANGER), MAKER, 1, vec![]), Error::<Test>::NotManufacturerAdmin);
		assert_noop!(
			call(Some(OTHER_MAKER_ADMIN), MAKER, 1, vec![]),
			Error::<Test>::NotManufacturerAdmin
		);
		assert_noop!(call(None, MAKER, 1, vec![]), DispatchError::BadOrigin);
		assert_noop!(
			DevicesPallet::register_device(
				RuntimeOrigin::root(),
				MAKER,
				udi(),
				serial(1),
				model(),
				device_key(1),
				[1; 32],
				None,
				BoundedVec::new(),
			),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn devices_of_a_recalled_model_cannot_be_registered() {
	test(|| {
		register(MAKER, 1);
		assert_ok!(DevicesPallet::recall_model(RuntimeOrigin::root(), MAKER, model()));
		assert_noop!(call(Some(MAKER_ADMIN), MAKER, 2, vec![]), Error::<Test>::ModelRecalled);
	});
}

#[test]
fn components_must_be_registered_distinct_and_available() {
	test(|| {
		let a = register(MAKER, 1);
		assert_noop!(
			call(Some(MAKER_ADMIN), MAKER, 3, vec![a, a]),
			Error::<Test>::DuplicateComponent
		);
		assert_noop!(
			call(Some(MAKER_ADMIN), MAKER, 3, vec![[0xEE; 32]]),
			Error::<Test>::UnknownComponent
		);
		// A component in another organisation's custody.
		let b = register(OTHER_MAKER, 2);
		assert_noop!(
			call(Some(MAKER_ADMIN), MAKER, 3, vec![b]),
			Error::<Test>::ComponentNotAvailable
		);
		// A decommissioned component.
		assert_ok!(DevicesPallet::decommission(RuntimeOrigin::signed(MAKER_ADMIN), a));
		assert_noop!(
			call(Some(MAKER_ADMIN), MAKER, 3, vec![a]),
			Error::<Test>::ComponentNotAvailable
		);
	});
}

#[test]
fn an_admin_who_cannot_afford_the_deposit_cannot_register() {
	test(|| {
		assert_noop!(
			call(Some(POOR_ADMIN), MAKER, 1, vec![]),
			Error::<Test>::InsufficientBalanceForDeposit
		);
	});
}
