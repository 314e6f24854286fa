use super::*;
use crate::Event;
use frame_support::assert_noop;
use sp_runtime::DispatchError;

fn publish(who: AccountId, maker: OrganisationId, hash: u8) -> sp_runtime::DispatchResult {
	DevicesPallet::publish_firmware(RuntimeOrigin::signed(who), maker, model(), [hash; 32])
}

#[test]
fn a_manufacturer_admin_publishes_releases_of_a_model() {
	test(|| {
		assert_ok!(publish(MAKER_ADMIN, MAKER, 1));
		assert_ok!(publish(MAKER_ADMIN, MAKER, 2));
		let m = Models::<Test>::get(MAKER, model()).expect("model stored");
		assert_eq!(m.releases.into_inner(), vec![[1; 32], [2; 32]]);
		assert_eq!(m.recalled_at, None);
		System::assert_last_event(
			Event::FirmwarePublished { manufacturer: MAKER, model: model(), firmware: [2; 32] }
				.into(),
		);
		// Models are per manufacturer: the same model id of another maker is separate.
		assert!(!Models::<Test>::contains_key(OTHER_MAKER, model()));
	});
}

#[test]
fn publish_firmware_errors() {
	test(|| {
		assert_ok!(publish(MAKER_ADMIN, MAKER, 1));
		assert_noop!(publish(MAKER_ADMIN, MAKER, 1), Error::<Test>::ReleaseAlreadyPublished);
		assert_ok!(publish(MAKER_ADMIN, MAKER, 2));
		assert_ok!(publish(MAKER_ADMIN, MAKER, 3));
		assert_noop!(publish(MAKER_ADMIN, MAKER, 4), Error::<Test>::TooManyReleases);
		assert_noop!(publish(HOSPITAL_ADMIN, HOSPITAL, 1), Error::<Test>::NotAManufacturer);
		MockIdentity::set_active(OTHER_MAKER, false);
		assert_noop!(publish(OTHER_MAKER_ADMIN, OTHER_MAKER, 1), Error::<Test>::NotAManufacturer);
	});
}

#[test]
fn only_an_admin_of_the_manufacturer_publishes() {
	test(|| {
		assert_noop!(publish(STRANGER, MAKER, 1), Error::<Test>::NotManufacturerAdmin);
		assert_noop!(publish(OTHER_MAKER_ADMIN, MAKER, 1), Error::<Test>::NotManufacturerAdmin);
		assert_noop!(
			DevicesPallet::publish_firmware(RuntimeOrigin::none(), MAKER, model(), [1; 32]),
			DispatchError::BadOrigin
		);
		assert_noop!(
			DevicesPallet::publish_firmware(RuntimeOrigin::root(), MAKER, model(), [1; 32]),
			DispatchError::BadOrigin
		);
	});
}
