//! Runtime API of the audit pallet: trails, accessor histories, the HIPAA accounting of
//! disclosures, flagged entries and their reviews, and chain heads, for patients, auditors
//! and regulators.
//!
//! The runtime implements each function with the matching `pallet_audit::Pallet` function,
//! e.g. `Audit::patient_trail(patient, from_index, limit, blocks)`, with
//! `Entry = pallet_audit::AuditEntryOf<Runtime>`. `limit` is capped at
//! [`crate::MAX_PAGE_SIZE`]. To check a trail, fetch entries `0..length` with
//! `patient_trail` and pass them with `head(patient).0` to [`crate::verify_chain`].

use alloc::vec::Vec;
use codec::Codec;
use iomt_primitives::{Accessor, PatientId};

sp_api::decl_runtime_apis! {
	/// The audit trail and its queries.
	pub trait AuditApi<AccountId, BlockNumber, Entry>
	where
		AccountId: Codec,
		BlockNumber: Codec,
		Entry: Codec,
	{
		/// `patient`'s entries from `from_index` on, in index order; with `blocks =
		/// Some((first, last))` only those recorded in blocks `first..=last`.
		fn patient_trail(
			patient: PatientId,
			from_index: u64,
			limit: u32,
			blocks: Option<(BlockNumber, BlockNumber)>,
		) -> Vec<(u64, Entry)>;

		/// A page (storage order) of the entries whose agent is `accessor`, after the
		/// `(patient, index)` that ended the previous page.
		fn accessor_history(
			accessor: Accessor<AccountId>,
			start_after: Option<(PatientId, u64)>,
			limit: u32,
		) -> Vec<(PatientId, u64, Entry)>;

		/// The accounting of disclosures: `patient`'s allowed read requests recorded in
		/// `since_block` or later, in index order.
		fn disclosures(patient: PatientId, since_block: BlockNumber, limit: u32) -> Vec<(u64, Entry)>;

		/// A page (storage order) of `patient`'s flagged entries (denied attempts, emergency
		/// accesses and openings), after index `start_after`.
		fn flagged(patient: PatientId, start_after: Option<u64>, limit: u32) -> Vec<(u64, Entry)>;

		/// A page (storage order) of `patient`'s flagged entries nobody has reviewed yet,
		/// after index `start_after`.
		fn unreviewed(patient: PatientId, start_after: Option<u64>, limit: u32) -> Vec<(u64, Entry)>;

		/// The review of flagged entry `index` of `patient`: the review entry's index and the
		/// entry (reviewer, time, and the finding in its action).
		fn review_of(patient: PatientId, index: u64) -> Option<(u64, Entry)>;

		/// The head of `patient`'s hash chain and the number of entries it covers.
		fn head(patient: PatientId) -> ([u8; 32], u64);
	}
}
