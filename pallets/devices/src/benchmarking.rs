//! Benchmarks (FRAME v2) of the devices pallet, each in its worst case.

use super::*;
use crate::pallet::{
	CustodyHistory, Devices, FirmwareHistory, Models, Pallet as DevicesPallet, StatusHistory,
};
use alloc::vec;
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use iomt_primitives::{DeviceId, OrganisationId, OrganisationKind};
use sp_runtime::traits::{Saturating, Zero};

/// A new active organisation of `kind` and its admin, funded for any number of deposits
/// the benchmarks need.
fn admin<T: Config>(name: &'static str, kind: OrganisationKind) -> (T::AccountId, OrganisationId) {
	let who: T::AccountId = account(name, 0, 0);
	let amount = T::Currency::minimum_balance()
		.saturating_mul(100u32.into())
		.saturating_add(T::DeviceDeposit::get().saturating_mul(100u32.into()));
	T::Currency::set_balance(&who, amount);
	let org = T::BenchmarkHelper::add_organisation(kind, &who);
	(who, org)
}

/// The longest model id.
fn model<T: Config>() -> ModelIdOf<T> {
	BoundedVec::truncate_from(vec![b'm'; T::MaxModelIdLength::get() as usize])
}

/// The longest UDI-DI.
fn udi_di<T: Config>() -> UdiDiOf<T> {
	BoundedVec::truncate_from(vec![b'u'; T::MaxUdiDiLength::get() as usize])
}

/// A serial made of `n`, padded to the longest length.
fn serial<T: Config>(n: u32) -> SerialOf<T> {
	let mut bytes = n.encode();
	bytes.resize(T::MaxSerialLength::get().max(4) as usize, b's');
	BoundedVec::truncate_from(bytes)
}

/// Registers device `n` of `maker` with the helper's key and no components.
fn register<T: Config>(maker_admin: &T::AccountId, maker: OrganisationId, n: u32) -> DeviceId {
	let serial = serial::<T>(n);
	let device = DevicesPallet::<T>::device_id(&udi_di::<T>(), &serial);
	let result = DevicesPallet::<T>::register_device(
		RawOrigin::Signed(maker_admin.clone()).into(),
		maker,
		udi_di::<T>(),
		serial,
		model::<T>(),
		T::BenchmarkHelper::device_key(),
		[1; 32],
		Some([2; 32]),
		BoundedVec::new(),
	);
	assert!(result.is_ok());
	device
}

/// Fills the custody, firmware and status histories of `device` to the bound.
fn fill_histories<T: Config>(device: DeviceId) {
	let record = Devices::<T>::get(device).expect("device registered");
	let now = frame_system::Pallet::<T>::block_number();
	let max = T::MaxHistoryLength::get();
	CustodyHistory::<T>::mutate(device, |h| {
		while (h.len() as u32) < max {
			let _ =
				h.try_insert(0, CustodyEntry { custodian: record.custodian, from: Zero::zero(), timestamp_ms: 0 });
		}
	});
	FirmwareHistory::<T>::mutate(device, |h| {
		while (h.len() as u32) < max {
			let _ = h.try_insert(
				0,
				FirmwareEntry { firmware: record.firmware, at: now, timestamp_ms: 0, published: false },
			);
		}
	});
	StatusHistory::<T>::mutate(device, |h| {
		while (h.len() as u32) < max {
			let _ = h.try_insert(
				0,
				StatusChange { status: record.status, at: now, timestamp_ms: 0, by: Actor::Governance },
			);
		}
	});
}

/// Publishes releases of `maker`'s model until one place is left.
fn fill_releases<T: Config>(maker: OrganisationId) {
	let mut record = Models::<T>::get(maker, model::<T>()).unwrap_or_default();
	let max = T::MaxReleasesPerModel::get();
	let mut i = 100u32;
	while (record.releases.len() as u32).saturating_add(1) < max {
		let mut hash = [0u8; 32];
		hash[..4].copy_from_slice(&i.to_le_bytes());
		let _ = record.releases.try_push(hash);
		i = i.saturating_add(1);
	}
	Models::<T>::insert(maker, model::<T>(), record);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_device(c: Linear<0, { T::MaxComponents::get() }>) {
		let (maker, maker_org) = admin::<T>("maker", OrganisationKind::Manufacturer);
		let components: vec::Vec<DeviceId> =
			(0..c).map(|i| register::<T>(&maker, maker_org, i.saturating_add(1))).collect();
		fill_releases::<T>(maker_org);
		let components = BoundedVec::truncate_from(components);
		let serial = serial::<T>(0);
		let device = DevicesPallet::<T>::device_id(&udi_di::<T>(), &serial);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(maker),
			maker_org,
			udi_di::<T>(),
			serial,
			model::<T>(),
			T::BenchmarkHelper::device_key(),
			[9; 32],
			Some([2; 32]),
			components,
		);

		assert!(Devices::<T>::contains_key(device));
	}

	#[benchmark]
	fn ship() {
		let (maker, maker_org) = admin::<T>("maker", OrganisationKind::Manufacturer);
		let (_, receiver_org) = admin::<T>("receiver", OrganisationKind::Distributor);
		let device = register::<T>(&maker, maker_org, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), device, receiver_org);

		assert_eq!(Devices::<T>::get(device).and_then(|d| d.shipped_to), Some(receiver_org));
	}

	#[benchmark]
	fn accept() {
		let (maker, maker_org) = admin::<T>("maker", OrganisationKind::Manufacturer);
		let (receiver, receiver_org) = admin::<T>("receiver", OrganisationKind::Distributor);
		let device = register::<T>(&maker, maker_org, 0);
		fill_histories::<T>(device);
		assert!(DevicesPallet::<T>::ship(RawOrigin::Signed(maker).into(), device, receiver_org).is_ok());

		#[extrinsic_call]
		_(RawOrigin::Signed(receiver), device);

		assert_eq!(Devices::<T>::get(device).map(|d| d.custodian), Some(receiver_org));
	}

	#[benchmark]
	fn reject() {
		// Worst case: the custodian cancels (both admin lookups).
		let (maker, maker_org) = admin::<T>("maker", OrganisationKind::Manufacturer);
		let (_, receiver_org) = admin::<T>("receiver", OrganisationKind::Distributor);
		let device = register::<T>(&maker, maker_org, 0);
		assert!(DevicesPallet::<T>::ship(
			RawOrigin::Signed(maker.clone()).into(),
			device,
			receiver_org
		)
		.is_ok());

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), device);

		assert_eq!(Devices::<T>::get(device).map(|d| d.custodian), Some(maker_org));
	}

	#[benchmark]
	fn publish_firmware() {
		let (maker, maker_org) = admin::<T>("maker", OrganisationKind::Manufacturer);
		fill_releases::<T>(maker_org);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), maker_org, model::<T>(), [7; 32]);

		assert!(
			Models::<T>::get(maker_org, model::<T>()).is_some_and(|m| m.releases.contains(&[7; 32]))
		);
	}

	#[benchmark]
	fn record_firmware_update() {
		let (maker, maker_org) = admin::<T>("maker", OrganisationKind::Manufacturer);
		let device = register::<T>(&maker, maker_org, 0);
		fill_releases::<T>(maker_org);
		fill_histories::<T>(device);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), device, [8; 32]);

		assert_eq!(Devices::<T>::get(device).map(|d| d.firmware), Some([8; 32]));
	}

	#[benchmark]
	fn suspend() {
		let (maker, maker_org) = admin::<T>("maker", OrganisationKind::Manufacturer);
		let device = register::<T>(&maker, maker_org, 0);
		fill_histories::<T>(device);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), device);

		assert_eq!(Devices::<T>::get(device).map(|d| d.status), Some(DeviceStatus::Suspended));
	}

	#[benchmark]
	fn resume() {
		let (maker, maker_org) = admin::<T>("maker", OrganisationKind::Manufacturer);
		let device = register::<T>(&maker, maker_org, 0);
		assert!(
			DevicesPallet::<T>::suspend(RawOrigin::Signed(maker.clone()).into(), device).is_ok()
		);
		fill_histories::<T>(device);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), device);

		assert_eq!(Devices::<T>::get(device).map(|d| d.status), Some(DeviceStatus::Active));
	}

	#[benchmark]
	fn recall() {
		let (maker, maker_org) = admin::<T>("maker", OrganisationKind::Manufacturer);
		let device = register::<T>(&maker, maker_org, 0);
		fill_histories::<T>(device);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), device);

		assert_eq!(Devices::<T>::get(device).map(|d| d.status), Some(DeviceStatus::Recalled));
	}

	#[benchmark]
	fn lift_recall() {
		let (maker, maker_org) = admin::<T>("maker", OrganisationKind::Manufacturer);
		let device = register::<T>(&maker, maker_org, 0);
		assert!(DevicesPallet::<T>::recall(RawOrigin::Signed(maker.clone()).into(), device).is_ok());
		fill_histories::<T>(device);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), device);

		assert_eq!(Devices::<T>::get(device).map(|d| d.status), Some(DeviceStatus::Active));
	}

	#[benchmark]
	fn recall_model() {
		let (maker, maker_org) = admin::<T>("maker", OrganisationKind::Manufacturer);
		register::<T>(&maker, maker_org, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), maker_org, model::<T>());

		assert!(DevicesPallet::<T>::model_recalled(maker_org, &model::<T>()));
	}

	#[benchmark]
	fn decommission() {
		let (maker, maker_org) = admin::<T>("maker", OrganisationKind::Manufacturer);
		let device = register::<T>(&maker, maker_org, 0);
		fill_histories::<T>(device);

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), device);

		assert_eq!(Devices::<T>::get(device).map(|d| d.status), Some(DeviceStatus::Decommissioned));
	}

	#[benchmark]
	fn rotate_key() {
		let (maker, maker_org) = admin::<T>("maker", OrganisationKind::Manufacturer);
		let device = register::<T>(&maker, maker_org, 0);
		let new_key = iomt_primitives::DeviceKey::Ecdsa([3; 33]);
		let signature =
			T::BenchmarkHelper::sign(&DevicesPallet::<T>::rotation_message(&device, &new_key));

		#[extrinsic_call]
		_(RawOrigin::Signed(maker), device, new_key.clone(), Some(signature));

		assert_eq!(Devices::<T>::get(device).map(|d| d.key), Some(new_key));
	}

	impl_benchmark_test_suite!(DevicesPallet, crate::mock::new_test_ext(), crate::mock::Test);
}
