//! `review`: who may review which flagged entry, what is recorded, and every refusal.

use super::*;
use crate::{chain_head, verify_chain, Error, Event, ReviewLog};
use frame_support::assert_noop;
use iomt_primitives::ReviewFinding;
use sp_runtime::DispatchError;

/// An auditor at a regulator.
const AUDITOR: AccountId = 30;
const REGULATOR: OrganisationId = 7;
/// An admin of `HOSPITAL` (its privacy officer), not a practitioner.
const HOSPITAL_ADMIN: AccountId = 31;

/// `AUDITOR` at `REGULATOR`, `HOSPITAL_ADMIN` admin of `HOSPITAL`; a flagged entry 0 (a
/// denied attempt by `DOCTOR` of `HOSPITAL`) and an unflagged entry 1 (an allowed one).
fn set_up() -> (u64, u64) {
	MockIdentity::set_regulator(REGULATOR);
	MockIdentity::set_practitioner(AUDITOR, REGULATOR, PractitionerRole::Auditor);
	MockIdentity::set_admin(HOSPITAL_ADMIN, HOSPITAL);
	let flagged = request(DOCTOR, PATIENT, AccessAction::Read, Err(DenialReason::NoConsent));
	let allowed = request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Consent(1)));
	(flagged, allowed)
}

fn review(who: AccountId, index: u64, finding: ReviewFinding) -> sp_runtime::DispatchResult {
	Audit::review(RuntimeOrigin::signed(who), PATIENT, index, finding)
}

#[test]
fn an_auditor_reviews_a_flagged_entry_and_the_review_is_chained_in_the_trail() {
	test(|| {
		let (flagged, _) = set_up();
		run_to(3);
		assert_ok!(review(AUDITOR, flagged, ReviewFinding::Unjustified));

		let review_index = 2;
		let expected = AuditEntry {
			agent: Accessor::Account(AUDITOR),
			organisation: Some(REGULATOR),
			role: Some(PractitionerRole::Auditor),
			action: AuditAction::Reviewed(ReviewFinding::Unjustified),
			entity: AuditEntity::Entry(flagged),
			purpose: Some(Purpose::Operations),
			outcome: AuditOutcome::Allowed(None),
			block: 3,
			timestamp: START_MS + 2 * 6_000,
		};
		assert_eq!(entry(PATIENT, review_index), expected);
		assert_eq!(ReviewLog::<Test>::get(PATIENT, flagged), Some(review_index));
		assert_eq!(Audit::review_of(PATIENT, flagged), Some((review_index, expected.clone())));
		// The review is not itself flagged, and it moves the head like any entry.
		assert!(!FlaggedLog::<Test>::contains_key(PATIENT, review_index));
		let trail: Vec<_> =
			Audit::patient_trail(PATIENT, 0, 10, None).into_iter().map(|(_, e)| e).collect();
		assert_eq!(trail.len(), 3);
		assert_eq!(verify_chain(&trail, Audit::head(PATIENT).0), Ok(()));
		let before = chain_head(&chain_head(&GENESIS_HEAD, &trail[0]), &trail[1]);
		assert_eq!(Audit::head(PATIENT), (chain_head(&before, &expected), 3));
		assert_eq!(
			last_event(),
			RuntimeEvent::Audit(Event::EntryReviewed {
				patient: PATIENT,
				index: flagged,
				reviewer: AUDITOR,
				finding: ReviewFinding::Unjustified,
				review_index,
			})
		);
	});
}

#[test]
fn an_admin_of_the_organisation_on_the_entry_reviews_it() {
	test(|| {
		let (flagged, _) = set_up();
		assert_ok!(review(HOSPITAL_ADMIN, flagged, ReviewFinding::Justified));
		let (_, recorded) = Audit::review_of(PATIENT, flagged).expect("reviewed");
		assert_eq!(recorded.agent, Accessor::Account(HOSPITAL_ADMIN));
		assert_eq!(recorded.action, AuditAction::Reviewed(ReviewFinding::Justified));
		// Not a practitioner: no organisation or role of its own on the entry.
		assert_eq!((recorded.organisation, recorded.role), (None, None));
	});
}

#[test]
fn unreviewed_lists_flagged_entries_until_they_are_reviewed() {
	test(|| {
		let (flagged, _) = set_up();
		let emergency = request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Emergency(2)));
		// Storage order (hashed keys): compare sorted.
		let pending = || -> Vec<u64> {
			let mut indexes: Vec<u64> =
				Audit::unreviewed(PATIENT, None, 10).into_iter().map(|(i, _)| i).collect();
			indexes.sort();
			indexes
		};
		assert_eq!(pending(), vec![flagged, emergency]);
		assert_eq!(Audit::unreviewed(PATIENT, None, 1).len(), 1, "pages are limited");
		assert_ok!(review(AUDITOR, emergency, ReviewFinding::Escalated));
		assert_eq!(pending(), vec![flagged]);
		// The flagged list itself keeps both: it is the history, `unreviewed` the to-do.
		assert_eq!(Audit::flagged(PATIENT, None, 10).len(), 2);
		assert_eq!(Audit::review_of(PATIENT, flagged), None);
	});
}

#[test]
fn review_errors_change_nothing() {
	test(|| {
		let (flagged, allowed) = set_up();
		assert_noop!(review(AUDITOR, 99, ReviewFinding::Justified), Error::<Test>::UnknownEntry);
		assert_noop!(
			Audit::review(RuntimeOrigin::signed(AUDITOR), UNKNOWN_PATIENT, 0, ReviewFinding::Justified),
			Error::<Test>::UnknownEntry
		);
		assert_noop!(review(AUDITOR, allowed, ReviewFinding::Justified), Error::<Test>::NotFlagged);
		assert_ok!(review(AUDITOR, flagged, ReviewFinding::Justified));
		assert_noop!(
			review(HOSPITAL_ADMIN, flagged, ReviewFinding::Unjustified),
			Error::<Test>::AlreadyReviewed
		);
	});
}

#[test]
fn only_auditors_of_regulators_and_admins_of_the_entrys_organisation_review() {
	test(|| {
		let (flagged, _) = set_up();
		// An auditor role at a care provider, a physician, an admin of another
		// organisation, a stranger: all refused.
		MockIdentity::set_practitioner(40, CLINIC, PractitionerRole::Auditor);
		MockIdentity::set_admin(41, CLINIC);
		for who in [40, DOCTOR, NURSE, 41, STRANGER] {
			assert_noop!(review(who, flagged, ReviewFinding::Justified), Error::<Test>::NotAReviewer);
		}
		// An auditor who left the regulator.
		MockIdentity::remove_practitioner(AUDITOR);
		assert_noop!(review(AUDITOR, flagged, ReviewFinding::Justified), Error::<Test>::NotAReviewer);
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				Audit::review(origin, PATIENT, flagged, ReviewFinding::Justified),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn try_state_catches_a_review_of_an_unflagged_entry() {
	test(|| {
		let (flagged, allowed) = set_up();
		assert_ok!(review(AUDITOR, flagged, ReviewFinding::Justified));
		assert_ok!(Audit::do_try_state());
		ReviewLog::<Test>::insert(PATIENT, allowed, 2);
		assert!(Audit::do_try_state().is_err());
		ReviewLog::<Test>::remove(PATIENT, allowed);
		// ...or one that points at an entry that is not its review.
		ReviewLog::<Test>::insert(PATIENT, flagged, allowed);
		assert!(Audit::do_try_state().is_err());
		ReviewLog::<Test>::insert(PATIENT, flagged, 2);
	});
}
