//! Benchmarks (FRAME v2) of the validator allowlist.

use super::*;
use crate::pallet::{Approved, ApprovedCount, Pallet as ValidatorAllowlist};
use frame_benchmarking::v2::*;
use frame_support::traits::{EnsureOrigin, Get};
use frame_system::RawOrigin;
use iomt_primitives::ValidatorIntent;

/// Fill the allowlist up to one below its bound, so that `approve` pays for the fullest
/// list it can meet.
fn fill_allowlist<T: Config>() {
	let max = T::MaxApproved::get();
	for i in 0..max.saturating_sub(1) {
		let who: T::AccountId = account("approved", i, 0);
		Approved::<T>::insert(&who, Approval { organisation: 0, approved_at: Default::default() });
	}
	ApprovedCount::<T>::put(max.saturating_sub(1));
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn approve() -> Result<(), BenchmarkError> {
		fill_allowlist::<T>();
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = account("candidate", 0, 0);
		let organisation = T::BenchmarkHelper::active_organisation();

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone(), organisation);

		assert!(Approved::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn revoke() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let who: T::AccountId = account("candidate", 0, 0);
		T::ValidatorIntent::bond_for_benchmarks(&who);
		Approved::<T>::insert(&who, Approval { organisation: 0, approved_at: Default::default() });
		ApprovedCount::<T>::mutate(|n| *n += 1);
		// Worst case: the account is a running candidate and gets chilled.
		ValidatorAllowlist::<T>::validate(
			RawOrigin::Signed(who.clone()).into(),
			Default::default(),
		)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, who.clone());

		assert!(!Approved::<T>::contains_key(&who));
		assert!(!T::ValidatorIntent::is_candidate(&who));
		Ok(())
	}

	#[benchmark]
	fn validate() -> Result<(), BenchmarkError> {
		let who: T::AccountId = account("candidate", 0, 0);
		T::ValidatorIntent::bond_for_benchmarks(&who);
		Approved::<T>::insert(&who, Approval { organisation: 0, approved_at: Default::default() });
		ApprovedCount::<T>::mutate(|n| *n += 1);

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), Default::default());

		assert!(T::ValidatorIntent::is_candidate(&who));
		Ok(())
	}

	impl_benchmark_test_suite!(ValidatorAllowlist, crate::mock::new_test_ext(), crate::mock::Test);
}
