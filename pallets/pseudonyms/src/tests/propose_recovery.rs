//! `propose_recovery`: a guardian opens a recovery towards a new controller.

use super::*;
use crate::{Error, Recovery};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn a_guardian_opens_a_recovery_that_counts_as_its_approval() {
	test(|| {
		register_guarded_patient();
		System::set_block_number(3);
		assert_ok!(Pseudonyms::propose_recovery(RuntimeOrigin::signed(CHARLIE), pid(PATIENT), EVE));

		assert_eq!(
			Pseudonyms::recovery(&pid(PATIENT)),
			Some(Recovery {
				new_controller: EVE,
				proposer: CHARLIE,
				proposed_at: 3,
				approvals: guardians(&[CHARLIE]),
			})
		);
		// Nothing changes hands yet.
		assert_eq!(Pseudonyms::pseudonym(&pid(PATIENT)).map(|p| p.controller), Some(ALICE));
		assert_eq!(held(EVE), 0);
		assert_eq!(
			last_event(),
			Event::RecoveryProposed {
				patient: pid(PATIENT),
				proposer: CHARLIE,
				new_controller: EVE,
				executable_from: 3 + RECOVERY_DELAY,
			}
			.into()
		);
	});
}

#[test]
fn only_a_guardian_proposes_a_recovery() {
	test(|| {
		register_guarded_patient();
		for who in [ALICE, STRANGER, EVE] {
			assert_noop!(
				Pseudonyms::propose_recovery(RuntimeOrigin::signed(who), pid(PATIENT), EVE),
				Error::<Test>::NotGuardian
			);
		}
	});
}

#[test]
fn a_pseudonym_without_guardians_cannot_be_recovered() {
	test(|| {
		register_patient();
		assert_noop!(
			Pseudonyms::propose_recovery(RuntimeOrigin::signed(BOB), pid(PATIENT), EVE),
			Error::<Test>::NotGuardian
		);
	});
}

#[test]
fn only_one_recovery_is_open_at_a_time() {
	test(|| {
		open_recovery_to_eve();
		assert_noop!(
			Pseudonyms::propose_recovery(RuntimeOrigin::signed(CHARLIE), pid(PATIENT), STRANGER),
			Error::<Test>::RecoveryAlreadyOpen
		);
		assert_noop!(
			Pseudonyms::propose_recovery(RuntimeOrigin::signed(BOB), pid(PATIENT), EVE),
			Error::<Test>::RecoveryAlreadyOpen
		);
	});
}

#[test]
fn the_current_controller_cannot_be_proposed() {
	test(|| {
		register_guarded_patient();
		assert_noop!(
			Pseudonyms::propose_recovery(RuntimeOrigin::signed(BOB), pid(PATIENT), ALICE),
			Error::<Test>::NewControllerIsCurrent
		);
	});
}

#[test]
fn a_guardian_cannot_be_proposed_as_the_new_controller() {
	test(|| {
		register_guarded_patient();
		assert_noop!(
			Pseudonyms::propose_recovery(RuntimeOrigin::signed(BOB), pid(PATIENT), CHARLIE),
			Error::<Test>::NewControllerIsGuardian
		);
		assert_noop!(
			Pseudonyms::propose_recovery(RuntimeOrigin::signed(BOB), pid(PATIENT), BOB),
			Error::<Test>::NewControllerIsGuardian
		);
	});
}

#[test]
fn an_unknown_or_retired_pseudonym_cannot_be_recovered() {
	test(|| {
		assert_noop!(
			Pseudonyms::propose_recovery(RuntimeOrigin::signed(BOB), pid(PATIENT), EVE),
			Error::<Test>::UnknownPseudonym
		);
		register_guarded_patient();
		assert_ok!(retire_by(ALICE));
		assert_noop!(
			Pseudonyms::propose_recovery(RuntimeOrigin::signed(BOB), pid(PATIENT), EVE),
			Error::<Test>::PseudonymRetired
		);
	});
}

#[test]
fn propose_recovery_requires_a_signed_origin() {
	test(|| {
		register_guarded_patient();
		assert_noop!(
			Pseudonyms::propose_recovery(RuntimeOrigin::none(), pid(PATIENT), EVE),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Pseudonyms::propose_recovery(RuntimeOrigin::root(), pid(PATIENT), EVE),
			DispatchError::BadOrigin
		);
	});
}
