//! `set_guardians`: the controller replaces the guardians and the threshold.

use super::*;
use crate::Error;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_controller_sets_guardians_which_are_stored_sorted_with_the_threshold() {
	test(|| {
		register_patient();
		assert_ok!(set_guardians_by(ALICE, &[DAVE, BOB, CHARLIE], 2));

		let info = Pseudonyms::pseudonym(&pid(PATIENT)).expect("active");
		assert_eq!(info.guardians, guardians(&[BOB, CHARLIE, DAVE]));
		assert_eq!(info.threshold, 2);
		assert_eq!(info.controller, ALICE);
		assert_eq!(info.deposit, DEPOSIT);
		for g in [BOB, CHARLIE, DAVE] {
			assert!(Pseudonyms::is_guardian(&pid(PATIENT), &g));
		}
		assert!(!Pseudonyms::is_guardian(&pid(PATIENT), &STRANGER));
		assert_eq!(
			last_event(),
			Event::GuardiansSet {
				patient: pid(PATIENT),
				guardians: guardians(&[BOB, CHARLIE, DAVE]),
				threshold: 2
			}
			.into()
		);
	});
}

#[test]
fn the_controller_can_remove_all_guardians_with_threshold_zero() {
	test(|| {
		register_guarded_patient();
		assert_ok!(set_guardians_by(ALICE, &[], 0));
		let info = Pseudonyms::pseudonym(&pid(PATIENT)).expect("active");
		assert!(info.guardians.is_empty());
		assert_eq!(info.threshold, 0);
		assert!(!Pseudonyms::is_guardian(&pid(PATIENT), &BOB));
	});
}

#[test]
fn threshold_may_be_anything_from_one_to_the_number_of_guardians() {
	test(|| {
		register_patient();
		for threshold in 1..=3 {
			assert_ok!(set_guardians_by(ALICE, &[BOB, CHARLIE, DAVE], threshold));
		}
	});
}

#[test]
fn a_threshold_outside_one_to_the_number_of_guardians_is_refused() {
	test(|| {
		register_patient();
		assert_noop!(
			set_guardians_by(ALICE, &[BOB, CHARLIE], 0),
			Error::<Test>::ThresholdOutOfRange
		);
		assert_noop!(
			set_guardians_by(ALICE, &[BOB, CHARLIE], 3),
			Error::<Test>::ThresholdOutOfRange
		);
		assert_noop!(set_guardians_by(ALICE, &[], 1), Error::<Test>::ThresholdOutOfRange);
	});
}

#[test]
fn a_guardian_listed_twice_is_refused() {
	test(|| {
		register_patient();
		assert_noop!(
			set_guardians_by(ALICE, &[CHARLIE, BOB, CHARLIE], 1),
			Error::<Test>::DuplicateGuardian
		);
	});
}

#[test]
fn the_controller_cannot_be_its_own_guardian() {
	test(|| {
		register_patient();
		assert_noop!(
			set_guardians_by(ALICE, &[BOB, ALICE], 1),
			Error::<Test>::ControllerAsGuardian
		);
	});
}

#[test]
fn changing_guardians_cancels_an_open_recovery() {
	test(|| {
		open_recovery_to_eve();
		assert_ok!(set_guardians_by(ALICE, &[CHARLIE], 1));
		assert_eq!(Pseudonyms::recovery(&pid(PATIENT)), None);
		assert!(has_event(Event::RecoveryCancelled { patient: pid(PATIENT), by: ALICE }));
		assert_eq!(
			last_event(),
			Event::GuardiansSet {
				patient: pid(PATIENT),
				guardians: guardians(&[CHARLIE]),
				threshold: 1
			}
			.into()
		);
		// BOB is no guardian any more and cannot reopen it.
		assert_noop!(
			Pseudonyms::propose_recovery(RuntimeOrigin::signed(BOB), pid(PATIENT), EVE),
			Error::<Test>::NotGuardian
		);
	});
}

#[test]
fn only_the_controller_sets_guardians() {
	test(|| {
		register_guarded_patient();
		for who in [BOB, STRANGER, EVE] {
			assert_noop!(set_guardians_by(who, &[EVE], 1), Error::<Test>::NotController);
		}
	});
}

#[test]
fn guardians_of_an_unknown_or_retired_pseudonym_cannot_be_set() {
	test(|| {
		assert_noop!(set_guardians_by(ALICE, &[BOB], 1), Error::<Test>::UnknownPseudonym);
		register_patient();
		assert_ok!(retire_by(ALICE));
		assert_noop!(set_guardians_by(ALICE, &[BOB], 1), Error::<Test>::PseudonymRetired);
	});
}

#[test]
fn set_guardians_requires_a_signed_origin() {
	test(|| {
		register_patient();
		assert_noop!(
			Pseudonyms::set_guardians(RuntimeOrigin::none(), pid(PATIENT), guardians(&[BOB]), 1),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Pseudonyms::set_guardians(RuntimeOrigin::root(), pid(PATIENT), guardians(&[BOB]), 1),
			DispatchError::BadOrigin
		);
	});
}
