//! # Audit
//!
//! The chain's audit trail, modelled on FHIR AuditEvent: who accessed or tried to access
//! which patient's data, on what basis, and every consent and emergency event. It serves
//! HIPAA 164.312(b) (audit controls: record and examine activity) and 164.528 (accounting
//! of disclosures: a patient may ask who was given their data).
//!
//! ## Terms
//!
//! - A **trail** is the sequence of [`AuditEntry`]s of one patient (a pseudonym,
//!   [`iomt_primitives::PatientId`]), numbered `0, 1, 2, ...` in the order recorded.
//! - An **entry** names the **agent** (an account or a device), the agent's organisation and
//!   role at that moment (asked of [`iomt_primitives::IdentityProvider`]; `None` for devices
//!   and accounts that are not active practitioners), the action, the entity acted on (by id:
//!   no record content, key or consent copy is ever stored), the purpose, the outcome
//!   (allowed and on which basis, or denied and why), the block and the wall-clock time in
//!   milliseconds ([`Config::Time`]).
//! - The **head** of a trail commits to all of its entries: it starts at [`GENESIS_HEAD`]
//!   (`[0; 32]`) and each entry moves it to `blake2_256(previous head ++ SCALE(entry))`
//!   ([`chain_head`]). Anyone holding the entries can recompute it with [`verify_chain`]
//!   (a pure function, usable off-chain with `std`) and compare it with the head the chain
//!   reports: a removed, altered, inserted or reordered entry is detected.
//! - A **flagged** entry is one auditors must review: a denied attempt, an access on an
//!   emergency (break-glass) basis, or the opening of an emergency window
//!   ([`AuditEntry::is_flagged`]).
//! - A **disclosure** is an allowed request to read ([`AuditEntry::is_disclosure`]); the
//!   HIPAA accounting lists them.
//!
//! ## How entries are made
//!
//! - [`Pallet::request_access`]: any signed account asks to read or write a patient's record
//!   (or category) for a purpose before an off-chain custodian releases ciphertext. The
//!   pallet asks the one access decision of the chain ([`Config::Decision`], the consent
//!   pallet) about the signer at the current block and records the answer. The call
//!   **always succeeds**: a denied attempt is recorded (and flagged) just like an allowed
//!   one, and evented as [`Event::AccessDenied`]; an allowed one as [`Event::AccessGranted`],
//!   with `emergency: true` when the basis is an emergency window. Custodians release data
//!   on seeing `AccessGranted`.
//! - **Second factor** (HIPAA 164.312(d), person or entity authentication): when
//!   [`Config::SecondFactor`] says the signer needs one (its organisation requires it, or it
//!   registered a key), the request must carry a proof over
//!   [`Pallet::access_request_payload`] (the bytes the registry's second-factor key signs
//!   are documented with [`iomt_primitives::SecondFactor`]). A missing, stale or wrong
//!   proof does not fail the call: the attempt is recorded and flagged as denied with
//!   [`iomt_primitives::DenialReason::SecondFactorFailed`], and the access decision is not
//!   asked. A valid proof consumes the signer's second-factor nonce, so it cannot be
//!   replayed.
//! - Other pallets append through [`iomt_primitives::AuditLog`] (records anchored, amended,
//!   erased, device batches), and the consent pallet notifies grants, revocations and
//!   emergency windows through [`iomt_primitives::ConsentEvents`]; each becomes an entry with
//!   outcome `Allowed(None)`. Callers include [`Pallet::log_weight`] in their own weight.
//! - [`Pallet::review`]: an auditor (role `Auditor` at an active regulator) or an admin of
//!   the organisation recorded on a flagged entry records the review of that entry and its
//!   [`iomt_primitives::ReviewFinding`] (HIPAA 164.308(a)(1)(ii)(D), information system
//!   activity review). The review is itself an entry of the same trail (action
//!   `Reviewed(finding)`, entity `Entry(index)`), so it is hash-chained; [`ReviewLog`] maps
//!   the flagged entry to it, and [`Pallet::unreviewed`] lists what is still to review.
//!
//! Entries are never changed or deleted: the trail is append-only. There is no deposit; the
//! storage of an entry is paid by the transaction fee of the call that makes it (the signer
//! of `request_access`, or the signer of the other pallet's call). There is no rate limit:
//! every request costs its fee, which is what bounds spam.
//!
//! ## Storage cost of one entry
//!
//! With 32-byte accounts and `u32` block numbers, [`AuditEntry`] has a `max_encoded_len` of
//! **76 bytes** (agent 33, organisation 5, role 2, action 2, entity 9, purpose 2, outcome 11,
//! block 4, timestamp 8; checked by a test). Each entry also writes three (flagged: four)
//! storage keys: the [`PatientLog`] key (96 bytes), the [`AccessorLog`] key (137 bytes, no
//! value) and, when flagged, the [`FlaggedLog`] key (96 bytes, no value); [`PatientHead`]
//! (32 bytes) and [`PatientLogLength`] (8 bytes) are overwritten in place. So one entry adds
//! about 309 bytes of state (405 flagged), paid by the fee as above.
//!
//! ## Queries
//!
//! The `pub fn`s [`Pallet::patient_trail`], [`Pallet::accessor_history`],
//! [`Pallet::disclosures`], [`Pallet::flagged`], [`Pallet::unreviewed`],
//! [`Pallet::review_of`] and [`Pallet::head`] back the
//! [`runtime_api::AuditApi`] for patients, auditors and regulators. Pages hold at most
//! [`MAX_PAGE_SIZE`] entries.

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

/// Largest number of entries the query functions (and runtime API) return per page.
pub const MAX_PAGE_SIZE: u32 = 100;

/// Sets up what the benchmarks need outside this pallet.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Make a second factor required for `who` and return a proof over `payload` that the
	/// configured `SecondFactor` accepts.
	fn second_factor(
		who: &AccountId,
		payload: &[u8],
	) -> Option<iomt_primitives::SecondFactorProof>;
	/// Admit a new active organisation administered by `admin`, with `practitioner` an
	/// active practitioner there; its id.
	fn organisation_with_practitioner(
		admin: &AccountId,
		practitioner: &AccountId,
	) -> iomt_primitives::OrganisationId;
	/// Make `who` an active practitioner with role `Auditor` of a new active regulator.
	fn auditor(who: &AccountId);
}

/// Domain tag of the second-factor payload of an access request.
pub const ACCESS_REQUEST_TAG: [u8; 19] = *b"iomt/access-request";

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::{pallet_prelude::*, traits::UnixTime};
	use frame_system::pallet_prelude::*;
	use iomt_primitives::{
		AccessAction, AccessBasis, AccessDecision, AccessTarget, Accessor, AuditAction,
		AuditEntity, AuditOutcome, ConsentEvents, ConsentId, DenialReason, EmergencyId,
		IdentityProvider, OrganisationId, OrganisationKind, PatientId, PractitionerRole, Purpose,
		ReviewFinding, SecondFactor, SecondFactorProof,
	};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The access decision of the chain (the consent pallet).
		type Decision: AccessDecision<Self::AccountId, BlockNumberFor<Self>>;

		/// Organisations and practitioners (the registry pallet), for the agent's
		/// organisation and role at the time of an entry.
		type Identity: IdentityProvider<Self::AccountId, BlockNumberFor<Self>>;

		/// Wall-clock time for entry timestamps (the timestamp pallet).
		type Time: UnixTime;

		/// Second factors of accounts that must present one (the registry pallet).
		type SecondFactor: SecondFactor<Self::AccountId>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Sets up second factors for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Every patient's trail: `(patient, index) -> entry`, indexes `0..PatientLogLength`.
	#[pallet::storage]
	pub type PatientLog<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		PatientId,
		Twox64Concat,
		u64,
		AuditEntryOf<T>,
		OptionQuery,
	>;

	/// Number of entries in a patient's trail (the index the next entry gets).
	#[pallet::storage]
	pub type PatientLogLength<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, u64, ValueQuery>;

	/// Head of a patient's hash chain over its entries; [`GENESIS_HEAD`] while it has none.
	#[pallet::storage]
	pub type PatientHead<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, [u8; 32], ValueQuery>;

	/// Index of the entries by agent: `(agent, (patient, index)) -> ()`.
	#[pallet::storage]
	pub type AccessorLog<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		Accessor<T::AccountId>,
		Blake2_128Concat,
		(PatientId, u64),
		(),
		OptionQuery,
	>;

	/// Index of the flagged entries (denied attempts, emergency accesses and openings) by
	/// patient: `(patient, index) -> ()`.
	#[pallet::storage]
	pub type FlaggedLog<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, PatientId, Twox64Concat, u64, (), OptionQuery>;

	/// The reviews of flagged entries: `(patient, flagged index) -> index of the review's
	/// own entry` (action `Reviewed(finding)`, entity `Entry(flagged index)`). A flagged
	/// entry is reviewed at most once.
	#[pallet::storage]
	pub type ReviewLog<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, PatientId, Twox64Concat, u64, u64, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `accessor` may perform `action` on `target` of `patient` for `purpose` on `basis`;
		/// recorded as entry `index`. `emergency`: the basis is a break-glass window.
		AccessGranted {
			patient: PatientId,
			accessor: T::AccountId,
			index: u64,
			target: AccessTarget,
			action: AccessAction,
			purpose: Purpose,
			basis: AccessBasis,
			emergency: bool,
		},
		/// `accessor` may not perform `action` on `target` of `patient` for `purpose`, for
		/// `reason`; the attempt is recorded (and flagged) as entry `index`.
		AccessDenied {
			patient: PatientId,
			accessor: T::AccountId,
			index: u64,
			target: AccessTarget,
			action: AccessAction,
			purpose: Purpose,
			reason: DenialReason,
		},
		/// `reviewer` reviewed flagged entry `index` of `patient` and found `finding`; the
		/// review is entry `review_index` of the same trail.
		EntryReviewed {
			patient: PatientId,
			index: u64,
			reviewer: T::AccountId,
			finding: ReviewFinding,
			review_index: u64,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The patient's trail has no entry with this index.
		UnknownEntry,
		/// The entry is not flagged; only flagged entries are reviewed.
		NotFlagged,
		/// The entry was reviewed already.
		AlreadyReviewed,
		/// The signer is neither an active auditor of an active regulator nor an admin of
		/// the organisation recorded on the entry.
		NotAReviewer,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Ask to perform `action` on `target` of `patient` for `purpose`. The access
		/// decision about the signer at the current block is recorded in the patient's trail
		/// whatever it is, and evented as `AccessGranted` or `AccessDenied`; the call
		/// succeeds either way. The fee pays for the entry's storage.
		///
		/// `second_factor`: required when the signer must present one, a proof over
		/// [`Pallet::access_request_payload`]; without a valid one the attempt is recorded as
		/// denied (`SecondFactorFailed`) and the decision is not asked.
		///
		/// Weight: charged up front with the access decision's worst case; the actual weight
		/// counts the decision about `patient` only (none when it was not asked).
		///
		/// Origin: signed by anyone.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::request_access().saturating_add(T::Decision::decide_weight()))]
		pub fn request_access(
			origin: OriginFor<T>,
			patient: PatientId,
			target: AccessTarget,
			action: AccessAction,
			purpose: Purpose,
			second_factor: Option<SecondFactorProof>,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let agent = Accessor::Account(who.clone());
			let now = frame_system::Pallet::<T>::block_number();
			// A failed check must leave no trace but the denied entry: its own storage layer.
			let authenticated = !T::SecondFactor::is_required(&who) ||
				frame_support::storage::with_storage_layer(|| {
					T::SecondFactor::verify_and_consume(
						&who,
						&Self::access_request_payload(&patient, &target, action, purpose),
						second_factor.as_ref(),
					)
				})
				.is_ok();
			let (decision, actual_weight) = if authenticated {
				(
					T::Decision::decide(&agent, &patient, target, action, purpose, now),
					T::WeightInfo::request_access()
						.saturating_add(T::Decision::decide_weight_for(&patient)),
				)
			} else {
				(Err(DenialReason::SecondFactorFailed), T::WeightInfo::request_access())
			};
			let entity = match target {
				AccessTarget::Record(record, _) => AuditEntity::Record(record),
				AccessTarget::Category(category) => AuditEntity::Category(category),
			};
			let outcome = match decision {
				Ok(basis) => AuditOutcome::Allowed(Some(basis)),
				Err(reason) => AuditOutcome::Denied(reason),
			};
			let index = Self::append(
				&patient,
				agent,
				AuditAction::AccessRequest(action),
				entity,
				Some(purpose),
				outcome,
			);
			match decision {
				Ok(basis) => Self::deposit_event(Event::AccessGranted {
					patient,
					accessor: who,
					index,
					target,
					action,
					purpose,
					basis,
					emergency: matches!(basis, AccessBasis::Emergency(_)),
				}),
				Err(reason) => Self::deposit_event(Event::AccessDenied {
					patient,
					accessor: who,
					index,
					target,
					action,
					purpose,
					reason,
				}),
			}
			Ok(Some(actual_weight).into())
		}

		/// Record the review of flagged entry `index` of `patient` (a denied attempt, an
		/// emergency access or opening) with its `finding`. The review is appended to the
		/// same trail (action `Reviewed(finding)`, entity `Entry(index)`, purpose
		/// `Operations`), so it is hash-chained like every other entry; each flagged entry is
		/// reviewed once.
		///
		/// Origin: signed by an active auditor (role `Auditor`) of an active regulator, or by
		/// an admin of the organisation recorded on the entry (its privacy officer reviewing
		/// its own staff's break-glass access).
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::review())]
		pub fn review(
			origin: OriginFor<T>,
			patient: PatientId,
			index: u64,
			finding: ReviewFinding,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let entry = PatientLog::<T>::get(patient, index).ok_or(Error::<T>::UnknownEntry)?;
			ensure!(entry.is_flagged(), Error::<T>::NotFlagged);
			ensure!(!ReviewLog::<T>::contains_key(patient, index), Error::<T>::AlreadyReviewed);
			ensure!(Self::may_review(&who, entry.organisation), Error::<T>::NotAReviewer);
			let review_index = Self::append(
				&patient,
				Accessor::Account(who.clone()),
				AuditAction::Reviewed(finding),
				AuditEntity::Entry(index),
				Some(Purpose::Operations),
				AuditOutcome::Allowed(None),
			);
			ReviewLog::<T>::insert(patient, index, review_index);
			Self::deposit_event(Event::EntryReviewed {
				patient,
				index,
				reviewer: who,
				finding,
				review_index,
			});
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Whether `who` may review an entry recorded for `organisation`: an active auditor
		/// of an active regulator, or an admin of that organisation.
		fn may_review(who: &T::AccountId, organisation: Option<OrganisationId>) -> bool {
			let now = frame_system::Pallet::<T>::block_number();
			organisation.is_some_and(|org| T::Identity::is_organisation_admin(who, org)) ||
				T::Identity::active_practitioner(who, now).is_some_and(|info| {
					info.role == PractitionerRole::Auditor &&
						info.organisation_kind == OrganisationKind::Regulator
				})
		}

		/// The bytes a second-factor proof of [`Pallet::request_access`] signs (through the
		/// registry's message, which adds the account and nonce):
		/// `SCALE((b"iomt/access-request", patient, target, action, purpose))`, the tag as a
		/// fixed array. The tag keeps a proof made for another call from being accepted here.
		pub fn access_request_payload(
			patient: &PatientId,
			target: &AccessTarget,
			action: AccessAction,
			purpose: Purpose,
		) -> Vec<u8> {
			use codec::Encode;
			(ACCESS_REQUEST_TAG, patient, target, action, purpose).encode()
		}

		/// The weight of appending one entry through [`iomt_primitives::AuditLog`] or
		/// [`iomt_primitives::ConsentEvents`]: reads `PatientLogLength`, `PatientHead` and
		/// the agent's identity (2), writes `PatientLog`, `PatientLogLength`, `PatientHead`,
		/// `AccessorLog` and `FlaggedLog`. Callers add it to their own weight.
		pub fn log_weight() -> Weight {
			T::DbWeight::get().reads_writes(4, 5)
		}

		/// Appends an entry made now to `patient`'s trail, moves its head and updates the
		/// indexes; returns the entry's index.
		pub(crate) fn append(
			patient: &PatientId,
			agent: Accessor<T::AccountId>,
			action: AuditAction,
			entity: AuditEntity,
			purpose: Option<Purpose>,
			outcome: AuditOutcome,
		) -> u64 {
			let block = frame_system::Pallet::<T>::block_number();
			let identity = match &agent {
				Accessor::Account(who) => T::Identity::active_practitioner(who, block),
				Accessor::Device(_) => None,
			};
			let entry = AuditEntry {
				agent,
				organisation: identity.map(|info| info.organisation),
				role: identity.map(|info| info.role),
				action,
				entity,
				purpose,
				outcome,
				block,
				timestamp: u64::try_from(T::Time::now().as_millis()).unwrap_or(u64::MAX),
			};
			let index = PatientLogLength::<T>::get(patient);
			let head = chain_head(&PatientHead::<T>::get(patient), &entry);
			if entry.is_flagged() {
				FlaggedLog::<T>::insert(patient, index, ());
			}
			AccessorLog::<T>::insert(&entry.agent, (*patient, index), ());
			PatientLog::<T>::insert(patient, index, entry);
			// A trail of 2^64 entries cannot be paid for; saturating keeps this panic-free.
			PatientLogLength::<T>::insert(patient, index.saturating_add(1));
			PatientHead::<T>::insert(patient, head);
			index
		}

		/// `patient`'s entries from index `from_index` on, in index order, at most `limit`
		/// (capped at [`MAX_PAGE_SIZE`]). With `blocks = Some((first, last))` only entries
		/// recorded in blocks `first..=last` (found by binary search: entries are in block
		/// order). Continue with the last index + 1.
		pub fn patient_trail(
			patient: PatientId,
			from_index: u64,
			limit: u32,
			blocks: Option<(BlockNumberFor<T>, BlockNumberFor<T>)>,
		) -> Vec<(u64, AuditEntryOf<T>)> {
			let length = PatientLogLength::<T>::get(patient);
			let start = match blocks {
				Some((first, _)) =>
					from_index.max(Self::first_index_from_block(&patient, length, first)),
				None => from_index,
			};
			(start..length)
				.map_while(|index| PatientLog::<T>::get(patient, index).map(|e| (index, e)))
				.take_while(|(_, entry)| blocks.is_none_or(|(_, last)| entry.block <= last))
				.take(limit.min(MAX_PAGE_SIZE) as usize)
				.collect()
		}

		/// A page of the entries whose agent is `accessor`, across patients, in storage order,
		/// after `start_after` (the `(patient, index)` ending the previous page), at most
		/// `limit` (capped at [`MAX_PAGE_SIZE`]).
		pub fn accessor_history(
			accessor: Accessor<T::AccountId>,
			start_after: Option<(PatientId, u64)>,
			limit: u32,
		) -> Vec<(PatientId, u64, AuditEntryOf<T>)> {
			let keys = match start_after {
				Some(after) => AccessorLog::<T>::iter_key_prefix_from(
					&accessor,
					AccessorLog::<T>::hashed_key_for(&accessor, after),
				),
				None => AccessorLog::<T>::iter_key_prefix(&accessor),
			};
			keys.filter_map(|(patient, index)| {
				PatientLog::<T>::get(patient, index).map(|entry| (patient, index, entry))
			})
			.take(limit.min(MAX_PAGE_SIZE) as usize)
			.collect()
		}

		/// The HIPAA accounting of disclosures: `patient`'s allowed read requests recorded in
		/// block `since_block` or later, in index order, at most `limit` (capped at
		/// [`MAX_PAGE_SIZE`]). For the next page, ask [`Self::patient_trail`] from the last
		/// index + 1 or call again from the last entry's block, skipping indexes seen.
		pub fn disclosures(
			patient: PatientId,
			since_block: BlockNumberFor<T>,
			limit: u32,
		) -> Vec<(u64, AuditEntryOf<T>)> {
			let length = PatientLogLength::<T>::get(patient);
			let start = Self::first_index_from_block(&patient, length, since_block);
			(start..length)
				.map_while(|index| PatientLog::<T>::get(patient, index).map(|e| (index, e)))
				.filter(|(_, entry)| entry.is_disclosure())
				.take(limit.min(MAX_PAGE_SIZE) as usize)
				.collect()
		}

		/// A page of `patient`'s flagged entries (denied attempts, emergency accesses and
		/// openings), in storage order, after index `start_after`, at most `limit` (capped at
		/// [`MAX_PAGE_SIZE`]).
		pub fn flagged(
			patient: PatientId,
			start_after: Option<u64>,
			limit: u32,
		) -> Vec<(u64, AuditEntryOf<T>)> {
			Self::flagged_page(patient, start_after, limit, |_| true)
		}

		/// A page of `patient`'s flagged entries that nobody has reviewed yet, in storage
		/// order, after index `start_after`, at most `limit` (capped at [`MAX_PAGE_SIZE`]).
		pub fn unreviewed(
			patient: PatientId,
			start_after: Option<u64>,
			limit: u32,
		) -> Vec<(u64, AuditEntryOf<T>)> {
			Self::flagged_page(patient, start_after, limit, |index| {
				!ReviewLog::<T>::contains_key(patient, index)
			})
		}

		/// The flagged entries of `patient` after `start_after` (storage order) whose index
		/// passes `keep`, at most `limit` (capped at [`MAX_PAGE_SIZE`]).
		fn flagged_page(
			patient: PatientId,
			start_after: Option<u64>,
			limit: u32,
			keep: impl Fn(u64) -> bool,
		) -> Vec<(u64, AuditEntryOf<T>)> {
			let indexes = match start_after {
				Some(after) => FlaggedLog::<T>::iter_key_prefix_from(
					patient,
					FlaggedLog::<T>::hashed_key_for(patient, after),
				),
				None => FlaggedLog::<T>::iter_key_prefix(patient),
			};
			indexes
				.filter(|index| keep(*index))
				.filter_map(|index| PatientLog::<T>::get(patient, index).map(|e| (index, e)))
				.take(limit.min(MAX_PAGE_SIZE) as usize)
				.collect()
		}

		/// The review of flagged entry `index` of `patient`, if any: the review entry's index
		/// and the entry (who reviewed, when, and the finding in its action).
		pub fn review_of(patient: PatientId, index: u64) -> Option<(u64, AuditEntryOf<T>)> {
			let review_index = ReviewLog::<T>::get(patient, index)?;
			PatientLog::<T>::get(patient, review_index).map(|entry| (review_index, entry))
		}

		/// The head of `patient`'s hash chain and the number of entries it covers.
		pub fn head(patient: PatientId) -> ([u8; 32], u64) {
			(PatientHead::<T>::get(patient), PatientLogLength::<T>::get(patient))
		}

		/// The first index below `length` whose entry was recorded in `block` or later
		/// (`length` if none); entries are in block order.
		fn first_index_from_block(
			patient: &PatientId,
			length: u64,
			block: BlockNumberFor<T>,
		) -> u64 {
			let (mut low, mut high) = (0u64, length);
			while low < high {
				let middle = low.saturating_add(high.saturating_sub(low) / 2);
				match PatientLog::<T>::get(patient, middle) {
					Some(entry) if entry.block < block => low = middle.saturating_add(1),
					_ => high = middle,
				}
			}
			low
		}

		/// Invariants: every trail has exactly the entries `0..PatientLogLength`, in block
		/// order, hashing to `PatientHead`; every entry is in `AccessorLog` under its agent
		/// and in `FlaggedLog` exactly when flagged; neither index names a missing entry;
		/// every review in `ReviewLog` is of a flagged entry and points at a later
		/// `Reviewed` entry about it.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let mut counted = 0u64;
			for (patient, length) in PatientLogLength::<T>::iter() {
				let mut entries = Vec::new();
				for index in 0..length {
					let entry = PatientLog::<T>::get(patient, index)
						.ok_or("an entry below PatientLogLength is missing")?;
					ensure!(
						AccessorLog::<T>::contains_key(&entry.agent, (patient, index)),
						"an entry is missing from AccessorLog"
					);
					ensure!(
						FlaggedLog::<T>::contains_key(patient, index) == entry.is_flagged(),
						"FlaggedLog disagrees with an entry's flag"
					);
					entries.push(entry);
				}
				counted = counted.saturating_add(length);
				ensure!(
					verify_chain(&entries, PatientHead::<T>::get(patient)).is_ok(),
					"a trail does not hash to its PatientHead"
				);
			}
			let mut stored = 0u64;
			for (patient, index, _) in PatientLog::<T>::iter() {
				stored = stored.saturating_add(1);
				ensure!(
					index < PatientLogLength::<T>::get(patient),
					"an entry lies beyond PatientLogLength"
				);
			}
			ensure!(stored == counted, "PatientLog holds entries of a trail without a length");
			for (patient, head) in PatientHead::<T>::iter() {
				ensure!(
					head == GENESIS_HEAD || PatientLogLength::<T>::contains_key(patient),
					"a head is stored for a trail without entries"
				);
			}
			for (agent, (patient, index)) in AccessorLog::<T>::iter_keys() {
				ensure!(
					PatientLog::<T>::get(patient, index).is_some_and(|e| e.agent == agent),
					"AccessorLog names a missing or foreign entry"
				);
			}
			for (patient, index) in FlaggedLog::<T>::iter_keys() {
				ensure!(
					PatientLog::<T>::get(patient, index).is_some_and(|e| e.is_flagged()),
					"FlaggedLog names a missing or unflagged entry"
				);
			}
			for (patient, index, review_index) in ReviewLog::<T>::iter() {
				ensure!(
					FlaggedLog::<T>::contains_key(patient, index),
					"ReviewLog reviews an entry that is not flagged"
				);
				ensure!(
					PatientLog::<T>::get(patient, review_index).is_some_and(|e| {
						matches!(e.action, AuditAction::Reviewed(_)) &&
							e.entity == AuditEntity::Entry(index) &&
							review_index > index
					}),
					"ReviewLog points at an entry that is not this entry's later review"
				);
			}
			Ok(())
		}
	}

	impl<T: Config> iomt_primitives::AuditLog<T::AccountId> for Pallet<T> {
		fn log(
			patient: &PatientId,
			agent: &Accessor<T::AccountId>,
			action: AuditAction,
			entity: AuditEntity,
			purpose: Option<Purpose>,
			outcome: AuditOutcome,
		) {
			Self::append(patient, agent.clone(), action, entity, purpose, outcome);
		}
	}

	impl<T: Config> ConsentEvents<T::AccountId> for Pallet<T> {
		fn consent_granted(patient: &PatientId, by: &T::AccountId, consent: ConsentId) {
			Self::log_consent_event(patient, by, AuditAction::ConsentGranted, consent);
		}
		fn consent_revoked(patient: &PatientId, by: &T::AccountId, consent: ConsentId) {
			Self::log_consent_event(patient, by, AuditAction::ConsentRevoked, consent);
		}
		fn emergency_opened(patient: &PatientId, by: &T::AccountId, window: EmergencyId) {
			Self::append(
				patient,
				Accessor::Account(by.clone()),
				AuditAction::EmergencyOpened,
				AuditEntity::Emergency(window),
				Some(Purpose::Emergency),
				AuditOutcome::Allowed(None),
			);
		}
		fn emergency_closed(patient: &PatientId, by: &T::AccountId, window: EmergencyId) {
			Self::append(
				patient,
				Accessor::Account(by.clone()),
				AuditAction::EmergencyClosed,
				AuditEntity::Emergency(window),
				None,
				AuditOutcome::Allowed(None),
			);
		}
	}

	impl<T: Config> Pallet<T> {
		/// Appends a consent grant or revocation by `by`.
		fn log_consent_event(
			patient: &PatientId,
			by: &T::AccountId,
			action: AuditAction,
			consent: ConsentId,
		) {
			Self::append(
				patient,
				Accessor::Account(by.clone()),
				action,
				AuditEntity::Consent(consent),
				None,
				AuditOutcome::Allowed(None),
			);
		}
	}
}
