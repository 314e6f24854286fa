//! Mock runtime for the registry: system, balances (for the deposits) and the registry.
//! Genesis admits a hospital (no second factor required) and a laboratory that requires
//! one. Deposits are `parameter_types` statics that tests may change.

use crate as pallet_registry;
use crate::{SecondFactorNonce, SecondFactorProof};
use frame_support::{derive_impl, parameter_types, traits::ConstU32, BoundedVec};
use frame_system::EnsureRoot;
use iomt_primitives::OrganisationId;
use sp_core::Pair;
use sp_runtime::{BuildStorage, DispatchResult, MultiSignature, MultiSigner};

type Block = frame_system::mocking::MockBlock<Test>;
pub type AccountId = u64;
pub type Balance = u64;

frame_support::construct_runtime!(
	pub enum Test {
		System: frame_system,
		Balances: pallet_balances,
		Registry: pallet_registry,
	}
);

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<Balance>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

pub const MAX_NAME_LENGTH: u32 = 16;
pub const MAX_ADMINS: u32 = 3;
pub const MAX_PRACTITIONERS: u32 = 3;

parameter_types! {
	pub static PractitionerDeposit: Balance = 10;
	pub static SecondFactorDeposit: Balance = 5;
}

impl pallet_registry::Config for Test {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type MaxNameLength = ConstU32<MAX_NAME_LENGTH>;
	type MaxAdmins = ConstU32<MAX_ADMINS>;
	type MaxPractitionersPerOrganisation = ConstU32<MAX_PRACTITIONERS>;
	type PractitionerDeposit = PractitionerDeposit;
	type SecondFactorDeposit = SecondFactorDeposit;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// Genesis organisation 0: a care provider, no second factor required.
pub const HOSPITAL: OrganisationId = 0;
/// Genesis organisation 1: a laboratory whose practitioners must use a second factor.
pub const LAB: OrganisationId = 1;
/// An organisation id nobody was given.
pub const NO_SUCH_ORG: OrganisationId = 99;

/// Admins of the hospital.
pub const HOSPITAL_ADMIN: AccountId = 1;
pub const HOSPITAL_ADMIN_2: AccountId = 2;
/// Admin of the laboratory.
pub const LAB_ADMIN: AccountId = 3;
/// Accounts to register as practitioners.
pub const DOCTOR: AccountId = 10;
pub const NURSE: AccountId = 11;
pub const LAB_TECH: AccountId = 12;
pub const PARAMEDIC: AccountId = 13;
/// A patient: no organisation.
pub const PATIENT: AccountId = 20;
/// An account that is nobody's admin.
pub const OUTSIDER: AccountId = 30;

/// Balance of every endowed account.
pub const ENDOWMENT: Balance = 1_000;

/// Keys and signatures for the benchmarks, from deterministic sr25519 pairs.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;

#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper for MockBenchmarkHelper {
	fn second_factor_key(index: u32) -> MultiSigner {
		bench_pair(index).public().into()
	}
	fn sign(index: u32, message: &[u8]) -> Option<MultiSignature> {
		Some(bench_pair(index).sign(message).into())
	}
}

#[cfg(feature = "runtime-benchmarks")]
fn bench_pair(index: u32) -> sp_core::sr25519::Pair {
	let mut seed = [7u8; 32];
	seed[..4].copy_from_slice(&index.to_le_bytes());
	sp_core::sr25519::Pair::from_seed(&seed)
}

/// Genesis: `HOSPITAL` (admins 1 and 2) and `LAB` (admin 3, second factor required);
/// accounts 1-3, 10-13, 20 and 30 endowed with `ENDOWMENT`; block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	PractitionerDeposit::set(10);
	SecondFactorDeposit::set(5);
	let t = RuntimeGenesisConfig {
		system: Default::default(),
		balances: pallet_balances::GenesisConfig {
			balances: [
				HOSPITAL_ADMIN,
				HOSPITAL_ADMIN_2,
				LAB_ADMIN,
				DOCTOR,
				NURSE,
				LAB_TECH,
				PARAMEDIC,
				PATIENT,
				OUTSIDER,
			]
			.into_iter()
			.map(|who| (who, ENDOWMENT))
			.collect(),
			..Default::default()
		},
		registry: pallet_registry::GenesisConfig {
			organisations: vec![
				(
					crate::GenesisOrganisationKind::CareProvider,
					b"St Mary".to_vec(),
					vec![HOSPITAL_ADMIN, HOSPITAL_ADMIN_2],
					false,
				),
				(
					crate::GenesisOrganisationKind::Laboratory,
					b"City Lab".to_vec(),
					vec![LAB_ADMIN],
					true,
				),
			],
		},
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
		Registry::do_try_state().expect("try_state invariants hold");
		r
	})
}

/// The last event deposited.
pub fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was deposited").event
}

/// A bounded organisation name.
pub fn name(bytes: &[u8]) -> BoundedVec<u8, ConstU32<MAX_NAME_LENGTH>> {
	bytes.to_vec().try_into().expect("name within bound")
}

/// A bounded admin list.
pub fn admins(accounts: &[AccountId]) -> BoundedVec<AccountId, ConstU32<MAX_ADMINS>> {
	accounts.to_vec().try_into().expect("admins within bound")
}

/// Deterministic key pairs for tests.
pub fn sr25519_pair(seed: u8) -> sp_core::sr25519::Pair {
	sp_core::sr25519::Pair::from_seed(&[seed; 32])
}
pub fn ed25519_pair(seed: u8) -> sp_core::ed25519::Pair {
	sp_core::ed25519::Pair::from_seed(&[seed; 32])
}
pub fn ecdsa_pair(seed: u8) -> sp_core::ecdsa::Pair {
	sp_core::ecdsa::Pair::from_seed(&[seed; 32])
}

/// The `MultiSigner` of `pair`.
pub fn signer<P: Pair>(pair: &P) -> MultiSigner
where
	MultiSigner: From<P::Public>,
{
	pair.public().into()
}

/// `pair`'s proof of possession for `who`.
pub fn possession<P: Pair>(pair: &P, who: AccountId) -> MultiSignature
where
	MultiSignature: From<P::Signature>,
{
	pair.sign(&Registry::second_factor_key_message(&who)).into()
}

/// A second-factor proof by `pair` for `who` with an explicit `nonce` over `payload`.
pub fn proof_with_nonce<P: Pair>(
	pair: &P,
	who: AccountId,
	nonce: u64,
	payload: &[u8],
) -> SecondFactorProof
where
	MultiSignature: From<P::Signature>,
{
	SecondFactorProof {
		nonce,
		signature: pair.sign(&Registry::second_factor_message(&who, nonce, payload)).into(),
	}
}

/// A second-factor proof by `pair` for `who` with its current nonce over `payload`.
pub fn proof<P: Pair>(pair: &P, who: AccountId, payload: &[u8]) -> SecondFactorProof
where
	MultiSignature: From<P::Signature>,
{
	proof_with_nonce(pair, who, SecondFactorNonce::<Test>::get(who), payload)
}

/// Registers `pair`'s public key as `who`'s first second-factor key.
pub fn register_key<P: Pair>(who: AccountId, pair: &P)
where
	MultiSigner: From<P::Public>,
	MultiSignature: From<P::Signature>,
{
	try_register_key(who, pair, None).expect("first key registers");
}

/// `who` registers `pair`'s public key as its second factor, with `pair`'s proof of
/// possession and `current` as the proof by the key it replaces, if any; the call's result.
pub fn try_register_key<P: Pair>(
	who: AccountId,
	pair: &P,
	current: Option<SecondFactorProof>,
) -> DispatchResult
where
	MultiSigner: From<P::Public>,
	MultiSignature: From<P::Signature>,
{
	Registry::register_second_factor(
		RuntimeOrigin::signed(who),
		signer(pair),
		possession(pair, who),
		current,
	)
}

/// Registers `who` at `org` (signed by `admin`) as a physician without end of validity.
pub fn register_physician(admin: AccountId, org: OrganisationId, who: AccountId) {
	Registry::register_practitioner(
		RuntimeOrigin::signed(admin),
		org,
		who,
		iomt_primitives::PractitionerRole::Physician,
		None,
	)
	.expect("practitioner registers");
}
