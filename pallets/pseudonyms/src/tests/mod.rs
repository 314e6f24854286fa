//! Tests of the pseudonyms pallet: one file per call, plus the bounds, the invariants, the
//! trait other pallets use, and random call sequences.

use crate::{mock::*, ControlledCount, Event, GuardiansOf, PseudonymInfoOf, RecoveryOf};
use codec::{Compact, Decode, Encode, MaxEncodedLen};
use frame_support::{assert_ok, traits::fungible::MutateHold};
use iomt_primitives::{PatientId, PseudonymRegistry};
use proptest::prelude::*;
use sp_runtime::DispatchResult;

mod approve_recovery;
mod cancel_recovery;
mod execute_recovery;
mod propose_recovery;
mod register;
mod retire;
mod set_guardians;

/// A test pseudonym: `n` repeated (never all zero for `n > 0`).
pub fn pid(n: u8) -> PatientId {
	[n; 32]
}

/// The patient's pseudonym in most tests.
pub const PATIENT: u8 = 0x42;

/// The last event deposited.
pub fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was deposited").event
}

/// Whether `event` was deposited.
pub fn has_event(event: Event<Test>) -> bool {
	let event: RuntimeEvent = event.into();
	System::events().iter().any(|r| r.event == event)
}

/// A bounded guardian list.
pub fn guardians(list: &[AccountId]) -> GuardiansOf<Test> {
	list.to_vec().try_into().expect("within MaxGuardians")
}

/// ALICE registers `PATIENT`.
pub fn register_patient() {
	assert_ok!(Pseudonyms::register(RuntimeOrigin::signed(ALICE), pid(PATIENT)));
}

/// `who` sets the guardians of `PATIENT` to `list` with `threshold`; the call's result.
pub fn set_guardians_by(who: AccountId, list: &[AccountId], threshold: u32) -> DispatchResult {
	Pseudonyms::set_guardians(RuntimeOrigin::signed(who), pid(PATIENT), guardians(list), threshold)
}

/// ALICE registers `PATIENT` with guardians BOB, CHARLIE, DAVE and threshold 2.
pub fn register_guarded_patient() {
	register_patient();
	assert_ok!(set_guardians_by(ALICE, &[BOB, CHARLIE, DAVE], 2));
}

/// `register_guarded_patient`, then BOB proposes EVE as the new controller (in block 1).
pub fn open_recovery_to_eve() {
	register_guarded_patient();
	assert_ok!(Pseudonyms::propose_recovery(RuntimeOrigin::signed(BOB), pid(PATIENT), EVE));
}

/// `open_recovery_to_eve`, then CHARLIE approves too: with BOB's proposal the threshold of
/// two is reached, and only the delay stands between the recovery and its execution.
pub fn approved_recovery_to_eve() {
	open_recovery_to_eve();
	assert_ok!(Pseudonyms::approve_recovery(RuntimeOrigin::signed(CHARLIE), pid(PATIENT)));
}

/// `who` retires `PATIENT`; the call's result.
pub fn retire_by(who: AccountId) -> DispatchResult {
	Pseudonyms::retire(RuntimeOrigin::signed(who), pid(PATIENT))
}

/// `who` executes the open recovery of `PATIENT`; the call's result.
pub fn execute_recovery_by(who: AccountId) -> DispatchResult {
	Pseudonyms::execute_recovery(RuntimeOrigin::signed(who), pid(PATIENT))
}

#[test]
fn max_encoded_len_follows_the_configured_bounds() {
	let account = AccountId::max_encoded_len();
	let guardian_list = Compact(MAX_GUARDIANS).encoded_size() + MAX_GUARDIANS as usize * account;
	assert_eq!(GuardiansOf::<Test>::max_encoded_len(), guardian_list);
	assert_eq!(
		PseudonymInfoOf::<Test>::max_encoded_len(),
		account
			+ Balance::max_encoded_len()
			+ guardian_list
			+ u32::max_encoded_len()
			+ BlockNumber::max_encoded_len()
	);
	assert_eq!(
		RecoveryOf::<Test>::max_encoded_len(),
		2 * account + BlockNumber::max_encoded_len() + guardian_list
	);
}

#[test]
fn a_guardian_list_longer_than_max_guardians_does_not_decode() {
	let too_many: Vec<AccountId> = (10..10 + MAX_GUARDIANS as u64 + 1).collect();
	assert!(GuardiansOf::<Test>::decode(&mut &too_many.encode()[..]).is_err());
	let just_enough: Vec<AccountId> = (10..10 + MAX_GUARDIANS as u64).collect();
	assert!(GuardiansOf::<Test>::decode(&mut &just_enough.encode()[..]).is_ok());
}

#[test]
fn the_registry_trait_answers_controller_and_guardians_of_active_pseudonyms_only() {
	test(|| {
		assert_eq!(<Pseudonyms as PseudonymRegistry<_>>::controller(&pid(PATIENT)), None);
		register_guarded_patient();
		assert_eq!(<Pseudonyms as PseudonymRegistry<_>>::controller(&pid(PATIENT)), Some(ALICE));
		assert!(Pseudonyms::is_guardian(&pid(PATIENT), &CHARLIE));
		assert!(!Pseudonyms::is_guardian(&pid(PATIENT), &ALICE));
		assert!(!Pseudonyms::is_guardian(&pid(PATIENT), &STRANGER));
		assert!(!Pseudonyms::is_guardian(&pid(0x43), &CHARLIE));

		assert_ok!(Pseudonyms::retire(RuntimeOrigin::signed(ALICE), pid(PATIENT)));
		assert_eq!(<Pseudonyms as PseudonymRegistry<_>>::controller(&pid(PATIENT)), None);
		assert!(!Pseudonyms::is_guardian(&pid(PATIENT), &CHARLIE));
	});
}

#[test]
fn try_state_catches_a_corrupted_controller_count() {
	new_test_ext().execute_with(|| {
		register_patient();
		assert_ok!(Pseudonyms::do_try_state());
		ControlledCount::<Test>::insert(ALICE, 2);
		assert!(Pseudonyms::do_try_state().is_err());
		ControlledCount::<Test>::remove(ALICE);
		assert!(Pseudonyms::do_try_state().is_err());
		ControlledCount::<Test>::insert(ALICE, 1);
		ControlledCount::<Test>::insert(BOB, 1);
		assert!(Pseudonyms::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_deposit_that_is_not_held() {
	new_test_ext().execute_with(|| {
		register_patient();
		assert_ok!(<Balances as MutateHold<_>>::release(
			&crate::HoldReason::PseudonymDeposit.into(),
			&ALICE,
			DEPOSIT,
			frame_support::traits::tokens::Precision::Exact,
		));
		assert!(Pseudonyms::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_recovery_of_an_inactive_pseudonym_and_a_stray_approval() {
	new_test_ext().execute_with(|| {
		open_recovery_to_eve();
		assert_ok!(Pseudonyms::do_try_state());
		let mut recovery = Pseudonyms::recovery(&pid(PATIENT)).expect("open");

		recovery.approvals = guardians(&[BOB, STRANGER]);
		crate::Recoveries::<Test>::insert(pid(PATIENT), recovery.clone());
		assert!(Pseudonyms::do_try_state().is_err());

		recovery.approvals = guardians(&[BOB]);
		crate::Recoveries::<Test>::insert(pid(PATIENT), recovery.clone());
		assert_ok!(Pseudonyms::do_try_state());
		crate::Recoveries::<Test>::insert(pid(0x43), recovery);
		assert!(Pseudonyms::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_retired_id_that_is_active() {
	new_test_ext().execute_with(|| {
		register_patient();
		crate::Retired::<Test>::insert(pid(PATIENT), 1);
		assert!(Pseudonyms::do_try_state().is_err());
	});
}

/// Who signs a step: a fixed account, or whoever currently controls or guards the pseudonym
/// (so that random sequences reach recoveries, not only refusals).
#[derive(Clone, Debug)]
enum Actor {
	Account(AccountId),
	Controller,
	Guardian(usize),
}

impl Actor {
	fn resolve(&self, patient: &PatientId) -> AccountId {
		let info = Pseudonyms::pseudonym(patient);
		match self {
			Actor::Account(who) => *who,
			Actor::Controller => info.map(|p| p.controller).unwrap_or(ALICE),
			Actor::Guardian(k) => info
				.and_then(|p| p.guardians.get(k % p.guardians.len().max(1)).copied())
				.unwrap_or(BOB),
		}
	}
}

/// The `k`-th active pseudonym (a never registered one if none is active).
fn target(k: usize) -> PatientId {
	let mut active: Vec<PatientId> = crate::Pseudonyms::<Test>::iter_keys().collect();
	active.sort();
	active.get(k % active.len().max(1)).copied().unwrap_or(pid(0xee))
}

/// One step of a random call sequence; `usize` picks the target among active pseudonyms.
#[derive(Clone, Debug)]
enum Step {
	/// `None` registers a fresh id; `Some(n)` the id `pid(n)` (all-zero, in use or retired).
	Register(Actor, Option<u8>),
	/// With `false`, the list and threshold are first made well-formed for the signer.
	SetGuardians(Actor, usize, Vec<AccountId>, u32, bool),
	Propose(Actor, usize, AccountId),
	Approve(Actor, usize),
	Cancel(Actor, usize),
	Execute(Actor, usize),
	Retire(Actor, usize),
	Advance(u64),
}

fn actor() -> impl Strategy<Value = Actor> {
	prop_oneof![
		1 => (1u64..=7).prop_map(Actor::Account),
		2 => Just(Actor::Controller),
		3 => (0usize..3).prop_map(Actor::Guardian),
	]
}

fn step() -> impl Strategy<Value = Step> {
	let k = 0usize..2;
	prop_oneof![
		3 => (actor(), prop::option::weighted(0.2, 0u8..3))
			.prop_map(|(w, n)| Step::Register(w, n)),
		3 => (
			actor(),
			k.clone(),
			prop::collection::vec(2u64..=7, 0..=3),
			0u32..3,
			prop::bool::weighted(0.3)
		)
			.prop_map(|(w, k, g, t, raw)| Step::SetGuardians(w, k, g, t, raw)),
		12 => (actor(), k.clone(), 1u64..=7).prop_map(|(w, k, n)| Step::Propose(w, k, n)),
		12 => (actor(), k.clone()).prop_map(|(w, k)| Step::Approve(w, k)),
		2 => (actor(), k.clone()).prop_map(|(w, k)| Step::Cancel(w, k)),
		12 => (actor(), k.clone()).prop_map(|(w, k)| Step::Execute(w, k)),
		1 => (actor(), k).prop_map(|(w, k)| Step::Retire(w, k)),
		9 => (0u64..=20).prop_map(Step::Advance),
	]
}

proptest! {
	#![proptest_config(ProptestConfig::with_cases(500))]

	/// Whatever is called, in whatever order: the invariants hold after every step, a failed
	/// call changes nothing, and a retired id never becomes active again.
	#[test]
	fn random_call_sequences_keep_every_invariant(steps in prop::collection::vec(step(), 1..80)) {
		test(|| {
			let mut retired: Vec<PatientId> = Vec::new();
			let mut fresh: u8 = 10;
			for step in steps {
				let before = sp_io::storage::root(sp_runtime::StateVersion::V1);
				let signed = |a: &Actor, p: &PatientId| RuntimeOrigin::signed(a.resolve(p));
				let result = match &step {
					Step::Register(w, n) => {
						let patient = n.map(pid).unwrap_or_else(|| {
							fresh = fresh.wrapping_add(1).max(10);
							pid(fresh)
						});
						Pseudonyms::register(signed(w, &patient), patient)
					},
					Step::SetGuardians(w, k, g, t, raw) => {
						let p = target(*k);
						let who = w.resolve(&p);
						let (mut g, mut t) = (g.clone(), *t);
						if !raw {
							g.sort();
							g.dedup();
							g.retain(|a| *a != who);
							t = if g.is_empty() { 0 } else { 1 + t % g.len() as u32 };
						}
						Pseudonyms::set_guardians(RuntimeOrigin::signed(who), p, guardians(&g), t)
					},
					Step::Propose(w, k, n) => {
						let p = target(*k);
						Pseudonyms::propose_recovery(signed(w, &p), p, *n)
					},
					Step::Approve(w, k) => {
						let p = target(*k);
						Pseudonyms::approve_recovery(signed(w, &p), p)
					},
					Step::Cancel(w, k) => {
						let p = target(*k);
						Pseudonyms::cancel_recovery(signed(w, &p), p)
					},
					Step::Execute(w, k) => {
						let p = target(*k);
						Pseudonyms::execute_recovery(signed(w, &p), p)
					},
					Step::Retire(w, k) => {
						let p = target(*k);
						let r = Pseudonyms::retire(signed(w, &p), p);
						if r.is_ok() {
							retired.push(p);
						}
						r
					},
					Step::Advance(n) => {
						System::set_block_number(System::block_number() + n);
						Ok(())
					},
				};
				if result.is_err() {
					prop_assert_eq!(
						before,
						sp_io::storage::root(sp_runtime::StateVersion::V1),
						"{:?} failed but changed state",
						step
					);
				}
				prop_assert!(Pseudonyms::do_try_state().is_ok(), "invariants broken after {:?}", step);
				for id in &retired {
					prop_assert!(Pseudonyms::pseudonym(id).is_none());
				}
			}
			Ok(())
		})?;
	}
}
