//! `revoke`: who may revoke, the revocation block, and granting again afterwards.

use super::*;
use crate::{Error, Event};
use codec::Encode;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_controller_revokes_and_the_consent_is_kept_with_its_revocation_block() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		run_to(4);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(CONTROLLER), id, None));
		let consent = stored(id);
		assert_eq!(consent.revoked_at, Some(4));
		assert!(ConsentsOfPatient::<Test>::contains_key(PATIENT, id));
		assert_eq!(held(CONTROLLER), ConsentDepositBase::get(), "the deposit stays until removal");
		assert_eq!(
			last_event(),
			Event::ConsentRevoked { consent_id: id, patient: PATIENT, by: CONTROLLER }.into()
		);
		assert_eq!(MockAudit::notes().last(), Some(&AuditNote::Revoked(PATIENT, CONTROLLER, id)));
	});
}

#[test]
fn a_guardian_revokes_with_a_second_factor_over_the_documented_payload() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		let payload = (*b"consent.revoke", id).encode();
		let proof = MockSecondFactor::proof(GUARDIAN, &payload);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(GUARDIAN), id, Some(proof)));
		assert_eq!(stored(id).revoked_at, Some(1));
		assert_eq!(MockSecondFactor::nonce(GUARDIAN), 1);
	});
}

#[test]
fn a_guardian_without_a_valid_second_factor_cannot_revoke() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(GUARDIAN), id, None),
			DispatchError::Other("SecondFactorMissing")
		);
		// A proof for another consent does not do.
		let other = MockSecondFactor::proof(GUARDIAN, &Consent::revoke_payload(id + 1));
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(GUARDIAN), id, Some(other)),
			DispatchError::Other("SecondFactorBadSignature")
		);
	});
}

#[test]
fn the_controller_needs_a_second_factor_when_required() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		MockSecondFactor::require(CONTROLLER);
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(CONTROLLER), id, None),
			DispatchError::Other("SecondFactorMissing")
		);
		let proof = MockSecondFactor::proof(CONTROLLER, &Consent::revoke_payload(id));
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(CONTROLLER), id, Some(proof)));
	});
}

#[test]
fn revoking_twice_fails_with_already_revoked() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(CONTROLLER), id, None));
		run_to(3);
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(CONTROLLER), id, None),
			Error::<Test>::AlreadyRevoked
		);
		assert_eq!(stored(id).revoked_at, Some(1), "the first revocation block stays");
	});
}

#[test]
fn revoking_an_unknown_consent_fails() {
	test(|| {
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(CONTROLLER), 7, None),
			Error::<Test>::ConsentNotFound
		);
	});
}

#[test]
fn only_the_controller_or_a_guardian_may_revoke() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		// Not the grantee, not a stranger, not another patient's controller.
		for who in [DOCTOR, STRANGER, OTHER_CONTROLLER] {
			assert_noop!(
				Consent::revoke(RuntimeOrigin::signed(who), id, None),
				Error::<Test>::NotControllerOrGuardian
			);
		}
	});
}

#[test]
fn a_retired_patients_consent_cannot_be_revoked() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		MockPseudonyms::retire(PATIENT);
		assert_noop!(
			Consent::revoke(RuntimeOrigin::signed(CONTROLLER), id, None),
			Error::<Test>::UnknownPatient
		);
	});
}

#[test]
fn revoke_requires_a_signed_origin() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(Consent::revoke(origin, id, None), DispatchError::BadOrigin);
		}
	});
}

#[test]
fn granting_again_after_a_revocation_creates_a_new_unrevoked_consent() {
	test(|| {
		let old = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		run_to(2);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(CONTROLLER), old, None));
		run_to(3);
		assert_eq!(decide_read(DOCTOR, 3), Err(DenialReason::ConsentRevoked));
		let new = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		assert_ne!(old, new);
		assert_eq!(stored(new).revoked_at, None, "no inherited revocation");
		assert_eq!(stored(old).revoked_at, Some(2));
		assert_eq!(decide_read(DOCTOR, 3), Ok(AccessBasis::Consent(new)));
		// History is unchanged: at block 2 the old consent allowed, at block 3 only the new.
		assert_eq!(decide_read(DOCTOR, 2), Ok(AccessBasis::Consent(old)));
		// Revoking the new one leaves the old one as it was.
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(CONTROLLER), new, None));
		assert_eq!(stored(old).revoked_at, Some(2));
		assert_eq!(decide_read(DOCTOR, 4), Err(DenialReason::ConsentRevoked));
	});
}
