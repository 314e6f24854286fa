//! `register`: a signed account registers a random id and becomes its controller.

use super::*;
use crate::{Error, PseudonymInfo};
use frame_support::{assert_noop, BoundedVec};
use sp_runtime::{DispatchError, TokenError};

#[test]
fn registering_a_random_id_makes_the_signer_its_controller_and_holds_the_deposit() {
	test(|| {
		System::set_block_number(4);
		assert_ok!(Pseudonyms::register(RuntimeOrigin::signed(ALICE), pid(PATIENT)));

		assert_eq!(
			Pseudonyms::pseudonym(&pid(PATIENT)),
			Some(PseudonymInfo {
				controller: ALICE,
				deposit: DEPOSIT,
				guardians: BoundedVec::new(),
				threshold: 0,
				registered_at: 4,
			})
		);
		assert_eq!(ControlledCount::<Test>::get(ALICE), 1);
		assert_eq!(held(ALICE), DEPOSIT);
		assert_eq!(free(ALICE), ENDOWMENT - DEPOSIT);
		assert_eq!(<Pseudonyms as PseudonymRegistry<_>>::controller(&pid(PATIENT)), Some(ALICE));
		assert_eq!(
			last_event(),
			Event::PseudonymRegistered {
				patient: pid(PATIENT),
				controller: ALICE,
				deposit: DEPOSIT
			}
			.into()
		);
	});
}

#[test]
fn each_pseudonym_of_a_controller_holds_its_own_deposit() {
	test(|| {
		assert_ok!(Pseudonyms::register(RuntimeOrigin::signed(ALICE), pid(1)));
		assert_ok!(Pseudonyms::register(RuntimeOrigin::signed(ALICE), pid(2)));
		assert_eq!(ControlledCount::<Test>::get(ALICE), 2);
		assert_eq!(held(ALICE), 2 * DEPOSIT);
	});
}

#[test]
fn the_all_zero_id_is_refused_as_a_wallet_bug() {
	test(|| {
		assert_noop!(
			Pseudonyms::register(RuntimeOrigin::signed(ALICE), [0u8; 32]),
			Error::<Test>::AllZeroPseudonym
		);
		assert_eq!(held(ALICE), 0);
	});
}

#[test]
fn an_id_in_use_cannot_be_registered_again_by_anyone() {
	test(|| {
		register_patient();
		assert_noop!(
			Pseudonyms::register(RuntimeOrigin::signed(STRANGER), pid(PATIENT)),
			Error::<Test>::AlreadyRegistered
		);
		assert_noop!(
			Pseudonyms::register(RuntimeOrigin::signed(ALICE), pid(PATIENT)),
			Error::<Test>::AlreadyRegistered
		);
	});
}

#[test]
fn a_retired_id_can_never_be_registered_again() {
	test(|| {
		register_patient();
		assert_ok!(retire_by(ALICE));
		System::set_block_number(1_000);
		assert_noop!(
			Pseudonyms::register(RuntimeOrigin::signed(ALICE), pid(PATIENT)),
			Error::<Test>::PseudonymRetired
		);
		assert_noop!(
			Pseudonyms::register(RuntimeOrigin::signed(STRANGER), pid(PATIENT)),
			Error::<Test>::PseudonymRetired
		);
	});
}

#[test]
fn registering_beyond_the_per_account_cap_fails_and_changes_nothing() {
	test(|| {
		for n in 1..=MAX_PSEUDONYMS as u8 {
			assert_ok!(Pseudonyms::register(RuntimeOrigin::signed(ALICE), pid(n)));
		}
		assert_noop!(
			Pseudonyms::register(RuntimeOrigin::signed(ALICE), pid(PATIENT)),
			Error::<Test>::TooManyPseudonyms
		);
		assert_eq!(ControlledCount::<Test>::get(ALICE), MAX_PSEUDONYMS);
		assert_eq!(held(ALICE), MAX_PSEUDONYMS as Balance * DEPOSIT);
		// Another account is not affected by ALICE's cap.
		assert_ok!(Pseudonyms::register(RuntimeOrigin::signed(EVE), pid(PATIENT)));
	});
}

#[test]
fn retiring_frees_a_place_under_the_cap() {
	test(|| {
		for n in 1..=MAX_PSEUDONYMS as u8 {
			assert_ok!(Pseudonyms::register(RuntimeOrigin::signed(ALICE), pid(n)));
		}
		assert_ok!(Pseudonyms::retire(RuntimeOrigin::signed(ALICE), pid(1)));
		assert_ok!(Pseudonyms::register(RuntimeOrigin::signed(ALICE), pid(PATIENT)));
		assert_eq!(ControlledCount::<Test>::get(ALICE), MAX_PSEUDONYMS);
	});
}

#[test]
fn an_account_that_cannot_pay_the_deposit_cannot_register() {
	test(|| {
		assert_noop!(
			Pseudonyms::register(RuntimeOrigin::signed(POOR), pid(PATIENT)),
			TokenError::FundsUnavailable
		);
		assert_eq!(Pseudonyms::pseudonym(&pid(PATIENT)), None);
	});
}

#[test]
fn register_requires_a_signed_origin() {
	test(|| {
		assert_noop!(
			Pseudonyms::register(RuntimeOrigin::none(), pid(PATIENT)),
			DispatchError::BadOrigin
		);
		assert_noop!(
			Pseudonyms::register(RuntimeOrigin::root(), pid(PATIENT)),
			DispatchError::BadOrigin
		);
	});
}
