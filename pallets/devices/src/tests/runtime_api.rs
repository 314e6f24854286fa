use super::*;

#[test]
fn provenance_has_custody_firmware_status_and_components() {
	test(|| {
		let part = register(MAKER, 1);
		let device = register_with(MAKER, 2, model(), BoundedVec::truncate_from(vec![part]));
		run_to(3);
		transfer(device, DISTRIBUTOR);
		run_to(4);
		transfer(device, HOSPITAL);
		assert_ok!(DevicesPallet::record_firmware_update(
			RuntimeOrigin::signed(HOSPITAL_ADMIN),
			device,
			[9; 32]
		));
		assert_ok!(DevicesPallet::suspend(RuntimeOrigin::signed(HOSPITAL_ADMIN), device));
		let p = DevicesPallet::provenance(device).expect("registered");
		assert_eq!(p.device, record(device));
		assert_eq!(p.device.components.into_inner(), vec![part]);
		let custody: Vec<_> = p.custody.iter().map(|e| (e.custodian, e.from)).collect();
		assert_eq!(custody, vec![(MAKER, 1), (DISTRIBUTOR, 3), (HOSPITAL, 4)]);
		let firmware: Vec<_> = p.firmware.iter().map(|e| e.firmware).collect();
		assert_eq!(firmware, vec![[2; 32], [9; 32]]);
		let status: Vec<_> = p.status.iter().map(|c| c.status).collect();
		assert_eq!(status, vec![DeviceStatus::Active, DeviceStatus::Suspended]);
		assert_eq!(DevicesPallet::device(device), Some(record(device)));
		assert!(DevicesPallet::provenance([0xEE; 32]).is_none());
		assert!(DevicesPallet::device([0xEE; 32]).is_none());
	});
}

#[test]
fn devices_in_custody_pages_through_the_index() {
	test(|| {
		let mut all: Vec<DeviceId> = (1..=5).map(|n| register(MAKER, n)).collect();
		transfer(all[0], HOSPITAL);
		let moved = all.remove(0);
		assert_eq!(DevicesPallet::devices_in_custody(HOSPITAL, None, 10), vec![moved]);
		let first = DevicesPallet::devices_in_custody(MAKER, None, 3);
		assert_eq!(first.len(), 3);
		let rest = DevicesPallet::devices_in_custody(MAKER, first.last().copied(), 3);
		assert_eq!(rest.len(), 1);
		let mut seen = [first, rest].concat();
		seen.sort();
		all.sort();
		assert_eq!(seen, all);
		assert!(DevicesPallet::devices_in_custody(UNKNOWN_ORG, None, 10).is_empty());
	});
}

#[test]
fn devices_of_recalled_model_lists_only_a_recalled_models_devices() {
	test(|| {
		let mut devices: Vec<DeviceId> = (1..=3).map(|n| register(MAKER, n)).collect();
		register_with(MAKER, 4, other_model(), BoundedVec::new());
		assert!(DevicesPallet::devices_of_recalled_model(MAKER, model(), None, 10).is_empty());
		assert_ok!(DevicesPallet::recall_model(RuntimeOrigin::root(), MAKER, model()));
		let first = DevicesPallet::devices_of_recalled_model(MAKER, model(), None, 2);
		assert_eq!(first.len(), 2);
		let rest =
			DevicesPallet::devices_of_recalled_model(MAKER, model(), first.last().copied(), 2);
		let mut seen = [first, rest].concat();
		seen.sort();
		devices.sort();
		assert_eq!(seen, devices);
		assert!(DevicesPallet::devices_of_recalled_model(MAKER, other_model(), None, 10).is_empty());
	});
}
