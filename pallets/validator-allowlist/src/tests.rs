//! Tests of the validator allowlist: every call's effect, every error, every origin.

use crate::{mock::*, Approval, Approved, ApprovedCount, Error, Event};
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::ValidatorApproval;
use sp_runtime::DispatchError;

fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was deposited").event
}

#[test]
fn genesis_approves_the_listed_validators() {
	test(|| {
		assert_eq!(Approved::<Test>::get(GENESIS_VALIDATOR), Some(Approval { organisation: HOSPITAL, approved_at: 0 }));
		assert_eq!(ApprovedCount::<Test>::get(), 1);
		assert!(ValidatorAllowlist::is_approved(&GENESIS_VALIDATOR));
		assert!(!ValidatorAllowlist::is_approved(&BONDED));
	});
}

#[test]
fn governance_approves_an_account_at_the_current_block() {
	test(|| {
		System::set_block_number(7);
		assert_ok!(ValidatorAllowlist::approve(RuntimeOrigin::root(), BONDED, HOSPITAL));
		assert_eq!(Approved::<Test>::get(BONDED), Some(Approval { organisation: HOSPITAL, approved_at: 7 }));
		assert_eq!(ApprovedCount::<Test>::get(), 2);
		assert_eq!(last_event(), Event::ValidatorApproved { who: BONDED, organisation: HOSPITAL }.into());
	});
}

#[test]
fn approve_by_a_signed_account_is_rejected() {
	test(|| {
		assert_noop!(
			ValidatorAllowlist::approve(RuntimeOrigin::signed(GENESIS_VALIDATOR), BONDED, HOSPITAL),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorAllowlist::approve(RuntimeOrigin::none(), BONDED, HOSPITAL),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn approving_for_an_inactive_organisation_fails_and_changes_nothing() {
	test(|| {
		assert_noop!(
			ValidatorAllowlist::approve(RuntimeOrigin::root(), BONDED, SUSPENDED_LAB),
			Error::<Test>::OrganisationNotActive
		);
		assert_eq!(ValidatorAllowlist::organisation_of(&BONDED), None);
	});
}

#[test]
fn an_approval_records_the_organisation() {
	test(|| {
		assert_ok!(ValidatorAllowlist::approve(RuntimeOrigin::root(), BONDED, HOSPITAL));
		assert_eq!(ValidatorAllowlist::organisation_of(&BONDED), Some(HOSPITAL));
	});
}

#[test]
fn approving_twice_fails_with_already_approved() {
	test(|| {
		assert_noop!(
			ValidatorAllowlist::approve(RuntimeOrigin::root(), GENESIS_VALIDATOR, HOSPITAL),
			Error::<Test>::AlreadyApproved
		);
	});
}

#[test]
fn approving_beyond_max_approved_fails_and_changes_nothing() {
	test(|| {
		// MaxApproved is 3 in the mock; genesis holds one.
		assert_ok!(ValidatorAllowlist::approve(RuntimeOrigin::root(), BONDED, HOSPITAL));
		assert_ok!(ValidatorAllowlist::approve(RuntimeOrigin::root(), STASH, HOSPITAL));
		assert_noop!(
			ValidatorAllowlist::approve(RuntimeOrigin::root(), UNBONDED, HOSPITAL),
			Error::<Test>::TooManyApproved
		);
		assert_eq!(ApprovedCount::<Test>::get(), 3);
	});
}

#[test]
fn an_unapproved_bonded_account_cannot_validate() {
	test(|| {
		assert_noop!(
			ValidatorAllowlist::validate(RuntimeOrigin::signed(BONDED), 10),
			Error::<Test>::NotApprovedValidator
		);
		assert_eq!(MockStaking::candidate_prefs(BONDED), None);
	});
}

#[test]
fn an_unbonded_account_cannot_validate() {
	test(|| {
		assert_ok!(ValidatorAllowlist::approve(RuntimeOrigin::root(), UNBONDED, HOSPITAL));
		assert_noop!(
			ValidatorAllowlist::validate(RuntimeOrigin::signed(UNBONDED), 10),
			Error::<Test>::NotBonded
		);
	});
}

#[test]
fn validate_requires_a_signed_origin() {
	test(|| {
		assert_noop!(
			ValidatorAllowlist::validate(RuntimeOrigin::root(), 10),
			DispatchError::BadOrigin
		);
		assert_noop!(
			ValidatorAllowlist::validate(RuntimeOrigin::none(), 10),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn an_approved_account_declares_its_candidacy() {
	test(|| {
		assert_ok!(ValidatorAllowlist::validate(RuntimeOrigin::signed(GENESIS_VALIDATOR), 5));
		assert_eq!(MockStaking::candidate_prefs(GENESIS_VALIDATOR), Some(5));
		assert_eq!(last_event(), Event::ValidationDeclared { stash: GENESIS_VALIDATOR }.into());
	});
}

#[test]
fn approval_is_checked_on_the_stash_not_the_controller() {
	test(|| {
		// Approving the controller account does not let its stash validate.
		assert_ok!(ValidatorAllowlist::approve(RuntimeOrigin::root(), CONTROLLER, HOSPITAL));
		assert_noop!(
			ValidatorAllowlist::validate(RuntimeOrigin::signed(CONTROLLER), 5),
			Error::<Test>::NotApprovedValidator
		);
		// Approving the stash does.
		assert_ok!(ValidatorAllowlist::approve(RuntimeOrigin::root(), STASH, HOSPITAL));
		assert_ok!(ValidatorAllowlist::validate(RuntimeOrigin::signed(CONTROLLER), 5));
		assert_eq!(MockStaking::candidate_prefs(STASH), Some(5));
	});
}

#[test]
fn staking_errors_are_returned_unchanged_and_nothing_is_recorded() {
	test(|| {
		assert_noop!(
			ValidatorAllowlist::validate(
				RuntimeOrigin::signed(GENESIS_VALIDATOR),
				MAX_COMMISSION + 1
			),
			DispatchError::Other("commission too high")
		);
		assert_eq!(MockStaking::candidate_prefs(GENESIS_VALIDATOR), None);
	});
}

#[test]
fn revoke_removes_the_approval_and_chills_a_running_candidate() {
	test(|| {
		assert_ok!(ValidatorAllowlist::validate(RuntimeOrigin::signed(GENESIS_VALIDATOR), 5));
		assert_ok!(ValidatorAllowlist::revoke(RuntimeOrigin::root(), GENESIS_VALIDATOR));
		assert_eq!(Approved::<Test>::get(GENESIS_VALIDATOR), None);
		assert_eq!(ApprovedCount::<Test>::get(), 0);
		assert!(MockStaking::was_chilled(GENESIS_VALIDATOR));
		assert!(!MockStaking::candidate_prefs(GENESIS_VALIDATOR).is_some());
		assert_eq!(
			last_event(),
			Event::ValidatorRevoked { who: GENESIS_VALIDATOR, chilled: true }.into()
		);
		// And it cannot come back on its own.
		assert_noop!(
			ValidatorAllowlist::validate(RuntimeOrigin::signed(GENESIS_VALIDATOR), 5),
			Error::<Test>::NotApprovedValidator
		);
	});
}

#[test]
fn revoking_an_account_that_never_declared_does_not_chill() {
	test(|| {
		assert_ok!(ValidatorAllowlist::revoke(RuntimeOrigin::root(), GENESIS_VALIDATOR));
		assert!(!MockStaking::was_chilled(GENESIS_VALIDATOR));
		assert_eq!(
			last_event(),
			Event::ValidatorRevoked { who: GENESIS_VALIDATOR, chilled: false }.into()
		);
	});
}

#[test]
fn revoking_an_unapproved_account_fails_with_not_approved() {
	test(|| {
		assert_noop!(
			ValidatorAllowlist::revoke(RuntimeOrigin::root(), BONDED),
			Error::<Test>::NotApproved
		);
	});
}

#[test]
fn revoke_by_a_signed_account_is_rejected() {
	test(|| {
		assert_noop!(
			ValidatorAllowlist::revoke(RuntimeOrigin::signed(GENESIS_VALIDATOR), GENESIS_VALIDATOR),
			DispatchError::BadOrigin
		);
	});
}

#[test]
fn try_state_detects_a_counter_out_of_step() {
	new_test_ext().execute_with(|| {
		assert!(ValidatorAllowlist::do_try_state().is_ok());
		ApprovedCount::<Test>::put(5);
		assert!(ValidatorAllowlist::do_try_state().is_err());
	});
}
