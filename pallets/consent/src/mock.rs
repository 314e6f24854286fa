//! Mock runtime for the consent pallet: system, balances and consent, with small stand-ins
//! for the registry (identities, second factors), the pseudonyms pallet and the audit hook,
//! all controllable from the tests.

use crate as pallet_consent;
use codec::Encode;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, storage::unhashed};
use iomt_primitives::{
	ConsentEvents, ConsentId, EmergencyId, IdentityProvider, OrganisationId, OrganisationKind,
	PatientId, PractitionerInfo, PractitionerRole, PseudonymRegistry, SecondFactor,
	SecondFactorProof,
};
use sp_runtime::{BuildStorage, DispatchError, DispatchResult, MultiSignature};
use std::collections::{BTreeMap, BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;
pub type BlockNumber = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Consent: pallet_consent,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
	type DbWeight = frame_support::weights::constants::RocksDbWeight;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

// Patients and their representatives.
/// Controls `PATIENT`.
pub const CONTROLLER: AccountId = 1;
/// Guardian of `PATIENT`.
pub const GUARDIAN: AccountId = 2;
/// Controls `OTHER_PATIENT`.
pub const OTHER_CONTROLLER: AccountId = 3;
/// Controls `POOR_PATIENT`; cannot afford a deposit.
pub const POOR: AccountId = 4;
pub const PATIENT: PatientId = [1; 32];
pub const OTHER_PATIENT: PatientId = [2; 32];
pub const POOR_PATIENT: PatientId = [4; 32];
/// Never registered.
pub const UNKNOWN_PATIENT: PatientId = [9; 32];

// Organisations.
pub const HOSPITAL: OrganisationId = 1;
pub const CLINIC: OrganisationId = 2;
pub const LAB: OrganisationId = 3;

// Practitioners.
/// Physician at `HOSPITAL`.
pub const DOCTOR: AccountId = 10;
/// Nurse at `HOSPITAL`.
pub const NURSE: AccountId = 11;
/// Physician at `CLINIC`.
pub const OTHER_DOCTOR: AccountId = 12;
/// Emergency responder at `HOSPITAL`.
pub const RESPONDER: AccountId = 13;
/// Physician at `LAB` (a laboratory, not a care provider).
pub const LAB_PHYSICIAN: AccountId = 14;
/// No role anywhere.
pub const STRANGER: AccountId = 99;

/// A device id.
pub const DEVICE: [u8; 32] = [7; 32];
/// Another device id.
pub const OTHER_DEVICE: [u8; 32] = [8; 32];

/// Balance of every funded account but `POOR`.
pub const ENDOWMENT: Balance = 1_000;
/// Balance of `POOR` (below `ConsentDepositBase`).
pub const POOR_ENDOWMENT: Balance = 5;

parameter_types! {
	pub const MaxScopeItems: u32 = 4;
	pub const MaxEnvelopeLength: u32 = 32;
	pub const MaxConsentsPerPatient: u32 = 8;
	pub const MaxOpenEmergencies: u32 = 2;
	pub const MaxEmergencyDuration: BlockNumber = 10;
	pub const ConsentDepositBase: Balance = 10;
	pub const ConsentDepositPerByte: Balance = 1;
}

impl pallet_consent::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Identity = MockIdentity;
	type Pseudonyms = MockPseudonyms;
	type SecondFactor = MockSecondFactor;
	type Events = MockAudit;
	type MaxScopeItems = MaxScopeItems;
	type MaxEnvelopeLength = MaxEnvelopeLength;
	type MaxConsentsPerPatient = MaxConsentsPerPatient;
	type MaxOpenEmergencies = MaxOpenEmergencies;
	type MaxEmergencyDuration = MaxEmergencyDuration;
	type ConsentDepositBase = ConsentDepositBase;
	type ConsentDepositPerByte = ConsentDepositPerByte;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// A notification received by the mock audit pallet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AuditNote {
	Granted(PatientId, AccountId, ConsentId),
	Revoked(PatientId, AccountId, ConsentId),
	EmergencyOpened(PatientId, AccountId, EmergencyId),
	EmergencyClosed(PatientId, AccountId, EmergencyId),
}

thread_local! {
	static CONTROLLERS: RefCell<BTreeMap<PatientId, AccountId>> = RefCell::new(BTreeMap::new());
	static GUARDIANS: RefCell<BTreeSet<(PatientId, AccountId)>> = RefCell::new(BTreeSet::new());
	static PRACTITIONERS: RefCell<BTreeMap<AccountId, (OrganisationId, PractitionerRole)>> =
		RefCell::new(BTreeMap::new());
	static ORGANISATIONS: RefCell<BTreeMap<OrganisationId, OrganisationKind>> =
		RefCell::new(BTreeMap::new());
	/// `(from block, organisation, active)`, in the order set; the last entry at or before a
	/// block decides. Organisations without entries are active.
	static ORGANISATION_STATUS: RefCell<Vec<(BlockNumber, OrganisationId, bool)>> =
		RefCell::new(Vec::new());
	static MFA_REQUIRED: RefCell<BTreeSet<AccountId>> = RefCell::new(BTreeSet::new());
	static AUDIT: RefCell<Vec<AuditNote>> = RefCell::new(Vec::new());
}

/// The pseudonyms pallet stand-in.
pub struct MockPseudonyms;
impl MockPseudonyms {
	pub fn register(patient: PatientId, controller: AccountId) {
		CONTROLLERS.with(|c| c.borrow_mut().insert(patient, controller));
	}
	pub fn add_guardian(patient: PatientId, guardian: AccountId) {
		GUARDIANS.with(|g| g.borrow_mut().insert((patient, guardian)));
	}
	/// Retire `patient`: it has no controller and no guardians any more.
	pub fn retire(patient: PatientId) {
		CONTROLLERS.with(|c| c.borrow_mut().remove(&patient));
		GUARDIANS.with(|g| g.borrow_mut().retain(|(p, _)| *p != patient));
	}
}
impl PseudonymRegistry<AccountId> for MockPseudonyms {
	fn controller(patient: &PatientId) -> Option<AccountId> {
		CONTROLLERS.with(|c| c.borrow().get(patient).copied())
	}
	fn is_guardian(patient: &PatientId, who: &AccountId) -> bool {
		GUARDIANS.with(|g| g.borrow().contains(&(*patient, *who)))
	}
}

/// The registry stand-in for identities. Organisation status has a history so that
/// decisions about past blocks can be checked.
pub struct MockIdentity;
impl MockIdentity {
	pub fn add_organisation(org: OrganisationId, kind: OrganisationKind) {
		ORGANISATIONS.with(|o| o.borrow_mut().insert(org, kind));
	}
	pub fn add_practitioner(who: AccountId, org: OrganisationId, role: PractitionerRole) {
		PRACTITIONERS.with(|p| p.borrow_mut().insert(who, (org, role)));
	}
	/// Suspend (`false`) or reinstate (`true`) `org` from the current block on.
	pub fn set_organisation_active(org: OrganisationId, active: bool) {
		let now = System::block_number();
		ORGANISATION_STATUS.with(|s| s.borrow_mut().push((now, org, active)));
	}
	pub fn organisation_active_at(org: OrganisationId, at: BlockNumber) -> bool {
		ORGANISATION_STATUS.with(|s| {
			s.borrow()
				.iter()
				.filter(|(from, o, _)| *o == org && *from <= at)
				.last()
				.is_none_or(|(_, _, active)| *active)
		})
	}
}
impl IdentityProvider<AccountId, BlockNumber> for MockIdentity {
	fn active_practitioner(who: &AccountId, at: BlockNumber) -> Option<PractitionerInfo> {
		let (organisation, role) = PRACTITIONERS.with(|p| p.borrow().get(who).copied())?;
		let organisation_kind = ORGANISATIONS.with(|o| o.borrow().get(&organisation).copied())?;
		Self::organisation_active_at(organisation, at).then_some(PractitionerInfo {
			organisation,
			organisation_kind,
			role,
		})
	}
	fn active_organisation(org: OrganisationId) -> Option<OrganisationKind> {
		let kind = ORGANISATIONS.with(|o| o.borrow().get(&org).copied())?;
		Self::organisation_active_at(org, System::block_number()).then_some(kind)
	}
	fn is_organisation_admin(_who: &AccountId, _org: OrganisationId) -> bool {
		false
	}
}

/// The registry stand-in for second factors. A valid proof carries the account's next
/// nonce and a "signature" whose first 32 bytes are `blake2_256((who, nonce, payload))`.
/// Nonces live in storage so that a failed call rolls them back, as in the registry.
pub struct MockSecondFactor;
impl MockSecondFactor {
	pub fn require(who: AccountId) {
		MFA_REQUIRED.with(|m| m.borrow_mut().insert(who));
	}
	fn nonce_key(who: AccountId) -> Vec<u8> {
		(b"mock/mfa-nonce", who).encode()
	}
	pub fn nonce(who: AccountId) -> u64 {
		unhashed::get_or_default(&Self::nonce_key(who))
	}
	pub fn signature(who: AccountId, nonce: u64, payload: &[u8]) -> MultiSignature {
		let mut raw = [0u8; 64];
		raw[..32].copy_from_slice(&sp_io::hashing::blake2_256(&(who, nonce, payload).encode()));
		MultiSignature::Ed25519(sp_core::ed25519::Signature::from_raw(raw))
	}
	/// A proof the mock accepts for `who` over `payload`.
	pub fn proof(who: AccountId, payload: &[u8]) -> SecondFactorProof {
		let nonce = Self::nonce(who);
		SecondFactorProof { nonce, signature: Self::signature(who, nonce, payload) }
	}
}
impl SecondFactor<AccountId> for MockSecondFactor {
	fn is_required(who: &AccountId) -> bool {
		MFA_REQUIRED.with(|m| m.borrow().contains(who))
	}
	fn verify_and_consume(
		who: &AccountId,
		payload: &[u8],
		proof: Option<&SecondFactorProof>,
	) -> DispatchResult {
		let proof = proof.ok_or(DispatchError::Other("SecondFactorMissing"))?;
		let nonce = Self::nonce(*who);
		if proof.nonce != nonce {
			return Err(DispatchError::Other("SecondFactorStaleNonce"));
		}
		if proof.signature != Self::signature(*who, nonce, payload) {
			return Err(DispatchError::Other("SecondFactorBadSignature"));
		}
		unhashed::put(&Self::nonce_key(*who), &(nonce + 1));
		Ok(())
	}
}

/// The audit pallet stand-in: records the notifications it receives.
pub struct MockAudit;
impl MockAudit {
	pub fn notes() -> Vec<AuditNote> {
		AUDIT.with(|a| a.borrow().clone())
	}
}
impl ConsentEvents<AccountId> for MockAudit {
	fn consent_granted(patient: &PatientId, by: &AccountId, consent: ConsentId) {
		AUDIT.with(|a| a.borrow_mut().push(AuditNote::Granted(*patient, *by, consent)));
	}
	fn consent_revoked(patient: &PatientId, by: &AccountId, consent: ConsentId) {
		AUDIT.with(|a| a.borrow_mut().push(AuditNote::Revoked(*patient, *by, consent)));
	}
	fn emergency_opened(patient: &PatientId, by: &AccountId, window: EmergencyId) {
		AUDIT.with(|a| a.borrow_mut().push(AuditNote::EmergencyOpened(*patient, *by, window)));
	}
	fn emergency_closed(patient: &PatientId, by: &AccountId, window: EmergencyId) {
		AUDIT.with(|a| a.borrow_mut().push(AuditNote::EmergencyClosed(*patient, *by, window)));
	}
}

/// Creates patients, practitioners and proofs for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn register_patient(patient: &PatientId, controller: &AccountId, guardian: &AccountId) {
		MockPseudonyms::register(*patient, *controller);
		MockPseudonyms::add_guardian(*patient, *guardian);
	}
	fn register_emergency_practitioner(who: &AccountId) {
		MockIdentity::add_practitioner(*who, HOSPITAL, PractitionerRole::Physician);
	}
	fn second_factor(who: &AccountId, payload: &[u8]) -> Option<SecondFactorProof> {
		MockSecondFactor::require(*who);
		Some(MockSecondFactor::proof(*who, payload))
	}
}

/// Clears the stand-ins and sets up: `PATIENT` (controller `CONTROLLER`, guardian
/// `GUARDIAN`), `OTHER_PATIENT`, `POOR_PATIENT`; `HOSPITAL` and `CLINIC` (care providers),
/// `LAB` (laboratory) and their practitioners; funded accounts; block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	CONTROLLERS.with(|c| c.borrow_mut().clear());
	GUARDIANS.with(|g| g.borrow_mut().clear());
	PRACTITIONERS.with(|p| p.borrow_mut().clear());
	ORGANISATIONS.with(|o| o.borrow_mut().clear());
	ORGANISATION_STATUS.with(|s| s.borrow_mut().clear());
	MFA_REQUIRED.with(|m| m.borrow_mut().clear());
	AUDIT.with(|a| a.borrow_mut().clear());

	MockPseudonyms::register(PATIENT, CONTROLLER);
	MockPseudonyms::add_guardian(PATIENT, GUARDIAN);
	MockPseudonyms::register(OTHER_PATIENT, OTHER_CONTROLLER);
	MockPseudonyms::register(POOR_PATIENT, POOR);
	MockIdentity::add_organisation(HOSPITAL, OrganisationKind::CareProvider);
	MockIdentity::add_organisation(CLINIC, OrganisationKind::CareProvider);
	MockIdentity::add_organisation(LAB, OrganisationKind::Laboratory);
	MockIdentity::add_practitioner(DOCTOR, HOSPITAL, PractitionerRole::Physician);
	MockIdentity::add_practitioner(NURSE, HOSPITAL, PractitionerRole::Nurse);
	MockIdentity::add_practitioner(OTHER_DOCTOR, CLINIC, PractitionerRole::Physician);
	MockIdentity::add_practitioner(RESPONDER, HOSPITAL, PractitionerRole::EmergencyResponder);
	MockIdentity::add_practitioner(LAB_PHYSICIAN, LAB, PractitionerRole::Physician);

	let funded = [
		CONTROLLER,
		GUARDIAN,
		OTHER_CONTROLLER,
		DOCTOR,
		NURSE,
		OTHER_DOCTOR,
		RESPONDER,
		LAB_PHYSICIAN,
		STRANGER,
	];
	let mut balances: Vec<(AccountId, Balance)> =
		funded.iter().map(|who| (*who, ENDOWMENT)).collect();
	balances.push((POOR, POOR_ENDOWMENT));
	let t = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig { balances, ..Default::default() },
	}
	.build_storage()
	.unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `f` in fresh externalities and checks the pallet's invariants afterwards.
pub fn test<R>(f: impl FnOnce() -> R) -> R {
	new_test_ext().execute_with(|| {
		let r = f();
		Consent::do_try_state().expect("try_state invariants hold");
		r
	})
}
