//! Runtime tests of the foundation: genesis presets, session and era rotation under
//! NPoS, the validator allowlist (however `validate` arrives) and transaction fees.
//!
//! They run the native runtime in `TestExternalities`; sessions are rotated with
//! `Session::rotate_session`, which is what BABE's epoch change triggers on a live chain.

mod common;
use common::genesis_config;

use codec::Encode;
use frame_support::{
	assert_noop, assert_ok,
	dispatch::GetDispatchInfo,
	traits::fungible::Inspect,
};
use iomt_runtime::{
	configs::consensus::SessionsPerEra, genesis_config_presets, AccountId, Balance, Balances,
	Council, Executive, Runtime, RuntimeCall, RuntimeEvent,
	RuntimeOrigin, Session, SessionKeys, SignedPayload, Staking, System, TxExtension,
	UncheckedExtrinsic, ValidatorAllowlist, UNIT,
};
use pallet_staking::{RewardDestination, ValidatorPrefs};
use sp_keyring::Sr25519Keyring;
use sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use sp_runtime::{
	generic::Era,
	traits::{Dispatchable, Hash},
	BuildStorage, DispatchError,
};
use std::sync::Arc;

fn ext(preset: &str) -> sp_io::TestExternalities {
	let storage = genesis_config(preset).build_storage().expect("genesis builds");
	let mut ext = sp_io::TestExternalities::new(storage);
	ext.register_extension(KeystoreExt(Arc::new(MemoryKeystore::new())));
	ext.execute_with(|| System::set_block_number(1));
	ext
}

fn account(k: Sr25519Keyring) -> AccountId {
	k.to_account_id()
}

fn local_validators() -> Vec<AccountId> {
	[
		Sr25519Keyring::AliceStash,
		Sr25519Keyring::BobStash,
		Sr25519Keyring::CharlieStash,
		Sr25519Keyring::DaveStash,
	]
	.into_iter()
		.map(account)
		.collect()
}

fn sorted(mut v: Vec<AccountId>) -> Vec<AccountId> {
	v.sort();
	v
}

fn active_era() -> u32 {
	pallet_staking::ActiveEra::<Runtime>::get().map(|e| e.index).unwrap_or(0)
}

/// Rotates sessions until the active era moves on; returns how many rotations it took.
fn rotate_until_next_era() -> u32 {
	let start = active_era();
	for n in 1..=(3 * SessionsPerEra::get()) {
		System::set_block_number(System::block_number() + 1);
		Session::rotate_session();
		if active_era() > start {
			return n;
		}
	}
	panic!("no new era after {} sessions", 3 * SessionsPerEra::get());
}

/// Bonds `who`, sets session keys generated in the keystore (with their ownership proof,
/// as `author_rotateKeysWithOwner` returns them) and returns the keys.
fn bond_and_set_keys(who: &AccountId, stake: Balance) -> SessionKeys {
	assert_ok!(Staking::bond(RuntimeOrigin::signed(who.clone()), stake, RewardDestination::Stash));
	let generated = SessionKeys::generate(&who.encode(), None);
	assert_ok!(Session::set_keys(
		RuntimeOrigin::signed(who.clone()),
		generated.keys.clone(),
		generated.proof.encode(),
	));
	generated.keys
}

fn events() -> Vec<RuntimeEvent> {
	System::events().into_iter().map(|r| r.event).collect()
}

#[test]
fn genesis_builds_from_every_preset() {
	let names = genesis_config_presets::preset_names();
	assert_eq!(names.len(), 2);
	for name in names {
		ext(&name).execute_with(|| {
			let validators = Session::validators();
			assert!(!validators.is_empty(), "{name}: a validator set at genesis");
			for v in &validators {
				assert!(pallet_staking::Validators::<Runtime>::contains_key(v), "{name}: staker");
				assert!(
					pallet_validator_allowlist::Approved::<Runtime>::contains_key(v),
					"{name}: genesis validators are on the allowlist"
				);
				assert!(Session::load_keys(v).is_some(), "{name}: session keys");
			}
			assert_eq!(pallet_babe::Authorities::<Runtime>::get().len(), validators.len());
			assert_eq!(pallet_grandpa::Authorities::<Runtime>::get().len(), validators.len());
			assert!(pallet_sudo::Key::<Runtime>::get().is_some(), "{name}: dev presets have sudo");
			assert_eq!(pallet_collective::Members::<Runtime, _>::get().len(), 3);
			// Every genesis validator runs for an active member organisation.
			for v in &validators {
				let org = ValidatorAllowlist::organisation_of(v).expect("approved");
				assert!(
					<iomt_runtime::Registry as iomt_primitives::IdentityProvider<_, _>>::active_organisation(org)
						.is_some(),
					"{name}: organisation {org} is active"
				);
			}
		});
	}
}

#[test]
fn development_preset_has_alice_validating_alone() {
	ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(Session::validators(), vec![account(Sr25519Keyring::AliceStash)]);
		assert_eq!(active_era(), 0);
	});
}

#[test]
fn local_testnet_preset_has_four_staked_validators() {
	ext(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(sorted(Session::validators()), sorted(local_validators()));
		for v in local_validators() {
			let ledger = pallet_staking::Ledger::<Runtime>::get(&v).expect("bonded");
			assert_eq!(ledger.active, genesis_config_presets::VALIDATOR_STAKE);
		}
	});
}

#[test]
fn sessions_and_an_era_rotate_with_the_expected_validator_set() {
	ext(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(Session::current_index(), 0);
		let rotations = rotate_until_next_era();
		// The first era ends after `SessionsPerEra` sessions.
		assert_eq!(rotations, SessionsPerEra::get());
		assert_eq!(Session::current_index(), SessionsPerEra::get());
		assert_eq!(active_era(), 1);
		assert_eq!(sorted(Session::validators()), sorted(local_validators()));
		// The election of era 1 exposed every validator with its own stake.
		for v in local_validators() {
			let exposure = pallet_staking::EraInfo::<Runtime>::get_full_exposure(1, &v);
			assert_eq!(exposure.total, genesis_config_presets::VALIDATOR_STAKE);
		}
		// And the next era follows after the same number of sessions.
		assert_eq!(rotate_until_next_era(), SessionsPerEra::get());
		assert_eq!(active_era(), 2);
	});
}

#[test]
fn an_unapproved_account_cannot_validate_by_any_route() {
	ext(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let eve = account(Sr25519Keyring::Eve);
		bond_and_set_keys(&eve, 10_000 * UNIT);

		// Through the allowlist: a specific error.
		assert_noop!(
			ValidatorAllowlist::validate(RuntimeOrigin::signed(eve.clone()), ValidatorPrefs::default()),
			pallet_validator_allowlist::Error::<Runtime>::NotApprovedValidator
		);

		// Straight to staking: removed by the base call filter.
		let direct = RuntimeCall::Staking(pallet_staking::Call::validate {
			prefs: ValidatorPrefs::default(),
		});
		let err = direct.clone().dispatch(RuntimeOrigin::signed(eve.clone())).unwrap_err();
		assert_eq!(err.error, frame_system::Error::<Runtime>::CallFiltered.into());

		// Nested in a batch: the filter holds there too.
		let batch = RuntimeCall::Utility(pallet_utility::Call::batch_all { calls: vec![direct] });
		let err = batch.dispatch(RuntimeOrigin::signed(eve.clone())).unwrap_err();
		assert_eq!(err.error, frame_system::Error::<Runtime>::CallFiltered.into());

		assert!(!pallet_staking::Validators::<Runtime>::contains_key(&eve));
		rotate_until_next_era();
		assert!(!Session::validators().contains(&eve));
	});
}

#[test]
fn any_bonded_account_can_nominate() {
	ext(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let ferdie = account(Sr25519Keyring::Ferdie);
		let alice = account(Sr25519Keyring::AliceStash);
		assert_ok!(Staking::bond(
			RuntimeOrigin::signed(ferdie.clone()),
			1_000 * UNIT,
			RewardDestination::Stash
		));
		assert_ok!(Staking::nominate(
			RuntimeOrigin::signed(ferdie.clone()),
			vec![sp_runtime::MultiAddress::Id(alice.clone())]
		));
		rotate_until_next_era();
		let exposure = pallet_staking::EraInfo::<Runtime>::get_full_exposure(1, &alice);
		assert!(exposure.others.iter().any(|o| o.who == ferdie), "Ferdie backs Alice");
	});
}

#[test]
fn a_council_approved_account_joins_the_set_at_the_next_era() {
	ext(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let eve = account(Sr25519Keyring::Eve);
		bond_and_set_keys(&eve, 10_000 * UNIT);

		// The council approves Eve: Alice proposes, Alice and Bob (2 of 3) vote aye.
		let approve: RuntimeCall =
			pallet_validator_allowlist::Call::approve { who: eve.clone(), organisation: 0 }.into();
		let len = approve.encoded_size() as u32;
		let weight = approve.get_dispatch_info().call_weight;
		let hash = sp_runtime::traits::BlakeTwo256::hash_of(&approve);
		let alice = RuntimeOrigin::signed(account(Sr25519Keyring::Alice));
		let bob = RuntimeOrigin::signed(account(Sr25519Keyring::Bob));
		assert_ok!(Council::propose(alice.clone(), 2, Box::new(approve), len));
		assert_ok!(Council::vote(alice.clone(), hash, 0, true));
		assert_ok!(Council::vote(bob, hash, 0, true));
		assert_ok!(Council::close(alice, hash, 0, weight, len));
		assert_eq!(ValidatorAllowlist::organisation_of(&eve), Some(0));

		// A single member cannot approve on its own.
		let charlie = account(Sr25519Keyring::Charlie);
		assert_noop!(
			ValidatorAllowlist::approve(RuntimeOrigin::signed(charlie.clone()), charlie, 0),
			DispatchError::BadOrigin
		);

		assert_ok!(ValidatorAllowlist::validate(
			RuntimeOrigin::signed(eve.clone()),
			ValidatorPrefs::default()
		));
		assert!(pallet_staking::Validators::<Runtime>::contains_key(&eve));
		assert!(!Session::validators().contains(&eve), "not before the next era");

		rotate_until_next_era();
		assert!(Session::validators().contains(&eve), "Eve validates from the next era");
		assert_eq!(Session::validators().len(), 5);
	});
}

#[test]
fn an_approval_for_an_unknown_organisation_is_refused() {
	ext(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let eve = account(Sr25519Keyring::Eve);
		assert_noop!(
			ValidatorAllowlist::approve(RuntimeOrigin::root(), eve, 99),
			pallet_validator_allowlist::Error::<Runtime>::OrganisationNotActive
		);
	});
}

#[test]
fn revoking_an_approval_removes_the_validator_from_the_next_era() {
	ext(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		let dave = account(Sr25519Keyring::DaveStash);
		assert_ok!(ValidatorAllowlist::revoke(RuntimeOrigin::root(), dave.clone()));
		assert!(!pallet_staking::Validators::<Runtime>::contains_key(&dave));
		rotate_until_next_era();
		assert!(!Session::validators().contains(&dave));
		assert_eq!(Session::validators().len(), 3);
	});
}

/// Signs `call` as `signer` with every transaction extension, as a wallet would.
fn signed_extrinsic(signer: Sr25519Keyring, call: RuntimeCall, nonce: u32) -> UncheckedExtrinsic {
	let tx_ext: TxExtension = (
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(Era::Immortal),
		frame_system::CheckNonce::<Runtime>::from(nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		pallet_transaction_payment::ChargeTransactionPayment::<Runtime>::from(0),
		frame_system::WeightReclaim::<Runtime>::new(),
	);
	let payload = SignedPayload::new(call.clone(), tx_ext.clone()).expect("payload builds");
	let signature = payload.using_encoded(|p| signer.sign(p));
	UncheckedExtrinsic::new_signed(
		call,
		sp_runtime::MultiAddress::Id(signer.to_account_id()),
		sp_runtime::MultiSignature::Sr25519(signature),
		tx_ext,
	)
}

#[test]
fn a_transfer_pays_fees() {
	ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = account(Sr25519Keyring::Alice);
		let recipient = account(Sr25519Keyring::One);
		let amount = 5 * UNIT;
		let alice_before = Balances::balance(&alice);
		let recipient_before = Balances::balance(&recipient);
		let issuance_before = Balances::total_issuance();

		let call = RuntimeCall::Balances(pallet_balances::Call::transfer_keep_alive {
			dest: sp_runtime::MultiAddress::Id(recipient.clone()),
			value: amount,
		});
		let xt = signed_extrinsic(Sr25519Keyring::Alice, call, 0);
		assert_ok!(Executive::apply_extrinsic(xt).expect("the transaction is valid"));

		let fee = events()
			.into_iter()
			.find_map(|e| match e {
				RuntimeEvent::TransactionPayment(
					pallet_transaction_payment::Event::TransactionFeePaid { who, actual_fee, .. },
				) if who == alice => Some(actual_fee),
				_ => None,
			})
			.expect("a fee was charged");
		assert!(fee > 0);
		assert_eq!(Balances::balance(&recipient), recipient_before + amount);
		assert_eq!(Balances::balance(&alice), alice_before - amount - fee);
		// Fees are burnt.
		assert_eq!(Balances::total_issuance(), issuance_before - fee);
		assert_eq!(System::account_nonce(&alice), 1);
	});
}

#[test]
fn a_transaction_with_a_bad_signature_is_rejected_and_pays_nothing() {
	ext(sp_genesis_builder::DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = account(Sr25519Keyring::Alice);
		let before = Balances::balance(&alice);
		let call = RuntimeCall::System(frame_system::Call::remark { remark: vec![1, 2, 3] });
		// Signed by Bob, claiming to be Alice.
		let mut xt = signed_extrinsic(Sr25519Keyring::Bob, call, 0);
		if let sp_runtime::generic::Preamble::Signed(ref mut who, _, _) = xt.preamble {
			*who = sp_runtime::MultiAddress::Id(alice.clone());
		}
		assert!(Executive::apply_extrinsic(xt).is_err());
		assert_eq!(Balances::balance(&alice), before);
	});
}
