//! `retire`: the controller tombstones a pseudonym for ever.

use super::*;
use crate::Error;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn retiring_removes_the_record_keeps_a_tombstone_and_releases_the_deposit() {
	test(|| {
		register_guarded_patient();
		System::set_block_number(7);
		assert_ok!(retire_by(ALICE));

		assert_eq!(Pseudonyms::pseudonym(&pid(PATIENT)), None);
		assert_eq!(Pseudonyms::retired_at(&pid(PATIENT)), Some(7));
		assert_eq!(held(ALICE), 0);
		assert_eq!(free(ALICE), ENDOWMENT);
		assert!(!ControlledCount::<Test>::contains_key(ALICE));
		assert_eq!(<Pseudonyms as PseudonymRegistry<_>>::controller(&pid(PATIENT)), None);
		assert!(!Pseudonyms::is_guardian(&pid(PATIENT), &BOB));
		assert_eq!(
			last_event(),
			Event::PseudonymRetired {
				patient: pid(PATIENT),
				controller: ALICE,
				released: DEPOSIT,
				retired_at: 7,
			}
			.into()
		);
		assert!(!has_event(Event::RecoveryCancelled { patient: pid(PATIENT), by: ALICE }));
	});
}

#[test]
fn retiring_one_pseudonym_leaves_the_others_of_the_controller() {
	test(|| {
		assert_ok!(Pseudonyms::register(RuntimeOrigin::signed(ALICE), pid(1)));
		assert_ok!(Pseudonyms::register(RuntimeOrigin::signed(ALICE), pid(2)));
		assert_ok!(Pseudonyms::retire(RuntimeOrigin::signed(ALICE), pid(1)));
		assert_eq!(ControlledCount::<Test>::get(ALICE), 1);
		assert_eq!(held(ALICE), DEPOSIT);
		assert_eq!(Pseudonyms::pseudonym(&pid(2)).map(|p| p.controller), Some(ALICE));
	});
}

#[test]
fn retiring_removes_an_open_recovery() {
	test(|| {
		open_recovery_to_eve();
		assert_ok!(retire_by(ALICE));
		assert_eq!(Pseudonyms::recovery(&pid(PATIENT)), None);
		assert!(has_event(Event::RecoveryCancelled { patient: pid(PATIENT), by: ALICE }));
		assert_eq!(held(EVE), 0);
	});
}

#[test]
fn retiring_releases_exactly_what_was_held_after_the_deposit_changed() {
	test(|| {
		register_patient();
		PseudonymDeposit::set(3 * DEPOSIT);
		assert_ok!(Pseudonyms::register(RuntimeOrigin::signed(ALICE), pid(1)));
		assert_eq!(held(ALICE), DEPOSIT + 3 * DEPOSIT);

		assert_ok!(retire_by(ALICE));
		assert_eq!(held(ALICE), 3 * DEPOSIT);
		assert_eq!(
			last_event(),
			Event::PseudonymRetired {
				patient: pid(PATIENT),
				controller: ALICE,
				released: DEPOSIT,
				retired_at: 1,
			}
			.into()
		);
	});
}

#[test]
fn a_retired_pseudonym_cannot_be_retired_again() {
	test(|| {
		register_patient();
		assert_ok!(retire_by(ALICE));
		assert_noop!(retire_by(ALICE), Error::<Test>::PseudonymRetired);
	});
}

#[test]
fn only_the_controller_retires() {
	test(|| {
		open_recovery_to_eve();
		for who in [BOB, EVE, STRANGER] {
			assert_noop!(retire_by(who), Error::<Test>::NotController);
		}
	});
}

#[test]
fn an_unknown_pseudonym_cannot_be_retired() {
	test(|| {
		assert_noop!(retire_by(ALICE), Error::<Test>::UnknownPseudonym);
	});
}

#[test]
fn retire_requires_a_signed_origin() {
	test(|| {
		register_patient();
		assert_noop!(
			Pseudonyms::retire(RuntimeOrigin::none(), pid(PATIENT)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Pseudonyms::retire(RuntimeOrigin::root(), pid(PATIENT)),
			DispatchError::BadOrigin
		);
	});
}
