//! `close_emergency`: who may end a window early, and what stays of it.

use super::*;
use crate::{Error, Event};
use frame_support::assert_noop;
use sp_runtime::DispatchError;

#[test]
fn the_opener_closes_a_window_which_is_kept_as_evidence() {
	test(|| {
		let id = open_window(DOCTOR, 8);
		run_to(4);
		assert_ok!(Consent::close_emergency(RuntimeOrigin::signed(DOCTOR), id));
		let w = window(id);
		assert_eq!(w.closed_at, Some(4));
		assert_eq!(w.closed_by, Some(DOCTOR));
		assert_eq!(w.expires_at, 9, "the planned expiry is kept");
		assert!(EmergenciesOfPatient::<Test>::contains_key(PATIENT, id));
		assert!(!OpenEmergencies::<Test>::contains_key(PATIENT));
		assert_eq!(
			last_event(),
			Event::EmergencyClosed { window_id: id, patient: PATIENT, by: DOCTOR }.into()
		);
		assert_eq!(
			MockAudit::notes().last(),
			Some(&AuditNote::EmergencyClosed(PATIENT, DOCTOR, id))
		);
	});
}

#[test]
fn the_patients_controller_closes_a_window() {
	test(|| {
		let first = open_window(DOCTOR, 8);
		let second = open_window(RESPONDER, 8);
		assert_ok!(Consent::close_emergency(RuntimeOrigin::signed(CONTROLLER), first));
		assert_eq!(window(first).closed_by, Some(CONTROLLER));
		assert_eq!(OpenEmergencies::<Test>::get(PATIENT).into_inner(), vec![(second, 9)]);
	});
}

#[test]
fn only_the_opener_or_the_controller_may_close() {
	test(|| {
		let id = open_window(DOCTOR, 8);
		for who in [RESPONDER, GUARDIAN, STRANGER, OTHER_CONTROLLER] {
			assert_noop!(
				Consent::close_emergency(RuntimeOrigin::signed(who), id),
				Error::<Test>::NotOpenerOrController
			);
		}
	});
}

#[test]
fn closing_an_unknown_window_fails() {
	test(|| {
		assert_noop!(
			Consent::close_emergency(RuntimeOrigin::signed(DOCTOR), 3),
			Error::<Test>::EmergencyNotFound
		);
	});
}

#[test]
fn closing_twice_fails() {
	test(|| {
		let id = open_window(DOCTOR, 8);
		assert_ok!(Consent::close_emergency(RuntimeOrigin::signed(DOCTOR), id));
		run_to(2);
		assert_noop!(
			Consent::close_emergency(RuntimeOrigin::signed(CONTROLLER), id),
			Error::<Test>::EmergencyAlreadyClosed
		);
	});
}

#[test]
fn an_expired_window_cannot_be_closed() {
	test(|| {
		let id = open_window(DOCTOR, 3);
		run_to(4);
		assert_noop!(
			Consent::close_emergency(RuntimeOrigin::signed(DOCTOR), id),
			Error::<Test>::EmergencyAlreadyExpired
		);
		// In its last block it still can.
		let next = {
			run_to(10);
			open_window(DOCTOR, 3)
		};
		run_to(12);
		assert_ok!(Consent::close_emergency(RuntimeOrigin::signed(DOCTOR), next));
	});
}

#[test]
fn close_emergency_requires_a_signed_origin() {
	test(|| {
		let id = open_window(DOCTOR, 8);
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(Consent::close_emergency(origin, id), DispatchError::BadOrigin);
		}
	});
}
