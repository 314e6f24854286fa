//! # Consent
//!
//! Patients decide who may see and write their records. This pallet keeps their decisions,
//! modelled on FHIR Consent, the break-glass emergency windows that override them, and the
//! one function of the chain that answers "may this accessor do this now (or at block N)?".
//! Every other pallet asks it through [`iomt_primitives::AccessDecision`]; off-chain clients
//! ask through the [`runtime_api::ConsentApi`].
//!
//! ## Terms
//!
//! - A **patient** is a pseudonym ([`iomt_primitives::PatientId`]) registered with the
//!   pseudonyms pallet. Its **controller** is the patient's account; **guardians** may act
//!   for the patient. Both are learned through [`iomt_primitives::PseudonymRegistry`].
//! - A **consent** ([`Consent`]) names a **grantee** (one practitioner, every active
//!   practitioner of one organisation, or one device), a **scope** (all records, some
//!   categories, or listed records), the **actions** (read, write), the **purposes**
//!   (treatment, research, emergency, operations), a **period** `[valid_from, valid_until)`
//!   and optionally a **key envelope**: the record data key wrapped for the grantee.
//! - An **emergency window** ([`EmergencyWindow`]) is a time-boxed break-glass access of one
//!   practitioner to one patient, opened with a coded reason.
//!
//! ## Lifecycle of a consent
//!
//! 1. [`Pallet::grant`]: the controller or a guardian grants it. A guardian always proves
//!    a second factor (MFA); the controller does when the registry requires one for it.
//!    The period starts now (`valid_from: None`) or at a later block; a consent cannot be
//!    back-dated, because the chain answers for past blocks what was true then. A deposit of
//!    [`Config::ConsentDepositBase`] plus [`Config::ConsentDepositPerByte`] per envelope
//!    byte is held from the granter; it pays for the consent and its two index entries.
//!    Consent ids come from a counter and are never reused.
//! 2. [`Pallet::revoke`]: the controller or a guardian (with MFA) revokes it. The consent is
//!    kept with its revocation block `R`: it still allows access in block `R` and no longer
//!    from `R + 1`, so every access decided in block `R` stays true when asked again later.
//!    Granting again after a revocation creates a new consent with a new id; nothing of the
//!    old revocation carries over (and nothing of the old consent revives).
//! 3. Expiry needs no transaction: every check compares the block with the period.
//! 4. [`Pallet::remove`]: the granter or the controller deletes a consent once it is revoked
//!    (from the block after its revocation), expired, or its patient was retired; the
//!    deposit returns to the granter. Removal drops the consent's history from this pallet:
//!    decisions about past blocks no longer see it. The audit pallet keeps the trail of
//!    grants, revocations and accesses ([`iomt_primitives::ConsentEvents`]).
//!
//! ## Emergency (break-glass) access
//!
//! [`Pallet::open_emergency`] is called by an active physician or emergency responder of an
//! active care provider (asked of [`iomt_primitives::IdentityProvider`]), with MFA if the
//! registry requires it, for `duration` blocks (1 to [`Config::MaxEmergencyDuration`]). The
//! window covers `[opened, opened + duration)` for that practitioner only, for reading and
//! writing any record of the patient, for the purposes `Emergency` and `Treatment`. It is
//! always evented as an emergency and listed per patient for the patient and auditors.
//! [`Pallet::close_emergency`] (by the opener or the patient's controller) ends it early:
//! like a revocation, closing in block `C` takes effect from `C + 1` (the window still
//! covers `C`). A practitioner has at most one window in effect per patient, and at most
//! [`Config::MaxOpenEmergencies`] windows are open per patient. Windows are never deleted
//! (they are audit evidence); their storage is paid by the transaction fee, not a deposit.
//!
//! ## The access decision
//!
//! [`Pallet::decide`] answers for `(accessor, patient, target, action, purpose, at)`:
//!
//! 1. the pseudonym is unknown or retired: `UnknownPatient`;
//! 2. the accessor is the patient's (current) controller: `PatientController`;
//! 3. the accessor's emergency window on this patient covers `at`, the accessor is an
//!    active practitioner at `at` and the purpose is `Emergency` or `Treatment`:
//!    `Emergency(window)`;
//! 4. a consent names the accessor, the accessor is active at `at`, the consent is not
//!    revoked and within its period at `at`, and covers target, action and purpose:
//!    `Consent(id)`, the lowest such id;
//! 5. otherwise a denial. Every consent naming the accessor (and the accessor's window
//!    covering `at`) is checked in the order *accessor active* → *not revoked* → *within
//!    period* → *covers the request*; the reason is that of the candidate that passed the
//!    most checks, i.e. the precedence is
//!    `OutOfScope > ConsentExpired > ConsentRevoked > AccessorInactive > NoConsent`
//!    (`NoConsent`: no consent names the accessor and no window of it covers `at`).
//!
//! A consent names an account through `Practitioner(account)`, or through
//! `Organisation(org)` when the registry reports the account as an active practitioner of
//! `org` at `at` (an inactive member of that organisation is therefore not named: it gets
//! `NoConsent`). A device is named by `Device(id)` and counts as active: the devices pallet
//! checks a device's status before it asks. The decision reads at most
//! [`Config::MaxConsentsPerPatient`] consents and, for the current block, one window; for a
//! past block it walks back through the accessor's own earlier windows on that patient.
//!
//! ## Second-factor payloads
//!
//! A second-factor proof signs the bytes documented in [`iomt_primitives::SecondFactor`],
//! where `payload` is the SCALE encoding of the call's tag (the ASCII bytes below, as a
//! fixed-size array, i.e. without a length prefix) followed by the call's arguments in
//! order, except the proof itself; optional arguments are encoded exactly as passed:
//!
//! - `grant`: `(*b"consent.grant", patient, grantee, scope, actions, purposes, valid_from,
//!   valid_until, key_envelope)`, see [`Pallet::grant_payload`];
//! - `revoke`: `(*b"consent.revoke", consent_id)`, see [`Pallet::revoke_payload`];
//! - `open_emergency`: `(*b"consent.open_emergency", patient, reason, duration)`, see
//!   [`Pallet::open_emergency_payload`].
//!
//! The tag keeps a proof made for one call from being accepted by another call with the
//! same argument bytes.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

/// Largest number of items the listing functions (and runtime API) return per page.
pub const MAX_PAGE_SIZE: u32 = 100;

/// Second-factor payload tag of [`Pallet::grant`].
pub const GRANT_TAG: [u8; 13] = *b"consent.grant";
/// Second-factor payload tag of [`Pallet::revoke`].
pub const REVOKE_TAG: [u8; 14] = *b"consent.revoke";
/// Second-factor payload tag of [`Pallet::open_emergency`].
pub const OPEN_EMERGENCY_TAG: [u8; 22] = *b"consent.open_emergency";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use codec::Encode;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Mutate, MutateHold},
			tokens::Precision,
		},
	};
	use frame_system::pallet_prelude::*;
	use iomt_primitives::{
		AccessAction, AccessBasis, AccessTarget, Accessor, ConsentEvents, ConsentId, DenialReason,
		EmergencyId, Grantee, IdentityProvider, OrganisationKind, PatientId, PseudonymRegistry,
		Purpose, SecondFactorProof,
	};
	use sp_runtime::traits::{Saturating, Zero};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency from which consent deposits are held.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The runtime's hold reason, which includes this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// Organisations and practitioners (the registry pallet).
		type Identity: IdentityProvider<Self::AccountId, BlockNumberFor<Self>>;

		/// Patient pseudonyms, their controllers and guardians (the pseudonyms pallet).
		type Pseudonyms: PseudonymRegistry<Self::AccountId>;

		/// Second-factor (MFA) checks (the registry pallet).
		type SecondFactor: iomt_primitives::SecondFactor<Self::AccountId>;

		/// Receiver of consent and emergency notifications (the audit pallet; `()` ignores).
		type Events: ConsentEvents<Self::AccountId>;

		/// Largest number of categories or records a consent scope lists.
		#[pallet::constant]
		type MaxScopeItems: Get<u32>;

		/// Largest key envelope, in bytes.
		#[pallet::constant]
		type MaxEnvelopeLength: Get<u32>;

		/// Largest number of consents (of any state) stored for one patient; bounds the
		/// access decision. Revoked or expired consents count until removed.
		#[pallet::constant]
		type MaxConsentsPerPatient: Get<u32>;

		/// Largest number of emergency windows open at once on one patient.
		#[pallet::constant]
		type MaxOpenEmergencies: Get<u32>;

		/// Longest emergency window, in blocks.
		#[pallet::constant]
		type MaxEmergencyDuration: Get<BlockNumberFor<Self>>;

		/// Deposit held for every consent (pays for the consent and its two index entries).
		#[pallet::constant]
		type ConsentDepositBase: Get<BalanceOf<Self>>;

		/// Deposit held per byte of a consent's key envelope.
		#[pallet::constant]
		type ConsentDepositPerByte: Get<BalanceOf<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Creates patients, practitioners and second-factor proofs for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a stored consent, held from its granter until it is removed.
		#[codec(index = 0)]
		ConsentDeposit,
	}

	/// Every stored consent, by id.
	#[pallet::storage]
	pub type Consents<T: Config> = StorageMap<_, Twox64Concat, ConsentId, Consent<T>, OptionQuery>;

	/// The id the next consent gets; ids are never reused.
	#[pallet::storage]
	pub type NextConsentId<T: Config> = StorageValue<_, ConsentId, ValueQuery>;

	/// Index of the stored consents by patient: `(patient, consent) -> ()`.
	#[pallet::storage]
	pub type ConsentsOfPatient<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, PatientId, Twox64Concat, ConsentId, (), OptionQuery>;

	/// Index of the stored consents by grantee: `(grantee, consent) -> ()`.
	#[pallet::storage]
	pub type ConsentsOfGrantee<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		Grantee<T::AccountId>,
		Twox64Concat,
		ConsentId,
		(),
		OptionQuery,
	>;

	/// Number of stored consents of a patient; never above `MaxConsentsPerPatient`, absent
	/// when zero.
	#[pallet::storage]
	pub type ConsentCount<T: Config> = StorageMap<_, Blake2_128Concat, PatientId, u32, ValueQuery>;

	/// Every emergency window ever opened, by id (never deleted).
	#[pallet::storage]
	pub type Emergencies<T: Config> =
		StorageMap<_, Twox64Concat, EmergencyId, EmergencyWindowOf<T>, OptionQuery>;

	/// The id the next emergency window gets; ids are never reused.
	#[pallet::storage]
	pub type NextEmergencyId<T: Config> = StorageValue<_, EmergencyId, ValueQuery>;

	/// Index of the emergency windows by patient: `(patient, window) -> ()`.
	#[pallet::storage]
	pub type EmergenciesOfPatient<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		PatientId,
		Twox64Concat,
		EmergencyId,
		(),
		OptionQuery,
	>;

	/// The latest window a practitioner opened on a patient: `(patient, opener) -> window`;
	/// earlier ones are reached through [`EmergencyWindow::previous`].
	#[pallet::storage]
	pub type LatestEmergency<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		PatientId,
		Blake2_128Concat,
		T::AccountId,
		EmergencyId,
		OptionQuery,
	>;

	/// The windows not closed on a patient, with their expiry: `(window, expires_at)`.
	/// Expired ones are dropped when the next window is opened; absent when empty.
	#[pallet::storage]
	pub type OpenEmergencies<T: Config> = StorageMap<
		_,
		Blake2_128Concat,
		PatientId,
		BoundedVec<(EmergencyId, BlockNumberFor<T>), T::MaxOpenEmergencies>,
		ValueQuery,
	>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `granter` granted consent `consent_id` about `patient` to `grantee`, holding
		/// `deposit`.
		ConsentGranted {
			consent_id: ConsentId,
			patient: PatientId,
			grantee: Grantee<T::AccountId>,
			granter: T::AccountId,
			deposit: BalanceOf<T>,
		},
		/// `by` revoked consent `consent_id`; it no longer allows access from the next block.
		ConsentRevoked { consent_id: ConsentId, patient: PatientId, by: T::AccountId },
		/// `by` removed the revoked or expired consent `consent_id`; `deposit_released` went
		/// back to the granter.
		ConsentRemoved {
			consent_id: ConsentId,
			patient: PatientId,
			by: T::AccountId,
			deposit_released: BalanceOf<T>,
		},
		/// EMERGENCY: `opener` broke the glass on `patient` for `reason`; the window covers
		/// the blocks up to, not including, `expires_at`.
		EmergencyOpened {
			window_id: EmergencyId,
			patient: PatientId,
			opener: T::AccountId,
			organisation: iomt_primitives::OrganisationId,
			reason: EmergencyReason,
			expires_at: BlockNumberFor<T>,
		},
		/// `by` closed emergency window `window_id` early; it no longer covers the next block.
		EmergencyClosed { window_id: EmergencyId, patient: PatientId, by: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The pseudonym is not registered, or was retired.
		UnknownPatient,
		/// The signer is neither the patient's controller nor one of its guardians.
		NotControllerOrGuardian,
		/// A `Categories` or `Records` scope lists nothing.
		EmptyScope,
		/// The scope lists a category or record twice.
		DuplicateScopeItem,
		/// The consent allows no action.
		NoActions,
		/// The consent lists an action twice.
		DuplicateAction,
		/// The consent allows no purpose.
		NoPurposes,
		/// The consent lists a purpose twice.
		DuplicatePurpose,
		/// `valid_from` lies before the current block: consents cannot be back-dated.
		ValidFromInThePast,
		/// `valid_until` is not after `valid_from`: the period would be empty.
		ValidUntilNotAfterValidFrom,
		/// The patient has `MaxConsentsPerPatient` consents; remove revoked or expired ones.
		TooManyConsents,
		/// The granter cannot afford the consent deposit.
		InsufficientBalanceForDeposit,
		/// Every consent id has been used.
		ConsentIdsExhausted,
		/// No consent with this id is stored.
		ConsentNotFound,
		/// The consent was revoked already.
		AlreadyRevoked,
		/// The signer is neither the consent's granter nor the patient's controller.
		NotGranterOrController,
		/// The consent is neither revoked (before this block) nor expired, and its patient is
		/// registered: revoke it first.
		ConsentStillInEffect,
		/// The signer is not an active practitioner of an active organisation.
		NotActivePractitioner,
		/// The signer's role may not open emergency windows (only physicians and emergency
		/// responders may).
		RoleMayNotOpenEmergency,
		/// The signer's organisation is not a care provider.
		NotCareProvider,
		/// An emergency window must last at least one block.
		EmergencyDurationZero,
		/// The requested window is longer than `MaxEmergencyDuration`.
		EmergencyDurationTooLong,
		/// The signer's previous window on this patient is still in effect.
		EmergencyAlreadyOpen,
		/// The patient has `MaxOpenEmergencies` open windows.
		TooManyOpenEmergencies,
		/// Every emergency window id has been used.
		EmergencyIdsExhausted,
		/// No emergency window with this id exists.
		EmergencyNotFound,
		/// The signer is neither the window's opener nor the patient's controller.
		NotOpenerOrController,
		/// The window was closed already.
		EmergencyAlreadyClosed,
		/// The window has expired already.
		EmergencyAlreadyExpired,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	/// How the signer represents a patient.
	#[derive(Clone, Copy, PartialEq, Eq, Debug)]
	enum Representative {
		/// The pseudonym's controller: MFA only if the registry requires it.
		Controller,
		/// A guardian: MFA always.
		Guardian,
	}

	/// How far a candidate (consent or window) got through the checks of a decision; the
	/// denial reported is that of the candidate that got furthest.
	#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
	enum Closest {
		NoConsent,
		AccessorInactive,
		ConsentRevoked,
		ConsentExpired,
		OutOfScope,
	}

	impl From<Closest> for DenialReason {
		fn from(c: Closest) -> Self {
			match c {
				Closest::NoConsent => DenialReason::NoConsent,
				Closest::AccessorInactive => DenialReason::AccessorInactive,
				Closest::ConsentRevoked => DenialReason::ConsentRevoked,
				Closest::ConsentExpired => DenialReason::ConsentExpired,
				Closest::OutOfScope => DenialReason::OutOfScope,
			}
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Grant `grantee` a consent about `patient`: `actions` on the records in `scope`
		/// for `purposes`, from `valid_from` (`None`: now; not before now) until, not
		/// including, `valid_until` (`None`: open-ended), with an optional `key_envelope`.
		/// Holds the consent deposit from the signer.
		///
		/// Origin: signed by the patient's controller (with a second factor if the registry
		/// requires one for it) or a guardian (always with a second factor). The second
		/// factor signs [`Pallet::grant_payload`]; a proof that is not required is ignored.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::grant())]
		pub fn grant(
			origin: OriginFor<T>,
			patient: PatientId,
			grantee: Grantee<T::AccountId>,
			scope: ScopeOf<T>,
			actions: Actions,
			purposes: Purposes,
			valid_from: Option<BlockNumberFor<T>>,
			valid_until: Option<BlockNumberFor<T>>,
			key_envelope: Option<KeyEnvelopeOf<T>>,
			second_factor: Option<SecondFactorProof>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let representative = Self::ensure_representative(&patient, &who)?;

			ensure!(!scope.is_empty(), Error::<T>::EmptyScope);
			ensure!(!scope.has_duplicates(), Error::<T>::DuplicateScopeItem);
			ensure!(!actions.is_empty(), Error::<T>::NoActions);
			ensure!(!types::has_duplicates(&actions), Error::<T>::DuplicateAction);
			ensure!(!purposes.is_empty(), Error::<T>::NoPurposes);
			ensure!(!types::has_duplicates(&purposes), Error::<T>::DuplicatePurpose);

			let now = frame_system::Pallet::<T>::block_number();
			let from = match valid_from {
				Some(from) => {
					ensure!(from >= now, Error::<T>::ValidFromInThePast);
					from
				},
				None => now,
			};
			if let Some(until) = valid_until {
				ensure!(until > from, Error::<T>::ValidUntilNotAfterValidFrom);
			}

			let count = ConsentCount::<T>::get(patient);
			ensure!(count < T::MaxConsentsPerPatient::get(), Error::<T>::TooManyConsents);
			let consent_id = NextConsentId::<T>::get();
			let next_id = consent_id.checked_add(1).ok_or(Error::<T>::ConsentIdsExhausted)?;

			let payload = Self::grant_payload(
				&patient,
				&grantee,
				&scope,
				&actions,
				&purposes,
				&valid_from,
				&valid_until,
				&key_envelope,
			);
			Self::check_second_factor(&who, representative, &payload, second_factor.as_ref())?;

			let envelope_len = key_envelope.as_ref().map_or(0u32, |e| e.len() as u32);
			let deposit = T::ConsentDepositBase::get().saturating_add(
				T::ConsentDepositPerByte::get().saturating_mul(envelope_len.into()),
			);
			if !deposit.is_zero() {
				T::Currency::hold(&HoldReason::ConsentDeposit.into(), &who, deposit)
					.map_err(|_| Error::<T>::InsufficientBalanceForDeposit)?;
			}

			let consent = Consent::<T> {
				patient,
				granter: who.clone(),
				grantee: grantee.clone(),
				scope,
				actions,
				purposes,
				valid_from: from,
				valid_until,
				granted_at: now,
				revoked_at: None,
				key_envelope,
				deposit,
			};
			Consents::<T>::insert(consent_id, consent);
			ConsentsOfPatient::<T>::insert(patient, consent_id, ());
			ConsentsOfGrantee::<T>::insert(&grantee, consent_id, ());
			ConsentCount::<T>::insert(patient, count.saturating_add(1));
			NextConsentId::<T>::put(next_id);

			T::Events::consent_granted(&patient, &who, consent_id);
			Self::deposit_event(Event::ConsentGranted {
				consent_id,
				patient,
				grantee,
				granter: who,
				deposit,
			});
			Ok(())
		}

		/// Revoke consent `consent_id`. It keeps allowing access in this block and no longer
		/// from the next; the consent is kept with its revocation block.
		///
		/// Origin: signed by the patient's controller (with a second factor if required) or a
		/// guardian (always with a second factor over [`Pallet::revoke_payload`]).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke())]
		pub fn revoke(
			origin: OriginFor<T>,
			consent_id: ConsentId,
			second_factor: Option<SecondFactorProof>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut consent = Consents::<T>::get(consent_id).ok_or(Error::<T>::ConsentNotFound)?;
			let representative = Self::ensure_representative(&consent.patient, &who)?;
			ensure!(consent.revoked_at.is_none(), Error::<T>::AlreadyRevoked);
			Self::check_second_factor(
				&who,
				representative,
				&Self::revoke_payload(consent_id),
				second_factor.as_ref(),
			)?;

			consent.revoked_at = Some(frame_system::Pallet::<T>::block_number());
			let patient = consent.patient;
			Consents::<T>::insert(consent_id, consent);

			T::Events::consent_revoked(&patient, &who, consent_id);
			Self::deposit_event(Event::ConsentRevoked { consent_id, patient, by: who });
			Ok(())
		}

		/// Delete consent `consent_id` and its index entries, and release its deposit to the
		/// granter. Only a consent revoked before this block, expired, or of a retired
		/// patient can be removed. Its history goes with it (the audit pallet keeps it).
		///
		/// Origin: signed by the consent's granter or the patient's controller.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::remove())]
		pub fn remove(origin: OriginFor<T>, consent_id: ConsentId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let consent = Consents::<T>::get(consent_id).ok_or(Error::<T>::ConsentNotFound)?;
			let controller = T::Pseudonyms::controller(&consent.patient);
			ensure!(
				who == consent.granter || controller.as_ref() == Some(&who),
				Error::<T>::NotGranterOrController
			);
			let now = frame_system::Pallet::<T>::block_number();
			let revoked = consent.is_revoked_at(now);
			let expired = consent.valid_until.is_some_and(|until| now >= until);
			ensure!(revoked || expired || controller.is_none(), Error::<T>::ConsentStillInEffect);

			Consents::<T>::remove(consent_id);
			ConsentsOfPatient::<T>::remove(consent.patient, consent_id);
			ConsentsOfGrantee::<T>::remove(&consent.grantee, consent_id);
			let remaining = ConsentCount::<T>::get(consent.patient).saturating_sub(1);
			if remaining == 0 {
				ConsentCount::<T>::remove(consent.patient);
			} else {
				ConsentCount::<T>::insert(consent.patient, remaining);
			}
			let deposit_released = if consent.deposit.is_zero() {
				Zero::zero()
			} else {
				T::Currency::release(
					&HoldReason::ConsentDeposit.into(),
					&consent.granter,
					consent.deposit,
					Precision::BestEffort,
				)?
			};

			Self::deposit_event(Event::ConsentRemoved {
				consent_id,
				patient: consent.patient,
				by: who,
				deposit_released,
			});
			Ok(())
		}

		/// Break the glass: open an emergency window on `patient` for the signer, covering
		/// this block and the next `duration - 1` blocks, for `reason`.
		///
		/// Origin: signed by an active physician or emergency responder of an active care
		/// provider, with a second factor over [`Pallet::open_emergency_payload`] if the
		/// registry requires one for it.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::open_emergency())]
		pub fn open_emergency(
			origin: OriginFor<T>,
			patient: PatientId,
			reason: EmergencyReason,
			duration: BlockNumberFor<T>,
			second_factor: Option<SecondFactorProof>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(T::Pseudonyms::controller(&patient).is_some(), Error::<T>::UnknownPatient);
			let now = frame_system::Pallet::<T>::block_number();
			let info = T::Identity::active_practitioner(&who, now)
				.ok_or(Error::<T>::NotActivePractitioner)?;
			ensure!(info.role.may_open_emergency(), Error::<T>::RoleMayNotOpenEmergency);
			ensure!(
				info.organisation_kind == OrganisationKind::CareProvider,
				Error::<T>::NotCareProvider
			);
			ensure!(!duration.is_zero(), Error::<T>::EmergencyDurationZero);
			ensure!(
				duration <= T::MaxEmergencyDuration::get(),
				Error::<T>::EmergencyDurationTooLong
			);

			let previous = LatestEmergency::<T>::get(patient, &who);
			if let Some(window) = previous.and_then(Emergencies::<T>::get) {
				ensure!(window.ends_at() <= now, Error::<T>::EmergencyAlreadyOpen);
			}

			let window_id = NextEmergencyId::<T>::get();
			let next_id = window_id.checked_add(1).ok_or(Error::<T>::EmergencyIdsExhausted)?;
			let expires_at = now.saturating_add(duration);
			let mut open = OpenEmergencies::<T>::get(patient);
			open.retain(|(_, expires)| *expires > now);
			open.try_push((window_id, expires_at))
				.map_err(|_| Error::<T>::TooManyOpenEmergencies)?;

			if <T::SecondFactor as iomt_primitives::SecondFactor<T::AccountId>>::is_required(&who) {
				<T::SecondFactor as iomt_primitives::SecondFactor<T::AccountId>>::verify_and_consume(
					&who,
					&Self::open_emergency_payload(&patient, &reason, &duration),
					second_factor.as_ref(),
				)?;
			}

			let window = EmergencyWindow {
				patient,
				opener: who.clone(),
				organisation: info.organisation,
				role: info.role,
				reason,
				opened_at: now,
				expires_at,
				closed_at: None,
				closed_by: None,
				previous,
			};
			Emergencies::<T>::insert(window_id, window);
			EmergenciesOfPatient::<T>::insert(patient, window_id, ());
			LatestEmergency::<T>::insert(patient, &who, window_id);
			OpenEmergencies::<T>::insert(patient, open);
			NextEmergencyId::<T>::put(next_id);

			T::Events::emergency_opened(&patient, &who, window_id);
			Self::deposit_event(Event::EmergencyOpened {
				window_id,
				patient,
				opener: who,
				organisation: info.organisation,
				reason,
				expires_at,
			});
			Ok(())
		}

		/// Close emergency window `window_id` early. It still covers this block and no longer
		/// the next. The window is kept as audit evidence.
		///
		/// Origin: signed by the window's opener or the patient's controller.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::close_emergency())]
		pub fn close_emergency(origin: OriginFor<T>, window_id: EmergencyId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut window =
				Emergencies::<T>::get(window_id).ok_or(Error::<T>::EmergencyNotFound)?;
			ensure!(
				who == window.opener
					|| T::Pseudonyms::controller(&window.patient).as_ref() == Some(&who),
				Error::<T>::NotOpenerOrController
			);
			ensure!(window.closed_at.is_none(), Error::<T>::EmergencyAlreadyClosed);
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(now < window.expires_at, Error::<T>::EmergencyAlreadyExpired);

			window.closed_at = Some(now);
			window.closed_by = Some(who.clone());
			let patient = window.patient;
			Emergencies::<T>::insert(window_id, window);
			let mut open = OpenEmergencies::<T>::get(patient);
			open.retain(|(id, _)| *id != window_id);
			if open.is_empty() {
				OpenEmergencies::<T>::remove(patient);
			} else {
				OpenEmergencies::<T>::insert(patient, open);
			}

			T::Events::emergency_closed(&patient, &who, window_id);
			Self::deposit_event(Event::EmergencyClosed { window_id, patient, by: who });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The one access decision of the chain: may `accessor` perform `action` on `target`
		/// of `patient` for `purpose` at block `at`? See the crate documentation for the
		/// order of the checks and the precedence of the denial reasons.
		pub fn decide(
			accessor: &Accessor<T::AccountId>,
			patient: &PatientId,
			target: AccessTarget,
			action: AccessAction,
			purpose: Purpose,
			at: BlockNumberFor<T>,
		) -> Result<AccessBasis, DenialReason> {
			let controller =
				T::Pseudonyms::controller(patient).ok_or(DenialReason::UnknownPatient)?;
			let (account, practitioner) = match accessor {
				Accessor::Account(who) if *who == controller =>
					return Ok(AccessBasis::PatientController),
				Accessor::Account(who) => (Some(who), T::Identity::active_practitioner(who, at)),
				Accessor::Device(_) => (None, None),
			};
			// Devices are checked by the devices pallet before it asks.
			let active = account.is_none() || practitioner.is_some();
			let mut closest = Closest::NoConsent;

			if let Some((window_id, _)) =
				account.and_then(|who| Self::emergency_window_at(patient, who, at))
			{
				if !active {
					closest = closest.max(Closest::AccessorInactive);
				} else if emergency_allows(purpose) {
					return Ok(AccessBasis::Emergency(window_id));
				} else {
					closest = closest.max(Closest::OutOfScope);
				}
			}

			let mut allowed: Option<ConsentId> = None;
			for consent_id in ConsentsOfPatient::<T>::iter_key_prefix(patient) {
				let Some(consent) = Consents::<T>::get(consent_id) else { continue };
				if !consent.names(accessor, practitioner.as_ref()) {
					continue;
				}
				let reached = if !active {
					Closest::AccessorInactive
				} else if consent.is_revoked_at(at) {
					Closest::ConsentRevoked
				} else if !consent.is_in_period(at) {
					Closest::ConsentExpired
				} else if !consent.covers(&target, action, purpose) {
					Closest::OutOfScope
				} else {
					allowed = Some(allowed.map_or(consent_id, |best| best.min(consent_id)));
					continue;
				};
				closest = closest.max(reached);
			}

			match allowed {
				Some(consent_id) => Ok(AccessBasis::Consent(consent_id)),
				None => Err(closest.into()),
			}
		}

		/// [`Pallet::decide`] at block `at`, or at the current block if `None`. Backs the
		/// runtime API's `access_decision`.
		pub fn access_decision(
			accessor: Accessor<T::AccountId>,
			patient: PatientId,
			target: AccessTarget,
			action: AccessAction,
			purpose: Purpose,
			at: Option<BlockNumberFor<T>>,
		) -> Result<AccessBasis, DenialReason> {
			let at = at.unwrap_or_else(frame_system::Pallet::<T>::block_number);
			Self::decide(&accessor, &patient, target, action, purpose, at)
		}

		/// The weight of one [`Pallet::decide`] about the current block, for pallets that
		/// call it: the benchmarked worst case (`WeightInfo::decide`: an open emergency
		/// window that does not cover the purpose, then `MaxConsentsPerPatient` consents
		/// that name the accessor, every one read and none covering the request).
		pub fn decide_weight() -> Weight {
			T::WeightInfo::decide(T::MaxConsentsPerPatient::get())
		}

		/// The weight of one [`Pallet::decide`] about `patient` with the consents it holds
		/// now, plus the read of its consent count, capped at [`Pallet::decide_weight`] (for
		/// a patient at the bound that leaves the one read uncounted).
		pub fn decide_weight_for(patient: &PatientId) -> Weight {
			let consents = ConsentCount::<T>::get(patient).min(T::MaxConsentsPerPatient::get());
			T::WeightInfo::decide(consents)
				.saturating_add(T::DbWeight::get().reads(1))
				.min(Self::decide_weight())
		}

		/// A page of `patient`'s consents, in storage order, after consent `start_after` (the
		/// last id of the previous page), at most `limit` (capped at [`MAX_PAGE_SIZE`]).
		pub fn consents_of_patient(
			patient: PatientId,
			start_after: Option<ConsentId>,
			limit: u32,
		) -> Vec<(ConsentId, Consent<T>)> {
			let ids = match start_after {
				Some(after) => ConsentsOfPatient::<T>::iter_key_prefix_from(
					patient,
					ConsentsOfPatient::<T>::hashed_key_for(patient, after),
				),
				None => ConsentsOfPatient::<T>::iter_key_prefix(patient),
			};
			Self::page_of_consents(ids, limit)
		}

		/// A page of the consents granted to `grantee`, in storage order, after consent
		/// `start_after`, at most `limit` (capped at [`MAX_PAGE_SIZE`]).
		pub fn consents_of_grantee(
			grantee: Grantee<T::AccountId>,
			start_after: Option<ConsentId>,
			limit: u32,
		) -> Vec<(ConsentId, Consent<T>)> {
			let ids = match start_after {
				Some(after) => ConsentsOfGrantee::<T>::iter_key_prefix_from(
					&grantee,
					ConsentsOfGrantee::<T>::hashed_key_for(&grantee, after),
				),
				None => ConsentsOfGrantee::<T>::iter_key_prefix(&grantee),
			};
			Self::page_of_consents(ids, limit)
		}

		/// A page of the emergency windows ever opened on `patient`, in storage order, after
		/// window `start_after`, at most `limit` (capped at [`MAX_PAGE_SIZE`]).
		pub fn emergencies_of_patient(
			patient: PatientId,
			start_after: Option<EmergencyId>,
			limit: u32,
		) -> Vec<(EmergencyId, EmergencyWindowOf<T>)> {
			let ids = match start_after {
				Some(after) => EmergenciesOfPatient::<T>::iter_key_prefix_from(
					patient,
					EmergenciesOfPatient::<T>::hashed_key_for(patient, after),
				),
				None => EmergenciesOfPatient::<T>::iter_key_prefix(patient),
			};
			ids.filter_map(|id| Emergencies::<T>::get(id).map(|window| (id, window)))
				.take(limit.min(MAX_PAGE_SIZE) as usize)
				.collect()
		}

		/// The second-factor payload of [`Pallet::grant`] (see the crate documentation).
		pub fn grant_payload(
			patient: &PatientId,
			grantee: &Grantee<T::AccountId>,
			scope: &ScopeOf<T>,
			actions: &Actions,
			purposes: &Purposes,
			valid_from: &Option<BlockNumberFor<T>>,
			valid_until: &Option<BlockNumberFor<T>>,
			key_envelope: &Option<KeyEnvelopeOf<T>>,
		) -> Vec<u8> {
			(
				GRANT_TAG,
				patient,
				grantee,
				scope,
				actions,
				purposes,
				valid_from,
				valid_until,
				key_envelope,
			)
				.encode()
		}

		/// The second-factor payload of [`Pallet::revoke`] (see the crate documentation).
		pub fn revoke_payload(consent_id: ConsentId) -> Vec<u8> {
			(REVOKE_TAG, consent_id).encode()
		}

		/// The second-factor payload of [`Pallet::open_emergency`] (see the crate
		/// documentation).
		pub fn open_emergency_payload(
			patient: &PatientId,
			reason: &EmergencyReason,
			duration: &BlockNumberFor<T>,
		) -> Vec<u8> {
			(OPEN_EMERGENCY_TAG, patient, reason, duration).encode()
		}

		/// The signer's standing towards `patient`: its controller or a guardian.
		fn ensure_representative(
			patient: &PatientId,
			who: &T::AccountId,
		) -> Result<Representative, DispatchError> {
			let controller =
				T::Pseudonyms::controller(patient).ok_or(Error::<T>::UnknownPatient)?;
			if controller == *who {
				Ok(Representative::Controller)
			} else if T::Pseudonyms::is_guardian(patient, who) {
				Ok(Representative::Guardian)
			} else {
				Err(Error::<T>::NotControllerOrGuardian.into())
			}
		}

		/// A guardian always proves a second factor; the controller when the registry
		/// requires it.
		fn check_second_factor(
			who: &T::AccountId,
			representative: Representative,
			payload: &[u8],
			proof: Option<&SecondFactorProof>,
		) -> DispatchResult {
			use iomt_primitives::SecondFactor as _;
			if representative == Representative::Guardian || T::SecondFactor::is_required(who) {
				T::SecondFactor::verify_and_consume(who, payload, proof)
			} else {
				Ok(())
			}
		}

		/// The window of `opener` on `patient` that covers block `at`, if any. A practitioner's
		/// windows on one patient never overlap and are chained newest first, so the first
		/// window opened at or before `at` is the only candidate.
		fn emergency_window_at(
			patient: &PatientId,
			opener: &T::AccountId,
			at: BlockNumberFor<T>,
		) -> Option<(EmergencyId, EmergencyWindowOf<T>)> {
			let mut next = LatestEmergency::<T>::get(patient, opener);
			while let Some(window_id) = next {
				let window = Emergencies::<T>::get(window_id)?;
				if window.opened_at <= at {
					return window.covers(at).then_some((window_id, window));
				}
				next = window.previous;
			}
			None
		}

		/// Up to `limit` (capped) consents of the ids yielded by `ids`.
		fn page_of_consents(
			ids: impl Iterator<Item = ConsentId>,
			limit: u32,
		) -> Vec<(ConsentId, Consent<T>)> {
			ids.filter_map(|id| Consents::<T>::get(id).map(|consent| (id, consent)))
				.take(limit.min(MAX_PAGE_SIZE) as usize)
				.collect()
		}

		/// Invariants: both consent indexes match the consents, the per-patient counts match
		/// and respect the bound, the held deposits equal the recorded ones; every window is
		/// indexed, windows not closed and not expired are listed as open, closed ones are
		/// not, and each practitioner's windows on a patient are chained without overlap.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use frame_support::traits::fungible::InspectHold;

			let next_consent = NextConsentId::<T>::get();
			let mut per_patient: BTreeMap<PatientId, u32> = BTreeMap::new();
			let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			for (id, consent) in Consents::<T>::iter() {
				ensure!(id < next_consent, "a consent id is not below NextConsentId");
				ensure!(
					ConsentsOfPatient::<T>::contains_key(consent.patient, id),
					"a consent is missing from ConsentsOfPatient"
				);
				ensure!(
					ConsentsOfGrantee::<T>::contains_key(&consent.grantee, id),
					"a consent is missing from ConsentsOfGrantee"
				);
				ensure!(
					consent.valid_until.is_none_or(|until| until > consent.valid_from),
					"a consent has an empty period"
				);
				let count = per_patient.entry(consent.patient).or_default();
				*count = count.saturating_add(1);
				let deposit = held.entry(consent.granter.clone()).or_default();
				*deposit = deposit.saturating_add(consent.deposit);
			}
			for (patient, id) in ConsentsOfPatient::<T>::iter_keys() {
				ensure!(
					Consents::<T>::get(id).is_some_and(|c| c.patient == patient),
					"ConsentsOfPatient names a missing or foreign consent"
				);
			}
			for (grantee, id) in ConsentsOfGrantee::<T>::iter_keys() {
				ensure!(
					Consents::<T>::get(id).is_some_and(|c| c.grantee == grantee),
					"ConsentsOfGrantee names a missing or foreign consent"
				);
			}
			let mut counted = 0usize;
			for (patient, count) in ConsentCount::<T>::iter() {
				counted = counted.saturating_add(1);
				ensure!(
					per_patient.get(&patient) == Some(&count),
					"ConsentCount differs from the patient's consents"
				);
				ensure!(count <= T::MaxConsentsPerPatient::get(), "more consents than allowed");
			}
			ensure!(counted == per_patient.len(), "a patient with consents has no ConsentCount");
			for (granter, deposit) in held {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::ConsentDeposit.into(), &granter)
						== deposit,
					"the held consent deposit differs from the consents' recorded deposits"
				);
			}

			let next_window = NextEmergencyId::<T>::get();
			let now = frame_system::Pallet::<T>::block_number();
			for (id, window) in Emergencies::<T>::iter() {
				ensure!(id < next_window, "a window id is not below NextEmergencyId");
				ensure!(
					EmergenciesOfPatient::<T>::contains_key(window.patient, id),
					"a window is missing from EmergenciesOfPatient"
				);
				ensure!(window.opened_at < window.expires_at, "a window is empty");
				ensure!(
					window.closed_at.is_none_or(|c| window.opened_at <= c && c < window.expires_at),
					"a window was closed outside its term"
				);
				ensure!(
					window.closed_at.is_some() == window.closed_by.is_some(),
					"a window's closing block and closer disagree"
				);
				let listed = OpenEmergencies::<T>::get(window.patient)
					.iter()
					.any(|(open, expires)| *open == id && *expires == window.expires_at);
				if window.closed_at.is_some() {
					ensure!(!listed, "a closed window is listed as open");
				} else if window.expires_at > now {
					ensure!(listed, "an open window is missing from OpenEmergencies");
				}
				ensure!(
					LatestEmergency::<T>::get(window.patient, &window.opener)
						.is_some_and(|latest| latest >= id),
					"a window is not reachable from LatestEmergency"
				);
				if let Some(previous_id) = window.previous {
					let previous =
						Emergencies::<T>::get(previous_id).ok_or("a previous window is missing")?;
					ensure!(
						previous_id < id
							&& previous.patient == window.patient
							&& previous.opener == window.opener
							&& previous.ends_at() <= window.opened_at,
						"a practitioner's windows on a patient overlap or are chained wrongly"
					);
				}
			}
			for (patient, id) in EmergenciesOfPatient::<T>::iter_keys() {
				ensure!(
					Emergencies::<T>::get(id).is_some_and(|w| w.patient == patient),
					"EmergenciesOfPatient names a missing or foreign window"
				);
			}
			for (patient, opener, id) in LatestEmergency::<T>::iter() {
				ensure!(
					Emergencies::<T>::get(id)
						.is_some_and(|w| w.patient == patient && w.opener == opener),
					"LatestEmergency names a missing or foreign window"
				);
			}
			for (patient, open) in OpenEmergencies::<T>::iter() {
				ensure!(!open.is_empty(), "an empty OpenEmergencies entry is stored");
				for (id, expires) in open {
					ensure!(
						Emergencies::<T>::get(id)
							.is_some_and(|w| w.patient == patient
								&& w.closed_at.is_none() && w.expires_at == expires),
						"OpenEmergencies names a missing, foreign or closed window"
					);
				}
			}
			Ok(())
		}
	}

	impl<T: Config> iomt_primitives::AccessDecision<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
		fn decide(
			accessor: &Accessor<T::AccountId>,
			patient: &PatientId,
			target: AccessTarget,
			action: AccessAction,
			purpose: Purpose,
			at: BlockNumberFor<T>,
		) -> Result<AccessBasis, DenialReason> {
			Pallet::<T>::decide(accessor, patient, target, action, purpose, at)
		}

		fn decide_weight() -> Weight {
			Pallet::<T>::decide_weight()
		}

		fn decide_weight_for(patient: &PatientId) -> Weight {
			Pallet::<T>::decide_weight_for(patient)
		}
	}
}
