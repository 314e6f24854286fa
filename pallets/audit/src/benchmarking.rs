//! Benchmarks (FRAME v2) of the audit pallet, each in its worst case.

use super::*;
use crate::pallet::{FlaggedLog, Pallet as AuditPallet, PatientLogLength};
use frame_benchmarking::v2::*;
use frame_system::RawOrigin;
use iomt_primitives::{
	AccessAction, AccessTarget, Accessor, AuditAction, AuditEntity, AuditOutcome, PatientId,
	Purpose, RecordCategory,
};

/// A pseudonym no runtime registers: the decision denies it, so the entry is also flagged
/// (the most writes).
const PATIENT: PatientId = [0xA0; 32];

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A denied request on a trail that already has an entry (its length and head are read
	/// and overwritten), writing the entry and both indexes.
	#[benchmark]
	fn request_access() {
		let caller: T::AccountId = whitelisted_caller();
		AuditPallet::<T>::append(
			&PATIENT,
			Accessor::Account(caller.clone()),
			AuditAction::ConsentGranted,
			AuditEntity::Consent(0),
			None,
			AuditOutcome::Allowed(None),
		);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(caller),
			PATIENT,
			AccessTarget::Record(0, RecordCategory::LaboratoryResults),
			AccessAction::Read,
			Purpose::Treatment,
		);

		assert_eq!(PatientLogLength::<T>::get(PATIENT), 2);
		assert!(FlaggedLog::<T>::contains_key(PATIENT, 1));
	}

	impl_benchmark_test_suite!(AuditPallet, crate::mock::new_test_ext(), crate::mock::Test);
}
