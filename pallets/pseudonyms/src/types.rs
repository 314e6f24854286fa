//! What the chain stores about a pseudonym and about an open recovery of it.

use frame_support::{traits::Get, BoundedVec};

/// An active (registered, not retired) pseudonym.
///
/// Nothing here identifies the patient: the controller is an ordinary account and the
/// guardians are accounts the patient chose.
#[frame_support::stored]
pub struct PseudonymInfo<AccountId, Balance, BlockNumber, MaxGuardians: Get<u32>> {
	/// The account that acts for the patient under this pseudonym.
	pub controller: AccountId,
	/// The deposit held from `controller` for this pseudonym, released exactly on retirement
	/// or when a recovery moves control to another account.
	pub deposit: Balance,
	/// Accounts that may recover the pseudonym after key loss, sorted, without duplicates,
	/// never containing `controller`.
	pub guardians: BoundedVec<AccountId, MaxGuardians>,
	/// Number of guardian approvals a recovery needs: `1..=guardians.len()`, or 0 when there
	/// are no guardians.
	pub threshold: u32,
	/// Block in which the pseudonym was registered.
	pub registered_at: BlockNumber,
}

/// An open proposal by guardians to hand a pseudonym to a new controller.
#[frame_support::stored]
pub struct Recovery<AccountId, BlockNumber, MaxGuardians: Get<u32>> {
	/// The account that becomes the controller when the recovery is executed.
	pub new_controller: AccountId,
	/// The guardian that proposed the recovery (it may withdraw the proposal).
	pub proposer: AccountId,
	/// Block of the proposal; the recovery delay is counted from here.
	pub proposed_at: BlockNumber,
	/// Guardians that approved so far, the proposer included; sorted, without duplicates.
	pub approvals: BoundedVec<AccountId, MaxGuardians>,
}
