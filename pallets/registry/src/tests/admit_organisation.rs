//! `admit_organisation`: governance admits a member with the next id.

use crate::{mock::*, Error, Event, NextOrganisationId, OrganisationStatus, Organisations};
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::{IdentityProvider, OrganisationKind};
use sp_runtime::DispatchError;

#[test]
fn governance_admits_an_organisation_with_the_next_id_at_the_current_block() {
	test(|| {
		System::set_block_number(7);
		assert_ok!(Registry::admit_organisation(
			RuntimeOrigin::root(),
			OrganisationKind::Manufacturer,
			name(b"Acme Devices"),
			admins(&[OUTSIDER, PATIENT]),
		));
		let org = Organisations::<Test>::get(2).expect("admitted as organisation 2");
		assert_eq!(org.kind, OrganisationKind::Manufacturer);
		assert_eq!(org.name, name(b"Acme Devices"));
		assert_eq!(org.admins, admins(&[OUTSIDER, PATIENT]));
		assert_eq!(org.status, OrganisationStatus::Active);
		assert!(!org.requires_second_factor);
		assert_eq!(org.admitted_at, 7);
		assert_eq!(NextOrganisationId::<Test>::get(), 3);
		assert_eq!(Registry::active_organisation(2), Some(OrganisationKind::Manufacturer));
		assert!(Registry::is_organisation_admin(&OUTSIDER, 2));
		assert_eq!(
			last_event(),
			Event::OrganisationAdmitted {
				org: 2,
				kind: OrganisationKind::Manufacturer,
				name: name(b"Acme Devices"),
				admins: admins(&[OUTSIDER, PATIENT]),
			}
			.into()
		);
	});
}

#[test]
fn admitting_requires_the_governance_origin() {
	test(|| {
		for origin in [RuntimeOrigin::signed(HOSPITAL_ADMIN), RuntimeOrigin::none()] {
			assert_noop!(
				Registry::admit_organisation(
					origin,
					OrganisationKind::Laboratory,
					name(b"Lab"),
					admins(&[OUTSIDER]),
				),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn an_organisation_needs_a_name() {
	test(|| {
		assert_noop!(
			Registry::admit_organisation(
				RuntimeOrigin::root(),
				OrganisationKind::Laboratory,
				name(b""),
				admins(&[OUTSIDER]),
			),
			Error::<Test>::EmptyOrganisationName
		);
	});
}

#[test]
fn an_organisation_needs_an_admin() {
	test(|| {
		assert_noop!(
			Registry::admit_organisation(
				RuntimeOrigin::root(),
				OrganisationKind::Laboratory,
				name(b"Lab"),
				admins(&[]),
			),
			Error::<Test>::NoAdmins
		);
	});
}

#[test]
fn an_admin_listed_twice_is_refused() {
	test(|| {
		assert_noop!(
			Registry::admit_organisation(
				RuntimeOrigin::root(),
				OrganisationKind::Laboratory,
				name(b"Lab"),
				admins(&[OUTSIDER, PATIENT, OUTSIDER]),
			),
			Error::<Test>::DuplicateAdmin
		);
	});
}

#[test]
fn admitting_fails_when_organisation_ids_are_exhausted() {
	test(|| {
		NextOrganisationId::<Test>::put(u32::MAX);
		assert_noop!(
			Registry::admit_organisation(
				RuntimeOrigin::root(),
				OrganisationKind::Laboratory,
				name(b"Lab"),
				admins(&[OUTSIDER]),
			),
			Error::<Test>::OrganisationIdsExhausted
		);
		NextOrganisationId::<Test>::put(2);
	});
}
