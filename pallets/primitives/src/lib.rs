//! # iomt-primitives
//!
//! Types and traits that the iomt-chain pallets exchange. A pallet never reads another
//! pallet's storage: it names the capability it needs as a trait here, and the runtime
//! wires that trait to the pallet that provides it (or, in a pallet's unit tests, to a
//! small mock).
//!
//! This crate is the fourth floor of the workspace: `node` uses `runtime`, which uses
//! the pallets, which use this crate. Nothing here depends on a pallet.

#![cfg_attr(not(feature = "std"), no_std)]

use frame_support::{dispatch::DispatchResult, Parameter};

/// Declaring and withdrawing a validator candidacy in the chain's staking system.
///
/// The validator allowlist asks it to act on behalf of an approved account; the runtime
/// implements it with `pallet-staking` (`validate` and `chill`). Keeping this behind a
/// trait means the allowlist pallet can be unit tested without a staking system and can
/// survive a later move to another NPoS pallet.
pub trait ValidatorIntent<AccountId> {
	/// The validator's declared preferences (commission, whether nominations are blocked).
	type Prefs: Parameter + codec::MaxEncodedLen + Default;

	/// The stash bonded by `controller`, if `controller` controls a staking ledger.
	fn stash_of(controller: &AccountId) -> Option<AccountId>;

	/// Declare, on behalf of `controller`, the intent to validate with `prefs`.
	///
	/// Errors of the staking system (e.g. an insufficient bond) are returned unchanged.
	fn declare(controller: &AccountId, prefs: Self::Prefs) -> DispatchResult;

	/// Withdraw `stash`'s validator candidacy (and any nominations), if it has one.
	fn withdraw(stash: &AccountId) -> DispatchResult;

	/// Whether `stash` currently declares the intent to validate.
	fn is_candidate(stash: &AccountId) -> bool;

	/// Bond `who` enough to be allowed to validate. Benchmarks only.
	#[cfg(feature = "runtime-benchmarks")]
	fn bond_for_benchmarks(who: &AccountId);
}

/// Whether an account has been approved by governance to validate.
///
/// Other pallets (for instance the organisation registry) ask this instead of reading the
/// allowlist's storage.
pub trait ValidatorApproval<AccountId> {
	/// `true` if `who` is on the validator allowlist.
	fn is_approved(who: &AccountId) -> bool;
}

pub mod access;
pub use access::*;
