//! Chain specifications of iomt-chain.
//!
//! The node never hand-writes a genesis state. Every built-in chain specification only
//! names one of the genesis presets exported by the runtime (`sp_genesis_builder`): the
//! runtime's `GenesisBuilder` API turns the preset into the genesis `RuntimeGenesisConfig`
//! when the chain spec is built (`build-spec`, `export-chain-spec`) or when the genesis block
//! is created. Changing the genesis therefore means changing the preset in the runtime.
//!
//! | `--chain`                          | preset                               | chain type    |
//! |------------------------------------|--------------------------------------|---------------|
//! | `dev`, `development` (or `--dev`)  | [`DEV_RUNTIME_PRESET`]               | `Development` |
//! | `""`, `local`, `local_testnet`     | [`LOCAL_TESTNET_RUNTIME_PRESET`]     | `Local`       |
//! | anything else                      | path to a JSON chain spec file       | from the file |

use sc_service::{ChainType, Properties};
use sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET};

/// The chain specification type of iomt-chain: no chain-spec extensions, genesis built by
/// the runtime's `GenesisBuilder` API.
pub type ChainSpec = sc_service::GenericChainSpec;

/// Token symbol shown by wallets and explorers.
const TOKEN_SYMBOL: &str = "IOMT";
/// Number of decimals of the native token.
const TOKEN_DECIMALS: u32 = 12;
/// libp2p protocol id: keeps iomt-chain nodes from gossiping with other Substrate chains.
const PROTOCOL_ID: &str = "iomt";
/// SS58 address format (42 = generic Substrate).
const SS58_FORMAT: u32 = 42;

/// The token/address properties embedded in every built-in chain spec.
fn chain_properties() -> Properties {
	let mut properties = Properties::new();
	properties.insert("tokenSymbol".into(), serde_json::json!(TOKEN_SYMBOL));
	properties.insert("tokenDecimals".into(), serde_json::json!(TOKEN_DECIMALS));
	properties.insert("ss58Format".into(), serde_json::json!(SS58_FORMAT));
	properties
}

/// The runtime Wasm blob embedded in the node at compile time.
fn wasm_binary() -> Result<&'static [u8], String> {
	iomt_runtime::WASM_BINARY.ok_or_else(|| {
		"The runtime Wasm binary is not available. The node was built with \
		 `SKIP_WASM_BUILD`; rebuild without it to use the built-in chain specs."
			.to_string()
	})
}

/// Single-validator development chain (Alice), built from the runtime's
/// [`DEV_RUNTIME_PRESET`] (`"development"`) genesis preset.
pub fn development_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, Default::default())
		.with_name("IoMT Development")
		.with_id("iomt_dev")
		.with_chain_type(ChainType::Development)
		.with_protocol_id(PROTOCOL_ID)
		.with_genesis_config_preset_name(DEV_RUNTIME_PRESET)
		.with_properties(chain_properties())
		.build())
}

/// Multi-validator local testnet (the zombienet network), built from the runtime's
/// [`LOCAL_TESTNET_RUNTIME_PRESET`] (`"local_testnet"`) genesis preset.
pub fn local_testnet_chain_spec() -> Result<ChainSpec, String> {
	Ok(ChainSpec::builder(wasm_binary()?, Default::default())
		.with_name("IoMT Local Testnet")
		.with_id("iomt_local_testnet")
		.with_chain_type(ChainType::Local)
		.with_protocol_id(PROTOCOL_ID)
		.with_genesis_config_preset_name(LOCAL_TESTNET_RUNTIME_PRESET)
		.with_properties(chain_properties())
		.build())
}

/// Resolves a `--chain` argument to a chain specification (see the module docs).
pub fn load_spec(id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
	Ok(match id {
		"dev" | "development" => Box::new(development_chain_spec()?),
		"" | "local" | "local_testnet" => Box::new(local_testnet_chain_spec()?),
		path => Box::new(ChainSpec::from_json_file(std::path::PathBuf::from(path))?),
	})
}
