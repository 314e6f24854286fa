//! Benchmarks (FRAME v2) of the pseudonyms pallet, each call in its worst case: full guardian
//! lists, full approval lists, and accounts one pseudonym below their cap.

use super::*;
use crate::pallet::{ControlledCount, GuardiansOf, Recoveries};
use alloc::vec::Vec;
use frame_benchmarking::v2::*;
use frame_support::traits::{
	fungible::{Inspect, Mutate},
	Get,
};
use frame_system::RawOrigin;
use iomt_primitives::PatientId;
use sp_runtime::traits::Saturating;

/// A distinct, non-zero pseudonym per `n`.
fn id(n: u32) -> PatientId {
	let mut id = [0xab; 32];
	id[..4].copy_from_slice(&n.to_le_bytes());
	id
}

/// An account able to pay many deposits.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let amount = T::Currency::minimum_balance()
		.saturating_add(T::PseudonymDeposit::get().saturating_mul(100u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

/// Make `who` control one pseudonym less than its cap (ids from `first` on).
fn fill_up_to_cap<T: Config>(who: &T::AccountId, first: u32) -> Result<(), BenchmarkError> {
	let cap = T::MaxPseudonymsPerAccount::get();
	for n in 0..cap.saturating_sub(1) {
		Pallet::<T>::register(RawOrigin::Signed(who.clone()).into(), id(first + n))?;
	}
	Ok(())
}

/// `MaxGuardians` accounts named `name`, as a bounded list.
fn guardian_list<T: Config>(name: &'static str) -> Result<GuardiansOf<T>, BenchmarkError> {
	(0..T::MaxGuardians::get())
		.map(|i| account::<T::AccountId>(name, i, 0))
		.collect::<Vec<_>>()
		.try_into()
		.map_err(|_| BenchmarkError::Stop("more guardians than MaxGuardians"))
}

/// Register `patient` for `controller` with `MaxGuardians` guardians and the highest
/// threshold; the guardians, sorted.
fn guarded<T: Config>(
	controller: &T::AccountId,
	patient: PatientId,
) -> Result<Vec<T::AccountId>, BenchmarkError> {
	Pallet::<T>::register(RawOrigin::Signed(controller.clone()).into(), patient)?;
	let guardians = guardian_list::<T>("guardian")?;
	Pallet::<T>::set_guardians(
		RawOrigin::Signed(controller.clone()).into(),
		patient,
		guardians.clone(),
		T::MaxGuardians::get(),
	)?;
	let mut sorted = guardians.into_inner();
	sorted.sort();
	Ok(sorted)
}

/// Open a recovery of `patient` to `new_controller`, approved by the first `approvers`
/// guardians.
fn open_recovery<T: Config>(
	patient: PatientId,
	guardians: &[T::AccountId],
	new_controller: &T::AccountId,
	approvers: usize,
) -> Result<(), BenchmarkError> {
	let mut approving = guardians.iter().take(approvers.max(1));
	let proposer = approving.next().ok_or(BenchmarkError::Stop("no guardians"))?;
	Pallet::<T>::propose_recovery(
		RawOrigin::Signed(proposer.clone()).into(),
		patient,
		new_controller.clone(),
	)?;
	for guardian in approving {
		Pallet::<T>::approve_recovery(RawOrigin::Signed(guardian.clone()).into(), patient)?;
	}
	Ok(())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register() -> Result<(), BenchmarkError> {
		let caller = funded::<T>("controller", 0);
		fill_up_to_cap::<T>(&caller, 1)?;
		let patient = id(0);

		#[extrinsic_call]
		_(RawOrigin::Signed(caller.clone()), patient);

		assert_eq!(ControlledCount::<T>::get(&caller), T::MaxPseudonymsPerAccount::get());
		Ok(())
	}

	#[benchmark]
	fn set_guardians() -> Result<(), BenchmarkError> {
		let controller = funded::<T>("controller", 0);
		let patient = id(0);
		let guardians = guarded::<T>(&controller, patient)?;
		let new_controller: T::AccountId = account("new-controller", 0, 0);
		open_recovery::<T>(patient, &guardians, &new_controller, guardians.len())?;
		let replacement = guardian_list::<T>("replacement")?;

		#[extrinsic_call]
		_(RawOrigin::Signed(controller), patient, replacement, T::MaxGuardians::get());

		assert!(Recoveries::<T>::get(patient).is_none());
		Ok(())
	}

	#[benchmark]
	fn propose_recovery() -> Result<(), BenchmarkError> {
		let controller = funded::<T>("controller", 0);
		let patient = id(0);
		let guardians = guarded::<T>(&controller, patient)?;
		let proposer = guardians.last().cloned().ok_or(BenchmarkError::Stop("no guardians"))?;
		let new_controller: T::AccountId = account("new-controller", 0, 0);

		#[extrinsic_call]
		_(RawOrigin::Signed(proposer), patient, new_controller);

		assert!(Recoveries::<T>::get(patient).is_some());
		Ok(())
	}

	#[benchmark]
	fn approve_recovery() -> Result<(), BenchmarkError> {
		let controller = funded::<T>("controller", 0);
		let patient = id(0);
		let guardians = guarded::<T>(&controller, patient)?;
		let new_controller: T::AccountId = account("new-controller", 0, 0);
		open_recovery::<T>(
			patient,
			&guardians,
			&new_controller,
			guardians.len().saturating_sub(1),
		)?;
		let last = guardians.last().cloned().ok_or(BenchmarkError::Stop("no guardians"))?;

		#[extrinsic_call]
		_(RawOrigin::Signed(last), patient);

		let approvals = Recoveries::<T>::get(patient).map(|r| r.approvals.len());
		assert_eq!(approvals, Some(guardians.len()));
		Ok(())
	}

	#[benchmark]
	fn cancel_recovery() -> Result<(), BenchmarkError> {
		let controller = funded::<T>("controller", 0);
		let patient = id(0);
		let guardians = guarded::<T>(&controller, patient)?;
		let new_controller: T::AccountId = account("new-controller", 0, 0);
		open_recovery::<T>(patient, &guardians, &new_controller, guardians.len())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(controller), patient);

		assert!(Recoveries::<T>::get(patient).is_none());
		Ok(())
	}

	#[benchmark]
	fn execute_recovery() -> Result<(), BenchmarkError> {
		let controller = funded::<T>("controller", 0);
		let patient = id(0);
		let guardians = guarded::<T>(&controller, patient)?;
		let new_controller = funded::<T>("new-controller", 0);
		fill_up_to_cap::<T>(&new_controller, 1)?;
		open_recovery::<T>(patient, &guardians, &new_controller, guardians.len())?;
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(T::RecoveryDelay::get()));

		#[extrinsic_call]
		_(RawOrigin::Signed(new_controller.clone()), patient);

		assert_eq!(Pallet::<T>::pseudonym(&patient).map(|p| p.controller), Some(new_controller));
		Ok(())
	}

	#[benchmark]
	fn retire() -> Result<(), BenchmarkError> {
		let controller = funded::<T>("controller", 0);
		let patient = id(0);
		let guardians = guarded::<T>(&controller, patient)?;
		let new_controller: T::AccountId = account("new-controller", 0, 0);
		open_recovery::<T>(patient, &guardians, &new_controller, guardians.len())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(controller), patient);

		assert!(Pallet::<T>::retired_at(&patient).is_some());
		assert!(Recoveries::<T>::get(patient).is_none());
		Ok(())
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
