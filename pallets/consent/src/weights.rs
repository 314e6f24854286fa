//! Weights for `pallet_consent`.
//!
//! PROVISIONAL: these are not yet the output of `iomt-node benchmark pallet`. Until the
//! benchmarks in `benchmarking.rs` are run on the reference machine, each call is charged
//! only the database accesses it performs in its worst case. Accesses made behind the
//! traits this pallet consumes are counted as their contracts imply:
//! `PseudonymRegistry::controller` and `is_guardian` one read each,
//! `IdentityProvider::active_practitioner` two reads (practitioner and organisation),
//! `SecondFactor::verify_and_consume` two reads and one write (key and nonce), a deposit
//! hold or release one read and write each of `Balances::Holds` and `System::Account`.
//! The audit pallet's `ConsentEvents` hooks are charged by that pallet's own weights once
//! it is wired in. No computation figure here is made up.

#![cfg_attr(rustfmt, rustfmt_skip)]
#![allow(unused_parens)]
#![allow(unused_imports)]
#![allow(missing_docs)]

use frame_support::{traits::Get, weights::{Weight, constants::RocksDbWeight}};
use core::marker::PhantomData;

/// Weight functions needed for `pallet_consent`.
pub trait WeightInfo {
	fn grant() -> Weight;
	fn revoke() -> Weight;
	fn remove() -> Weight;
	fn open_emergency() -> Weight;
	fn close_emergency() -> Weight;
}

/// Weights for `pallet_consent` using the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);
impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	/// Storage: `Pseudonyms` controller (r:1) and guardian (r:1), `Consent::ConsentCount` (r:1 w:1),
	/// `Consent::NextConsentId` (r:1 w:1), `Registry` second factor (r:2 w:1),
	/// `Balances::Holds` (r:1 w:1), `System::Account` (r:1 w:1), `Consent::Consents` (w:1),
	/// `Consent::ConsentsOfPatient` (w:1), `Consent::ConsentsOfGrantee` (w:1)
	fn grant() -> Weight {
		T::DbWeight::get().reads_writes(8, 8)
	}
	/// Storage: `Consent::Consents` (r:1 w:1), `Pseudonyms` controller (r:1) and guardian (r:1),
	/// `Registry` second factor (r:2 w:1)
	fn revoke() -> Weight {
		T::DbWeight::get().reads_writes(5, 2)
	}
	/// Storage: `Consent::Consents` (r:1 w:1), `Pseudonyms` controller (r:1),
	/// `Consent::ConsentCount` (r:1 w:1), `Consent::ConsentsOfPatient` (w:1),
	/// `Consent::ConsentsOfGrantee` (w:1), `Balances::Holds` (r:1 w:1), `System::Account` (r:1 w:1)
	fn remove() -> Weight {
		T::DbWeight::get().reads_writes(5, 6)
	}
	/// Storage: `Pseudonyms` controller (r:1), `Registry` practitioner and organisation (r:2),
	/// `Consent::LatestEmergency` (r:1 w:1), `Consent::Emergencies` (r:1 w:1),
	/// `Consent::NextEmergencyId` (r:1 w:1), `Consent::OpenEmergencies` (r:1 w:1),
	/// `Registry` second factor (r:2 w:1), `Consent::EmergenciesOfPatient` (w:1)
	fn open_emergency() -> Weight {
		T::DbWeight::get().reads_writes(9, 6)
	}
	/// Storage: `Consent::Emergencies` (r:1 w:1), `Pseudonyms` controller (r:1),
	/// `Consent::OpenEmergencies` (r:1 w:1)
	fn close_emergency() -> Weight {
		T::DbWeight::get().reads_writes(3, 2)
	}
}

// For backwards compatibility and tests.
impl WeightInfo for () {
	fn grant() -> Weight {
		RocksDbWeight::get().reads_writes(8, 8)
	}
	fn revoke() -> Weight {
		RocksDbWeight::get().reads_writes(5, 2)
	}
	fn remove() -> Weight {
		RocksDbWeight::get().reads_writes(5, 6)
	}
	fn open_emergency() -> Weight {
		RocksDbWeight::get().reads_writes(9, 6)
	}
	fn close_emergency() -> Weight {
		RocksDbWeight::get().reads_writes(3, 2)
	}
}
