//! What writes are charged: the access decision's worst case is part of every call that
//! may ask it up front; afterwards only the decision about that patient counts, and none
//! when the signer is the patient's controller (not asked).

use super::*;
use crate::{weights::WeightInfo, Call};
use frame_support::{dispatch::GetDispatchInfo, traits::UnfilteredDispatchable};
use iomt_primitives::{AccessBasis, Accessor};

fn anchor_call(hash: [u8; 32]) -> Call<Test> {
	Call::anchor {
		patient: PATIENT,
		category: RecordCategory::Imaging,
		hash,
		algorithm: HashAlgorithm::Sha2_256,
		locator: good_locator(),
		size: 4096,
		encryption: EncryptionScheme::Aes256Gcm,
	}
}

fn amend_call(old_record: RecordId, hash: [u8; 32]) -> Call<Test> {
	Call::amend {
		old_record,
		hash,
		algorithm: HashAlgorithm::Sha2_256,
		locator: good_locator(),
		size: 4096,
		encryption: EncryptionScheme::Aes256Gcm,
	}
}

/// `DEVICE`'s signed batch of one reading about `PATIENT`.
fn batch_call() -> Call<Test> {
	Call::anchor_batch {
		patient: PATIENT,
		device: DEVICE,
		merkle_root: [1; 32],
		count: 1,
		from_ms: 0,
		until_ms: 0,
		signature: batch_signature(&DEVICE, &DEVICE, &PATIENT, &[1; 32], 1, 0, 0),
	}
}

#[test]
fn writes_are_charged_the_worst_case_access_decision() {
	test(|| {
		let anchor = <() as WeightInfo>::anchor();
		let amend = <() as WeightInfo>::amend();
		let batch = <() as WeightInfo>::anchor_batch();
		assert_eq!(anchor_call([1; 32]).get_dispatch_info().call_weight, anchor + DECIDE_WEIGHT);
		assert_eq!(amend_call(0, [1; 32]).get_dispatch_info().call_weight, amend + DECIDE_WEIGHT);
		assert_eq!(batch_call().get_dispatch_info().call_weight, batch + DECIDE_WEIGHT);
	});
}

#[test]
fn the_controller_is_refunded_the_decision_it_did_not_need() {
	test(|| {
		let origin = RuntimeOrigin::signed(CONTROLLER);
		let post = anchor_call([1; 32]).dispatch_bypass_filter(origin.clone()).expect("anchored");
		assert_eq!(post.actual_weight, Some(<() as WeightInfo>::anchor()));
		let post = amend_call(0, [2; 32]).dispatch_bypass_filter(origin).expect("amended");
		assert_eq!(post.actual_weight, Some(<() as WeightInfo>::amend()));
		assert!(MockDecision::questions().is_empty());
	});
}

#[test]
fn a_practitioner_pays_for_the_decision_about_that_patient() {
	test(|| {
		MockDecision::set(Accessor::Account(DOCTOR), PATIENT, Ok(AccessBasis::Consent(5)));
		let origin = RuntimeOrigin::signed(DOCTOR);
		let post = anchor_call([1; 32]).dispatch_bypass_filter(origin.clone()).expect("anchored");
		assert_eq!(post.actual_weight, Some(<() as WeightInfo>::anchor() + DECIDE_WEIGHT_FOR));
		let post = amend_call(0, [2; 32]).dispatch_bypass_filter(origin).expect("amended");
		assert_eq!(post.actual_weight, Some(<() as WeightInfo>::amend() + DECIDE_WEIGHT_FOR));
		assert_eq!(MockDecision::questions().len(), 2);
	});
}

#[test]
fn a_relayed_batch_pays_for_the_decision_about_that_patient() {
	test(|| {
		MockDecision::set(Accessor::Device(DEVICE), PATIENT, Ok(AccessBasis::Consent(1)));
		let post = batch_call().dispatch_bypass_filter(RuntimeOrigin::signed(DOCTOR)).expect("anchored");
		assert_eq!(
			post.actual_weight,
			Some(<() as WeightInfo>::anchor_batch() + DECIDE_WEIGHT_FOR)
		);
	});
}
