//! The listing functions behind the runtime API: pages, their order and their cap.

use super::*;
use crate::MAX_PAGE_SIZE;
use frame_support::traits::fungible::Mutate;
use std::collections::BTreeSet;

/// Collects every page of `list` with pages of `limit` items.
fn all_pages<X: Clone>(
	limit: u32,
	list: impl Fn(Option<u64>, u32) -> Vec<(u64, X)>,
) -> Vec<(u64, X)> {
	let mut out = Vec::new();
	let mut after = None;
	loop {
		let page = list(after, limit);
		assert!(page.len() <= limit as usize);
		let Some((last, _)) = page.last().cloned() else { break };
		out.extend(page);
		after = Some(last);
	}
	out
}

#[test]
fn consents_of_patient_pages_through_every_consent_once() {
	test(|| {
		let mut granted = BTreeSet::new();
		for _ in 0..5 {
			granted.insert(grant_read_treatment(Grantee::Practitioner(DOCTOR)));
		}
		granted.insert(grant_read_treatment(Grantee::Device(DEVICE)));
		// Another patient's consent is not listed.
		assert_ok!(grant().by(OTHER_CONTROLLER).patient(OTHER_PATIENT).dispatch());
		let listed =
			all_pages(2, |after, limit| Consent::consents_of_patient(PATIENT, after, limit));
		let ids: Vec<_> = listed.iter().map(|(id, _)| *id).collect();
		assert_eq!(ids.iter().copied().collect::<BTreeSet<_>>(), granted);
		assert_eq!(ids.len(), granted.len(), "no consent is listed twice");
		for (id, consent) in listed {
			assert_eq!(consent, stored(id));
		}
		assert!(Consent::consents_of_patient(UNKNOWN_PATIENT, None, 10).is_empty());
	});
}

#[test]
fn consents_of_grantee_lists_that_grantees_consents_only() {
	test(|| {
		let doctor = [
			grant_read_treatment(Grantee::Practitioner(DOCTOR)),
			grant_read_treatment(Grantee::Practitioner(DOCTOR)),
		];
		grant_read_treatment(Grantee::Organisation(HOSPITAL));
		let listed = all_pages(1, |after, limit| {
			Consent::consents_of_grantee(Grantee::Practitioner(DOCTOR), after, limit)
		});
		let ids: BTreeSet<_> = listed.iter().map(|(id, _)| *id).collect();
		assert_eq!(ids, doctor.into_iter().collect());
		assert_eq!(
			Consent::consents_of_grantee(Grantee::Organisation(HOSPITAL), None, 10).len(),
			1
		);
	});
}

#[test]
fn listing_continues_after_a_removed_consent() {
	test(|| {
		for _ in 0..4 {
			grant_read_treatment(Grantee::Practitioner(DOCTOR));
		}
		let first_page = Consent::consents_of_patient(PATIENT, None, 2);
		let (last, _) = first_page.last().cloned().expect("two consents");
		revoke_by_controller(last);
		run_to(2);
		assert_ok!(Consent::remove(RuntimeOrigin::signed(CONTROLLER), last));
		let rest = Consent::consents_of_patient(PATIENT, Some(last), 10);
		assert_eq!(rest.len(), 2, "the remaining two after the removed one");
	});
}

#[test]
fn emergencies_of_patient_lists_every_window_ever_opened() {
	test(|| {
		let a = open_window(DOCTOR, 2);
		let b = open_window(RESPONDER, 2);
		assert_ok!(Consent::close_emergency(RuntimeOrigin::signed(RESPONDER), b));
		run_to(5);
		let c = open_window(DOCTOR, 2);
		let listed =
			all_pages(2, |after, limit| Consent::emergencies_of_patient(PATIENT, after, limit));
		let ids: BTreeSet<_> = listed.iter().map(|(id, _)| *id).collect();
		assert_eq!(ids, [a, b, c].into_iter().collect());
		assert_eq!(listed.len(), 3);
		let closed = listed.iter().find(|(id, _)| *id == b).map(|(_, w)| w.closed_by);
		assert_eq!(closed, Some(Some(RESPONDER)));
	});
}

#[test]
fn a_page_holds_at_most_max_page_size_items() {
	test(|| {
		// 13 patients with 8 consents each for one grantee: 104 consents.
		let granter = 500;
		<Balances as Mutate<AccountId>>::set_balance(&granter, 1_000_000);
		for n in 0..13u8 {
			MockPseudonyms::register(patient(n), granter);
			for _ in 0..MaxConsentsPerPatient::get() {
				assert_ok!(grant()
					.by(granter)
					.patient(patient(n))
					.to(Grantee::Device(DEVICE))
					.actions(&[AccessAction::Write])
					.dispatch());
			}
		}
		let page = Consent::consents_of_grantee(Grantee::Device(DEVICE), None, u32::MAX);
		assert_eq!(page.len(), MAX_PAGE_SIZE as usize);
		let rest = Consent::consents_of_grantee(
			Grantee::Device(DEVICE),
			page.last().map(|(id, _)| *id),
			u32::MAX,
		);
		assert_eq!(rest.len(), 104 - MAX_PAGE_SIZE as usize);
	});
}
