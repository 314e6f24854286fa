//! `request_access`: every decision is recorded, evented and chained; only signed origins.

use super::*;
use crate::{chain_head, Event};
use frame_support::assert_noop;
use iomt_primitives::SecondFactorProof;
use sp_runtime::{DispatchError, DispatchResult};

#[test]
fn allowed_request_is_recorded_with_its_basis_and_evented() {
	test(|| {
		run_to(5);
		let index = request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Consent(3)));
		assert_eq!(index, 0);
		let expected = AuditEntry {
			agent: Accessor::Account(DOCTOR),
			organisation: Some(HOSPITAL),
			role: Some(PractitionerRole::Physician),
			action: AuditAction::AccessRequest(AccessAction::Read),
			entity: AuditEntity::Record(5),
			purpose: Some(Purpose::Treatment),
			outcome: AuditOutcome::Allowed(Some(AccessBasis::Consent(3))),
			block: 5,
			timestamp: START_MS + 4 * 6_000,
		};
		assert_eq!(entry(PATIENT, 0), expected);
		assert_eq!(Audit::head(PATIENT), (chain_head(&GENESIS_HEAD, &expected), 1));
		assert!(AccessorLog::<Test>::contains_key(Accessor::Account(DOCTOR), (PATIENT, 0)));
		assert!(!FlaggedLog::<Test>::contains_key(PATIENT, 0));
		assert_eq!(
			last_event(),
			RuntimeEvent::Audit(Event::AccessGranted {
				patient: PATIENT,
				accessor: DOCTOR,
				index: 0,
				target: TARGET,
				action: AccessAction::Read,
				purpose: Purpose::Treatment,
				basis: AccessBasis::Consent(3),
				emergency: false,
			})
		);
	});
}

#[test]
fn the_decision_is_asked_about_the_signer_at_the_current_block() {
	test(|| {
		run_to(7);
		MockDecision::set(Ok(AccessBasis::PatientController));
		let target = AccessTarget::Category(RecordCategory::Imaging);
		assert_ok!(Audit::request_access(
			RuntimeOrigin::signed(CONTROLLER),
			OTHER_PATIENT,
			target,
			AccessAction::Write,
			Purpose::Operations,
			None
		));
		assert_eq!(
			MockDecision::asked(),
			vec![(
				Accessor::Account(CONTROLLER),
				OTHER_PATIENT,
				target,
				AccessAction::Write,
				Purpose::Operations,
				7
			)]
		);
		let recorded = entry(OTHER_PATIENT, 0);
		assert_eq!(recorded.entity, AuditEntity::Category(RecordCategory::Imaging));
		assert_eq!(recorded.action, AuditAction::AccessRequest(AccessAction::Write));
		assert_eq!(recorded.purpose, Some(Purpose::Operations));
	});
}

#[test]
fn denied_attempt_is_recorded_flagged_and_evented() {
	test(|| {
		let index = request(STRANGER, PATIENT, AccessAction::Read, Err(DenialReason::NoConsent));
		let denied = entry(PATIENT, index);
		assert_eq!(denied.outcome, AuditOutcome::Denied(DenialReason::NoConsent));
		assert_eq!(denied.agent, Accessor::Account(STRANGER));
		assert_eq!((denied.organisation, denied.role), (None, None));
		assert_eq!(Audit::head(PATIENT), (chain_head(&GENESIS_HEAD, &denied), 1));
		assert!(FlaggedLog::<Test>::contains_key(PATIENT, index));
		assert!(AccessorLog::<Test>::contains_key(Accessor::Account(STRANGER), (PATIENT, index)));
		assert_eq!(
			last_event(),
			RuntimeEvent::Audit(Event::AccessDenied {
				patient: PATIENT,
				accessor: STRANGER,
				index,
				target: TARGET,
				action: AccessAction::Read,
				purpose: Purpose::Treatment,
				reason: DenialReason::NoConsent,
			})
		);
	});
}

#[test]
fn emergency_access_is_flagged_and_evented_as_emergency() {
	test(|| {
		let index = request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Emergency(4)));
		assert!(FlaggedLog::<Test>::contains_key(PATIENT, index));
		assert!(matches!(
			last_event(),
			RuntimeEvent::Audit(Event::AccessGranted {
				basis: AccessBasis::Emergency(4),
				emergency: true,
				..
			})
		));
	});
}

#[test]
fn unsigned_and_root_origins_are_rejected() {
	test(|| {
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				Audit::request_access(
					origin,
					PATIENT,
					TARGET,
					AccessAction::Read,
					Purpose::Treatment,
					None
				),
				DispatchError::BadOrigin
			);
		}
		assert!(MockDecision::asked().is_empty());
		assert_eq!(Audit::head(PATIENT), (GENESIS_HEAD, 0));
	});
}

#[test]
fn entries_are_numbered_per_patient_and_every_entry_moves_the_head() {
	test(|| {
		let mut heads = vec![Audit::head(PATIENT).0];
		for n in 0..3u64 {
			let index = request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Consent(0)));
			assert_eq!(index, n);
			let (head, length) = Audit::head(PATIENT);
			assert_eq!(length, n + 1);
			assert_eq!(head, chain_head(heads.last().expect("a previous head"), &entry(PATIENT, n)));
			assert!(!heads.contains(&head), "entry {n} did not move the head");
			heads.push(head);
		}
		// Another patient's trail starts at 0 and leaves this one alone.
		assert_eq!(request(DOCTOR, OTHER_PATIENT, AccessAction::Read, Err(DenialReason::NoConsent)), 0);
		assert_eq!(Audit::head(PATIENT), (heads[3], 3));
	});
}

#[test]
fn the_role_recorded_is_the_one_held_at_the_time() {
	test(|| {
		request(NURSE, PATIENT, AccessAction::Read, Ok(AccessBasis::Consent(0)));
		MockIdentity::remove_practitioner(NURSE);
		request(NURSE, PATIENT, AccessAction::Read, Err(DenialReason::AccessorInactive));
		assert_eq!(
			(entry(PATIENT, 0).organisation, entry(PATIENT, 0).role),
			(Some(CLINIC), Some(PractitionerRole::Nurse))
		);
		assert_eq!((entry(PATIENT, 1).organisation, entry(PATIENT, 1).role), (None, None));
	});
}

/// `who` asks to read `TARGET` of `PATIENT` for treatment with `proof`.
fn request_with(who: AccountId, proof: Option<SecondFactorProof>) -> DispatchResult {
	Audit::request_access(
		RuntimeOrigin::signed(who),
		PATIENT,
		TARGET,
		AccessAction::Read,
		Purpose::Treatment,
		proof,
	)
	.map(|_| ())
	.map_err(|e| e.error)
}

fn payload() -> Vec<u8> {
	Audit::access_request_payload(&PATIENT, &TARGET, AccessAction::Read, Purpose::Treatment)
}

#[test]
fn a_request_without_a_required_second_factor_is_recorded_as_denied_and_not_decided() {
	test(|| {
		MockSecondFactor::require(DOCTOR);
		MockDecision::set(Ok(AccessBasis::Consent(3)));
		assert_ok!(request_with(DOCTOR, None));
		let denied = entry(PATIENT, 0);
		assert_eq!(denied.outcome, AuditOutcome::Denied(DenialReason::SecondFactorFailed));
		assert!(FlaggedLog::<Test>::contains_key(PATIENT, 0));
		// The consent would have allowed it, but it was never asked.
		assert!(MockDecision::asked().is_empty());
		assert!(matches!(
			last_event(),
			RuntimeEvent::Audit(Event::AccessDenied {
				reason: DenialReason::SecondFactorFailed,
				..
			})
		));
		// The failed check consumed nothing.
		assert_eq!(MockSecondFactor::nonce(DOCTOR), 0);
	});
}

#[test]
fn a_wrong_or_replayed_second_factor_is_recorded_as_denied() {
	test(|| {
		MockSecondFactor::require(DOCTOR);
		MockDecision::set(Ok(AccessBasis::Consent(3)));
		// Signed over another request's payload.
		let other = Audit::access_request_payload(
			&PATIENT,
			&TARGET,
			AccessAction::Write,
			Purpose::Treatment,
		);
		assert_ok!(request_with(DOCTOR, Some(MockSecondFactor::proof(DOCTOR, &other))));
		assert_eq!(
			entry(PATIENT, 0).outcome,
			AuditOutcome::Denied(DenialReason::SecondFactorFailed)
		);
		assert_eq!(MockSecondFactor::nonce(DOCTOR), 0);
		// A good proof is accepted once; replaying it is denied.
		let proof = MockSecondFactor::proof(DOCTOR, &payload());
		assert_ok!(request_with(DOCTOR, Some(proof.clone())));
		assert_eq!(entry(PATIENT, 1).outcome, AuditOutcome::Allowed(Some(AccessBasis::Consent(3))));
		assert_eq!(MockSecondFactor::nonce(DOCTOR), 1);
		assert_ok!(request_with(DOCTOR, Some(proof)));
		assert_eq!(
			entry(PATIENT, 2).outcome,
			AuditOutcome::Denied(DenialReason::SecondFactorFailed)
		);
		assert_eq!(MockSecondFactor::nonce(DOCTOR), 1);
		assert_eq!(MockDecision::asked().len(), 1);
	});
}

#[test]
fn a_valid_second_factor_lets_the_decision_answer() {
	test(|| {
		MockSecondFactor::require(DOCTOR);
		MockDecision::set(Err(DenialReason::ConsentExpired));
		assert_ok!(request_with(DOCTOR, Some(MockSecondFactor::proof(DOCTOR, &payload()))));
		assert_eq!(entry(PATIENT, 0).outcome, AuditOutcome::Denied(DenialReason::ConsentExpired));
		assert_eq!(MockDecision::asked().len(), 1);
	});
}

#[test]
fn a_signer_without_a_second_factor_requirement_needs_no_proof() {
	test(|| {
		MockDecision::set(Ok(AccessBasis::PatientController));
		assert_ok!(request_with(CONTROLLER, None));
		assert_eq!(
			entry(PATIENT, 0).outcome,
			AuditOutcome::Allowed(Some(AccessBasis::PatientController))
		);
	});
}

#[test]
fn the_access_request_is_charged_the_worst_case_decision() {
	use crate::{weights::WeightInfo, Call};
	use frame_support::dispatch::GetDispatchInfo;
	let call = Call::<Test>::request_access {
		patient: PATIENT,
		target: TARGET,
		action: AccessAction::Read,
		purpose: Purpose::Treatment,
		second_factor: None,
	};
	assert_eq!(
		call.get_dispatch_info().call_weight,
		<() as WeightInfo>::request_access() + DECIDE_WEIGHT
	);
}

#[test]
fn the_second_factor_payload_is_tagged_and_names_the_request() {
	use codec::Encode;
	let expected =
		(*b"iomt/access-request", PATIENT, TARGET, AccessAction::Read, Purpose::Treatment).encode();
	assert_eq!(payload(), expected);
	assert_ne!(
		payload(),
		Audit::access_request_payload(&OTHER_PATIENT, &TARGET, AccessAction::Read, Purpose::Treatment)
	);
}

#[test]
fn the_actual_weight_counts_the_decision_about_that_patient_only_when_asked() {
	use crate::weights::WeightInfo;
	test(|| {
		let own = <() as WeightInfo>::request_access();
		let actual_weight = || {
			Audit::request_access(
				RuntimeOrigin::signed(DOCTOR),
				PATIENT,
				TARGET,
				AccessAction::Read,
				Purpose::Treatment,
				None,
			)
			.expect("recorded")
			.actual_weight
		};
		assert_eq!(actual_weight(), Some(own + DECIDE_WEIGHT_FOR));
		// A failed second factor: the decision is not asked and not paid for.
		MockSecondFactor::require(DOCTOR);
		assert_eq!(actual_weight(), Some(own));
	});
}
