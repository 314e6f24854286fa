//! # Validator allowlist
//!
//! iomt-chain is run by a consortium of hospitals, laboratories, manufacturers and
//! regulators. Anyone with a bond may *nominate*, but only accounts that the consortium's
//! governance approved may *declare the intent to validate* and so become block producers.
//!
//! ## Model
//!
//! - An **approved validator** is an account (a staking stash) that the governance origin
//!   (a council majority; sudo on development chains) put on the allowlist with
//!   [`Pallet::approve`], on behalf of one active member organisation of the registry
//!   (asked through [`iomt_primitives::IdentityProvider`]): every validator answers to a
//!   known hospital, laboratory, manufacturer or regulator. The list is bounded by
//!   [`Config::MaxApproved`].
//! - An approved account declares its candidacy with [`Pallet::validate`]: the pallet checks
//!   the approval of the stash behind the signing controller and then hands the preferences
//!   to the staking system through [`iomt_primitives::ValidatorIntent`]. The staking system's
//!   own checks (bond, commission) still apply and their errors are returned unchanged.
//! - [`Pallet::revoke`] removes an approval and withdraws the candidacy (chills) in the same
//!   call, so a revoked validator is not elected again from the next era on.
//!
//! ## Why the staking call is not enough
//!
//! `pallet-staking`'s `validate` takes no notice of an allowlist, and its `Filter` would
//! forbid bonding altogether. The runtime therefore removes `Staking::validate` in its base
//! call filter (which nested dispatch through `utility`, proxies or multisigs also obeys)
//! and offers this pallet's `validate` instead. A permission that guards a call must hold
//! however the call arrives.
//!
//! ## Genesis
//!
//! The genesis configuration lists the accounts approved from block 0 with their
//! organisations, normally the initial validators of the chain specification (see
//! `docs/CONSORTIUM.md`). Genesis does not check the organisations: the registry's own
//! genesis may be built after this one.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod weights;

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use frame_support::pallet_prelude::*;
	use frame_system::pallet_prelude::*;
	use iomt_primitives::{IdentityProvider, OrganisationId, ValidatorIntent};

	/// Preferences type of the configured staking system.
	pub type PrefsOf<T> =
		<<T as Config>::ValidatorIntent as ValidatorIntent<<T as frame_system::Config>::AccountId>>::Prefs;

	/// What the chain records about one approval.
	#[derive(
		Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
	)]
	pub struct Approval<BlockNumber> {
		/// The member organisation the validator runs for.
		pub organisation: OrganisationId,
		/// Block in which governance approved the account (0 for genesis approvals).
		pub approved_at: BlockNumber,
	}

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// Origin that approves and revokes validators: the consortium council's majority.
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// The staking system in which approved accounts declare their candidacy.
		type ValidatorIntent: ValidatorIntent<Self::AccountId>;

		/// The organisation registry: an approval names an active member organisation.
		type Identity: IdentityProvider<Self::AccountId, BlockNumberFor<Self>>;

		/// Largest number of accounts that can be approved at once.
		#[pallet::constant]
		type MaxApproved: Get<u32>;

		/// Weights of this pallet's calls, from its FRAME benchmarks.
		type WeightInfo: WeightInfo;

		/// Provides an active organisation to the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: BenchmarkHelper;
	}

	/// Sets up what the benchmarks need from other pallets.
	#[cfg(feature = "runtime-benchmarks")]
	pub trait BenchmarkHelper {
		/// An organisation that `Config::Identity` reports as active.
		fn active_organisation() -> OrganisationId;
	}

	/// Accounts (staking stashes) approved to validate, with the block of their approval.
	#[pallet::storage]
	pub type Approved<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Approval<BlockNumberFor<T>>, OptionQuery>;

	/// Number of entries in [`Approved`]; never above [`Config::MaxApproved`].
	#[pallet::storage]
	pub type ApprovedCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Accounts approved from block 0 (normally the chain's initial validators), each
		/// with the member organisation it validates for.
		pub approved: Vec<(T::AccountId, OrganisationId)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (who, organisation) in &self.approved {
				assert!(
					!Approved::<T>::contains_key(who),
					"validator allowlist genesis lists an account twice"
				);
				Approved::<T>::insert(
					who,
					Approval { organisation: *organisation, approved_at: Zero::zero() },
				);
				ApprovedCount::<T>::mutate(|n| *n += 1);
			}
			assert!(
				ApprovedCount::<T>::get() <= T::MaxApproved::get(),
				"validator allowlist genesis exceeds MaxApproved"
			);
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance approved `who` to validate for `organisation`.
		ValidatorApproved { who: T::AccountId, organisation: OrganisationId },
		/// Governance revoked `who`'s approval; `chilled` tells whether a running candidacy
		/// was withdrawn with it.
		ValidatorRevoked { who: T::AccountId, chilled: bool },
		/// The approved stash `stash` declared its intent to validate.
		ValidationDeclared { stash: T::AccountId },
	}

	#[pallet::error]
	pub enum Error<T> {
		/// The account is already on the validator allowlist.
		AlreadyApproved,
		/// The account is not on the validator allowlist.
		NotApproved,
		/// The allowlist holds `MaxApproved` accounts already.
		TooManyApproved,
		/// The signer controls no staking ledger: bond first, then declare the intent to
		/// validate.
		NotBonded,
		/// The stash behind the signer has not been approved by governance to validate.
		NotApprovedValidator,
		/// The organisation is not admitted to the registry, or it is suspended.
		OrganisationNotActive,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Approve `who` (a staking stash) to declare the intent to validate, on behalf of
		/// the active member organisation `organisation`.
		///
		/// Origin: [`Config::GovernanceOrigin`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::approve())]
		pub fn approve(
			origin: OriginFor<T>,
			who: T::AccountId,
			organisation: OrganisationId,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(!Approved::<T>::contains_key(&who), Error::<T>::AlreadyApproved);
			ensure!(
				T::Identity::active_organisation(organisation).is_some(),
				Error::<T>::OrganisationNotActive
			);
			let count = ApprovedCount::<T>::get();
			ensure!(count < T::MaxApproved::get(), Error::<T>::TooManyApproved);

			Approved::<T>::insert(
				&who,
				Approval { organisation, approved_at: frame_system::Pallet::<T>::block_number() },
			);
			ApprovedCount::<T>::put(count.saturating_add(1));
			Self::deposit_event(Event::ValidatorApproved { who, organisation });
			Ok(())
		}

		/// Revoke `who`'s approval and withdraw its candidacy, if it declared one. A revoked
		/// validator is not elected from the next election on.
		///
		/// Origin: [`Config::GovernanceOrigin`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::revoke())]
		pub fn revoke(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			ensure!(Approved::<T>::take(&who).is_some(), Error::<T>::NotApproved);
			ApprovedCount::<T>::mutate(|n| *n = n.saturating_sub(1));

			let chilled = if T::ValidatorIntent::is_candidate(&who) {
				T::ValidatorIntent::withdraw(&who)?;
				true
			} else {
				false
			};
			Self::deposit_event(Event::ValidatorRevoked { who, chilled });
			Ok(())
		}

		/// Declare the intent to validate with `prefs`, for the stash controlled by the
		/// signer. The stash must be approved; the staking system's own checks follow.
		///
		/// Origin: signed by the staking controller (the stash itself on current staking).
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::validate())]
		pub fn validate(origin: OriginFor<T>, prefs: PrefsOf<T>) -> DispatchResult {
			let controller = ensure_signed(origin)?;
			let stash = T::ValidatorIntent::stash_of(&controller).ok_or(Error::<T>::NotBonded)?;
			ensure!(Approved::<T>::contains_key(&stash), Error::<T>::NotApprovedValidator);
			T::ValidatorIntent::declare(&controller, prefs)?;
			Self::deposit_event(Event::ValidationDeclared { stash });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Invariants: the counter equals the number of approvals and respects the bound.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			let entries = Approved::<T>::iter_keys().count() as u32;
			ensure!(
				entries == ApprovedCount::<T>::get(),
				"ApprovedCount differs from the number of approvals"
			);
			ensure!(entries <= T::MaxApproved::get(), "more approvals than MaxApproved");
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The organisation `who` validates for, if it is approved.
		pub fn organisation_of(who: &T::AccountId) -> Option<OrganisationId> {
			Approved::<T>::get(who).map(|a| a.organisation)
		}
	}

	impl<T: Config> iomt_primitives::ValidatorApproval<T::AccountId> for Pallet<T> {
		fn is_approved(who: &T::AccountId) -> bool {
			Approved::<T>::contains_key(who)
		}
	}
}
