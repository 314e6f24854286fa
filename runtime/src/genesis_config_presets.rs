//! Genesis presets, served to the node through `sp_genesis_builder`.
//!
//! - `development`: Alice validates alone (for "Development General Hospital", whose
//!   admin she is) and the chain starts producing and finalizing at once; Alice is sudo
//!   and, with Bob and Charlie, the council.
//! - `local_testnet`: Alice, Bob, Charlie and Dave validate with stakes, each for a member
//!   organisation of a different kind (hospital, laboratory, manufacturer, regulator);
//!   Alice is sudo.
//!
//! A consortium builds its own chain spec from a JSON patch with its own keys and balances
//! and **no sudo key** (see `docs/CONSORTIUM.md` and `scripts/consortium-chain-spec.sh`).
//! Every preset fills `balances.balances`, `session.keys`, `staking.stakers` and
//! `staking.validatorCount`, the fields zombienet rewrites for its networks.

use crate::*;
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use serde_json::Value;
use sp_consensus_babe::AuthorityId as BabeId;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_genesis_builder::{self, PresetId};
use iomt_primitives::OrganisationId;
use pallet_registry::GenesisOrganisationKind;
use sp_keyring::{Ed25519Keyring, Sr25519Keyring};

/// Every endowed development account starts with this much.
pub const ENDOWMENT: Balance = 1_000_000 * UNIT;
/// Each initial validator bonds this much.
pub const VALIDATOR_STAKE: Balance = 100_000 * UNIT;
/// Largest validator set the election fills (pallet-staking's `validatorCount`).
pub const DEFAULT_VALIDATOR_COUNT: u32 = 10;

/// One initial validator: its stash account and its session keys.
#[derive(Clone)]
pub struct InitialValidator {
	/// Stash account (also the controller, as in current staking).
	pub stash: AccountId,
	/// BABE key.
	pub babe: BabeId,
	/// GRANDPA key.
	pub grandpa: GrandpaId,
	/// The member organisation it validates for (an index into the genesis organisations).
	pub organisation: OrganisationId,
}

/// A member organisation at genesis: kind, public name, admin accounts, and whether its
/// practitioners must use a second factor.
pub type GenesisOrganisation = (GenesisOrganisationKind, Vec<u8>, Vec<AccountId>, bool);

impl InitialValidator {
	/// The validator of a development identity: stash `//Alice//stash` (as zombienet and
	/// the other Substrate chains use it), session keys `//Alice` as `iomt-node --alice`
	/// puts them into its keystore.
	pub fn dev(
		stash: Sr25519Keyring,
		sr: Sr25519Keyring,
		ed: Ed25519Keyring,
		organisation: OrganisationId,
	) -> Self {
		Self {
			stash: stash.to_account_id(),
			babe: sr.public().into(),
			grandpa: ed.public().into(),
			organisation,
		}
	}
}

/// The genesis of an iomt-chain network.
///
/// `sudo` is `None` for a production consortium chain.
pub fn iomt_genesis(
	organisations: Vec<GenesisOrganisation>,
	validators: Vec<InitialValidator>,
	endowed: Vec<(AccountId, Balance)>,
	council: Vec<AccountId>,
	sudo: Option<AccountId>,
) -> Value {
	let stakers: Vec<_> = validators
		.iter()
		.map(|v| (v.stash.clone(), v.stash.clone(), VALIDATOR_STAKE, StakerStatus::<AccountId>::Validator))
		.collect();
	let session_keys: Vec<_> = validators
		.iter()
		.map(|v| {
			(
				v.stash.clone(),
				v.stash.clone(),
				SessionKeys { babe: v.babe.clone(), grandpa: v.grandpa.clone() },
			)
		})
		.collect();
	let approved: Vec<(AccountId, OrganisationId)> =
		validators.iter().map(|v| (v.stash.clone(), v.organisation)).collect();

	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig { balances: endowed },
		babe: BabeConfig { epoch_config: BABE_GENESIS_EPOCH_CONFIG },
		session: SessionConfig { keys: session_keys },
		staking: StakingConfig {
			validator_count: DEFAULT_VALIDATOR_COUNT,
			minimum_validator_count: 1,
			stakers,
		},
		validator_allowlist: ValidatorAllowlistConfig { approved },
		registry: RegistryConfig { organisations },
		council_membership: CouncilMembershipConfig {
			members: council.try_into().expect("council fits MaxMembers"),
		},
		sudo: SudoConfig { key: sudo },
	})
}

/// Development keyring accounts and their `//stash` derivations, all endowed.
fn dev_endowed() -> Vec<(AccountId, Balance)> {
	Sr25519Keyring::iter().map(|k| (k.to_account_id(), ENDOWMENT)).collect()
}

fn organisation(
	kind: GenesisOrganisationKind,
	name: &str,
	admin: Sr25519Keyring,
) -> GenesisOrganisation {
	(kind, name.as_bytes().to_vec(), vec![admin.to_account_id()], false)
}

/// `development`: Alice validates alone.
pub fn development_config_genesis() -> Value {
	iomt_genesis(
		vec![organisation(
			GenesisOrganisationKind::CareProvider,
			"Development General Hospital",
			Sr25519Keyring::Alice,
		)],
		vec![InitialValidator::dev(
			Sr25519Keyring::AliceStash,
			Sr25519Keyring::Alice,
			Ed25519Keyring::Alice,
			0,
		)],
		dev_endowed(),
		vec![
			Sr25519Keyring::Alice.to_account_id(),
			Sr25519Keyring::Bob.to_account_id(),
			Sr25519Keyring::Charlie.to_account_id(),
		],
		Some(Sr25519Keyring::Alice.to_account_id()),
	)
}

/// `local_testnet`: Alice, Bob, Charlie and Dave validate.
pub fn local_testnet_genesis() -> Value {
	iomt_genesis(
		vec![
			organisation(
				GenesisOrganisationKind::CareProvider,
				"Alice Memorial Hospital",
				Sr25519Keyring::Alice,
			),
			organisation(
				GenesisOrganisationKind::Laboratory,
				"Bob Clinical Laboratory",
				Sr25519Keyring::Bob,
			),
			organisation(
				GenesisOrganisationKind::Manufacturer,
				"Charlie Medical Devices",
				Sr25519Keyring::Charlie,
			),
			organisation(
				GenesisOrganisationKind::Regulator,
				"Dave Health Authority",
				Sr25519Keyring::Dave,
			),
		],
		vec![
			InitialValidator::dev(
				Sr25519Keyring::AliceStash,
				Sr25519Keyring::Alice,
				Ed25519Keyring::Alice,
				0,
			),
			InitialValidator::dev(Sr25519Keyring::BobStash, Sr25519Keyring::Bob, Ed25519Keyring::Bob, 1),
			InitialValidator::dev(
				Sr25519Keyring::CharlieStash,
				Sr25519Keyring::Charlie,
				Ed25519Keyring::Charlie,
				2,
			),
			InitialValidator::dev(Sr25519Keyring::DaveStash, Sr25519Keyring::Dave, Ed25519Keyring::Dave, 3),
		],
		dev_endowed(),
		vec![
			Sr25519Keyring::Alice.to_account_id(),
			Sr25519Keyring::Bob.to_account_id(),
			Sr25519Keyring::Charlie.to_account_id(),
		],
		Some(Sr25519Keyring::Alice.to_account_id()),
	)
}

/// The preset with the given id, serialised as JSON.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_testnet_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The ids of the available presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}
