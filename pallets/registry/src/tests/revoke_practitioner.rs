//! `revoke_practitioner`: an admin revokes a practitioner; the record stays as history.

use crate::{mock::*, Error, Event, Practitioners};
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::{IdentityProvider, SecondFactor};
use sp_runtime::DispatchError;

#[test]
fn a_revoked_practitioner_is_inactive_from_the_revocation_block_on() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		System::set_block_number(5);
		assert_ok!(Registry::revoke_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN_2), DOCTOR));

		let record = Practitioners::<Test>::get(DOCTOR).expect("record kept");
		assert_eq!(record.revoked_at, Some(5));
		assert!(Registry::active_practitioner(&DOCTOR, 4).is_some());
		assert_eq!(Registry::active_practitioner(&DOCTOR, 5), None);
		assert_eq!(Registry::active_practitioner(&DOCTOR, 6), None);
		assert_eq!(
			last_event(),
			Event::PractitionerRevoked { org: HOSPITAL, who: DOCTOR, revoked_at: 5 }.into()
		);
	});
}

#[test]
fn a_revoked_practitioner_of_an_mfa_organisation_no_longer_needs_a_second_factor() {
	test(|| {
		register_physician(LAB_ADMIN, LAB, LAB_TECH);
		assert!(Registry::is_required(&LAB_TECH));
		assert_ok!(Registry::revoke_practitioner(RuntimeOrigin::signed(LAB_ADMIN), LAB_TECH));
		assert!(!Registry::is_required(&LAB_TECH));
	});
}

#[test]
fn admins_of_a_suspended_organisation_may_still_revoke() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL));
		assert_ok!(Registry::revoke_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN), DOCTOR));
		assert_eq!(Practitioners::<Test>::get(DOCTOR).and_then(|p| p.revoked_at), Some(1));
	});
}

#[test]
fn revoking_an_unknown_practitioner_fails() {
	test(|| {
		assert_noop!(
			Registry::revoke_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN), DOCTOR),
			Error::<Test>::UnknownPractitioner
		);
	});
}

#[test]
fn only_an_admin_of_the_practitioners_organisation_may_revoke() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		for who in [LAB_ADMIN, OUTSIDER, DOCTOR] {
			assert_noop!(
				Registry::revoke_practitioner(RuntimeOrigin::signed(who), DOCTOR),
				Error::<Test>::NotOrganisationAdmin
			);
		}
		for origin in [RuntimeOrigin::root(), RuntimeOrigin::none()] {
			assert_noop!(Registry::revoke_practitioner(origin, DOCTOR), DispatchError::BadOrigin);
		}
	});
}

#[test]
fn revoking_twice_fails_and_keeps_the_first_block() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		assert_ok!(Registry::revoke_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN), DOCTOR));
		System::set_block_number(9);
		assert_noop!(
			Registry::revoke_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN), DOCTOR),
			Error::<Test>::PractitionerRevoked
		);
		assert_eq!(Practitioners::<Test>::get(DOCTOR).and_then(|p| p.revoked_at), Some(1));
	});
}
