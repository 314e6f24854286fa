//! `grant`: who may grant, what is validated, the deposit, the second factor.

use super::*;
use crate::{Error, Event, NextConsentId};
use codec::Encode;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_controller_grants_a_consent_that_is_stored_indexed_and_evented() {
	test(|| {
		run_to(3);
		assert_ok!(grant()
			.scope(categories(&[RecordCategory::LaboratoryResults, RecordCategory::Imaging]))
			.actions(&[AccessAction::Read, AccessAction::Write])
			.purposes(&[Purpose::Treatment, Purpose::Operations])
			.valid_until(20)
			.dispatch());
		let consent = stored(0);
		assert_eq!(consent.patient, PATIENT);
		assert_eq!(consent.granter, CONTROLLER);
		assert_eq!(consent.grantee, Grantee::Practitioner(DOCTOR));
		assert_eq!(consent.valid_from, 3, "valid_from None means the current block");
		assert_eq!(consent.valid_until, Some(20));
		assert_eq!(consent.granted_at, 3);
		assert_eq!(consent.revoked_at, None);
		assert_eq!(consent.deposit, ConsentDepositBase::get());
		assert!(ConsentsOfPatient::<Test>::contains_key(PATIENT, 0));
		assert!(ConsentsOfGrantee::<Test>::contains_key(Grantee::Practitioner(DOCTOR), 0));
		assert_eq!(ConsentCount::<Test>::get(PATIENT), 1);
		assert_eq!(NextConsentId::<Test>::get(), 1);
		assert_eq!(held(CONTROLLER), ConsentDepositBase::get());
		assert_eq!(Balances::free_balance(CONTROLLER), ENDOWMENT - ConsentDepositBase::get());
		assert_eq!(
			last_event(),
			Event::ConsentGranted {
				consent_id: 0,
				patient: PATIENT,
				grantee: Grantee::Practitioner(DOCTOR),
				granter: CONTROLLER,
				deposit: ConsentDepositBase::get(),
			}
			.into()
		);
		assert_eq!(MockAudit::notes(), vec![AuditNote::Granted(PATIENT, CONTROLLER, 0)]);
	});
}

#[test]
fn a_later_valid_from_is_kept_and_the_current_block_is_accepted() {
	test(|| {
		run_to(5);
		assert_ok!(grant().valid_from(5).dispatch());
		assert_ok!(grant().valid_from(9).valid_until(10).dispatch());
		assert_eq!(stored(0).valid_from, 5);
		assert_eq!(stored(1).valid_from, 9);
		assert_eq!(stored(1).granted_at, 5);
	});
}

#[test]
fn the_deposit_grows_with_the_key_envelope() {
	test(|| {
		assert_ok!(grant().envelope(envelope(MaxEnvelopeLength::get() as usize)).dispatch());
		let expected = ConsentDepositBase::get()
			+ ConsentDepositPerByte::get() * Balance::from(MaxEnvelopeLength::get());
		assert_eq!(stored(0).deposit, expected);
		assert_eq!(stored(0).key_envelope, Some(envelope(MaxEnvelopeLength::get() as usize)));
		assert_eq!(held(CONTROLLER), expected);
	});
}

#[test]
fn a_guardian_grants_with_a_second_factor_over_the_documented_payload() {
	test(|| {
		let scope = records(&[1, 2]);
		// The payload as documented: tag, then the arguments in order, except the proof.
		let payload = (
			*b"consent.grant",
			PATIENT,
			Grantee::<AccountId>::Practitioner(DOCTOR),
			scope.clone(),
			actions(&[AccessAction::Read]),
			purposes(&[Purpose::Treatment]),
			None::<BlockNumber>,
			Some(30u64),
			Some(envelope(3)),
		)
			.encode();
		let proof = MockSecondFactor::proof(GUARDIAN, &payload);
		assert_ok!(grant()
			.by(GUARDIAN)
			.scope(scope)
			.valid_until(30)
			.envelope(envelope(3))
			.proof(proof)
			.dispatch());
		assert_eq!(stored(0).granter, GUARDIAN);
		assert_eq!(held(GUARDIAN), ConsentDepositBase::get() + 3 * ConsentDepositPerByte::get());
		assert_eq!(held(CONTROLLER), 0);
		assert_eq!(MockSecondFactor::nonce(GUARDIAN), 1, "the proof's nonce was consumed");
	});
}

#[test]
fn a_guardian_without_a_second_factor_is_rejected() {
	test(|| {
		assert_noop!(grant().by(GUARDIAN).dispatch(), DispatchError::Other("SecondFactorMissing"));
	});
}

#[test]
fn a_guardian_proof_over_other_arguments_is_rejected() {
	test(|| {
		// Signed for an open-ended consent, submitted with an end block.
		let proof = MockSecondFactor::proof(GUARDIAN, &grant().payload());
		assert_noop!(
			grant().by(GUARDIAN).valid_until(50).proof(proof.clone()).dispatch(),
			DispatchError::Other("SecondFactorBadSignature")
		);
		// The same proof for a revocation payload is not a grant proof either.
		let revoke_proof = MockSecondFactor::proof(GUARDIAN, &Consent::revoke_payload(0));
		assert_noop!(
			grant().by(GUARDIAN).proof(revoke_proof).dispatch(),
			DispatchError::Other("SecondFactorBadSignature")
		);
		assert_ok!(grant().by(GUARDIAN).proof(proof).dispatch());
	});
}

#[test]
fn the_controller_presents_a_second_factor_only_when_required() {
	test(|| {
		// Not required: a missing proof is fine, and a needless one is ignored.
		assert_ok!(grant().dispatch());
		let junk = MockSecondFactor::proof(CONTROLLER, b"anything");
		assert_ok!(grant().proof(junk).dispatch());
		assert_eq!(MockSecondFactor::nonce(CONTROLLER), 0);

		MockSecondFactor::require(CONTROLLER);
		assert_noop!(grant().dispatch(), DispatchError::Other("SecondFactorMissing"));
		let proof = MockSecondFactor::proof(CONTROLLER, &grant().payload());
		assert_ok!(grant().proof(proof.clone()).dispatch());
		// A used proof (stale nonce) is not accepted again.
		assert_noop!(
			grant().proof(proof).dispatch(),
			DispatchError::Other("SecondFactorStaleNonce")
		);
	});
}

#[test]
fn granting_for_an_unknown_or_retired_patient_fails() {
	test(|| {
		assert_noop!(grant().patient(UNKNOWN_PATIENT).dispatch(), Error::<Test>::UnknownPatient);
		MockPseudonyms::retire(PATIENT);
		assert_noop!(grant().dispatch(), Error::<Test>::UnknownPatient);
	});
}

#[test]
fn only_the_controller_or_a_guardian_may_grant() {
	test(|| {
		for who in [STRANGER, DOCTOR, OTHER_CONTROLLER] {
			assert_noop!(grant().by(who).dispatch(), Error::<Test>::NotControllerOrGuardian);
		}
	});
}

#[test]
fn grant_requires_a_signed_origin() {
	test(|| {
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(grant().origin(origin).dispatch(), DispatchError::BadOrigin);
		}
	});
}

#[test]
fn an_empty_scope_is_rejected() {
	test(|| {
		for scope in [categories(&[]), records(&[])] {
			assert_noop!(grant().scope(scope).dispatch(), Error::<Test>::EmptyScope);
		}
	});
}

#[test]
fn a_scope_listing_an_item_twice_is_rejected() {
	test(|| {
		let twice = [
			categories(&[
				RecordCategory::Imaging,
				RecordCategory::Medication,
				RecordCategory::Imaging,
			]),
			records(&[7, 8, 7]),
		];
		for scope in twice {
			assert_noop!(grant().scope(scope).dispatch(), Error::<Test>::DuplicateScopeItem);
		}
	});
}

#[test]
fn actions_must_be_listed_once_each() {
	test(|| {
		assert_noop!(grant().actions(&[]).dispatch(), Error::<Test>::NoActions);
		assert_noop!(
			grant().actions(&[AccessAction::Write, AccessAction::Write]).dispatch(),
			Error::<Test>::DuplicateAction
		);
	});
}

#[test]
fn purposes_must_be_listed_once_each() {
	test(|| {
		assert_noop!(grant().purposes(&[]).dispatch(), Error::<Test>::NoPurposes);
		assert_noop!(
			grant()
				.purposes(&[Purpose::Research, Purpose::Treatment, Purpose::Research])
				.dispatch(),
			Error::<Test>::DuplicatePurpose
		);
	});
}

#[test]
fn a_consent_cannot_be_back_dated() {
	test(|| {
		run_to(5);
		assert_noop!(grant().valid_from(4).dispatch(), Error::<Test>::ValidFromInThePast);
	});
}

#[test]
fn the_period_must_not_be_empty() {
	test(|| {
		run_to(5);
		// `None` means now: the end must be after block 5.
		assert_noop!(grant().valid_until(5).dispatch(), Error::<Test>::ValidUntilNotAfterValidFrom);
		assert_noop!(
			grant().valid_from(8).valid_until(8).dispatch(),
			Error::<Test>::ValidUntilNotAfterValidFrom
		);
		assert_noop!(
			grant().valid_from(8).valid_until(7).dispatch(),
			Error::<Test>::ValidUntilNotAfterValidFrom
		);
		assert_ok!(grant().valid_from(8).valid_until(9).dispatch());
	});
}

#[test]
fn a_patient_holds_at_most_max_consents_per_patient() {
	test(|| {
		for _ in 0..MaxConsentsPerPatient::get() {
			grant_read_treatment(Grantee::Practitioner(DOCTOR));
		}
		assert_noop!(grant().dispatch(), Error::<Test>::TooManyConsents);
		// Other patients are not affected.
		assert_ok!(grant().by(OTHER_CONTROLLER).patient(OTHER_PATIENT).dispatch());
	});
}

#[test]
fn a_granter_who_cannot_afford_the_deposit_is_rejected() {
	test(|| {
		assert_noop!(
			grant().by(POOR).patient(POOR_PATIENT).dispatch(),
			Error::<Test>::InsufficientBalanceForDeposit
		);
	});
}

#[test]
fn granting_fails_once_every_consent_id_is_used() {
	test(|| {
		NextConsentId::<Test>::put(ConsentId::MAX);
		assert_noop!(grant().dispatch(), Error::<Test>::ConsentIdsExhausted);
	});
}

#[test]
fn consent_ids_are_never_reused_after_removal() {
	test(|| {
		let first = removable_consent();
		assert_ok!(Consent::remove(RuntimeOrigin::signed(CONTROLLER), first));
		let second = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		assert_eq!((first, second), (0, 1));
	});
}
