//! What the audit pallet stores (one [`AuditEntry`] per audited event) and the pure
//! hash-chain functions ([`chain_head`], [`verify_chain`]) that anyone can run off-chain.

use codec::{Decode, Encode, MaxEncodedLen};
use frame_system::pallet_prelude::BlockNumberFor;
use iomt_primitives::{
	AccessAction, AccessBasis, Accessor, AuditAction, AuditEntity, AuditOutcome, OrganisationId,
	PractitionerRole, Purpose,
};
use scale_info::TypeInfo;

/// The head of a trail that has no entries yet.
pub const GENESIS_HEAD: [u8; 32] = [0u8; 32];

/// One entry of a patient's audit trail (FHIR AuditEvent). It holds ids, never copies of
/// records, consents or keys.
#[derive(Clone, Encode, Decode, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen)]
pub struct AuditEntry<AccountId, BlockNumber> {
	/// Who acted (FHIR `agent.who`): an account or a device.
	pub agent: Accessor<AccountId>,
	/// The agent's organisation when it acted, if it was an active practitioner.
	pub organisation: Option<OrganisationId>,
	/// The agent's role when it acted, if it was an active practitioner.
	pub role: Option<PractitionerRole>,
	/// What was done or attempted (FHIR `action`/`subtype`).
	pub action: AuditAction,
	/// What it was done to (FHIR `entity`).
	pub entity: AuditEntity,
	/// Why, when the action has a purpose (FHIR `purposeOfEvent`).
	pub purpose: Option<Purpose>,
	/// Allowed (on which basis) or denied (why) (FHIR `outcome`).
	pub outcome: AuditOutcome,
	/// The block in which it was recorded (FHIR `recorded`, chain time).
	pub block: BlockNumber,
	/// The wall-clock time it was recorded, in milliseconds since the Unix epoch.
	pub timestamp: u64,
}

/// An audit entry as stored by runtime `T`.
pub type AuditEntryOf<T> =
	AuditEntry<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

impl<AccountId, BlockNumber> AuditEntry<AccountId, BlockNumber> {
	/// Whether auditors must review this entry: a denied attempt, an access on an emergency
	/// (break-glass) basis, or the opening of an emergency window.
	pub fn is_flagged(&self) -> bool {
		matches!(
			self.outcome,
			AuditOutcome::Denied(_) | AuditOutcome::Allowed(Some(AccessBasis::Emergency(_)))
		) || self.action == AuditAction::EmergencyOpened
	}

	/// Whether this entry is a disclosure for the HIPAA accounting (164.528): an allowed
	/// request to read.
	pub fn is_disclosure(&self) -> bool {
		self.action == AuditAction::AccessRequest(AccessAction::Read) &&
			matches!(self.outcome, AuditOutcome::Allowed(_))
	}
}

/// The head after appending `entry` to a trail whose head is `previous`:
/// `blake2_256(previous ++ SCALE(entry))`.
pub fn chain_head<E: Encode>(previous: &[u8; 32], entry: &E) -> [u8; 32] {
	// A fixed-size array encodes as its bytes, so this is `previous ++ SCALE(entry)`.
	sp_io::hashing::blake2_256(&(previous, entry).encode())
}

/// Why a trail failed verification.
#[derive(Clone, Copy, Encode, Decode, Eq, PartialEq, Debug, TypeInfo)]
pub enum VerifyError {
	/// Entry `index` was recorded in an earlier block than the entry before it: the trail
	/// was reordered.
	OutOfOrder {
		/// Position (from 0) of the first entry older than its predecessor.
		index: u32,
	},
	/// The entries do not hash to the expected head: an entry was removed, added, altered
	/// or moved.
	HeadMismatch {
		/// The head the given entries hash to.
		computed: [u8; 32],
	},
}

/// Verifies a complete trail (entries `0..n` of one patient, in index order) against the
/// head the chain reports for it (see `head` in the runtime API).
///
/// Starting from [`GENESIS_HEAD`], every entry is hashed onto the running head with
/// [`chain_head`]; the result must equal `expected_head`. Because each head commits to the
/// previous one, removing, altering, inserting or reordering any entry changes the final
/// head (up to a blake2-256 collision). Reordering across blocks is reported earlier and
/// more precisely as [`VerifyError::OutOfOrder`]. Pure: usable off-chain with `std`.
pub fn verify_chain<AccountId: Encode, BlockNumber: Encode + PartialOrd>(
	entries: &[AuditEntry<AccountId, BlockNumber>],
	expected_head: [u8; 32],
) -> Result<(), VerifyError> {
	let mut head = GENESIS_HEAD;
	let mut previous: Option<&BlockNumber> = None;
	for (index, entry) in entries.iter().enumerate() {
		if previous.is_some_and(|p| entry.block < *p) {
			return Err(VerifyError::OutOfOrder {
				index: u32::try_from(index).unwrap_or(u32::MAX),
			});
		}
		previous = Some(&entry.block);
		head = chain_head(&head, entry);
	}
	if head == expected_head {
		Ok(())
	} else {
		Err(VerifyError::HeadMismatch { computed: head })
	}
}
