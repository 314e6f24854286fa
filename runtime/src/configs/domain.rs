//! The IoMT domain pallets: the organisation registry, patient pseudonyms and consent.
//!
//! Pallets reach each other only through the traits of `iomt-primitives`; the wiring is
//! here: the registry answers identities and second factors, the pseudonyms pallet answers
//! who controls a patient id, and the consent pallet makes the one access decision.
//!
//! Deposits: every item that grows with use holds a deposit from whoever created it,
//! `deposit(items, bytes)`, released when the item is removed.

use crate::*;
use frame_support::parameter_types;

/// Storage deposit: 0.1 IOMT per storage item plus 1 milli-IOMT per byte.
pub const fn deposit(items: u32, bytes: u32) -> Balance {
	items as Balance * 100 * MILLI_UNIT + bytes as Balance * MILLI_UNIT
}

parameter_types! {
	/// Organisation names are public and short ("St Mary's Hospital").
	pub const MaxNameLength: u32 = 64;
	pub const MaxAdmins: u32 = 8;
	pub const MaxPractitionersPerOrganisation: u32 = 10_000;
	/// A practitioner record and its organisation index entry (~120 bytes).
	pub const PractitionerDeposit: Balance = deposit(2, 128);
	/// A second-factor key, its nonce and record (~100 bytes).
	pub const SecondFactorDeposit: Balance = deposit(2, 112);
}

impl pallet_registry::Config for Runtime {
	type RuntimeHoldReason = RuntimeHoldReason;
	type Currency = Balances;
	type GovernanceOrigin = EnsureGovernance;
	type MaxNameLength = MaxNameLength;
	type MaxAdmins = MaxAdmins;
	type MaxPractitionersPerOrganisation = MaxPractitionersPerOrganisation;
	type PractitionerDeposit = PractitionerDeposit;
	type SecondFactorDeposit = SecondFactorDeposit;
	type WeightInfo = pallet_registry::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	/// A pseudonym with up to five guardians (~250 bytes) and its controller's counter.
	pub const PseudonymDeposit: Balance = deposit(2, 256);
	/// Enough for a patient's separate ids (general practice, oncology, research...);
	/// wallets should prefer one controller account per pseudonym anyway (unlinkability).
	pub const MaxPseudonymsPerAccount: u32 = 8;
	pub const MaxGuardians: u32 = 5;
	/// Two days in which the current controller can cancel a guardian recovery.
	pub const RecoveryDelay: BlockNumber = 2 * DAYS;
}

impl pallet_pseudonyms::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type PseudonymDeposit = PseudonymDeposit;
	type MaxPseudonymsPerAccount = MaxPseudonymsPerAccount;
	type MaxGuardians = MaxGuardians;
	type RecoveryDelay = RecoveryDelay;
	type WeightInfo = pallet_pseudonyms::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Categories or record ids listed in one consent's scope.
	pub const MaxScopeItems: u32 = 16;
	/// A data key wrapped for the grantee (e.g. an X25519 sealed box or an RSA-4096 block).
	pub const MaxEnvelopeLength: u32 = 512;
	pub const MaxConsentsPerPatient: u32 = 256;
	pub const MaxOpenEmergencies: u32 = 4;
	/// A break-glass window lasts at most 24 hours; a new one needs a new reason.
	pub const MaxEmergencyDuration: BlockNumber = DAYS;
	/// A consent and its two index entries (~200 bytes without the envelope).
	pub const ConsentDepositBase: Balance = deposit(3, 200);
	/// Per byte of key envelope.
	pub const ConsentDepositPerByte: Balance = deposit(0, 1);
}

impl pallet_consent::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Identity = Registry;
	type Pseudonyms = Pseudonyms;
	type SecondFactor = Registry;
	/// Every consent and emergency event goes into the patient's audit trail.
	type Events = Audit;
	type MaxScopeItems = MaxScopeItems;
	type MaxEnvelopeLength = MaxEnvelopeLength;
	type MaxConsentsPerPatient = MaxConsentsPerPatient;
	type MaxOpenEmergencies = MaxOpenEmergencies;
	type MaxEmergencyDuration = MaxEmergencyDuration;
	type ConsentDepositBase = ConsentDepositBase;
	type ConsentDepositPerByte = ConsentDepositPerByte;
	type WeightInfo = pallet_consent::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::DomainBenchmarkHelper;
}

impl pallet_audit::Config for Runtime {
	type Decision = Consent;
	type Identity = Registry;
	type Time = Timestamp;
	type SecondFactor = Registry;
	type WeightInfo = pallet_audit::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::DomainBenchmarkHelper;
}

parameter_types! {
	/// An IPFS CIDv1 in base32 with a sha2-256 multihash is 59 bytes.
	pub const MaxLocatorLength: u32 = 128;
	/// A record and its amendments.
	pub const MaxVersions: u32 = 32;
	/// A record and its two index entries (~150 bytes without the locator).
	pub const RecordDepositBase: Balance = deposit(3, 160);
	/// Per byte of locator.
	pub const RecordDepositPerByte: Balance = deposit(0, 1);
}

impl pallet_records::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Decision = Consent;
	type Pseudonyms = Pseudonyms;
	type Identity = Registry;
	type Devices = Devices;
	type Audit = Audit;
	type Time = Timestamp;
	type MaxLocatorLength = MaxLocatorLength;
	type MaxVersions = MaxVersions;
	type RecordDepositBase = RecordDepositBase;
	type RecordDepositPerByte = RecordDepositPerByte;
	type WeightInfo = pallet_records::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::DomainBenchmarkHelper;
}

parameter_types! {
	/// GS1 GTIN-14 UDI-DIs are 14 digits; HIBCC and ICCBBA ones are longer.
	pub const MaxUdiDiLength: u32 = 64;
	pub const MaxSerialLength: u32 = 64;
	pub const MaxModelIdLength: u32 = 64;
	pub const MaxComponents: u32 = 16;
	pub const MaxReleasesPerModel: u32 = 64;
	pub const MaxHistoryLength: u32 = 64;
	/// A device record with its histories (~2 KiB at their bounds) and index entries.
	pub const DeviceDeposit: Balance = deposit(6, 2048);
}

impl pallet_devices::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type Identity = Registry;
	type GovernanceOrigin = EnsureGovernance;
	type MaxUdiDiLength = MaxUdiDiLength;
	type MaxSerialLength = MaxSerialLength;
	type MaxModelIdLength = MaxModelIdLength;
	type MaxComponents = MaxComponents;
	type MaxReleasesPerModel = MaxReleasesPerModel;
	type MaxHistoryLength = MaxHistoryLength;
	type DeviceDeposit = DeviceDeposit;
	type Time = Timestamp;
	type WeightInfo = pallet_devices::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = benchmark_helpers::DomainBenchmarkHelper;
}

/// Glue for the domain pallets' benchmarks: they set up other pallets' state through these.
#[cfg(feature = "runtime-benchmarks")]
pub mod benchmark_helpers {
	use super::*;

	/// Creates what the consent and allowlist benchmarks need in the registry and the
	/// pseudonyms pallet.
	pub struct DomainBenchmarkHelper;

	impl pallet_validator_allowlist::BenchmarkHelper for DomainBenchmarkHelper {
		fn active_organisation() -> iomt_primitives::OrganisationId {
			admit_hospital(Sr25519Keyring::Alice.to_account_id())
		}
	}

	impl pallet_consent::BenchmarkHelper<AccountId> for DomainBenchmarkHelper {
		fn register_patient(
			patient: &iomt_primitives::PatientId,
			controller: &AccountId,
			guardian: &AccountId,
		) {
			fund(controller);
			fund(guardian);
			let _ = Pseudonyms::register(RuntimeOrigin::signed(controller.clone()), *patient);
			let _ = Pseudonyms::set_guardians(
				RuntimeOrigin::signed(controller.clone()),
				*patient,
				frame_support::BoundedVec::truncate_from(alloc::vec![guardian.clone()]),
				1,
			);
		}

		fn register_emergency_practitioner(who: &AccountId) {
			let admin: AccountId = frame_benchmarking::account("hospital-admin", 0, 0);
			fund(&admin);
			fund(who);
			let org = admit_hospital(admin.clone());
			let _ = Registry::register_practitioner(
				RuntimeOrigin::signed(admin),
				org,
				who.clone(),
				iomt_primitives::PractitionerRole::Physician,
				None,
			);
		}

		fn second_factor(
			who: &AccountId,
			payload: &[u8],
		) -> Option<iomt_primitives::SecondFactorProof> {
			use pallet_registry::BenchmarkHelper as Keys;
			fund(who);
			if pallet_registry::SecondFactors::<Runtime>::get(who).is_none() {
				let key = <() as Keys>::second_factor_key(0);
				let possession =
					<() as Keys>::sign(0, &Registry::second_factor_key_message(who))?;
				Registry::register_second_factor(
					RuntimeOrigin::signed(who.clone()),
					key,
					possession,
					None,
				)
				.ok()?;
			}
			let nonce = pallet_registry::SecondFactorNonce::<Runtime>::get(who);
			let signature =
				<() as Keys>::sign(0, &Registry::second_factor_message(who, nonce, payload))?;
			Some(iomt_primitives::SecondFactorProof { nonce, signature })
		}
	}

	impl pallet_audit::BenchmarkHelper<AccountId> for DomainBenchmarkHelper {
		fn second_factor(
			who: &AccountId,
			payload: &[u8],
		) -> Option<iomt_primitives::SecondFactorProof> {
			<Self as pallet_consent::BenchmarkHelper<AccountId>>::second_factor(who, payload)
		}

		fn organisation_with_practitioner(
			admin: &AccountId,
			practitioner: &AccountId,
		) -> iomt_primitives::OrganisationId {
			fund(admin);
			let org = admit_hospital(admin.clone());
			let _ = Registry::register_practitioner(
				RuntimeOrigin::signed(admin.clone()),
				org,
				practitioner.clone(),
				iomt_primitives::PractitionerRole::Physician,
				None,
			);
			org
		}

		fn auditor(who: &AccountId) {
			let admin: AccountId = frame_benchmarking::account("regulator-admin", 0, 0);
			fund(&admin);
			let regulator = admit(iomt_primitives::OrganisationKind::Regulator, admin.clone());
			let _ = Registry::register_practitioner(
				RuntimeOrigin::signed(admin),
				regulator,
				who.clone(),
				iomt_primitives::PractitionerRole::Auditor,
				None,
			);
		}
	}


	const DEVICE_KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"iomd");

	fn device_public() -> sp_core::sr25519::Public {
		sp_io::crypto::sr25519_generate(DEVICE_KEY_TYPE, Some(b"//iomt-benchmark-device".to_vec()))
	}

	fn device_sign(message: &[u8]) -> sp_runtime::MultiSignature {
		sp_io::crypto::sr25519_sign(DEVICE_KEY_TYPE, &device_public(), message)
			.expect("the key was generated in the benchmark keystore")
			.into()
	}

	impl pallet_devices::BenchmarkHelper<AccountId> for DomainBenchmarkHelper {
		fn add_organisation(
			kind: iomt_primitives::OrganisationKind,
			admin: &AccountId,
		) -> iomt_primitives::OrganisationId {
			fund(admin);
			admit(kind, admin.clone())
		}

		fn device_key() -> iomt_primitives::DeviceKey {
			iomt_primitives::DeviceKey::Sr25519(device_public().0)
		}

		fn sign(message: &[u8]) -> sp_runtime::MultiSignature {
			device_sign(message)
		}
	}

	impl pallet_records::BenchmarkHelper<AccountId> for DomainBenchmarkHelper {
		fn register_patient(patient: &iomt_primitives::PatientId, controller: &AccountId) {
			fund(controller);
			let _ = Pseudonyms::register(RuntimeOrigin::signed(controller.clone()), *patient);
		}

		fn register_admin(who: &AccountId) -> iomt_primitives::OrganisationId {
			fund(who);
			let org = admit_hospital(who.clone());
			let _ = Registry::register_practitioner(
				RuntimeOrigin::signed(who.clone()),
				org,
				who.clone(),
				iomt_primitives::PractitionerRole::Administrator,
				None,
			);
			org
		}

		fn allow_write(
			accessor: &iomt_primitives::Accessor<AccountId>,
			patient: &iomt_primitives::PatientId,
		) {
			use iomt_primitives::PseudonymRegistry;
			let Some(controller) = Pseudonyms::controller(patient) else { return };
			let grantee = match accessor {
				iomt_primitives::Accessor::Account(a) =>
					iomt_primitives::Grantee::Practitioner(a.clone()),
				iomt_primitives::Accessor::Device(d) => iomt_primitives::Grantee::Device(*d),
			};
			let _ = Consent::grant(
				RuntimeOrigin::signed(controller),
				*patient,
				grantee,
				pallet_consent::ConsentScope::AllRecords,
				frame_support::BoundedVec::truncate_from(alloc::vec![iomt_primitives::AccessAction::Write]),
				frame_support::BoundedVec::truncate_from(alloc::vec![iomt_primitives::Purpose::Treatment]),
				None,
				None,
				None,
				None,
			);
		}

		/// A manufacturer makes the device and ships it to `custodian`, which accepts it:
		/// all through the devices pallet's own calls.
		fn register_device(
			custodian: iomt_primitives::OrganisationId,
			custodian_admin: &AccountId,
		) -> iomt_primitives::DeviceId {
			use pallet_devices::BenchmarkHelper as _;
			let maker_admin: AccountId = frame_benchmarking::account("device-maker", 0, 0);
			fund(&maker_admin);
			let maker =
				admit(iomt_primitives::OrganisationKind::Manufacturer, maker_admin.clone());
			let (udi_di, serial) = (b"00000000000000".to_vec(), b"benchmark-0001".to_vec());
			let maker_origin = RuntimeOrigin::signed(maker_admin);
			let _ = Devices::register_device(
				maker_origin.clone(),
				maker,
				frame_support::BoundedVec::truncate_from(udi_di.clone()),
				frame_support::BoundedVec::truncate_from(serial.clone()),
				frame_support::BoundedVec::truncate_from(b"benchmark-model".to_vec()),
				Self::device_key(),
				[0u8; 32],
				None,
				Default::default(),
			);
			let device = Devices::device_id(&udi_di, &serial);
			let _ = Devices::ship(maker_origin, device, custodian);
			let _ = Devices::accept(RuntimeOrigin::signed(custodian_admin.clone()), device);
			device
		}

		fn sign_as_device(
			_device: &iomt_primitives::DeviceId,
			message: &[u8],
		) -> sp_runtime::MultiSignature {
			device_sign(message)
		}
	}

	fn fund(who: &AccountId) {
		use frame_support::traits::fungible::Mutate;
		let _ = Balances::mint_into(who, 1_000 * UNIT);
	}

	/// Admits a care provider with `admin` as its administrator; returns its id.
	pub fn admit_hospital(admin: AccountId) -> iomt_primitives::OrganisationId {
		admit(iomt_primitives::OrganisationKind::CareProvider, admin)
	}

	/// Admits an organisation of `kind` with `admin` as its administrator through the
	/// registry's own call (root is a governance origin); returns its id.
	pub fn admit(
		kind: iomt_primitives::OrganisationKind,
		admin: AccountId,
	) -> iomt_primitives::OrganisationId {
		let id = pallet_registry::NextOrganisationId::<Runtime>::get();
		let _ = Registry::admit_organisation(
			RuntimeOrigin::root(),
			kind,
			frame_support::BoundedVec::truncate_from(b"Benchmark Organisation".to_vec()),
			frame_support::BoundedVec::truncate_from(alloc::vec![admin]),
		);
		id
	}

	use sp_keyring::Sr25519Keyring;
}
