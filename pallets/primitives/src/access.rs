//! Identities, consent and access decisions exchanged by the registry, pseudonyms,
//! consent, records, audit and devices pallets.
//!
//! Field names follow FHIR Consent and AuditEvent where they fit.

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{dispatch::DispatchResult, weights::Weight};
use scale_info::TypeInfo;


/// Identifier of a member organisation, assigned by the registry in admission order.
pub type OrganisationId = u32;

/// A patient pseudonym: 32 random bytes chosen by the patient's wallet. Never derived from
/// a name, medical record number or birth date.
pub type PatientId = [u8; 32];

/// Identifier of an anchored record (assigned by the records pallet).
pub type RecordId = u64;

/// Identifier of a registered device (derived from its UDI; see the devices pallet).
pub type DeviceId = [u8; 32];

/// Identifier of a consent (assigned by the consent pallet, never reused).
pub type ConsentId = u64;

/// Identifier of an emergency (break-glass) window (assigned by the consent pallet).
pub type EmergencyId = u64;

/// What kind of organisation a consortium member is.
#[derive(
	Clone, Copy, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum OrganisationKind {
	/// Hospital, clinic or practice.
	CareProvider,
	/// Clinical laboratory.
	Laboratory,
	/// Medical device manufacturer.
	Manufacturer,
	/// Device distributor.
	Distributor,
	/// Health authority or auditor.
	Regulator,
}

/// The role of a practitioner within their organisation.
#[derive(
	Clone, Copy, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum PractitionerRole {
	/// Physician.
	Physician,
	/// Nurse.
	Nurse,
	/// Laboratory technician.
	LabTechnician,
	/// Administrative staff.
	Administrator,
	/// Auditor (at a regulator).
	Auditor,
	/// Emergency responder.
	EmergencyResponder,
}

impl PractitionerRole {
	/// Whether this role may open an emergency (break-glass) window.
	pub fn may_open_emergency(&self) -> bool {
		matches!(self, Self::Physician | Self::EmergencyResponder)
	}
}

/// Coarse record categories (privacy invariant 3: categories stay coarse).
#[derive(
	Clone, Copy, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Ord, PartialOrd, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum RecordCategory {
	/// Laboratory results.
	LaboratoryResults,
	/// Imaging studies.
	Imaging,
	/// Vital signs and device readings.
	VitalSigns,
	/// Medication and prescriptions.
	Medication,
	/// Diagnoses and problem lists.
	Diagnoses,
	/// Procedures.
	Procedures,
	/// Clinical notes and summaries.
	ClinicalNotes,
	/// Administrative documents.
	Administrative,
}

/// What an accessor wants to do (FHIR Consent `provision.action`).
#[derive(
	Clone, Copy, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum AccessAction {
	/// Read (receive the ciphertext and its key envelope).
	Read,
	/// Write (anchor a new record or amend one).
	Write,
}

/// Why data is accessed (FHIR Consent `provision.purpose`).
#[derive(
	Clone, Copy, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum Purpose {
	/// Care of the patient.
	Treatment,
	/// Research.
	Research,
	/// Emergency care.
	Emergency,
	/// Healthcare operations (billing, quality).
	Operations,
}

/// Who a consent is granted to (FHIR Consent `provision.actor`).
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum Grantee<AccountId> {
	/// One practitioner (by account).
	Practitioner(AccountId),
	/// Every active practitioner of one organisation.
	Organisation(OrganisationId),
	/// One device (it may write, e.g. anchor batches of readings).
	Device(DeviceId),
}

/// The accessor of a decision: a person (account) or a device.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum Accessor<AccountId> {
	/// A signed account: a practitioner, or the patient's own controller.
	Account(AccountId),
	/// A registered device.
	Device(DeviceId),
}

/// What is being accessed.
#[derive(
	Clone, Copy, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum AccessTarget {
	/// One record, of the given category.
	Record(RecordId, RecordCategory),
	/// Records of a category (e.g. to write a new one, or to list them).
	Category(RecordCategory),
}

impl AccessTarget {
	/// The category the target belongs to.
	pub fn category(&self) -> RecordCategory {
		match self {
			Self::Record(_, c) | Self::Category(c) => *c,
		}
	}
}

/// Why an access was allowed.
#[derive(
	Clone, Copy, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum AccessBasis {
	/// The accessor controls the pseudonym (the patient).
	PatientController,
	/// A consent that covers the access.
	Consent(ConsentId),
	/// An open emergency window.
	Emergency(EmergencyId),
}

/// Why an access was denied.
#[derive(
	Clone, Copy, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum DenialReason {
	/// The pseudonym is not registered, or was retired.
	UnknownPatient,
	/// The accessor is not an active practitioner of an active organisation (or not an
	/// active device).
	AccessorInactive,
	/// No consent or emergency window names this accessor for this patient.
	NoConsent,
	/// A matching consent exists but was revoked at or before the block asked about.
	ConsentRevoked,
	/// A matching consent exists but is not yet valid or has expired at that block.
	ConsentExpired,
	/// A consent names the accessor but not this record, category, action or purpose.
	OutOfScope,
	/// The accessor must present a second factor and presented none, or an invalid one.
	/// Reported by the audit pallet's access request; [`AccessDecision::decide`] itself does
	/// not check second factors.
	SecondFactorFailed,
}

/// What the registry tells other pallets about an account.
#[derive(
	Clone, Copy, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct PractitionerInfo {
	/// The practitioner's organisation.
	pub organisation: OrganisationId,
	/// The organisation's kind.
	pub organisation_kind: OrganisationKind,
	/// The practitioner's role.
	pub role: PractitionerRole,
}

/// Identities of organisations and practitioners, answered by the registry pallet.
pub trait IdentityProvider<AccountId, BlockNumber> {
	/// The practitioner record of `who` if, at block `at`, `who` is registered, not revoked,
	/// within its validity and its organisation is active.
	fn active_practitioner(who: &AccountId, at: BlockNumber) -> Option<PractitionerInfo>;

	/// The kind of `org` if it is admitted and active.
	fn active_organisation(org: OrganisationId) -> Option<OrganisationKind>;

	/// Whether `who` is an admin of the active organisation `org`.
	fn is_organisation_admin(who: &AccountId, org: OrganisationId) -> bool;
}

/// A proof by an account's second factor (MFA) for a sensitive call.
///
/// The second-factor key signs `(b"iomt/mfa", genesis_hash, account, nonce, payload)`
/// SCALE-encoded, where `payload` is the call-specific bytes each pallet documents.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub struct SecondFactorProof {
	/// The account's next second-factor nonce (starts at 0, +1 per accepted proof).
	pub nonce: u64,
	/// The signature by the registered second-factor key (sr25519, ed25519 or ecdsa).
	pub signature: sp_runtime::MultiSignature,
}

/// Second-factor checks for sensitive calls, answered by the registry pallet.
pub trait SecondFactor<AccountId> {
	/// Whether `who` must present a second factor (its organisation requires it, or it
	/// registered a key).
	fn is_required(who: &AccountId) -> bool;

	/// Checks `proof` over `payload` for `who` and consumes its nonce. Fails with the
	/// registry's specific error (no key, wrong key, stale nonce). Call only when the rest
	/// of the call will succeed, or inside a transactional call.
	fn verify_and_consume(
		who: &AccountId,
		payload: &[u8],
		proof: Option<&SecondFactorProof>,
	) -> DispatchResult;
}

/// Control of patient pseudonyms, answered by the pseudonyms pallet.
pub trait PseudonymRegistry<AccountId> {
	/// The controller of `patient` if the pseudonym is registered and not retired.
	fn controller(patient: &PatientId) -> Option<AccountId>;

	/// Whether `who` is a guardian of the active pseudonym `patient`.
	fn is_guardian(patient: &PatientId, who: &AccountId) -> bool;
}

/// The one access decision of the chain, answered by the consent pallet.
pub trait AccessDecision<AccountId, BlockNumber> {
	/// May `accessor` perform `action` on `target` of `patient` for `purpose` at block `at`?
	/// The basis on which it is allowed, or why not.
	fn decide(
		accessor: &Accessor<AccountId>,
		patient: &PatientId,
		target: AccessTarget,
		action: AccessAction,
		purpose: Purpose,
		at: BlockNumber,
	) -> Result<AccessBasis, DenialReason>;

	/// An upper bound of the weight of one [`AccessDecision::decide`] about the current
	/// block: the implementation's benchmarked worst case. Pallets that call `decide` from a
	/// dispatchable add it to that call's weight.
	fn decide_weight() -> Weight;

	/// The weight of one [`AccessDecision::decide`] about `patient` as it stands now, at
	/// most [`AccessDecision::decide_weight`]; includes the reads this function makes.
	/// Callers report it as part of their actual weight, so the unused rest of the worst
	/// case is refunded (fee and block space).
	fn decide_weight_for(_patient: &PatientId) -> Weight {
		Self::decide_weight()
	}
}

/// Notifications of consent events for the audit trail (implemented by the audit pallet;
/// `()` ignores them).
pub trait ConsentEvents<AccountId> {
	/// A consent was granted.
	fn consent_granted(_patient: &PatientId, _by: &AccountId, _consent: ConsentId) {}
	/// A consent was revoked.
	fn consent_revoked(_patient: &PatientId, _by: &AccountId, _consent: ConsentId) {}
	/// An emergency window was opened.
	fn emergency_opened(_patient: &PatientId, _by: &AccountId, _window: EmergencyId) {}
	/// An emergency window was closed early.
	fn emergency_closed(_patient: &PatientId, _by: &AccountId, _window: EmergencyId) {}
}

impl<AccountId> ConsentEvents<AccountId> for () {}

/// A device's public key, registered by its manufacturer; devices sign batches of readings.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum DeviceKey {
	/// sr25519 public key.
	Sr25519([u8; 32]),
	/// ed25519 public key.
	Ed25519([u8; 32]),
	/// secp256k1 ECDSA public key, compressed.
	Ecdsa([u8; 33]),
}

impl DeviceKey {
	/// Whether `signature` is this key's signature of `message` (same scheme required).
	pub fn verify(&self, signature: &sp_runtime::MultiSignature, message: &[u8]) -> bool {
		use sp_runtime::{traits::Verify, MultiSignature};
		match (self, signature) {
			(Self::Sr25519(k), MultiSignature::Sr25519(s)) =>
				s.verify(message, &sp_core::sr25519::Public::from_raw(*k)),
			(Self::Ed25519(k), MultiSignature::Ed25519(s)) =>
				s.verify(message, &sp_core::ed25519::Public::from_raw(*k)),
			(Self::Ecdsa(k), MultiSignature::Ecdsa(s)) =>
				s.verify(message, &sp_core::ecdsa::Public::from_raw(*k)),
			_ => false,
		}
	}
}

/// Why a device may not have a batch anchored.
#[derive(
	Clone, Copy, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum DeviceDenial {
	/// No device with this id is registered.
	UnknownDevice,
	/// The device is suspended, recalled or decommissioned.
	DeviceNotActive,
	/// The device is not in the custody of the relaying organisation.
	NotCustodian,
}

/// Device provenance, answered by the devices pallet.
pub trait DeviceRegistry {
	/// The key of `device` if it is active and in the custody of organisation `relayer`,
	/// otherwise why not.
	fn batch_signer(device: &DeviceId, relayer: OrganisationId) -> Result<DeviceKey, DeviceDenial>;
}

/// What an audit entry records (FHIR AuditEvent `action`/`subtype`, coarse).
#[derive(
	Clone, Copy, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum AuditAction {
	/// An access request (read or write) before ciphertext is released.
	AccessRequest(AccessAction),
	/// A consent was granted.
	ConsentGranted,
	/// A consent was revoked.
	ConsentRevoked,
	/// A break-glass window was opened.
	EmergencyOpened,
	/// A break-glass window was closed early.
	EmergencyClosed,
	/// A record was anchored.
	RecordAnchored,
	/// A record was amended (superseded by a new one).
	RecordAmended,
	/// A record was crypto-shredded.
	RecordErased,
	/// A device batch was anchored.
	BatchAnchored,
	/// An auditor reviewed a flagged entry (the entity) and found this.
	Reviewed(ReviewFinding),
}

/// What the review of a flagged entry concluded (HIPAA 164.308(a)(1)(ii)(D), information
/// system activity review).
#[derive(
	Clone, Copy, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum ReviewFinding {
	/// The access or attempt was justified (e.g. a genuine emergency); nothing to do.
	Justified,
	/// It was not justified; the organisation must act (sanction, retraining, breach
	/// assessment).
	Unjustified,
	/// Not decided yet: referred to the privacy or security officer.
	Escalated,
}

/// What an audit entry is about (FHIR AuditEvent `entity`).
#[derive(
	Clone, Copy, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum AuditEntity {
	/// The patient as a whole.
	Patient,
	/// One record.
	Record(RecordId),
	/// A category of records.
	Category(RecordCategory),
	/// A consent.
	Consent(ConsentId),
	/// An emergency window.
	Emergency(EmergencyId),
	/// Another entry of the same patient's trail, by index (what a review is about).
	Entry(u64),
}

/// The outcome of an audited action (FHIR AuditEvent `outcome`).
#[derive(
	Clone, Copy, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum AuditOutcome {
	/// The action was allowed, on this basis (`None` for actions that need none, e.g. a
	/// patient granting a consent).
	Allowed(Option<AccessBasis>),
	/// The action was denied, for this reason.
	Denied(DenialReason),
}

/// The audit trail, kept by the audit pallet; other pallets append to it through this.
pub trait AuditLog<AccountId> {
	/// Append an entry to `patient`'s hash-chained trail.
	fn log(
		patient: &PatientId,
		agent: &Accessor<AccountId>,
		action: AuditAction,
		entity: AuditEntity,
		purpose: Option<Purpose>,
		outcome: AuditOutcome,
	);
}

impl<AccountId> AuditLog<AccountId> for () {
	fn log(
		_: &PatientId,
		_: &Accessor<AccountId>,
		_: AuditAction,
		_: AuditEntity,
		_: Option<Purpose>,
		_: AuditOutcome,
	) {
	}
}
