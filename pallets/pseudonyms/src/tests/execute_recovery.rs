//! `execute_recovery`: once approved by the threshold and after the delay, control moves to
//! the new controller with the deposit. Also the whole recovery flow.

use super::*;
use crate::Error;
use frame_support::assert_noop;
use sp_runtime::{DispatchError, TokenError};

/// The first block in which a recovery proposed in block 1 may be executed.
const EXECUTABLE_FROM: BlockNumber = 1 + RECOVERY_DELAY;

/// The event of control of `PATIENT` moving from ALICE to EVE, executed by `by`, releasing
/// ALICE's `DEPOSIT` and holding `deposit` from EVE.
fn executed_to_eve(by: AccountId, deposit: Balance) -> Event<Test> {
	Event::RecoveryExecuted {
		patient: pid(PATIENT),
		old_controller: ALICE,
		new_controller: EVE,
		executed_by: by,
		released: DEPOSIT,
		held: deposit,
	}
}

/// `approved_recovery_to_eve`, then on to the first block in which it may be executed.
fn executable_recovery_to_eve() {
	approved_recovery_to_eve();
	System::set_block_number(EXECUTABLE_FROM);
}

#[test]
fn the_whole_recovery_flow_rotates_the_controller_and_moves_the_deposit() {
	test(|| {
		// ALICE registers and names three guardians, two of which must agree.
		register_guarded_patient();
		assert_eq!(held(ALICE), DEPOSIT);
		// ALICE loses her key; BOB proposes her new account EVE.
		assert_ok!(Pseudonyms::propose_recovery(RuntimeOrigin::signed(BOB), pid(PATIENT), EVE));

		// One approval of two, even after the delay: refused.
		System::set_block_number(EXECUTABLE_FROM);
		assert_noop!(execute_recovery_by(EVE), Error::<Test>::ThresholdNotReached);

		// CHARLIE approves; within the delay: refused.
		System::set_block_number(EXECUTABLE_FROM - 1);
		assert_ok!(Pseudonyms::approve_recovery(RuntimeOrigin::signed(CHARLIE), pid(PATIENT)));
		assert_noop!(execute_recovery_by(EVE), Error::<Test>::RecoveryDelayNotPassed);

		// The delay has passed: EVE executes.
		System::set_block_number(EXECUTABLE_FROM);
		assert_ok!(execute_recovery_by(EVE));

		let info = Pseudonyms::pseudonym(&pid(PATIENT)).expect("still active");
		assert_eq!(info.controller, EVE);
		assert_eq!(info.deposit, DEPOSIT);
		assert_eq!(info.guardians, guardians(&[BOB, CHARLIE, DAVE]));
		assert_eq!(info.threshold, 2);
		assert_eq!(Pseudonyms::recovery(&pid(PATIENT)), None);
		assert_eq!(<Pseudonyms as PseudonymRegistry<_>>::controller(&pid(PATIENT)), Some(EVE));

		// Deposits moved: released to ALICE, held from EVE.
		assert_eq!(held(ALICE), 0);
		assert_eq!(free(ALICE), ENDOWMENT);
		assert_eq!(held(EVE), DEPOSIT);
		assert_eq!(free(EVE), ENDOWMENT - DEPOSIT);
		assert_eq!(ControlledCount::<Test>::get(ALICE), 0);
		assert!(!ControlledCount::<Test>::contains_key(ALICE));
		assert_eq!(ControlledCount::<Test>::get(EVE), 1);
		assert_eq!(last_event(), executed_to_eve(EVE, DEPOSIT).into());

		// The old controller can no longer act; the new one can.
		assert_noop!(set_guardians_by(ALICE, &[BOB], 1), Error::<Test>::NotController);
		assert_noop!(retire_by(ALICE), Error::<Test>::NotController);
		assert_ok!(Pseudonyms::propose_recovery(RuntimeOrigin::signed(BOB), pid(PATIENT), ALICE));
		assert_noop!(
			Pseudonyms::cancel_recovery(RuntimeOrigin::signed(ALICE), pid(PATIENT)),
			Error::<Test>::NotControllerOrProposer
		);
		assert_ok!(Pseudonyms::cancel_recovery(RuntimeOrigin::signed(EVE), pid(PATIENT)));
		assert_ok!(set_guardians_by(EVE, &[ALICE, BOB], 2));
		assert_ok!(retire_by(EVE));
		assert_eq!(held(EVE), 0);
	});
}

#[test]
fn a_recovery_cancelled_by_the_controller_is_gone_and_cannot_be_executed() {
	test(|| {
		approved_recovery_to_eve();
		assert_ok!(Pseudonyms::cancel_recovery(RuntimeOrigin::signed(ALICE), pid(PATIENT)));
		System::set_block_number(EXECUTABLE_FROM);
		assert_noop!(execute_recovery_by(EVE), Error::<Test>::NoOpenRecovery);
		assert_eq!(Pseudonyms::pseudonym(&pid(PATIENT)).map(|p| p.controller), Some(ALICE));
		assert_eq!(held(ALICE), DEPOSIT);
		assert_eq!(held(EVE), 0);
	});
}

#[test]
fn any_guardian_may_execute_an_approved_recovery() {
	test(|| {
		executable_recovery_to_eve();
		assert_ok!(execute_recovery_by(DAVE));
		assert_eq!(Pseudonyms::pseudonym(&pid(PATIENT)).map(|p| p.controller), Some(EVE));
		assert!(has_event(executed_to_eve(DAVE, DEPOSIT)));
	});
}

#[test]
fn only_a_guardian_or_the_new_controller_executes() {
	test(|| {
		executable_recovery_to_eve();
		for who in [ALICE, STRANGER] {
			assert_noop!(execute_recovery_by(who), Error::<Test>::NotGuardianOrNewController);
		}
	});
}

#[test]
fn the_new_controller_must_be_under_its_cap() {
	test(|| {
		for n in 1..=MAX_PSEUDONYMS as u8 {
			assert_ok!(Pseudonyms::register(RuntimeOrigin::signed(EVE), pid(n)));
		}
		executable_recovery_to_eve();
		assert_noop!(execute_recovery_by(EVE), Error::<Test>::TooManyPseudonyms);
		// Once EVE retires one, the recovery goes through.
		assert_ok!(Pseudonyms::retire(RuntimeOrigin::signed(EVE), pid(1)));
		assert_ok!(execute_recovery_by(EVE));
		assert_eq!(ControlledCount::<Test>::get(EVE), MAX_PSEUDONYMS);
	});
}

#[test]
fn the_new_controller_must_afford_the_deposit() {
	test(|| {
		register_guarded_patient();
		assert_ok!(Pseudonyms::propose_recovery(RuntimeOrigin::signed(BOB), pid(PATIENT), POOR));
		assert_ok!(Pseudonyms::approve_recovery(RuntimeOrigin::signed(CHARLIE), pid(PATIENT)));
		System::set_block_number(EXECUTABLE_FROM);
		assert_noop!(execute_recovery_by(POOR), TokenError::FundsUnavailable);
	});
}

#[test]
fn executing_releases_what_was_held_and_holds_the_current_deposit() {
	test(|| {
		approved_recovery_to_eve();
		PseudonymDeposit::set(2 * DEPOSIT);
		System::set_block_number(EXECUTABLE_FROM);
		assert_ok!(execute_recovery_by(EVE));

		assert_eq!(held(ALICE), 0);
		assert_eq!(free(ALICE), ENDOWMENT);
		assert_eq!(held(EVE), 2 * DEPOSIT);
		assert_eq!(Pseudonyms::pseudonym(&pid(PATIENT)).map(|p| p.deposit), Some(2 * DEPOSIT));
		assert_eq!(last_event(), executed_to_eve(EVE, 2 * DEPOSIT).into());
	});
}

#[test]
fn there_is_nothing_to_execute_without_an_open_recovery() {
	test(|| {
		register_guarded_patient();
		assert_noop!(execute_recovery_by(BOB), Error::<Test>::NoOpenRecovery);
	});
}

#[test]
fn a_recovery_of_an_unknown_or_retired_pseudonym_cannot_be_executed() {
	test(|| {
		assert_noop!(execute_recovery_by(EVE), Error::<Test>::UnknownPseudonym);
		approved_recovery_to_eve();
		assert_ok!(retire_by(ALICE));
		System::set_block_number(EXECUTABLE_FROM);
		assert_noop!(execute_recovery_by(EVE), Error::<Test>::PseudonymRetired);
	});
}

#[test]
fn execute_recovery_requires_a_signed_origin() {
	test(|| {
		executable_recovery_to_eve();
		assert_noop!(
			Pseudonyms::execute_recovery(RuntimeOrigin::none(), pid(PATIENT)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Pseudonyms::execute_recovery(RuntimeOrigin::root(), pid(PATIENT)),
			DispatchError::BadOrigin
		);
	});
}
