//! Runtime API of the records pallet: listings, records with their version chains, and
//! proofs of documents and device readings.
//!
//! The runtime implements each function with the matching `pallet_records::Pallet`
//! function (`record` with `Pallet::record_with_versions`), with
//! `Record = pallet_records::Record<Runtime>`. Listings are pages in storage order (not by
//! id): pass the last id of a page as `start_after` to get the next one; `limit` is capped
//! at [`crate::MAX_PAGE_SIZE`].

use alloc::vec::Vec;
use codec::Codec;
use iomt_primitives::{PatientId, RecordCategory, RecordId};

sp_api::decl_runtime_apis! {
	/// Anchored records and their proofs.
	pub trait RecordsApi<Record>
	where
		Record: Codec,
	{
		/// A page of `patient`'s records, of `category` only if given.
		fn records_of(
			patient: PatientId,
			category: Option<RecordCategory>,
			start_after: Option<RecordId>,
			limit: u32,
		) -> Vec<(RecordId, Record)>;

		/// Record `id` with its version chain (original first, latest last).
		fn record(id: RecordId) -> Option<(Record, Vec<RecordId>)>;

		/// Whether document `record` was anchored with `hash`.
		fn verify_hash(record: RecordId, hash: [u8; 32]) -> bool;

		/// Whether the reading blob `leaf` is leaf `leaf_index` of batch `batch_id`, by
		/// `proof`; `number_of_leaves` must be the batch's count.
		fn verify_reading(
			batch_id: RecordId,
			leaf: Vec<u8>,
			proof: Vec<[u8; 32]>,
			leaf_index: u32,
			number_of_leaves: u32,
		) -> bool;
	}
}
