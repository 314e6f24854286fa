//! `erase`: crypto-shredding by the patient or, with a legal basis, by an admin of the
//! author's organisation; every refusal.

use super::*;
use crate::{Erasure, ErasureBasis, Error, Event};
use frame_support::{assert_noop, assert_ok};
use iomt_primitives::{AccessBasis, Accessor, AuditAction, AuditEntity, AuditOutcome};
use sp_runtime::DispatchError;

/// `DOCTOR` (of `HOSPITAL`, consented) anchors record 0 about `PATIENT`.
fn doctor_record() {
	MockDecision::set(Accessor::Account(DOCTOR), PATIENT, Ok(AccessBasis::Consent(1)));
	assert_ok!(anchor_as(DOCTOR, PATIENT, RecordCategory::Diagnoses, [1; 32]));
}

fn locator_of(id: RecordId) -> Option<LocatorOf<Test>> {
	match RecordStore::<Test>::get(id)?.body {
		RecordBody::Document { locator, .. } => Some(locator),
		RecordBody::Batch { .. } => None,
	}
}

#[test]
fn the_controller_erases_without_a_basis_and_the_hash_stays() {
	test(|| {
		doctor_record();
		System::set_block_number(5);
		assert_ok!(Records::erase(RuntimeOrigin::signed(CONTROLLER), 0, None));

		let record = RecordStore::<Test>::get(0).expect("kept");
		assert_eq!(record.erased, Some(Erasure { by: CONTROLLER, at: 5, basis: None }));
		assert_eq!(locator_of(0), Some(Default::default()));
		assert!(Records::verify_hash(0, [1; 32]));
		assert_eq!(RecordOfHash::<Test>::get(PATIENT, [1; 32]), Some(0));
		// The deposit stays held: the record is permanent.
		assert_eq!(held(DOCTOR), document_deposit());
		assert_eq!(
			last_event(),
			RuntimeEvent::Records(Event::RecordErased {
				record_id: 0,
				patient: PATIENT,
				by: CONTROLLER,
				basis: None,
			})
		);
		assert_eq!(
			MockAudit::entries().last().cloned(),
			Some((
				PATIENT,
				Accessor::Account(CONTROLLER),
				AuditAction::RecordErased,
				AuditEntity::Record(0),
				None,
				AuditOutcome::Allowed(Some(AccessBasis::PatientController)),
			))
		);
	});
}

#[test]
fn the_controller_may_record_a_basis() {
	test(|| {
		doctor_record();
		assert_ok!(Records::erase(
			RuntimeOrigin::signed(CONTROLLER),
			0,
			Some(ErasureBasis::DataSubjectRequest)
		));
		assert_eq!(
			RecordStore::<Test>::get(0).and_then(|r| r.erased).and_then(|e| e.basis),
			Some(ErasureBasis::DataSubjectRequest)
		);
	});
}

#[test]
fn an_admin_of_the_authors_organisation_erases_with_a_legal_basis() {
	test(|| {
		doctor_record();
		assert_ok!(Records::erase(
			RuntimeOrigin::signed(HOSPITAL_ADMIN),
			0,
			Some(ErasureBasis::LegalOrder)
		));
		assert_eq!(
			RecordStore::<Test>::get(0).and_then(|r| r.erased),
			Some(Erasure { by: HOSPITAL_ADMIN, at: 1, basis: Some(ErasureBasis::LegalOrder) })
		);
		assert_eq!(locator_of(0), Some(Default::default()));
		assert_eq!(
			MockAudit::entries().last().cloned(),
			Some((
				PATIENT,
				Accessor::Account(HOSPITAL_ADMIN),
				AuditAction::RecordErased,
				AuditEntity::Record(0),
				None,
				AuditOutcome::Allowed(None),
			))
		);
	});
}

#[test]
fn an_admin_still_erases_after_the_patient_was_retired() {
	test(|| {
		doctor_record();
		MockPseudonyms::retire(PATIENT);
		assert_ok!(Records::erase(
			RuntimeOrigin::signed(HOSPITAL_ADMIN),
			0,
			Some(ErasureBasis::RetentionPeriodEnded)
		));
	});
}

#[test]
fn an_admin_without_a_legal_basis_is_refused() {
	test(|| {
		doctor_record();
		assert_noop!(
			Records::erase(RuntimeOrigin::signed(HOSPITAL_ADMIN), 0, None),
			Error::<Test>::LegalBasisRequired
		);
	});
}

#[test]
fn anyone_else_is_refused() {
	test(|| {
		doctor_record();
		// Admin of another organisation, the author itself, a stranger, another controller.
		for who in [CLINIC_ADMIN, DOCTOR, STRANGER, OTHER_CONTROLLER] {
			assert_noop!(
				Records::erase(RuntimeOrigin::signed(who), 0, Some(ErasureBasis::LegalOrder)),
				Error::<Test>::NotControllerOrOrganisationAdmin
			);
		}
		// A record the controller anchored has no organisation: no admin may erase it.
		assert_ok!(anchor_as(CONTROLLER, PATIENT, RecordCategory::Imaging, [2; 32]));
		assert_noop!(
			Records::erase(
				RuntimeOrigin::signed(HOSPITAL_ADMIN),
				1,
				Some(ErasureBasis::LegalOrder)
			),
			Error::<Test>::NotControllerOrOrganisationAdmin
		);
	});
}

#[test]
fn unsigned_and_root_origins_are_refused() {
	test(|| {
		doctor_record();
		for origin in [RuntimeOrigin::none(), RuntimeOrigin::root()] {
			assert_noop!(
				Records::erase(origin, 0, Some(ErasureBasis::LegalOrder)),
				DispatchError::BadOrigin
			);
		}
	});
}

#[test]
fn a_missing_record_is_refused() {
	test(|| {
		assert_noop!(
			Records::erase(RuntimeOrigin::signed(CONTROLLER), 3, None),
			Error::<Test>::RecordNotFound
		);
	});
}

#[test]
fn a_record_is_erased_once() {
	test(|| {
		doctor_record();
		assert_ok!(Records::erase(RuntimeOrigin::signed(CONTROLLER), 0, None));
		assert_noop!(
			Records::erase(RuntimeOrigin::signed(CONTROLLER), 0, None),
			Error::<Test>::RecordErased
		);
	});
}

#[test]
fn an_erased_hash_cannot_be_anchored_again() {
	test(|| {
		doctor_record();
		assert_ok!(Records::erase(RuntimeOrigin::signed(CONTROLLER), 0, None));
		assert_noop!(
			anchor_as(CONTROLLER, PATIENT, RecordCategory::Diagnoses, [1; 32]),
			Error::<Test>::HashAlreadyAnchored
		);
	});
}

#[test]
fn a_batch_is_erased_and_keeps_its_root() {
	test(|| {
		MockDecision::set(Accessor::Device(DEVICE), PATIENT, Ok(AccessBasis::Consent(2)));
		assert_ok!(relay(DOCTOR, PATIENT, DEVICE, [9; 32], 4));
		assert_ok!(Records::erase(RuntimeOrigin::signed(CONTROLLER), 0, None));
		let record = RecordStore::<Test>::get(0).expect("kept");
		assert!(record.erased.is_some());
		assert_eq!(record.body.anchored_hash(), [9; 32]);
	});
}
