//! Property test: random sequences of grants, revocations, removals, block advances,
//! organisation suspensions and emergency windows, with random access questions about any
//! past block, must get the same answers (basis or denial reason) from the pallet as from
//! a small reference model written here with plain vectors and the documented rules.

use crate::{mock::*, ConsentScope, EmergencyReason, NextConsentId, NextEmergencyId};
use frame_support::BoundedVec;
use iomt_primitives::{
	AccessAction, AccessBasis, AccessTarget, Accessor, DenialReason, Grantee, OrganisationId,
	PatientId, Purpose, RecordCategory, RecordId,
};
use proptest::prelude::*;

// ---- The reference model -------------------------------------------------------------

/// The practitioners as the model knows them: organisation, may open emergencies, whose
/// organisation is a care provider.
fn model_practitioner(who: AccountId) -> Option<(OrganisationId, bool, bool)> {
	match who {
		DOCTOR => Some((HOSPITAL, true, true)),
		NURSE => Some((HOSPITAL, false, true)),
		OTHER_DOCTOR => Some((CLINIC, true, true)),
		RESPONDER => Some((HOSPITAL, true, true)),
		LAB_PHYSICIAN => Some((LAB, true, false)),
		_ => None,
	}
}

#[derive(Clone, Debug)]
enum ModelScope {
	All,
	Categories(Vec<RecordCategory>),
	Records(Vec<RecordId>),
}

#[derive(Clone, Debug)]
struct ModelConsent {
	id: u64,
	grantee: Grantee<AccountId>,
	scope: ModelScope,
	actions: Vec<AccessAction>,
	purposes: Vec<Purpose>,
	from: u64,
	until: Option<u64>,
	revoked: Option<u64>,
}

#[derive(Clone, Debug)]
struct ModelWindow {
	id: u64,
	opener: AccountId,
	opened: u64,
	expires: u64,
	closed: Option<u64>,
}

impl ModelWindow {
	/// First block not covered.
	fn end(&self) -> u64 {
		match self.closed {
			Some(c) => self.expires.min(c + 1),
			None => self.expires,
		}
	}
}

#[derive(Default, Debug)]
struct Model {
	now: u64,
	next_consent: u64,
	next_window: u64,
	/// Stored consents of `PATIENT`, in id order.
	consents: Vec<ModelConsent>,
	/// Every window on `PATIENT`.
	windows: Vec<ModelWindow>,
	/// `(from block, organisation, active)`.
	org_changes: Vec<(u64, OrganisationId, bool)>,
}

/// Which patient a question is about.
#[derive(Clone, Copy, Debug)]
enum Subject {
	Patient,
	Other,
	Unknown,
}

impl Subject {
	fn id(self) -> PatientId {
		match self {
			Self::Patient => PATIENT,
			Self::Other => OTHER_PATIENT,
			Self::Unknown => UNKNOWN_PATIENT,
		}
	}
}

impl Model {
	fn org_active(&self, org: OrganisationId, at: u64) -> bool {
		let mut active = true;
		for (from, o, a) in &self.org_changes {
			if *o == org && *from <= at {
				active = *a;
			}
		}
		active
	}

	/// The organisation of `who` if it is an active practitioner at `at`.
	fn active_org(&self, who: AccountId, at: u64) -> Option<OrganisationId> {
		let (org, _, _) = model_practitioner(who)?;
		if self.org_active(org, at) {
			Some(org)
		} else {
			None
		}
	}

	fn decide(
		&self,
		accessor: &Accessor<AccountId>,
		subject: Subject,
		target: AccessTarget,
		action: AccessAction,
		purpose: Purpose,
		at: u64,
	) -> Result<AccessBasis, DenialReason> {
		let controller = match subject {
			Subject::Unknown => return Err(DenialReason::UnknownPatient),
			Subject::Patient => CONTROLLER,
			Subject::Other => OTHER_CONTROLLER,
		};
		if *accessor == Accessor::Account(controller) {
			return Ok(AccessBasis::PatientController);
		}
		if let Subject::Other = subject {
			// Nothing is ever granted or opened on the other patient.
			return Err(DenialReason::NoConsent);
		}
		let org = match accessor {
			Accessor::Account(who) => self.active_org(*who, at),
			Accessor::Device(_) => None,
		};
		let active = match accessor {
			Accessor::Account(_) => org.is_some(),
			Accessor::Device(_) => true,
		};
		// Ranks: 0 NoConsent, 1 AccessorInactive, 2 ConsentRevoked, 3 ConsentExpired,
		// 4 OutOfScope.
		let mut rank = 0;
		if let Accessor::Account(who) = accessor {
			let covering: Vec<&ModelWindow> = self
				.windows
				.iter()
				.filter(|w| w.opener == *who && w.opened <= at && at < w.end())
				.collect();
			assert!(covering.len() <= 1, "model: one window in effect per practitioner");
			if let Some(w) = covering.first() {
				if !active {
					rank = rank.max(1);
				} else if matches!(purpose, Purpose::Emergency | Purpose::Treatment) {
					return Ok(AccessBasis::Emergency(w.id));
				} else {
					rank = rank.max(4);
				}
			}
		}
		let mut allowed = Vec::new();
		for c in &self.consents {
			let named = match (&c.grantee, accessor) {
				(Grantee::Practitioner(p), Accessor::Account(who)) => p == who,
				(Grantee::Organisation(o), Accessor::Account(_)) => org == Some(*o),
				(Grantee::Device(d), Accessor::Device(dev)) => d == dev,
				_ => false,
			};
			if !named {
				continue;
			}
			let in_scope = match &c.scope {
				ModelScope::All => true,
				ModelScope::Categories(cats) => cats.contains(&target.category()),
				ModelScope::Records(recs) => match target {
					AccessTarget::Record(r, _) => recs.contains(&r),
					AccessTarget::Category(_) => false,
				},
			};
			let covers = in_scope && c.actions.contains(&action) && c.purposes.contains(&purpose);
			let in_period = c.from <= at && c.until.is_none_or(|u| at < u);
			let revoked = c.revoked.is_some_and(|r| at > r);
			if !active {
				rank = rank.max(1);
			} else if revoked {
				rank = rank.max(2);
			} else if !in_period {
				rank = rank.max(3);
			} else if !covers {
				rank = rank.max(4);
			} else {
				allowed.push(c.id);
			}
		}
		if let Some(id) = allowed.into_iter().min() {
			return Ok(AccessBasis::Consent(id));
		}
		Err(match rank {
			0 => DenialReason::NoConsent,
			1 => DenialReason::AccessorInactive,
			2 => DenialReason::ConsentRevoked,
			3 => DenialReason::ConsentExpired,
			_ => DenialReason::OutOfScope,
		})
	}
}

// ---- Operations and questions ----------------------------------------------------------

const GRANTEES: [Grantee<AccountId>; 10] = [
	Grantee::Practitioner(DOCTOR),
	Grantee::Practitioner(NURSE),
	Grantee::Practitioner(OTHER_DOCTOR),
	Grantee::Practitioner(RESPONDER),
	Grantee::Practitioner(STRANGER),
	Grantee::Organisation(HOSPITAL),
	Grantee::Organisation(CLINIC),
	Grantee::Organisation(LAB),
	Grantee::Device(DEVICE),
	Grantee::Device(OTHER_DEVICE),
];
const ACCESSORS: [Accessor<AccountId>; 10] = [
	Accessor::Account(CONTROLLER),
	Accessor::Account(GUARDIAN),
	Accessor::Account(DOCTOR),
	Accessor::Account(NURSE),
	Accessor::Account(OTHER_DOCTOR),
	Accessor::Account(RESPONDER),
	Accessor::Account(LAB_PHYSICIAN),
	Accessor::Account(STRANGER),
	Accessor::Device(DEVICE),
	Accessor::Device(OTHER_DEVICE),
];
const OPENERS: [AccountId; 6] = [DOCTOR, NURSE, OTHER_DOCTOR, RESPONDER, LAB_PHYSICIAN, STRANGER];
const ORGS: [OrganisationId; 3] = [HOSPITAL, CLINIC, LAB];
const CATEGORIES: [RecordCategory; 3] =
	[RecordCategory::LaboratoryResults, RecordCategory::Imaging, RecordCategory::VitalSigns];
const RECORDS: [RecordId; 3] = [1, 2, 3];
const TARGETS: [AccessTarget; 6] = [
	AccessTarget::Record(1, RecordCategory::LaboratoryResults),
	AccessTarget::Record(2, RecordCategory::Imaging),
	AccessTarget::Record(4, RecordCategory::VitalSigns),
	AccessTarget::Category(RecordCategory::LaboratoryResults),
	AccessTarget::Category(RecordCategory::VitalSigns),
	AccessTarget::Category(RecordCategory::Medication),
];
const ACTIONS: [AccessAction; 2] = [AccessAction::Read, AccessAction::Write];
const PURPOSES: [Purpose; 4] =
	[Purpose::Treatment, Purpose::Research, Purpose::Emergency, Purpose::Operations];

#[derive(Clone, Debug)]
struct Question {
	accessor: usize,
	subject: u8,
	target: usize,
	action: usize,
	purpose: usize,
}

#[derive(Clone, Debug)]
enum Op {
	Grant {
		grantee: usize,
		scope_kind: u8,
		scope_mask: u8,
		actions: u8,
		purposes: u8,
		from_delta: i8,
		until_len: Option<u8>,
	},
	Revoke {
		pick: u8,
	},
	Remove {
		pick: u8,
	},
	Advance {
		blocks: u8,
	},
	SetOrganisation {
		org: usize,
		active: bool,
	},
	Open {
		opener: usize,
		duration: u8,
		reason: u8,
	},
	Close {
		pick: u8,
		by_controller: bool,
	},
	Ask {
		question: Question,
		back: u8,
	},
}

fn question() -> impl Strategy<Value = Question> {
	(0..ACCESSORS.len(), 0u8..10, 0..TARGETS.len(), 0..ACTIONS.len(), 0..PURPOSES.len()).prop_map(
		|(accessor, subject, target, action, purpose)| Question {
			accessor,
			subject,
			target,
			action,
			purpose,
		},
	)
}

fn op() -> impl Strategy<Value = Op> {
	prop_oneof![
		5 => (
			0..GRANTEES.len(),
			0u8..3,
			1u8..8,
			1u8..4,
			1u8..16,
			-1i8..4,
			proptest::option::of(0u8..12),
		)
			.prop_map(|(grantee, scope_kind, scope_mask, actions, purposes, from_delta, until_len)| {
				Op::Grant { grantee, scope_kind, scope_mask, actions, purposes, from_delta, until_len }
			}),
		2 => any::<u8>().prop_map(|pick| Op::Revoke { pick }),
		1 => any::<u8>().prop_map(|pick| Op::Remove { pick }),
		3 => (1u8..5).prop_map(|blocks| Op::Advance { blocks }),
		1 => (0..ORGS.len(), any::<bool>())
			.prop_map(|(org, active)| Op::SetOrganisation { org, active }),
		2 => (0..OPENERS.len(), 0u8..12, 0u8..4)
			.prop_map(|(opener, duration, reason)| Op::Open { opener, duration, reason }),
		1 => (any::<u8>(), any::<bool>())
			.prop_map(|(pick, by_controller)| Op::Close { pick, by_controller }),
		3 => (question(), any::<u8>()).prop_map(|(question, back)| Op::Ask { question, back }),
	]
}

fn pick_bits<X: Copy>(items: &[X], mask: u8) -> Vec<X> {
	items.iter().enumerate().filter(|(i, _)| mask & (1 << i) != 0).map(|(_, x)| *x).collect()
}

fn subject(n: u8) -> Subject {
	match n {
		0 => Subject::Unknown,
		1 => Subject::Other,
		_ => Subject::Patient,
	}
}

/// Asks the pallet and the model the same question.
fn ask(model: &Model, q: &Question, at: u64) -> Result<(), TestCaseError> {
	let accessor = &ACCESSORS[q.accessor];
	let subject = subject(q.subject);
	let (target, action, purpose) = (TARGETS[q.target], ACTIONS[q.action], PURPOSES[q.purpose]);
	let pallet = Consent::decide(accessor, &subject.id(), target, action, purpose, at);
	let expected = model.decide(accessor, subject, target, action, purpose, at);
	prop_assert_eq!(
		pallet,
		expected,
		"{:?} {:?} {:?} {:?} {:?} at {} (now {})",
		accessor,
		subject,
		target,
		action,
		purpose,
		at,
		model.now
	);
	Ok(())
}

/// Applies `op` to the pallet and the model, checking that they agree on its outcome.
fn apply(model: &mut Model, op: &Op) -> Result<(), TestCaseError> {
	let now = model.now;
	match op {
		Op::Grant { grantee, scope_kind, scope_mask, actions, purposes, from_delta, until_len } => {
			let grantee = GRANTEES[*grantee].clone();
			let (scope, model_scope) = match scope_kind {
				0 => (ConsentScope::AllRecords, ModelScope::All),
				1 => {
					let cats = pick_bits(&CATEGORIES, *scope_mask);
					(
						ConsentScope::Categories(BoundedVec::truncate_from(cats.clone())),
						ModelScope::Categories(cats),
					)
				},
				_ => {
					let recs = pick_bits(&RECORDS, *scope_mask);
					(
						ConsentScope::Records(BoundedVec::truncate_from(recs.clone())),
						ModelScope::Records(recs),
					)
				},
			};
			let acts = pick_bits(&ACTIONS, *actions);
			let purps = pick_bits(&PURPOSES, *purposes);
			// -1: one block in the past; 0: `None` (now); 1..: that many blocks ahead.
			let from_arg = match from_delta {
				0 => None,
				d => Some((now as i64 + *d as i64).max(0) as u64),
			};
			let from = from_arg.unwrap_or(now);
			let until = until_len.map(|len| from + len as u64);
			let valid = from >= now
				&& until.is_none_or(|u| u > from)
				&& model.consents.len() < MaxConsentsPerPatient::get() as usize;
			let result = Consent::grant(
				RuntimeOrigin::signed(CONTROLLER),
				PATIENT,
				grantee.clone(),
				scope,
				BoundedVec::truncate_from(acts.clone()),
				BoundedVec::truncate_from(purps.clone()),
				from_arg,
				until,
				None,
				None,
			);
			prop_assert_eq!(result.is_ok(), valid, "grant: {:?}", result);
			if valid {
				prop_assert_eq!(NextConsentId::<Test>::get(), model.next_consent + 1);
				model.consents.push(ModelConsent {
					id: model.next_consent,
					grantee,
					scope: model_scope,
					actions: acts,
					purposes: purps,
					from,
					until,
					revoked: None,
				});
				model.next_consent += 1;
			}
		},
		Op::Revoke { pick } => {
			let id = *pick as u64 % (model.next_consent + 1);
			let stored = model.consents.iter_mut().find(|c| c.id == id);
			let result = Consent::revoke(RuntimeOrigin::signed(CONTROLLER), id, None);
			match stored {
				Some(c) if c.revoked.is_none() => {
					prop_assert!(result.is_ok(), "revoke: {:?}", result);
					c.revoked = Some(now);
				},
				_ => prop_assert!(result.is_err()),
			}
		},
		Op::Remove { pick } => {
			let id = *pick as u64 % (model.next_consent + 1);
			let removable = model.consents.iter().any(|c| {
				c.id == id
					&& (c.revoked.is_some_and(|r| now > r) || c.until.is_some_and(|u| now >= u))
			});
			let result = Consent::remove(RuntimeOrigin::signed(CONTROLLER), id);
			prop_assert_eq!(result.is_ok(), removable, "remove: {:?}", result);
			if removable {
				model.consents.retain(|c| c.id != id);
			}
		},
		Op::Advance { blocks } => {
			model.now += *blocks as u64;
			System::set_block_number(model.now);
		},
		Op::SetOrganisation { org, active } => {
			MockIdentity::set_organisation_active(ORGS[*org], *active);
			model.org_changes.push((now, ORGS[*org], *active));
		},
		Op::Open { opener, duration, reason } => {
			let who = OPENERS[*opener];
			let reason = match reason {
				0 => EmergencyReason::Unconscious,
				1 => EmergencyReason::LifeThreatening,
				2 => EmergencyReason::UnreachableRepresentative,
				_ => EmergencyReason::Other,
			};
			let duration = *duration as u64;
			let capable = model_practitioner(who).is_some_and(|(org, may_open, care)| {
				may_open && care && model.org_active(org, now)
			});
			let in_effect = model.windows.iter().any(|w| w.opener == who && w.end() > now);
			let open =
				model.windows.iter().filter(|w| w.closed.is_none() && w.expires > now).count();
			let valid = capable
				&& duration >= 1
				&& duration <= MaxEmergencyDuration::get()
				&& !in_effect
				&& open < MaxOpenEmergencies::get() as usize;
			let result = Consent::open_emergency(
				RuntimeOrigin::signed(who),
				PATIENT,
				reason,
				duration,
				None,
			);
			prop_assert_eq!(result.is_ok(), valid, "open: {:?}", result);
			if valid {
				prop_assert_eq!(NextEmergencyId::<Test>::get(), model.next_window + 1);
				model.windows.push(ModelWindow {
					id: model.next_window,
					opener: who,
					opened: now,
					expires: now + duration,
					closed: None,
				});
				model.next_window += 1;
			}
		},
		Op::Close { pick, by_controller } => {
			let id = *pick as u64 % (model.next_window + 1);
			let window = model.windows.iter_mut().find(|w| w.id == id);
			let by = match (&window, by_controller) {
				(_, true) => CONTROLLER,
				(Some(w), false) => w.opener,
				(None, false) => DOCTOR,
			};
			let result = Consent::close_emergency(RuntimeOrigin::signed(by), id);
			match window {
				Some(w) if w.closed.is_none() && now < w.expires => {
					prop_assert!(result.is_ok(), "close: {:?}", result);
					w.closed = Some(now);
				},
				_ => prop_assert!(result.is_err()),
			}
		},
		Op::Ask { question, back } => {
			let at = now.saturating_sub(*back as u64 % (now + 1));
			ask(model, question, at)?;
		},
	}
	Ok(())
}

proptest! {
	#![proptest_config(ProptestConfig {
		cases: 64,
		failure_persistence: None,
		..ProptestConfig::default()
	})]

	#[test]
	fn the_pallet_decides_like_the_reference_model(
		ops in proptest::collection::vec(op(), 1..40),
		final_questions in proptest::collection::vec(question(), 16),
	) {
		new_test_ext().execute_with(|| -> Result<(), TestCaseError> {
			let mut model = Model { now: 1, ..Default::default() };
			for op in &ops {
				apply(&mut model, op)?;
			}
			// Finally every question about every block so far.
			for q in &final_questions {
				for at in 0..=model.now {
					ask(&model, q, at)?;
				}
			}
			prop_assert!(Consent::do_try_state().is_ok(), "{:?}", Consent::do_try_state());
			Ok(())
		})?;
	}
}
