//! One `impl Config` per pallet, split by theme:
//! - [`system`]: frame-system, timestamp, balances, transaction payment, utility;
//! - [`consensus`]: BABE, GRANDPA, authorship, session, offences, staking, bags-list,
//!   the election and the validator allowlist;
//! - [`governance`]: the consortium council, its membership and sudo;
//! - [`domain`]: the IoMT pallets (registry, pseudonyms, consent).

pub mod consensus;
pub mod domain;
pub mod governance;
pub mod system;
pub mod voter_bags;

pub use consensus::BABE_GENESIS_EPOCH_CONFIG;
pub use governance::EnsureGovernance;
