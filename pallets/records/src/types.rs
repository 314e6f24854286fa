//! The stored records of the records pallet and the enums their calls take.

use crate::{BalanceOf, Config};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{
	pallet_prelude::Get, BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use iomt_primitives::{DeviceId, OrganisationId, PatientId, RecordCategory, RecordId};
use scale_info::TypeInfo;

/// The function that produced a record's hash of the ciphertext.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum HashAlgorithm {
	/// BLAKE2b with a 256-bit digest.
	Blake2_256,
	/// SHA-256 (SHA-2 family).
	Sha2_256,
}

/// How the off-chain record was encrypted before it was hashed.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum EncryptionScheme {
	/// AES-256 in Galois/Counter mode.
	Aes256Gcm,
	/// ChaCha20 with Poly1305 (RFC 8439).
	ChaCha20Poly1305,
	/// XChaCha20 with Poly1305 (extended nonce).
	XChaCha20Poly1305,
}

/// The legal basis on which an organisation erases a record (required when an
/// organisation admin erases; optional for the patient).
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum ErasureBasis {
	/// The data subject's right to erasure (GDPR Art. 17).
	DataSubjectRequest,
	/// The legal retention period has ended.
	RetentionPeriodEnded,
	/// A court or supervisory authority ordered it.
	LegalOrder,
	/// The record was anchored for the wrong patient or in error.
	RecordedInError,
}

/// What a record anchors.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(MaxLocatorLength))]
#[codec(mel_bound(MaxLocatorLength: Get<u32>))]
pub enum RecordBody<MaxLocatorLength: Get<u32>> {
	/// One encrypted document stored off-chain.
	Document {
		/// The hash of the ciphertext.
		hash: [u8; 32],
		/// The function that produced `hash`.
		algorithm: HashAlgorithm,
		/// Where the ciphertext is (an IPFS CIDv1); empty once the record is erased.
		locator: BoundedVec<u8, MaxLocatorLength>,
		/// Size of the ciphertext in bytes.
		size: u64,
		/// How the document was encrypted.
		encryption: EncryptionScheme,
	},
	/// A batch of device readings, anchored by its Merkle root.
	Batch {
		/// The device that signed the batch.
		device: DeviceId,
		/// The root of the binary Merkle tree of the readings (see the crate docs).
		merkle_root: [u8; 32],
		/// Number of readings (leaves).
		count: u32,
		/// Time of the first reading, Unix milliseconds.
		from_ms: u64,
		/// Time of the last reading, Unix milliseconds.
		until_ms: u64,
	},
}

impl<M: Get<u32>> RecordBody<M> {
	/// The hash this body is indexed by: the document hash or the batch's Merkle root.
	pub fn anchored_hash(&self) -> [u8; 32] {
		match self {
			Self::Document { hash, .. } => *hash,
			Self::Batch { merkle_root, .. } => *merkle_root,
		}
	}
}

/// Who erased a record, when and why.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct Erasure<AccountId, BlockNumber> {
	/// The account that erased it.
	pub by: AccountId,
	/// The block it was erased in.
	pub at: BlockNumber,
	/// The recorded legal basis (always present when an organisation admin erased).
	pub basis: Option<ErasureBasis>,
}

/// An anchored record. Records are never edited or removed; amendment and erasure only set
/// `superseded_by` and `erased`, and erasure clears a document's locator.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Record<T: Config> {
	/// The patient the record is about.
	pub patient: PatientId,
	/// Its (coarse) category; batches are `VitalSigns`.
	pub category: RecordCategory,
	/// The document or batch anchored.
	pub body: RecordBody<T::MaxLocatorLength>,
	/// The signer who anchored it (for a batch: the relaying practitioner).
	pub author: T::AccountId,
	/// The author's organisation when anchored, if the author was an active practitioner.
	pub organisation: Option<OrganisationId>,
	/// The block it was anchored in.
	pub anchored_at: BlockNumberFor<T>,
	/// The chain time it was anchored at, Unix milliseconds.
	pub timestamp_ms: u64,
	/// The record this one amends (the previous version).
	pub supersedes: Option<RecordId>,
	/// The record that amends this one (the next version).
	pub superseded_by: Option<RecordId>,
	/// Position in its version chain, 1 for an original record.
	pub version: u32,
	/// Set when the record was crypto-shredded.
	pub erased: Option<Erasure<T::AccountId, BlockNumberFor<T>>>,
	/// The deposit held from the author for this record (kept for as long as the record).
	pub deposit: BalanceOf<T>,
}
