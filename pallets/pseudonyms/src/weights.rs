//! Weights for `pallet_pseudonyms`.
//!
//! PROVISIONAL: these are not yet the output of `iomt-node benchmark pallet`. Until the
//! benchmarks in `benchmarking.rs` are run on the reference machine, each call is charged
//! only the database accesses it performs, listed on each function. No computation figure
//! here is made up; the benchmark CLI will replace this file.

#![cfg_attr(rustfmt, rustfmt_skip)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_pseudonyms`.
pub trait WeightInfo {
	/// Weight of `register`.
	fn register() -> Weight;
	/// Weight of `set_guardians`.
	fn set_guardians() -> Weight;
	/// Weight of `propose_recovery`.
	fn propose_recovery() -> Weight;
	/// Weight of `approve_recovery`.
	fn approve_recovery() -> Weight;
	/// Weight of `cancel_recovery`.
	fn cancel_recovery() -> Weight;
	/// Weight of `execute_recovery`.
	fn execute_recovery() -> Weight;
	/// Weight of `retire`.
	fn retire() -> Weight;
}

/// Weights for `pallet_pseudonyms` using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Pseudonyms::Retired` (r:1), `Pseudonyms::Pseudonyms` (r:1 w:1),
	/// `Pseudonyms::ControlledCount` (r:1 w:1), `Balances::Holds` (r:1 w:1), `System::Account` (r:1 w:1)
	fn register() -> Weight {
		T::DbWeight::get().reads_writes(5, 4)
	}
	/// Storage: `Pseudonyms::Pseudonyms` (r:1 w:1), `Pseudonyms::Recoveries` (r:1 w:1)
	fn set_guardians() -> Weight {
		T::DbWeight::get().reads_writes(2, 2)
	}
	/// Storage: `Pseudonyms::Pseudonyms` (r:1), `Pseudonyms::Recoveries` (r:1 w:1)
	fn propose_recovery() -> Weight {
		T::DbWeight::get().reads_writes(2, 1)
	}
	/// Storage: `Pseudonyms::Pseudonyms` (r:1), `Pseudonyms::Recoveries` (r:1 w:1)
	fn approve_recovery() -> Weight {
		T::DbWeight::get().reads_writes(2, 1)
	}
	/// Storage: `Pseudonyms::Pseudonyms` (r:1), `Pseudonyms::Recoveries` (r:1 w:1)
	fn cancel_recovery() -> Weight {
		T::DbWeight::get().reads_writes(2, 1)
	}
	/// Storage: `Pseudonyms::Pseudonyms` (r:1 w:1), `Pseudonyms::Recoveries` (r:1 w:1),
	/// `Pseudonyms::ControlledCount` (r:2 w:2), `Balances::Holds` (r:2 w:2), `System::Account` (r:2 w:2)
	fn execute_recovery() -> Weight {
		T::DbWeight::get().reads_writes(8, 8)
	}
	/// Storage: `Pseudonyms::Pseudonyms` (r:1 w:1), `Pseudonyms::Retired` (w:1),
	/// `Pseudonyms::Recoveries` (r:1 w:1), `Pseudonyms::ControlledCount` (r:1 w:1),
	/// `Balances::Holds` (r:1 w:1), `System::Account` (r:1 w:1)
	fn retire() -> Weight {
		T::DbWeight::get().reads_writes(5, 6)
	}
}

// For tests: the same storage accesses, priced with RocksDB weights.
impl WeightInfo for () {
	fn register() -> Weight {
		RocksDbWeight::get().reads_writes(5, 4)
	}
	fn set_guardians() -> Weight {
		RocksDbWeight::get().reads_writes(2, 2)
	}
	fn propose_recovery() -> Weight {
		RocksDbWeight::get().reads_writes(2, 1)
	}
	fn approve_recovery() -> Weight {
		RocksDbWeight::get().reads_writes(2, 1)
	}
	fn cancel_recovery() -> Weight {
		RocksDbWeight::get().reads_writes(2, 1)
	}
	fn execute_recovery() -> Weight {
		RocksDbWeight::get().reads_writes(8, 8)
	}
	fn retire() -> Weight {
		RocksDbWeight::get().reads_writes(5, 6)
	}
}
