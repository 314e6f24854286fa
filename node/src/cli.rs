//! Command-line interface of `iomt-node`.
//!
//! Without a sub-command the node runs (`sc_cli::RunCmd`: `--dev`, `--chain <id|file>`,
//! `--validator`, `--base-path`, `--database`, RPC and networking flags, ...). The
//! sub-commands are the standard Substrate ones; `benchmark` exists only in builds with the
//! `runtime-benchmarks` feature.

/// Top-level command line of `iomt-node`.
#[derive(Debug, clap::Parser)]
pub struct Cli {
	/// Optional sub-command; without one the node is started.
	#[command(subcommand)]
	pub subcommand: Option<Subcommand>,

	/// Parameters of the node itself (used when no sub-command is given).
	#[clap(flatten)]
	pub run: sc_cli::RunCmd,
}

/// The `iomt-node` sub-commands.
#[derive(Debug, clap::Subcommand)]
#[allow(clippy::large_enum_variant)]
pub enum Subcommand {
	/// Key management CLI utilities (generate, inspect, insert session keys, node keys).
	#[command(subcommand)]
	Key(sc_cli::KeySubcommand),

	/// Build a chain specification (`--raw` for the raw genesis storage form).
	BuildSpec(sc_cli::BuildSpecCmd),

	/// Export a built-in chain specification to JSON (plain or `--raw`).
	ExportChainSpec(sc_cli::ExportChainSpecCmd),

	/// Validate a block.
	CheckBlock(sc_cli::CheckBlockCmd),

	/// Export blocks to a file.
	ExportBlocks(sc_cli::ExportBlocksCmd),

	/// Export the state of a given block into a chain spec.
	ExportState(sc_cli::ExportStateCmd),

	/// Import blocks from a file.
	ImportBlocks(sc_cli::ImportBlocksCmd),

	/// Remove the whole chain database.
	PurgeChain(sc_cli::PurgeChainCmd),

	/// Revert the chain (and the BABE / GRANDPA consensus data) to a previous state.
	Revert(sc_cli::RevertCmd),

	/// Print information about the database (best, finalized and genesis blocks).
	ChainInfo(sc_cli::ChainInfoCmd),

	/// Runtime and machine benchmarks (only with the `runtime-benchmarks` feature).
	#[cfg(feature = "runtime-benchmarks")]
	#[command(subcommand)]
	Benchmark(frame_benchmarking_cli::BenchmarkCmd),
}
