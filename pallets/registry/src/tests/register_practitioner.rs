//! `register_practitioner`: an admin registers a practitioner and pays its deposit.

use super::{lab_technician, practitioner, practitioner_deposit_held, revoked_physician};
use crate::{
	mock::*, Error, Event, OrganisationPractitioners, Organisations, Practitioner, Practitioners,
};
use frame_support::{assert_noop, assert_ok, traits::fungible::Mutate};
use iomt_primitives::{IdentityProvider, OrganisationKind, PractitionerInfo, PractitionerRole};
use sp_runtime::{DispatchError, TokenError};

#[test]
fn an_admin_registers_a_practitioner_and_pays_the_deposit() {
	test(|| {
		System::set_block_number(3);
		assert_ok!(practitioner(DOCTOR)
			.role(PractitionerRole::Physician)
			.valid_until(50)
			.register());

		assert_eq!(
			Practitioners::<Test>::get(DOCTOR),
			Some(Practitioner {
				organisation: HOSPITAL,
				role: PractitionerRole::Physician,
				valid_until: Some(50),
				registered_at: 3,
				revoked_at: None,
				depositor: HOSPITAL_ADMIN,
				deposit: 10,
			})
		);
		assert!(OrganisationPractitioners::<Test>::contains_key(HOSPITAL, DOCTOR));
		assert_eq!(Organisations::<Test>::get(HOSPITAL).map(|o| o.practitioner_count), Some(1));
		assert_eq!(Registry::practitioners_of(HOSPITAL), vec![DOCTOR]);
		assert_eq!(practitioner_deposit_held(HOSPITAL_ADMIN), 10);
		assert_eq!(Balances::free_balance(HOSPITAL_ADMIN), ENDOWMENT - 10);
		assert_eq!(
			Registry::active_practitioner(&DOCTOR, 3),
			Some(PractitionerInfo {
				organisation: HOSPITAL,
				organisation_kind: OrganisationKind::CareProvider,
				role: PractitionerRole::Physician,
			})
		);
		assert_eq!(
			last_event(),
			Event::PractitionerRegistered {
				org: HOSPITAL,
				who: DOCTOR,
				role: PractitionerRole::Physician,
				valid_until: Some(50),
				depositor: HOSPITAL_ADMIN,
				deposit: 10,
			}
			.into()
		);
	});
}

#[test]
fn a_non_admin_cannot_register_practitioners() {
	test(|| {
		for who in [OUTSIDER, LAB_ADMIN, DOCTOR] {
			assert_noop!(
				practitioner(NURSE).by(who).register(),
				Error::<Test>::NotOrganisationAdmin
			);
		}
		for origin in [RuntimeOrigin::root(), RuntimeOrigin::none()] {
			assert_noop!(practitioner(NURSE).origin(origin).register(), DispatchError::BadOrigin);
		}
	});
}

#[test]
fn registering_at_an_unknown_organisation_fails() {
	test(|| {
		assert_noop!(
			practitioner(NURSE).at(NO_SUCH_ORG).register(),
			Error::<Test>::UnknownOrganisation
		);
	});
}

#[test]
fn registering_at_a_suspended_organisation_fails() {
	test(|| {
		assert_ok!(Registry::suspend_organisation(RuntimeOrigin::root(), HOSPITAL));
		assert_noop!(practitioner(NURSE).register(), Error::<Test>::OrganisationSuspended);
	});
}

#[test]
fn an_account_is_a_practitioner_of_one_organisation_only() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		assert_noop!(
			practitioner(DOCTOR).by(HOSPITAL_ADMIN_2).register(),
			Error::<Test>::PractitionerAlreadyRegistered
		);
		assert_noop!(
			lab_technician(DOCTOR).register(),
			Error::<Test>::PractitionerAlreadyRegistered
		);
	});
}

#[test]
fn a_revoked_record_must_be_removed_before_registering_again() {
	test(|| {
		revoked_physician(DOCTOR);
		assert_noop!(
			lab_technician(DOCTOR).register(),
			Error::<Test>::PractitionerAlreadyRegistered
		);
	});
}

#[test]
fn validity_must_end_after_the_current_block() {
	test(|| {
		System::set_block_number(10);
		for until in [9, 10] {
			assert_noop!(
				practitioner(NURSE).valid_until(until).register(),
				Error::<Test>::ExpiryNotInFuture
			);
		}
		assert_ok!(practitioner(NURSE).valid_until(11).register());
	});
}

#[test]
fn an_organisation_holds_at_most_max_practitioners_records() {
	test(|| {
		register_physician(HOSPITAL_ADMIN, HOSPITAL, DOCTOR);
		register_physician(HOSPITAL_ADMIN, HOSPITAL, NURSE);
		register_physician(HOSPITAL_ADMIN, HOSPITAL, LAB_TECH);
		assert_eq!(MAX_PRACTITIONERS, 3);
		// Revoked records still count until removed.
		assert_ok!(Registry::revoke_practitioner(RuntimeOrigin::signed(HOSPITAL_ADMIN), NURSE));
		assert_noop!(
			practitioner(PARAMEDIC).role(PractitionerRole::EmergencyResponder).register(),
			Error::<Test>::TooManyPractitioners
		);
		// Another organisation is not affected.
		register_physician(LAB_ADMIN, LAB, PARAMEDIC);
	});
}

#[test]
fn an_admin_without_funds_for_the_deposit_cannot_register() {
	test(|| {
		<Balances as Mutate<AccountId>>::set_balance(&HOSPITAL_ADMIN, 10);
		assert_noop!(practitioner(NURSE).register(), TokenError::FundsUnavailable);
	});
}
