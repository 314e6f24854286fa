//! Shared set-up of the runtime tests: test externalities from a genesis preset, built the
//! way the node's chain-spec builder does (the preset is a JSON patch over the defaults).

#![allow(dead_code)]

use iomt_runtime::{genesis_config_presets, RuntimeGenesisConfig, System};
use sp_genesis_builder::PresetId;
use sp_runtime::BuildStorage;

/// Merges a JSON patch into `base`, object by object.
pub fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) =>
			for (k, v) in patch {
				merge(base.entry(k).or_insert(serde_json::Value::Null), v);
			},
		(base, patch) => *base = patch,
	}
}

/// The runtime genesis config of `preset`.
pub fn genesis_config(preset: &str) -> RuntimeGenesisConfig {
	let patch: serde_json::Value = serde_json::from_slice(
		&genesis_config_presets::get_preset(&PresetId::from(preset))
			.unwrap_or_else(|| panic!("preset {preset} exists")),
	)
	.expect("a preset is JSON");
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, patch);
	serde_json::from_value(config).expect("the preset fits RuntimeGenesisConfig")
}

/// Externalities at block 1 of the `development` preset.
pub fn dev_ext() -> sp_io::TestExternalities {
	let mut ext = sp_io::TestExternalities::new(
		genesis_config(sp_genesis_builder::DEV_RUNTIME_PRESET)
			.build_storage()
			.expect("genesis builds"),
	);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
