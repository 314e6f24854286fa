//! The query functions behind the runtime API: trails, accessor histories, disclosures,
//! flagged entries and heads, their pages and their cap.

use super::*;
use crate::MAX_PAGE_SIZE;
use iomt_primitives::ConsentEvents;
use std::collections::BTreeSet;

#[test]
fn patient_trail_pages_in_index_order_and_filters_by_block() {
	test(|| {
		for block in 1..=4 {
			run_to(block);
			request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Consent(0)));
			request(NURSE, PATIENT, AccessAction::Write, Err(DenialReason::NoConsent));
		}
		request(DOCTOR, OTHER_PATIENT, AccessAction::Read, Ok(AccessBasis::Consent(1)));
		let indexes = |page: Vec<(u64, AuditEntryOf<Test>)>| -> Vec<u64> {
			page.into_iter().map(|(i, _)| i).collect()
		};
		assert_eq!(indexes(Audit::patient_trail(PATIENT, 0, 3, None)), vec![0, 1, 2]);
		assert_eq!(indexes(Audit::patient_trail(PATIENT, 3, 3, None)), vec![3, 4, 5]);
		assert_eq!(indexes(Audit::patient_trail(PATIENT, 6, 3, None)), vec![6, 7]);
		assert!(Audit::patient_trail(PATIENT, 8, 3, None).is_empty());
		for (index, e) in Audit::patient_trail(PATIENT, 0, 100, None) {
			assert_eq!(e, entry(PATIENT, index));
		}
		// Blocks 2..=3 are entries 2..=5.
		assert_eq!(indexes(Audit::patient_trail(PATIENT, 0, 100, Some((2, 3)))), vec![2, 3, 4, 5]);
		assert_eq!(indexes(Audit::patient_trail(PATIENT, 3, 100, Some((2, 3)))), vec![3, 4, 5]);
		assert_eq!(indexes(Audit::patient_trail(PATIENT, 0, 1, Some((4, 9)))), vec![6]);
		assert!(Audit::patient_trail(PATIENT, 0, 100, Some((5, 9))).is_empty());
		assert!(Audit::patient_trail(UNKNOWN_PATIENT, 0, 100, None).is_empty());
	});
}

#[test]
fn pages_are_capped_at_max_page_size() {
	test(|| {
		let total = u64::from(MAX_PAGE_SIZE) + 5;
		for _ in 0..total {
			request(DOCTOR, PATIENT, AccessAction::Read, Err(DenialReason::NoConsent));
		}
		let cap = MAX_PAGE_SIZE as usize;
		assert_eq!(Audit::patient_trail(PATIENT, 0, u32::MAX, None).len(), cap);
		assert_eq!(Audit::accessor_history(Accessor::Account(DOCTOR), None, u32::MAX).len(), cap);
		assert_eq!(Audit::flagged(PATIENT, None, u32::MAX).len(), cap);
		assert_eq!(Audit::head(PATIENT).1, total);
	});
	test(|| {
		for _ in 0..u64::from(MAX_PAGE_SIZE) + 5 {
			request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Consent(0)));
		}
		assert_eq!(Audit::disclosures(PATIENT, 0, u32::MAX).len(), MAX_PAGE_SIZE as usize);
	});
}

#[test]
fn accessor_history_pages_through_that_accessors_entries_across_patients() {
	test(|| {
		let mut doctors = BTreeSet::new();
		for _ in 0..3 {
			doctors.insert((PATIENT, request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Consent(0)))));
			request(NURSE, PATIENT, AccessAction::Read, Err(DenialReason::NoConsent));
		}
		doctors.insert((OTHER_PATIENT, request(DOCTOR, OTHER_PATIENT, AccessAction::Write, Err(DenialReason::OutOfScope))));
		<Audit as ConsentEvents<AccountId>>::emergency_opened(&OTHER_PATIENT, &DOCTOR, 0);
		doctors.insert((OTHER_PATIENT, 1));

		let mut listed = Vec::new();
		let mut after = None;
		loop {
			let page = Audit::accessor_history(Accessor::Account(DOCTOR), after, 2);
			assert!(page.len() <= 2);
			let Some((patient, index, _)) = page.last().cloned() else { break };
			listed.extend(page);
			after = Some((patient, index));
		}
		let keys: Vec<_> = listed.iter().map(|(p, i, _)| (*p, *i)).collect();
		assert_eq!(keys.len(), doctors.len(), "no entry is listed twice");
		assert_eq!(keys.into_iter().collect::<BTreeSet<_>>(), doctors);
		for (patient, index, e) in listed {
			assert_eq!(e, entry(patient, index));
			assert_eq!(e.agent, Accessor::Account(DOCTOR));
		}
		assert!(Audit::accessor_history(Accessor::Device(DEVICE), None, 10).is_empty());
	});
}

#[test]
fn disclosures_are_the_allowed_reads_since_a_block() {
	test(|| {
		request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Consent(0))); // 0: block 1
		run_to(2);
		request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Consent(0))); // 1
		request(STRANGER, PATIENT, AccessAction::Read, Err(DenialReason::NoConsent)); // 2: denied
		request(DOCTOR, PATIENT, AccessAction::Write, Ok(AccessBasis::Consent(0))); // 3: write
		<Audit as ConsentEvents<AccountId>>::consent_granted(&PATIENT, &CONTROLLER, 1); // 4
		run_to(3);
		request(NURSE, PATIENT, AccessAction::Read, Ok(AccessBasis::Emergency(0))); // 5
		request(DOCTOR, OTHER_PATIENT, AccessAction::Read, Ok(AccessBasis::Consent(2)));
		let indexes = |since, limit| -> Vec<u64> {
			Audit::disclosures(PATIENT, since, limit).into_iter().map(|(i, _)| i).collect()
		};
		assert_eq!(indexes(0, 100), vec![0, 1, 5]);
		assert_eq!(indexes(2, 100), vec![1, 5]);
		assert_eq!(indexes(2, 1), vec![1]);
		assert_eq!(indexes(3, 100), vec![5]);
		assert!(indexes(4, 100).is_empty());
		for (index, e) in Audit::disclosures(PATIENT, 0, 100) {
			assert_eq!(e, entry(PATIENT, index));
		}
	});
}

#[test]
fn flagged_lists_denied_and_emergency_entries_only() {
	test(|| {
		request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Consent(0))); // 0
		request(STRANGER, PATIENT, AccessAction::Read, Err(DenialReason::NoConsent)); // 1
		request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Emergency(3))); // 2
		request(CONTROLLER, PATIENT, AccessAction::Read, Ok(AccessBasis::PatientController)); // 3
		request(NURSE, PATIENT, AccessAction::Write, Err(DenialReason::ConsentRevoked)); // 4
		request(STRANGER, OTHER_PATIENT, AccessAction::Read, Err(DenialReason::NoConsent));
		let mut listed = BTreeSet::new();
		let mut after = None;
		loop {
			let page = Audit::flagged(PATIENT, after, 1);
			let Some((index, e)) = page.last().cloned() else { break };
			assert_eq!(e, entry(PATIENT, index));
			assert!(listed.insert(index), "no entry is listed twice");
			after = Some(index);
		}
		assert_eq!(listed, BTreeSet::from([1, 2, 4]));
	});
}

#[test]
fn head_reports_the_chain_head_and_length() {
	test(|| {
		request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Consent(0)));
		request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Consent(0)));
		let (head, length) = Audit::head(PATIENT);
		assert_eq!(length, 2);
		assert_eq!(head, PatientHead::<Test>::get(PATIENT));
		assert_ne!(head, GENESIS_HEAD);
		assert_eq!(crate::verify_chain(&trail(PATIENT), head), Ok(()));
	});
}
