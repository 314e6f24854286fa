//! Runtime API of the consent pallet: listings for patients, grantees and auditors, and the
//! access decision at any block.
//!
//! The runtime implements each function with the matching `pallet_consent::Pallet` function,
//! e.g. `Consent::consents_of_patient(patient, start_after, limit)`, with
//! `Consent = pallet_consent::Consent<Runtime>`. Listings are pages in storage order (not by
//! id): pass the last id of a page as `start_after` to get the next one; `limit` is capped
//! at [`crate::MAX_PAGE_SIZE`].

use crate::EmergencyWindow;
use alloc::vec::Vec;
use codec::Codec;
use iomt_primitives::{
	AccessAction, AccessBasis, AccessTarget, Accessor, ConsentId, DenialReason, EmergencyId,
	Grantee, PatientId, Purpose,
};

sp_api::decl_runtime_apis! {
	/// Consents, emergency windows and access decisions.
	pub trait ConsentApi<AccountId, BlockNumber, Consent>
	where
		AccountId: Codec,
		BlockNumber: Codec,
		Consent: Codec,
	{
		/// A page of the consents stored for `patient` (active, revoked or expired).
		fn consents_of_patient(
			patient: PatientId,
			start_after: Option<ConsentId>,
			limit: u32,
		) -> Vec<(ConsentId, Consent)>;

		/// A page of the consents stored for `grantee`.
		fn consents_of_grantee(
			grantee: Grantee<AccountId>,
			start_after: Option<ConsentId>,
			limit: u32,
		) -> Vec<(ConsentId, Consent)>;

		/// The access decision at block `at` (`None`: the current block).
		fn access_decision(
			accessor: Accessor<AccountId>,
			patient: PatientId,
			target: AccessTarget,
			action: AccessAction,
			purpose: Purpose,
			at: Option<BlockNumber>,
		) -> Result<AccessBasis, DenialReason>;

		/// A page of the emergency windows ever opened on `patient`.
		fn emergencies_of_patient(
			patient: PatientId,
			start_after: Option<EmergencyId>,
			limit: u32,
		) -> Vec<(EmergencyId, EmergencyWindow<AccountId, BlockNumber>)>;
	}
}
