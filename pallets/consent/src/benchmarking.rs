//! Benchmarks (FRAME v2) of the consent pallet, each in its worst case.

use super::*;
use crate::pallet::{
	ConsentCount, Consents, ConsentsOfGrantee, ConsentsOfPatient, Emergencies,
	EmergenciesOfPatient, LatestEmergency, NextConsentId, NextEmergencyId, OpenEmergencies,
	Pallet as ConsentPallet,
};
use alloc::vec;
use frame_benchmarking::v2::*;
use frame_support::{
	traits::{
		fungible::{Inspect, Mutate},
		Get,
	},
	BoundedVec,
};
use frame_system::{pallet_prelude::BlockNumberFor, RawOrigin};
use iomt_primitives::{
	AccessAction, AccessTarget, Accessor, ConsentId, DenialReason, EmergencyId, Grantee,
	PatientId, PractitionerRole, Purpose, RecordCategory, SecondFactor,
};
use sp_runtime::traits::{One, Saturating, Zero};

const PATIENT: PatientId = [0xB0; 32];

/// An account with enough funds for any number of deposits the benchmarks need.
fn funded<T: Config>(name: &'static str, index: u32) -> T::AccountId {
	let who: T::AccountId = account(name, index, 0);
	let per_consent = T::ConsentDepositBase::get().saturating_add(
		T::ConsentDepositPerByte::get().saturating_mul(T::MaxEnvelopeLength::get().into()),
	);
	let amount = T::Currency::minimum_balance()
		.saturating_mul(100u32.into())
		.saturating_add(per_consent.saturating_mul(10u32.into()));
	T::Currency::set_balance(&who, amount);
	who
}

/// Registers `PATIENT` with a funded controller and guardian.
fn patient<T: Config>() -> (T::AccountId, T::AccountId) {
	let controller = funded::<T>("controller", 0);
	let guardian = funded::<T>("guardian", 0);
	T::BenchmarkHelper::register_patient(&PATIENT, &controller, &guardian);
	(controller, guardian)
}

fn all_actions() -> Actions {
	BoundedVec::truncate_from(vec![AccessAction::Read, AccessAction::Write])
}

fn all_purposes() -> Purposes {
	BoundedVec::truncate_from(vec![
		Purpose::Treatment,
		Purpose::Research,
		Purpose::Emergency,
		Purpose::Operations,
	])
}

/// The largest scope: `MaxScopeItems` records.
fn largest_scope<T: Config>() -> ScopeOf<T> {
	let records = (0..T::MaxScopeItems::get()).map(u64::from).collect::<vec::Vec<_>>();
	ConsentScope::Records(BoundedVec::truncate_from(records))
}

/// Stores `n` consents of `PATIENT` without deposits (their granter is `granter`), each
/// to a different practitioner, for every action.
fn fill_consents<T: Config>(granter: &T::AccountId, n: u32) {
	fill_consents_to::<T>(granter, n, |i| account("grantee", i, 0), all_actions());
}

/// Stores `n` consents of `PATIENT` without deposits (their granter is `granter`): consent
/// `i` to practitioner `grantee(i)` for `actions`, every purpose, all records, open-ended.
fn fill_consents_to<T: Config>(
	granter: &T::AccountId,
	n: u32,
	grantee: impl Fn(u32) -> T::AccountId,
	actions: Actions,
) {
	for i in 0..n {
		let id = ConsentId::from(i);
		let grantee = Grantee::Practitioner(grantee(i));
		let consent = Consent::<T> {
			patient: PATIENT,
			granter: granter.clone(),
			grantee: grantee.clone(),
			scope: ConsentScope::AllRecords,
			actions: actions.clone(),
			purposes: all_purposes(),
			valid_from: Zero::zero(),
			valid_until: None,
			granted_at: Zero::zero(),
			revoked_at: None,
			key_envelope: None,
			deposit: Zero::zero(),
		};
		Consents::<T>::insert(id, consent);
		ConsentsOfPatient::<T>::insert(PATIENT, id, ());
		ConsentsOfGrantee::<T>::insert(&grantee, id, ());
	}
	ConsentCount::<T>::insert(PATIENT, n);
	NextConsentId::<T>::put(ConsentId::from(n));
}

/// Stores a window of `opener` on `PATIENT` from `opened_at` to `expires_at` as its latest
/// window; returns its id.
fn store_window<T: Config>(
	opener: &T::AccountId,
	opened_at: BlockNumberFor<T>,
	expires_at: BlockNumberFor<T>,
) -> EmergencyId {
	let id: EmergencyId = NextEmergencyId::<T>::get();
	Emergencies::<T>::insert(
		id,
		EmergencyWindow {
			patient: PATIENT,
			opener: opener.clone(),
			organisation: 0,
			role: PractitionerRole::Physician,
			reason: EmergencyReason::Other,
			opened_at,
			expires_at,
			closed_at: None,
			closed_by: None,
			previous: None,
		},
	);
	EmergenciesOfPatient::<T>::insert(PATIENT, id, ());
	LatestEmergency::<T>::insert(PATIENT, opener, id);
	NextEmergencyId::<T>::put(id.saturating_add(1));
	id
}

/// The controller grants a consent with the largest envelope; returns its id.
fn grant_as_controller<T: Config>(controller: &T::AccountId) -> Result<ConsentId, BenchmarkError> {
	let grantee = Grantee::Practitioner(account::<T::AccountId>("grantee", 0, 0));
	let scope = largest_scope::<T>();
	let envelope: KeyEnvelopeOf<T> =
		BoundedVec::truncate_from(vec![0u8; T::MaxEnvelopeLength::get() as usize]);
	let proof = if T::SecondFactor::is_required(controller) {
		T::BenchmarkHelper::second_factor(
			controller,
			&ConsentPallet::<T>::grant_payload(
				&PATIENT,
				&grantee,
				&scope,
				&all_actions(),
				&all_purposes(),
				&None,
				&None,
				&Some(envelope.clone()),
			),
		)
	} else {
		None
	};
	let id = NextConsentId::<T>::get();
	ConsentPallet::<T>::grant(
		RawOrigin::Signed(controller.clone()).into(),
		PATIENT,
		grantee,
		scope,
		all_actions(),
		all_purposes(),
		None,
		None,
		Some(envelope),
		proof,
	)?;
	Ok(id)
}

/// Stores `n` open windows on `PATIENT` by other practitioners, expiring after `until`.
fn fill_open_windows<T: Config>(n: u32, until: BlockNumberFor<T>) {
	let mut open = OpenEmergencies::<T>::get(PATIENT);
	for i in 0..n {
		let id = NextEmergencyId::<T>::get();
		let opener: T::AccountId = account("other-opener", i, 0);
		let window = EmergencyWindow {
			patient: PATIENT,
			opener: opener.clone(),
			organisation: 0,
			role: PractitionerRole::Physician,
			reason: EmergencyReason::Other,
			opened_at: Zero::zero(),
			expires_at: until,
			closed_at: None,
			closed_by: None,
			previous: None,
		};
		Emergencies::<T>::insert(id, window);
		EmergenciesOfPatient::<T>::insert(PATIENT, id, ());
		LatestEmergency::<T>::insert(PATIENT, &opener, id);
		let _ = open.try_push((id, until));
		NextEmergencyId::<T>::put(id.saturating_add(1));
	}
	OpenEmergencies::<T>::insert(PATIENT, open);
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// Worst case: a guardian with a second factor, the largest scope and envelope, the
	/// patient one consent below its bound.
	#[benchmark]
	fn grant() -> Result<(), BenchmarkError> {
		let (controller, guardian) = patient::<T>();
		fill_consents::<T>(&controller, T::MaxConsentsPerPatient::get().saturating_sub(1));
		let grantee = Grantee::Device([0xD0; 32]);
		let scope = largest_scope::<T>();
		let envelope: KeyEnvelopeOf<T> =
			BoundedVec::truncate_from(vec![0u8; T::MaxEnvelopeLength::get() as usize]);
		let until = Some(frame_system::Pallet::<T>::block_number().saturating_add(100u32.into()));
		let proof = T::BenchmarkHelper::second_factor(
			&guardian,
			&ConsentPallet::<T>::grant_payload(
				&PATIENT,
				&grantee,
				&scope,
				&all_actions(),
				&all_purposes(),
				&None,
				&until,
				&Some(envelope.clone()),
			),
		);
		let id = NextConsentId::<T>::get();

		#[extrinsic_call]
		_(
			RawOrigin::Signed(guardian.clone()),
			PATIENT,
			grantee,
			scope,
			all_actions(),
			all_purposes(),
			None,
			until,
			Some(envelope),
			proof,
		);

		assert!(Consents::<T>::get(id).is_some_and(|c| c.granter == guardian));
		assert_eq!(ConsentCount::<T>::get(PATIENT), T::MaxConsentsPerPatient::get());
		Ok(())
	}

	/// Worst case: a guardian with a second factor.
	#[benchmark]
	fn revoke() -> Result<(), BenchmarkError> {
		let (controller, guardian) = patient::<T>();
		let id = grant_as_controller::<T>(&controller)?;
		let proof =
			T::BenchmarkHelper::second_factor(&guardian, &ConsentPallet::<T>::revoke_payload(id));

		#[extrinsic_call]
		_(RawOrigin::Signed(guardian), id, proof);

		assert!(Consents::<T>::get(id).is_some_and(|c| c.revoked_at.is_some()));
		Ok(())
	}

	/// Worst case: a consent with the largest envelope, so a deposit is released.
	#[benchmark]
	fn remove() -> Result<(), BenchmarkError> {
		let (controller, _) = patient::<T>();
		let id = grant_as_controller::<T>(&controller)?;
		let proof = if T::SecondFactor::is_required(&controller) {
			T::BenchmarkHelper::second_factor(&controller, &ConsentPallet::<T>::revoke_payload(id))
		} else {
			None
		};
		ConsentPallet::<T>::revoke(RawOrigin::Signed(controller.clone()).into(), id, proof)?;
		let now = frame_system::Pallet::<T>::block_number();
		frame_system::Pallet::<T>::set_block_number(now.saturating_add(One::one()));

		#[extrinsic_call]
		_(RawOrigin::Signed(controller), id);

		assert!(Consents::<T>::get(id).is_none());
		Ok(())
	}

	/// Worst case: a second factor, an earlier window of the same practitioner that has
	/// ended, and the patient one open window below its bound.
	#[benchmark]
	fn open_emergency() -> Result<(), BenchmarkError> {
		patient::<T>();
		let opener = funded::<T>("opener", 0);
		T::BenchmarkHelper::register_emergency_practitioner(&opener);
		let now = frame_system::Pallet::<T>::block_number()
			.saturating_add(T::MaxEmergencyDuration::get())
			.saturating_add(One::one());
		frame_system::Pallet::<T>::set_block_number(now);
		// The opener's earlier window, ended.
		let earlier = store_window::<T>(&opener, Zero::zero(), One::one());
		fill_open_windows::<T>(
			T::MaxOpenEmergencies::get().saturating_sub(1),
			now.saturating_add(T::MaxEmergencyDuration::get()),
		);
		let duration = T::MaxEmergencyDuration::get();
		let reason = EmergencyReason::LifeThreatening;
		let proof = T::BenchmarkHelper::second_factor(
			&opener,
			&ConsentPallet::<T>::open_emergency_payload(&PATIENT, &reason, &duration),
		);
		let id = NextEmergencyId::<T>::get();

		#[extrinsic_call]
		_(RawOrigin::Signed(opener.clone()), PATIENT, reason, duration, proof);

		assert!(Emergencies::<T>::get(id).is_some_and(|w| w.previous == Some(earlier)));
		assert_eq!(LatestEmergency::<T>::get(PATIENT, &opener), Some(id));
		Ok(())
	}

	/// Worst case: the patient's open list is full.
	#[benchmark]
	fn close_emergency() -> Result<(), BenchmarkError> {
		patient::<T>();
		let opener = funded::<T>("opener", 0);
		T::BenchmarkHelper::register_emergency_practitioner(&opener);
		fill_open_windows::<T>(
			T::MaxOpenEmergencies::get().saturating_sub(1),
			frame_system::Pallet::<T>::block_number()
				.saturating_add(T::MaxEmergencyDuration::get()),
		);
		let duration = T::MaxEmergencyDuration::get();
		let proof = if T::SecondFactor::is_required(&opener) {
			T::BenchmarkHelper::second_factor(
				&opener,
				&ConsentPallet::<T>::open_emergency_payload(
					&PATIENT,
					&EmergencyReason::Other,
					&duration,
				),
			)
		} else {
			None
		};
		let id = NextEmergencyId::<T>::get();
		ConsentPallet::<T>::open_emergency(
			RawOrigin::Signed(opener.clone()).into(),
			PATIENT,
			EmergencyReason::Other,
			duration,
			proof,
		)?;

		#[extrinsic_call]
		_(RawOrigin::Signed(opener), id);

		assert!(Emergencies::<T>::get(id).is_some_and(|w| w.closed_at.is_some()));
		Ok(())
	}

	/// The access decision that other pallets call (no dispatchable of its own), in its
	/// worst case for `c` consents of the patient: the accessor is an active practitioner
	/// with an emergency window open now that does not cover the purpose, and each of the
	/// `c` consents names the accessor but not the action, so every one is read and the
	/// answer is `OutOfScope`. `AccessDecision::decide_weight` charges
	/// `decide(MaxConsentsPerPatient)`.
	#[benchmark]
	fn decide(c: Linear<0, { T::MaxConsentsPerPatient::get() }>) {
		patient::<T>();
		let accessor = funded::<T>("opener", 0);
		T::BenchmarkHelper::register_emergency_practitioner(&accessor);
		let now = frame_system::Pallet::<T>::block_number();
		store_window::<T>(&accessor, now, now.saturating_add(T::MaxEmergencyDuration::get()));
		let granter = funded::<T>("granter", 0);
		let read_only = BoundedVec::truncate_from(vec![AccessAction::Read]);
		fill_consents_to::<T>(&granter, c, |_| accessor.clone(), read_only);
		let accessor = Accessor::Account(accessor);
		let answer;

		#[block]
		{
			answer = ConsentPallet::<T>::decide(
				&accessor,
				&PATIENT,
				AccessTarget::Category(RecordCategory::LaboratoryResults),
				AccessAction::Write,
				Purpose::Research,
				now,
			);
		}

		// The window names the accessor but not the purpose, as does every consent.
		assert_eq!(answer, Err(DenialReason::OutOfScope));
	}

	impl_benchmark_test_suite!(ConsentPallet, crate::mock::new_test_ext(), crate::mock::Test);
}
