//! The access-control flow through the whole runtime: a hospital is admitted, a physician
//! who must use a second factor is registered, a patient registers a pseudonym and grants
//! read access to laboratory results for 30 days; the physician's access is allowed,
//! revocation denies it from the next block, and break-glass emergency access allows it
//! again and is listed.

mod common;
use common::*;

use frame_support::{assert_noop, assert_ok, traits::fungible::InspectHold};
use iomt_primitives::{
	AccessAction, AccessBasis, AccessTarget, Accessor, AuditAction, AuditOutcome, DenialReason,
	Grantee, OrganisationKind, PractitionerRole, Purpose, RecordCategory, SecondFactorProof,
};
use iomt_runtime::{
	Audit, Balances, Consent, Pseudonyms, Registry, Runtime, RuntimeEvent,
	RuntimeHoldReason, RuntimeOrigin, System, DAYS,
};
use pallet_consent::{ConsentScope, EmergencyReason};
use sp_core::{sr25519, Pair};
use sp_keyring::Sr25519Keyring;
use sp_runtime::{MultiSignature, MultiSigner};

fn run_to(n: u32) {
	System::set_block_number(n);
}

fn lab_results() -> AccessTarget {
	AccessTarget::Category(RecordCategory::LaboratoryResults)
}

#[test]
fn hospital_physician_patient_consent_revocation_and_break_glass() {
	dev_ext().execute_with(|| {
		let admin = Sr25519Keyring::Bob.to_account_id();
		let physician = Sr25519Keyring::Charlie.to_account_id();
		let patient_wallet = Sr25519Keyring::Dave.to_account_id();
		let mfa = sr25519::Pair::from_string("//Charlie//second-factor", None).unwrap();

		// 1. Governance (sudo on a development chain) admits a hospital with Bob as admin.
		let hospital = pallet_registry::NextOrganisationId::<Runtime>::get();
		assert_ok!(Registry::admit_organisation(
			RuntimeOrigin::root(),
			OrganisationKind::CareProvider,
			b"St Mary's Hospital".to_vec().try_into().unwrap(),
			vec![admin.clone()].try_into().unwrap(),
		));
		// ...which requires a second factor of its practitioners.
		assert_ok!(Registry::set_second_factor_requirement(
			RuntimeOrigin::signed(admin.clone()),
			hospital,
			true
		));

		// 2. The admin registers a physician, who registers a second-factor key.
		assert_ok!(Registry::register_practitioner(
			RuntimeOrigin::signed(admin.clone()),
			hospital,
			physician.clone(),
			PractitionerRole::Physician,
			None,
		));
		let possession =
			MultiSignature::Sr25519(mfa.sign(&Registry::second_factor_key_message(&physician)));
		assert_ok!(Registry::register_second_factor(
			RuntimeOrigin::signed(physician.clone()),
			MultiSigner::Sr25519(mfa.public()),
			possession,
			None,
		));

		// 3. The patient's wallet registers a random pseudonym (a deposit is held)...
		let patient = sp_io::hashing::blake2_256(b"random bytes from the patient's wallet");
		assert_ok!(Pseudonyms::register(RuntimeOrigin::signed(patient_wallet.clone()), patient));
		let held_for_pseudonym = Balances::total_balance_on_hold(&patient_wallet);
		assert!(held_for_pseudonym > 0);

		// ...and grants the physician read access to laboratory results for 30 days.
		let granted_at = System::block_number();
		let until = granted_at + 30 * DAYS;
		assert_ok!(Consent::grant(
			RuntimeOrigin::signed(patient_wallet.clone()),
			patient,
			Grantee::Practitioner(physician.clone()),
			ConsentScope::Categories(vec![RecordCategory::LaboratoryResults].try_into().unwrap()),
			vec![AccessAction::Read].try_into().unwrap(),
			vec![Purpose::Treatment].try_into().unwrap(),
			None,
			Some(until),
			None,
			None,
		));
		let consent_id = Consent::consents_of_patient(patient, None, 10)[0].0;
		assert!(Balances::total_balance_on_hold(&patient_wallet) > held_for_pseudonym);

		// 4. The physician's access decision is allowed, under that consent...
		let accessor = Accessor::Account(physician.clone());
		let decide = |at| {
			Consent::decide(&accessor, &patient, lab_results(), AccessAction::Read, Purpose::Treatment, at)
		};
		assert_eq!(decide(granted_at), Ok(AccessBasis::Consent(consent_id)));
		// ...for 30 days and not a block more; never for imaging, writing or research.
		assert_eq!(decide(until - 1), Ok(AccessBasis::Consent(consent_id)));
		assert_eq!(decide(until), Err(DenialReason::ConsentExpired));
		for (target, action, purpose) in [
			(AccessTarget::Category(RecordCategory::Imaging), AccessAction::Read, Purpose::Treatment),
			(lab_results(), AccessAction::Write, Purpose::Treatment),
			(lab_results(), AccessAction::Read, Purpose::Research),
		] {
			assert_eq!(
				Consent::decide(&accessor, &patient, target, action, purpose, granted_at),
				Err(DenialReason::OutOfScope)
			);
		}

		// 5. The patient revokes in block 10: still allowed in block 10, denied from 11.
		run_to(10);
		assert_ok!(Consent::revoke(RuntimeOrigin::signed(patient_wallet.clone()), consent_id, None));
		assert_eq!(decide(10), Ok(AccessBasis::Consent(consent_id)));
		run_to(11);
		assert_eq!(decide(11), Err(DenialReason::ConsentRevoked));
		// "Was access allowed at block 5?" stays answerable.
		assert_eq!(decide(5), Ok(AccessBasis::Consent(consent_id)));

		// 6. Break-glass: without the second factor the hospital requires, refused...
		let reason = EmergencyReason::Unconscious;
		let duration = 4 * iomt_runtime::HOURS;
		assert_noop!(
			Consent::open_emergency(
				RuntimeOrigin::signed(physician.clone()),
				patient,
				reason,
				duration,
				None
			),
			pallet_registry::Error::<Runtime>::SecondFactorRequired
		);
		// ...with it, the window opens and the access is allowed again.
		let payload = Consent::open_emergency_payload(&patient, &reason, &duration);
		let proof = SecondFactorProof {
			nonce: 0,
			signature: MultiSignature::Sr25519(
				mfa.sign(&Registry::second_factor_message(&physician, 0, &payload)),
			),
		};
		assert_ok!(Consent::open_emergency(
			RuntimeOrigin::signed(physician.clone()),
			patient,
			reason,
			duration,
			Some(proof.clone()),
		));
		let windows = Consent::emergencies_of_patient(patient, None, 10);
		assert_eq!(windows.len(), 1, "the emergency window is listed for the patient");
		let window_id = windows[0].0;
		assert_eq!(decide(11), Ok(AccessBasis::Emergency(window_id)));
		// An access request needs the second factor too: without it the attempt is
		// recorded as denied; with a fresh proof (nonce 1) the emergency basis is recorded.
		let labs = AccessTarget::Category(RecordCategory::LaboratoryResults);
		let ask = |proof: Option<SecondFactorProof>| {
			Audit::request_access(
				RuntimeOrigin::signed(physician.clone()),
				patient,
				labs,
				AccessAction::Read,
				Purpose::Treatment,
				proof,
			)
		};
		assert_ok!(ask(None));
		let access_payload =
			Audit::access_request_payload(&patient, &labs, AccessAction::Read, Purpose::Treatment);
		assert_ok!(ask(Some(SecondFactorProof {
			nonce: 1,
			signature: MultiSignature::Sr25519(
				mfa.sign(&Registry::second_factor_message(&physician, 1, &access_payload)),
			),
		})));
		let outcomes: Vec<AuditOutcome> = Audit::patient_trail(patient, 0, 100, None)
			.into_iter()
			.filter(|(_, e)| e.action == AuditAction::AccessRequest(AccessAction::Read))
			.map(|(_, e)| e.outcome)
			.collect();
		assert_eq!(
			outcomes,
			vec![
				AuditOutcome::Denied(DenialReason::SecondFactorFailed),
				AuditOutcome::Allowed(Some(AccessBasis::Emergency(window_id))),
			]
		);
		assert!(System::events().iter().any(|r| matches!(
			&r.event,
			RuntimeEvent::Consent(pallet_consent::Event::EmergencyOpened { opener, organisation, .. })
				if *opener == physician && *organisation == hospital
		)));
		// The physician closes the window: it still covers block 11, not block 12.
		assert_ok!(Consent::close_emergency(RuntimeOrigin::signed(physician.clone()), window_id));
		assert_eq!(decide(11), Ok(AccessBasis::Emergency(window_id)));
		run_to(12);
		assert_eq!(decide(12), Err(DenialReason::ConsentRevoked));
		// The same second-factor proof cannot be replayed to open another window.
		assert_noop!(
			Consent::open_emergency(
				RuntimeOrigin::signed(physician.clone()),
				patient,
				reason,
				duration,
				Some(proof),
			),
			pallet_registry::Error::<Runtime>::StaleSecondFactorNonce
		);

		// 7. A suspended hospital's physician is denied, emergency or not.
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), hospital));
		assert_eq!(decide(11), Err(DenialReason::AccessorInactive));
		assert_eq!(decide(5), Err(DenialReason::AccessorInactive));

		// Deposits are held under the pallets' own reasons.
		assert!(
			Balances::balance_on_hold(
				&RuntimeHoldReason::Consent(pallet_consent::HoldReason::ConsentDeposit),
				&patient_wallet
			) > 0
		);
	});
}
