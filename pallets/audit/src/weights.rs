//! Weights for `pallet_audit`.
//!
//! PLACEHOLDER until `iomt-node benchmark pallet` generates this file: each call is charged
//! ONLY for the storage accesses it makes (no measured execution time). The access decision
//! asked by `request_access` is not counted here beyond the identity lookup; the generated
//! weights will include it.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use core::marker::PhantomData;
use frame_support::{traits::Get, weights::{constants::RocksDbWeight, Weight}};

/// The weight of each call of `pallet_audit`.
pub trait WeightInfo {
	/// Reads `Audit::PatientLogLength`, `Audit::PatientHead`, `Registry::Practitioners` and
	/// `Registry::Organisations` (the agent's identity); writes `Audit::PatientLog`,
	/// `Audit::PatientLogLength`, `Audit::PatientHead`, `Audit::AccessorLog` and
	/// `Audit::FlaggedLog` (when flagged).
	fn request_access() -> Weight;
}

/// Storage accesses priced with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn request_access() -> Weight {
		T::DbWeight::get().reads_writes(4, 5)
	}
}

/// The same storage accesses with RocksDB's reference database weights, for tests.
impl WeightInfo for () {
	fn request_access() -> Weight {
		RocksDbWeight::get().reads_writes(4, 5)
	}
}
