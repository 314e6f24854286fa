//! The trait implementations other pallets call: `AuditLog` and `ConsentEvents` append
//! chained, indexed entries.

use super::*;
use crate::chain_head;
use iomt_primitives::{AuditLog, ConsentEvents};

#[test]
fn audit_log_appends_a_chained_indexed_entry() {
	test(|| {
		run_to(3);
		<Audit as AuditLog<AccountId>>::log(
			&PATIENT,
			&Accessor::Device(DEVICE),
			AuditAction::BatchAnchored,
			AuditEntity::Record(11),
			None,
			AuditOutcome::Allowed(None),
		);
		let expected = AuditEntry {
			agent: Accessor::Device(DEVICE),
			organisation: None,
			role: None,
			action: AuditAction::BatchAnchored,
			entity: AuditEntity::Record(11),
			purpose: None,
			outcome: AuditOutcome::Allowed(None),
			block: 3,
			timestamp: START_MS + 2 * 6_000,
		};
		assert_eq!(entry(PATIENT, 0), expected);
		assert_eq!(Audit::head(PATIENT), (chain_head(&GENESIS_HEAD, &expected), 1));
		assert!(AccessorLog::<Test>::contains_key(Accessor::Device(DEVICE), (PATIENT, 0)));
		assert!(!FlaggedLog::<Test>::contains_key(PATIENT, 0));
		// A practitioner agent gets its organisation and role; a denial is flagged.
		<Audit as AuditLog<AccountId>>::log(
			&PATIENT,
			&Accessor::Account(DOCTOR),
			AuditAction::RecordAmended,
			AuditEntity::Record(12),
			Some(Purpose::Treatment),
			AuditOutcome::Denied(DenialReason::OutOfScope),
		);
		let amended = entry(PATIENT, 1);
		assert_eq!((amended.organisation, amended.role), (Some(HOSPITAL), Some(PractitionerRole::Physician)));
		assert!(FlaggedLog::<Test>::contains_key(PATIENT, 1));
		assert_eq!(Audit::head(PATIENT).1, 2);
	});
}

#[test]
fn consent_events_are_recorded_as_allowed_entries() {
	test(|| {
		<Audit as ConsentEvents<AccountId>>::consent_granted(&PATIENT, &CONTROLLER, 4);
		<Audit as ConsentEvents<AccountId>>::consent_revoked(&PATIENT, &CONTROLLER, 4);
		<Audit as ConsentEvents<AccountId>>::emergency_opened(&PATIENT, &DOCTOR, 2);
		<Audit as ConsentEvents<AccountId>>::emergency_closed(&PATIENT, &CONTROLLER, 2);
		let recorded: Vec<_> = trail(PATIENT)
			.into_iter()
			.map(|e| (e.agent, e.action, e.entity, e.purpose, e.outcome))
			.collect();
		let allowed = AuditOutcome::Allowed(None);
		assert_eq!(
			recorded,
			vec![
				(Accessor::Account(CONTROLLER), AuditAction::ConsentGranted, AuditEntity::Consent(4), None, allowed),
				(Accessor::Account(CONTROLLER), AuditAction::ConsentRevoked, AuditEntity::Consent(4), None, allowed),
				(
					Accessor::Account(DOCTOR),
					AuditAction::EmergencyOpened,
					AuditEntity::Emergency(2),
					Some(Purpose::Emergency),
					allowed
				),
				(Accessor::Account(CONTROLLER), AuditAction::EmergencyClosed, AuditEntity::Emergency(2), None, allowed),
			]
		);
		// Only the break-glass opening is flagged for review.
		let flagged: Vec<u64> = (0..4).filter(|i| FlaggedLog::<Test>::contains_key(PATIENT, i)).collect();
		assert_eq!(flagged, vec![2]);
		assert_eq!(entry(PATIENT, 2).role, Some(PractitionerRole::Physician));
		assert_eq!(Audit::head(PATIENT).1, 4);
	});
}
