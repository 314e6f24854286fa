//! `update_practitioner`: an admin changes a practitioner's role and validity.

use super::{practitioner, revoked_physician};
use crate::{mock::*, Error, Event, Practitioners};
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::{IdentityProvider, PractitionerRole};
use sp_runtime::DispatchError;

#[test]
fn an_admin_changes_role_and_validity() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		assert_ok!(practitioner(DOCTOR)
			.by(HOSPITAL_ADMIN_2)
			.role(PractitionerRole::EmergencyResponder)
			.valid_until(20)
			.update());
		let record = Practitioners::<Test>::get(DOCTOR).expect("still registered");
		assert_eq!(record.role, PractitionerRole::EmergencyResponder);
		assert_eq!(record.valid_until, Some(20));
		// The deposit stays with whoever paid it.
		assert_eq!(record.depositor, HOSPITAL_ADMIN);
		assert_eq!(
			Registry::active_practitioner(&DOCTOR, 19).map(|i| i.role),
			Some(PractitionerRole::EmergencyResponder)
		);
		assert_eq!(Registry::active_practitioner(&DOCTOR, 20), None);
		assert_eq!(
			last_event(),
			Event::PractitionerUpdated {
				org: HOSPITAL,
				who: DOCTOR,
				role: PractitionerRole::EmergencyResponder,
				valid_until: Some(20),
			}
			.into()
		);
	});
}

#[test]
fn extending_an_expired_practitioner_makes_it_active_again() {
	test(|| {
		assert_ok!(practitioner(NURSE).valid_until(5).register());
		System::set_block_number(6);
		assert_eq!(Registry::active_practitioner(&NURSE, 6), None);
		assert_ok!(practitioner(NURSE).update());
		assert!(Registry::active_practitioner(&NURSE, 6).is_some());
	});
}

#[test]
fn updating_an_unknown_practitioner_fails() {
	test(|| {
		assert_noop!(practitioner(NURSE).update(), Error::<Test>::UnknownPractitioner);
	});
}

#[test]
fn only_an_admin_of_the_practitioners_organisation_may_update_it() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		for who in [LAB_ADMIN, OUTSIDER, DOCTOR] {
			assert_noop!(
				practitioner(DOCTOR).by(who).update(),
				Error::<Test>::NotOrganisationAdmin
			);
		}
		for origin in [RuntimeOrigin::root(), RuntimeOrigin::none()] {
			assert_noop!(practitioner(DOCTOR).origin(origin).update(), DispatchError::BadOrigin);
		}
	});
}

#[test]
fn a_practitioner_of_a_suspended_organisation_cannot_be_updated() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL));
		assert_noop!(practitioner(DOCTOR).update(), Error::<Test>::OrganisationSuspended);
	});
}

#[test]
fn a_revoked_practitioner_cannot_be_updated() {
	test(|| {
		revoked_physician(DOCTOR);
		assert_noop!(practitioner(DOCTOR).update(), Error::<Test>::PractitionerRevoked);
	});
}

#[test]
fn an_update_cannot_set_a_validity_that_already_ended() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		System::set_block_number(8);
		assert_noop!(
			practitioner(DOCTOR).role(PractitionerRole::Physician).valid_until(8).update(),
			Error::<Test>::ExpiryNotInFuture
		);
	});
}
