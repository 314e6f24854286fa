//! The pallets whose FRAME benchmarks `iomt-node benchmark pallet` runs.

frame_benchmarking::define_benchmarks!(
	[frame_benchmarking, BaselineBench::<Runtime>]
	[frame_system, SystemBench::<Runtime>]
	[pallet_balances, Balances]
	[pallet_timestamp, Timestamp]
	[pallet_validator_allowlist, ValidatorAllowlist]
	[pallet_registry, Registry]
	[pallet_pseudonyms, Pseudonyms]
	[pallet_consent, Consent]
	[pallet_audit, Audit]
	[pallet_records, Records]
	[pallet_devices, Devices]
);
