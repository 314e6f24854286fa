//! Benchmarks (FRAME v2) of the records pallet, each in its worst case: a writer allowed by
//! consent (not the controller, so the access decision runs), the longest valid locator,
//! an erasure by an organisation admin, and an sr25519-signed batch.

use super::*;
use crate::pallet::{NextRecordId, Pallet as RecordsPallet, Records};
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
	BoundedVec,
};
use frame_system::RawOrigin;
use iomt_primitives::{Accessor, OrganisationId, PatientId, RecordCategory};
use sp_runtime::traits::Saturating;

const PATIENT: PatientId = [0xB0; 32];

/// An account with funds for many record deposits.
fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	let amount = T::Currency::minimum_balance()
		.saturating_add(RecordsPallet::<T>::record_deposit(T::MaxLocatorLength::get()))
		.saturating_mul(100u32.into());
	T::Currency::set_balance(&who, amount);
	who
}

/// Registers `PATIENT` and an author (admin practitioner of a new organisation) allowed to
/// write; the author and the organisation.
fn author_at<T: Config>() -> (T::AccountId, OrganisationId) {
	let controller = funded::<T>("controller");
	T::BenchmarkHelper::register_patient(&PATIENT, &controller);
	let author = funded::<T>("author");
	let org = T::BenchmarkHelper::register_admin(&author);
	T::BenchmarkHelper::allow_write(&Accessor::Account(author.clone()), &PATIENT);
	(author, org)
}

/// As [`author_at`], the author only.
fn author<T: Config>() -> T::AccountId {
	author_at::<T>().0
}

/// The longest valid locator.
fn locator<T: Config>() -> LocatorOf<T> {
	BoundedVec::truncate_from(cid::longest_cid_v1(T::MaxLocatorLength::get()).unwrap_or_default())
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn anchor() {
		let author = author::<T>();
		let id = NextRecordId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(author),
			PATIENT,
			RecordCategory::ClinicalNotes,
			[1; 32],
			HashAlgorithm::Sha2_256,
			locator::<T>(),
			1 << 20,
			EncryptionScheme::Aes256Gcm,
		);

		assert!(Records::<T>::contains_key(id));
	}

	#[benchmark]
	fn amend() -> Result<(), BenchmarkError> {
		let author = author::<T>();
		let old = NextRecordId::<T>::get();
		RecordsPallet::<T>::anchor(
			RawOrigin::Signed(author.clone()).into(),
			PATIENT,
			RecordCategory::ClinicalNotes,
			[1; 32],
			HashAlgorithm::Sha2_256,
			locator::<T>(),
			1 << 20,
			EncryptionScheme::Aes256Gcm,
		)?;

		#[extrinsic_call]
		_(
			RawOrigin::Signed(author),
			old,
			[2; 32],
			HashAlgorithm::Sha2_256,
			locator::<T>(),
			1 << 20,
			EncryptionScheme::Aes256Gcm,
		);

		assert!(Records::<T>::get(old).is_some_and(|r| r.superseded_by.is_some()));
		Ok(())
	}

	#[benchmark]
	fn erase() -> Result<(), BenchmarkError> {
		let author = author::<T>();
		let record = NextRecordId::<T>::get();
		RecordsPallet::<T>::anchor(
			RawOrigin::Signed(author.clone()).into(),
			PATIENT,
			RecordCategory::ClinicalNotes,
			[1; 32],
			HashAlgorithm::Sha2_256,
			locator::<T>(),
			1 << 20,
			EncryptionScheme::Aes256Gcm,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(author), record, Some(ErasureBasis::RetentionPeriodEnded));

		assert!(Records::<T>::get(record).is_some_and(|r| r.erased.is_some()));
		Ok(())
	}

	#[benchmark]
	fn anchor_batch() {
		let (relayer, org) = author_at::<T>();
		let device = T::BenchmarkHelper::register_device(org, &relayer);
		T::BenchmarkHelper::allow_write(&Accessor::Device(device), &PATIENT);
		let root = [3; 32];
		let (count, from_ms, until_ms) = (1_000u32, 1_000u64, 2_000u64);
		let payload =
			RecordsPallet::<T>::batch_payload(&device, &PATIENT, &root, count, from_ms, until_ms);
		let signature = T::BenchmarkHelper::sign_as_device(&device, &payload);
		let id = NextRecordId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(relayer), PATIENT, device, root, count, from_ms, until_ms, signature);

		assert!(Records::<T>::contains_key(id));
	}

	impl_benchmark_test_suite!(RecordsPallet, crate::mock::new_test_ext(), crate::mock::Test);
}
