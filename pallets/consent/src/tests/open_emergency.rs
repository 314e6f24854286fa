//! `open_emergency`: who may break the glass, for how long, how often.

use super::*;
use crate::{Error, Event, NextEmergencyId};
use codec::Encode;
use frame_support::assert_noop;
use iomt_primitives::PractitionerRole;
use sp_runtime::DispatchError;

fn open(who: AccountId, duration: BlockNumber) -> sp_runtime::DispatchResult {
	Consent::open_emergency(
		RuntimeOrigin::signed(who),
		PATIENT,
		EmergencyReason::LifeThreatening,
		duration,
		None,
	)
}

#[test]
fn a_physician_opens_a_window_that_is_stored_indexed_listed_and_flagged() {
	test(|| {
		run_to(4);
		assert_ok!(open(DOCTOR, 6));
		let w = window(0);
		assert_eq!(w.patient, PATIENT);
		assert_eq!(w.opener, DOCTOR);
		assert_eq!(w.organisation, HOSPITAL);
		assert_eq!(w.role, PractitionerRole::Physician);
		assert_eq!(w.reason, EmergencyReason::LifeThreatening);
		assert_eq!((w.opened_at, w.expires_at), (4, 10));
		assert_eq!((w.closed_at, w.closed_by, w.previous), (None, None, None));
		assert!(EmergenciesOfPatient::<Test>::contains_key(PATIENT, 0));
		assert_eq!(LatestEmergency::<Test>::get(PATIENT, DOCTOR), Some(0));
		assert_eq!(OpenEmergencies::<Test>::get(PATIENT).into_inner(), vec![(0, 10)]);
		assert_eq!(NextEmergencyId::<Test>::get(), 1);
		assert_eq!(
			last_event(),
			Event::EmergencyOpened {
				window_id: 0,
				patient: PATIENT,
				opener: DOCTOR,
				organisation: HOSPITAL,
				reason: EmergencyReason::LifeThreatening,
				expires_at: 10,
			}
			.into()
		);
		assert_eq!(MockAudit::notes(), vec![AuditNote::EmergencyOpened(PATIENT, DOCTOR, 0)]);
	});
}

#[test]
fn an_emergency_responder_may_open_a_window() {
	test(|| {
		assert_ok!(open(RESPONDER, 1));
		assert_eq!(window(0).role, PractitionerRole::EmergencyResponder);
	});
}

#[test]
fn a_nurse_may_not_open_a_window() {
	test(|| {
		assert_noop!(open(NURSE, 5), Error::<Test>::RoleMayNotOpenEmergency);
	});
}

#[test]
fn a_physician_of_a_laboratory_may_not_open_a_window() {
	test(|| {
		assert_noop!(open(LAB_PHYSICIAN, 5), Error::<Test>::NotCareProvider);
	});
}

#[test]
fn only_an_active_practitioner_may_open_a_window() {
	test(|| {
		assert_noop!(open(STRANGER, 5), Error::<Test>::NotActivePractitioner);
		assert_noop!(open(CONTROLLER, 5), Error::<Test>::NotActivePractitioner);
		MockIdentity::set_organisation_active(HOSPITAL, false);
		assert_noop!(open(DOCTOR, 5), Error::<Test>::NotActivePractitioner);
	});
}

#[test]
fn a_window_on_an_unknown_patient_cannot_be_opened() {
	test(|| {
		assert_noop!(
			Consent::open_emergency(
				RuntimeOrigin::signed(DOCTOR),
				UNKNOWN_PATIENT,
				EmergencyReason::Other,
				5,
				None,
			),
			Error::<Test>::UnknownPatient
		);
	});
}

#[test]
fn the_duration_lies_between_one_block_and_max_emergency_duration() {
	test(|| {
		assert_noop!(open(DOCTOR, 0), Error::<Test>::EmergencyDurationZero);
		assert_noop!(
			open(DOCTOR, MaxEmergencyDuration::get() + 1),
			Error::<Test>::EmergencyDurationTooLong
		);
		assert_ok!(open(DOCTOR, MaxEmergencyDuration::get()));
		assert_eq!(window(0).expires_at, 1 + MaxEmergencyDuration::get());
	});
}

#[test]
fn a_practitioner_has_one_window_in_effect_per_patient() {
	test(|| {
		assert_ok!(open(DOCTOR, 3));
		run_to(3);
		assert_noop!(open(DOCTOR, 3), Error::<Test>::EmergencyAlreadyOpen);
		// Another patient is fine.
		assert_ok!(Consent::open_emergency(
			RuntimeOrigin::signed(DOCTOR),
			OTHER_PATIENT,
			EmergencyReason::Other,
			3,
			None,
		));
		// From the expiry on, a new window chains to the old one.
		run_to(4);
		assert_ok!(open(DOCTOR, 3));
		assert_eq!(window(2).previous, Some(0));
		assert_eq!(LatestEmergency::<Test>::get(PATIENT, DOCTOR), Some(2));
	});
}

#[test]
fn a_window_closed_in_this_block_is_still_in_effect_until_the_next() {
	test(|| {
		assert_ok!(open(DOCTOR, 8));
		run_to(3);
		assert_ok!(Consent::close_emergency(RuntimeOrigin::signed(DOCTOR), 0));
		assert_noop!(open(DOCTOR, 3), Error::<Test>::EmergencyAlreadyOpen);
		run_to(4);
		assert_ok!(open(DOCTOR, 3));
		assert_eq!(window(1).previous, Some(0));
	});
}

#[test]
fn a_patient_has_at_most_max_open_emergencies_open_windows() {
	test(|| {
		assert_ok!(open(DOCTOR, 2));
		assert_ok!(open(RESPONDER, 5));
		assert_noop!(open(OTHER_DOCTOR, 5), Error::<Test>::TooManyOpenEmergencies);
		// Closing one frees a place.
		assert_ok!(Consent::close_emergency(RuntimeOrigin::signed(RESPONDER), 1));
		assert_ok!(open(OTHER_DOCTOR, 5));
		assert_noop!(
			Consent::open_emergency(
				RuntimeOrigin::signed(RESPONDER),
				PATIENT,
				EmergencyReason::Other,
				5,
				None
			),
			Error::<Test>::EmergencyAlreadyOpen
		);
	});
}

#[test]
fn expired_windows_no_longer_count_as_open() {
	test(|| {
		assert_ok!(open(DOCTOR, 2));
		assert_ok!(open(RESPONDER, 5));
		run_to(3); // DOCTOR's window expired at block 3
		assert_ok!(open(OTHER_DOCTOR, 5));
		assert_eq!(OpenEmergencies::<Test>::get(PATIENT).into_inner(), vec![(1, 6), (2, 8)]);
	});
}

#[test]
fn a_practitioner_needs_a_second_factor_over_the_documented_payload_when_required() {
	test(|| {
		MockSecondFactor::require(DOCTOR);
		assert_noop!(open(DOCTOR, 5), DispatchError::Other("SecondFactorMissing"));
		let payload =
			(*b"consent.open_emergency", PATIENT, EmergencyReason::LifeThreatening, 5u64).encode();
		let proof = MockSecondFactor::proof(DOCTOR, &payload);
		// Not for a longer window.
		assert_noop!(
			Consent::open_emergency(
				RuntimeOrigin::signed(DOCTOR),
				PATIENT,
				EmergencyReason::LifeThreatening,
				6,
				Some(proof.clone()),
			),
			DispatchError::Other("SecondFactorBadSignature")
		);
		assert_ok!(Consent::open_emergency(
			RuntimeOrigin::signed(DOCTOR),
			PATIENT,
			EmergencyReason::LifeThreatening,
			5,
			Some(proof),
		));
		assert_eq!(MockSecondFactor::nonce(DOCTOR), 1);
	});
}

#[test]
fn opening_fails_once_every_window_id_is_used() {
	test(|| {
		NextEmergencyId::<Test>::put(EmergencyId::MAX);
		assert_noop!(open(DOCTOR, 5), Error::<Test>::EmergencyIdsExhausted);
	});
}

#[test]
fn open_emergency_requires_a_signed_origin() {
	test(|| {
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				Consent::open_emergency(origin, PATIENT, EmergencyReason::Other, 5, None),
				DispatchError::BadOrigin
			);
		}
	});
}
