//! Mock runtime for the audit pallet: system, balances and audit, with small stand-ins for
//! the access decision, the registry's identities and the clock, controllable from tests.

use crate as pallet_audit;
use core::{cell::RefCell, time::Duration};
use codec::Encode;
use frame_support::{derive_impl, storage::unhashed, traits::UnixTime};
use iomt_primitives::{
	AccessAction, AccessBasis, AccessDecision, AccessTarget, Accessor, DenialReason,
	IdentityProvider, OrganisationId, OrganisationKind, PatientId, PractitionerInfo,
	PractitionerRole, Purpose, SecondFactor, SecondFactorProof,
};
use sp_runtime::{BuildStorage, DispatchError, DispatchResult};
use std::collections::{BTreeMap, BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;
pub type BlockNumber = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Audit: pallet_audit,
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

impl pallet_audit::Config for Test {
	type Decision = MockDecision;
	type Identity = MockIdentity;
	type Time = MockTime;
	type SecondFactor = MockSecondFactor;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

pub const PATIENT: PatientId = [1; 32];
pub const OTHER_PATIENT: PatientId = [2; 32];
/// Never used by any test entry.
pub const UNKNOWN_PATIENT: PatientId = [9; 32];

/// The patient's own account.
pub const CONTROLLER: AccountId = 1;
/// Physician at `HOSPITAL`.
pub const DOCTOR: AccountId = 10;
/// Nurse at `CLINIC`.
pub const NURSE: AccountId = 11;
/// No role anywhere.
pub const STRANGER: AccountId = 99;
pub const HOSPITAL: OrganisationId = 1;
pub const CLINIC: OrganisationId = 2;
/// A device id.
pub const DEVICE: [u8; 32] = [7; 32];

/// Clock reading at block 1, in milliseconds.
pub const START_MS: u64 = 1_700_000_000_000;

/// One question put to the access decision.
pub type Asked = (Accessor<AccountId>, PatientId, AccessTarget, AccessAction, Purpose, BlockNumber);

thread_local! {
	static DECISION: RefCell<Result<AccessBasis, DenialReason>> =
		const { RefCell::new(Err(DenialReason::NoConsent)) };
	static ASKED: RefCell<Vec<Asked>> = const { RefCell::new(Vec::new()) };
	static PRACTITIONERS: RefCell<BTreeMap<AccountId, (OrganisationId, PractitionerRole)>> =
		const { RefCell::new(BTreeMap::new()) };
	static NOW_MS: RefCell<u64> = const { RefCell::new(START_MS) };
	static MFA_REQUIRED: RefCell<BTreeSet<AccountId>> = const { RefCell::new(BTreeSet::new()) };
	static ADMINS: RefCell<BTreeSet<(AccountId, OrganisationId)>> =
		const { RefCell::new(BTreeSet::new()) };
	static REGULATORS: RefCell<BTreeSet<OrganisationId>> = const { RefCell::new(BTreeSet::new()) };
}

/// The registry stand-in for second factors. A valid proof carries the account's next
/// nonce (kept in storage, as in the registry) and a "signature" whose first 32 bytes are
/// `blake2_256((who, nonce, payload))`. Unlike the registry it writes the nonce **before**
/// checking the proof, so the tests show that a failed check is rolled back by the caller.
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
	/// A proof the mock accepts for `who` over `payload`.
	pub fn proof(who: AccountId, payload: &[u8]) -> SecondFactorProof {
		let nonce = Self::nonce(who);
		SecondFactorProof { nonce, signature: Self::signature(who, nonce, payload) }
	}
	fn signature(who: AccountId, nonce: u64, payload: &[u8]) -> sp_runtime::MultiSignature {
		let mut raw = [0u8; 64];
		raw[..32].copy_from_slice(&sp_io::hashing::blake2_256(&(who, nonce, payload).encode()));
		sp_runtime::MultiSignature::Ed25519(sp_core::ed25519::Signature::from_raw(raw))
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
		let nonce = Self::nonce(*who);
		unhashed::put(&Self::nonce_key(*who), &(nonce + 1));
		let proof = proof.ok_or(DispatchError::Other("SecondFactorMissing"))?;
		if proof.nonce != nonce || proof.signature != Self::signature(*who, nonce, payload) {
			return Err(DispatchError::Other("SecondFactorInvalid"));
		}
		Ok(())
	}
}
/// Sets up the benchmarks' actors in the stand-ins.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn second_factor(who: &AccountId, payload: &[u8]) -> Option<SecondFactorProof> {
		MockSecondFactor::require(*who);
		Some(MockSecondFactor::proof(*who, payload))
	}
	fn organisation_with_practitioner(
		admin: &AccountId,
		practitioner: &AccountId,
	) -> OrganisationId {
		MockIdentity::set_admin(*admin, 50);
		MockIdentity::set_practitioner(*practitioner, 50, PractitionerRole::Physician);
		50
	}
	fn auditor(who: &AccountId) {
		MockIdentity::set_regulator(60);
		MockIdentity::set_practitioner(*who, 60, PractitionerRole::Auditor);
	}
}

/// The consent pallet stand-in: answers every question with the configured decision
/// (default: denied, `NoConsent`) and records the questions.
pub struct MockDecision;
impl MockDecision {
	pub fn set(decision: Result<AccessBasis, DenialReason>) {
		DECISION.with(|d| *d.borrow_mut() = decision);
	}
	pub fn asked() -> Vec<Asked> {
		ASKED.with(|a| a.borrow().clone())
	}
}
impl AccessDecision<AccountId, BlockNumber> for MockDecision {
	fn decide(
		accessor: &Accessor<AccountId>,
		patient: &PatientId,
		target: AccessTarget,
		action: AccessAction,
		purpose: Purpose,
		at: BlockNumber,
	) -> Result<AccessBasis, DenialReason> {
		ASKED.with(|a| a.borrow_mut().push((accessor.clone(), *patient, target, action, purpose, at)));
		DECISION.with(|d| *d.borrow())
	}
	fn decide_weight() -> frame_support::weights::Weight {
		DECIDE_WEIGHT
	}
	fn decide_weight_for(_patient: &PatientId) -> frame_support::weights::Weight {
		DECIDE_WEIGHT_FOR
	}
}

/// What the mock access decision says one decision costs at worst.
pub const DECIDE_WEIGHT: frame_support::weights::Weight =
	frame_support::weights::Weight::from_parts(7_000_000, 3_000);
/// What the mock access decision says one decision about any patient costs now.
pub const DECIDE_WEIGHT_FOR: frame_support::weights::Weight =
	frame_support::weights::Weight::from_parts(2_000_000, 1_000);

/// The registry stand-in: practitioners and their (care provider) organisations.
pub struct MockIdentity;
impl MockIdentity {
	pub fn set_practitioner(who: AccountId, org: OrganisationId, role: PractitionerRole) {
		PRACTITIONERS.with(|p| p.borrow_mut().insert(who, (org, role)));
	}
	pub fn remove_practitioner(who: AccountId) {
		PRACTITIONERS.with(|p| p.borrow_mut().remove(&who));
	}
	pub fn set_admin(who: AccountId, org: OrganisationId) {
		ADMINS.with(|a| a.borrow_mut().insert((who, org)));
	}
	/// Makes `org` a regulator (all other organisations are care providers).
	pub fn set_regulator(org: OrganisationId) {
		REGULATORS.with(|r| r.borrow_mut().insert(org));
	}
	fn kind(org: OrganisationId) -> OrganisationKind {
		if REGULATORS.with(|r| r.borrow().contains(&org)) {
			OrganisationKind::Regulator
		} else {
			OrganisationKind::CareProvider
		}
	}
}
impl IdentityProvider<AccountId, BlockNumber> for MockIdentity {
	fn active_practitioner(who: &AccountId, _at: BlockNumber) -> Option<PractitionerInfo> {
		let (organisation, role) = PRACTITIONERS.with(|p| p.borrow().get(who).copied())?;
		Some(PractitionerInfo {
			organisation,
			organisation_kind: Self::kind(organisation),
			role,
		})
	}
	fn active_organisation(org: OrganisationId) -> Option<OrganisationKind> {
		Some(Self::kind(org))
	}
	fn is_organisation_admin(who: &AccountId, org: OrganisationId) -> bool {
		ADMINS.with(|a| a.borrow().contains(&(*who, org)))
	}
}

/// The timestamp pallet stand-in.
pub struct MockTime;
impl MockTime {
	pub fn set_ms(ms: u64) {
		NOW_MS.with(|n| *n.borrow_mut() = ms);
	}
}
impl UnixTime for MockTime {
	fn now() -> Duration {
		Duration::from_millis(NOW_MS.with(|n| *n.borrow()))
	}
}

/// Clears the stand-ins and sets up: `DOCTOR` (physician at `HOSPITAL`), `NURSE` (nurse at
/// `CLINIC`), a denying decision, the clock at `START_MS`; block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	DECISION.with(|d| *d.borrow_mut() = Err(DenialReason::NoConsent));
	ASKED.with(|a| a.borrow_mut().clear());
	PRACTITIONERS.with(|p| p.borrow_mut().clear());
	NOW_MS.with(|n| *n.borrow_mut() = START_MS);
	MFA_REQUIRED.with(|m| m.borrow_mut().clear());
	ADMINS.with(|a| a.borrow_mut().clear());
	REGULATORS.with(|r| r.borrow_mut().clear());
	MockIdentity::set_practitioner(DOCTOR, HOSPITAL, PractitionerRole::Physician);
	MockIdentity::set_practitioner(NURSE, CLINIC, PractitionerRole::Nurse);

	let t = RuntimeGenesisConfig::default().build_storage().unwrap();
	let mut ext = sp_io::TestExternalities::new(t);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Runs `f` in fresh externalities and checks the pallet's invariants afterwards.
pub fn test<R>(f: impl FnOnce() -> R) -> R {
	new_test_ext().execute_with(|| {
		let r = f();
		Audit::do_try_state().expect("try_state invariants hold");
		r
	})
}
