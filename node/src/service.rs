//! The iomt-chain full node: how BABE, GRANDPA, the transaction pool, offchain workers and
//! the JSON-RPC server are put together.
//!
//! Reading guide for validator operators — everything a validator runs is started from
//! [`new_full`], in this order:
//!
//! 1. **Client and database** ([`new_partial`]): a Wasm-only executor runs the on-chain
//!    runtime; blocks and state live in a ParityDb database (RocksDB is not compiled in). Blocks
//!    carrying GRANDPA justifications are never pruned, so this node can always serve warp-sync
//!    proofs.
//! 2. **Block import pipeline** ([`new_partial`]): `BABE import → GRANDPA import → client`.
//!    The BABE block import checks slots, VRF claims and epoch changes (and reports BABE
//!    equivocations through the offchain transaction pool); the wrapped GRANDPA block import
//!    tracks authority-set changes and imports justifications. The BABE import queue verifies
//!    every block received from the network before handing it to this pipeline.
//! 3. **Networking**: the GRANDPA gossip protocol is registered on the network, and GRANDPA
//!    warp sync lets new nodes jump to the latest finalized state.
//! 4. **Offchain workers**: run the runtime's `OffchainWorkerApi` after each new best block
//!    and may submit unsigned extrinsics (e.g. equivocation reports) to the local pool.
//! 5. **JSON-RPC**: standard Substrate RPC (incl. `author_rotateKeys`) plus the extensions in
//!    [`crate::rpc`] (system, transaction payment, BABE, GRANDPA).
//! 6. **BABE block authoring** (validators only, `--validator` / `--dev`): a slot worker that
//!    builds a block whenever the local BABE key wins a slot.
//! 7. **GRANDPA voter** (unless `--no-grandpa`): votes on finality with the local GRANDPA key
//!    (validators) or follows votes as a passive voter (full nodes).

use futures::FutureExt;
use iomt_runtime::{opaque::Block, RuntimeApi};
use sc_client_api::{Backend as _, BlockBackend};
use sc_consensus_babe::{BabeLink, BabeWorkerHandle, SlotProportion};
use sc_consensus_grandpa::SharedVoterState;
use sc_service::{
	error::Error as ServiceError, Configuration, PartialComponents, TaskManager, WarpSyncConfig,
};
use sc_telemetry::{Telemetry, TelemetryWorker};
use sc_transaction_pool_api::OffchainTransactionPoolFactory;
use sp_consensus_babe::inherents::BabeCreateInherentDataProviders;
use sp_runtime::traits::Block as BlockT;
use std::{sync::Arc, time::Duration};

/// Host functions available to the runtime.
#[cfg(not(feature = "runtime-benchmarks"))]
pub type HostFunctions = sp_io::SubstrateHostFunctions;

/// Host functions available to the runtime (plus the benchmarking host functions).
#[cfg(feature = "runtime-benchmarks")]
pub type HostFunctions =
	(sp_io::SubstrateHostFunctions, frame_benchmarking::benchmarking::HostFunctions);

/// The runtime executor: Wasm only, there is no native runtime.
pub type RuntimeExecutor = sc_executor::WasmExecutor<HostFunctions>;

/// The full client.
pub type FullClient = sc_service::TFullClient<Block, RuntimeApi, RuntimeExecutor>;
/// The database backend (ParityDb).
pub type FullBackend = sc_service::TFullBackend<Block>;
/// Best-chain selection: the longest chain (GRANDPA never lets it revert finalized blocks).
pub type FullSelectChain = sc_consensus::LongestChain<FullBackend, Block>;
/// The transaction pool (fork-aware or single-state, chosen by `--pool-type`).
pub type TransactionPool = sc_transaction_pool::TransactionPoolHandle<Block, FullClient>;
/// GRANDPA block import, wrapping the client.
pub type FullGrandpaBlockImport =
	sc_consensus_grandpa::GrandpaBlockImport<FullBackend, Block, FullClient, FullSelectChain>;
/// BABE block import, wrapping the GRANDPA block import. Every block — produced locally or
/// received from the network — goes through this import.
pub type FullBabeBlockImport = sc_consensus_babe::BabeBlockImport<
	Block,
	FullClient,
	FullGrandpaBlockImport,
	BabeCreateInherentDataProviders<Block>,
	FullSelectChain,
>;

/// The minimum period of blocks on which GRANDPA justifications are imported and generated.
const GRANDPA_JUSTIFICATION_PERIOD: u32 = 512;

/// The consensus pieces built by [`new_partial`] and consumed by [`new_full`].
pub struct ConsensusParts {
	/// The block import used by BABE authoring (`BABE → GRANDPA → client`).
	pub block_import: FullBabeBlockImport,
	/// BABE state shared between the import queue and the authoring worker.
	pub babe_link: BabeLink<Block>,
	/// Handle to the BABE worker (epoch data), used by the BABE RPC.
	pub babe_worker_handle: BabeWorkerHandle<Block>,
	/// GRANDPA state shared between the block import and the voter.
	pub grandpa_link: sc_consensus_grandpa::LinkHalf<Block, FullClient, FullSelectChain>,
	/// Telemetry, if `--telemetry-url` is set.
	pub telemetry: Option<Telemetry>,
}

/// The components shared by the node and the database sub-commands
/// (`check-block`, `import-blocks`, `revert`, ...).
pub type Service = PartialComponents<
	FullClient,
	FullBackend,
	FullSelectChain,
	sc_consensus::DefaultImportQueue<Block>,
	TransactionPool,
	ConsensusParts,
>;

/// Builds the client, the database, the transaction pool and the BABE/GRANDPA import queue.
pub fn new_partial(config: &Configuration) -> Result<Service, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|x| !x.is_empty())
		.map(|endpoints| -> Result<_, sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	// --- Client and database -----------------------------------------------------------
	//
	// `config.database` is ParityDb (`sc-cli` defaults to it when RocksDB is not compiled in).
	// The GRANDPA pruning filter keeps every block that carries a GRANDPA justification, so
	// warp-sync proofs can still be built with `--blocks-pruning`.
	let executor = sc_service::new_wasm_executor::<HostFunctions>(&config.executor);
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			vec![Arc::new(sc_consensus_grandpa::GrandpaPruningFilter)
				as Arc<dyn sc_service::PruningFilter>],
		)?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = sc_consensus::LongestChain::new(backend.clone());

	// --- Transaction pool -----------------------------------------------------------------
	//
	// Fork-aware or single-state, as selected by `--pool-type` (`config.transaction_pool`).
	let transaction_pool = Arc::from(
		sc_transaction_pool::Builder::new(
			task_manager.spawn_essential_handle(),
			client.clone(),
			config.role.is_authority().into(),
		)
		.with_options(config.transaction_pool.clone())
		.with_prometheus(config.prometheus_registry())
		.build(),
	);

	// --- Block import pipeline: BABE → GRANDPA → client -----------------------------------
	//
	// GRANDPA block import: follows authority-set changes signalled by the runtime and imports
	// justifications. The genesis GRANDPA authorities are read from the runtime's `GrandpaApi`.
	let (grandpa_block_import, grandpa_link) = sc_consensus_grandpa::block_import(
		client.clone(),
		GRANDPA_JUSTIFICATION_PERIOD,
		&client,
		select_chain.clone(),
		telemetry.as_ref().map(|x| x.handle()),
	)?;
	let justification_import = grandpa_block_import.clone();

	// BABE block import wraps the GRANDPA one. The BABE configuration (slot duration, epoch
	// length, genesis authorities and randomness) comes from the runtime's `BabeApi`. The
	// inherent data providers (timestamp + BABE slot) are used to check the inherents of
	// imported blocks; equivocations detected on import are reported as unsigned extrinsics
	// through the offchain transaction pool.
	let babe_config = sc_consensus_babe::configuration(&*client)?;
	let slot_duration = babe_config.slot_duration();
	let (block_import, babe_link) = sc_consensus_babe::block_import(
		babe_config,
		grandpa_block_import,
		client.clone(),
		Arc::new(move |_, _| async move {
			let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
			let slot =
				sp_consensus_babe::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
					*timestamp,
					slot_duration,
				);
			Ok((slot, timestamp))
		}) as BabeCreateInherentDataProviders<Block>,
		select_chain.clone(),
		OffchainTransactionPoolFactory::new(transaction_pool.clone()),
	)?;

	// BABE import queue: verifies the BABE seal, the slot and the VRF of blocks received from
	// the network, then imports them through `block_import`; GRANDPA justifications received
	// alongside blocks go to the GRANDPA justification import.
	let (import_queue, babe_worker_handle) =
		sc_consensus_babe::import_queue(sc_consensus_babe::ImportQueueParams {
			link: babe_link.clone(),
			block_import: block_import.clone(),
			justification_import: Some(Box::new(justification_import)),
			client: client.clone(),
			slot_duration,
			spawner: &task_manager.spawn_essential_handle(),
			registry: config.prometheus_registry(),
			telemetry: telemetry.as_ref().map(|x| x.handle()),
		})?;

	Ok(PartialComponents {
		client,
		backend,
		task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: ConsensusParts {
			block_import,
			babe_link,
			babe_worker_handle,
			grandpa_link,
			telemetry,
		},
	})
}

/// Builds and starts a full node (validator or not) with the network backend `N`.
pub fn new_full<N: sc_network::NetworkBackend<Block, <Block as BlockT>::Hash>>(
	config: Configuration,
) -> Result<TaskManager, ServiceError> {
	let PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other:
			ConsensusParts { block_import, babe_link, babe_worker_handle, grandpa_link, mut telemetry },
	} = new_partial(&config)?;

	let role = config.role;
	let force_authoring = config.force_authoring;
	let name = config.network.node_name.clone();
	let enable_grandpa = !config.disable_grandpa;
	let enable_offchain_worker = config.offchain_worker.enabled;
	let prometheus_registry = config.prometheus_registry().cloned();

	// --- Networking: GRANDPA gossip protocol and warp sync ---------------------------------
	let mut net_config = sc_network::config::FullNetworkConfiguration::<
		Block,
		<Block as BlockT>::Hash,
		N,
	>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());
	let peer_store_handle = net_config.peer_store_handle();

	// The GRANDPA notification protocol name is derived from the genesis hash (and fork id).
	let genesis_hash = client.block_hash(0).ok().flatten().expect("Genesis block exists; qed");
	let grandpa_protocol_name =
		sc_consensus_grandpa::protocol_standard_name(&genesis_hash, &config.chain_spec);
	let (grandpa_protocol_config, grandpa_notification_service) =
		sc_consensus_grandpa::grandpa_peers_set_config::<_, N>(
			grandpa_protocol_name.clone(),
			metrics.clone(),
			peer_store_handle,
		);
	net_config.add_notification_protocol(grandpa_protocol_config);

	// GRANDPA warp sync: proofs of authority-set changes let a new node jump to the latest
	// finalized block instead of importing the whole chain.
	let warp_sync = Arc::new(sc_consensus_grandpa::warp_proof::NetworkProvider::new(
		backend.clone(),
		grandpa_link.shared_authority_set().clone(),
		Vec::default(),
	));

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config: Some(WarpSyncConfig::WithProvider(warp_sync)),
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	// --- Offchain workers ----------------------------------------------------------------
	//
	// Run the runtime's `OffchainWorkerApi` on every new best block. They get the keystore
	// and the offchain transaction pool, so the runtime can submit unsigned extrinsics
	// (e.g. BABE/GRANDPA equivocation reports).
	if enable_offchain_worker {
		let offchain_workers =
			sc_offchain::OffchainWorkers::new(sc_offchain::OffchainWorkerOptions {
				runtime_api_provider: client.clone(),
				is_validator: role.is_authority(),
				keystore: Some(keystore_container.keystore()),
				offchain_db: backend.offchain_storage(),
				transaction_pool: Some(OffchainTransactionPoolFactory::new(
					transaction_pool.clone(),
				)),
				network_provider: Arc::new(network.clone()),
				enable_http_requests: true,
				custom_extensions: |_| vec![],
			})?;
		task_manager.spawn_handle().spawn(
			"offchain-workers-runner",
			"offchain-worker",
			offchain_workers.run(client.clone(), task_manager.spawn_handle()).boxed(),
		);
	}

	// --- JSON-RPC ------------------------------------------------------------------------
	//
	// The voter state is created here and shared between the GRANDPA voter (which fills it)
	// and the `grandpa_roundState` RPC (which reads it).
	let shared_voter_state = SharedVoterState::empty();

	let rpc_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();
		let select_chain = select_chain.clone();
		let keystore = keystore_container.keystore();
		let shared_voter_state = shared_voter_state.clone();
		let shared_authority_set = grandpa_link.shared_authority_set().clone();
		let justification_stream = grandpa_link.justification_stream();
		let finality_provider = sc_consensus_grandpa::FinalityProofProvider::new_for_service(
			backend.clone(),
			Some(shared_authority_set.clone()),
		);

		Box::new(move |subscription_executor: sc_rpc::SubscriptionTaskExecutor| -> Result<
			jsonrpsee::RpcModule<()>,
			ServiceError,
		> {
			let deps = crate::rpc::FullDeps {
				client: client.clone(),
				pool: pool.clone(),
				select_chain: select_chain.clone(),
				babe: crate::rpc::BabeDeps {
					babe_worker_handle: babe_worker_handle.clone(),
					keystore: keystore.clone(),
				},
				grandpa: crate::rpc::GrandpaDeps {
					shared_voter_state: shared_voter_state.clone(),
					shared_authority_set: shared_authority_set.clone(),
					justification_stream: justification_stream.clone(),
					subscription_executor,
					finality_provider: finality_provider.clone(),
				},
			};
			crate::rpc::create_full(deps).map_err(Into::into)
		})
	};

	// Starts the RPC server (standard Substrate RPC + `rpc_builder`), the informant, telemetry
	// and the transaction-pool maintenance. With `--dev`/`--alice`/... the development session
	// keys are inserted into the keystore here.
	let _rpc_handlers = sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		config,
		backend: backend.clone(),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		network: network.clone(),
		rpc_builder,
		transaction_pool: transaction_pool.clone(),
		task_manager: &mut task_manager,
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	// --- BABE block authoring (validators only) -------------------------------------------
	if role.is_authority() {
		let proposer_factory = sc_basic_authorship::ProposerFactory::new(
			task_manager.spawn_handle(),
			client.clone(),
			transaction_pool.clone(),
			prometheus_registry.as_ref(),
			telemetry.as_ref().map(|x| x.handle()),
		);

		let slot_duration = babe_link.config().slot_duration();
		let babe_params = sc_consensus_babe::BabeParams {
			keystore: keystore_container.keystore(),
			client: client.clone(),
			select_chain,
			env: proposer_factory,
			block_import,
			sync_oracle: sync_service.clone(),
			justification_sync_link: sync_service.clone(),
			// Slot-based inherents of every authored block: the timestamp and the BABE slot
			// derived from it.
			create_inherent_data_providers: move |_, ()| async move {
				let timestamp = sp_timestamp::InherentDataProvider::from_system_time();
				let slot =
					sp_consensus_babe::inherents::InherentDataProvider::from_timestamp_and_slot_duration(
						*timestamp,
						slot_duration,
					);
				Ok((slot, timestamp))
			},
			force_authoring,
			// Slow down authoring when finality lags too far behind the best block.
			backoff_authoring_blocks: Some(
				sc_consensus_slots::BackoffAuthoringOnFinalizedHeadLagging::default(),
			),
			babe_link,
			block_proposal_slot_portion: SlotProportion::new(0.5),
			max_block_proposal_slot_portion: None,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
		};

		let babe = sc_consensus_babe::start_babe(babe_params)?;
		// Essential: if block authoring stops, the whole node is brought down.
		task_manager.spawn_essential_handle().spawn_blocking(
			"babe-proposer",
			Some("block-authoring"),
			babe,
		);
	}

	// --- GRANDPA finality voter --------------------------------------------------------------
	if enable_grandpa {
		// Only validators need the keystore; other nodes follow the votes without voting.
		let keystore = if role.is_authority() { Some(keystore_container.keystore()) } else { None };

		let grandpa_config = sc_consensus_grandpa::Config {
			gossip_duration: Duration::from_millis(333),
			justification_generation_period: GRANDPA_JUSTIFICATION_PERIOD,
			name: Some(name),
			observer_enabled: false,
			keystore,
			local_role: role,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			protocol_name: grandpa_protocol_name,
		};

		// Non-authorities also run the full voter (not the observer): it gives better
		// guarantees of block and vote availability.
		let grandpa_params = sc_consensus_grandpa::GrandpaParams {
			config: grandpa_config,
			link: grandpa_link,
			network,
			sync: Arc::new(sync_service),
			notification_service: grandpa_notification_service,
			voting_rule: sc_consensus_grandpa::VotingRulesBuilder::default().build(),
			prometheus_registry,
			shared_voter_state,
			telemetry: telemetry.as_ref().map(|x| x.handle()),
			// GRANDPA equivocations are reported as unsigned extrinsics via the pool.
			offchain_tx_pool_factory: OffchainTransactionPoolFactory::new(transaction_pool),
		};

		// Essential: if the voter fails, the whole node is brought down.
		task_manager.spawn_essential_handle().spawn_blocking(
			"grandpa-voter",
			None,
			sc_consensus_grandpa::run_grandpa_voter(grandpa_params)?,
		);
	}

	Ok(task_manager)
}
