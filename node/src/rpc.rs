//! Node-specific JSON-RPC extensions of `iomt-node`.
//!
//! `sc-service` already serves the standard Substrate RPC set (`chain_*`, `state_*`,
//! `system_*`, `author_*` — including `author_rotateKeys` used by validator operators to
//! create their BABE + GRANDPA session keys — and the new `chainHead`/`transaction` specs).
//! [`create_full`] adds the methods that depend on this runtime and on its consensus engines:
//!
//! | module                                   | methods                                           |
//! |------------------------------------------|---------------------------------------------------|
//! | `substrate_frame_rpc_system::System`     | `system_accountNextIndex` (nonce incl. the pool)  |
//! | `pallet_transaction_payment_rpc`         | `payment_queryInfo`, `payment_queryFeeDetails`    |
//! | `sc_consensus_babe_rpc::Babe`            | `babe_epochAuthorship` (unsafe, local keys)       |
//! | `sc_consensus_grandpa_rpc::Grandpa`      | `grandpa_roundState`, `grandpa_proveFinality`, `grandpa_subscribeJustifications` |

use std::sync::Arc;

use iomt_runtime::{opaque::Block, AccountId, Balance, Nonce};
use jsonrpsee::RpcModule;
use sc_consensus_babe::BabeWorkerHandle;
use sc_consensus_grandpa::{
	FinalityProofProvider, GrandpaJustificationStream, SharedAuthoritySet, SharedVoterState,
};
pub use sc_rpc::SubscriptionTaskExecutor;
use sc_transaction_pool_api::TransactionPool;
use sp_api::ProvideRuntimeApi;
use sp_block_builder::BlockBuilder;
use sp_blockchain::{Error as BlockChainError, HeaderBackend, HeaderMetadata};
use sp_consensus::SelectChain;
use sp_consensus_babe::BabeApi;
use sp_keystore::KeystorePtr;
use sp_runtime::traits::{Block as BlockT, NumberFor};

/// Dependencies of the BABE RPC (`babe_epochAuthorship`).
pub struct BabeDeps {
	/// Handle to the BABE worker spawned by the import queue; answers epoch-data queries.
	pub babe_worker_handle: BabeWorkerHandle<Block>,
	/// The node's keystore, used to report which slots the local BABE keys may author.
	pub keystore: KeystorePtr,
}

/// Dependencies of the GRANDPA RPC (`grandpa_*`).
pub struct GrandpaDeps<B> {
	/// State of the running GRANDPA voter (rounds, prevotes, precommits), filled in by the
	/// voter once it starts; shared with `sc_consensus_grandpa::run_grandpa_voter`.
	pub shared_voter_state: SharedVoterState,
	/// The current GRANDPA authority set (set id and voters).
	pub shared_authority_set: SharedAuthoritySet<<Block as BlockT>::Hash, NumberFor<Block>>,
	/// Stream of justifications produced or imported by GRANDPA.
	pub justification_stream: GrandpaJustificationStream<Block>,
	/// Executor driving the justification subscriptions.
	pub subscription_executor: SubscriptionTaskExecutor,
	/// Builds finality proofs for `grandpa_proveFinality`.
	pub finality_provider: Arc<FinalityProofProvider<B, Block>>,
}

/// Everything [`create_full`] needs to build the RPC extensions of a full node.
pub struct FullDeps<C, P, SC, B> {
	/// The client, used to call into the runtime.
	pub client: Arc<C>,
	/// The transaction pool (for pool-aware nonces).
	pub pool: Arc<P>,
	/// Best-chain selection (used by the BABE RPC to find the current epoch).
	pub select_chain: SC,
	/// BABE-specific dependencies.
	pub babe: BabeDeps,
	/// GRANDPA-specific dependencies.
	pub grandpa: GrandpaDeps<B>,
}

/// Instantiates all node-specific RPC extensions (see the module docs).
///
/// Methods that must not be exposed publicly (e.g. `babe_epochAuthorship`) check the
/// `--rpc-methods` policy themselves through the request extensions (`check_if_safe`).
pub fn create_full<C, P, SC, B>(
	deps: FullDeps<C, P, SC, B>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	C: ProvideRuntimeApi<Block>
		+ HeaderBackend<Block>
		+ HeaderMetadata<Block, Error = BlockChainError>
		+ Send
		+ Sync
		+ 'static,
	C::Api: substrate_frame_rpc_system::AccountNonceApi<Block, AccountId, Nonce>,
	C::Api: pallet_transaction_payment_rpc::TransactionPaymentRuntimeApi<Block, Balance>,
	C::Api: BabeApi<Block>,
	C::Api: BlockBuilder<Block>,
	P: TransactionPool + 'static,
	SC: SelectChain<Block> + Clone + 'static,
	B: sc_client_api::Backend<Block> + Send + Sync + 'static,
{
	use pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer};
	use sc_consensus_babe_rpc::{Babe, BabeApiServer};
	use sc_consensus_grandpa_rpc::{Grandpa, GrandpaApiServer};
	use substrate_frame_rpc_system::{System, SystemApiServer};

	let FullDeps { client, pool, select_chain, babe, grandpa } = deps;
	let BabeDeps { babe_worker_handle, keystore } = babe;
	let GrandpaDeps {
		shared_voter_state,
		shared_authority_set,
		justification_stream,
		subscription_executor,
		finality_provider,
	} = grandpa;

	let mut module = RpcModule::new(());

	// Accounts and fees.
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;

	// BABE: which slots the local keys can claim in the current and next epoch.
	module.merge(Babe::new(client, babe_worker_handle, keystore, select_chain).into_rpc())?;

	// GRANDPA: round state, justification subscription and finality proofs.
	module.merge(
		Grandpa::new(
			subscription_executor,
			shared_authority_set,
			shared_voter_state,
			justification_stream,
			finality_provider,
		)
		.into_rpc(),
	)?;

	Ok(module)
}
