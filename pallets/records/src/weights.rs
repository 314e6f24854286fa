//! Weights for `pallet_records`.
//!
//! PLACEHOLDER until the benchmark CLI generates this file (`scripts/benchmark.sh`): every
//! weight charges only the storage accesses its call makes, with the runtime's database
//! weights (`RocksDbWeight` for `()`); no execution time is charged. The accesses of the
//! pallets behind the consumed traits are counted as their implementations in this
//! workspace make them: the access decision as 2 reads, an audit entry as 1 read and
//! 2 writes, a device lookup as 1 read.

use core::marker::PhantomData;
use frame_support::{
	traits::Get,
	weights::{constants::RocksDbWeight, Weight},
};

/// The weight of each call of `pallet_records`.
pub trait WeightInfo {
	/// `anchor`.
	fn anchor() -> Weight;
	/// `amend`.
	fn amend() -> Weight;
	/// `erase`.
	fn erase() -> Weight;
	/// `anchor_batch`.
	fn anchor_batch() -> Weight;
}

/// Storage accesses with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Reads: `Pseudonyms` controller, access decision (2), `Records::RecordOfHash`,
	/// `Records::NextRecordId`, `Balances::Holds`, `System::Account`, registry practitioner,
	/// timestamp, audit head. Writes: `Records::Records`, `Records::RecordOfHash`,
	/// `Records::RecordsOfPatient`, `Records::NextRecordId`, `Balances::Holds`,
	/// `System::Account`, audit entry and head.
	fn anchor() -> Weight {
		T::DbWeight::get().reads_writes(10, 8)
	}
	/// As `anchor`, plus reading and writing the old record in `Records::Records`.
	fn amend() -> Weight {
		T::DbWeight::get().reads_writes(11, 9)
	}
	/// Reads: `Records::Records`, `Pseudonyms` controller, registry admin, audit head.
	/// Writes: `Records::Records`, audit entry and head.
	fn erase() -> Weight {
		T::DbWeight::get().reads_writes(4, 3)
	}
	/// As `anchor`, plus the device lookup; the registry practitioner is read once more.
	fn anchor_batch() -> Weight {
		T::DbWeight::get().reads_writes(12, 8)
	}
}

impl WeightInfo for () {
	fn anchor() -> Weight {
		RocksDbWeight::get().reads_writes(10, 8)
	}
	fn amend() -> Weight {
		RocksDbWeight::get().reads_writes(11, 9)
	}
	fn erase() -> Weight {
		RocksDbWeight::get().reads_writes(4, 3)
	}
	fn anchor_batch() -> Weight {
		RocksDbWeight::get().reads_writes(12, 8)
	}
}
