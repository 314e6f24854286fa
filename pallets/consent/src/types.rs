//! What the consent pallet stores: consents (with their scope and period) and emergency
//! (break-glass) windows, and the small rules that read them.

use crate::Config;
use frame_support::{
	pallet_prelude::*, traits::fungible::Inspect, CloneNoBound, DebugNoBound, EqNoBound,
	PartialEqNoBound,
};
use frame_system::pallet_prelude::BlockNumberFor;
use iomt_primitives::{
	AccessAction, AccessTarget, Accessor, EmergencyId, Grantee, OrganisationId, PatientId,
	PractitionerInfo, PractitionerRole, Purpose, RecordCategory, RecordId,
};
use sp_runtime::traits::{One, Saturating};

/// The balance type of the configured currency.
pub type BalanceOf<T> =
	<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

/// The actions a consent allows (FHIR `provision.action`): at most both of them.
pub type Actions = BoundedVec<AccessAction, ConstU32<2>>;

/// The purposes a consent allows (FHIR `provision.purpose`): at most all four of them.
pub type Purposes = BoundedVec<Purpose, ConstU32<4>>;

/// A data key wrapped for the grantee's public key, at most `MaxEnvelopeLength` bytes.
pub type KeyEnvelopeOf<T> = BoundedVec<u8, <T as Config>::MaxEnvelopeLength>;

/// A consent scope bounded by the runtime's `MaxScopeItems`.
pub type ScopeOf<T> = ConsentScope<<T as Config>::MaxScopeItems>;

/// An emergency window as stored by runtime `T`.
pub type EmergencyWindowOf<T> =
	EmergencyWindow<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

/// `true` if some element of `items` occurs twice.
pub(crate) fn has_duplicates<X: PartialEq>(items: &[X]) -> bool {
	items.iter().enumerate().any(|(i, x)| items.iter().skip(i.saturating_add(1)).any(|y| y == x))
}

/// Which of a patient's records a consent covers (FHIR `provision.data` / `provision.class`).
#[derive(
	CloneNoBound,
	PartialEqNoBound,
	EqNoBound,
	DebugNoBound,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
)]
#[scale_info(skip_type_params(S))]
#[codec(mel_bound(S: Get<u32>))]
pub enum ConsentScope<S: Get<u32>> {
	/// Every record of the patient, present and future.
	AllRecords,
	/// Every record of the listed categories (non-empty, no duplicates).
	Categories(BoundedVec<RecordCategory, S>),
	/// Exactly the listed records (non-empty, no duplicates); not a category as a whole.
	Records(BoundedVec<RecordId, S>),
}

impl<S: Get<u32>> ConsentScope<S> {
	/// Whether the scope lists nothing (a `Categories` or `Records` scope with no items).
	pub fn is_empty(&self) -> bool {
		match self {
			Self::AllRecords => false,
			Self::Categories(c) => c.is_empty(),
			Self::Records(r) => r.is_empty(),
		}
	}

	/// Whether the scope lists a category or record twice.
	pub fn has_duplicates(&self) -> bool {
		match self {
			Self::AllRecords => false,
			Self::Categories(c) => has_duplicates(c),
			Self::Records(r) => has_duplicates(r),
		}
	}

	/// Whether `target` lies within the scope. A `Records` scope covers only a target that
	/// names one of its records, never a whole category.
	pub fn covers(&self, target: &AccessTarget) -> bool {
		match self {
			Self::AllRecords => true,
			Self::Categories(c) => c.contains(&target.category()),
			Self::Records(r) => match target {
				AccessTarget::Record(id, _) => r.contains(id),
				AccessTarget::Category(_) => false,
			},
		}
	}
}

/// A patient's consent (FHIR Consent): who may do what with which records, why, and when.
///
/// A consent is never edited. Revocation sets `revoked_at` and keeps the consent, so that
/// "was this access allowed at block N" stays answerable until the consent is removed.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound(T: Config))]
pub struct Consent<T: Config> {
	/// The patient pseudonym the consent is about.
	pub patient: PatientId,
	/// The account that granted it (the controller or a guardian); it holds the deposit.
	pub granter: T::AccountId,
	/// Who the consent is granted to (FHIR `provision.actor`).
	pub grantee: Grantee<T::AccountId>,
	/// Which records it covers.
	pub scope: ScopeOf<T>,
	/// What the grantee may do (non-empty, no duplicates).
	pub actions: Actions,
	/// Why the grantee may do it (non-empty, no duplicates).
	pub purposes: Purposes,
	/// First block at which the consent is valid.
	pub valid_from: BlockNumberFor<T>,
	/// First block at which the consent is no longer valid (`None`: open-ended). Always
	/// after `valid_from`: the period is `[valid_from, valid_until)`.
	pub valid_until: Option<BlockNumberFor<T>>,
	/// Block in which the consent was granted.
	pub granted_at: BlockNumberFor<T>,
	/// Block in which the consent was revoked; it is still valid in that block and no
	/// longer from the next one.
	pub revoked_at: Option<BlockNumberFor<T>>,
	/// The record data key wrapped for the grantee, if the granter supplied one.
	pub key_envelope: Option<KeyEnvelopeOf<T>>,
	/// The deposit held from `granter` for this consent, released on removal.
	pub deposit: BalanceOf<T>,
}

impl<T: Config> Consent<T> {
	/// Whether the consent was revoked before block `at` (revoked at `R`: valid at `R`,
	/// revoked from `R + 1`).
	pub fn is_revoked_at(&self, at: BlockNumberFor<T>) -> bool {
		self.revoked_at.is_some_and(|revoked| at > revoked)
	}

	/// Whether `at` lies within the consent's period `[valid_from, valid_until)`.
	pub fn is_in_period(&self, at: BlockNumberFor<T>) -> bool {
		self.valid_from <= at && self.valid_until.is_none_or(|until| at < until)
	}

	/// Whether the consent covers `target`, `action` and `purpose`.
	pub fn covers(&self, target: &AccessTarget, action: AccessAction, purpose: Purpose) -> bool {
		self.scope.covers(target)
			&& self.actions.contains(&action)
			&& self.purposes.contains(&purpose)
	}

	/// Whether the consent names `accessor`. An `Organisation` grantee names an account only
	/// through `practitioner`, the registry's answer for that account (given for active
	/// practitioners only).
	pub fn names(
		&self,
		accessor: &Accessor<T::AccountId>,
		practitioner: Option<&PractitionerInfo>,
	) -> bool {
		match (&self.grantee, accessor) {
			(Grantee::Practitioner(grantee), Accessor::Account(who)) => grantee == who,
			(Grantee::Organisation(org), Accessor::Account(_)) =>
				practitioner.is_some_and(|info| info.organisation == *org),
			(Grantee::Device(grantee), Accessor::Device(device)) => grantee == device,
			_ => false,
		}
	}
}

/// Why a practitioner broke the glass. Codes only: no free text on chain.
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
pub enum EmergencyReason {
	/// The patient is unconscious or otherwise unable to consent.
	Unconscious,
	/// The patient's life or health is in immediate danger.
	LifeThreatening,
	/// The patient's representative (guardian) cannot be reached in time.
	UnreachableRepresentative,
	/// Another emergency; the audit review asks for the details off chain.
	Other,
}

/// A break-glass window: one practitioner's emergency access to one patient's records.
///
/// Windows are never deleted: they are evidence for the audit review.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct EmergencyWindow<AccountId, BlockNumber> {
	/// The patient whose records the window opens.
	pub patient: PatientId,
	/// The practitioner who opened it (the only accessor it allows).
	pub opener: AccountId,
	/// The opener's organisation when the window was opened.
	pub organisation: OrganisationId,
	/// The opener's role when the window was opened.
	pub role: PractitionerRole,
	/// Why the window was opened.
	pub reason: EmergencyReason,
	/// Block in which the window was opened (the first block it covers).
	pub opened_at: BlockNumber,
	/// First block the window no longer covers, unless closed earlier.
	pub expires_at: BlockNumber,
	/// Block in which the window was closed early; it still covers that block, not the next.
	pub closed_at: Option<BlockNumber>,
	/// Who closed it early (the opener or the patient's controller).
	pub closed_by: Option<AccountId>,
	/// The opener's previous window on the same patient, if any (newest first chain).
	pub previous: Option<EmergencyId>,
}

impl<AccountId, BlockNumber> EmergencyWindow<AccountId, BlockNumber>
where
	BlockNumber: Copy + Ord + One + Saturating,
{
	/// First block the window no longer covers: its expiry, or the block after its closing.
	pub fn ends_at(&self) -> BlockNumber {
		match self.closed_at {
			Some(closed) => self.expires_at.min(closed.saturating_add(One::one())),
			None => self.expires_at,
		}
	}

	/// Whether the window covers block `at`: `opened_at <= at < ends_at()`.
	pub fn covers(&self, at: BlockNumber) -> bool {
		self.opened_at <= at && at < self.ends_at()
	}
}

/// An emergency window allows both actions, but only for these purposes.
pub fn emergency_allows(purpose: Purpose) -> bool {
	matches!(purpose, Purpose::Emergency | Purpose::Treatment)
}

/// Hooks for the benchmarks: the consent pallet learns about patients, practitioners and
/// second factors only through traits, so the runtime tells the benchmarks how to create
/// them (normally through the pseudonyms and registry pallets' own storage).
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper<AccountId> {
	/// Register `patient` with `controller` as its controller and `guardian` as a guardian.
	fn register_patient(patient: &PatientId, controller: &AccountId, guardian: &AccountId);
	/// Make `who` an active physician of an active care provider.
	fn register_emergency_practitioner(who: &AccountId);
	/// Make a second factor required for `who` and return a proof over `payload` that the
	/// configured `SecondFactor` accepts.
	fn second_factor(who: &AccountId, payload: &[u8])
		-> Option<iomt_primitives::SecondFactorProof>;
}
