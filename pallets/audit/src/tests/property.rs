//! Property test: random sequences of access requests (any agent, any decision) and
//! consent notifications over advancing blocks give a trail that verifies against the
//! chain head, whose queries agree with plain filters of the trail, and in which any one
//! removed, altered or swapped entry is detected by `verify_chain`.

use super::*;
use crate::{verify_chain, MAX_PAGE_SIZE};
use iomt_primitives::ConsentEvents;
use proptest::prelude::*;

/// One step of a random history.
#[derive(Clone, Debug)]
enum Step {
	/// `who` requests with this decision on `PATIENT` (`true`) or `OTHER_PATIENT`.
	Request(AccountId, AccessAction, Result<AccessBasis, DenialReason>, bool),
	/// The controller grants a consent on `PATIENT`.
	Grant(u64),
	/// The next block (and 6 s later).
	NextBlock,
}

fn decision() -> impl Strategy<Value = Result<AccessBasis, DenialReason>> {
	prop_oneof![
		Just(Ok(AccessBasis::PatientController)),
		(0u64..4).prop_map(|id| Ok(AccessBasis::Consent(id))),
		(0u64..4).prop_map(|id| Ok(AccessBasis::Emergency(id))),
		Just(Err(DenialReason::NoConsent)),
		Just(Err(DenialReason::OutOfScope)),
	]
}

fn step() -> impl Strategy<Value = Step> {
	prop_oneof![
		4 => (
			prop::sample::select(vec![CONTROLLER, DOCTOR, NURSE, STRANGER]),
			prop::sample::select(vec![AccessAction::Read, AccessAction::Write]),
			decision(),
			any::<bool>(),
		)
			.prop_map(|(who, action, d, mine)| Step::Request(who, action, d, mine)),
		1 => (0u64..4).prop_map(Step::Grant),
		2 => Just(Step::NextBlock),
	]
}

/// How a copy of the trail is tampered with.
#[derive(Clone, Debug)]
enum Tamper {
	Remove(usize),
	Alter(usize),
	Swap(usize, usize),
}

fn tamper() -> impl Strategy<Value = Tamper> {
	prop_oneof![
		any::<usize>().prop_map(Tamper::Remove),
		any::<usize>().prop_map(Tamper::Alter),
		(any::<usize>(), any::<usize>()).prop_map(|(a, b)| Tamper::Swap(a, b)),
	]
}

proptest! {
	#![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

	#[test]
	fn trails_verify_agree_with_queries_and_reveal_tampering(
		steps in prop::collection::vec(step(), 1..40),
		tampering in tamper(),
	) {
		test(|| {
			let mut block = 1;
			for s in &steps {
				match s {
					Step::Request(who, action, d, mine) => {
						let patient = if *mine { PATIENT } else { OTHER_PATIENT };
						request(*who, patient, *action, *d);
					},
					Step::Grant(id) =>
						<Audit as ConsentEvents<AccountId>>::consent_granted(&PATIENT, &CONTROLLER, *id),
					Step::NextBlock => {
						block += 1;
						run_to(block);
					},
				}
			}
			let entries = trail(PATIENT);
			let (head, length) = Audit::head(PATIENT);
			prop_assert_eq!(entries.len() as u64, length);
			prop_assert_eq!(verify_chain(&entries, head), Ok(()));

			// The queries are plain filters of the trail (pages within the cap).
			let all: Vec<_> = (0..length).zip(entries.iter().cloned()).collect();
			let cap = MAX_PAGE_SIZE as usize;
			let since = block / 2;
			let disclosures: Vec<_> = all
				.iter()
				.filter(|(_, e)| e.block >= since && e.is_disclosure())
				.take(cap)
				.cloned()
				.collect();
			prop_assert_eq!(Audit::disclosures(PATIENT, since, u32::MAX), disclosures);
			let in_range: Vec<_> = all
				.iter()
				.filter(|(_, e)| since <= e.block && e.block <= since + 1)
				.cloned()
				.collect();
			prop_assert_eq!(Audit::patient_trail(PATIENT, 0, u32::MAX, Some((since, since + 1))), in_range);
			let mut flagged: Vec<u64> =
				Audit::flagged(PATIENT, None, u32::MAX).into_iter().map(|(i, _)| i).collect();
			flagged.sort();
			let expected: Vec<u64> =
				all.iter().filter(|(_, e)| e.is_flagged()).map(|(i, _)| *i).collect();
			prop_assert_eq!(flagged, expected);

			// Any one tampering is detected.
			if !entries.is_empty() {
				let n = entries.len();
				let mut tampered = entries.clone();
				match tampering {
					Tamper::Remove(i) => {
						tampered.remove(i % n);
					},
					Tamper::Alter(i) => tampered[i % n].timestamp += 1,
					Tamper::Swap(a, b) => tampered.swap(a % n, b % n),
				}
				if tampered != entries {
					prop_assert!(verify_chain(&tampered, head).is_err());
				}
			}
			Ok(())
		})?;
	}
}
