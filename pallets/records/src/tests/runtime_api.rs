//! The read functions behind the runtime API: listings, records with version chains, hash
//! checks and proofs of device readings.

use super::*;
use binary_merkle_tree::{merkle_proof, merkle_root};
use codec::Encode;
use frame_support::assert_ok;
use iomt_primitives::{AccessBasis, Accessor};
use sp_runtime::traits::BlakeTwo256;

/// Five readings `(timestamp ms, heart rate)`, SCALE-encoded: the leaves of a batch.
fn readings() -> Vec<Vec<u8>> {
	(0u64..5).map(|i| (1_000 + i * 100, 60u16 + i as u16).encode()).collect()
}

fn root_of(leaves: &[Vec<u8>]) -> [u8; 32] {
	merkle_root::<BlakeTwo256, _>(leaves).0
}

fn proof_of(leaves: &[Vec<u8>], index: u32) -> Vec<[u8; 32]> {
	merkle_proof::<BlakeTwo256, _, _>(leaves.to_vec(), index)
		.proof
		.into_iter()
		.map(|h| h.0)
		.collect()
}

/// Anchors the batch of `readings()` about `PATIENT` as record 0.
fn anchor_readings() -> Vec<Vec<u8>> {
	let leaves = readings();
	MockDecision::set(Accessor::Device(DEVICE), PATIENT, Ok(AccessBasis::Consent(2)));
	assert_ok!(relay(DOCTOR, PATIENT, DEVICE, root_of(&leaves), leaves.len() as u32));
	leaves
}

#[test]
fn the_tree_format_is_the_documented_one() {
	let leaves: Vec<Vec<u8>> = vec![vec![1], vec![2], vec![3]];
	let h = |b: &[u8]| sp_io::hashing::blake2_256(b);
	let pair = |a: [u8; 32], b: [u8; 32]| h(&[a, b].concat());
	// Odd last node promoted unchanged.
	let expected = pair(pair(h(&[1]), h(&[2])), h(&[3]));
	assert_eq!(root_of(&leaves), expected);
	assert_eq!(root_of(&leaves[..1]), h(&[1]));
}

#[test]
fn every_reading_of_a_batch_is_proven() {
	test(|| {
		let leaves = anchor_readings();
		for (i, leaf) in leaves.iter().enumerate() {
			let proof = proof_of(&leaves, i as u32);
			assert!(Records::verify_reading(0, leaf.clone(), proof, i as u32, 5), "leaf {i}");
		}
	});
}

#[test]
fn a_tampered_reading_or_proof_is_refused() {
	test(|| {
		let leaves = anchor_readings();
		let proof = proof_of(&leaves, 2);
		let mut tampered = leaves[2].clone();
		tampered[0] ^= 1;
		assert!(!Records::verify_reading(0, tampered, proof.clone(), 2, 5));
		// Another reading at this index, a wrong index, a wrong leaf count.
		assert!(!Records::verify_reading(0, leaves[3].clone(), proof.clone(), 2, 5));
		assert!(!Records::verify_reading(0, leaves[2].clone(), proof.clone(), 3, 5));
		assert!(!Records::verify_reading(0, leaves[2].clone(), proof.clone(), 2, 6));
		assert!(!Records::verify_reading(0, leaves[2].clone(), proof.clone(), 5, 5));
		let mut bad_proof = proof.clone();
		bad_proof[0][0] ^= 1;
		assert!(!Records::verify_reading(0, leaves[2].clone(), bad_proof, 2, 5));
		// No such batch; a document is no batch.
		assert!(!Records::verify_reading(1, leaves[2].clone(), proof.clone(), 2, 5));
		assert_ok!(anchor_as(CONTROLLER, PATIENT, RecordCategory::Imaging, [1; 32]));
		assert!(!Records::verify_reading(1, leaves[2].clone(), proof, 2, 5));
	});
}

#[test]
fn verify_hash_matches_only_the_anchored_document_hash() {
	test(|| {
		assert_ok!(anchor_as(CONTROLLER, PATIENT, RecordCategory::Imaging, [1; 32]));
		assert!(Records::verify_hash(0, [1; 32]));
		assert!(!Records::verify_hash(0, [2; 32]));
		assert!(!Records::verify_hash(9, [1; 32]));
		// A batch root is no document hash.
		MockDecision::set(Accessor::Device(DEVICE), PATIENT, Ok(AccessBasis::Consent(2)));
		assert_ok!(relay(DOCTOR, PATIENT, DEVICE, [7; 32], 3));
		assert!(!Records::verify_hash(1, [7; 32]));
	});
}

#[test]
fn a_record_comes_with_its_version_chain() {
	test(|| {
		assert_ok!(anchor_as(CONTROLLER, PATIENT, RecordCategory::Imaging, [1; 32]));
		assert_ok!(amend_as(CONTROLLER, 0, [2; 32]));
		assert_ok!(amend_as(CONTROLLER, 1, [3; 32]));
		for id in 0..3 {
			let (record, chain) = Records::record_with_versions(id).expect("stored");
			assert_eq!(record.version as u64, id + 1);
			assert_eq!(chain, vec![0, 1, 2]);
		}
		assert_eq!(Records::record_with_versions(3), None);
		assert!(Records::version_chain(3).is_empty());
	});
}

#[test]
fn records_of_lists_a_patients_records_by_category_and_page() {
	test(|| {
		for i in 0..4u8 {
			let category =
				if i % 2 == 0 { RecordCategory::Imaging } else { RecordCategory::Diagnoses };
			assert_ok!(anchor_as(CONTROLLER, PATIENT, category, [i; 32]));
		}
		assert_ok!(anchor_as(OTHER_CONTROLLER, OTHER_PATIENT, RecordCategory::Imaging, [9; 32]));

		let all: Vec<RecordId> =
			Records::records_of(PATIENT, None, None, 10).into_iter().map(|(id, _)| id).collect();
		let mut sorted = all.clone();
		sorted.sort();
		assert_eq!(sorted, vec![0, 1, 2, 3]);

		let mut imaging: Vec<RecordId> =
			Records::records_of(PATIENT, Some(RecordCategory::Imaging), None, 10)
				.into_iter()
				.map(|(id, _)| id)
				.collect();
		imaging.sort();
		assert_eq!(imaging, vec![0, 2]);

		// Two pages of two, in storage order, cover everything once.
		let first: Vec<RecordId> =
			Records::records_of(PATIENT, None, None, 2).into_iter().map(|(id, _)| id).collect();
		assert_eq!(first, all[..2].to_vec());
		let second: Vec<RecordId> = Records::records_of(PATIENT, None, Some(first[1]), 2)
			.into_iter()
			.map(|(id, _)| id)
			.collect();
		assert_eq!(second, all[2..].to_vec());
		assert!(Records::records_of(UNKNOWN_PATIENT, None, None, 10).is_empty());
		assert!(Records::records_of(PATIENT, None, None, 0).is_empty());
	});
}
