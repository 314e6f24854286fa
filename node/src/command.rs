//! Sub-command dispatch of `iomt-node`.

use crate::{
	chain_spec,
	cli::{Cli, Subcommand},
	service,
};
use iomt_runtime::opaque::Block;
use sc_cli::SubstrateCli;
use sc_service::PartialComponents;
use sp_runtime::traits::NumberFor;
use std::sync::Arc;

impl SubstrateCli for Cli {
	fn impl_name() -> String {
		"iomt-node".into()
	}

	fn impl_version() -> String {
		env!("SUBSTRATE_CLI_IMPL_VERSION").into()
	}

	fn description() -> String {
		env!("CARGO_PKG_DESCRIPTION").into()
	}

	fn author() -> String {
		env!("CARGO_PKG_AUTHORS").into()
	}

	fn support_url() -> String {
		"https://example.invalid/iomt-chain/issues".into()
	}

	fn copyright_start_year() -> i32 {
		2025
	}

	/// `dev`/`development` and `local`/`local_testnet` (also the empty id) are built from the
	/// runtime's genesis presets; anything else is read as a JSON chain spec file (see
	/// [`chain_spec`]).
	fn load_spec(&self, id: &str) -> Result<Box<dyn sc_service::ChainSpec>, String> {
		chain_spec::load_spec(id)
	}
}

/// Parses the command line and runs the selected sub-command (or the node).
pub fn run() -> sc_cli::Result<()> {
	let cli = Cli::from_args();

	match &cli.subcommand {
		Some(Subcommand::Key(cmd)) => cmd.run(&cli),
		Some(Subcommand::BuildSpec(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.chain_spec, config.network))
		}
		Some(Subcommand::ExportChainSpec(cmd)) => {
			let chain_spec = cli.load_spec(&cmd.chain)?;
			cmd.run(chain_spec)
		}
		Some(Subcommand::CheckBlock(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		}
		Some(Subcommand::ExportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.database), task_manager))
			})
		}
		Some(Subcommand::ExportState(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, .. } = service::new_partial(&config)?;
				Ok((cmd.run(client, config.chain_spec), task_manager))
			})
		}
		Some(Subcommand::ImportBlocks(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, import_queue, .. } =
					service::new_partial(&config)?;
				Ok((cmd.run(client, import_queue), task_manager))
			})
		}
		Some(Subcommand::PurgeChain(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run(config.database))
		}
		Some(Subcommand::Revert(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.async_run(|config| {
				let PartialComponents { client, task_manager, backend, .. } =
					service::new_partial(&config)?;
				// Besides the blocks themselves, the consensus engines keep auxiliary data
				// that must be rolled back too: BABE's epoch-change tree and block weights,
				// GRANDPA's authority-set changes and voter state.
				let aux_revert = Box::new(
					|client: Arc<service::FullClient>,
					 backend: Arc<service::FullBackend>,
					 blocks: NumberFor<Block>|
					 -> sc_cli::Result<()> {
						sc_consensus_babe::revert(client.clone(), backend, blocks)?;
						sc_consensus_grandpa::revert(client, blocks)?;
						Ok(())
					},
				);
				Ok((cmd.run::<Block, _, _>(client, backend, Some(aux_revert)), task_manager))
			})
		}
		Some(Subcommand::ChainInfo(cmd)) => {
			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| cmd.run::<Block>(&config))
		}
		#[cfg(feature = "runtime-benchmarks")]
		Some(Subcommand::Benchmark(cmd)) => {
			use frame_benchmarking_cli::{BenchmarkCmd, SUBSTRATE_REFERENCE_HARDWARE};

			let runner = cli.create_runner(cmd)?;
			runner.sync_run(|config| match cmd {
				// Runtime (pallet) benchmarks: executes the runtime's `Benchmark` API against
				// the genesis state of the selected chain spec.
				BenchmarkCmd::Pallet(cmd) => cmd
					.run_with_spec::<sp_runtime::traits::HashingFor<Block>, ()>(Some(
						config.chain_spec,
					)),
				// Hardware check of this machine against Substrate's reference hardware.
				BenchmarkCmd::Machine(cmd) => {
					cmd.run(&config, SUBSTRATE_REFERENCE_HARDWARE.clone())
				}
				BenchmarkCmd::Storage(_)
				| BenchmarkCmd::Overhead(_)
				| BenchmarkCmd::Block(_)
				| BenchmarkCmd::Extrinsic(_) => {
					Err("This benchmark sub-command is not supported by iomt-node; \
					 use `benchmark pallet` or `benchmark machine`."
						.into())
				}
			})
		}
		None => {
			let runner = cli.create_runner(&cli.run)?;
			runner.run_node_until_exit(|config| async move {
				match config.network.network_backend {
					sc_network::config::NetworkBackendType::Libp2p => service::new_full::<
						sc_network::NetworkWorker<
							Block,
							<Block as sp_runtime::traits::Block>::Hash,
						>,
					>(config)
					.map_err(sc_cli::Error::Service),
					sc_network::config::NetworkBackendType::Litep2p => {
						service::new_full::<sc_network::Litep2pNetworkBackend>(config)
							.map_err(sc_cli::Error::Service)
					}
				}
			})
		}
	}
}
