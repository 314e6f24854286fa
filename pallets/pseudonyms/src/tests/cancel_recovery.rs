//! `cancel_recovery`: the controller (or the proposer) removes an open recovery.

use super::*;
use crate::Error;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_controller_cancels_a_recovery_during_the_delay_and_it_is_gone() {
	test(|| {
		approved_recovery_to_eve();
		System::set_block_number(1 + RECOVERY_DELAY - 1);
		assert_ok!(Pseudonyms::cancel_recovery(RuntimeOrigin::signed(ALICE), pid(PATIENT)));

		assert_eq!(Pseudonyms::recovery(&pid(PATIENT)), None);
		assert_eq!(
			last_event(),
			Event::RecoveryCancelled { patient: pid(PATIENT), by: ALICE }.into()
		);
		// Once the delay is over there is nothing left to execute.
		System::set_block_number(1 + RECOVERY_DELAY);
		assert_noop!(execute_recovery_by(EVE), Error::<Test>::NoOpenRecovery);
		assert_eq!(Pseudonyms::pseudonym(&pid(PATIENT)).map(|p| p.controller), Some(ALICE));
	});
}

#[test]
fn the_controller_may_still_cancel_after_the_delay_until_execution() {
	test(|| {
		approved_recovery_to_eve();
		System::set_block_number(1 + RECOVERY_DELAY + 5);
		assert_ok!(Pseudonyms::cancel_recovery(RuntimeOrigin::signed(ALICE), pid(PATIENT)));
		assert_eq!(Pseudonyms::recovery(&pid(PATIENT)), None);
	});
}

#[test]
fn the_proposer_may_withdraw_its_proposal_and_a_new_one_can_be_opened() {
	test(|| {
		open_recovery_to_eve();
		assert_ok!(Pseudonyms::cancel_recovery(RuntimeOrigin::signed(BOB), pid(PATIENT)));
		assert_eq!(Pseudonyms::recovery(&pid(PATIENT)), None);
		assert_eq!(
			last_event(),
			Event::RecoveryCancelled { patient: pid(PATIENT), by: BOB }.into()
		);

		assert_ok!(Pseudonyms::propose_recovery(
			RuntimeOrigin::signed(CHARLIE),
			pid(PATIENT),
			STRANGER
		));
		assert_eq!(Pseudonyms::recovery(&pid(PATIENT)).map(|r| r.new_controller), Some(STRANGER));
	});
}

#[test]
fn other_guardians_the_new_controller_and_strangers_cannot_cancel() {
	test(|| {
		open_recovery_to_eve();
		for who in [CHARLIE, DAVE, EVE, STRANGER] {
			assert_noop!(
				Pseudonyms::cancel_recovery(RuntimeOrigin::signed(who), pid(PATIENT)),
				Error::<Test>::NotControllerOrProposer
			);
		}
	});
}

#[test]
fn there_is_nothing_to_cancel_without_an_open_recovery() {
	test(|| {
		register_guarded_patient();
		assert_noop!(
			Pseudonyms::cancel_recovery(RuntimeOrigin::signed(ALICE), pid(PATIENT)),
			Error::<Test>::NoOpenRecovery
		);
	});
}

#[test]
fn a_recovery_of_an_unknown_or_retired_pseudonym_cannot_be_cancelled() {
	test(|| {
		assert_noop!(
			Pseudonyms::cancel_recovery(RuntimeOrigin::signed(ALICE), pid(PATIENT)),
			Error::<Test>::UnknownPseudonym
		);
		open_recovery_to_eve();
		assert_ok!(retire_by(ALICE));
		assert_noop!(
			Pseudonyms::cancel_recovery(RuntimeOrigin::signed(ALICE), pid(PATIENT)),
			Error::<Test>::PseudonymRetired
		);
	});
}

#[test]
fn cancel_recovery_requires_a_signed_origin() {
	test(|| {
		open_recovery_to_eve();
		assert_noop!(
			Pseudonyms::cancel_recovery(RuntimeOrigin::none(), pid(PATIENT)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Pseudonyms::cancel_recovery(RuntimeOrigin::root(), pid(PATIENT)),
			DispatchError::BadOrigin
		);
	});
}
