//! Consensus: BABE, GRANDPA, authorship, session, offences, nominated proof of stake and
//! the validator allowlist.
//!
//! ## Time constants, for a consortium of tens of validators
//!
//! | what | value | why |
//! |---|---|---|
//! | slot / block | 6 s | slack for validators spread over hospital networks |
//! | BABE epoch = session | 1 h (600 blocks) | key changes take effect within ~2 h |
//! | era | 6 sessions = 6 h | an election four times a day is plenty for tens of validators |
//! | bonding duration | 28 eras = 7 days | long enough to slash an offence found in a weekly audit |
//! | slash deferral | 27 eras | the council can cancel a wrong slash before it applies; must stay below the bonding duration |
//! | history depth | 84 eras = 21 days | rewards can be claimed for three weeks |
//! | validator set | at most 100 | "tens of validators", with headroom |

use crate::*;
use frame_election_provider_support::{
	bounds::{ElectionBounds, ElectionBoundsBuilder},
	onchain, SequentialPhragmen,
};
use frame_support::{
	parameter_types,
	traits::{ConstBool, ConstU32, Nothing},
};
use sp_runtime::{curve::PiecewiseLinear, Perbill};
use sp_staking::{EraIndex, SessionIndex};

/// BABE's epoch configuration at genesis: primary slots claimed with probability 1/4 and
/// secondary VRF slots filling the rest, so that a slot is never empty while one validator
/// is online.
pub const BABE_GENESIS_EPOCH_CONFIG: sp_consensus_babe::BabeEpochConfiguration =
	sp_consensus_babe::BabeEpochConfiguration {
		c: (1, 4),
		allowed_slots: sp_consensus_babe::AllowedSlots::PrimaryAndSecondaryVRFSlots,
	};

parameter_types! {
	/// One epoch is one session.
	pub const EpochDuration: u64 = EPOCH_DURATION_IN_SLOTS;
	pub const ExpectedBlockTime: u64 = MILLISECS_PER_BLOCK;
	/// An equivocation report is valid while the offender is still bonded.
	pub const ReportLongevity: u64 =
		BondingDuration::get() as u64 * SessionsPerEra::get() as u64 * EpochDuration::get();
	/// Upper bound of the validator set, of BABE and GRANDPA authorities and of the election.
	pub const MaxValidators: u32 = 100;
	/// Nominators counted in an exposure (equivocation proofs are sized by it).
	pub const MaxNominators: u32 = 512;
}

impl pallet_babe::Config for Runtime {
	type EpochDuration = EpochDuration;
	type ExpectedBlockTime = ExpectedBlockTime;
	/// Epochs change when the session changes.
	type EpochChangeTrigger = pallet_babe::ExternalTrigger;
	type DisabledValidators = Session;
	type WeightInfo = ();
	type MaxAuthorities = MaxValidators;
	type MaxNominators = MaxNominators;
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem =
		pallet_babe::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

parameter_types! {
	pub const MaxSetIdSessionEntries: u32 = BondingDuration::get() * SessionsPerEra::get();
}

impl pallet_grandpa::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type WeightInfo = ();
	type MaxAuthorities = MaxValidators;
	type MaxNominators = MaxNominators;
	type MaxSetIdSessionEntries = MaxSetIdSessionEntries;
	type KeyOwnerProof = sp_session::MembershipProof;
	type EquivocationReportSystem =
		pallet_grandpa::EquivocationReportSystem<Self, Offences, Historical, ReportLongevity>;
}

impl pallet_authorship::Config for Runtime {
	type FindAuthor = pallet_session::FindAccountFromAuthorIndex<Self, Babe>;
	/// Block authors earn era reward points.
	type EventHandler = (Staking,);
}

impl pallet_session::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Validators are identified by their stash account.
	type ValidatorId = AccountId;
	type ValidatorIdOf = sp_runtime::traits::ConvertInto;
	type ShouldEndSession = Babe;
	type NextSessionRotation = Babe;
	type SessionManager = pallet_session::historical::NoteHistoricalRoot<Self, Staking>;
	type SessionHandler = <SessionKeys as sp_runtime::traits::OpaqueKeys>::KeyTypeIdProviders;
	type Keys = SessionKeys;
	/// At most a third of the set is disabled for offences in an era; a validator slashed
	/// more heavily replaces a lighter offender.
	type DisablingStrategy =
		pallet_session::disabling::UpToLimitWithReEnablingDisablingStrategy<3>;
	type WeightInfo = pallet_session::weights::SubstrateWeight<Runtime>;
	type Currency = Balances;
	type KeyDeposit = ();
}

impl pallet_session::historical::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type FullIdentification = ();
	type FullIdentificationOf = pallet_staking::UnitIdentificationOf<Self>;
}

impl pallet_offences::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type IdentificationTuple = pallet_session::historical::IdentificationTuple<Self>;
	type OnOffenceHandler = Staking;
}

// Era payout: 2.5 % yearly inflation with nothing staked, rising to 5 % at the ideal
// stake of 60 %. A consortium chain needs staking to cost something, not to enrich.
pallet_staking_reward_curve::build! {
	const REWARD_CURVE: PiecewiseLinear<'static> = curve!(
		min_inflation: 0_025_000,
		max_inflation: 0_050_000,
		ideal_stake: 0_600_000,
		falloff: 0_050_000,
		max_piece_count: 40,
		test_precision: 0_005_000,
	);
}

parameter_types! {
	/// Six one-hour sessions per era.
	pub const SessionsPerEra: SessionIndex = 6;
	/// Seven days.
	pub const BondingDuration: EraIndex = 28;
	/// One era less than the bonding duration: time for the council to cancel a slash.
	pub const SlashDeferDuration: EraIndex = 27;
	pub const RewardCurve: &'static PiecewiseLinear<'static> = &REWARD_CURVE;
	pub const MaxExposurePageSize: u32 = 256;
	pub const HistoryDepth: u32 = 84;
	pub ElectionBoundsOnChain: ElectionBounds = ElectionBoundsBuilder::default()
		.voters_count(5_000.into())
		.targets_count(1_000.into())
		.build();
}

/// The on-chain election: sequential Phragmén over every voter and target, run in the
/// block that ends an era. Cheap enough for a consortium of tens of validators.
pub struct OnChainSeqPhragmen;
impl onchain::Config for OnChainSeqPhragmen {
	type System = Runtime;
	type Solver = SequentialPhragmen<AccountId, Perbill>;
	type DataProvider = Staking;
	type WeightInfo = frame_election_provider_support::weights::SubstrateWeight<Runtime>;
	type MaxBackersPerWinner = MaxNominators;
	type MaxWinnersPerPage = MaxValidators;
	type Bounds = ElectionBoundsOnChain;
	type Sort = ConstBool<true>;
}

/// Sizes pallet-staking's own benchmarks to our validator set.
pub struct StakingBenchmarkingConfig;
impl pallet_staking::BenchmarkingConfig for StakingBenchmarkingConfig {
	type MaxValidators = MaxValidators;
	type MaxNominators = MaxNominators;
}

impl pallet_staking::Config for Runtime {
	type OldCurrency = Balances;
	type Currency = Balances;
	type CurrencyBalance = Balance;
	type RuntimeHoldReason = RuntimeHoldReason;
	type UnixTime = Timestamp;
	type CurrencyToVote = sp_staking::currency_to_vote::U128CurrencyToVote;
	type ElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type GenesisElectionProvider = onchain::OnChainExecution<OnChainSeqPhragmen>;
	type NominationsQuota = pallet_staking::FixedNominationsQuota<16>;
	type HistoryDepth = HistoryDepth;
	/// The share of the era payout not given to validators is burnt.
	type RewardRemainder = ();
	type RuntimeEvent = RuntimeEvent;
	/// Slashed funds are burnt.
	type Slash = ();
	type Reward = ();
	type SessionsPerEra = SessionsPerEra;
	type BondingDuration = BondingDuration;
	type SlashDeferDuration = SlashDeferDuration;
	/// The council cancels deferred slashes and sets staking parameters.
	type AdminOrigin = EnsureGovernance;
	type SessionInterface = Self;
	type EraPayout = pallet_staking::ConvertCurve<RewardCurve>;
	type NextNewSession = Session;
	type MaxExposurePageSize = MaxExposurePageSize;
	type MaxValidatorSet = MaxValidators;
	type VoterList = VoterList;
	type TargetList = pallet_staking::UseValidatorsMap<Self>;
	type MaxUnlockingChunks = ConstU32<32>;
	type MaxControllersInDeprecationBatch = ConstU32<100>;
	type EventListeners = ();
	/// Not the allowlist: staking's filter would forbid bonding altogether. The allowlist
	/// is `ValidatorAllowlist` plus the base call filter.
	type Filter = Nothing;
	type BenchmarkingConfig = StakingBenchmarkingConfig;
	type WeightInfo = pallet_staking::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	pub const BagThresholds: &'static [u64] = &super::voter_bags::THRESHOLDS;
}

impl pallet_bags_list::Config<pallet_bags_list::Instance1> for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Staking is the source of truth for voter scores.
	type ScoreProvider = Staking;
	type WeightInfo = pallet_bags_list::weights::SubstrateWeight<Runtime>;
	type BagThresholds = BagThresholds;
	type MaxAutoRebagPerBlock = ConstU32<0>;
	type Score = frame_election_provider_support::VoteWeight;
}

/// Declares and withdraws validator candidacies in `pallet-staking` on behalf of the
/// validator allowlist.
pub struct StakingValidatorIntent;
impl iomt_primitives::ValidatorIntent<AccountId> for StakingValidatorIntent {
	type Prefs = pallet_staking::ValidatorPrefs;

	fn stash_of(controller: &AccountId) -> Option<AccountId> {
		pallet_staking::Ledger::<Runtime>::get(controller).map(|ledger| ledger.stash)
	}

	fn declare(controller: &AccountId, prefs: Self::Prefs) -> sp_runtime::DispatchResult {
		// A direct function call: the base call filter only guards dispatched calls.
		Staking::validate(RuntimeOrigin::signed(controller.clone()), prefs)
	}

	fn withdraw(stash: &AccountId) -> sp_runtime::DispatchResult {
		<Staking as sp_staking::StakingInterface>::chill(stash)
	}

	fn is_candidate(stash: &AccountId) -> bool {
		pallet_staking::Validators::<Runtime>::contains_key(stash)
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn bond_for_benchmarks(who: &AccountId) {
		use frame_support::traits::fungible::Mutate;
		let stake = 1_000 * UNIT;
		let _ = Balances::mint_into(who, stake * 2);
		let _ = Staking::bond(
			RuntimeOrigin::signed(who.clone()),
			stake,
			pallet_staking::RewardDestination::Stash,
		);
	}
}

impl pallet_validator_allowlist::Config for Runtime {
	type GovernanceOrigin = EnsureGovernance;
	type ValidatorIntent = StakingValidatorIntent;
	/// Approvals name an active member organisation of the registry.
	type Identity = Registry;
	type MaxApproved = MaxValidators;
	/// Benchmarked in this runtime, so `validate` and `revoke` include staking's own work.
	type WeightInfo = pallet_validator_allowlist::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = super::domain::benchmark_helpers::DomainBenchmarkHelper;
}

impl<C> frame_system::offchain::CreateTransactionBase<C> for Runtime
where
	RuntimeCall: From<C>,
{
	type Extrinsic = UncheckedExtrinsic;
	type RuntimeCall = RuntimeCall;
}

/// Equivocation reports are unsigned transactions built by the node's offchain worker.
impl<C> frame_system::offchain::CreateBare<C> for Runtime
where
	RuntimeCall: From<C>,
{
	fn create_bare(call: RuntimeCall) -> UncheckedExtrinsic {
		UncheckedExtrinsic::new_bare(call)
	}
}
