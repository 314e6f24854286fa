//! Weights for `pallet_devices`.
//!
//! PLACEHOLDER: these weights charge only the storage accesses each call makes (reads and
//! writes of this pallet, the registry's organisation and admin lookups, and the balance
//! hold). They will be replaced by weights generated with `iomt-node benchmark pallet`
//! from `benchmarking.rs`; no execution time is charged until then.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, Weight}};

/// The weight of each call of `pallet_devices`.
pub trait WeightInfo {
	fn register_device(c: u32) -> Weight;
	fn ship() -> Weight;
	fn accept() -> Weight;
	fn reject() -> Weight;
	fn publish_firmware() -> Weight;
	fn record_firmware_update() -> Weight;
	fn suspend() -> Weight;
	fn resume() -> Weight;
	fn recall() -> Weight;
	fn lift_recall() -> Weight;
	fn recall_model() -> Weight;
	fn decommission() -> Weight;
	fn rotate_key() -> Weight;
}

/// Storage accesses only, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);

macro_rules! storage_weights {
	($db:expr) => {
		/// Reads: registry organisation and admin, `Devices`, `Models`, `c` component
		/// `Devices`, `System::Account`, `Balances::Holds`, `CustodyHistory`,
		/// `FirmwareHistory`, `StatusHistory`. Writes: `Devices`, `Models`,
		/// `DevicesInCustody`, `DevicesOfModel`, the three histories, `System::Account`,
		/// `Balances::Holds`.
		fn register_device(c: u32) -> Weight {
			$db.reads_writes(9u64.saturating_add(c as u64), 9)
		}
		/// Reads: `Devices`, registry admin and recipient organisation. Writes: `Devices`.
		fn ship() -> Weight {
			$db.reads_writes(3, 1)
		}
		/// Reads: `Devices`, registry admin, `CustodyHistory`. Writes: `Devices`,
		/// `DevicesInCustody` (two), `CustodyHistory`.
		fn accept() -> Weight {
			$db.reads_writes(3, 4)
		}
		/// Reads: `Devices`, registry admin of the receiver and of the custodian. Writes:
		/// `Devices`.
		fn reject() -> Weight {
			$db.reads_writes(3, 1)
		}
		/// Reads: registry organisation and admin, `Models`. Writes: `Models`.
		fn publish_firmware() -> Weight {
			$db.reads_writes(3, 1)
		}
		/// Reads: `Devices`, registry admin, `Models`, `FirmwareHistory`. Writes: `Devices`,
		/// `FirmwareHistory`.
		fn record_firmware_update() -> Weight {
			$db.reads_writes(4, 2)
		}
		/// Reads: `Devices`, registry admin, `StatusHistory`. Writes: `Devices`,
		/// `StatusHistory`.
		fn suspend() -> Weight {
			$db.reads_writes(3, 2)
		}
		/// Reads: `Devices`, registry admin, `StatusHistory`. Writes: `Devices`,
		/// `StatusHistory`.
		fn resume() -> Weight {
			$db.reads_writes(3, 2)
		}
		/// Reads: `Devices`, registry admin, `StatusHistory`. Writes: `Devices`,
		/// `StatusHistory`.
		fn recall() -> Weight {
			$db.reads_writes(3, 2)
		}
		/// Reads: `Devices`, registry admin, `StatusHistory`. Writes: `Devices`,
		/// `StatusHistory`.
		fn lift_recall() -> Weight {
			$db.reads_writes(3, 2)
		}
		/// Reads: registry admin, `Models`. Writes: `Models`.
		fn recall_model() -> Weight {
			$db.reads_writes(2, 1)
		}
		/// Reads: `Devices`, registry admin, `StatusHistory`. Writes: `Devices`,
		/// `StatusHistory`.
		fn decommission() -> Weight {
			$db.reads_writes(3, 2)
		}
		/// Reads: `Devices`, registry admin. Writes: `Devices`.
		fn rotate_key() -> Weight {
			$db.reads_writes(2, 1)
		}
	};
}

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	storage_weights!(T::DbWeight::get());
}

/// For tests: storage accesses with RocksDB weights.
impl WeightInfo for () {
	storage_weights!(RocksDbWeight::get());
}
