//! Mock runtime for the validator allowlist: a minimal system and a staking stand-in that
//! records declared candidacies.

use crate as pallet_validator_allowlist;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types};
use frame_system::EnsureRoot;
use sp_runtime::{BuildStorage, DispatchError, DispatchResult};
use std::collections::{BTreeMap, BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		ValidatorAllowlist: pallet_validator_allowlist,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

/// Governance approved at genesis.
pub const GENESIS_VALIDATOR: AccountId = 1;
/// Bonded with controller == stash, not approved.
pub const BONDED: AccountId = 2;
/// Bonded through a separate controller account `CONTROLLER`.
pub const STASH: AccountId = 3;
pub const CONTROLLER: AccountId = 30;
/// Never bonded.
pub const UNBONDED: AccountId = 4;

/// Preferences in the mock: a commission in percent.
pub type MockPrefs = u8;
/// Commission above which the mock staking system refuses, like pallet-staking's
/// `CommissionTooLow`/`InsufficientBond` checks.
pub const MAX_COMMISSION: u8 = 50;

thread_local! {
	/// controller -> stash
	static LEDGERS: RefCell<BTreeMap<AccountId, AccountId>> = RefCell::new(BTreeMap::new());
	/// stash -> prefs of declared candidates
	static CANDIDATES: RefCell<BTreeMap<AccountId, MockPrefs>> = RefCell::new(BTreeMap::new());
	/// stashes chilled, in order
	static CHILLED: RefCell<BTreeSet<AccountId>> = RefCell::new(BTreeSet::new());
}

/// An organisation the mock registry reports as active.
pub const HOSPITAL: iomt_primitives::OrganisationId = 7;
/// An organisation the mock registry does not know (or reports as suspended).
pub const SUSPENDED_LAB: iomt_primitives::OrganisationId = 8;

/// A registry in which only `HOSPITAL` is an active organisation.
pub struct MockIdentity;
impl iomt_primitives::IdentityProvider<AccountId, u64> for MockIdentity {
	fn active_practitioner(_: &AccountId, _: u64) -> Option<iomt_primitives::PractitionerInfo> {
		None
	}
	fn active_organisation(
		org: iomt_primitives::OrganisationId,
	) -> Option<iomt_primitives::OrganisationKind> {
		(org == HOSPITAL).then_some(iomt_primitives::OrganisationKind::CareProvider)
	}
	fn is_organisation_admin(_: &AccountId, _: iomt_primitives::OrganisationId) -> bool {
		false
	}
}

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for MockIdentity {
	fn active_organisation() -> iomt_primitives::OrganisationId {
		HOSPITAL
	}
}

pub struct MockStaking;
impl MockStaking {
	pub fn bond(stash: AccountId, controller: AccountId) {
		LEDGERS.with(|l| l.borrow_mut().insert(controller, stash));
	}
	pub fn candidate_prefs(stash: AccountId) -> Option<MockPrefs> {
		CANDIDATES.with(|c| c.borrow().get(&stash).copied())
	}
	pub fn was_chilled(stash: AccountId) -> bool {
		CHILLED.with(|c| c.borrow().contains(&stash))
	}
}

impl iomt_primitives::ValidatorIntent<AccountId> for MockStaking {
	type Prefs = MockPrefs;
	fn stash_of(controller: &AccountId) -> Option<AccountId> {
		LEDGERS.with(|l| l.borrow().get(controller).copied())
	}
	fn declare(controller: &AccountId, prefs: MockPrefs) -> DispatchResult {
		if prefs > MAX_COMMISSION {
			return Err(DispatchError::Other("commission too high"));
		}
		let stash = Self::stash_of(controller).ok_or(DispatchError::Other("not a controller"))?;
		CANDIDATES.with(|c| c.borrow_mut().insert(stash, prefs));
		Ok(())
	}
	fn withdraw(stash: &AccountId) -> DispatchResult {
		CANDIDATES.with(|c| c.borrow_mut().remove(stash));
		CHILLED.with(|c| c.borrow_mut().insert(*stash));
		Ok(())
	}
	fn is_candidate(stash: &AccountId) -> bool {
		CANDIDATES.with(|c| c.borrow().contains_key(stash))
	}
	#[cfg(feature = "runtime-benchmarks")]
	fn bond_for_benchmarks(who: &AccountId) {
		Self::bond(*who, *who);
	}
}

parameter_types! {
	pub const MaxApproved: u32 = 3;
}

impl pallet_validator_allowlist::Config for Test {
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type ValidatorIntent = MockStaking;
	type Identity = MockIdentity;
	type MaxApproved = MaxApproved;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockIdentity;
}

/// Genesis: `GENESIS_VALIDATOR` approved and bonded; `BONDED` and `STASH` bonded only.
pub fn new_test_ext() -> sp_io::TestExternalities {
	LEDGERS.with(|l| l.borrow_mut().clear());
	CANDIDATES.with(|c| c.borrow_mut().clear());
	CHILLED.with(|c| c.borrow_mut().clear());
	MockStaking::bond(GENESIS_VALIDATOR, GENESIS_VALIDATOR);
	MockStaking::bond(BONDED, BONDED);
	MockStaking::bond(STASH, CONTROLLER);

	let t = RuntimeGenesisConfig {
		system: Default::default(),
		validator_allowlist: pallet_validator_allowlist::GenesisConfig {
			approved: vec![(GENESIS_VALIDATOR, HOSPITAL)],
		},
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `f` in fresh externalities and checks the pallet's invariants afterwards.
pub fn test<R>(f: impl FnOnce() -> R) -> R {
	new_test_ext().execute_with(|| {
		let r = f();
		ValidatorAllowlist::do_try_state().expect("try_state invariants hold");
		r
	})
}

