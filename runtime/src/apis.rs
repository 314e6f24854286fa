//! The runtime APIs the node and apps call: block building and execution, metadata,
//! transaction validation, BABE and GRANDPA (including equivocation reports), session
//! keys, nonces, fees and genesis presets.

use crate::*;
use alloc::vec::Vec;
use codec::Encode;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use sp_api::impl_runtime_apis;
use sp_consensus_grandpa::AuthorityId as GrandpaId;
use sp_core::{crypto::KeyTypeId, OpaqueMetadata};
use sp_runtime::{
	traits::{Block as BlockT, NumberFor},
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode,
};
use sp_version::RuntimeVersion;

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			Executive::execute_block(block);
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_consensus_babe::BabeApi<Block> for Runtime {
		fn configuration() -> sp_consensus_babe::BabeConfiguration {
			let epoch_config = Babe::epoch_config().unwrap_or(BABE_GENESIS_EPOCH_CONFIG);
			sp_consensus_babe::BabeConfiguration {
				slot_duration: Babe::slot_duration(),
				epoch_length: configs::consensus::EpochDuration::get(),
				c: epoch_config.c,
				authorities: Babe::authorities().to_vec(),
				randomness: Babe::randomness(),
				allowed_slots: epoch_config.allowed_slots,
			}
		}

		fn current_epoch_start() -> sp_consensus_babe::Slot {
			Babe::current_epoch_start()
		}

		fn current_epoch() -> sp_consensus_babe::Epoch {
			Babe::current_epoch()
		}

		fn next_epoch() -> sp_consensus_babe::Epoch {
			Babe::next_epoch()
		}

		fn generate_key_ownership_proof(
			_slot: sp_consensus_babe::Slot,
			authority_id: sp_consensus_babe::AuthorityId,
		) -> Option<sp_consensus_babe::OpaqueKeyOwnershipProof> {
			use frame_support::traits::KeyOwnerProofSystem;
			Historical::prove((sp_consensus_babe::KEY_TYPE, authority_id))
				.map(|p| p.encode())
				.map(sp_consensus_babe::OpaqueKeyOwnershipProof::new)
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			equivocation_proof: sp_consensus_babe::EquivocationProof<<Block as BlockT>::Header>,
			key_owner_proof: sp_consensus_babe::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			let key_owner_proof = key_owner_proof.decode()?;
			Babe::submit_unsigned_equivocation_report(equivocation_proof, key_owner_proof)
		}
	}

	impl sp_consensus_grandpa::GrandpaApi<Block> for Runtime {
		fn grandpa_authorities() -> sp_consensus_grandpa::AuthorityList {
			Grandpa::grandpa_authorities()
		}

		fn current_set_id() -> sp_consensus_grandpa::SetId {
			Grandpa::current_set_id()
		}

		fn submit_report_equivocation_unsigned_extrinsic(
			equivocation_proof: sp_consensus_grandpa::EquivocationProof<
				<Block as BlockT>::Hash,
				NumberFor<Block>,
			>,
			key_owner_proof: sp_consensus_grandpa::OpaqueKeyOwnershipProof,
		) -> Option<()> {
			let key_owner_proof = key_owner_proof.decode()?;
			Grandpa::submit_unsigned_equivocation_report(equivocation_proof, key_owner_proof)
		}

		fn generate_key_ownership_proof(
			_set_id: sp_consensus_grandpa::SetId,
			authority_id: GrandpaId,
		) -> Option<sp_consensus_grandpa::OpaqueKeyOwnershipProof> {
			use frame_support::traits::KeyOwnerProofSystem;
			Historical::prove((sp_consensus_grandpa::KEY_TYPE, authority_id))
				.map(|p| p.encode())
				.map(sp_consensus_grandpa::OpaqueKeyOwnershipProof::new)
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		fn generate_session_keys(
			owner: Vec<u8>,
			seed: Option<Vec<u8>>,
		) -> sp_session::OpaqueGeneratedSessionKeys {
			SessionKeys::generate(&owner, seed).into()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, KeyTypeId)>> {
			SessionKeys::decode_into_raw_public_keys(&encoded)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}
		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}
		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}
		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}
		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_consent::runtime_api::ConsentApi<Block, AccountId, BlockNumber, pallet_consent::Consent<Runtime>>
		for Runtime
	{
		fn consents_of_patient(
			patient: iomt_primitives::PatientId,
			start_after: Option<iomt_primitives::ConsentId>,
			limit: u32,
		) -> Vec<(iomt_primitives::ConsentId, pallet_consent::Consent<Runtime>)> {
			Consent::consents_of_patient(patient, start_after, limit)
		}

		fn consents_of_grantee(
			grantee: iomt_primitives::Grantee<AccountId>,
			start_after: Option<iomt_primitives::ConsentId>,
			limit: u32,
		) -> Vec<(iomt_primitives::ConsentId, pallet_consent::Consent<Runtime>)> {
			Consent::consents_of_grantee(grantee, start_after, limit)
		}

		fn access_decision(
			accessor: iomt_primitives::Accessor<AccountId>,
			patient: iomt_primitives::PatientId,
			target: iomt_primitives::AccessTarget,
			action: iomt_primitives::AccessAction,
			purpose: iomt_primitives::Purpose,
			at: Option<BlockNumber>,
		) -> Result<iomt_primitives::AccessBasis, iomt_primitives::DenialReason> {
			Consent::access_decision(accessor, patient, target, action, purpose, at)
		}

		fn emergencies_of_patient(
			patient: iomt_primitives::PatientId,
			start_after: Option<iomt_primitives::EmergencyId>,
			limit: u32,
		) -> Vec<(iomt_primitives::EmergencyId, pallet_consent::EmergencyWindow<AccountId, BlockNumber>)> {
			Consent::emergencies_of_patient(patient, start_after, limit)
		}
	}

	impl pallet_audit::runtime_api::AuditApi<Block, AccountId, BlockNumber, pallet_audit::AuditEntryOf<Runtime>>
		for Runtime
	{
		fn patient_trail(
			patient: iomt_primitives::PatientId,
			from_index: u64,
			limit: u32,
			blocks: Option<(BlockNumber, BlockNumber)>,
		) -> Vec<(u64, pallet_audit::AuditEntryOf<Runtime>)> {
			Audit::patient_trail(patient, from_index, limit, blocks)
		}

		fn accessor_history(
			accessor: iomt_primitives::Accessor<AccountId>,
			start_after: Option<(iomt_primitives::PatientId, u64)>,
			limit: u32,
		) -> Vec<(iomt_primitives::PatientId, u64, pallet_audit::AuditEntryOf<Runtime>)> {
			Audit::accessor_history(accessor, start_after, limit)
		}

		fn disclosures(
			patient: iomt_primitives::PatientId,
			since_block: BlockNumber,
			limit: u32,
		) -> Vec<(u64, pallet_audit::AuditEntryOf<Runtime>)> {
			Audit::disclosures(patient, since_block, limit)
		}

		fn flagged(
			patient: iomt_primitives::PatientId,
			start_after: Option<u64>,
			limit: u32,
		) -> Vec<(u64, pallet_audit::AuditEntryOf<Runtime>)> {
			Audit::flagged(patient, start_after, limit)
		}

		fn unreviewed(
			patient: iomt_primitives::PatientId,
			start_after: Option<u64>,
			limit: u32,
		) -> Vec<(u64, pallet_audit::AuditEntryOf<Runtime>)> {
			Audit::unreviewed(patient, start_after, limit)
		}

		fn review_of(
			patient: iomt_primitives::PatientId,
			index: u64,
		) -> Option<(u64, pallet_audit::AuditEntryOf<Runtime>)> {
			Audit::review_of(patient, index)
		}

		fn head(patient: iomt_primitives::PatientId) -> ([u8; 32], u64) {
			Audit::head(patient)
		}
	}

	impl pallet_records::runtime_api::RecordsApi<Block, pallet_records::RecordOf<Runtime>> for Runtime {
		fn records_of(
			patient: iomt_primitives::PatientId,
			category: Option<iomt_primitives::RecordCategory>,
			start_after: Option<iomt_primitives::RecordId>,
			limit: u32,
		) -> Vec<(iomt_primitives::RecordId, pallet_records::RecordOf<Runtime>)> {
			Records::records_of(patient, category, start_after, limit)
		}

		fn record(
			id: iomt_primitives::RecordId,
		) -> Option<(pallet_records::RecordOf<Runtime>, Vec<iomt_primitives::RecordId>)> {
			Records::record_with_versions(id)
		}

		fn verify_hash(record: iomt_primitives::RecordId, hash: [u8; 32]) -> bool {
			Records::verify_hash(record, hash)
		}

		fn verify_reading(
			batch_id: iomt_primitives::RecordId,
			leaf: Vec<u8>,
			proof: Vec<[u8; 32]>,
			leaf_index: u32,
			number_of_leaves: u32,
		) -> bool {
			Records::verify_reading(batch_id, leaf, proof, leaf_index, number_of_leaves)
		}
	}

	impl pallet_devices::runtime_api::DevicesApi<
		Block,
		pallet_devices::Device<Runtime>,
		pallet_devices::Provenance<Runtime>,
		pallet_devices::ModelIdOf<Runtime>,
	> for Runtime {
		fn device(device: iomt_primitives::DeviceId) -> Option<pallet_devices::Device<Runtime>> {
			Devices::device(device)
		}

		fn provenance(
			device: iomt_primitives::DeviceId,
		) -> Option<pallet_devices::Provenance<Runtime>> {
			Devices::provenance(device)
		}

		fn devices_in_custody(
			organisation: iomt_primitives::OrganisationId,
			start_after: Option<iomt_primitives::DeviceId>,
			limit: u32,
		) -> Vec<iomt_primitives::DeviceId> {
			Devices::devices_in_custody(organisation, start_after, limit)
		}

		fn devices_of_recalled_model(
			manufacturer: iomt_primitives::OrganisationId,
			model: pallet_devices::ModelIdOf<Runtime>,
			start_after: Option<iomt_primitives::DeviceId>,
			limit: u32,
		) -> Vec<iomt_primitives::DeviceId> {
			Devices::devices_of_recalled_model(manufacturer, model, start_after, limit)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}

	// For `try-runtime-cli` before an upgrade (off-chain tooling, never in a production
	// build): it runs the migrations and every pallet's `try_state` invariants against live
	// state. A failed check panics, which is how the tool is told.
	#[cfg(feature = "try-runtime")]
	impl frame_try_runtime::TryRuntime<Block> for Runtime {
		fn on_runtime_upgrade(
			checks: frame_try_runtime::UpgradeCheckSelect,
		) -> (frame_support::weights::Weight, frame_support::weights::Weight) {
			let weight = Executive::try_runtime_upgrade(checks)
				.expect("the runtime upgrade and its checks pass");
			(weight, configs::system::RuntimeBlockWeights::get().max_block)
		}

		fn execute_block(
			block: <Block as BlockT>::LazyBlock,
			state_root_check: bool,
			signature_check: bool,
			select: frame_try_runtime::TryStateSelect,
		) -> frame_support::weights::Weight {
			Executive::try_execute_block(block, state_root_check, signature_check, select)
				.expect("the block executes and the try-state checks pass")
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(extra: bool) -> (
			Vec<frame_benchmarking::BenchmarkList>,
			Vec<frame_support::traits::StorageInfo>,
		) {
			use frame_benchmarking::{baseline, BenchmarkList};
			use frame_support::traits::StorageInfoTrait;
			use frame_system_benchmarking::Pallet as SystemBench;
			use baseline::Pallet as BaselineBench;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);

			let storage_info = AllPalletsWithSystem::storage_info();
			(list, storage_info)
		}

		#[allow(non_local_definitions)]
		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::{baseline, BenchmarkBatch};
			use sp_storage::TrackedStorageKey;
			use frame_system_benchmarking::Pallet as SystemBench;
			use baseline::Pallet as BaselineBench;
			use frame_support::traits::WhitelistedStorageKeys;

			impl frame_system_benchmarking::Config for Runtime {}
			impl baseline::Config for Runtime {}

			let whitelist: Vec<TrackedStorageKey> = AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}
}
