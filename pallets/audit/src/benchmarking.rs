//! Benchmarks (FRAME v2) of the audit pallet, each in its worst case.

use super::*;
use crate::pallet::{FlaggedLog, Pallet as AuditPallet, PatientLogLength};
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use crate::pallet::ReviewLog;
use iomt_primitives::{
	AccessAction, AccessTarget, Accessor, AuditAction, AuditEntity, AuditOutcome, DenialReason,
	PatientId, Purpose, RecordCategory, ReviewFinding,
};

/// A pseudonym no runtime registers: the decision denies it, so the entry is also flagged
/// (the most writes).
const PATIENT: PatientId = [0xA0; 32];

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A denied request of a signer that must present a second factor (verified, its nonce
	/// consumed) on a trail that already has an entry (its length and head are read and
	/// overwritten), writing the entry and both indexes. The decision's own worst case is
	/// `AccessDecision::decide_weight`, which the call's weight adds to this.
	#[benchmark]
	fn request_access() {
		let caller: T::AccountId = whitelisted_caller();
		let target = AccessTarget::Record(0, RecordCategory::LaboratoryResults);
		let payload = AuditPallet::<T>::access_request_payload(
			&PATIENT,
			&target,
			AccessAction::Read,
			Purpose::Treatment,
		);
		let proof = T::BenchmarkHelper::second_factor(&caller, &payload);
		AuditPallet::<T>::append(
			&PATIENT,
			Accessor::Account(caller.clone()),
			AuditAction::ConsentGranted,
			AuditEntity::Consent(0),
			None,
			AuditOutcome::Allowed(None),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller), PATIENT, target, AccessAction::Read, Purpose::Treatment, proof);

		assert_eq!(PatientLogLength::<T>::get(PATIENT), 2);
		assert!(FlaggedLog::<T>::contains_key(PATIENT, 1));
		// The second factor passed: the denial is the decision's, not the proof's.
		let entry = crate::pallet::PatientLog::<T>::get(PATIENT, 1);
		assert!(entry.is_some_and(|e| e.outcome != AuditOutcome::Denied(
			iomt_primitives::DenialReason::SecondFactorFailed
		)));
	}

	/// An auditor of a regulator reviews a denied attempt by a practitioner of another
	/// organisation: the admin check for that organisation fails first, then the auditor's
	/// own practitioner record is read (both lookups), and the review entry is appended.
	#[benchmark]
	fn review() {
		let admin: T::AccountId = account("admin", 0, 0);
		let practitioner: T::AccountId = account("practitioner", 0, 0);
		let auditor: T::AccountId = account("auditor", 0, 0);
		T::BenchmarkHelper::organisation_with_practitioner(&admin, &practitioner);
		T::BenchmarkHelper::auditor(&auditor);
		let index = AuditPallet::<T>::append(
			&PATIENT,
			Accessor::Account(practitioner),
			AuditAction::AccessRequest(AccessAction::Read),
			AuditEntity::Record(0),
			Some(Purpose::Treatment),
			AuditOutcome::Denied(DenialReason::NoConsent),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(auditor), PATIENT, index, ReviewFinding::Unjustified);

		assert_eq!(ReviewLog::<T>::get(PATIENT, index), Some(index + 1));
	}

	impl_benchmark_test_suite!(AuditPallet, crate::mock::new_test_ext(), crate::mock::Test);
}
