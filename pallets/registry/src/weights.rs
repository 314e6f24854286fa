//! Weights for `pallet_registry`.
//!
//! PROVISIONAL: these are not yet the output of `iomt-node benchmark pallet`. Until the
//! benchmarks in `benchmarking.rs` are run on the reference machine with the benchmark CLI
//! (which replaces this file), each call is charged only the database
//! accesses it performs (worst case, deposits included: `System::Account` and
//! `Balances::Holds`). No computation figure here is made up; in particular the signature
//! verifications of the second-factor calls are not yet charged and will come with the
//! generated file.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_registry`.
pub trait WeightInfo {
	fn admit_organisation() -> Weight;
	fn update_organisation() -> Weight;
	fn suspend_organisation() -> Weight;
	fn reinstate_organisation() -> Weight;
	fn set_second_factor_requirement() -> Weight;
	fn register_practitioner() -> Weight;
	fn update_practitioner() -> Weight;
	fn revoke_practitioner() -> Weight;
	fn remove_practitioner() -> Weight;
	fn register_second_factor() -> Weight;
	fn reset_second_factor() -> Weight;
	fn remove_second_factor() -> Weight;
}

/// Weights for `pallet_registry` using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Registry::NextOrganisationId` (r:1 w:1), `Registry::Organisations` (r:0 w:1)
	fn admit_organisation() -> Weight {
		T::DbWeight::get().reads_writes(1, 2)
	}
	/// Storage: `Registry::Organisations` (r:1 w:1)
	fn update_organisation() -> Weight {
		T::DbWeight::get().reads_writes(1, 1)
	}
	/// Storage: `Registry::Organisations` (r:1 w:1)
	fn suspend_organisation() -> Weight {
		T::DbWeight::get().reads_writes(1, 1)
	}
	/// Storage: `Registry::Organisations` (r:1 w:1)
	fn reinstate_organisation() -> Weight {
		T::DbWeight::get().reads_writes(1, 1)
	}
	/// Storage: `Registry::Organisations` (r:1 w:1)
	fn set_second_factor_requirement() -> Weight {
		T::DbWeight::get().reads_writes(1, 1)
	}
	/// Storage: `Registry::Organisations` (r:1 w:1), `Registry::Practitioners` (r:1 w:1),
	/// `Registry::OrganisationPractitioners` (r:0 w:1), `Balances::Holds` (r:1 w:1),
	/// `System::Account` (r:1 w:1)
	fn register_practitioner() -> Weight {
		T::DbWeight::get().reads_writes(4, 5)
	}
	/// Storage: `Registry::Practitioners` (r:1 w:1), `Registry::Organisations` (r:1 w:0)
	fn update_practitioner() -> Weight {
		T::DbWeight::get().reads_writes(2, 1)
	}
	/// Storage: `Registry::Practitioners` (r:1 w:1), `Registry::Organisations` (r:1 w:0)
	fn revoke_practitioner() -> Weight {
		T::DbWeight::get().reads_writes(2, 1)
	}
	/// Storage: `Registry::Practitioners` (r:1 w:1), `Registry::Organisations` (r:1 w:1),
	/// `Registry::OrganisationPractitioners` (r:0 w:1), `Balances::Holds` (r:1 w:1),
	/// `System::Account` (r:1 w:1)
	fn remove_practitioner() -> Weight {
		T::DbWeight::get().reads_writes(4, 5)
	}
	/// Storage: `System::BlockHash` (r:1 w:0), `Registry::SecondFactors` (r:1 w:1),
	/// `Registry::SecondFactorNonce` (r:1 w:1) when replacing, or `Balances::Holds` (r:1 w:1)
	/// and `System::Account` (r:1 w:1) when registering a first key
	fn register_second_factor() -> Weight {
		T::DbWeight::get().reads_writes(4, 3)
	}
	/// Storage: `Registry::Practitioners` (r:1 w:0), `Registry::Organisations` (r:1 w:0),
	/// `Registry::SecondFactors` (r:1 w:1), `Balances::Holds` (r:1 w:1), `System::Account` (r:1 w:1)
	fn reset_second_factor() -> Weight {
		T::DbWeight::get().reads_writes(5, 3)
	}
	/// Storage: `Registry::SecondFactors` (r:1 w:1), `Registry::SecondFactorNonce` (r:1 w:1),
	/// `System::BlockHash` (r:1 w:0), `Balances::Holds` (r:1 w:1), `System::Account` (r:1 w:1)
	fn remove_second_factor() -> Weight {
		T::DbWeight::get().reads_writes(5, 4)
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn admit_organisation() -> Weight {
		RocksDbWeight::get().reads_writes(1, 2)
	}
	fn update_organisation() -> Weight {
		RocksDbWeight::get().reads_writes(1, 1)
	}
	fn suspend_organisation() -> Weight {
		RocksDbWeight::get().reads_writes(1, 1)
	}
	fn reinstate_organisation() -> Weight {
		RocksDbWeight::get().reads_writes(1, 1)
	}
	fn set_second_factor_requirement() -> Weight {
		RocksDbWeight::get().reads_writes(1, 1)
	}
	fn register_practitioner() -> Weight {
		RocksDbWeight::get().reads_writes(4, 5)
	}
	fn update_practitioner() -> Weight {
		RocksDbWeight::get().reads_writes(2, 1)
	}
	fn revoke_practitioner() -> Weight {
		RocksDbWeight::get().reads_writes(2, 1)
	}
	fn remove_practitioner() -> Weight {
		RocksDbWeight::get().reads_writes(4, 5)
	}
	fn register_second_factor() -> Weight {
		RocksDbWeight::get().reads_writes(4, 3)
	}
	fn reset_second_factor() -> Weight {
		RocksDbWeight::get().reads_writes(5, 3)
	}
	fn remove_second_factor() -> Weight {
		RocksDbWeight::get().reads_writes(5, 4)
	}
}
