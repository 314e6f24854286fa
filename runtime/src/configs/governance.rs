//! Governance: the consortium council.
//!
//! Each member organisation names one admin account to the council. Council motions
//! passed by **more than half** of the members are the governance origin
//! ([`EnsureGovernance`]) that admits and suspends organisations, approves validators,
//! recalls devices and sets parameters. Membership itself changes by the same majority.
//! Root (sudo, on development chains only) can do everything the council can.

use crate::*;
use frame_support::{
	parameter_types,
	traits::{ConstU32, EitherOfDiverse},
	weights::Weight,
};
use frame_system::EnsureRoot;
use sp_runtime::Perbill;

/// The council's collective instance.
pub type CouncilCollective = pallet_collective::Instance1;

/// More than half of the consortium council, or root.
pub type EnsureGovernance = EitherOfDiverse<
	EnsureRoot<AccountId>,
	pallet_collective::EnsureProportionMoreThan<AccountId, CouncilCollective, 1, 2>,
>;

parameter_types! {
	/// A motion is open for votes for three days.
	pub const CouncilMotionDuration: BlockNumber = 3 * DAYS;
	/// A council motion may use at most half a block.
	pub MaxProposalWeight: Weight = Perbill::from_percent(50) *
		configs::system::RuntimeBlockWeights::get().max_block;
}

impl pallet_collective::Config<CouncilCollective> for Runtime {
	type RuntimeOrigin = RuntimeOrigin;
	type Proposal = RuntimeCall;
	type RuntimeEvent = RuntimeEvent;
	type MotionDuration = CouncilMotionDuration;
	type MaxProposals = ConstU32<100>;
	/// Tens of member organisations, with headroom.
	type MaxMembers = ConstU32<100>;
	/// Members who did not vote count as the prime member's vote, if there is one.
	type DefaultVote = pallet_collective::PrimeDefaultVote;
	type WeightInfo = pallet_collective::weights::SubstrateWeight<Runtime>;
	/// Membership is managed by `CouncilMembership`; root may reset it directly.
	type SetMembersOrigin = EnsureRoot<AccountId>;
	type MaxProposalWeight = MaxProposalWeight;
	type DisapproveOrigin = EnsureGovernance;
	type KillOrigin = EnsureGovernance;
	/// Members pay no deposit for proposals: they are known organisations.
	type Consideration = ();
}

impl pallet_membership::Config<pallet_membership::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type AddOrigin = EnsureGovernance;
	type RemoveOrigin = EnsureGovernance;
	type SwapOrigin = EnsureGovernance;
	type ResetOrigin = EnsureGovernance;
	type PrimeOrigin = EnsureGovernance;
	type MembershipInitialized = Council;
	type MembershipChanged = Council;
	type MaxMembers = ConstU32<100>;
	type WeightInfo = pallet_membership::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}
