//! `grant`: who may grant, what is validated, the deposit, the second factor.

use super::*;
use crate::{Error, Event, NextConsentId};
use codec::Encode;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

/// Grants on `PATIENT` as `who` with the given arguments; the call's result.
#[allow(clippy::too_many_arguments)]
fn grant_as(
	who: AccountId,
	scope: ScopeOf<Test>,
	a: Actions,
	p: Purposes,
	valid_from: Option<BlockNumber>,
	valid_until: Option<BlockNumber>,
	key_envelope: Option<KeyEnvelopeOf<Test>>,
	proof: Option<iomt_primitives::SecondFactorProof>,
) -> sp_runtime::DispatchResult {
	Consent::grant(
		RuntimeOrigin::signed(who),
		PATIENT,
		Grantee::Practitioner(DOCTOR),
		scope,
		a,
		p,
		valid_from,
		valid_until,
		key_envelope,
		proof,
	)
}

fn read() -> Actions {
	actions(&[AccessAction::Read])
}

fn treatment() -> Purposes {
	purposes(&[Purpose::Treatment])
}

#[test]
fn the_controller_grants_a_consent_that_is_stored_indexed_and_evented() {
	test(|| {
		run_to(3);
		assert_ok!(Consent::grant(
			RuntimeOrigin::signed(CONTROLLER),
			PATIENT,
			Grantee::Practitioner(DOCTOR),
			categories(&[RecordCategory::LaboratoryResults, RecordCategory::Imaging]),
			actions(&[AccessAction::Read, AccessAction::Write]),
			purposes(&[Purpose::Treatment, Purpose::Operations]),
			None,
			Some(20),
			None,
			None,
		));
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
		assert_ok!(grant_as(
			CONTROLLER,
			ConsentScope::AllRecords,
			read(),
			treatment(),
			Some(5),
			None,
			None,
			None
		));
		assert_ok!(grant_as(
			CONTROLLER,
			ConsentScope::AllRecords,
			read(),
			treatment(),
			Some(9),
			Some(10),
			None,
			None
		));
		assert_eq!(stored(0).valid_from, 5);
		assert_eq!(stored(1).valid_from, 9);
		assert_eq!(stored(1).granted_at, 5);
	});
}

#[test]
fn the_deposit_grows_with_the_key_envelope() {
	test(|| {
		assert_ok!(grant_as(
			CONTROLLER,
			ConsentScope::AllRecords,
			read(),
			treatment(),
			None,
			None,
			Some(envelope(MaxEnvelopeLength::get() as usize)),
			None
		));
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
		let env = Some(envelope(3));
		// The payload as documented: tag, then the arguments in order, except the proof.
		let payload = (
			*b"consent.grant",
			PATIENT,
			Grantee::<AccountId>::Practitioner(DOCTOR),
			scope.clone(),
			read(),
			treatment(),
			None::<BlockNumber>,
			Some(30u64),
			env.clone(),
		)
			.encode();
		let proof = MockSecondFactor::proof(GUARDIAN, &payload);
		assert_ok!(grant_as(
			GUARDIAN,
			scope,
			read(),
			treatment(),
			None,
			Some(30),
			env,
			Some(proof)
		));
		assert_eq!(stored(0).granter, GUARDIAN);
		assert_eq!(held(GUARDIAN), ConsentDepositBase::get() + 3 * ConsentDepositPerByte::get());
		assert_eq!(held(CONTROLLER), 0);
		assert_eq!(MockSecondFactor::nonce(GUARDIAN), 1, "the proof's nonce was consumed");
	});
}

#[test]
fn a_guardian_without_a_second_factor_is_rejected() {
	test(|| {
		assert_noop!(
			grant_as(
				GUARDIAN,
				ConsentScope::AllRecords,
				read(),
				treatment(),
				None,
				None,
				None,
				None
			),
			DispatchError::Other("SecondFactorMissing")
		);
	});
}

#[test]
fn a_guardian_proof_over_other_arguments_is_rejected() {
	test(|| {
		// Signed for an open-ended consent, submitted with an end block.
		let payload = Consent::grant_payload(
			&PATIENT,
			&Grantee::Practitioner(DOCTOR),
			&ConsentScope::AllRecords,
			&read(),
			&treatment(),
			&None,
			&None,
			&None,
		);
		let proof = MockSecondFactor::proof(GUARDIAN, &payload);
		assert_noop!(
			grant_as(
				GUARDIAN,
				ConsentScope::AllRecords,
				read(),
				treatment(),
				None,
				Some(50),
				None,
				Some(proof.clone())
			),
			DispatchError::Other("SecondFactorBadSignature")
		);
		// The same proof for a revocation payload is not a grant proof either.
		let revoke_proof = MockSecondFactor::proof(GUARDIAN, &Consent::revoke_payload(0));
		assert_noop!(
			grant_as(
				GUARDIAN,
				ConsentScope::AllRecords,
				read(),
				treatment(),
				None,
				None,
				None,
				Some(revoke_proof)
			),
			DispatchError::Other("SecondFactorBadSignature")
		);
		assert_ok!(grant_as(
			GUARDIAN,
			ConsentScope::AllRecords,
			read(),
			treatment(),
			None,
			None,
			None,
			Some(proof)
		));
	});
}

#[test]
fn the_controller_presents_a_second_factor_only_when_required() {
	test(|| {
		// Not required: a missing proof is fine, and a needless one is ignored.
		assert_ok!(grant_as(
			CONTROLLER,
			ConsentScope::AllRecords,
			read(),
			treatment(),
			None,
			None,
			None,
			None
		));
		let junk = MockSecondFactor::proof(CONTROLLER, b"anything");
		assert_ok!(grant_as(
			CONTROLLER,
			ConsentScope::AllRecords,
			read(),
			treatment(),
			None,
			None,
			None,
			Some(junk)
		));
		assert_eq!(MockSecondFactor::nonce(CONTROLLER), 0);

		MockSecondFactor::require(CONTROLLER);
		assert_noop!(
			grant_as(
				CONTROLLER,
				ConsentScope::AllRecords,
				read(),
				treatment(),
				None,
				None,
				None,
				None
			),
			DispatchError::Other("SecondFactorMissing")
		);
		let payload = Consent::grant_payload(
			&PATIENT,
			&Grantee::Practitioner(DOCTOR),
			&ConsentScope::AllRecords,
			&read(),
			&treatment(),
			&None,
			&None,
			&None,
		);
		let proof = MockSecondFactor::proof(CONTROLLER, &payload);
		assert_ok!(grant_as(
			CONTROLLER,
			ConsentScope::AllRecords,
			read(),
			treatment(),
			None,
			None,
			None,
			Some(proof.clone())
		));
		// A used proof (stale nonce) is not accepted again.
		assert_noop!(
			grant_as(
				CONTROLLER,
				ConsentScope::AllRecords,
				read(),
				treatment(),
				None,
				None,
				None,
				Some(proof)
			),
			DispatchError::Other("SecondFactorStaleNonce")
		);
	});
}

#[test]
fn granting_for_an_unknown_or_retired_patient_fails() {
	test(|| {
		assert_noop!(
			Consent::grant(
				RuntimeOrigin::signed(CONTROLLER),
				UNKNOWN_PATIENT,
				Grantee::Practitioner(DOCTOR),
				ConsentScope::AllRecords,
				read(),
				treatment(),
				None,
				None,
				None,
				None,
			),
			Error::<Test>::UnknownPatient
		);
		MockPseudonyms::retire(PATIENT);
		assert_noop!(
			grant_as(
				CONTROLLER,
				ConsentScope::AllRecords,
				read(),
				treatment(),
				None,
				None,
				None,
				None
			),
			Error::<Test>::UnknownPatient
		);
	});
}

#[test]
fn only_the_controller_or_a_guardian_may_grant() {
	test(|| {
		for who in [STRANGER, DOCTOR, OTHER_CONTROLLER] {
			assert_noop!(
				grant_as(
					who,
					ConsentScope::AllRecords,
					read(),
					treatment(),
					None,
					None,
					None,
					None
				),
				Error::<Test>::NotControllerOrGuardian
			);
		}
	});
}

#[test]
fn grant_requires_a_signed_origin() {
	test(|| {
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				Consent::grant(
					origin,
					PATIENT,
					Grantee::Practitioner(DOCTOR),
					ConsentScope::AllRecords,
					read(),
					treatment(),
					None,
					None,
					None,
					None,
				),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn an_empty_scope_is_rejected() {
	test(|| {
		for scope in [categories(&[]), records(&[])] {
			assert_noop!(
				grant_as(CONTROLLER, scope, read(), treatment(), None, None, None, None),
				Error::<Test>::EmptyScope
			);
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
			assert_noop!(
				grant_as(CONTROLLER, scope, read(), treatment(), None, None, None, None),
				Error::<Test>::DuplicateScopeItem
			);
		}
	});
}

#[test]
fn actions_must_be_listed_once_each() {
	test(|| {
		assert_noop!(
			grant_as(
				CONTROLLER,
				ConsentScope::AllRecords,
				actions(&[]),
				treatment(),
				None,
				None,
				None,
				None
			),
			Error::<Test>::NoActions
		);
		assert_noop!(
			grant_as(
				CONTROLLER,
				ConsentScope::AllRecords,
				actions(&[AccessAction::Write, AccessAction::Write]),
				treatment(),
				None,
				None,
				None,
				None
			),
			Error::<Test>::DuplicateAction
		);
	});
}

#[test]
fn purposes_must_be_listed_once_each() {
	test(|| {
		assert_noop!(
			grant_as(
				CONTROLLER,
				ConsentScope::AllRecords,
				read(),
				purposes(&[]),
				None,
				None,
				None,
				None
			),
			Error::<Test>::NoPurposes
		);
		assert_noop!(
			grant_as(
				CONTROLLER,
				ConsentScope::AllRecords,
				read(),
				purposes(&[Purpose::Research, Purpose::Treatment, Purpose::Research]),
				None,
				None,
				None,
				None
			),
			Error::<Test>::DuplicatePurpose
		);
	});
}

#[test]
fn a_consent_cannot_be_back_dated() {
	test(|| {
		run_to(5);
		assert_noop!(
			grant_as(
				CONTROLLER,
				ConsentScope::AllRecords,
				read(),
				treatment(),
				Some(4),
				None,
				None,
				None
			),
			Error::<Test>::ValidFromInThePast
		);
	});
}

#[test]
fn the_period_must_not_be_empty() {
	test(|| {
		run_to(5);
		// `None` means now: the end must be after block 5.
		assert_noop!(
			grant_as(
				CONTROLLER,
				ConsentScope::AllRecords,
				read(),
				treatment(),
				None,
				Some(5),
				None,
				None
			),
			Error::<Test>::ValidUntilNotAfterValidFrom
		);
		assert_noop!(
			grant_as(
				CONTROLLER,
				ConsentScope::AllRecords,
				read(),
				treatment(),
				Some(8),
				Some(8),
				None,
				None
			),
			Error::<Test>::ValidUntilNotAfterValidFrom
		);
		assert_noop!(
			grant_as(
				CONTROLLER,
				ConsentScope::AllRecords,
				read(),
				treatment(),
				Some(8),
				Some(7),
				None,
				None
			),
			Error::<Test>::ValidUntilNotAfterValidFrom
		);
		assert_ok!(grant_as(
			CONTROLLER,
			ConsentScope::AllRecords,
			read(),
			treatment(),
			Some(8),
			Some(9),
			None,
			None
		));
	});
}

#[test]
fn a_patient_holds_at_most_max_consents_per_patient() {
	test(|| {
		for _ in 0..MaxConsentsPerPatient::get() {
			grant_read_treatment(Grantee::Practitioner(DOCTOR));
		}
		assert_noop!(
			grant_as(
				CONTROLLER,
				ConsentScope::AllRecords,
				read(),
				treatment(),
				None,
				None,
				None,
				None
			),
			Error::<Test>::TooManyConsents
		);
		// Other patients are not affected.
		assert_ok!(Consent::grant(
			RuntimeOrigin::signed(OTHER_CONTROLLER),
			OTHER_PATIENT,
			Grantee::Practitioner(DOCTOR),
			ConsentScope::AllRecords,
			read(),
			treatment(),
			None,
			None,
			None,
			None,
		));
	});
}

#[test]
fn a_granter_who_cannot_afford_the_deposit_is_rejected() {
	test(|| {
		assert_noop!(
			Consent::grant(
				RuntimeOrigin::signed(POOR),
				POOR_PATIENT,
				Grantee::Practitioner(DOCTOR),
				ConsentScope::AllRecords,
				read(),
				treatment(),
				None,
				None,
				None,
				None,
			),
			Error::<Test>::InsufficientBalanceForDeposit
		);
	});
}

#[test]
fn granting_fails_once_every_consent_id_is_used() {
	test(|| {
		NextConsentId::<Test>::put(ConsentId::MAX);
		assert_noop!(
			grant_as(
				CONTROLLER,
				ConsentScope::AllRecords,
				read(),
				treatment(),
				None,
				None,
				None,
				None
			),
			Error::<Test>::ConsentIdsExhausted
		);
	});
}

#[test]
fn consent_ids_are_never_reused_after_removal() {
	test(|| {
		let first = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(CONTROLLER), first, None));
		run_to(2);
		assert_ok!(Consent::remove(RuntimeOrigin::signed(CONTROLLER), first));
		let second = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		assert_eq!((first, second), (0, 1));
	});
}
