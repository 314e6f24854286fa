//! Benchmarks (FRAME v2) of the registry, one per call, each in its worst case: full names
//! and admin lists, the signing admin last in the list, organisations one below their
//! practitioner bound, and key replacement (two signature checks) for second factors.

use super::*;
use crate::pallet::{
	NextOrganisationId, Organisations, Pallet as Registry, Practitioners, SecondFactorNonce,
	SecondFactors,
};
use alloc::vec::Vec;
use codec::Encode;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		EnsureOrigin, Get,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use iomt_primitives::{OrganisationKind, PractitionerRole};
use sp_runtime::{
	traits::{One, Saturating, Zero},
	MultiSigner,
};

/// Gives `who` enough funds for `deposits` deposits of each kind.
fn fund<T: Config>(who: &T::AccountId, deposits: u32) {
	let amount = T::Currency::minimum_balance()
		.saturating_add(T::PractitionerDeposit::get().saturating_mul(deposits.into()))
		.saturating_add(T::SecondFactorDeposit::get().saturating_mul(deposits.into()));
	T::Currency::set_balance(who, amount);
}

/// An account with enough funds for a few deposits.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	fund::<T>(&who, 10);
	who
}

/// The longest name allowed.
fn full_name<T: Config>() -> BoundedVec<u8, T::MaxNameLength> {
	BoundedVec::truncate_from(alloc::vec![b'n'; T::MaxNameLength::get() as usize])
}

/// `MaxAdmins` distinct funded accounts.
fn full_admins<T: Config>(seed: &'static str) -> BoundedVec<T::AccountId, T::MaxAdmins> {
	BoundedVec::truncate_from(
		(0..T::MaxAdmins::get()).map(|i| funded::<T>(seed, i)).collect::<Vec<_>>(),
	)
}

/// An active organisation with a full name and admin list; returns its id and its last
/// admin (the slowest to find).
fn organisation<T: Config>() -> Result<(OrganisationId, T::AccountId), BenchmarkError> {
	let admins = full_admins::<T>("admin");
	let last = admins.last().cloned().ok_or(BenchmarkError::Stop("MaxAdmins is zero"))?;
	let org = NextOrganisationId::<T>::get();
	Organisations::<T>::insert(
		org,
		Organisation {
			kind: OrganisationKind::CareProvider,
			name: full_name::<T>(),
			admins,
			status: OrganisationStatus::Active,
			requires_second_factor: false,
			admitted_at: Zero::zero(),
			practitioner_count: 0,
		},
	);
	NextOrganisationId::<T>::put(org.saturating_add(1));
	Ok((org, last))
}

/// `who` registered at `org` by `admin` through the call (so its deposit is held).
fn practitioner<T: Config>(
	org: OrganisationId,
	admin: &T::AccountId,
	who: &T::AccountId,
) -> Result<(), BenchmarkError> {
	Registry::<T>::register_practitioner(
		RawOrigin::Signed(admin.clone()).into(),
		org,
		who.clone(),
		PractitionerRole::Physician,
		None,
	)?;
	Ok(())
}

/// Registers the benchmark key `index` as `who`'s first second-factor key.
fn second_factor<T: Config>(who: &T::AccountId, index: u32) -> Result<(), BenchmarkError> {
	let key = T::BenchmarkHelper::second_factor_key(index);
	let possession =
		T::BenchmarkHelper::sign(index, &Registry::<T>::second_factor_key_message(who))
			.ok_or(BenchmarkError::Stop("benchmark helper cannot sign"))?;
	Registry::<T>::register_second_factor(
		RawOrigin::Signed(who.clone()).into(),
		key,
		possession,
		None,
	)?;
	Ok(())
}

/// A proof by the benchmark key `index` for `who`'s current nonce over `payload`.
fn proof<T: Config>(
	who: &T::AccountId,
	index: u32,
	payload: &[u8],
) -> Result<SecondFactorProof, BenchmarkError> {
	let nonce = SecondFactorNonce::<T>::get(who);
	let signature =
		T::BenchmarkHelper::sign(index, &Registry::<T>::second_factor_message(who, nonce, payload))
			.ok_or(BenchmarkError::Stop("benchmark helper cannot sign"))?;
	Ok(SecondFactorProof { nonce, signature })
}

/// A block after the current one.
fn later<T: Config>() -> BlockNumberFor<T> {
	frame_system::Pallet::<T>::block_number().saturating_add(100u32.into())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn admit_organisation() -> Result<(), BenchmarkError> {
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let org = NextOrganisationId::<T>::get();

		#[extrinsic_call]
		_(
			origin as T::RuntimeOrigin,
			OrganisationKind::CareProvider,
			full_name::<T>(),
			full_admins::<T>("admin"),
		);

		assert!(Organisations::<T>::contains_key(org));
		Ok(())
	}

	#[benchmark]
	fn update_organisation() -> Result<(), BenchmarkError> {
		let (org, _) = organisation::<T>()?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;
		let admins = full_admins::<T>("new-admin");

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, org, full_name::<T>(), admins.clone());

		assert_eq!(Organisations::<T>::get(org).map(|o| o.admins), Some(admins));
		Ok(())
	}

	#[benchmark]
	fn suspend_organisation() -> Result<(), BenchmarkError> {
		let (org, _) = organisation::<T>()?;
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, org);

		assert!(
			Organisations::<T>::get(org).is_some_and(|o| o.status != OrganisationStatus::Active)
		);
		Ok(())
	}

	#[benchmark]
	fn reinstate_organisation() -> Result<(), BenchmarkError> {
		let (org, _) = organisation::<T>()?;
		Organisations::<T>::mutate(org, |o| {
			if let Some(o) = o {
				o.status = OrganisationStatus::Suspended { since: Zero::zero() };
			}
		});
		let origin =
			T::GovernanceOrigin::try_successful_origin().map_err(|_| BenchmarkError::Weightless)?;

		#[extrinsic_call]
		_(origin as T::RuntimeOrigin, org);

		assert!(
			Organisations::<T>::get(org).is_some_and(|o| o.status == OrganisationStatus::Active)
		);
		Ok(())
	}

	#[benchmark]
	fn set_second_factor_requirement() -> Result<(), BenchmarkError> {
		let (org, admin) = organisation::<T>()?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), org, true);

		assert!(Organisations::<T>::get(org).is_some_and(|o| o.requires_second_factor));
		Ok(())
	}

	#[benchmark]
	fn register_practitioner() -> Result<(), BenchmarkError> {
		let (org, admin) = organisation::<T>()?;
		let max = T::MaxPractitionersPerOrganisation::get();
		fund::<T>(&admin, max.saturating_add(1));
		for i in 0..max.saturating_sub(1) {
			practitioner::<T>(org, &admin, &account("practitioner", i, 0))?;
		}
		let who: T::AccountId = account("new-practitioner", 0, 0);
		let until = later::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), org, who.clone(), PractitionerRole::Physician, Some(until));

		assert!(Practitioners::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn update_practitioner() -> Result<(), BenchmarkError> {
		let (org, admin) = organisation::<T>()?;
		let who: T::AccountId = account("practitioner", 0, 0);
		practitioner::<T>(org, &admin, &who)?;
		let until = later::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), who.clone(), PractitionerRole::Nurse, Some(until));

		assert_eq!(Practitioners::<T>::get(&who).map(|p| p.role), Some(PractitionerRole::Nurse));
		Ok(())
	}

	#[benchmark]
	fn revoke_practitioner() -> Result<(), BenchmarkError> {
		let (org, admin) = organisation::<T>()?;
		let who: T::AccountId = account("practitioner", 0, 0);
		practitioner::<T>(org, &admin, &who)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), who.clone());

		assert!(Practitioners::<T>::get(&who).is_some_and(|p| p.revoked_at.is_some()));
		Ok(())
	}

	#[benchmark]
	fn remove_practitioner() -> Result<(), BenchmarkError> {
		let (org, admin) = organisation::<T>()?;
		let who: T::AccountId = account("practitioner", 0, 0);
		practitioner::<T>(org, &admin, &who)?;
		Registry::<T>::revoke_practitioner(RawOrigin::Signed(admin.clone()).into(), who.clone())?;
		frame_system::Pallet::<T>::set_block_number(
			frame_system::Pallet::<T>::block_number().saturating_add(One::one()),
		);

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), who.clone());

		assert!(!Practitioners::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn register_second_factor() -> Result<(), BenchmarkError> {
		// Worst case: replacing a key checks the possession of the new key and a proof by
		// the current one.
		let who = funded::<T>("account", 0);
		second_factor::<T>(&who, 0)?;
		let new_key: MultiSigner = T::BenchmarkHelper::second_factor_key(1);
		let possession =
			T::BenchmarkHelper::sign(1, &Registry::<T>::second_factor_key_message(&who))
				.ok_or(BenchmarkError::Stop("benchmark helper cannot sign"))?;
		let current = proof::<T>(&who, 0, &new_key.encode())?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), new_key.clone(), possession, Some(current));

		assert_eq!(SecondFactors::<T>::get(&who).map(|r| MultiSigner::from(r.key)), Some(new_key));
		Ok(())
	}

	#[benchmark]
	fn reset_second_factor() -> Result<(), BenchmarkError> {
		let (org, admin) = organisation::<T>()?;
		let who = funded::<T>("practitioner", 0);
		practitioner::<T>(org, &admin, &who)?;
		second_factor::<T>(&who, 0)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(admin), who.clone());

		assert!(!SecondFactors::<T>::contains_key(&who));
		Ok(())
	}

	#[benchmark]
	fn remove_second_factor() -> Result<(), BenchmarkError> {
		let who = funded::<T>("account", 0);
		second_factor::<T>(&who, 0)?;
		let removal = proof::<T>(&who, 0, REMOVE_SECOND_FACTOR_PAYLOAD)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(who.clone()), removal);

		assert!(!SecondFactors::<T>::contains_key(&who));
		Ok(())
	}

	impl_benchmark_test_suite!(Registry, crate::mock::new_test_ext(), crate::mock::Test);
}
