//! Tests of the registry: every call's effect, every error, every origin; the identity and
//! second-factor answers other pallets rely on; bounds and invariants.

mod admit_organisation;
mod identity;
mod register_practitioner;
mod register_second_factor;
mod reinstate_organisation;
mod remove_practitioner;
mod remove_second_factor;
mod reset_second_factor;
mod revoke_practitioner;
mod second_factor;
mod set_second_factor_requirement;
mod suspend_organisation;
mod update_organisation;
mod update_practitioner;

use crate::{
	mock::*, HoldReason, NextOrganisationId, Organisation, OrganisationPractitioners,
	OrganisationStatus, Organisations, Practitioner, Practitioners, SecondFactorKey,
	SecondFactorRecord, SecondFactors,
};
use codec::{Compact, CompactLen, Decode, Encode, MaxEncodedLen};
use frame_support::{assert_ok, traits::ConstU32, BoundedVec};
use frame_system::pallet_prelude::BlockNumberFor;
use iomt_primitives::{
	OrganisationId, OrganisationKind, PractitionerRole, SecondFactor, SecondFactorProof,
};
use sp_core::Pair;
use sp_runtime::{BuildStorage, DispatchResult, MultiSignature, MultiSigner};

#[test]
fn genesis_admits_the_listed_organisations_in_order() {
	test(|| {
		let hospital = Organisations::<Test>::get(HOSPITAL).expect("hospital admitted");
		assert_eq!(hospital.kind, OrganisationKind::CareProvider);
		assert_eq!(hospital.name.to_vec(), b"St Mary".to_vec());
		assert_eq!(hospital.admins.to_vec(), vec![HOSPITAL_ADMIN, HOSPITAL_ADMIN_2]);
		assert_eq!(hospital.status, OrganisationStatus::Active);
		assert!(!hospital.requires_second_factor);
		assert_eq!(hospital.admitted_at, 0);
		assert_eq!(hospital.practitioner_count, 0);

		let lab = Organisations::<Test>::get(LAB).expect("lab admitted");
		assert_eq!(lab.kind, OrganisationKind::Laboratory);
		assert!(lab.requires_second_factor);
		assert_eq!(NextOrganisationId::<Test>::get(), 2);
	});
}

#[test]
#[should_panic(expected = "repeated admin")]
fn genesis_with_a_repeated_admin_is_refused() {
	let _ = RuntimeGenesisConfig {
		system: Default::default(),
		balances: Default::default(),
		registry: crate::GenesisConfig {
			organisations: vec![(
				crate::GenesisOrganisationKind::Regulator,
				b"Authority".to_vec(),
				vec![1, 1],
				false,
			)],
		},
	}
	.build_storage();
}

#[test]
fn genesis_kinds_convert_one_to_one() {
	use crate::GenesisOrganisationKind as G;
	for kind in [
		OrganisationKind::CareProvider,
		OrganisationKind::Laboratory,
		OrganisationKind::Manufacturer,
		OrganisationKind::Distributor,
		OrganisationKind::Regulator,
	] {
		assert_eq!(OrganisationKind::from(G::from(kind)), kind);
	}
}

#[test]
fn bounded_types_max_encoded_len_matches_the_configured_constants() {
	let account = AccountId::max_encoded_len();
	let block = u64::max_encoded_len();
	let balance = Balance::max_encoded_len();
	let name = Compact::<u32>::compact_len(&MAX_NAME_LENGTH) + MAX_NAME_LENGTH as usize;
	let admins = Compact::<u32>::compact_len(&MAX_ADMINS) + MAX_ADMINS as usize * account;
	// kind + name + admins + status (variant + since) + flag + admitted_at + count
	assert_eq!(
		Organisation::<Test>::max_encoded_len(),
		1 + name + admins + (1 + block) + 1 + block + 4
	);
	// organisation + role + valid_until + registered_at + revoked_at + depositor + deposit
	assert_eq!(
		Practitioner::<Test>::max_encoded_len(),
		4 + 1 + (1 + block) + block + (1 + block) + account + balance
	);
	// The largest key is a 33-byte compressed ecdsa key.
	assert_eq!(SecondFactorKey::max_encoded_len(), 1 + 33);
	assert_eq!(SecondFactorRecord::<Test>::max_encoded_len(), 1 + 33 + block + balance);
	// nonce + the largest MultiSignature (65-byte ecdsa)
	assert_eq!(SecondFactorProof::max_encoded_len(), 8 + 1 + 65);
}

#[test]
fn inputs_beyond_the_bounds_do_not_decode() {
	let long_name = vec![b'x'; MAX_NAME_LENGTH as usize + 1].encode();
	assert!(BoundedVec::<u8, ConstU32<MAX_NAME_LENGTH>>::decode(&mut &long_name[..]).is_err());
	let exact_name = vec![b'x'; MAX_NAME_LENGTH as usize].encode();
	assert!(BoundedVec::<u8, ConstU32<MAX_NAME_LENGTH>>::decode(&mut &exact_name[..]).is_ok());
	let many_admins: Vec<AccountId> = (0..MAX_ADMINS as u64 + 1).collect();
	assert!(BoundedVec::<AccountId, ConstU32<MAX_ADMINS>>::decode(&mut &many_admins.encode()[..])
		.is_err());
}

#[test]
fn second_factor_key_encodes_like_multi_signer() {
	let key = signer(&sr25519_pair(1));
	let stored = SecondFactorKey::try_from(key.clone()).expect("sr25519 supported");
	assert_eq!(stored.encode(), key.encode());
	let key = signer(&ed25519_pair(1));
	assert_eq!(SecondFactorKey::try_from(key.clone()).map(|k| k.encode()), Ok(key.encode()));
	let key = signer(&ecdsa_pair(1));
	assert_eq!(SecondFactorKey::try_from(key.clone()).map(|k| k.encode()), Ok(key.encode()));
}

#[test]
fn try_state_catches_a_corrupted_practitioner_index() {
	new_test_ext().execute_with(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		assert_eq!(Registry::do_try_state(), Ok(()));
		OrganisationPractitioners::<Test>::remove(HOSPITAL, DOCTOR);
		assert!(Registry::do_try_state().is_err());
		// An index entry without its record is caught too.
		OrganisationPractitioners::<Test>::insert(HOSPITAL, DOCTOR, ());
		OrganisationPractitioners::<Test>::insert(LAB, NURSE, ());
		assert!(Registry::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_wrong_practitioner_count() {
	new_test_ext().execute_with(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		Organisations::<Test>::mutate(HOSPITAL, |o| {
			if let Some(o) = o {
				o.practitioner_count = 2;
			}
		});
		assert!(Registry::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_deposits_that_differ_from_the_records() {
	new_test_ext().execute_with(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		Practitioners::<Test>::mutate(DOCTOR, |p| {
			if let Some(p) = p {
				p.deposit = 11;
			}
		});
		assert!(Registry::do_try_state().is_err());
	});
	new_test_ext().execute_with(|| {
		register_key(PATIENT, &sr25519_pair(1));
		assert_eq!(Registry::do_try_state(), Ok(()));
		SecondFactors::<Test>::mutate(PATIENT, |r| {
			if let Some(r) = r {
				r.deposit = 0;
			}
		});
		assert!(Registry::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_an_organisation_without_admins() {
	new_test_ext().execute_with(|| {
		Organisations::<Test>::mutate(LAB, |o| {
			if let Some(o) = o {
				o.admins = BoundedVec::new();
			}
		});
		assert!(Registry::do_try_state().is_err());
	});
}

/// Amount held from `who` for practitioner deposits.
pub(crate) fn practitioner_deposit_held(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	<Balances as InspectHold<AccountId>>::balance_on_hold(
		&RuntimeHoldReason::Registry(HoldReason::PractitionerDeposit),
		&who,
	)
}

/// Amount held from `who` for its second-factor deposit.
pub(crate) fn second_factor_deposit_held(who: AccountId) -> Balance {
	use frame_support::traits::fungible::InspectHold;
	<Balances as InspectHold<AccountId>>::balance_on_hold(
		&RuntimeHoldReason::Registry(HoldReason::SecondFactorDeposit),
		&who,
	)
}

/// A `register_practitioner` or `update_practitioner` call about one account, built field by
/// field. By default the hospital's first admin acts at the hospital, for a nurse without end
/// of validity; a test overrides only what it is about.
pub(crate) struct PractitionerCall {
	origin: RuntimeOrigin,
	org: OrganisationId,
	who: AccountId,
	role: PractitionerRole,
	valid_until: Option<BlockNumberFor<Test>>,
}

/// The default practitioner call about `who` (see [`PractitionerCall`]).
pub(crate) fn practitioner(who: AccountId) -> PractitionerCall {
	PractitionerCall {
		origin: RuntimeOrigin::signed(HOSPITAL_ADMIN),
		org: HOSPITAL,
		who,
		role: PractitionerRole::Nurse,
		valid_until: None,
	}
}

impl PractitionerCall {
	/// Signed by `admin` instead of the hospital's first admin.
	pub(crate) fn by(self, admin: AccountId) -> Self {
		self.origin(RuntimeOrigin::signed(admin))
	}

	/// Dispatched from `origin`.
	pub(crate) fn origin(mut self, origin: RuntimeOrigin) -> Self {
		self.origin = origin;
		self
	}

	/// At `org` instead of the hospital (registration only: an update names no organisation).
	pub(crate) fn at(mut self, org: OrganisationId) -> Self {
		self.org = org;
		self
	}

	/// In `role` instead of a nurse's.
	pub(crate) fn role(mut self, role: PractitionerRole) -> Self {
		self.role = role;
		self
	}

	/// Valid until before block `until`.
	pub(crate) fn valid_until(mut self, until: BlockNumberFor<Test>) -> Self {
		self.valid_until = Some(until);
		self
	}

	/// Dispatches `register_practitioner`; its result.
	pub(crate) fn register(self) -> DispatchResult {
		Registry::register_practitioner(
			self.origin,
			self.org,
			self.who,
			self.role,
			self.valid_until,
		)
	}

	/// Dispatches `update_practitioner`; its result.
	pub(crate) fn update(self) -> DispatchResult {
		Registry::update_practitioner(self.origin, self.who, self.role, self.valid_until)
	}
}

/// The default practitioner call about `who` (see [`PractitionerCall`]) at the laboratory:
/// its admin acts, for a lab technician.
pub(crate) fn lab_technician(who: AccountId) -> PractitionerCall {
	practitioner(who).by(LAB_ADMIN).at(LAB).role(PractitionerRole::LabTechnician)
}

/// `who` registered at the hospital as a physician (see [`register_physician`]) and revoked
/// by the hospital's first admin in the current block.
pub(crate) fn revoked_physician(who: AccountId) {
	register_physician(HOSPITAL_ADMIN, HOSPITAL, who);
	assert_ok!(Registry::revoke_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN), who));
}

/// `who` registers `key` as its second factor, first of all, with `possession` as its proof of
/// possession; the call's result (see [`try_register_key`] for a key with its own proof).
pub(crate) fn register_declared_key(
	who: AccountId,
	key: MultiSigner,
	possession: MultiSignature,
) -> DispatchResult {
	Registry::register_second_factor(RuntimeOrigin::signed(who), key, possession, None)
}

/// `current`'s proof, with `who`'s current nonce, that `who` replaces its key with `new`'s:
/// the payload is the new key.
pub(crate) fn key_change_proof<P: Pair, Q: Pair>(
	current: &P,
	who: AccountId,
	new: &Q,
) -> SecondFactorProof
where
	MultiSignature: From<P::Signature>,
	MultiSigner: From<Q::Public>,
{
	proof(current, who, &signer(new).encode())
}

/// `pair` signs a second-factor proof for `who` over `payload` with `who`'s current nonce,
/// and the registry checks and consumes it; the result.
pub(crate) fn sign_second_factor<P: Pair>(
	pair: &P,
	who: AccountId,
	payload: &[u8],
) -> DispatchResult
where
	MultiSignature: From<P::Signature>,
{
	Registry::verify_and_consume(&who, payload, Some(&proof(pair, who, payload)))
}
