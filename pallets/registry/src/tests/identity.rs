//! The `IdentityProvider` answers other pallets use.

use super::{lab_technician, practitioner};
use crate::mock::*;
use frame_support::assert_ok;
use iomt_primitives::{IdentityProvider, OrganisationKind, PractitionerInfo, PractitionerRole};

#[test]
fn an_active_practitioner_is_described_with_its_organisation_and_role() {
	test(|| {
		assert_ok!(lab_technician(LAB_TECH).register());
		assert_eq!(
			Registry::active_practitioner(&LAB_TECH, 1),
			Some(PractitionerInfo {
				organisation: LAB,
				organisation_kind: OrganisationKind::Laboratory,
				role: PractitionerRole::LabTechnician,
			})
		);
		assert_eq!(
			Registry::active_practitioner(&LAB_TECH, 1_000_000),
			Registry::active_practitioner(&LAB_TECH, 1)
		);
	});
}

#[test]
fn an_unregistered_account_is_no_practitioner() {
	test(|| {
		assert_eq!(Registry::active_practitioner(&PATIENT, 1), None);
		// Being an admin does not make an account a practitioner.
		assert_eq!(Registry::active_practitioner(&HOSPITAL_ADMIN, 1), None);
	});
}

#[test]
fn a_practitioner_is_not_active_before_its_registration() {
	test(|| {
		System::set_block_number(5);
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		assert_eq!(Registry::active_practitioner(&DOCTOR, 4), None);
		assert!(Registry::active_practitioner(&DOCTOR, 5).is_some());
	});
}

#[test]
fn validity_ends_at_the_valid_until_block() {
	test(|| {
		assert_ok!(practitioner(NURSE).valid_until(10).register());
		assert!(Registry::active_practitioner(&NURSE, 9).is_some());
		assert_eq!(Registry::active_practitioner(&NURSE, 10), None);
		assert_eq!(Registry::active_practitioner(&NURSE, 11), None);
	});
}

#[test]
fn revocation_counts_from_the_revocation_block_inclusive() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		System::set_block_number(7);
		assert_ok!(Registry::revoke_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN), DOCTOR));
		assert!(Registry::active_practitioner(&DOCTOR, 6).is_some());
		assert_eq!(Registry::active_practitioner(&DOCTOR, 7), None);
		assert_eq!(Registry::active_practitioner(&DOCTOR, 8), None);
	});
}

#[test]
fn suspension_and_reinstatement_switch_practitioners_off_and_on() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		assert!(Registry::active_practitioner(&DOCTOR, 1).is_some());
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL));
		assert_eq!(Registry::active_practitioner(&DOCTOR, 1), None);
		assert_ok!(Registry::reinstate_organisation(RuntimeOrigin::root(), HOSPITAL));
		assert!(Registry::active_practitioner(&DOCTOR, 1).is_some());
	});
}

#[test]
fn only_admitted_active_organisations_are_active() {
	test(|| {
		assert_eq!(Registry::active_organisation(HOSPITAL), Some(OrganisationKind::CareProvider));
		assert_eq!(Registry::active_organisation(LAB), Some(OrganisationKind::Laboratory));
		assert_eq!(Registry::active_organisation(NO_SUCH_ORG), None);
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), LAB));
		assert_eq!(Registry::active_organisation(LAB), None);
	});
}

#[test]
fn admins_are_admins_of_their_own_active_organisation_only() {
	test(|| {
		assert!(Registry::is_organisation_admin(&HOSPITAL_ADMIN, HOSPITAL));
		assert!(Registry::is_organisation_admin(&HOSPITAL_ADMIN_2, HOSPITAL));
		assert!(!Registry::is_organisation_admin(&HOSPITAL_ADMIN, LAB));
		assert!(!Registry::is_organisation_admin(&OUTSIDER, HOSPITAL));
		assert!(!Registry::is_organisation_admin(&HOSPITAL_ADMIN, NO_SUCH_ORG));
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL));
		assert!(!Registry::is_organisation_admin(&HOSPITAL_ADMIN, HOSPITAL));
	});
}
