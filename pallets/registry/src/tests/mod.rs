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
use frame_support::{traits::ConstU32, BoundedVec};
use iomt_primitives::{OrganisationKind, SecondFactorProof};
use sp_runtime::BuildStorage;

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
