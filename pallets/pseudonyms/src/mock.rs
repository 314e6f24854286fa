//! Mock runtime for the pseudonyms pallet: a minimal system, balances for the deposits, and
//! the pallet with small caps so that every bound is reachable in a test.

use crate as pallet_pseudonyms;
use frame_support::{
	derive_impl, parameter_types,
	traits::{fungible::InspectHold, ConstU32, ConstU64},
};
use sp_runtime::BuildStorage;

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;
pub type BlockNumber = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Pseudonyms: pallet_pseudonyms,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

/// The patient's first controller.
pub const ALICE: AccountId = 1;
/// Guardians in most tests.
pub const BOB: AccountId = 2;
pub const CHARLIE: AccountId = 3;
pub const DAVE: AccountId = 4;
/// The patient's new key after a loss.
pub const EVE: AccountId = 5;
/// An unrelated, funded account.
pub const STRANGER: AccountId = 6;
/// An account with less than one deposit.
pub const POOR: AccountId = 7;

/// Starting balance of every funded account.
pub const ENDOWMENT: Balance = 1_000;
/// Starting balance of `POOR`: below the deposit.
pub const POOR_ENDOWMENT: Balance = 5;
/// Deposit per pseudonym at genesis (tests may change it with `PseudonymDeposit::set`).
pub const DEPOSIT: Balance = 10;
pub const MAX_PSEUDONYMS: u32 = 3;
pub const MAX_GUARDIANS: u32 = 3;
pub const RECOVERY_DELAY: BlockNumber = 10;

parameter_types! {
	pub static PseudonymDeposit: Balance = DEPOSIT;
}

impl pallet_pseudonyms::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type PseudonymDeposit = PseudonymDeposit;
	type MaxPseudonymsPerAccount = ConstU32<MAX_PSEUDONYMS>;
	type MaxGuardians = ConstU32<MAX_GUARDIANS>;
	type RecoveryDelay = ConstU64<RECOVERY_DELAY>;
	type WeightInfo = ();
}

/// Genesis: every named account funded with `ENDOWMENT`, `POOR` with `POOR_ENDOWMENT`;
/// block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	PseudonymDeposit::set(DEPOSIT);
	let t = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig {
			balances: vec![
				(ALICE, ENDOWMENT),
				(BOB, ENDOWMENT),
				(CHARLIE, ENDOWMENT),
				(DAVE, ENDOWMENT),
				(EVE, ENDOWMENT),
				(STRANGER, ENDOWMENT),
				(POOR, POOR_ENDOWMENT),
			],
			..Default::default()
		},
		..Default::default()
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
		Pseudonyms::do_try_state().expect("try_state invariants hold");
		r
	})
}

/// The pseudonym deposit currently held from `who`.
pub fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&crate::HoldReason::PseudonymDeposit.into(), &who)
}

/// The free balance of `who`.
pub fn free(who: AccountId) -> Balance {
	Balances::free_balance(who)
}
