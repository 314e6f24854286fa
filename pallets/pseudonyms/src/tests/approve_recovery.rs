//! `approve_recovery`: other guardians approve the open recovery.

use super::*;
use crate::Error;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn another_guardian_approves_and_approvals_stay_sorted() {
	test(|| {
		register_guarded_patient();
		assert_ok!(Pseudonyms::propose_recovery(RuntimeOrigin::signed(DAVE), pid(PATIENT), EVE));
		assert_ok!(Pseudonyms::approve_recovery(RuntimeOrigin::signed(BOB), pid(PATIENT)));

		let recovery = Pseudonyms::recovery(&pid(PATIENT)).expect("open");
		assert_eq!(recovery.approvals, guardians(&[BOB, DAVE]));
		assert_eq!(recovery.proposer, DAVE);
		assert_eq!(
			last_event(),
			Event::RecoveryApproved { patient: pid(PATIENT), guardian: BOB, approvals: 2 }.into()
		);

		assert_ok!(Pseudonyms::approve_recovery(RuntimeOrigin::signed(CHARLIE), pid(PATIENT)));
		let recovery = Pseudonyms::recovery(&pid(PATIENT)).expect("open");
		assert_eq!(recovery.approvals, guardians(&[BOB, CHARLIE, DAVE]));
		assert_eq!(
			last_event(),
			Event::RecoveryApproved { patient: pid(PATIENT), guardian: CHARLIE, approvals: 3 }
				.into()
		);
	});
}

#[test]
fn a_guardian_approves_only_once() {
	test(|| {
		open_recovery_to_eve();
		// The proposer's proposal already counts as its approval.
		assert_noop!(
			Pseudonyms::approve_recovery(RuntimeOrigin::signed(BOB), pid(PATIENT)),
			Error::<Test>::AlreadyApproved
		);
		assert_ok!(Pseudonyms::approve_recovery(RuntimeOrigin::signed(CHARLIE), pid(PATIENT)));
		assert_noop!(
			Pseudonyms::approve_recovery(RuntimeOrigin::signed(CHARLIE), pid(PATIENT)),
			Error::<Test>::AlreadyApproved
		);
	});
}

#[test]
fn only_a_guardian_approves() {
	test(|| {
		open_recovery_to_eve();
		for who in [ALICE, EVE, STRANGER] {
			assert_noop!(
				Pseudonyms::approve_recovery(RuntimeOrigin::signed(who), pid(PATIENT)),
				Error::<Test>::NotGuardian
			);
		}
	});
}

#[test]
fn there_is_nothing_to_approve_without_an_open_recovery() {
	test(|| {
		register_guarded_patient();
		assert_noop!(
			Pseudonyms::approve_recovery(RuntimeOrigin::signed(CHARLIE), pid(PATIENT)),
			Error::<Test>::NoOpenRecovery
		);
	});
}

#[test]
fn a_recovery_of_an_unknown_or_retired_pseudonym_cannot_be_approved() {
	test(|| {
		assert_noop!(
			Pseudonyms::approve_recovery(RuntimeOrigin::signed(CHARLIE), pid(PATIENT)),
			Error::<Test>::UnknownPseudonym
		);
		open_recovery_to_eve();
		assert_ok!(retire_by(ALICE));
		assert_noop!(
			Pseudonyms::approve_recovery(RuntimeOrigin::signed(CHARLIE), pid(PATIENT)),
			Error::<Test>::PseudonymRetired
		);
	});
}

#[test]
fn approve_recovery_requires_a_signed_origin() {
	test(|| {
		open_recovery_to_eve();
		assert_noop!(
			Pseudonyms::approve_recovery(RuntimeOrigin::none(), pid(PATIENT)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Pseudonyms::approve_recovery(RuntimeOrigin::root(), pid(PATIENT)),
			DispatchError::BadOrigin
		);
	});
}
