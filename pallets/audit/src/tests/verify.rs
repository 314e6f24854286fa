//! The off-chain verifier: an intact trail verifies; a removed, altered or reordered entry
//! does not.

use super::*;
use crate::{chain_head, verify_chain, VerifyError};
use codec::Encode;

/// Four entries of `PATIENT` in blocks 1, 2, 2, 3, with their head.
fn recorded_trail() -> (Vec<AuditEntryOf<Test>>, [u8; 32]) {
	test(|| {
		request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Consent(0)));
		run_to(2);
		request(NURSE, PATIENT, AccessAction::Write, Err(DenialReason::OutOfScope));
		request(DOCTOR, PATIENT, AccessAction::Read, Ok(AccessBasis::Emergency(1)));
		run_to(3);
		request(CONTROLLER, PATIENT, AccessAction::Read, Ok(AccessBasis::PatientController));
		(trail(PATIENT), Audit::head(PATIENT).0)
	})
}

#[test]
fn an_intact_trail_verifies_against_the_chain_head() {
	let (entries, head) = recorded_trail();
	assert_eq!(entries.len(), 4);
	assert_eq!(verify_chain(&entries, head), Ok(()));
	let by_hand = entries.iter().fold(GENESIS_HEAD, |h, e| chain_head(&h, e));
	assert_eq!(by_hand, head);
	// The documented formula: blake2_256(previous head ++ SCALE(entry)).
	let first = sp_io::hashing::blake2_256(&[&GENESIS_HEAD[..], &entries[0].encode()].concat());
	assert_eq!(chain_head(&GENESIS_HEAD, &entries[0]), first);
}

#[test]
fn an_empty_trail_verifies_only_against_the_genesis_head() {
	let none: Vec<AuditEntryOf<Test>> = Vec::new();
	assert_eq!(verify_chain(&none, GENESIS_HEAD), Ok(()));
	let (_, head) = recorded_trail();
	assert_eq!(verify_chain(&none, head), Err(VerifyError::HeadMismatch { computed: GENESIS_HEAD }));
}

#[test]
fn a_removed_entry_is_detected() {
	let (entries, head) = recorded_trail();
	for removed in 0..entries.len() {
		let mut tampered = entries.clone();
		tampered.remove(removed);
		assert!(
			matches!(verify_chain(&tampered, head), Err(VerifyError::HeadMismatch { .. })),
			"removing entry {removed} goes unnoticed"
		);
	}
}

#[test]
fn an_altered_entry_is_detected() {
	let (entries, head) = recorded_trail();
	let mut denied_made_allowed = entries.clone();
	denied_made_allowed[1].outcome = AuditOutcome::Allowed(Some(AccessBasis::Consent(0)));
	assert!(matches!(
		verify_chain(&denied_made_allowed, head),
		Err(VerifyError::HeadMismatch { .. })
	));
	let mut other_agent = entries.clone();
	other_agent[3].agent = Accessor::Account(STRANGER);
	assert!(matches!(verify_chain(&other_agent, head), Err(VerifyError::HeadMismatch { .. })));
	let mut retimed = entries;
	retimed[0].timestamp += 1;
	assert!(matches!(verify_chain(&retimed, head), Err(VerifyError::HeadMismatch { .. })));
}

#[test]
fn a_reordered_entry_is_detected() {
	let (entries, head) = recorded_trail();
	// Two entries of the same block swapped: only the head tells.
	let mut same_block = entries.clone();
	same_block.swap(1, 2);
	assert!(matches!(verify_chain(&same_block, head), Err(VerifyError::HeadMismatch { .. })));
	// Entries of different blocks swapped: the block order tells first.
	let mut across_blocks = entries;
	across_blocks.swap(0, 3);
	assert_eq!(verify_chain(&across_blocks, head), Err(VerifyError::OutOfOrder { index: 1 }));
}
