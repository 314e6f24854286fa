//! # Records
//!
//! Electronic health records stay off-chain, encrypted by the patient's or the author's
//! wallet; this pallet anchors the hash of each ciphertext so that anyone can later prove a
//! record existed at a time, was written by a given author and has not been changed.
//! Nothing clinical is stored: only the pseudonym, a coarse category, the hash of the
//! ciphertext, where the ciphertext lives (an IPFS CIDv1), its size and encryption scheme.
//!
//! ## Terms
//!
//! - A **record** ([`Record`]) is either a **document** (one ciphertext) or a **batch** (the
//!   Merkle root of many signed device readings). Record ids come from a counter and are
//!   never reused. Records are never edited and never removed.
//! - The **patient** is a pseudonym of the pseudonyms pallet; its **controller** is the
//!   patient's account ([`iomt_primitives::PseudonymRegistry`]).
//! - The **author** is the signer who anchored the record; its **organisation** is the one
//!   the registry reports for it ([`iomt_primitives::IdentityProvider`]), if any.
//! - A **version chain** is an original record and the amendments that superseded it, one
//!   after the other ([`Pallet::version_chain`]); at most [`Config::MaxVersions`] long.
//!
//! ## Who may call what
//!
//! - [`Pallet::anchor`]: the patient's controller, or any account that the access decision
//!   ([`iomt_primitives::AccessDecision`], the consent pallet) allows to `Write` the
//!   record's category for `Treatment` now (a consent or an emergency window). The locator
//!   must be a CIDv1 (see [`cid`]). The same hash cannot be anchored twice for one patient.
//! - [`Pallet::amend`]: the same authorisation, on the old record's patient and category.
//!   The amendment is a new record; the old one is kept, marked `superseded_by`. Only the
//!   latest version of a document that is not erased can be amended.
//! - [`Pallet::erase`] (crypto-shredding, after the off-chain ciphertext and its key were
//!   destroyed): the patient's controller (legal basis optional), or an admin of the
//!   author's organisation with a legal basis ([`ErasureBasis`], required then). The
//!   record is marked erased and its locator cleared; the hash stays, and so does the hash
//!   index, so an erased hash cannot be anchored again for that patient.
//! - [`Pallet::anchor_batch`]: an active practitioner (any role, administrators included)
//!   of organisation `org` relays a batch signed by `device`. The devices pallet must
//!   report the device active and in `org`'s custody and return its key
//!   ([`iomt_primitives::DeviceRegistry::batch_signer`]); the key must have signed
//!   [`Pallet::batch_payload`]; and the access decision must allow the *device* to `Write`
//!   `VitalSigns` of the patient for `Treatment`. The root is indexed like a document hash,
//!   so a batch cannot be replayed for the same patient.
//!
//! Every successful anchor, amend, erase and batch is appended to the patient's audit
//! trail ([`iomt_primitives::AuditLog`]) with the basis that allowed it. A refused call
//! fails and its state changes, audit entries included, are reverted; refused attempts are
//! therefore not in the trail (the audit pallet's access requests are the place for
//! those).
//!
//! ## Deposits
//!
//! Records are permanent evidence, so their storage is paid by a deposit that is never
//! released: [`Config::RecordDepositBase`] plus [`Config::RecordDepositPerByte`] per locator
//! byte is held from the author (for a batch: the relayer) under
//! [`HoldReason::RecordDeposit`], and stored in the record. Erasure does not release it
//! (the record and its hash stay).
//!
//! ## Weights
//!
//! `anchor`, `amend` and `anchor_batch` may ask the access decision, whose cost depends on
//! how many consents the patient holds. Each is charged up front its own benchmarked weight
//! plus [`iomt_primitives::AccessDecision::decide_weight`] (the decision's benchmarked
//! worst case). The actual weight reported after dispatch is its own weight plus
//! [`iomt_primitives::AccessDecision::decide_weight_for`] the patient (the decision with
//! the consents the patient holds), or its own weight alone when the signer is the
//! patient's controller and the decision was not asked; the difference is refunded.
//!
//! ## Batch signatures
//!
//! A device signs the SCALE encoding of the tuple `(b"iomt/batch", device, patient,
//! merkle_root, count, from_ms, until_ms)`: the 10 tag bytes without a length prefix, the
//! 32-byte device id, the 32-byte pseudonym, the 32-byte root, `count` as a little-endian
//! `u32`, then `from_ms` and `until_ms` as little-endian `u64` ([`Pallet::batch_payload`]).
//!
//! ## Merkle trees of readings
//!
//! Batches use the tree of the `binary-merkle-tree` crate with BLAKE2b-256 as hasher
//! (`sp_runtime::traits::BlakeTwo256`):
//!
//! - a **reading blob** is the SCALE encoding of a reading, as the device produced it; the
//!   leaf hash is `blake2_256(blob)`;
//! - leaves keep the device's order; each level hashes `blake2_256(left ‖ right)` over
//!   consecutive pairs; an odd last node is promoted to the next level unchanged (not
//!   duplicated); a single leaf's hash is the root;
//! - a proof lists the sibling hashes from the leaf level up, without the leaf and the root.
//!
//! [`Pallet::verify_reading`] checks a blob, its proof, its index and the number of leaves
//! (which must equal the batch's `count`) against a batch's root.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod cid;
#[cfg(test)]
mod mock;
pub mod runtime_api;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

/// Largest number of records [`Pallet::records_of`] (and the runtime API) returns per page.
pub const MAX_PAGE_SIZE: u32 = 100;

/// Tag that starts every batch signature payload.
pub const BATCH_TAG: [u8; 10] = *b"iomt/batch";

/// Creates patients, practitioners, admins, consents and device signatures for the
/// benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Registers `patient` with `controller`.
	fn register_patient(patient: &iomt_primitives::PatientId, controller: &AccountId);
	/// Admits a new active care provider with `who` as its admin and an active
	/// practitioner there; its id.
	fn register_admin(who: &AccountId) -> iomt_primitives::OrganisationId;
	/// Makes the access decision allow `accessor` to write any category of `patient`.
	fn allow_write(
		accessor: &iomt_primitives::Accessor<AccountId>,
		patient: &iomt_primitives::PatientId,
	);
	/// Registers an active device in the custody of `custodian` (administered by
	/// `custodian_admin`) whose key signs through [`BenchmarkHelper::sign_as_device`]; its id.
	fn register_device(
		custodian: iomt_primitives::OrganisationId,
		custodian_admin: &AccountId,
	) -> iomt_primitives::DeviceId;
	/// The signature of `device`'s key over `message`.
	fn sign_as_device(
		device: &iomt_primitives::DeviceId,
		message: &[u8],
	) -> sp_runtime::MultiSignature;
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use codec::Encode;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			UnixTime,
		},
	};
	use frame_system::pallet_prelude::*;
	use iomt_primitives::{
		AccessAction, AccessBasis, AccessDecision, AccessTarget, Accessor, AuditAction,
		AuditEntity, AuditLog, AuditOutcome, DenialReason, DeviceDenial, DeviceId, DeviceRegistry,
		IdentityProvider, PatientId, PseudonymRegistry, Purpose, RecordCategory, RecordId,
	};
	use sp_runtime::traits::{BlakeTwo256, Saturating, Zero};

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// A locator: an IPFS CIDv1 string.
	pub type LocatorOf<T> = BoundedVec<u8, <T as Config>::MaxLocatorLength>;

	/// A stored record of this runtime.
	pub type RecordOf<T> = Record<T>;

	/// A record body of this runtime.
	pub type RecordBodyOf<T> = RecordBody<<T as Config>::MaxLocatorLength>;

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency from which record deposits are held.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The runtime's hold reason, which includes this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// The access decision of the chain (the consent pallet).
		type Decision: AccessDecision<Self::AccountId, BlockNumberFor<Self>>;

		/// Patient pseudonyms and their controllers (the pseudonyms pallet).
		type Pseudonyms: PseudonymRegistry<Self::AccountId>;

		/// Organisations, practitioners and admins (the registry pallet).
		type Identity: IdentityProvider<Self::AccountId, BlockNumberFor<Self>>;

		/// Device status, custody and keys (the devices pallet).
		type Devices: DeviceRegistry;

		/// The audit trail every anchor, amendment, erasure and batch is appended to.
		type Audit: AuditLog<Self::AccountId>;

		/// Chain time, stored with every record (the timestamp pallet).
		type Time: UnixTime;

		/// Longest locator (CIDv1 string) in bytes.
		#[pallet::constant]
		type MaxLocatorLength: Get<u32>;

		/// Longest version chain: an original record and its amendments.
		#[pallet::constant]
		type MaxVersions: Get<u32>;

		/// Deposit held (for good) for every record.
		#[pallet::constant]
		type RecordDepositBase: Get<BalanceOf<Self>>;

		/// Deposit held (for good) per locator byte.
		#[pallet::constant]
		type RecordDepositPerByte: Get<BalanceOf<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Creates the actors the benchmarks need.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper<Self::AccountId>;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for a (permanent) record, held from its author.
		#[codec(index = 0)]
		RecordDeposit,
	}

	/// Every anchored record, by id (never removed).
	#[pallet::storage]
	pub type Records<T: Config> = StorageMap<_, Twox64Concat, RecordId, RecordOf<T>, OptionQuery>;

	/// The id the next record gets; ids are never reused.
	#[pallet::storage]
	pub type NextRecordId<T: Config> = StorageValue<_, RecordId, ValueQuery>;

	/// The record that anchored a hash (or batch root) for a patient: `(patient, hash) ->
	/// record`. Kept after erasure.
	#[pallet::storage]
	pub type RecordOfHash<T: Config> = StorageDoubleMap<
		_,
		Blake2_128Concat,
		PatientId,
		Blake2_128Concat,
		[u8; 32],
		RecordId,
		OptionQuery,
	>;

	/// Index of the records by patient: `(patient, record) -> ()`.
	#[pallet::storage]
	pub type RecordsOfPatient<T: Config> =
		StorageDoubleMap<_, Blake2_128Concat, PatientId, Twox64Concat, RecordId, (), OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `author` anchored document `record_id` about `patient`, holding `deposit`.
		RecordAnchored {
			record_id: RecordId,
			patient: PatientId,
			category: RecordCategory,
			hash: [u8; 32],
			author: T::AccountId,
			deposit: BalanceOf<T>,
		},
		/// `author` amended `old_record` with the new version `record_id`.
		RecordAmended {
			old_record: RecordId,
			record_id: RecordId,
			patient: PatientId,
			hash: [u8; 32],
			author: T::AccountId,
			deposit: BalanceOf<T>,
		},
		/// `by` crypto-shredded `record_id` on the recorded legal `basis`.
		RecordErased {
			record_id: RecordId,
			patient: PatientId,
			by: T::AccountId,
			basis: Option<ErasureBasis>,
		},
		/// `relayer` of `organisation` anchored batch `record_id` of `count` readings signed
		/// by `device`.
		BatchAnchored {
			record_id: RecordId,
			patient: PatientId,
			device: DeviceId,
			merkle_root: [u8; 32],
			count: u32,
			relayer: T::AccountId,
			organisation: iomt_primitives::OrganisationId,
			deposit: BalanceOf<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The pseudonym is not registered, or was retired.
		UnknownPatient,
		/// No consent or emergency window lets the signer (or device) write this category.
		NoWriteConsent,
		/// The consent that would allow the write was revoked.
		ConsentRevoked,
		/// The consent that would allow the write is not yet valid or has expired.
		ConsentExpired,
		/// A consent names the writer but not this category, the write action or treatment.
		ConsentOutOfScope,
		/// The signer (or device) is not active, so no consent applies to it.
		AccessorInactive,
		/// The locator does not start with `b` or is not lower-case base32.
		LocatorNotBase32Lower,
		/// The locator is not a version 1 CID.
		LocatorNotCidV1,
		/// The locator's content codec is not raw, dag-pb or dag-cbor.
		LocatorCodecUnsupported,
		/// The locator's multihash is truncated or its length does not match its digest.
		LocatorMultihashMalformed,
		/// This hash (or batch root) is anchored for this patient already.
		HashAlreadyAnchored,
		/// The author cannot afford the record deposit.
		InsufficientBalanceForDeposit,
		/// Every record id has been used.
		RecordIdsExhausted,
		/// No record with this id exists.
		RecordNotFound,
		/// The record was superseded already; amend its latest version.
		AlreadySuperseded,
		/// The record was erased; it cannot be amended or erased again.
		RecordErased,
		/// The record is a device batch; batches cannot be amended.
		BatchNotAmendable,
		/// The version chain has `MaxVersions` records already.
		TooManyVersions,
		/// The signer is neither the patient's controller nor an admin of the author's
		/// organisation.
		NotControllerOrOrganisationAdmin,
		/// An organisation admin must record a legal basis for an erasure.
		LegalBasisRequired,
		/// The signer is not an active practitioner of an active organisation.
		NotActivePractitioner,
		/// A batch must contain at least one reading.
		EmptyBatch,
		/// The batch ends (`until_ms`) before it starts (`from_ms`).
		BatchPeriodReversed,
		/// No device with this id is registered.
		UnknownDevice,
		/// The device is suspended, recalled or decommissioned.
		DeviceNotActive,
		/// The device is not in the custody of the signer's organisation.
		NotCustodian,
		/// The signature is not the device key's signature of the batch payload.
		BadBatchSignature,
		/// The access decision asked for a second factor (the consent pallet's decision
		/// never does; kept so that every denial maps to a specific error).
		SecondFactorFailed,
	}

	impl<T> From<DenialReason> for Error<T> {
		fn from(reason: DenialReason) -> Self {
			match reason {
				DenialReason::UnknownPatient => Error::UnknownPatient,
				DenialReason::AccessorInactive => Error::AccessorInactive,
				DenialReason::NoConsent => Error::NoWriteConsent,
				DenialReason::ConsentRevoked => Error::ConsentRevoked,
				DenialReason::ConsentExpired => Error::ConsentExpired,
				DenialReason::OutOfScope => Error::ConsentOutOfScope,
				DenialReason::SecondFactorFailed => Error::SecondFactorFailed,
			}
		}
	}

	impl<T> From<DeviceDenial> for Error<T> {
		fn from(denial: DeviceDenial) -> Self {
			match denial {
				DeviceDenial::UnknownDevice => Error::UnknownDevice,
				DeviceDenial::DeviceNotActive => Error::DeviceNotActive,
				DeviceDenial::NotCustodian => Error::NotCustodian,
			}
		}
	}

	impl<T> From<cid::CidError> for Error<T> {
		fn from(e: cid::CidError) -> Self {
			match e {
				cid::CidError::NotBase32Lower => Error::LocatorNotBase32Lower,
				cid::CidError::NotVersion1 => Error::LocatorNotCidV1,
				cid::CidError::UnsupportedCodec => Error::LocatorCodecUnsupported,
				cid::CidError::MalformedMultihash => Error::LocatorMultihashMalformed,
			}
		}
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
		/// Anchor the `hash` of an encrypted document about `patient`, stored at `locator`
		/// (an IPFS CIDv1), holding the record deposit from the signer.
		///
		/// Origin: signed by the patient's controller or by an account the access decision
		/// allows to write `category` for treatment now.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::anchor().saturating_add(T::Decision::decide_weight()))]
		pub fn anchor(
			origin: OriginFor<T>,
			patient: PatientId,
			category: RecordCategory,
			hash: [u8; 32],
			algorithm: HashAlgorithm,
			locator: LocatorOf<T>,
			size: u64,
			encryption: EncryptionScheme,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let basis = Self::ensure_may_write(&who, &patient, category)?;
			cid::parse_cid_v1(&locator).map_err(Error::<T>::from)?;
			ensure!(
				!RecordOfHash::<T>::contains_key(patient, hash),
				Error::<T>::HashAlreadyAnchored
			);
			let body = RecordBody::Document { hash, algorithm, locator, size, encryption };
			let (record_id, deposit) = Self::insert_record(&who, patient, category, body, None, 1)?;
			T::Audit::log(
				&patient,
				&Accessor::Account(who.clone()),
				AuditAction::RecordAnchored,
				AuditEntity::Record(record_id),
				Some(Purpose::Treatment),
				AuditOutcome::Allowed(Some(basis)),
			);
			Self::deposit_event(Event::RecordAnchored {
				record_id,
				patient,
				category,
				hash,
				author: who,
				deposit,
			});
			Ok(Self::actual_weight(basis, T::WeightInfo::anchor(), &patient))
		}

		/// Amend document `old_record` with a new version (a new record that supersedes it),
		/// holding the record deposit from the signer.
		///
		/// Origin: as for [`Pallet::anchor`], on the old record's patient and category.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::amend().saturating_add(T::Decision::decide_weight()))]
		pub fn amend(
			origin: OriginFor<T>,
			old_record: RecordId,
			hash: [u8; 32],
			algorithm: HashAlgorithm,
			locator: LocatorOf<T>,
			size: u64,
			encryption: EncryptionScheme,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let mut old = Records::<T>::get(old_record).ok_or(Error::<T>::RecordNotFound)?;
			let basis = Self::ensure_may_write(&who, &old.patient, old.category)?;
			ensure!(matches!(old.body, RecordBody::Document { .. }), Error::<T>::BatchNotAmendable);
			ensure!(old.erased.is_none(), Error::<T>::RecordErased);
			ensure!(old.superseded_by.is_none(), Error::<T>::AlreadySuperseded);
			ensure!(old.version < T::MaxVersions::get(), Error::<T>::TooManyVersions);
			cid::parse_cid_v1(&locator).map_err(Error::<T>::from)?;
			let patient = old.patient;
			ensure!(
				!RecordOfHash::<T>::contains_key(patient, hash),
				Error::<T>::HashAlreadyAnchored
			);
			let body = RecordBody::Document { hash, algorithm, locator, size, encryption };
			let (record_id, deposit) = Self::insert_record(
				&who,
				patient,
				old.category,
				body,
				Some(old_record),
				old.version.saturating_add(1),
			)?;
			old.superseded_by = Some(record_id);
			Records::<T>::insert(old_record, old);
			T::Audit::log(
				&patient,
				&Accessor::Account(who.clone()),
				AuditAction::RecordAmended,
				AuditEntity::Record(old_record),
				Some(Purpose::Treatment),
				AuditOutcome::Allowed(Some(basis)),
			);
			Self::deposit_event(Event::RecordAmended {
				old_record,
				record_id,
				patient,
				hash,
				author: who,
				deposit,
			});
			Ok(Self::actual_weight(basis, T::WeightInfo::amend(), &patient))
		}

		/// Crypto-shred `record`: mark it erased on `legal_basis` and clear its locator; the
		/// hash stays. The deposit stays held.
		///
		/// Origin: signed by the patient's controller (basis optional) or by an admin of the
		/// author's organisation (basis required).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::erase())]
		pub fn erase(
			origin: OriginFor<T>,
			record: RecordId,
			legal_basis: Option<ErasureBasis>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut stored = Records::<T>::get(record).ok_or(Error::<T>::RecordNotFound)?;
			let is_controller = T::Pseudonyms::controller(&stored.patient).as_ref() == Some(&who);
			if !is_controller {
				let org =
					stored.organisation.ok_or(Error::<T>::NotControllerOrOrganisationAdmin)?;
				ensure!(
					T::Identity::is_organisation_admin(&who, org),
					Error::<T>::NotControllerOrOrganisationAdmin
				);
				ensure!(legal_basis.is_some(), Error::<T>::LegalBasisRequired);
			}
			// The patient erases as controller; an admin acts on the legal basis (in the
			// event and the record), which is no access basis: the entry carries `None`.
			let basis = is_controller.then_some(AccessBasis::PatientController);
			ensure!(stored.erased.is_none(), Error::<T>::RecordErased);
			if let RecordBody::Document { locator, .. } = &mut stored.body {
				*locator = BoundedVec::new();
			}
			let now = frame_system::Pallet::<T>::block_number();
			stored.erased = Some(Erasure { by: who.clone(), at: now, basis: legal_basis });
			let patient = stored.patient;
			Records::<T>::insert(record, stored);
			T::Audit::log(
				&patient,
				&Accessor::Account(who.clone()),
				AuditAction::RecordErased,
				AuditEntity::Record(record),
				None,
				AuditOutcome::Allowed(basis),
			);
			Self::deposit_event(Event::RecordErased {
				record_id: record,
				patient,
				by: who,
				basis: legal_basis,
			});
			Ok(())
		}

		/// Anchor a batch of `count` readings of `device` about `patient`, taken from
		/// `from_ms` to `until_ms`, by their Merkle root, with the device's `signature` over
		/// [`Pallet::batch_payload`]. Holds the record deposit from the signer.
		///
		/// Origin: signed by an active practitioner of the organisation that has custody of
		/// the device; the patient must allow the device to write vital signs.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::anchor_batch().saturating_add(T::Decision::decide_weight()))]
		pub fn anchor_batch(
			origin: OriginFor<T>,
			patient: PatientId,
			device: DeviceId,
			merkle_root: [u8; 32],
			count: u32,
			from_ms: u64,
			until_ms: u64,
			signature: sp_runtime::MultiSignature,
		) -> DispatchResultWithPostInfo {
			let who = ensure_signed(origin)?;
			let now = frame_system::Pallet::<T>::block_number();
			let organisation = T::Identity::active_practitioner(&who, now)
				.ok_or(Error::<T>::NotActivePractitioner)?
				.organisation;
			ensure!(T::Pseudonyms::controller(&patient).is_some(), Error::<T>::UnknownPatient);
			ensure!(count > 0, Error::<T>::EmptyBatch);
			ensure!(from_ms <= until_ms, Error::<T>::BatchPeriodReversed);
			let key = T::Devices::batch_signer(&device, organisation).map_err(Error::<T>::from)?;
			let payload =
				Self::batch_payload(&device, &patient, &merkle_root, count, from_ms, until_ms);
			ensure!(key.verify(&signature, &payload), Error::<T>::BadBatchSignature);
			let basis = T::Decision::decide(
				&Accessor::Device(device),
				&patient,
				AccessTarget::Category(RecordCategory::VitalSigns),
				AccessAction::Write,
				Purpose::Treatment,
				now,
			)
			.map_err(Error::<T>::from)?;
			ensure!(
				!RecordOfHash::<T>::contains_key(patient, merkle_root),
				Error::<T>::HashAlreadyAnchored
			);
			let body = RecordBody::Batch { device, merkle_root, count, from_ms, until_ms };
			let (record_id, deposit) =
				Self::insert_record(&who, patient, RecordCategory::VitalSigns, body, None, 1)?;
			T::Audit::log(
				&patient,
				&Accessor::Device(device),
				AuditAction::BatchAnchored,
				AuditEntity::Record(record_id),
				Some(Purpose::Treatment),
				AuditOutcome::Allowed(Some(basis)),
			);
			Self::deposit_event(Event::BatchAnchored {
				record_id,
				patient,
				device,
				merkle_root,
				count,
				relayer: who,
				organisation,
				deposit,
			});
			Ok(Self::actual_weight(basis, T::WeightInfo::anchor_batch(), &patient))
		}
	}

	impl<T: Config> Pallet<T> {
		/// The bytes a device signs for a batch (see the crate docs).
		pub fn batch_payload(
			device: &DeviceId,
			patient: &PatientId,
			merkle_root: &[u8; 32],
			count: u32,
			from_ms: u64,
			until_ms: u64,
		) -> Vec<u8> {
			(BATCH_TAG, device, patient, merkle_root, count, from_ms, until_ms).encode()
		}

		/// The deposit held for a record with a locator of `locator_len` bytes.
		pub fn record_deposit(locator_len: u32) -> BalanceOf<T> {
			T::RecordDepositBase::get()
				.saturating_add(T::RecordDepositPerByte::get().saturating_mul(locator_len.into()))
		}

		/// Whether `who` may write `category` of `patient` now, and on which basis.
		/// The actual weight of a write about `patient` authorised on `basis`: its own
		/// weight `own`, plus the access decision's weight for that patient unless the
		/// signer is the patient's controller (then the decision was not asked). The rest of
		/// the worst case charged up front is refunded.
		fn actual_weight(
			basis: AccessBasis,
			own: Weight,
			patient: &PatientId,
		) -> frame_support::dispatch::PostDispatchInfo {
			match basis {
				AccessBasis::PatientController => Some(own).into(),
				_ => Some(own.saturating_add(T::Decision::decide_weight_for(patient))).into(),
			}
		}

		fn ensure_may_write(
			who: &T::AccountId,
			patient: &PatientId,
			category: RecordCategory,
		) -> Result<AccessBasis, Error<T>> {
			let controller =
				T::Pseudonyms::controller(patient).ok_or(Error::<T>::UnknownPatient)?;
			if &controller == who {
				return Ok(AccessBasis::PatientController);
			}
			T::Decision::decide(
				&Accessor::Account(who.clone()),
				patient,
				AccessTarget::Category(category),
				AccessAction::Write,
				Purpose::Treatment,
				frame_system::Pallet::<T>::block_number(),
			)
			.map_err(Error::<T>::from)
		}

		/// Holds the deposit, stores the record and its index entries; the new id and deposit.
		fn insert_record(
			author: &T::AccountId,
			patient: PatientId,
			category: RecordCategory,
			body: RecordBodyOf<T>,
			supersedes: Option<RecordId>,
			version: u32,
		) -> Result<(RecordId, BalanceOf<T>), DispatchError> {
			let record_id = NextRecordId::<T>::get();
			let next_id = record_id.checked_add(1).ok_or(Error::<T>::RecordIdsExhausted)?;
			let locator_len = match &body {
				RecordBody::Document { locator, .. } => locator.len() as u32,
				RecordBody::Batch { .. } => 0,
			};
			let deposit = Self::record_deposit(locator_len);
			if !deposit.is_zero() {
				T::Currency::hold(&HoldReason::RecordDeposit.into(), author, deposit)
					.map_err(|_| Error::<T>::InsufficientBalanceForDeposit)?;
			}
			let now = frame_system::Pallet::<T>::block_number();
			let timestamp_ms = u64::try_from(T::Time::now().as_millis()).unwrap_or(u64::MAX);
			let organisation =
				T::Identity::active_practitioner(author, now).map(|p| p.organisation);
			let hash = body.anchored_hash();
			let record = Record {
				patient,
				category,
				body,
				author: author.clone(),
				organisation,
				anchored_at: now,
				timestamp_ms,
				supersedes,
				superseded_by: None,
				version,
				erased: None,
				deposit,
			};
			Records::<T>::insert(record_id, record);
			RecordOfHash::<T>::insert(patient, hash, record_id);
			RecordsOfPatient::<T>::insert(patient, record_id, ());
			NextRecordId::<T>::put(next_id);
			Ok((record_id, deposit))
		}

		/// The version chain `record` belongs to, from the original to the latest version
		/// (empty if the record does not exist). At most `MaxVersions` ids.
		pub fn version_chain(record: RecordId) -> Vec<RecordId> {
			let max = T::MaxVersions::get() as usize;
			let mut first = record;
			let mut steps = 0usize;
			while let Some(previous) = Records::<T>::get(first).and_then(|r| r.supersedes) {
				first = previous;
				steps = steps.saturating_add(1);
				if steps >= max {
					break;
				}
			}
			let mut chain = Vec::new();
			let mut next = Records::<T>::contains_key(first).then_some(first);
			while let Some(id) = next {
				if chain.len() >= max {
					break;
				}
				chain.push(id);
				next = Records::<T>::get(id).and_then(|r| r.superseded_by);
			}
			chain
		}

		/// A page of `patient`'s records (optionally of one `category`), in storage order,
		/// after record `start_after`, at most `limit` (capped at [`MAX_PAGE_SIZE`]). The
		/// category filter applies within the page, so a page may hold fewer than `limit`.
		pub fn records_of(
			patient: PatientId,
			category: Option<RecordCategory>,
			start_after: Option<RecordId>,
			limit: u32,
		) -> Vec<(RecordId, RecordOf<T>)> {
			let ids = match start_after {
				Some(after) => RecordsOfPatient::<T>::iter_key_prefix_from(
					patient,
					RecordsOfPatient::<T>::hashed_key_for(patient, after),
				),
				None => RecordsOfPatient::<T>::iter_key_prefix(patient),
			};
			ids.take(limit.min(MAX_PAGE_SIZE) as usize)
				.filter_map(|id| Records::<T>::get(id).map(|r| (id, r)))
				.filter(|(_, r)| category.is_none_or(|c| r.category == c))
				.collect()
		}

		/// Record `id` with its version chain.
		pub fn record_with_versions(id: RecordId) -> Option<(RecordOf<T>, Vec<RecordId>)> {
			Records::<T>::get(id).map(|r| (r, Self::version_chain(id)))
		}

		/// Whether `record` is a document anchored with `hash` (also after erasure).
		pub fn verify_hash(record: RecordId, hash: [u8; 32]) -> bool {
			Records::<T>::get(record).is_some_and(
				|r| matches!(r.body, RecordBody::Document { hash: anchored, .. } if anchored == hash),
			)
		}

		/// Whether the reading blob `leaf` (its SCALE encoding) is leaf `leaf_index` of batch
		/// `batch_id`, by `proof` (sibling hashes from the leaf up); `number_of_leaves` must
		/// equal the batch's count. See the crate docs for the tree format.
		pub fn verify_reading(
			batch_id: RecordId,
			leaf: Vec<u8>,
			proof: Vec<[u8; 32]>,
			leaf_index: u32,
			number_of_leaves: u32,
		) -> bool {
			let Some(RecordBody::Batch { merkle_root, count, .. }) =
				Records::<T>::get(batch_id).map(|r| r.body)
			else {
				return false;
			};
			if count != number_of_leaves {
				return false;
			}
			let root = sp_core::H256::from(merkle_root);
			binary_merkle_tree::verify_proof::<BlakeTwo256, _, _>(
				&root,
				proof.into_iter().map(sp_core::H256::from),
				number_of_leaves,
				leaf_index,
				&leaf,
			)
		}

		/// Checks the storage invariants: every record is indexed by patient and by hash,
		/// ids are below the counter, version links are mutual, erased documents have no
		/// locator, and the held deposits equal the recorded ones.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use frame_support::traits::fungible::InspectHold;

			let next = NextRecordId::<T>::get();
			let mut held: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			let mut count = 0u64;
			for (id, record) in Records::<T>::iter() {
				count = count.saturating_add(1);
				ensure!(id < next, "a record id is not below NextRecordId");
				ensure!(
					RecordsOfPatient::<T>::contains_key(record.patient, id),
					"a record is missing from RecordsOfPatient"
				);
				ensure!(
					RecordOfHash::<T>::get(record.patient, record.body.anchored_hash()) == Some(id),
					"a record is missing from RecordOfHash"
				);
				if let Some(previous) = record.supersedes {
					ensure!(
						Records::<T>::get(previous).is_some_and(|p| p.superseded_by == Some(id)),
						"a record supersedes one that does not name it"
					);
				}
				if let Some(later) = record.superseded_by {
					ensure!(
						Records::<T>::get(later).is_some_and(|l| l.supersedes == Some(id)),
						"a record is superseded by one that does not name it"
					);
				}
				if let (Some(_), RecordBody::Document { locator, .. }) =
					(&record.erased, &record.body)
				{
					ensure!(locator.is_empty(), "an erased record keeps its locator");
				}
				let deposit = held.entry(record.author.clone()).or_default();
				*deposit = deposit.saturating_add(record.deposit);
			}
			ensure!(count == next, "records are missing below NextRecordId");
			ensure!(
				RecordsOfPatient::<T>::iter_keys().count() as u64 == count,
				"RecordsOfPatient names a missing record"
			);
			ensure!(
				RecordOfHash::<T>::iter_values().count() as u64 == count,
				"RecordOfHash names a missing record"
			);
			for (who, amount) in held {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::RecordDeposit.into(), &who) == amount,
					"a held record deposit differs from the recorded deposits"
				);
			}
			Ok(())
		}
	}
}
