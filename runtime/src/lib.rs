//! # iomt-runtime
//!
//! The Wasm runtime of iomt-chain, a consortium chain for the Internet of Medical Things.
//!
//! - **Consensus**: BABE slots and GRANDPA finality, with the validator set chosen by
//!   nominated proof of stake (`pallet-staking`, an on-chain sequential-Phragmén election,
//!   `pallet-bags-list` for voters, session + historical, offences). Equivocations in BABE
//!   and GRANDPA are reported by unsigned transactions and slashed after a deferral that
//!   the council can use to cancel a wrong slash.
//! - **Governance**: a consortium council (`pallet-collective` whose members are managed by
//!   `pallet-membership`). More than half of the council is [`EnsureGovernance`], the origin
//!   that the domain pallets use. `pallet-sudo` is present, but only the development presets
//!   set a sudo key; a consortium's own chain spec leaves it empty.
//! - **Validator allowlist**: only governance-approved accounts may declare the intent to
//!   validate (`ValidatorAllowlist::validate`); `Staking::validate` is removed by the base
//!   call filter, which nested dispatch also obeys.
//!
//! - **Access control** (the IoMT domain): `Registry` (organisations, practitioners,
//!   second-factor keys), `Pseudonyms` (patient ids, guardians, recovery) and `Consent`
//!   (FHIR-style consents, break-glass emergency access and the one access decision),
//!   `Audit` (the hash-chained access log), `Records` (hash anchors of encrypted records
//!   and device batches) and `Devices` (UDI provenance, custody, firmware, recall).
//!
//! The crate is split by purpose: this file holds the types and `#[frame_support::runtime]`,
//! `configs/` one `impl Config` per pallet (consensus, governance, system), `apis.rs` the
//! runtime APIs and `genesis_config_presets.rs` the genesis presets.

#![cfg_attr(not(feature = "std"), no_std)]
// `#[frame_support::runtime]` does a lot of recursion and requires us to increase the limit.
#![recursion_limit = "512"]

#[cfg(feature = "std")]
include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));

extern crate alloc;

use alloc::vec::Vec;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
pub mod configs;
pub mod genesis_config_presets;

use sp_runtime::{
	generic, impl_opaque_keys,
	traits::{BlakeTwo256, IdentifyAccount, Verify},
	MultiAddress, MultiSignature,
};
use sp_version::RuntimeVersion;

pub use apis::RuntimeApi;
pub use configs::{EnsureGovernance, BABE_GENESIS_EPOCH_CONFIG};
pub use frame_support::traits::Get;
pub use pallet_staking::StakerStatus;

/// Opaque types: what the node needs to know about the runtime's types without knowing
/// the runtime's calls.
pub mod opaque {
	use super::*;
	use sp_runtime::{
		generic,
		traits::{BlakeTwo256, Hash as HashT},
	};

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
	/// Opaque block hash type.
	pub type Hash = <BlakeTwo256 as HashT>::Output;

	impl_opaque_keys! {
		/// The session keys of a validator: BABE for block production, GRANDPA for
		/// finality votes.
		pub struct SessionKeys {
			pub babe: super::Babe,
			pub grandpa: super::Grandpa,
		}
	}
}

pub use opaque::SessionKeys;

/// The runtime's identity. Bump `spec_version` with every change of runtime logic and
/// `transaction_version` whenever the encoding of a call or transaction extension changes.
#[sp_version::runtime_version]
pub const VERSION: RuntimeVersion = RuntimeVersion {
	spec_name: alloc::borrow::Cow::Borrowed("iomt-chain"),
	impl_name: alloc::borrow::Cow::Borrowed("iomt-chain"),
	authoring_version: 1,
	spec_version: 100,
	impl_version: 1,
	apis: apis::RUNTIME_API_VERSIONS,
	transaction_version: 1,
	system_version: 1,
};

/// Block time. Six seconds leaves BABE slack for a validator set spread over hospital
/// networks and lets GRANDPA finalize within a few blocks.
pub const MILLISECS_PER_BLOCK: u64 = 6000;
/// BABE slot duration; one slot per block.
pub const SLOT_DURATION: u64 = MILLISECS_PER_BLOCK;

// Time is measured by number of blocks.
/// Blocks per minute.
pub const MINUTES: BlockNumber = 60_000 / (MILLISECS_PER_BLOCK as BlockNumber);
/// Blocks per hour.
pub const HOURS: BlockNumber = MINUTES * 60;
/// Blocks per day.
pub const DAYS: BlockNumber = HOURS * 24;

/// One BABE epoch, which is also one session: one hour. Session keys set now take effect
/// two sessions later, so a new validator is producing blocks within about three hours
/// of its election.
pub const EPOCH_DURATION_IN_BLOCKS: BlockNumber = HOURS;
/// The same, in BABE slots.
pub const EPOCH_DURATION_IN_SLOTS: u64 = EPOCH_DURATION_IN_BLOCKS as u64;

/// 10^12 plancks make one IOMT.
pub const UNIT: Balance = 1_000_000_000_000;
/// One thousandth of a unit.
pub const MILLI_UNIT: Balance = UNIT / 1_000;
/// One millionth of a unit.
pub const MICRO_UNIT: Balance = MILLI_UNIT / 1_000;
/// An account with less than this is removed from state.
pub const EXISTENTIAL_DEPOSIT: Balance = 10 * MILLI_UNIT;

/// Alias to 512-bit hash when used in the context of a transaction signature on the chain.
pub type Signature = MultiSignature;
/// Some way of identifying an account on the chain.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balance of an account.
pub type Balance = u128;
/// Index of a transaction in the chain.
pub type Nonce = u32;
/// A hash of some data used by the chain.
pub type Hash = sp_core::H256;
/// An index to a block.
pub type BlockNumber = u32;
/// The address format for describing accounts.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type as expected by this runtime.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type as expected by this runtime.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A Block signed with a Justification.
pub type SignedBlock = generic::SignedBlock<Block>;
/// BlockId type as expected by this runtime.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions, checked for every signed transaction.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Unchecked extrinsic type as expected by this runtime.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload being signed in transactions.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Migrations to apply on runtime upgrade.
pub type Migrations = ();

/// Executive: handles dispatch to the various modules.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	// System and money.
	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Utility = pallet_utility;
	#[runtime::pallet_index(2)]
	pub type Babe = pallet_babe;
	#[runtime::pallet_index(3)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(4)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(5)]
	pub type TransactionPayment = pallet_transaction_payment;

	// Consensus: the order matters; authorship before session, offences and historical
	// before staking's use of them.
	#[runtime::pallet_index(10)]
	pub type Authorship = pallet_authorship;
	#[runtime::pallet_index(11)]
	pub type Staking = pallet_staking;
	#[runtime::pallet_index(12)]
	pub type Offences = pallet_offences;
	#[runtime::pallet_index(13)]
	pub type Historical = pallet_session::historical;
	#[runtime::pallet_index(14)]
	pub type Session = pallet_session;
	#[runtime::pallet_index(15)]
	pub type Grandpa = pallet_grandpa;
	#[runtime::pallet_index(16)]
	pub type VoterList = pallet_bags_list<Instance1>;
	#[runtime::pallet_index(17)]
	pub type ValidatorAllowlist = pallet_validator_allowlist;

	// Governance.
	#[runtime::pallet_index(20)]
	pub type Council = pallet_collective<Instance1>;
	#[runtime::pallet_index(21)]
	pub type CouncilMembership = pallet_membership<Instance1>;
	#[runtime::pallet_index(22)]
	pub type Sudo = pallet_sudo;

	// IoMT domain.
	#[runtime::pallet_index(30)]
	pub type Registry = pallet_registry;
	#[runtime::pallet_index(31)]
	pub type Pseudonyms = pallet_pseudonyms;
	#[runtime::pallet_index(32)]
	pub type Consent = pallet_consent;
	#[runtime::pallet_index(33)]
	pub type Audit = pallet_audit;
	#[runtime::pallet_index(34)]
	pub type Records = pallet_records;
	#[runtime::pallet_index(35)]
	pub type Devices = pallet_devices;
}
