//! The access decision: its order, its boundary blocks and the precedence of its denials.

use super::*;
use iomt_primitives::AccessDecision;

fn decide(
	accessor: Accessor<AccountId>,
	target: AccessTarget,
	action: AccessAction,
	purpose: Purpose,
	at: BlockNumber,
) -> Result<AccessBasis, DenialReason> {
	Consent::decide(&accessor, &PATIENT, target, action, purpose, at)
}

const LAB_RESULT: AccessTarget = AccessTarget::Record(1, RecordCategory::LaboratoryResults);

#[test]
fn an_unknown_or_retired_patient_is_denied_to_everyone() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		assert_eq!(
			decide_read_of(UNKNOWN_PATIENT, CONTROLLER, 1),
			Err(DenialReason::UnknownPatient)
		);
		assert_eq!(decide_read(DOCTOR, 1), Ok(AccessBasis::Consent(id)));
		MockPseudonyms::retire(PATIENT);
		assert_eq!(decide_read(DOCTOR, 1), Err(DenialReason::UnknownPatient));
		assert_eq!(decide_read(CONTROLLER, 1), Err(DenialReason::UnknownPatient));
	});
}

#[test]
fn the_controller_may_do_anything_without_a_consent() {
	test(|| {
		for action in [AccessAction::Read, AccessAction::Write] {
			for purpose in [Purpose::Research, Purpose::Operations] {
				assert_eq!(
					decide(Accessor::Account(CONTROLLER), LAB_RESULT, action, purpose, 1),
					Ok(AccessBasis::PatientController)
				);
			}
		}
		// Only of its own patient; a guardian is not a controller.
		assert_eq!(decide_read_of(OTHER_PATIENT, CONTROLLER, 1), Err(DenialReason::NoConsent));
		assert_eq!(decide_read(GUARDIAN, 1), Err(DenialReason::NoConsent));
	});
}

#[test]
fn without_a_consent_access_is_denied() {
	test(|| {
		assert_eq!(decide_read(DOCTOR, 1), Err(DenialReason::NoConsent));
		assert_eq!(decide_read(STRANGER, 1), Err(DenialReason::NoConsent));
		grant_read_treatment(Grantee::Practitioner(NURSE));
		assert_eq!(decide_read(DOCTOR, 1), Err(DenialReason::NoConsent));
	});
}

#[test]
fn a_revoked_consent_allows_in_its_revocation_block_and_denies_from_the_next() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		run_to(5);
		revoke_by_controller(id);
		assert_eq!(decide_read(DOCTOR, 4), Ok(AccessBasis::Consent(id)));
		assert_eq!(decide_read(DOCTOR, 5), Ok(AccessBasis::Consent(id)));
		assert_eq!(decide_read(DOCTOR, 6), Err(DenialReason::ConsentRevoked));
		run_to(9);
		// History stays answerable.
		assert_eq!(decide_read(DOCTOR, 5), Ok(AccessBasis::Consent(id)));
		assert_eq!(decide_read(DOCTOR, 9), Err(DenialReason::ConsentRevoked));
	});
}

#[test]
fn a_consent_is_valid_from_valid_from_until_before_valid_until() {
	test(|| {
		let id = grant().valid_from(4).valid_until(8).granted();
		assert_eq!(decide_read(DOCTOR, 3), Err(DenialReason::ConsentExpired));
		assert_eq!(decide_read(DOCTOR, 4), Ok(AccessBasis::Consent(id)));
		assert_eq!(decide_read(DOCTOR, 7), Ok(AccessBasis::Consent(id)));
		assert_eq!(decide_read(DOCTOR, 8), Err(DenialReason::ConsentExpired));
		// Expiry needs no transaction: asking later gives the same answers.
		run_to(20);
		assert_eq!(decide_read(DOCTOR, 7), Ok(AccessBasis::Consent(id)));
		assert_eq!(decide_read(DOCTOR, 20), Err(DenialReason::ConsentExpired));
	});
}

#[test]
fn a_consent_covers_only_its_scope_actions_and_purposes() {
	test(|| {
		let cats = grant().scope(categories(&[RecordCategory::LaboratoryResults])).granted();
		let recs = grant()
			.to(Grantee::Practitioner(NURSE))
			.scope(records(&[1, 2]))
			.actions(&[AccessAction::Write])
			.purposes(&[Purpose::Research])
			.granted();
		// The doctor's requests, and the nurse's requests to write for research, at block 1.
		let doctor =
			|target, action, purpose| decide(Accessor::Account(DOCTOR), target, action, purpose, 1);
		let nurse = |target| {
			decide(Accessor::Account(NURSE), target, AccessAction::Write, Purpose::Research, 1)
		};
		let lab_results = AccessTarget::Category(RecordCategory::LaboratoryResults);
		let imaging = |record| AccessTarget::Record(record, RecordCategory::Imaging);
		// Categories scope: by category, for a record or the category as a whole.
		assert_eq!(
			doctor(LAB_RESULT, AccessAction::Read, Purpose::Treatment),
			Ok(AccessBasis::Consent(cats))
		);
		assert_eq!(
			doctor(lab_results, AccessAction::Read, Purpose::Treatment),
			Ok(AccessBasis::Consent(cats))
		);
		assert_eq!(
			doctor(imaging(1), AccessAction::Read, Purpose::Treatment),
			Err(DenialReason::OutOfScope)
		);
		assert_eq!(
			doctor(LAB_RESULT, AccessAction::Write, Purpose::Treatment),
			Err(DenialReason::OutOfScope)
		);
		assert_eq!(
			doctor(LAB_RESULT, AccessAction::Read, Purpose::Research),
			Err(DenialReason::OutOfScope)
		);
		// Records scope: listed records only, never a whole category.
		assert_eq!(nurse(imaging(2)), Ok(AccessBasis::Consent(recs)));
		assert_eq!(nurse(imaging(3)), Err(DenialReason::OutOfScope));
		assert_eq!(
			nurse(AccessTarget::Category(RecordCategory::Imaging)),
			Err(DenialReason::OutOfScope)
		);
	});
}

#[test]
fn an_organisation_consent_names_its_active_practitioners() {
	test(|| {
		let id = grant_read_treatment(Grantee::Organisation(HOSPITAL));
		assert_eq!(decide_read(DOCTOR, 1), Ok(AccessBasis::Consent(id)));
		assert_eq!(decide_read(NURSE, 1), Ok(AccessBasis::Consent(id)));
		assert_eq!(decide_read(OTHER_DOCTOR, 1), Err(DenialReason::NoConsent));
		assert_eq!(decide_read(STRANGER, 1), Err(DenialReason::NoConsent));
		// A suspended organisation's members are no longer named (the registry reports
		// only active practitioners), so they get NoConsent.
		run_to(3);
		MockIdentity::set_organisation_active(HOSPITAL, false);
		assert_eq!(decide_read(DOCTOR, 3), Err(DenialReason::NoConsent));
		assert_eq!(decide_read(DOCTOR, 2), Ok(AccessBasis::Consent(id)));
	});
}

#[test]
fn a_device_consent_names_that_device_only() {
	test(|| {
		let id = grant()
			.to(Grantee::Device(DEVICE))
			.scope(categories(&[RecordCategory::VitalSigns]))
			.actions(&[AccessAction::Write])
			.granted();
		let vitals = AccessTarget::Category(RecordCategory::VitalSigns);
		let device = |device, action| {
			decide(Accessor::Device(device), vitals, action, Purpose::Treatment, 1)
		};
		assert_eq!(device(DEVICE, AccessAction::Write), Ok(AccessBasis::Consent(id)));
		assert_eq!(device(OTHER_DEVICE, AccessAction::Write), Err(DenialReason::NoConsent));
		assert_eq!(device(DEVICE, AccessAction::Read), Err(DenialReason::OutOfScope));
	});
}

#[test]
fn an_inactive_practitioner_is_denied_even_with_a_valid_consent() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		run_to(4);
		MockIdentity::set_organisation_active(HOSPITAL, false);
		assert_eq!(decide_read(DOCTOR, 3), Ok(AccessBasis::Consent(id)));
		assert_eq!(decide_read(DOCTOR, 4), Err(DenialReason::AccessorInactive));
		run_to(6);
		MockIdentity::set_organisation_active(HOSPITAL, true);
		assert_eq!(decide_read(DOCTOR, 5), Err(DenialReason::AccessorInactive));
		assert_eq!(decide_read(DOCTOR, 6), Ok(AccessBasis::Consent(id)));
		// An account that is no practitioner at all, named by a consent.
		grant_read_treatment(Grantee::Practitioner(STRANGER));
		assert_eq!(decide_read(STRANGER, 6), Err(DenialReason::AccessorInactive));
	});
}

#[test]
fn the_lowest_allowing_consent_id_is_the_basis() {
	test(|| {
		let narrow = grant().scope(categories(&[RecordCategory::Imaging])).granted();
		let first = grant_read_treatment(Grantee::Organisation(HOSPITAL));
		let second = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		assert!(narrow < first && first < second);
		assert_eq!(decide_read(DOCTOR, 1), Ok(AccessBasis::Consent(first)));
		revoke_by_controller(first);
		assert_eq!(decide_read(DOCTOR, 2), Ok(AccessBasis::Consent(second)));
	});
}

#[test]
fn out_of_scope_takes_precedence_over_expired() {
	test(|| {
		grant().valid_until(3).granted();
		grant().purposes(&[Purpose::Research]).granted();
		run_to(5);
		assert_eq!(decide_read(DOCTOR, 5), Err(DenialReason::OutOfScope));
	});
}

#[test]
fn expired_takes_precedence_over_revoked() {
	test(|| {
		let revoked = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		revoke_by_controller(revoked);
		grant().valid_from(6).granted();
		run_to(3);
		assert_eq!(decide_read(DOCTOR, 3), Err(DenialReason::ConsentExpired));
	});
}

#[test]
fn a_revoked_consent_is_reported_as_revoked_even_outside_its_period() {
	test(|| {
		let id = grant().purposes(&[Purpose::Research]).valid_until(3).granted();
		revoke_by_controller(id);
		run_to(5);
		assert_eq!(decide_read(DOCTOR, 5), Err(DenialReason::ConsentRevoked));
	});
}

#[test]
fn revoked_takes_precedence_over_no_consent_and_inactive_over_everything_of_the_accessor() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		revoke_by_controller(id);
		run_to(3);
		assert_eq!(decide_read(DOCTOR, 3), Err(DenialReason::ConsentRevoked));
		// An inactive accessor: every consent naming it stops at the first check.
		MockIdentity::set_organisation_active(HOSPITAL, false);
		grant().purposes(&[Purpose::Research]).granted();
		assert_eq!(decide_read(DOCTOR, 3), Err(DenialReason::AccessorInactive));
	});
}

#[test]
fn an_emergency_window_allows_its_opener_from_opening_until_expiry() {
	test(|| {
		run_to(3);
		let id = open_window(DOCTOR, 4);
		for action in [AccessAction::Read, AccessAction::Write] {
			for purpose in [Purpose::Emergency, Purpose::Treatment] {
				let any_record = AccessTarget::Category(RecordCategory::ClinicalNotes);
				assert_eq!(
					decide(Accessor::Account(DOCTOR), any_record, action, purpose, 3),
					Ok(AccessBasis::Emergency(id))
				);
			}
		}
		assert_eq!(decide_read(DOCTOR, 2), Err(DenialReason::NoConsent));
		assert_eq!(decide_read(DOCTOR, 6), Ok(AccessBasis::Emergency(id)));
		assert_eq!(decide_read(DOCTOR, 7), Err(DenialReason::NoConsent));
		// Only for the opener.
		assert_eq!(decide_read(RESPONDER, 3), Err(DenialReason::NoConsent));
	});
}

#[test]
fn an_emergency_window_does_not_cover_research_or_operations() {
	test(|| {
		open_window(DOCTOR, 4);
		for purpose in [Purpose::Research, Purpose::Operations] {
			assert_eq!(
				decide(Accessor::Account(DOCTOR), LAB_RESULT, AccessAction::Read, purpose, 1),
				Err(DenialReason::OutOfScope)
			);
		}
		// A consent can still allow what the window does not.
		let id = grant().purposes(&[Purpose::Research]).granted();
		assert_eq!(
			decide(Accessor::Account(DOCTOR), LAB_RESULT, AccessAction::Read, Purpose::Research, 1),
			Ok(AccessBasis::Consent(id))
		);
	});
}

#[test]
fn an_emergency_window_takes_precedence_over_a_consent() {
	test(|| {
		grant_read_treatment(Grantee::Practitioner(DOCTOR));
		let id = open_window(DOCTOR, 4);
		assert_eq!(decide_read(DOCTOR, 1), Ok(AccessBasis::Emergency(id)));
	});
}

#[test]
fn a_window_closed_in_a_block_covers_that_block_and_not_the_next() {
	test(|| {
		let id = open_window(DOCTOR, 9);
		run_to(4);
		assert_ok!(Consent::close_emergency(RuntimeOrigin::signed(CONTROLLER), id));
		assert_eq!(decide_read(DOCTOR, 4), Ok(AccessBasis::Emergency(id)));
		assert_eq!(decide_read(DOCTOR, 5), Err(DenialReason::NoConsent));
		assert_eq!(decide_read(DOCTOR, 2), Ok(AccessBasis::Emergency(id)));
	});
}

#[test]
fn a_window_closed_in_its_opening_block_covers_that_block_only() {
	test(|| {
		run_to(2);
		let id = open_window(DOCTOR, 9);
		assert_ok!(Consent::close_emergency(RuntimeOrigin::signed(DOCTOR), id));
		assert_eq!(decide_read(DOCTOR, 2), Ok(AccessBasis::Emergency(id)));
		assert_eq!(decide_read(DOCTOR, 3), Err(DenialReason::NoConsent));
	});
}

#[test]
fn an_inactive_opener_is_denied_during_its_window() {
	test(|| {
		let id = open_window(DOCTOR, 9);
		run_to(3);
		MockIdentity::set_organisation_active(HOSPITAL, false);
		assert_eq!(decide_read(DOCTOR, 2), Ok(AccessBasis::Emergency(id)));
		assert_eq!(decide_read(DOCTOR, 3), Err(DenialReason::AccessorInactive));
	});
}

#[test]
fn earlier_windows_stay_answerable_after_newer_ones() {
	test(|| {
		let first = open_window(DOCTOR, 3); // [1, 4)
		run_to(6);
		let second = open_window(DOCTOR, 2); // [6, 8)
		run_to(10);
		let third = open_window(DOCTOR, 1); // [10, 11)
		run_to(12);
		assert_eq!(decide_read(DOCTOR, 1), Ok(AccessBasis::Emergency(first)));
		assert_eq!(decide_read(DOCTOR, 3), Ok(AccessBasis::Emergency(first)));
		assert_eq!(decide_read(DOCTOR, 4), Err(DenialReason::NoConsent));
		assert_eq!(decide_read(DOCTOR, 7), Ok(AccessBasis::Emergency(second)));
		assert_eq!(decide_read(DOCTOR, 8), Err(DenialReason::NoConsent));
		assert_eq!(decide_read(DOCTOR, 10), Ok(AccessBasis::Emergency(third)));
		assert_eq!(decide_read(DOCTOR, 11), Err(DenialReason::NoConsent));
	});
}

#[test]
fn the_trait_and_the_runtime_api_function_give_the_same_decision() {
	test(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		run_to(4);
		revoke_by_controller(id);
		run_to(5);
		let via_trait = <Consent as AccessDecision<AccountId, BlockNumber>>::decide(
			&Accessor::Account(DOCTOR),
			&PATIENT,
			LAB_RESULT,
			AccessAction::Read,
			Purpose::Treatment,
			4,
		);
		assert_eq!(via_trait, Ok(AccessBasis::Consent(id)));
		let now = Consent::access_decision(
			Accessor::Account(DOCTOR),
			PATIENT,
			LAB_RESULT,
			AccessAction::Read,
			Purpose::Treatment,
			None,
		);
		assert_eq!(now, Err(DenialReason::ConsentRevoked));
		let at_four = Consent::access_decision(
			Accessor::Account(DOCTOR),
			PATIENT,
			LAB_RESULT,
			AccessAction::Read,
			Purpose::Treatment,
			Some(4),
		);
		assert_eq!(at_four, via_trait);
	});
}

#[test]
fn the_decision_weight_is_the_benchmarked_worst_case_and_reaches_callers() {
	use crate::weights::{SubstrateWeight, WeightInfo};
	let max = MaxConsentsPerPatient::get();
	assert_eq!(Consent::decide_weight(), <() as WeightInfo>::decide(max));
	assert_eq!(
		<Consent as AccessDecision<AccountId, BlockNumber>>::decide_weight(),
		Consent::decide_weight()
	);
	// The generated weight reads, per consent, its index entry and the consent, so the
	// charge grows with the number of consents a patient may hold.
	let (none, all) = (SubstrateWeight::<Test>::decide(0), SubstrateWeight::<Test>::decide(max));
	assert!(all.ref_time() > none.ref_time());
	assert!(all.proof_size() > none.proof_size());
}

#[test]
fn the_decision_weight_for_a_patient_counts_the_consents_it_holds() {
	use crate::weights::WeightInfo;
	new_test_ext().execute_with(|| {
		let read = <Test as frame_system::Config>::DbWeight::get().reads(1);
		let for_patient = |p| <Consent as AccessDecision<AccountId, BlockNumber>>::decide_weight_for(p);
		assert_eq!(for_patient(&PATIENT), <() as WeightInfo>::decide(0) + read);
		ConsentCount::<Test>::insert(PATIENT, 3);
		assert_eq!(for_patient(&PATIENT), <() as WeightInfo>::decide(3) + read);
		assert!(for_patient(&PATIENT).all_lte(Consent::decide_weight()));
		// Never above the worst case, whatever the stored count says.
		ConsentCount::<Test>::insert(PATIENT, u32::MAX);
		assert_eq!(for_patient(&PATIENT), Consent::decide_weight());
	});
}
