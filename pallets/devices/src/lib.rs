//! # Devices
//!
//! Provenance of IoMT devices, in the spirit of FDA UDI (unique device identification) and
//! GS1 EPCIS custody events: who made a device, who holds it now and held it before, which
//! firmware it runs, whether it is in service, and which key it signs data batches with.
//! The records pallet asks [`iomt_primitives::DeviceRegistry::batch_signer`] before it
//! anchors a batch relayed for a device; off-chain clients use the
//! [`runtime_api::DevicesApi`].
//!
//! ## Terms
//!
//! - A **manufacturer** is an active organisation of kind `Manufacturer`; a **custodian** is
//!   the organisation that holds a device. Organisations act through their **admins**, as
//!   reported by [`iomt_primitives::IdentityProvider::is_organisation_admin`].
//! - A **device id** ([`iomt_primitives::DeviceId`]) is
//!   `blake2_256(SCALE((b"iomt/udi", udi_di, serial)))`, where the tag is encoded as a fixed
//!   array (no length prefix) and `udi_di` and `serial` as byte vectors (compact length
//!   prefix), see [`Pallet::device_id`]. The UDI-DI (the public product code of the device
//!   model and version) is stored in the record. The **serial number is not stored**: a
//!   serial (UDI production identifier) of an implant or a personal device is recorded in
//!   the patient's chart and implant registries, so storing it in clear would let anyone
//!   who knows a patient's device find its data trail. Whoever holds the device and its
//!   label can recompute and check the id. The id is a commitment, not a secret: serials
//!   have little entropy, so the id must not be treated as hiding them either.
//! - A **model** is identified by its manufacturer and a model id (bytes chosen by the
//!   manufacturer); it lists the **published firmware releases** and may be **recalled** as
//!   a whole.
//!
//! ## Lifecycle
//!
//! 1. [`Pallet::register_device`]: an admin of the manufacturer registers a device with its
//!    key, model, firmware hash, optional SBOM hash and components (already registered
//!    devices in the manufacturer's custody, not decommissioned). The manufacturer is the
//!    first custodian; the device is `Active`. [`Config::DeviceDeposit`] is held from the
//!    admin until the device is decommissioned. Records are never removed: they are
//!    provenance evidence, also after decommissioning.
//! 2. Custody moves in two steps: an admin of the custodian calls [`Pallet::ship`] to an
//!    active organisation; an admin of the receiver calls [`Pallet::accept`] (custody moves
//!    and is appended to the custody history) or [`Pallet::reject`] (the shipment is
//!    cancelled; the sender keeps custody; the sender's admin may also call it to take a
//!    shipment back that the receiver does not answer). Until acceptance the sender stays the custodian.
//! 3. Firmware: the manufacturer publishes releases per model
//!    ([`Pallet::publish_firmware`]); the custodian records each installed firmware
//!    ([`Pallet::record_firmware_update`]). A device whose firmware was not a published
//!    release of its model when registered or updated is flagged (`firmware_unpublished`,
//!    event [`Event::UnpublishedFirmware`]). Publishing a release later does not clear
//!    existing flags (that would mean iterating devices); record the update again, or ask
//!    [`Pallet::runs_published_firmware`] for the current answer.
//! 4. Status: `Active` ⇄ `Suspended` by the custodian ([`Pallet::suspend`],
//!    [`Pallet::resume`]); `Active`/`Suspended` → `Recalled` by the manufacturer or the
//!    governance origin ([`Pallet::recall`]) and back to `Active` by them
//!    ([`Pallet::lift_recall`]); any non-terminal status → `Decommissioned` by the
//!    custodian ([`Pallet::decommission`], terminal). [`Pallet::recall_model`] marks a
//!    whole model recalled without touching its devices; such devices keep their status but
//!    are refused by `batch_signer`, and are listed by [`Pallet::devices_of_recalled_model`].
//!    A model recall is permanent.
//! 5. Key rotation ([`Pallet::rotate_key`]): an admin of the custodian, with a signature by
//!    the device's **current** key over `SCALE((b"iomt/device-rotate", device, new_key))`
//!    (tag as a fixed array, see [`Pallet::rotation_message`]); or, while the device is
//!    `Recalled` (repair, e.g. after a key compromise), an admin of the manufacturer without
//!    a signature.
//!
//! Every change is evented and, for custody, firmware and status, appended to a per-device
//! history of at most [`Config::MaxHistoryLength`] entries; when full, the oldest entry is
//! dropped (the events remain the complete record). Every history entry carries the block
//! number and the chain time of that block in Unix milliseconds ([`Config::Time`], the
//! timestamp pallet in the runtime), so an auditor reads EPCIS-style "what, where, when"
//! without replaying blocks.
//!
//! ## Deposits
//!
//! [`Config::DeviceDeposit`] is held from the registering admin while the device can still
//! change. [`Pallet::decommission`] releases it to that account: the record and its
//! bounded histories stay forever as provenance evidence, and a decommissioned device
//! never grows them again, so what remains is bounded and was paid for by fees.
//!
//! ## Batch signer
//!
//! [`iomt_primitives::DeviceRegistry::batch_signer`] returns the device key if the device
//! is registered (else `UnknownDevice`), `Active` and its model not recalled (else
//! `DeviceNotActive`), and in the custody of the relaying organisation (else
//! `NotCustodian`). A device that was shipped but not yet accepted is still the sender's.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

/// Largest number of items the listing functions (and runtime API) return per page.
pub const MAX_PAGE_SIZE: u32 = 100;

/// Domain tag of the device id derivation.
pub const UDI_TAG: [u8; 8] = *b"iomt/udi";
/// Domain tag of the key rotation message.
pub const ROTATE_TAG: [u8; 18] = *b"iomt/device-rotate";

/// Sets up organisations and device keys for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Admit a new active organisation of `kind` with `admin` as its admin; its id.
	fn add_organisation(
		kind: iomt_primitives::OrganisationKind,
		admin: &AccountId,
	) -> iomt_primitives::OrganisationId;
	/// A device key whose signatures [`BenchmarkHelper::sign`] makes.
	fn device_key() -> iomt_primitives::DeviceKey;
	/// The signature of `message` by [`BenchmarkHelper::device_key`].
	fn sign(message: &[u8]) -> sp_runtime::MultiSignature;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use codec::Encode;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Mutate, MutateHold},
			tokens::Precision,
			UnixTime,
		},
	};
	use frame_system::pallet_prelude::*;
	use iomt_primitives::{
		DeviceDenial, DeviceId, DeviceKey, IdentityProvider, OrganisationId, OrganisationKind,
	};
	use sp_runtime::{traits::Zero, MultiSignature};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency from which device deposits are held.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The runtime's hold reason, which includes this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// Organisations, their kinds and admins (the registry pallet).
		type Identity: IdentityProvider<Self::AccountId, BlockNumberFor<Self>>;

		/// The origin that may recall devices and models besides their manufacturer (the
		/// consortium council).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Longest UDI-DI, in bytes.
		#[pallet::constant]
		type MaxUdiDiLength: Get<u32>;

		/// Longest serial number, in bytes.
		#[pallet::constant]
		type MaxSerialLength: Get<u32>;

		/// Longest model id, in bytes.
		#[pallet::constant]
		type MaxModelIdLength: Get<u32>;

		/// Largest number of components of one device.
		#[pallet::constant]
		type MaxComponents: Get<u32>;

		/// Largest number of published firmware releases of one model.
		#[pallet::constant]
		type MaxReleasesPerModel: Get<u32>;

		/// Largest number of entries kept in each history (custody, firmware, status) of a
		/// device; the oldest is dropped when full.
		#[pallet::constant]
		type MaxHistoryLength: Get<u32>;

		/// Deposit held for every registered device (record, histories and index entries),
		/// released when the device is decommissioned.
		#[pallet::constant]
		type DeviceDeposit: Get<BalanceOf<Self>>;

		/// Chain time, stored with every custody, firmware and status history entry (the
		/// timestamp pallet in the runtime).
		type Time: UnixTime;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up organisations and device keys for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a registered device, held from the registering admin.
		#[codec(index = 0)]
		DeviceDeposit,
	}

	/// Every registered device, by id.
	#[pallet::storage]
	pub type Devices<T: Config> = StorageMap<_, Blake2_128Concat, DeviceId, Device<T>, OptionQuery>;

	/// Models by manufacturer and model id: published releases and recall.
	#[pallet::storage]
	pub type Models<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		OrganisationId,
		Blake2_128Concat,
		ModelIdOf<T>,
		Model<T>,
		OptionQuery,
	>;

	/// The custody chain of each device, oldest first.
	#[pallet::storage]
	pub type CustodyHistory<T: Config> =
		StorageMap<_, Blake2_128Concat, DeviceId, CustodyHistoryOf<T>, ValueQuery>;

	/// The firmware installed on each device, oldest first.
	#[pallet::storage]
	pub type FirmwareHistory<T: Config> =
		StorageMap<_, Blake2_128Concat, DeviceId, FirmwareHistoryOf<T>, ValueQuery>;

	/// The status changes of each device, oldest first.
	#[pallet::storage]
	pub type StatusHistory<T: Config> =
		StorageMap<_, Blake2_128Concat, DeviceId, StatusHistoryOf<T>, ValueQuery>;

	/// Index of devices by custodian: `(custodian, device) -> ()`.
	#[pallet::storage]
	pub type DevicesInCustody<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		OrganisationId,
		Blake2_128Concat,
		DeviceId,
		(),
		OptionQuery,
	>;

	/// Index of devices by model: `((manufacturer, model), device) -> ()`.
	#[pallet::storage]
	pub type DevicesOfModel<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		(OrganisationId, ModelIdOf<T>),
		Blake2_128Concat,
		DeviceId,
		(),
		OptionQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `manufacturer` registered `device` of `model`, holding `deposit` from `depositor`.
		DeviceRegistered {
			device: DeviceId,
			manufacturer: OrganisationId,
			model: ModelIdOf<T>,
			depositor: T::AccountId,
			deposit: BalanceOf<T>,
		},
		/// The custodian `from` shipped `device` to `to`; `to` has not accepted it yet.
		DeviceShipped { device: DeviceId, from: OrganisationId, to: OrganisationId },
		/// `to` accepted `device` from `from`; `to` is now its custodian.
		CustodyAccepted { device: DeviceId, from: OrganisationId, to: OrganisationId },
		/// `by` (the receiver, or the custodian cancelling) rejected the shipment of
		/// `device`; `custodian` keeps it.
		ShipmentRejected { device: DeviceId, custodian: OrganisationId, by: OrganisationId },
		/// `manufacturer` published `firmware` as a release of `model`.
		FirmwarePublished {
			manufacturer: OrganisationId,
			model: ModelIdOf<T>,
			firmware: FirmwareHash,
		},
		/// The custodian recorded that `device` now runs `firmware`.
		FirmwareUpdated { device: DeviceId, firmware: FirmwareHash, published: bool },
		/// `device` runs `firmware`, which is not a published release of its model.
		UnpublishedFirmware { device: DeviceId, firmware: FirmwareHash },
		/// The custodian suspended `device`.
		DeviceSuspended { device: DeviceId, by: OrganisationId },
		/// The custodian put `device` back into service.
		DeviceResumed { device: DeviceId, by: OrganisationId },
		/// `device` was recalled by `by`.
		DeviceRecalled { device: DeviceId, by: Actor },
		/// The recall of `device` was lifted by `by`; it is active again.
		RecallLifted { device: DeviceId, by: Actor },
		/// Every device of `manufacturer`'s `model` is refused from now on.
		ModelRecalled { manufacturer: OrganisationId, model: ModelIdOf<T>, by: Actor },
		/// The custodian decommissioned `device` (terminal); the device deposit `released`
		/// went back to `depositor`.
		DeviceDecommissioned {
			device: DeviceId,
			by: OrganisationId,
			depositor: T::AccountId,
			released: BalanceOf<T>,
		},
		/// `device`'s key was replaced by `by` (with the old key's signature if `signed`).
		KeyRotated { device: DeviceId, new_key: DeviceKey, by: OrganisationId, signed: bool },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The organisation is not an active manufacturer.
		NotAManufacturer,
		/// The signer is not an admin of the device's (or model's) manufacturer.
		NotManufacturerAdmin,
		/// The signer is not an admin of the device's custodian.
		NotCustodianAdmin,
		/// The signer is not an admin of the organisation the device was shipped to (nor,
		/// for a rejection, of its custodian).
		NotRecipientAdmin,
		/// A device with this UDI-DI and serial is already registered.
		DeviceAlreadyRegistered,
		/// No device with this id is registered.
		UnknownDevice,
		/// A listed component is not a registered device.
		UnknownComponent,
		/// A component is listed twice.
		DuplicateComponent,
		/// A component is not in the manufacturer's custody, or is decommissioned.
		ComponentNotAvailable,
		/// The model is recalled.
		ModelRecalled,
		/// No device of this model is registered and no release was published.
		UnknownModel,
		/// The signer cannot afford the device deposit.
		InsufficientBalanceForDeposit,
		/// The device is decommissioned; nothing more can happen to it.
		DeviceDecommissioned,
		/// The device was already shipped and not yet accepted or rejected.
		ShipmentPending,
		/// The device was not shipped.
		NoShipmentPending,
		/// A device cannot be shipped to its own custodian.
		ShipToCurrentCustodian,
		/// The receiving organisation is not active.
		RecipientNotActive,
		/// This firmware is already a published release of the model.
		ReleaseAlreadyPublished,
		/// The model has `MaxReleasesPerModel` releases.
		TooManyReleases,
		/// The device is not active.
		DeviceNotActive,
		/// The device is not suspended.
		DeviceNotSuspended,
		/// The device is already recalled.
		AlreadyRecalled,
		/// The device is not recalled.
		DeviceNotRecalled,
		/// The signature is not by the device's current key over the rotation message.
		BadRotationSignature,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register a device of `manufacturer` with id
		/// `blake2_256(SCALE((b"iomt/udi", udi_di, serial)))`, its `model`, `key`, current
		/// `firmware`, optional `sbom` hash and `components`; holds the device deposit.
		///
		/// Origin: signed by an admin of `manufacturer`, an active manufacturer.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_device(components.len() as u32))]
		pub fn register_device(
			origin: OriginFor<T>,
			manufacturer: OrganisationId,
			udi_di: UdiDiOf<T>,
			serial: SerialOf<T>,
			model: ModelIdOf<T>,
			key: DeviceKey,
			firmware: FirmwareHash,
			sbom: Option<[u8; 32]>,
			components: ComponentsOf<T>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(
				T::Identity::active_organisation(manufacturer)
					== Some(OrganisationKind::Manufacturer),
				Error::<T>::NotAManufacturer
			);
			ensure!(
				T::Identity::is_organisation_admin(&who, manufacturer),
				Error::<T>::NotManufacturerAdmin
			);
			let device = Self::device_id(&udi_di, &serial);
			ensure!(!Devices::<T>::contains_key(device), Error::<T>::DeviceAlreadyRegistered);
			let model_record = Models::<T>::get(manufacturer, &model).unwrap_or_default();
			ensure!(model_record.recalled_at.is_none(), Error::<T>::ModelRecalled);
			for (i, component) in components.iter().enumerate() {
				ensure!(
					!components.iter().skip(i.saturating_add(1)).any(|c| c == component),
					Error::<T>::DuplicateComponent
				);
				let part = Devices::<T>::get(component).ok_or(Error::<T>::UnknownComponent)?;
				ensure!(
					part.custodian == manufacturer && part.status != DeviceStatus::Decommissioned,
					Error::<T>::ComponentNotAvailable
				);
			}

			let deposit = T::DeviceDeposit::get();
			if !deposit.is_zero() {
				T::Currency::hold(&HoldReason::DeviceDeposit.into(), &who, deposit)
					.map_err(|_| Error::<T>::InsufficientBalanceForDeposit)?;
			}

			let (now, timestamp_ms) = Self::now();
			let published = model_record.releases.contains(&firmware);
			let record = Device::<T> {
				udi_di,
				model: model.clone(),
				manufacturer,
				key,
				firmware,
				firmware_unpublished: !published,
				sbom,
				components,
				custodian: manufacturer,
				shipped_to: None,
				status: DeviceStatus::Active,
				registered_at: now,
				depositor: who.clone(),
				deposit,
			};
			Devices::<T>::insert(device, record);
			Models::<T>::insert(manufacturer, &model, model_record);
			DevicesInCustody::<T>::insert(manufacturer, device, ());
			DevicesOfModel::<T>::insert((manufacturer, model.clone()), device, ());
			CustodyHistory::<T>::mutate(device, |h| {
				push_dropping_oldest(
					h,
					CustodyEntry { custodian: manufacturer, from: now, timestamp_ms },
				)
			});
			FirmwareHistory::<T>::mutate(device, |h| {
				push_dropping_oldest(h, FirmwareEntry { firmware, at: now, timestamp_ms, published })
			});
			StatusHistory::<T>::mutate(device, |h| {
				push_dropping_oldest(
					h,
					StatusChange {
						status: DeviceStatus::Active,
						at: now,
						timestamp_ms,
						by: Actor::Organisation(manufacturer),
					},
				)
			});
			Self::deposit_event(Event::DeviceRegistered {
				device,
				manufacturer,
				model,
				depositor: who,
				deposit,
			});
			if !published {
				Self::deposit_event(Event::UnpublishedFirmware { device, firmware });
			}
			Ok(())
		}

		/// Ship `device` to organisation `to`, which must accept or reject it.
		///
		/// Origin: signed by an admin of the device's custodian.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::ship())]
		pub fn ship(origin: OriginFor<T>, device: DeviceId, to: OrganisationId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::custodian_record(&who, &device)?;
			ensure!(record.shipped_to.is_none(), Error::<T>::ShipmentPending);
			ensure!(to != record.custodian, Error::<T>::ShipToCurrentCustodian);
			ensure!(T::Identity::active_organisation(to).is_some(), Error::<T>::RecipientNotActive);
			let from = record.custodian;
			record.shipped_to = Some(to);
			Devices::<T>::insert(device, record);
			Self::deposit_event(Event::DeviceShipped { device, from, to });
			Ok(())
		}

		/// Accept custody of `device`, which was shipped to the signer's organisation.
		///
		/// Origin: signed by an admin of the organisation the device was shipped to.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::accept())]
		pub fn accept(origin: OriginFor<T>, device: DeviceId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (mut record, to) = Self::recipient_record(&who, &device)?;
			let from = record.custodian;
			record.custodian = to;
			record.shipped_to = None;
			Devices::<T>::insert(device, record);
			DevicesInCustody::<T>::remove(from, device);
			DevicesInCustody::<T>::insert(to, device, ());
			let (now, timestamp_ms) = Self::now();
			CustodyHistory::<T>::mutate(device, |h| {
				push_dropping_oldest(h, CustodyEntry { custodian: to, from: now, timestamp_ms })
			});
			Self::deposit_event(Event::CustodyAccepted { device, from, to });
			Ok(())
		}

		/// Reject the shipment of `device` (the receiver declines it) or cancel it (the
		/// sender calls it back); the sender keeps custody.
		///
		/// Origin: signed by an admin of the organisation the device was shipped to, or of
		/// the custodian.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reject())]
		pub fn reject(origin: OriginFor<T>, device: DeviceId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Devices::<T>::get(device).ok_or(Error::<T>::UnknownDevice)?;
			let to = record.shipped_to.ok_or(Error::<T>::NoShipmentPending)?;
			let custodian = record.custodian;
			let by = if T::Identity::is_organisation_admin(&who, to) {
				to
			} else if T::Identity::is_organisation_admin(&who, custodian) {
				custodian
			} else {
				return Err(Error::<T>::NotRecipientAdmin.into());
			};
			record.shipped_to = None;
			Devices::<T>::insert(device, record);
			Self::deposit_event(Event::ShipmentRejected { device, custodian, by });
			Ok(())
		}

		/// Publish `firmware` as a release of `manufacturer`'s `model`.
		///
		/// Origin: signed by an admin of `manufacturer`, an active manufacturer.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::publish_firmware())]
		pub fn publish_firmware(
			origin: OriginFor<T>,
			manufacturer: OrganisationId,
			model: ModelIdOf<T>,
			firmware: FirmwareHash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(
				T::Identity::active_organisation(manufacturer)
					== Some(OrganisationKind::Manufacturer),
				Error::<T>::NotAManufacturer
			);
			ensure!(
				T::Identity::is_organisation_admin(&who, manufacturer),
				Error::<T>::NotManufacturerAdmin
			);
			let mut record = Models::<T>::get(manufacturer, &model).unwrap_or_default();
			ensure!(!record.releases.contains(&firmware), Error::<T>::ReleaseAlreadyPublished);
			record.releases.try_push(firmware).map_err(|_| Error::<T>::TooManyReleases)?;
			Models::<T>::insert(manufacturer, &model, record);
			Self::deposit_event(Event::FirmwarePublished { manufacturer, model, firmware });
			Ok(())
		}

		/// Record that `device` now runs `firmware`; flags it if that is not a published
		/// release of its model.
		///
		/// Origin: signed by an admin of the device's custodian.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::record_firmware_update())]
		pub fn record_firmware_update(
			origin: OriginFor<T>,
			device: DeviceId,
			firmware: FirmwareHash,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::custodian_record(&who, &device)?;
			let published = Models::<T>::get(record.manufacturer, &record.model)
				.is_some_and(|m| m.releases.contains(&firmware));
			record.firmware = firmware;
			record.firmware_unpublished = !published;
			Devices::<T>::insert(device, record);
			let (now, timestamp_ms) = Self::now();
			FirmwareHistory::<T>::mutate(device, |h| {
				push_dropping_oldest(h, FirmwareEntry { firmware, at: now, timestamp_ms, published })
			});
			Self::deposit_event(Event::FirmwareUpdated { device, firmware, published });
			if !published {
				Self::deposit_event(Event::UnpublishedFirmware { device, firmware });
			}
			Ok(())
		}

		/// Take `device` out of service for a while.
		///
		/// Origin: signed by an admin of the device's custodian; the device must be active.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::suspend())]
		pub fn suspend(origin: OriginFor<T>, device: DeviceId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::custodian_record(&who, &device)?;
			ensure!(record.status == DeviceStatus::Active, Error::<T>::DeviceNotActive);
			let by = record.custodian;
			Self::set_status(
				&device,
				&mut record,
				DeviceStatus::Suspended,
				Actor::Organisation(by),
			);
			Self::deposit_event(Event::DeviceSuspended { device, by });
			Ok(())
		}

		/// Put the suspended `device` back into service.
		///
		/// Origin: signed by an admin of the device's custodian.
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::resume())]
		pub fn resume(origin: OriginFor<T>, device: DeviceId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::custodian_record(&who, &device)?;
			ensure!(record.status == DeviceStatus::Suspended, Error::<T>::DeviceNotSuspended);
			let by = record.custodian;
			Self::set_status(&device, &mut record, DeviceStatus::Active, Actor::Organisation(by));
			Self::deposit_event(Event::DeviceResumed { device, by });
			Ok(())
		}

		/// Recall `device` (active or suspended); it is refused as a batch signer.
		///
		/// Origin: the governance origin, or signed by an admin of the device's manufacturer.
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::recall())]
		pub fn recall(origin: OriginFor<T>, device: DeviceId) -> DispatchResult {
			let mut record = Devices::<T>::get(device).ok_or(Error::<T>::UnknownDevice)?;
			let by = Self::ensure_manufacturer_or_governance(origin, record.manufacturer)?;
			ensure!(
				record.status != DeviceStatus::Decommissioned,
				Error::<T>::DeviceDecommissioned
			);
			ensure!(record.status != DeviceStatus::Recalled, Error::<T>::AlreadyRecalled);
			Self::set_status(&device, &mut record, DeviceStatus::Recalled, by);
			Self::deposit_event(Event::DeviceRecalled { device, by });
			Ok(())
		}

		/// Lift the recall of `device` (e.g. after repair); it becomes active again.
		///
		/// Origin: the governance origin, or signed by an admin of the device's manufacturer.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::lift_recall())]
		pub fn lift_recall(origin: OriginFor<T>, device: DeviceId) -> DispatchResult {
			let mut record = Devices::<T>::get(device).ok_or(Error::<T>::UnknownDevice)?;
			let by = Self::ensure_manufacturer_or_governance(origin, record.manufacturer)?;
			ensure!(record.status == DeviceStatus::Recalled, Error::<T>::DeviceNotRecalled);
			Self::set_status(&device, &mut record, DeviceStatus::Active, by);
			Self::deposit_event(Event::RecallLifted { device, by });
			Ok(())
		}

		/// Recall every device of `manufacturer`'s `model`, present and future, without
		/// changing their records; permanent.
		///
		/// Origin: the governance origin, or signed by an admin of `manufacturer`.
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::recall_model())]
		pub fn recall_model(
			origin: OriginFor<T>,
			manufacturer: OrganisationId,
			model: ModelIdOf<T>,
		) -> DispatchResult {
			let by = Self::ensure_manufacturer_or_governance(origin, manufacturer)?;
			let mut record =
				Models::<T>::get(manufacturer, &model).ok_or(Error::<T>::UnknownModel)?;
			ensure!(record.recalled_at.is_none(), Error::<T>::ModelRecalled);
			record.recalled_at = Some(frame_system::Pallet::<T>::block_number());
			Models::<T>::insert(manufacturer, &model, record);
			Self::deposit_event(Event::ModelRecalled { manufacturer, model, by });
			Ok(())
		}

		/// Take `device` out of service for good (terminal); the record stays as evidence
		/// and the device deposit is released to the account it was held from.
		///
		/// Origin: signed by an admin of the device's custodian; no shipment may be pending.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::decommission())]
		pub fn decommission(origin: OriginFor<T>, device: DeviceId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::custodian_record(&who, &device)?;
			ensure!(record.shipped_to.is_none(), Error::<T>::ShipmentPending);
			let by = record.custodian;
			let depositor = record.depositor.clone();
			let released = T::Currency::release(
				&HoldReason::DeviceDeposit.into(),
				&depositor,
				record.deposit,
				Precision::BestEffort,
			)?;
			record.deposit = Zero::zero();
			Self::set_status(
				&device,
				&mut record,
				DeviceStatus::Decommissioned,
				Actor::Organisation(by),
			);
			Self::deposit_event(Event::DeviceDecommissioned { device, by, depositor, released });
			Ok(())
		}

		/// Replace the key of `device` with `new_key`.
		///
		/// Origin: signed by an admin of the custodian with `signature` by the current key
		/// over [`Pallet::rotation_message`]; or, while the device is recalled, by an admin of
		/// the manufacturer with `signature: None`.
		#[pallet::call_index(12)]
		#[pallet::weight(T::WeightInfo::rotate_key())]
		pub fn rotate_key(
			origin: OriginFor<T>,
			device: DeviceId,
			new_key: DeviceKey,
			signature: Option<MultiSignature>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Devices::<T>::get(device).ok_or(Error::<T>::UnknownDevice)?;
			ensure!(
				record.status != DeviceStatus::Decommissioned,
				Error::<T>::DeviceDecommissioned
			);
			let signed = signature.is_some();
			let by = match signature {
				Some(signature) => {
					ensure!(
						T::Identity::is_organisation_admin(&who, record.custodian),
						Error::<T>::NotCustodianAdmin
					);
					let message = Self::rotation_message(&device, &new_key);
					ensure!(
						record.key.verify(&signature, &message),
						Error::<T>::BadRotationSignature
					);
					record.custodian
				},
				None => {
					ensure!(
						T::Identity::is_organisation_admin(&who, record.manufacturer),
						Error::<T>::NotManufacturerAdmin
					);
					ensure!(record.status == DeviceStatus::Recalled, Error::<T>::DeviceNotRecalled);
					record.manufacturer
				},
			};
			record.key = new_key.clone();
			Devices::<T>::insert(device, record);
			Self::deposit_event(Event::KeyRotated { device, new_key, by, signed });
			Ok(())
		}
	}

	/// Appends `item` to `history`, dropping the oldest entry when it is full.
	pub(crate) fn push_dropping_oldest<X, S: Get<u32>>(history: &mut BoundedVec<X, S>, item: X) {
		if history.is_full() && !history.is_empty() {
			history.remove(0);
		}
		let _ = history.try_push(item);
	}

	impl<T: Config> Pallet<T> {
		/// The device id of `udi_di` and `serial`:
		/// `blake2_256(SCALE((b"iomt/udi", udi_di, serial)))` (tag without length prefix).
		pub fn device_id(udi_di: &[u8], serial: &[u8]) -> DeviceId {
			sp_io::hashing::blake2_256(&(UDI_TAG, udi_di, serial).encode())
		}

		/// The message the current device key signs to rotate to `new_key`:
		/// `SCALE((b"iomt/device-rotate", device, new_key))` (tag without length prefix).
		pub fn rotation_message(device: &DeviceId, new_key: &DeviceKey) -> Vec<u8> {
			(ROTATE_TAG, device, new_key).encode()
		}

		/// The record of `device`, if registered.
		pub fn device(device: DeviceId) -> Option<Device<T>> {
			Devices::<T>::get(device)
		}

		/// The record and histories of `device`, if registered.
		pub fn provenance(device: DeviceId) -> Option<Provenance<T>> {
			Devices::<T>::get(device).map(|record| Provenance {
				device: record,
				custody: CustodyHistory::<T>::get(device),
				firmware: FirmwareHistory::<T>::get(device),
				status: StatusHistory::<T>::get(device),
			})
		}

		/// Whether `device` runs a firmware published for its model now.
		pub fn runs_published_firmware(device: DeviceId) -> Option<bool> {
			let record = Devices::<T>::get(device)?;
			Some(
				Models::<T>::get(record.manufacturer, &record.model)
					.is_some_and(|m| m.releases.contains(&record.firmware)),
			)
		}

		/// Whether `manufacturer`'s `model` is recalled.
		pub fn model_recalled(manufacturer: OrganisationId, model: &ModelIdOf<T>) -> bool {
			Models::<T>::get(manufacturer, model).is_some_and(|m| m.recalled_at.is_some())
		}

		/// A page of the devices in the custody of `organisation`, in storage order, after
		/// device `start_after`, at most `limit` (capped at [`MAX_PAGE_SIZE`]).
		pub fn devices_in_custody(
			organisation: OrganisationId,
			start_after: Option<DeviceId>,
			limit: u32,
		) -> Vec<DeviceId> {
			let ids = match start_after {
				Some(after) => DevicesInCustody::<T>::iter_key_prefix_from(
					organisation,
					DevicesInCustody::<T>::hashed_key_for(organisation, after),
				),
				None => DevicesInCustody::<T>::iter_key_prefix(organisation),
			};
			ids.take(limit.min(MAX_PAGE_SIZE) as usize).collect()
		}

		/// A page of the devices of `manufacturer`'s `model`, in storage order, after device
		/// `start_after`, at most `limit` (capped at [`MAX_PAGE_SIZE`]); empty unless the model
		/// is recalled.
		pub fn devices_of_recalled_model(
			manufacturer: OrganisationId,
			model: ModelIdOf<T>,
			start_after: Option<DeviceId>,
			limit: u32,
		) -> Vec<DeviceId> {
			if !Self::model_recalled(manufacturer, &model) {
				return Vec::new();
			}
			let key = (manufacturer, model);
			let ids = match start_after {
				Some(after) => DevicesOfModel::<T>::iter_key_prefix_from(
					&key,
					DevicesOfModel::<T>::hashed_key_for(&key, after),
				),
				None => DevicesOfModel::<T>::iter_key_prefix(&key),
			};
			ids.take(limit.min(MAX_PAGE_SIZE) as usize).collect()
		}

		/// The record of `device` if `who` is an admin of its custodian and it is not
		/// decommissioned.
		fn custodian_record(
			who: &T::AccountId,
			device: &DeviceId,
		) -> Result<Device<T>, DispatchError> {
			let record = Devices::<T>::get(device).ok_or(Error::<T>::UnknownDevice)?;
			ensure!(
				T::Identity::is_organisation_admin(who, record.custodian),
				Error::<T>::NotCustodianAdmin
			);
			ensure!(
				record.status != DeviceStatus::Decommissioned,
				Error::<T>::DeviceDecommissioned
			);
			Ok(record)
		}

		/// The record of `device` and the organisation it was shipped to, if `who` is an
		/// admin of that organisation.
		fn recipient_record(
			who: &T::AccountId,
			device: &DeviceId,
		) -> Result<(Device<T>, OrganisationId), DispatchError> {
			let record = Devices::<T>::get(device).ok_or(Error::<T>::UnknownDevice)?;
			let to = record.shipped_to.ok_or(Error::<T>::NoShipmentPending)?;
			ensure!(T::Identity::is_organisation_admin(who, to), Error::<T>::NotRecipientAdmin);
			Ok((record, to))
		}

		/// Who `origin` is: governance, or an admin of `manufacturer`.
		fn ensure_manufacturer_or_governance(
			origin: OriginFor<T>,
			manufacturer: OrganisationId,
		) -> Result<Actor, DispatchError> {
			match T::GovernanceOrigin::try_origin(origin) {
				Ok(_) => Ok(Actor::Governance),
				Err(origin) => {
					let who = ensure_signed(origin)?;
					ensure!(
						T::Identity::is_organisation_admin(&who, manufacturer),
						Error::<T>::NotManufacturerAdmin
					);
					Ok(Actor::Organisation(manufacturer))
				},
			}
		}

		/// Stores `record` with `status` and appends the change to the status history.
		fn set_status(device: &DeviceId, record: &mut Device<T>, status: DeviceStatus, by: Actor) {
			record.status = status;
			Devices::<T>::insert(device, &*record);
			let (at, timestamp_ms) = Self::now();
			StatusHistory::<T>::mutate(device, |h| {
				push_dropping_oldest(h, StatusChange { status, at, timestamp_ms, by })
			});
		}

		/// The current block number and chain time in Unix milliseconds.
		fn now() -> (BlockNumberFor<T>, u64) {
			let timestamp_ms = u64::try_from(T::Time::now().as_millis()).unwrap_or(u64::MAX);
			(frame_system::Pallet::<T>::block_number(), timestamp_ms)
		}

		/// Checks the storage invariants: every device is indexed under its custodian and
		/// model, its model exists, the custody index lists only devices in that custody,
		/// the model index only devices of that model, histories are non-empty and end with
		/// the record's custodian, firmware and status, and held deposits equal recorded ones.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use frame_support::traits::fungible::InspectHold;
			use sp_runtime::traits::Saturating;

			let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			for (id, d) in Devices::<T>::iter() {
				ensure!(
					DevicesInCustody::<T>::contains_key(d.custodian, id),
					"a device is missing from DevicesInCustody"
				);
				ensure!(
					DevicesOfModel::<T>::contains_key((d.manufacturer, d.model.clone()), id),
					"a device is missing from DevicesOfModel"
				);
				ensure!(
					Models::<T>::contains_key(d.manufacturer, &d.model),
					"a device's model is not stored"
				);
				ensure!(
					CustodyHistory::<T>::get(id).last().map(|e| e.custodian) == Some(d.custodian),
					"the custody history does not end with the custodian"
				);
				ensure!(
					FirmwareHistory::<T>::get(id).last().map(|e| e.firmware) == Some(d.firmware),
					"the firmware history does not end with the firmware"
				);
				ensure!(
					StatusHistory::<T>::get(id).last().map(|e| e.status) == Some(d.status),
					"the status history does not end with the status"
				);
				let entry = held.entry(d.depositor.clone()).or_insert_with(Zero::zero);
				*entry = entry.saturating_add(d.deposit);
			}
			for (org, id, ()) in DevicesInCustody::<T>::iter() {
				ensure!(
					Devices::<T>::get(id).is_some_and(|d| d.custodian == org),
					"DevicesInCustody lists a device not in that custody"
				);
			}
			for ((manufacturer, model), id, ()) in DevicesOfModel::<T>::iter() {
				ensure!(
					Devices::<T>::get(id)
						.is_some_and(|d| d.manufacturer == manufacturer && d.model == model),
					"DevicesOfModel lists a device not of that model"
				);
			}
			for id in CustodyHistory::<T>::iter_keys()
				.chain(FirmwareHistory::<T>::iter_keys())
				.chain(StatusHistory::<T>::iter_keys())
			{
				ensure!(Devices::<T>::contains_key(id), "a history of an unregistered device");
			}
			for (who, amount) in held {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::DeviceDeposit.into(), &who) == amount,
					"a held deposit differs from the recorded deposits"
				);
			}
			Ok(())
		}
	}

	impl<T: Config> iomt_primitives::DeviceRegistry for Pallet<T> {
		fn batch_signer(
			device: &DeviceId,
			relayer: OrganisationId,
		) -> Result<DeviceKey, DeviceDenial> {
			let record = Devices::<T>::get(device).ok_or(DeviceDenial::UnknownDevice)?;
			if record.status != DeviceStatus::Active
				|| Self::model_recalled(record.manufacturer, &record.model)
			{
				return Err(DeviceDenial::DeviceNotActive);
			}
			if record.custodian != relayer {
				return Err(DeviceDenial::NotCustodian);
			}
			Ok(record.key)
		}
	}
}
