//! `iomt-node`: the node binary of the iomt-chain Substrate solo chain.
//!
//! * [`service`] — the full node: ParityDb-backed client, BABE block production, GRANDPA
//!   finality, offchain workers and the JSON-RPC server, all wired in one place.
//! * [`rpc`] — the node-specific JSON-RPC extensions (system, transaction payment, BABE,
//!   GRANDPA) merged on top of the standard Substrate RPC set.
//! * [`chain_spec`] — chain specifications built from the runtime's genesis presets.
//! * [`cli`] / [`command`] — command-line parsing and sub-command dispatch.

#![warn(missing_docs)]

mod chain_spec;
mod cli;
mod command;
mod rpc;
mod service;

fn main() -> sc_cli::Result<()> {
	command::run()
}
