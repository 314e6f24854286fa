//! Tests of the audit pallet: one file per call, the trait implementations other pallets
//! use, the chain verifier and the queries behind the runtime API.

mod audit_log;
mod property;
mod queries;
mod request_access;
mod review;
mod verify;

use crate::{
	mock::*, AccessorLog, AuditEntry, AuditEntryOf, FlaggedLog, PatientHead, PatientLog,
	PatientLogLength, GENESIS_HEAD,
};
use codec::MaxEncodedLen;
use frame_support::assert_ok;
use iomt_primitives::{
	AccessAction, AccessBasis, AccessTarget, Accessor, AuditAction, AuditEntity, AuditOutcome,
	DenialReason, OrganisationId, PatientId, PractitionerRole, Purpose, RecordCategory,
};

/// The last event deposited.
pub fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was deposited").event
}

/// Moves to block `n`, the clock to `START_MS + 6 s` per block.
pub fn run_to(n: BlockNumber) {
	System::set_block_number(n);
	MockTime::set_ms(START_MS + (n - 1) * 6_000);
}

/// The default target: lab result record 5.
pub const TARGET: AccessTarget = AccessTarget::Record(5, RecordCategory::LaboratoryResults);

/// `who` asks to perform `action` on `TARGET` of `patient` for treatment, with the mock
/// decision set to `decision`; returns the new entry's index.
pub fn request(
	who: AccountId,
	patient: PatientId,
	action: AccessAction,
	decision: Result<AccessBasis, DenialReason>,
) -> u64 {
	MockDecision::set(decision);
	let index = PatientLogLength::<Test>::get(patient);
	assert_ok!(Audit::request_access(
		RuntimeOrigin::signed(who),
		patient,
		TARGET,
		action,
		Purpose::Treatment,
		None
	));
	index
}

/// The stored entry `index` of `patient`.
pub fn entry(patient: PatientId, index: u64) -> AuditEntryOf<Test> {
	PatientLog::<Test>::get(patient, index).expect("the entry is stored")
}

/// Every entry of `patient`'s trail, in index order.
pub fn trail(patient: PatientId) -> Vec<AuditEntryOf<Test>> {
	(0..PatientLogLength::<Test>::get(patient)).map(|i| entry(patient, i)).collect()
}

#[test]
fn entry_max_encoded_len_matches_its_fields_and_the_documented_cost() {
	let option = |n: usize| 1 + n;
	let fields = option(AccountId::max_encoded_len().max(32)) // agent
		+ option(OrganisationId::max_encoded_len())
		+ option(PractitionerRole::max_encoded_len())
		+ AuditAction::max_encoded_len()
		+ AuditEntity::max_encoded_len()
		+ option(Purpose::max_encoded_len())
		+ AuditOutcome::max_encoded_len()
		+ BlockNumber::max_encoded_len()
		+ u64::max_encoded_len();
	assert_eq!(AuditEntryOf::<Test>::max_encoded_len(), fields);
	// The figures in the crate documentation (32-byte accounts, u32 blocks).
	assert_eq!(AuditAction::max_encoded_len(), 2);
	assert_eq!(AuditEntity::max_encoded_len(), 9);
	assert_eq!(AuditOutcome::max_encoded_len(), 11);
	assert_eq!(AuditEntry::<sp_runtime::AccountId32, u32>::max_encoded_len(), 76);
}

#[test]
fn try_state_catches_a_corrupted_index_or_trail() {
	let corrupt = |damage: fn()| {
		new_test_ext().execute_with(|| {
			request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Consent(0)));
			request(STRANGER, PATIENT, AccessAction::Read, Err(DenialReason::NoConsent));
			assert_ok!(Audit::do_try_state());
			damage();
			assert!(Audit::do_try_state().is_err());
		})
	};
	// An entry dropped from the accessor index.
	corrupt(|| AccessorLog::<Test>::remove(Accessor::Account(DOCTOR), (PATIENT, 0)));
	// A flag dropped.
	corrupt(|| FlaggedLog::<Test>::remove(PATIENT, 1));
	// An allowed entry flagged.
	corrupt(|| FlaggedLog::<Test>::insert(PATIENT, 0, ()));
	// An accessor index naming a missing entry.
	corrupt(|| AccessorLog::<Test>::insert(Accessor::Account(NURSE), (PATIENT, 7), ()));
	// An entry altered in place.
	corrupt(|| {
		PatientLog::<Test>::mutate(PATIENT, 0, |e| {
			if let Some(e) = e {
				e.timestamp += 1;
			}
		})
	});
	// An entry removed.
	corrupt(|| PatientLog::<Test>::remove(PATIENT, 1));
	// The head overwritten.
	corrupt(|| PatientHead::<Test>::insert(PATIENT, [7u8; 32]));
	// The length shortened (the last entry lies beyond it).
	corrupt(|| PatientLogLength::<Test>::insert(PATIENT, 1));
}

#[test]
fn a_patient_without_entries_has_the_genesis_head() {
	test(|| {
		assert_eq!(Audit::head(UNKNOWN_PATIENT), (GENESIS_HEAD, 0));
		assert!(!PatientHead::<Test>::contains_key(UNKNOWN_PATIENT));
	});
}
