//! Mock runtime for the records pallet: system, balances and records, with small stand-ins
//! for the consent decision, the pseudonyms pallet, the registry, the devices pallet, the
//! audit trail and the clock, all controllable from the tests.

use crate as pallet_records;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, traits::UnixTime};
use iomt_primitives::{
	AccessAction, AccessBasis, AccessDecision, AccessTarget, Accessor, AuditAction, AuditEntity,
	AuditLog, AuditOutcome, DenialReason, DeviceDenial, DeviceId, DeviceKey, DeviceRegistry,
	IdentityProvider, OrganisationId, OrganisationKind, PatientId, PractitionerInfo,
	PractitionerRole, PseudonymRegistry, Purpose,
};
use sp_core::Pair;
use sp_runtime::{BuildStorage, MultiSignature};
use std::collections::{BTreeMap, BTreeSet};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;
pub type BlockNumber = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Records: pallet_records,
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

/// Controls `PATIENT`.
pub const CONTROLLER: AccountId = 1;
/// Controls `OTHER_PATIENT`.
pub const OTHER_CONTROLLER: AccountId = 3;
pub const PATIENT: PatientId = [1; 32];
pub const OTHER_PATIENT: PatientId = [2; 32];
/// Never registered.
pub const UNKNOWN_PATIENT: PatientId = [9; 32];

pub const HOSPITAL: OrganisationId = 1;
pub const CLINIC: OrganisationId = 2;

/// Physician at `HOSPITAL`.
pub const DOCTOR: AccountId = 10;
/// Physician at `CLINIC`.
pub const OTHER_DOCTOR: AccountId = 12;
/// Administrator practitioner and organisation admin of `HOSPITAL`.
pub const HOSPITAL_ADMIN: AccountId = 20;
/// Organisation admin of `CLINIC`.
pub const CLINIC_ADMIN: AccountId = 21;
/// Physician at `HOSPITAL` with a balance below the record deposit.
pub const POOR_DOCTOR: AccountId = 30;
/// No role anywhere.
pub const STRANGER: AccountId = 99;

/// A device in the custody of `HOSPITAL` (sr25519 key from its id as seed).
pub const DEVICE: DeviceId = [7; 32];
/// A device in the custody of `CLINIC`.
pub const CLINIC_DEVICE: DeviceId = [8; 32];

pub const ENDOWMENT: Balance = 10_000;
pub const POOR_ENDOWMENT: Balance = 20;

parameter_types! {
	pub const MaxLocatorLength: u32 = 112;
	pub const MaxVersions: u32 = 3;
	pub const RecordDepositBase: Balance = 50;
	pub const RecordDepositPerByte: Balance = 1;
}

impl pallet_records::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Decision = MockDecision;
	type Pseudonyms = MockPseudonyms;
	type Identity = MockIdentity;
	type Devices = MockDevices;
	type Audit = MockAudit;
	type Time = MockTime;
	type MaxLocatorLength = MaxLocatorLength;
	type MaxVersions = MaxVersions;
	type RecordDepositBase = RecordDepositBase;
	type RecordDepositPerByte = RecordDepositPerByte;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// One question the mock access decision was asked.
pub type Question = (Accessor<AccountId>, PatientId, AccessTarget, AccessAction, Purpose);

/// One entry the mock audit trail received.
pub type AuditEntry =
	(PatientId, Accessor<AccountId>, AuditAction, AuditEntity, Option<Purpose>, AuditOutcome);

thread_local! {
	static CONTROLLERS: RefCell<BTreeMap<PatientId, AccountId>> = RefCell::new(BTreeMap::new());
	static PRACTITIONERS: RefCell<BTreeMap<AccountId, (OrganisationId, PractitionerRole)>> =
		RefCell::new(BTreeMap::new());
	static ADMINS: RefCell<BTreeSet<(AccountId, OrganisationId)>> = RefCell::new(BTreeSet::new());
	/// `(accessor, patient, answer)`; the last entry for a pair decides.
	static DECISIONS: RefCell<Vec<(Accessor<AccountId>, PatientId, Result<AccessBasis, DenialReason>)>> =
		RefCell::new(Vec::new());
	static QUESTIONS: RefCell<Vec<Question>> = RefCell::new(Vec::new());
	static DEVICES: RefCell<BTreeMap<DeviceId, Result<(OrganisationId, DeviceKey), DeviceDenial>>> =
		RefCell::new(BTreeMap::new());
	static AUDIT: RefCell<Vec<AuditEntry>> = RefCell::new(Vec::new());
	static NOW_MS: RefCell<u64> = const { RefCell::new(0) };
}

/// The pseudonyms pallet stand-in.
pub struct MockPseudonyms;
impl MockPseudonyms {
	pub fn register(patient: PatientId, controller: AccountId) {
		CONTROLLERS.with(|c| c.borrow_mut().insert(patient, controller));
	}
	pub fn retire(patient: PatientId) {
		CONTROLLERS.with(|c| c.borrow_mut().remove(&patient));
	}
}
impl PseudonymRegistry<AccountId> for MockPseudonyms {
	fn controller(patient: &PatientId) -> Option<AccountId> {
		CONTROLLERS.with(|c| c.borrow().get(patient).copied())
	}
	fn is_guardian(_patient: &PatientId, _who: &AccountId) -> bool {
		false
	}
}

/// The registry stand-in: practitioners (all organisations active) and admins.
pub struct MockIdentity;
impl MockIdentity {
	pub fn add_practitioner(who: AccountId, org: OrganisationId, role: PractitionerRole) {
		PRACTITIONERS.with(|p| p.borrow_mut().insert(who, (org, role)));
	}
	pub fn remove_practitioner(who: AccountId) {
		PRACTITIONERS.with(|p| p.borrow_mut().remove(&who));
	}
	pub fn add_admin(who: AccountId, org: OrganisationId) {
		ADMINS.with(|a| a.borrow_mut().insert((who, org)));
	}
}
impl IdentityProvider<AccountId, BlockNumber> for MockIdentity {
	fn active_practitioner(who: &AccountId, _at: BlockNumber) -> Option<PractitionerInfo> {
		let (organisation, role) = PRACTITIONERS.with(|p| p.borrow().get(who).copied())?;
		Some(PractitionerInfo {
			organisation,
			organisation_kind: OrganisationKind::CareProvider,
			role,
		})
	}
	fn active_organisation(_org: OrganisationId) -> Option<OrganisationKind> {
		Some(OrganisationKind::CareProvider)
	}
	fn is_organisation_admin(who: &AccountId, org: OrganisationId) -> bool {
		ADMINS.with(|a| a.borrow().contains(&(*who, org)))
	}
}

/// The consent pallet stand-in: answers what the test set for `(accessor, patient)`
/// (`NoConsent` otherwise) and records every question.
pub struct MockDecision;
impl MockDecision {
	pub fn set(
		accessor: Accessor<AccountId>,
		patient: PatientId,
		answer: Result<AccessBasis, DenialReason>,
	) {
		DECISIONS.with(|d| d.borrow_mut().push((accessor, patient, answer)));
	}
	pub fn questions() -> Vec<Question> {
		QUESTIONS.with(|q| q.borrow().clone())
	}
}
impl AccessDecision<AccountId, BlockNumber> for MockDecision {
	fn decide(
		accessor: &Accessor<AccountId>,
		patient: &PatientId,
		target: AccessTarget,
		action: AccessAction,
		purpose: Purpose,
		_at: BlockNumber,
	) -> Result<AccessBasis, DenialReason> {
		QUESTIONS
			.with(|q| q.borrow_mut().push((accessor.clone(), *patient, target, action, purpose)));
		DECISIONS.with(|d| {
			d.borrow()
				.iter()
				.rev()
				.find(|(a, p, _)| a == accessor && p == patient)
				.map_or(Err(DenialReason::NoConsent), |(_, _, answer)| *answer)
		})
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

/// The devices pallet stand-in.
pub struct MockDevices;
impl MockDevices {
	/// The key pair of a mock device: sr25519 from the device id as seed.
	pub fn pair(device: &DeviceId) -> sp_core::sr25519::Pair {
		sp_core::sr25519::Pair::from_seed(device)
	}
	/// Registers `device`, active, in the custody of `org`, with its mock key.
	pub fn register(device: DeviceId, org: OrganisationId) {
		let key = DeviceKey::Sr25519(Self::pair(&device).public().0);
		DEVICES.with(|d| d.borrow_mut().insert(device, Ok((org, key))));
	}
	/// Makes `batch_signer` answer `denial` for `device`.
	pub fn deny(device: DeviceId, denial: DeviceDenial) {
		DEVICES.with(|d| d.borrow_mut().insert(device, Err(denial)));
	}
	pub fn sign(device: &DeviceId, message: &[u8]) -> MultiSignature {
		MultiSignature::Sr25519(Self::pair(device).sign(message))
	}
}
impl DeviceRegistry for MockDevices {
	fn batch_signer(device: &DeviceId, relayer: OrganisationId) -> Result<DeviceKey, DeviceDenial> {
		match DEVICES.with(|d| d.borrow().get(device).cloned()) {
			None => Err(DeviceDenial::UnknownDevice),
			Some(Err(denial)) => Err(denial),
			Some(Ok((org, key))) if org == relayer => Ok(key),
			Some(Ok(_)) => Err(DeviceDenial::NotCustodian),
		}
	}
}

/// The audit pallet stand-in: records the entries it receives.
pub struct MockAudit;
impl MockAudit {
	pub fn entries() -> Vec<AuditEntry> {
		AUDIT.with(|a| a.borrow().clone())
	}
}
impl AuditLog<AccountId> for MockAudit {
	fn log(
		patient: &PatientId,
		agent: &Accessor<AccountId>,
		action: AuditAction,
		entity: AuditEntity,
		purpose: Option<Purpose>,
		outcome: AuditOutcome,
	) {
		AUDIT.with(|a| {
			a.borrow_mut().push((*patient, agent.clone(), action, entity, purpose, outcome))
		});
	}
}

/// The clock stand-in, in Unix milliseconds.
pub struct MockTime;
impl MockTime {
	pub fn set(ms: u64) {
		NOW_MS.with(|n| *n.borrow_mut() = ms);
	}
}
impl UnixTime for MockTime {
	fn now() -> core::time::Duration {
		core::time::Duration::from_millis(NOW_MS.with(|n| *n.borrow()))
	}
}

/// Creates the actors the benchmarks need.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn register_patient(patient: &PatientId, controller: &AccountId) {
		MockPseudonyms::register(*patient, *controller);
	}
	fn register_admin(who: &AccountId) -> OrganisationId {
		// Past the organisations `new_test_ext` made.
		let org = ADMINS.with(|a| a.borrow().iter().map(|(_, o)| *o).max().unwrap_or(0) + 1);
		MockIdentity::add_practitioner(*who, org, PractitionerRole::Administrator);
		MockIdentity::add_admin(*who, org);
		org
	}
	fn allow_write(accessor: &Accessor<AccountId>, patient: &PatientId) {
		MockDecision::set(accessor.clone(), *patient, Ok(AccessBasis::Consent(0)));
	}
	fn register_device(custodian: OrganisationId, _custodian_admin: &AccountId) -> DeviceId {
		let device = [0xD0; 32];
		MockDevices::register(device, custodian);
		device
	}
	fn sign_as_device(device: &DeviceId, message: &[u8]) -> MultiSignature {
		MockDevices::sign(device, message)
	}
}

/// Clears the stand-ins and sets up: `PATIENT` (controller `CONTROLLER`) and
/// `OTHER_PATIENT`; `DOCTOR`, `HOSPITAL_ADMIN` and `POOR_DOCTOR` at `HOSPITAL`,
/// `OTHER_DOCTOR` at `CLINIC`, `CLINIC_ADMIN` admin of `CLINIC`; `DEVICE` at `HOSPITAL`,
/// `CLINIC_DEVICE` at `CLINIC`; funded accounts; block 1, time 1_700_000_000_000 ms.
pub fn new_test_ext() -> sp_io::TestExternalities {
	CONTROLLERS.with(|c| c.borrow_mut().clear());
	PRACTITIONERS.with(|p| p.borrow_mut().clear());
	ADMINS.with(|a| a.borrow_mut().clear());
	DECISIONS.with(|d| d.borrow_mut().clear());
	QUESTIONS.with(|q| q.borrow_mut().clear());
	DEVICES.with(|d| d.borrow_mut().clear());
	AUDIT.with(|a| a.borrow_mut().clear());
	MockTime::set(1_700_000_000_000);

	MockPseudonyms::register(PATIENT, CONTROLLER);
	MockPseudonyms::register(OTHER_PATIENT, OTHER_CONTROLLER);
	MockIdentity::add_practitioner(DOCTOR, HOSPITAL, PractitionerRole::Physician);
	MockIdentity::add_practitioner(POOR_DOCTOR, HOSPITAL, PractitionerRole::Physician);
	MockIdentity::add_practitioner(OTHER_DOCTOR, CLINIC, PractitionerRole::Physician);
	MockIdentity::add_practitioner(HOSPITAL_ADMIN, HOSPITAL, PractitionerRole::Administrator);
	MockIdentity::add_admin(HOSPITAL_ADMIN, HOSPITAL);
	MockIdentity::add_admin(CLINIC_ADMIN, CLINIC);
	MockDevices::register(DEVICE, HOSPITAL);
	MockDevices::register(CLINIC_DEVICE, CLINIC);

	let funded = [
		CONTROLLER,
		OTHER_CONTROLLER,
		DOCTOR,
		OTHER_DOCTOR,
		HOSPITAL_ADMIN,
		CLINIC_ADMIN,
		STRANGER,
	];
	let mut balances: Vec<(AccountId, Balance)> =
		funded.iter().map(|who| (*who, ENDOWMENT)).collect();
	balances.push((POOR_DOCTOR, POOR_ENDOWMENT));
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
		Records::do_try_state().expect("try_state invariants hold");
		r
	})
}
