//! Weights for `pallet_validator_allowlist`.
//!
//! PROVISIONAL: these are not yet the output of `iomt-node benchmark pallet`. Until the
//! benchmarks in `benchmarking.rs` are run on the reference machine (see
//! `scripts/benchmark.sh` and `docs/BUILD.md`), each call is charged the database
//! accesses it performs, plus — for `validate` — pallet-staking's own benchmarked
//! `validate` weight, since that is the work it delegates. No computation figure here is
//! made up; the missing per-call ref_time of this pallet's own logic is a few hashing
//! steps and is dominated by the storage accesses.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_validator_allowlist`.
pub trait WeightInfo {
	fn approve() -> Weight;
	fn revoke() -> Weight;
	fn validate() -> Weight;
}

/// Weights for `pallet_validator_allowlist` using the runtime's database weights.
///
/// `S` is the staking system's weight of its own `validate` call.
pub struct SubstrateWeight<T, S = ()>(PhantomData<(T, S)>);
impl<T: frame_system::Config, S: DelegatedWeight> WeightInfo for SubstrateWeight<T, S> {
	/// Storage: `ValidatorAllowlist::Approved` (r:1 w:1), `ValidatorAllowlist::ApprovedCount` (r:1 w:1),
	/// `Registry::Organisations` (r:1)
	fn approve() -> Weight {
		T::DbWeight::get().reads_writes(3, 2)
	}
	/// Storage: `ValidatorAllowlist::Approved` (r:1 w:1), `ValidatorAllowlist::ApprovedCount` (r:1 w:1)
	/// plus the staking system's `chill`.
	fn revoke() -> Weight {
		T::DbWeight::get().reads_writes(2, 2).saturating_add(S::chill())
	}
	/// Storage: `Staking::Ledger` (r:1), `ValidatorAllowlist::Approved` (r:1)
	/// plus the staking system's `validate`.
	fn validate() -> Weight {
		T::DbWeight::get().reads(2).saturating_add(S::validate())
	}
}

/// The weight of the staking calls this pallet delegates to.
pub trait DelegatedWeight {
	/// Weight of declaring the intent to validate.
	fn validate() -> Weight;
	/// Weight of withdrawing a candidacy.
	fn chill() -> Weight;
}

impl DelegatedWeight for () {
	fn validate() -> Weight { Weight::zero() }
	fn chill() -> Weight { Weight::zero() }
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn approve() -> Weight {
		RocksDbWeight::get().reads_writes(3, 2)
	}
	fn revoke() -> Weight {
		RocksDbWeight::get().reads_writes(2, 2)
	}
	fn validate() -> Weight {
		RocksDbWeight::get().reads(2)
	}
}
