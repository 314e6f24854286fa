//! Runtime API of the devices pallet: device records, provenance and listings.
//!
//! The runtime implements each function with the matching `pallet_devices::Pallet` function,
//! with `Device = pallet_devices::Device<Runtime>` and
//! `Provenance = pallet_devices::Provenance<Runtime>`. Listings are pages in storage order:
//! pass the last device id of a page as `start_after` to get the next one; `limit` is capped
//! at [`crate::MAX_PAGE_SIZE`].

use alloc::vec::Vec;
use codec::Codec;
use iomt_primitives::{DeviceId, OrganisationId};

sp_api::decl_runtime_apis! {
	/// Device records, provenance and listings.
	pub trait DevicesApi<Device, Provenance, ModelId>
	where
		Device: Codec,
		Provenance: Codec,
		ModelId: Codec,
	{
		/// The record of `device`, if registered.
		fn device(device: DeviceId) -> Option<Device>;

		/// The custody chain, components, firmware history and status changes of `device`.
		fn provenance(device: DeviceId) -> Option<Provenance>;

		/// A page of the devices in the custody of `organisation`.
		fn devices_in_custody(
			organisation: OrganisationId,
			start_after: Option<DeviceId>,
			limit: u32,
		) -> Vec<DeviceId>;

		/// A page of the devices of `manufacturer`'s `model` if the model is recalled
		/// (empty otherwise).
		fn devices_of_recalled_model(
			manufacturer: OrganisationId,
			model: ModelId,
			start_after: Option<DeviceId>,
			limit: u32,
		) -> Vec<DeviceId>;
	}
}
