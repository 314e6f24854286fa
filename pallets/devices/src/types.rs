//! What the devices pallet stores: device records, models with their firmware releases,
//! and the bounded custody, firmware and status histories of each device.

use crate::Config;
use frame_support::{
	pallet_prelude::*, traits::fungible::Inspect, CloneNoBound, DebugNoBound, DefaultNoBound,
	EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use iomt_primitives::{DeviceId, DeviceKey, OrganisationId};

/// The balance type of the configured currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// A firmware image hash (e.g. SHA-256 or BLAKE2-256 of the image, chosen by the maker).
pub type FirmwareHash = [u8; 32];

/// A UDI device identifier (UDI-DI, the public product/version code), bounded bytes.
pub type UdiDiOf<T> = BoundedVec<u8, <T as Config>::MaxUdiDiLength>;

/// A device serial number (UDI production identifier), bounded bytes; hashed, never stored.
pub type SerialOf<T> = BoundedVec<u8, <T as Config>::MaxSerialLength>;

/// A manufacturer's model identifier, bounded bytes.
pub type ModelIdOf<T> = BoundedVec<u8, <T as Config>::MaxModelIdLength>;

/// The components of a device: already registered devices.
pub type ComponentsOf<T> = BoundedVec<DeviceId, <T as Config>::MaxComponents>;

/// A device's custody history as stored by runtime `T`.
pub type CustodyHistoryOf<T> =
	BoundedVec<CustodyEntry<BlockNumberFor<T>>, <T as Config>::MaxHistoryLength>;

/// A device's firmware history as stored by runtime `T`.
pub type FirmwareHistoryOf<T> =
	BoundedVec<FirmwareEntry<BlockNumberFor<T>>, <T as Config>::MaxHistoryLength>;

/// A device's status history as stored by runtime `T`.
pub type StatusHistoryOf<T> =
	BoundedVec<StatusChange<BlockNumberFor<T>>, <T as Config>::MaxHistoryLength>;

/// The lifecycle status of a device.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum DeviceStatus {
	/// In service: may sign batches (if its model is not recalled).
	Active,
	/// Taken out of service for a while by its custodian.
	Suspended,
	/// Recalled by its manufacturer or governance; may be repaired (key rotated) and the
	/// recall lifted.
	Recalled,
	/// Permanently out of service (terminal).
	Decommissioned,
}

/// Who made a status change, recall or key rotation.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum Actor {
	/// An admin of this organisation.
	Organisation(OrganisationId),
	/// The governance origin (consortium council).
	Governance,
}

/// A registered device. The serial number is not stored (see the crate documentation).
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Device<T: Config> {
	/// The UDI device identifier (public product code).
	pub udi_di: UdiDiOf<T>,
	/// The manufacturer's model identifier.
	pub model: ModelIdOf<T>,
	/// The manufacturing organisation.
	pub manufacturer: OrganisationId,
	/// The key the device signs batches with.
	pub key: DeviceKey,
	/// The hash of the firmware the device runs now.
	pub firmware: FirmwareHash,
	/// Whether `firmware` was not a published release of the model when it was recorded.
	pub firmware_unpublished: bool,
	/// The hash of the software bill of materials, if given.
	pub sbom: Option<[u8; 32]>,
	/// Registered devices built into this one.
	pub components: ComponentsOf<T>,
	/// The organisation in custody of the device.
	pub custodian: OrganisationId,
	/// The organisation the device was shipped to and that has not accepted it yet.
	pub shipped_to: Option<OrganisationId>,
	/// The lifecycle status.
	pub status: DeviceStatus,
	/// The block the device was registered in.
	pub registered_at: BlockNumberFor<T>,
	/// The account the deposit is held from.
	pub depositor: T::AccountId,
	/// The deposit held from `depositor`.
	pub deposit: BalanceOf<T>,
}

/// A model of a manufacturer, with its published firmware releases.
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	DefaultNoBound,
	Encode,
	Decode,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Model<T: Config> {
	/// The published firmware releases, oldest first.
	pub releases: BoundedVec<FirmwareHash, T::MaxReleasesPerModel>,
	/// The block the whole model was recalled in, if it was.
	pub recalled_at: Option<BlockNumberFor<T>>,
}

/// One custody period: `custodian` holds the device from block `from`.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct CustodyEntry<BlockNumber> {
	/// The organisation in custody.
	pub custodian: OrganisationId,
	/// The block custody began (registration or acceptance).
	pub from: BlockNumber,
	/// The chain time custody began, Unix milliseconds (the block's timestamp).
	pub timestamp_ms: u64,
}

/// One firmware installed on a device.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct FirmwareEntry<BlockNumber> {
	/// The firmware hash.
	pub firmware: FirmwareHash,
	/// The block it was recorded in.
	pub at: BlockNumber,
	/// The chain time it was recorded at, Unix milliseconds (the block's timestamp).
	pub timestamp_ms: u64,
	/// Whether it was a published release of the model at that block.
	pub published: bool,
}

/// One status change of a device.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub struct StatusChange<BlockNumber> {
	/// The new status.
	pub status: DeviceStatus,
	/// The block of the change.
	pub at: BlockNumber,
	/// The chain time of the change, Unix milliseconds (the block's timestamp).
	pub timestamp_ms: u64,
	/// Who made it.
	pub by: Actor,
}

/// Everything the chain knows about a device's history, for the runtime API.
#[derive(CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo)]
#[scale_info(skip_type_params(T))]
pub struct Provenance<T: Config> {
	/// The device record.
	pub device: Device<T>,
	/// The custody chain, oldest first (at most `MaxHistoryLength` latest entries).
	pub custody: CustodyHistoryOf<T>,
	/// The firmware history, oldest first (at most `MaxHistoryLength` latest entries).
	pub firmware: FirmwareHistoryOf<T>,
	/// The status changes, oldest first (at most `MaxHistoryLength` latest entries).
	pub status: StatusHistoryOf<T>,
}
