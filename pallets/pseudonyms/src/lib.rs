//! # Pseudonyms
//!
//! A patient appears on iomt-chain only under pseudonyms. This pallet registers them, says
//! which account acts for each, lets guardians recover one after the patient lost the key,
//! and retires them for ever.
//!
//! ## Terms
//!
//! - A **pseudonym** is an [`iomt_primitives::PatientId`]: 32 random bytes chosen by the
//!   patient's wallet. It is the subject of records, consents and audit entries; nothing
//!   else about the patient is on chain.
//! - The **controller** is the account that registered the pseudonym (or received it by a
//!   recovery). It acts for the patient: grants and revokes consent, manages guardians,
//!   retires the pseudonym. Other pallets ask for it through
//!   [`iomt_primitives::PseudonymRegistry`].
//! - **Guardians** are up to [`Config::MaxGuardians`] accounts the controller trusts (family,
//!   a lawyer, the patient's own cold key) together with a **threshold**: how many of them
//!   must approve a recovery. No guardians means threshold 0 and no recovery.
//! - A **recovery** is a guardians' proposal to hand the pseudonym to a new controller.
//! - A **retired** pseudonym keeps only a tombstone (the block it was retired in); its id can
//!   never be registered again.
//!
//! ## Lifecycle and who may call what
//!
//! | call | origin | effect |
//! |---|---|---|
//! | [`Pallet::register`] | any signed account, which becomes the controller | pseudonym created, deposit held |
//! | [`Pallet::set_guardians`] | the controller | guardians and threshold replaced; an open recovery is cancelled |
//! | [`Pallet::propose_recovery`] | a guardian | recovery opened, counting as the proposer's approval |
//! | [`Pallet::approve_recovery`] | another guardian | one more approval |
//! | [`Pallet::cancel_recovery`] | the controller, or the proposer withdrawing its proposal | recovery removed |
//! | [`Pallet::execute_recovery`] | a guardian or the new controller, once approvals reach the threshold and [`Config::RecoveryDelay`] blocks passed since the proposal | controller rotated, deposits moved |
//! | [`Pallet::retire`] | the controller | record removed, tombstone kept, deposit released, open recovery removed |
//!
//! A pseudonym has at most one open recovery. The delay is the controller's window to notice
//! a recovery it did not ask for (its wallet watches for [`Event::RecoveryProposed`]) and to
//! cancel it; the controller may cancel at any time until the recovery is executed. Guardians
//! never include the controller, and a recovery never names the current controller or a
//! guardian as the new controller, so both stay distinct after a rotation. Executing moves
//! the deposit: the old controller's deposit is released, the current
//! [`Config::PseudonymDeposit`] is held from the new controller, and the new controller's
//! [`Config::MaxPseudonymsPerAccount`] cap is checked. From then on the old controller can
//! no longer act for the pseudonym.
//!
//! ## Why guardians: key loss
//!
//! BlockMedCare, the reference system iomt-chain is compared against, ties a patient to one
//! key and offers no recovery: a patient who loses the key loses control of their consents
//! for good, its stated weakness. Guardians close that gap. A pseudonym registered without
//! guardians has the same weakness here, so wallets should ask for guardians at registration.
//!
//! ## Choosing a pseudonym (wallets)
//!
//! The id is 32 bytes from a cryptographically secure random generator. Never hash a medical
//! record number (MRN), name, birth date or any combination of them into an id: such inputs
//! are few enough to be guessed and hashed by anyone, which would re-identify the patient.
//! The all-zero id is refused ([`Error::AllZeroPseudonym`]); it only comes from a wallet bug.
//! An id in use or ever retired is refused too.
//!
//! ## Unlinkability (privacy invariant 2)
//!
//! Random ids are unlinkable to each other, but everything around them is public: the
//! controller of each pseudonym, its guardians, and who paid its deposit and fees. Pseudonyms
//! controlled by the same account are therefore **linkable on chain**. A patient who wants
//! two pseudonyms to stay unlinkable (for instance one per provider) must give each its own
//! controller account, e.g. a hard-derived key per pseudonym from the wallet's seed
//! (`//iomt//pseudonym//0`, `//iomt//pseudonym//1`, ...), fund each controller in a way that
//! does not connect it to the others, and not reuse the same guardian accounts across them
//! (a guardian can equally use a derived key per pseudonym). One controller for several
//! pseudonyms is fine when linking them is acceptable.
//!
//! ## Mapping a provider's medical record number to a pseudonym (off chain)
//!
//! A provider never learns a pseudonym from the chain and never writes identifying data to
//! it. At admission the patient's wallet shows the pseudonym chosen for this provider (as
//! hex text or a QR code); the provider's staff scan it and store the pair MRN → pseudonym in
//! their own EHR or master patient index, protected like any other health data. From then on
//! the provider addresses records, consents and audit queries by the pseudonym. The chain
//! holds no MRN, name or birth date, not even hashed.
//!
//! ## Deposits and storage
//!
//! [`Config::PseudonymDeposit`] is held from the controller under
//! [`HoldReason::PseudonymDeposit`] while the pseudonym is active; it pays for the record and
//! its at most one open recovery. The amount held is stored with the pseudonym, so a later
//! change of the parameter releases exactly what was held. Each controller's number of
//! pseudonyms is kept as a counter, capped by [`Config::MaxPseudonymsPerAccount`]. The
//! tombstone of a retired id is kept for ever (a block number) and paid by the transaction
//! fees.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::{PseudonymInfo, Recovery};
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Inspect, Mutate, MutateHold},
			tokens::Precision,
		},
	};
	use frame_system::pallet_prelude::*;
	use iomt_primitives::PatientId;
	use sp_runtime::traits::{Saturating, Zero};

	/// The balance type of [`Config::Currency`].
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// The guardians of one pseudonym.
	pub type GuardiansOf<T> =
		BoundedVec<<T as frame_system::Config>::AccountId, <T as Config>::MaxGuardians>;

	/// What the chain stores about an active pseudonym.
	pub type PseudonymInfoOf<T> = PseudonymInfo<
		<T as frame_system::Config>::AccountId,
		BalanceOf<T>,
		BlockNumberFor<T>,
		<T as Config>::MaxGuardians,
	>;

	/// What the chain stores about an open recovery.
	pub type RecoveryOf<T> = Recovery<
		<T as frame_system::Config>::AccountId,
		BlockNumberFor<T>,
		<T as Config>::MaxGuardians,
	>;

	/// The id no wallet produces from randomness; refused as a pseudonym.
	pub const ALL_ZERO: PatientId = [0u8; 32];

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The currency from which pseudonym deposits are held.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// The overarching hold reason, which includes this pallet's [`HoldReason`].
		type RuntimeHoldReason: From<HoldReason>;

		/// Deposit held from a controller for each pseudonym it controls.
		#[pallet::constant]
		type PseudonymDeposit: Get<BalanceOf<Self>>;

		/// Largest number of pseudonyms one account may control.
		#[pallet::constant]
		type MaxPseudonymsPerAccount: Get<u32>;

		/// Largest number of guardians of one pseudonym.
		#[pallet::constant]
		type MaxGuardians: Get<u32>;

		/// Blocks that must pass after a recovery is proposed before it can be executed; the
		/// controller's window to cancel it.
		#[pallet::constant]
		type RecoveryDelay: Get<BlockNumberFor<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The deposit for an active pseudonym, held from its controller.
		#[codec(index = 0)]
		PseudonymDeposit,
	}

	/// Active pseudonyms: controller, deposit, guardians and threshold.
	#[pallet::storage]
	pub type Pseudonyms<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, PseudonymInfoOf<T>, OptionQuery>;

	/// Tombstones of retired pseudonyms, with the block of their retirement; never removed.
	#[pallet::storage]
	pub type Retired<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, BlockNumberFor<T>, OptionQuery>;

	/// Number of active pseudonyms each account controls (absent means none).
	#[pallet::storage]
	pub type ControlledCount<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u32, ValueQuery>;

	/// The open recovery of a pseudonym, if any.
	#[pallet::storage]
	pub type Recoveries<T: Config> =
		StorageMap<_, Blake2_128Concat, PatientId, RecoveryOf<T>, OptionQuery>;

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// `controller` registered `patient`; `deposit` is held from it.
		PseudonymRegistered { patient: PatientId, controller: T::AccountId, deposit: BalanceOf<T> },
		/// The controller of `patient` replaced its guardians (sorted) and threshold.
		GuardiansSet { patient: PatientId, guardians: GuardiansOf<T>, threshold: u32 },
		/// Guardian `proposer` proposed handing `patient` to `new_controller`; executable from
		/// block `executable_from` once enough guardians approved.
		RecoveryProposed {
			patient: PatientId,
			proposer: T::AccountId,
			new_controller: T::AccountId,
			executable_from: BlockNumberFor<T>,
		},
		/// Guardian `guardian` approved the open recovery of `patient`; `approvals` counts the
		/// approvals so far, the proposer's included.
		RecoveryApproved { patient: PatientId, guardian: T::AccountId, approvals: u32 },
		/// The open recovery of `patient` was removed without effect by `by` (the controller
		/// cancelling, changing guardians or retiring, or the proposer withdrawing).
		RecoveryCancelled { patient: PatientId, by: T::AccountId },
		/// Control of `patient` moved from `old_controller` to `new_controller`, executed by
		/// `executed_by`; `released` was released to the old controller and `held` is held
		/// from the new one.
		RecoveryExecuted {
			patient: PatientId,
			old_controller: T::AccountId,
			new_controller: T::AccountId,
			executed_by: T::AccountId,
			released: BalanceOf<T>,
			held: BalanceOf<T>,
		},
		/// `controller` retired `patient` in block `retired_at`; the id can never be used again
		/// and `released` was released to the controller.
		PseudonymRetired {
			patient: PatientId,
			controller: T::AccountId,
			released: BalanceOf<T>,
			retired_at: BlockNumberFor<T>,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The all-zero id is not random; the wallet must draw 32 random bytes.
		AllZeroPseudonym,
		/// The pseudonym is registered already.
		AlreadyRegistered,
		/// The pseudonym was retired; it can never be used again.
		PseudonymRetired,
		/// No pseudonym with this id was ever registered.
		UnknownPseudonym,
		/// The account controls `MaxPseudonymsPerAccount` pseudonyms already.
		TooManyPseudonyms,
		/// Only the controller of the pseudonym may do this.
		NotController,
		/// Only a guardian of the pseudonym may do this.
		NotGuardian,
		/// The controller cannot be a guardian of its own pseudonym.
		ControllerAsGuardian,
		/// An account is listed twice among the guardians.
		DuplicateGuardian,
		/// The threshold must be between 1 and the number of guardians, or 0 without guardians.
		ThresholdOutOfRange,
		/// The pseudonym has an open recovery already.
		RecoveryAlreadyOpen,
		/// The pseudonym has no open recovery.
		NoOpenRecovery,
		/// The proposed new controller already controls the pseudonym.
		NewControllerIsCurrent,
		/// A guardian cannot become the controller (guardians never include the controller).
		NewControllerIsGuardian,
		/// This guardian approved the open recovery already.
		AlreadyApproved,
		/// Fewer guardians than the threshold approved the recovery.
		ThresholdNotReached,
		/// The recovery delay since the proposal has not passed yet.
		RecoveryDelayNotPassed,
		/// Only a guardian or the proposed new controller may execute the recovery.
		NotGuardianOrNewController,
		/// Only the controller or the guardian that proposed the recovery may cancel it.
		NotControllerOrProposer,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(
				T::MaxPseudonymsPerAccount::get() >= 1,
				"MaxPseudonymsPerAccount must allow at least one pseudonym"
			);
			assert!(T::MaxGuardians::get() >= 1, "MaxGuardians must allow at least one guardian");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Register `patient` (32 random bytes) with the signer as its controller, holding
		/// [`Config::PseudonymDeposit`] from it. Starts without guardians.
		///
		/// Origin: signed; the signer becomes the controller.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register())]
		pub fn register(origin: OriginFor<T>, patient: PatientId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(patient != ALL_ZERO, Error::<T>::AllZeroPseudonym);
			ensure!(!Retired::<T>::contains_key(patient), Error::<T>::PseudonymRetired);
			ensure!(!Pseudonyms::<T>::contains_key(patient), Error::<T>::AlreadyRegistered);
			let count = Self::count_with_one_more(&who)?;
			let deposit = T::PseudonymDeposit::get();
			Self::hold_deposit(&who, deposit)?;

			ControlledCount::<T>::insert(&who, count);
			Pseudonyms::<T>::insert(
				patient,
				PseudonymInfo {
					controller: who.clone(),
					deposit,
					guardians: BoundedVec::new(),
					threshold: 0,
					registered_at: frame_system::Pallet::<T>::block_number(),
				},
			);
			Self::deposit_event(Event::PseudonymRegistered { patient, controller: who, deposit });
			Ok(())
		}

		/// Replace the guardians of `patient` and the number of them a recovery needs
		/// (`1..=guardians.len()`, or 0 with no guardians). Cancels an open recovery.
		///
		/// Origin: signed by the controller.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::set_guardians())]
		pub fn set_guardians(
			origin: OriginFor<T>,
			patient: PatientId,
			guardians: GuardiansOf<T>,
			threshold: u32,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut info = Self::controlled_by(&patient, &who)?;
			let guardians = Self::checked_guardians(&who, guardians, threshold)?;

			if Recoveries::<T>::take(patient).is_some() {
				Self::deposit_event(Event::RecoveryCancelled { patient, by: who });
			}
			info.guardians = guardians.clone();
			info.threshold = threshold;
			Pseudonyms::<T>::insert(patient, info);
			Self::deposit_event(Event::GuardiansSet { patient, guardians, threshold });
			Ok(())
		}

		/// Propose handing `patient` to `new_controller` after key loss. Counts as the
		/// proposer's approval; executable after [`Config::RecoveryDelay`] blocks once the
		/// threshold of guardians approved.
		///
		/// Origin: signed by a guardian of `patient`.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::propose_recovery())]
		pub fn propose_recovery(
			origin: OriginFor<T>,
			patient: PatientId,
			new_controller: T::AccountId,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let info = Self::active(&patient)?;
			ensure!(info.guardians.binary_search(&who).is_ok(), Error::<T>::NotGuardian);
			ensure!(!Recoveries::<T>::contains_key(patient), Error::<T>::RecoveryAlreadyOpen);
			ensure!(new_controller != info.controller, Error::<T>::NewControllerIsCurrent);
			ensure!(
				info.guardians.binary_search(&new_controller).is_err(),
				Error::<T>::NewControllerIsGuardian
			);

			// The guardians are bounded by the same constant, so this cannot overflow.
			let mut approvals = info.guardians;
			approvals.retain(|g| *g == who);
			let now = frame_system::Pallet::<T>::block_number();
			Recoveries::<T>::insert(
				patient,
				Recovery {
					new_controller: new_controller.clone(),
					proposer: who.clone(),
					proposed_at: now,
					approvals,
				},
			);
			Self::deposit_event(Event::RecoveryProposed {
				patient,
				proposer: who,
				new_controller,
				executable_from: now.saturating_add(T::RecoveryDelay::get()),
			});
			Ok(())
		}

		/// Approve the open recovery of `patient`.
		///
		/// Origin: signed by a guardian of `patient` that has not approved it yet.
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::approve_recovery())]
		pub fn approve_recovery(origin: OriginFor<T>, patient: PatientId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let info = Self::active(&patient)?;
			ensure!(info.guardians.binary_search(&who).is_ok(), Error::<T>::NotGuardian);
			let mut recovery = Recoveries::<T>::get(patient).ok_or(Error::<T>::NoOpenRecovery)?;
			ensure!(recovery.approvals.binary_search(&who).is_err(), Error::<T>::AlreadyApproved);

			// Approvals stay a sorted subset of the guardians, so they always fit.
			let mut approvals = info.guardians;
			approvals.retain(|g| *g == who || recovery.approvals.binary_search(g).is_ok());
			recovery.approvals = approvals;
			let count = recovery.approvals.len() as u32;
			Recoveries::<T>::insert(patient, recovery);
			Self::deposit_event(Event::RecoveryApproved {
				patient,
				guardian: who,
				approvals: count,
			});
			Ok(())
		}

		/// Cancel the open recovery of `patient`, at any time before it is executed.
		///
		/// Origin: signed by the controller, or by the guardian that proposed the recovery.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::cancel_recovery())]
		pub fn cancel_recovery(origin: OriginFor<T>, patient: PatientId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let info = Self::active(&patient)?;
			let recovery = Recoveries::<T>::get(patient).ok_or(Error::<T>::NoOpenRecovery)?;
			ensure!(
				who == info.controller || who == recovery.proposer,
				Error::<T>::NotControllerOrProposer
			);

			Recoveries::<T>::remove(patient);
			Self::deposit_event(Event::RecoveryCancelled { patient, by: who });
			Ok(())
		}

		/// Execute the open recovery of `patient`: the proposed account becomes the
		/// controller, the old controller's deposit is released and the current deposit is
		/// held from the new controller.
		///
		/// Origin: signed by a guardian or by the new controller, once approvals reach the
		/// threshold and [`Config::RecoveryDelay`] blocks passed since the proposal.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::execute_recovery())]
		pub fn execute_recovery(origin: OriginFor<T>, patient: PatientId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut info = Self::active(&patient)?;
			let recovery = Recoveries::<T>::get(patient).ok_or(Error::<T>::NoOpenRecovery)?;
			ensure!(
				who == recovery.new_controller || info.guardians.binary_search(&who).is_ok(),
				Error::<T>::NotGuardianOrNewController
			);
			ensure!(
				recovery.approvals.len() as u32 >= info.threshold,
				Error::<T>::ThresholdNotReached
			);
			let now = frame_system::Pallet::<T>::block_number();
			ensure!(
				now >= recovery.proposed_at.saturating_add(T::RecoveryDelay::get()),
				Error::<T>::RecoveryDelayNotPassed
			);
			let new_controller = recovery.new_controller;
			let new_count = Self::count_with_one_more(&new_controller)?;
			let held = T::PseudonymDeposit::get();
			Self::hold_deposit(&new_controller, held)?;
			let old_controller = core::mem::replace(&mut info.controller, new_controller.clone());
			let released = Self::release_deposit(&old_controller, info.deposit)?;

			Self::count_one_less(&old_controller);
			ControlledCount::<T>::insert(&new_controller, new_count);
			Recoveries::<T>::remove(patient);
			info.deposit = held;
			Pseudonyms::<T>::insert(patient, info);
			Self::deposit_event(Event::RecoveryExecuted {
				patient,
				old_controller,
				new_controller,
				executed_by: who,
				released,
				held,
			});
			Ok(())
		}

		/// Retire `patient` for ever: its record is removed, a tombstone kept, its deposit
		/// released and any open recovery removed. The id can never be registered again.
		///
		/// Origin: signed by the controller.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::retire())]
		pub fn retire(origin: OriginFor<T>, patient: PatientId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let info = Self::controlled_by(&patient, &who)?;
			let released = Self::release_deposit(&who, info.deposit)?;

			Self::count_one_less(&who);
			Pseudonyms::<T>::remove(patient);
			let now = frame_system::Pallet::<T>::block_number();
			Retired::<T>::insert(patient, now);
			if Recoveries::<T>::take(patient).is_some() {
				Self::deposit_event(Event::RecoveryCancelled { patient, by: who.clone() });
			}
			Self::deposit_event(Event::PseudonymRetired {
				patient,
				controller: who,
				released,
				retired_at: now,
			});
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The active pseudonym `patient` (for runtime APIs): controller, deposit, guardians.
		pub fn pseudonym(patient: &PatientId) -> Option<PseudonymInfoOf<T>> {
			Pseudonyms::<T>::get(patient)
		}

		/// The open recovery of `patient` (for runtime APIs), if any.
		pub fn recovery(patient: &PatientId) -> Option<RecoveryOf<T>> {
			Recoveries::<T>::get(patient)
		}

		/// The block in which `patient` was retired, if it was.
		pub fn retired_at(patient: &PatientId) -> Option<BlockNumberFor<T>> {
			Retired::<T>::get(patient)
		}

		/// The active pseudonym `patient`, or why there is none.
		fn active(patient: &PatientId) -> Result<PseudonymInfoOf<T>, DispatchError> {
			Pseudonyms::<T>::get(patient).ok_or_else(|| {
				if Retired::<T>::contains_key(patient) {
					Error::<T>::PseudonymRetired.into()
				} else {
					Error::<T>::UnknownPseudonym.into()
				}
			})
		}

		/// The active pseudonym `patient` if `who` controls it.
		fn controlled_by(
			patient: &PatientId,
			who: &T::AccountId,
		) -> Result<PseudonymInfoOf<T>, DispatchError> {
			let info = Self::active(patient)?;
			ensure!(info.controller == *who, Error::<T>::NotController);
			Ok(info)
		}

		/// `guardians` sorted, once checked against the controller and the threshold.
		fn checked_guardians(
			controller: &T::AccountId,
			mut guardians: GuardiansOf<T>,
			threshold: u32,
		) -> Result<GuardiansOf<T>, DispatchError> {
			guardians.sort();
			ensure!(
				guardians.iter().zip(guardians.iter().skip(1)).all(|(a, b)| a != b),
				Error::<T>::DuplicateGuardian
			);
			ensure!(guardians.binary_search(controller).is_err(), Error::<T>::ControllerAsGuardian);
			ensure!(
				Self::threshold_fits(threshold, guardians.len() as u32),
				Error::<T>::ThresholdOutOfRange
			);
			Ok(guardians)
		}

		/// Whether `threshold` suits `guardians` guardians: `1..=guardians`, or 0 with none.
		fn threshold_fits(threshold: u32, guardians: u32) -> bool {
			if guardians == 0 {
				threshold == 0
			} else {
				threshold >= 1 && threshold <= guardians
			}
		}

		/// The number of pseudonyms `who` would control with one more, within the cap.
		fn count_with_one_more(who: &T::AccountId) -> Result<u32, DispatchError> {
			let count = ControlledCount::<T>::get(who);
			ensure!(count < T::MaxPseudonymsPerAccount::get(), Error::<T>::TooManyPseudonyms);
			Ok(count.saturating_add(1))
		}

		/// Count one pseudonym less for `who`, removing the counter at zero.
		fn count_one_less(who: &T::AccountId) {
			ControlledCount::<T>::mutate_exists(who, |count| {
				*count = count.map(|c| c.saturating_sub(1)).filter(|c| *c > 0);
			});
		}

		/// Hold `amount` from `who` as a pseudonym deposit.
		fn hold_deposit(who: &T::AccountId, amount: BalanceOf<T>) -> DispatchResult {
			if amount.is_zero() {
				return Ok(());
			}
			T::Currency::hold(&HoldReason::PseudonymDeposit.into(), who, amount)
		}

		/// Release the pseudonym deposit `amount` held from `who`; the amount released.
		fn release_deposit(
			who: &T::AccountId,
			amount: BalanceOf<T>,
		) -> Result<BalanceOf<T>, DispatchError> {
			if amount.is_zero() {
				return Ok(amount);
			}
			T::Currency::release(
				&HoldReason::PseudonymDeposit.into(),
				who,
				amount,
				Precision::BestEffort,
			)
		}

		/// Invariants: no retired or all-zero id is active; guardians sorted, distinct, without
		/// the controller, with a fitting threshold; counters equal the pseudonyms per
		/// controller; each controller's held deposit equals the deposits recorded; every open
		/// recovery belongs to an active pseudonym, its approvals are distinct guardians that
		/// include the proposer, and its new controller is neither controller nor guardian.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use frame_support::traits::fungible::InspectHold;

			fn strictly_sorted<A: Ord>(list: &[A]) -> bool {
				list.iter().zip(list.iter().skip(1)).all(|(a, b)| a < b)
			}

			let mut per_controller: BTreeMap<T::AccountId, (u32, BalanceOf<T>)> = BTreeMap::new();
			for (patient, info) in Pseudonyms::<T>::iter() {
				ensure!(patient != ALL_ZERO, "the all-zero id is registered");
				ensure!(!Retired::<T>::contains_key(patient), "a retired id is active");
				ensure!(strictly_sorted(&info.guardians), "guardians not sorted and distinct");
				ensure!(
					info.guardians.binary_search(&info.controller).is_err(),
					"a controller is a guardian of its own pseudonym"
				);
				ensure!(
					Self::threshold_fits(info.threshold, info.guardians.len() as u32),
					"threshold does not fit the guardians"
				);
				let entry = per_controller.entry(info.controller).or_insert((0, Zero::zero()));
				entry.0 = entry.0.saturating_add(1);
				entry.1 = entry.1.saturating_add(info.deposit);
			}

			let mut counters = 0usize;
			for (who, count) in ControlledCount::<T>::iter() {
				counters = counters.saturating_add(1);
				ensure!(
					per_controller.get(&who).map(|(n, _)| *n) == Some(count),
					"ControlledCount differs from the pseudonyms the account controls"
				);
			}
			ensure!(counters == per_controller.len(), "a controller has no ControlledCount");

			for (who, (_, deposits)) in per_controller {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::PseudonymDeposit.into(), &who)
						== deposits,
					"held deposit differs from the deposits recorded"
				);
			}

			for (patient, recovery) in Recoveries::<T>::iter() {
				let info = Pseudonyms::<T>::get(patient)
					.ok_or("a recovery of a pseudonym that is not active")?;
				ensure!(strictly_sorted(&recovery.approvals), "approvals not sorted and distinct");
				ensure!(
					recovery.approvals.iter().all(|a| info.guardians.binary_search(a).is_ok()),
					"an approval by a non-guardian"
				);
				ensure!(
					recovery.approvals.binary_search(&recovery.proposer).is_ok(),
					"the proposer has not approved its recovery"
				);
				ensure!(
					recovery.new_controller != info.controller
						&& info.guardians.binary_search(&recovery.new_controller).is_err(),
					"the new controller is the controller or a guardian"
				);
			}
			Ok(())
		}
	}

	impl<T: Config> iomt_primitives::PseudonymRegistry<T::AccountId> for Pallet<T> {
		fn controller(patient: &PatientId) -> Option<T::AccountId> {
			Pseudonyms::<T>::get(patient).map(|info| info.controller)
		}

		fn is_guardian(patient: &PatientId, who: &T::AccountId) -> bool {
			Pseudonyms::<T>::get(patient)
				.is_some_and(|info| info.guardians.binary_search(who).is_ok())
		}
	}
}
