//! `remove`: when a consent may be removed, by whom, and where its deposit goes.

use super::*;
use crate::{Error, Event};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_granter_removes_a_revoked_consent_after_its_revocation_block() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		run_to(3);
		revoke_by_controller(id);
		run_to(4);
		assert_ok!(Consent::remove(RuntimeOrigin::signed(CONTROLLER), id));
		assert!(Consents::<Test>::get(id).is_none());
		assert!(!ConsentsOfPatient::<Test>::contains_key(PATIENT, id));
		assert!(!ConsentsOfGrantee::<Test>::contains_key(Grantee::Practitioner(DOCTOR), id));
		assert!(!ConsentCount::<Test>::contains_key(PATIENT));
		assert_eq!(held(CONTROLLER), 0);
		assert_eq!(Balances::free_balance(CONTROLLER), ENDOWMENT);
		assert_eq!(
			last_event(),
			Event::ConsentRemoved {
				consent_id: id,
				patient: PATIENT,
				by: CONTROLLER,
				deposit_released: ConsentDepositBase::get(),
			}
			.into()
		);
	});
}

#[test]
fn the_controller_removes_a_guardians_consent_and_the_guardian_gets_the_deposit() {
	test(|| {
		assert_ok!(grant()
			.by(GUARDIAN)
			.to(Grantee::Device(DEVICE))
			.actions(&[AccessAction::Write])
			.valid_until(5)
			.envelope(envelope(4))
			.proved_by(GUARDIAN)
			.dispatch());
		let deposit = ConsentDepositBase::get() + 4 * ConsentDepositPerByte::get();
		assert_eq!(held(GUARDIAN), deposit);
		run_to(5);
		assert_ok!(Consent::remove(RuntimeOrigin::signed(CONTROLLER), 0));
		assert_eq!(held(GUARDIAN), 0);
		assert_eq!(Balances::free_balance(GUARDIAN), ENDOWMENT);
		assert_eq!(Balances::free_balance(CONTROLLER), ENDOWMENT);
	});
}

#[test]
fn a_consent_cannot_be_removed_in_its_revocation_block() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		run_to(3);
		revoke_by_controller(id);
		assert_noop!(
			Consent::remove(RuntimeOrigin::signed(CONTROLLER), id),
			Error::<Test>::ConsentStillInEffect
		);
	});
}

#[test]
fn a_consent_in_effect_cannot_be_removed() {
	test(|| {
		let id = grant().valid_until(10).granted();
		run_to(9);
		assert_noop!(
			Consent::remove(RuntimeOrigin::signed(CONTROLLER), id),
			Error::<Test>::ConsentStillInEffect
		);
		// Expired from block 10 on: removable without a revocation.
		run_to(10);
		assert_ok!(Consent::remove(RuntimeOrigin::signed(CONTROLLER), id));
	});
}

#[test]
fn a_retired_patients_consent_can_be_removed_by_its_granter() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		MockPseudonyms::retire(PATIENT);
		assert_ok!(Consent::remove(RuntimeOrigin::signed(CONTROLLER), id));
		assert_eq!(held(CONTROLLER), 0);
	});
}

#[test]
fn only_the_granter_or_the_controller_may_remove() {
	test(|| {
		let id = removable_consent();
		// A guardian who did not grant it, the grantee, a stranger.
		for who in [GUARDIAN, DOCTOR, STRANGER, OTHER_CONTROLLER] {
			assert_noop!(
				Consent::remove(RuntimeOrigin::signed(who), id),
				Error::<Test>::NotGranterOrController
			);
		}
	});
}

#[test]
fn removing_an_unknown_consent_fails() {
	test(|| {
		let id = removable_consent();
		assert_ok!(Consent::remove(RuntimeOrigin::signed(CONTROLLER), id));
		assert_noop!(
			Consent::remove(RuntimeOrigin::signed(CONTROLLER), id),
			Error::<Test>::ConsentNotFound
		);
	});
}

#[test]
fn remove_requires_a_signed_origin() {
	test(|| {
		let id = removable_consent();
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(Consent::remove(origin, id), DispatchError::BadOrigin);
		}
	});
}

#[test]
fn removal_frees_a_place_under_max_consents_per_patient() {
	test(|| {
		for _ in 0..MaxConsentsPerPatient::get() {
			grant_read_treatment(Grantee::Practitioner(DOCTOR));
		}
		revoke_by_controller(0);
		run_to(2);
		assert_ok!(Consent::remove(RuntimeOrigin::signed(CONTROLLER), 0));
		assert_eq!(ConsentCount::<Test>::get(PATIENT), MaxConsentsPerPatient::get() - 1);
		grant_read_treatment(Grantee::Practitioner(DOCTOR));
	});
}

#[test]
fn removal_drops_the_consents_history_from_the_decision() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		run_to(3);
		revoke_by_controller(id);
		run_to(4);
		assert_eq!(decide_read(DOCTOR, 2), Ok(AccessBasis::Consent(id)));
		assert_ok!(Consent::remove(RuntimeOrigin::signed(CONTROLLER), id));
		assert_eq!(decide_read(DOCTOR, 2), Err(DenialReason::NoConsent));
	});
}
