//! Mock runtime for the devices pallet: system, balances and devices, with a small stand-in
//! for the registry (organisations, kinds, admins) controllable from the tests.

use crate as pallet_devices;
use core::cell::RefCell;
use frame_support::{derive_impl, parameter_types, traits::UnixTime};
use frame_system::EnsureRoot;
use iomt_primitives::{
	DeviceKey, IdentityProvider, OrganisationId, OrganisationKind, PractitionerInfo,
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
		DevicesPallet: pallet_devices,
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

// Organisations.
/// A manufacturer.
pub const MAKER: OrganisationId = 1;
/// Another manufacturer.
pub const OTHER_MAKER: OrganisationId = 2;
/// A care provider.
pub const HOSPITAL: OrganisationId = 3;
/// A distributor.
pub const DISTRIBUTOR: OrganisationId = 4;
/// Never admitted.
pub const UNKNOWN_ORG: OrganisationId = 9;

// Admins.
/// Admin of `MAKER`.
pub const MAKER_ADMIN: AccountId = 10;
/// Admin of `OTHER_MAKER`.
pub const OTHER_MAKER_ADMIN: AccountId = 11;
/// Admin of `HOSPITAL`.
pub const HOSPITAL_ADMIN: AccountId = 12;
/// Admin of `DISTRIBUTOR`.
pub const DISTRIBUTOR_ADMIN: AccountId = 13;
/// Admin of `MAKER` who cannot afford a deposit.
pub const POOR_ADMIN: AccountId = 14;
/// Admin of nothing.
pub const STRANGER: AccountId = 99;

/// Balance of every funded account but `POOR_ADMIN`.
pub const ENDOWMENT: Balance = 1_000;
/// Balance of `POOR_ADMIN` (below `DeviceDeposit`).
pub const POOR_ENDOWMENT: Balance = 5;

parameter_types! {
	pub const MaxUdiDiLength: u32 = 16;
	pub const MaxSerialLength: u32 = 16;
	pub const MaxModelIdLength: u32 = 8;
	pub const MaxComponents: u32 = 3;
	pub const MaxReleasesPerModel: u32 = 3;
	pub const MaxHistoryLength: u32 = 4;
	pub const DeviceDeposit: Balance = 50;
}

impl pallet_devices::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Identity = MockIdentity;
	type GovernanceOrigin = EnsureRoot<AccountId>;
	type MaxUdiDiLength = MaxUdiDiLength;
	type MaxSerialLength = MaxSerialLength;
	type MaxModelIdLength = MaxModelIdLength;
	type MaxComponents = MaxComponents;
	type MaxReleasesPerModel = MaxReleasesPerModel;
	type MaxHistoryLength = MaxHistoryLength;
	type DeviceDeposit = DeviceDeposit;
	type Time = MockTime;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = MockBenchmarkHelper;
}

/// Chain time of the mock: block `n` is at `GENESIS_MS + n * BLOCK_MS` Unix milliseconds.
pub const GENESIS_MS: u64 = 1_700_000_000_000;
/// Milliseconds between mock blocks.
pub const BLOCK_MS: u64 = 6_000;

/// The clock stand-in: time follows the block number (see [`GENESIS_MS`]).
pub struct MockTime;
impl UnixTime for MockTime {
	fn now() -> core::time::Duration {
		let n = System::block_number();
		core::time::Duration::from_millis(GENESIS_MS + n * BLOCK_MS)
	}
}

/// The mock chain time of block `n`, Unix milliseconds.
pub fn time_of(n: BlockNumber) -> u64 {
	GENESIS_MS + n * BLOCK_MS
}

thread_local! {
	/// `org -> (kind, active)`.
	static ORGANISATIONS: RefCell<BTreeMap<OrganisationId, (OrganisationKind, bool)>> =
		RefCell::new(BTreeMap::new());
	static ADMINS: RefCell<BTreeSet<(AccountId, OrganisationId)>> = RefCell::new(BTreeSet::new());
}

/// The registry stand-in: organisations with a kind and an active flag, and their admins.
pub struct MockIdentity;
impl MockIdentity {
	pub fn add_organisation(org: OrganisationId, kind: OrganisationKind) {
		ORGANISATIONS.with(|o| o.borrow_mut().insert(org, (kind, true)));
	}
	pub fn add_admin(who: AccountId, org: OrganisationId) {
		ADMINS.with(|a| a.borrow_mut().insert((who, org)));
	}
	/// Suspend (`false`) or reinstate (`true`) `org`.
	pub fn set_active(org: OrganisationId, active: bool) {
		ORGANISATIONS.with(|o| {
			if let Some(entry) = o.borrow_mut().get_mut(&org) {
				entry.1 = active;
			}
		});
	}
}
impl IdentityProvider<AccountId, BlockNumber> for MockIdentity {
	fn active_practitioner(_who: &AccountId, _at: BlockNumber) -> Option<PractitionerInfo> {
		None
	}
	fn active_organisation(org: OrganisationId) -> Option<OrganisationKind> {
		ORGANISATIONS
			.with(|o| o.borrow().get(&org).copied())
			.and_then(|(kind, active)| active.then_some(kind))
	}
	fn is_organisation_admin(who: &AccountId, org: OrganisationId) -> bool {
		Self::active_organisation(org).is_some()
			&& ADMINS.with(|a| a.borrow().contains(&(*who, org)))
	}
}

/// An ed25519 device key pair from a one-byte seed.
pub fn key_pair(seed: u8) -> sp_core::ed25519::Pair {
	sp_core::ed25519::Pair::from_seed(&[seed; 32])
}

/// The public device key of [`key_pair`]`(seed)`.
pub fn device_key(seed: u8) -> DeviceKey {
	DeviceKey::Ed25519(key_pair(seed).public().0)
}

/// The signature of `message` by [`key_pair`]`(seed)`.
pub fn sign(seed: u8, message: &[u8]) -> MultiSignature {
	MultiSignature::Ed25519(key_pair(seed).sign(message))
}

/// Creates organisations and device keys for the benchmarks.
#[cfg(feature = "runtime-benchmarks")]
pub struct MockBenchmarkHelper;
#[cfg(feature = "runtime-benchmarks")]
impl crate::BenchmarkHelper<AccountId> for MockBenchmarkHelper {
	fn add_organisation(kind: OrganisationKind, admin: &AccountId) -> OrganisationId {
		// After the organisations `new_test_ext` made.
		let org = ORGANISATIONS.with(|o| o.borrow().keys().max().copied().unwrap_or(0) + 1);
		MockIdentity::add_organisation(org, kind);
		MockIdentity::add_admin(*admin, org);
		org
	}
	fn device_key() -> DeviceKey {
		device_key(200)
	}
	fn sign(message: &[u8]) -> MultiSignature {
		sign(200, message)
	}
}

/// Clears the stand-in and sets up `MAKER` and `OTHER_MAKER` (manufacturers), `HOSPITAL`
/// (care provider), `DISTRIBUTOR` and their admins; funded accounts; block 1.
pub fn new_test_ext() -> sp_io::TestExternalities {
	ORGANISATIONS.with(|o| o.borrow_mut().clear());
	ADMINS.with(|a| a.borrow_mut().clear());

	MockIdentity::add_organisation(MAKER, OrganisationKind::Manufacturer);
	MockIdentity::add_organisation(OTHER_MAKER, OrganisationKind::Manufacturer);
	MockIdentity::add_organisation(HOSPITAL, OrganisationKind::CareProvider);
	MockIdentity::add_organisation(DISTRIBUTOR, OrganisationKind::Distributor);
	MockIdentity::add_admin(MAKER_ADMIN, MAKER);
	MockIdentity::add_admin(POOR_ADMIN, MAKER);
	MockIdentity::add_admin(OTHER_MAKER_ADMIN, OTHER_MAKER);
	MockIdentity::add_admin(HOSPITAL_ADMIN, HOSPITAL);
	MockIdentity::add_admin(DISTRIBUTOR_ADMIN, DISTRIBUTOR);

	let funded = [MAKER_ADMIN, OTHER_MAKER_ADMIN, HOSPITAL_ADMIN, DISTRIBUTOR_ADMIN, STRANGER];
	let mut balances: Vec<(AccountId, Balance)> =
		funded.iter().map(|who| (*who, ENDOWMENT)).collect();
	balances.push((POOR_ADMIN, POOR_ENDOWMENT));
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
		DevicesPallet::do_try_state().expect("try_state invariants hold");
		r
	})
}
