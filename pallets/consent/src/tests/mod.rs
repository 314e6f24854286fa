//! Tests of the consent pallet: one file per call, the access decision at its boundary
//! blocks, the listings, and a property test against a reference model.

mod close_emergency;
mod decide;
mod grant;
mod open_emergency;
mod property;
mod remove;
mod revoke;
mod runtime_api;

use crate::{
	mock::*, Actions, Consent as StoredConsent, ConsentCount, ConsentScope, Consents,
	ConsentsOfGrantee, ConsentsOfPatient, Emergencies, EmergenciesOfPatient, EmergencyReason,
	EmergencyWindow, HoldReason, KeyEnvelopeOf, LatestEmergency, OpenEmergencies, Purposes,
	ScopeOf,
};
use codec::MaxEncodedLen;
use frame_support::{assert_ok, traits::fungible::InspectHold};
use iomt_primitives::{
	AccessAction, AccessBasis, AccessTarget, Accessor, ConsentId, DenialReason, EmergencyId,
	Grantee, PatientId, Purpose, RecordCategory, RecordId, SecondFactorProof,
};
use sp_runtime::DispatchResult;

/// The last event deposited.
pub fn last_event() -> RuntimeEvent {
	System::events().pop().expect("an event was deposited").event
}

/// Moves to block `n`.
pub fn run_to(n: BlockNumber) {
	System::set_block_number(n);
}

pub fn actions(a: &[AccessAction]) -> Actions {
	a.to_vec().try_into().expect("at most two actions")
}

pub fn purposes(p: &[Purpose]) -> Purposes {
	p.to_vec().try_into().expect("at most four purposes")
}

pub fn categories(c: &[RecordCategory]) -> ScopeOf<Test> {
	ConsentScope::Categories(c.to_vec().try_into().expect("within MaxScopeItems"))
}

pub fn records(r: &[RecordId]) -> ScopeOf<Test> {
	ConsentScope::Records(r.to_vec().try_into().expect("within MaxScopeItems"))
}

pub fn envelope(len: usize) -> KeyEnvelopeOf<Test> {
	vec![0xE5; len].try_into().expect("within MaxEnvelopeLength")
}

/// Deposit held from `who` for consents.
pub fn held(who: AccountId) -> Balance {
	Balances::balance_on_hold(&HoldReason::ConsentDeposit.into(), &who)
}

/// A `grant` call built field by field. By default the controller grants `DOCTOR` reading
/// every record of `PATIENT` for treatment, from the current block on and open-ended,
/// without a key envelope or a second-factor proof; a test overrides only what it is about.
#[derive(Clone)]
pub struct GrantCall {
	origin: RuntimeOrigin,
	patient: PatientId,
	grantee: Grantee<AccountId>,
	scope: ScopeOf<Test>,
	actions: Actions,
	purposes: Purposes,
	valid_from: Option<BlockNumber>,
	valid_until: Option<BlockNumber>,
	key_envelope: Option<KeyEnvelopeOf<Test>>,
	proof: Option<SecondFactorProof>,
}

/// The default `grant` call (see [`GrantCall`]), to override field by field.
pub fn grant() -> GrantCall {
	GrantCall {
		origin: RuntimeOrigin::signed(CONTROLLER),
		patient: PATIENT,
		grantee: Grantee::Practitioner(DOCTOR),
		scope: ConsentScope::AllRecords,
		actions: actions(&[AccessAction::Read]),
		purposes: purposes(&[Purpose::Treatment]),
		valid_from: None,
		valid_until: None,
		key_envelope: None,
		proof: None,
	}
}

impl GrantCall {
	/// Signed by `who` instead of the controller.
	pub fn by(self, who: AccountId) -> Self {
		self.origin(RuntimeOrigin::signed(who))
	}

	/// Dispatched from `origin`.
	pub fn origin(mut self, origin: RuntimeOrigin) -> Self {
		self.origin = origin;
		self
	}

	/// For `patient` instead of `PATIENT`.
	pub fn patient(mut self, patient: PatientId) -> Self {
		self.patient = patient;
		self
	}

	/// Naming `grantee` instead of `DOCTOR`.
	pub fn to(mut self, grantee: Grantee<AccountId>) -> Self {
		self.grantee = grantee;
		self
	}

	/// Covering `scope` instead of every record.
	pub fn scope(mut self, scope: ScopeOf<Test>) -> Self {
		self.scope = scope;
		self
	}

	/// Allowing `a` instead of reading.
	pub fn actions(mut self, a: &[AccessAction]) -> Self {
		self.actions = actions(a);
		self
	}

	/// For `p` instead of treatment.
	pub fn purposes(mut self, p: &[Purpose]) -> Self {
		self.purposes = purposes(p);
		self
	}

	/// Valid from block `from` on.
	pub fn valid_from(mut self, from: BlockNumber) -> Self {
		self.valid_from = Some(from);
		self
	}

	/// Valid until before block `until`.
	pub fn valid_until(mut self, until: BlockNumber) -> Self {
		self.valid_until = Some(until);
		self
	}

	/// Carrying `key_envelope`.
	pub fn envelope(mut self, key_envelope: KeyEnvelopeOf<Test>) -> Self {
		self.key_envelope = Some(key_envelope);
		self
	}

	/// Presenting `proof` as the second factor.
	pub fn proof(mut self, proof: SecondFactorProof) -> Self {
		self.proof = Some(proof);
		self
	}

	/// The second-factor payload of this call, as [`Consent::grant_payload`] builds it.
	pub fn payload(&self) -> Vec<u8> {
		Consent::grant_payload(
			&self.patient,
			&self.grantee,
			&self.scope,
			&self.actions,
			&self.purposes,
			&self.valid_from,
			&self.valid_until,
			&self.key_envelope,
		)
	}

	/// Presenting `who`'s second-factor proof over this call's payload.
	pub fn proved_by(self, who: AccountId) -> Self {
		let proof = MockSecondFactor::proof(who, &self.payload());
		self.proof(proof)
	}

	/// Dispatches the call; its result.
	pub fn dispatch(self) -> DispatchResult {
		Consent::grant(
			self.origin,
			self.patient,
			self.grantee,
			self.scope,
			self.actions,
			self.purposes,
			self.valid_from,
			self.valid_until,
			self.key_envelope,
			self.proof,
		)
	}

	/// Dispatches the call, which must succeed; the new consent's id.
	pub fn granted(self) -> ConsentId {
		let id = crate::NextConsentId::<Test>::get();
		assert_ok!(self.dispatch());
		id
	}
}

/// The controller grants `grantee` reading all records for treatment, open-ended.
pub fn grant_read_treatment(grantee: Grantee<AccountId>) -> ConsentId {
	grant().to(grantee).granted()
}

/// The controller revokes consent `id` without a second factor, which must succeed.
pub fn revoke_by_controller(id: ConsentId) {
	assert_ok!(Consent::revoke(RuntimeOrigin::signed(CONTROLLER), id, None));
}

/// A consent of `DOCTOR` (see [`grant_read_treatment`]) that the controller revoked in
/// block 1, with the chain moved on to block 2 where it may be removed; its id.
pub fn removable_consent() -> ConsentId {
	let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
	revoke_by_controller(id);
	run_to(2);
	id
}

/// `practitioner` opens an emergency window on `PATIENT` for `duration` blocks.
pub fn open_window(practitioner: AccountId, duration: BlockNumber) -> EmergencyId {
	let id = crate::NextEmergencyId::<Test>::get();
	assert_ok!(Consent::open_emergency(
		RuntimeOrigin::signed(practitioner),
		PATIENT,
		EmergencyReason::Unconscious,
		duration,
		None,
	));
	id
}

/// The decision for an account reading a laboratory result of `PATIENT` for treatment.
pub fn decide_read(who: AccountId, at: BlockNumber) -> Result<AccessBasis, DenialReason> {
	decide_read_of(PATIENT, who, at)
}

/// The decision for an account reading a laboratory result of `patient` for treatment.
pub fn decide_read_of(
	patient: PatientId,
	who: AccountId,
	at: BlockNumber,
) -> Result<AccessBasis, DenialReason> {
	Consent::decide(
		&Accessor::Account(who),
		&patient,
		AccessTarget::Record(1, RecordCategory::LaboratoryResults),
		AccessAction::Read,
		Purpose::Treatment,
		at,
	)
}

#[test]
fn bounded_types_max_encoded_len_matches_the_configured_constants() {
	let account = AccountId::max_encoded_len();
	let block = BlockNumber::max_encoded_len();
	let balance = Balance::max_encoded_len();
	let compact = |n: u32| codec::Encode::encoded_size(&codec::Compact(n));

	// Scope: a variant byte and the larger of the two lists.
	let items = MaxScopeItems::get();
	let scope = 1 + compact(items) + items as usize * RecordId::max_encoded_len();
	assert_eq!(ScopeOf::<Test>::max_encoded_len(), scope);
	assert_eq!(Actions::max_encoded_len(), compact(2) + 2);
	assert_eq!(Purposes::max_encoded_len(), compact(4) + 4);
	let envelope = compact(MaxEnvelopeLength::get()) + MaxEnvelopeLength::get() as usize;
	assert_eq!(KeyEnvelopeOf::<Test>::max_encoded_len(), envelope);

	let grantee = 1 + 32; // the largest grantee is a device id
	let consent = 32 // patient
		+ account // granter
		+ grantee
		+ scope
		+ (compact(2) + 2)
		+ (compact(4) + 4)
		+ block // valid_from
		+ (1 + block) // valid_until
		+ block // granted_at
		+ (1 + block) // revoked_at
		+ (1 + envelope)
		+ balance;
	assert_eq!(StoredConsent::<Test>::max_encoded_len(), consent);

	let window = 32 // patient
		+ account // opener
		+ 4 // organisation
		+ 1 // role
		+ 1 // reason
		+ block * 2 // opened_at, expires_at
		+ (1 + block) // closed_at
		+ (1 + account) // closed_by
		+ (1 + 8); // previous
	assert_eq!(EmergencyWindow::<AccountId, BlockNumber>::max_encoded_len(), window);

	let open =
		compact(MaxOpenEmergencies::get()) + MaxOpenEmergencies::get() as usize * (8 + block);
	assert_eq!(
		frame_support::BoundedVec::<(EmergencyId, BlockNumber), MaxOpenEmergencies>::max_encoded_len(),
		open
	);
}

#[test]
fn try_state_catches_a_consent_missing_from_the_patient_index() {
	new_test_ext().execute_with(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		assert_ok!(Consent::do_try_state());
		ConsentsOfPatient::<Test>::remove(PATIENT, id);
		assert!(Consent::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_grantee_index_entry_without_consent() {
	new_test_ext().execute_with(|| {
		ConsentsOfGrantee::<Test>::insert(Grantee::<AccountId>::Device(DEVICE), 42, ());
		assert!(Consent::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_wrong_consent_count() {
	new_test_ext().execute_with(|| {
		grant_read_treatment(Grantee::Practitioner(DOCTOR));
		ConsentCount::<Test>::insert(PATIENT, 2);
		assert!(Consent::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_deposit_that_differs_from_the_hold() {
	new_test_ext().execute_with(|| {
		let id = grant_read_treatment(Grantee::Practitioner(DOCTOR));
		Consents::<Test>::mutate(id, |c| {
			if let Some(c) = c {
				c.deposit += 1;
			}
		});
		assert!(Consent::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_an_open_window_missing_from_the_open_list() {
	new_test_ext().execute_with(|| {
		open_window(DOCTOR, 5);
		assert_ok!(Consent::do_try_state());
		OpenEmergencies::<Test>::remove(PATIENT);
		assert!(Consent::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_a_window_missing_from_the_patient_index() {
	new_test_ext().execute_with(|| {
		let id = open_window(DOCTOR, 5);
		EmergenciesOfPatient::<Test>::remove(PATIENT, id);
		assert!(Consent::do_try_state().is_err());
	});
}

#[test]
fn try_state_catches_overlapping_windows_of_one_practitioner() {
	new_test_ext().execute_with(|| {
		let first = open_window(DOCTOR, 5);
		run_to(6);
		let second = open_window(DOCTOR, 5);
		assert_ok!(Consent::do_try_state());
		// Pretend the first window lasted into the second.
		Emergencies::<Test>::mutate(first, |w| {
			if let Some(w) = w {
				w.expires_at = 8;
			}
		});
		assert!(Consent::do_try_state().is_err());
		assert_eq!(LatestEmergency::<Test>::get(PATIENT, DOCTOR), Some(second));
	});
}

/// A consent stored for `PATIENT`, for helpers that need one by value.
pub fn stored(id: ConsentId) -> StoredConsent<Test> {
	Consents::<Test>::get(id).expect("consent is stored")
}

/// A stored window.
pub fn window(id: EmergencyId) -> EmergencyWindow<AccountId, BlockNumber> {
	Emergencies::<Test>::get(id).expect("window is stored")
}

/// An unused patient id for tests that register their own.
pub fn patient(n: u8) -> PatientId {
	[100u8.saturating_add(n); 32]
}
