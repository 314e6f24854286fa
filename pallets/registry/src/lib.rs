//! # Registry: organisations, practitioners and second-factor keys
//!
//! The registry answers one question for the rest of iomt-chain: *who is this account?*
//! It keeps the consortium's member organisations, the practitioners each organisation
//! vouches for, and the second-factor (MFA) keys with which people prove that a sensitive
//! call really comes from them (HIPAA 45 CFR 164.312(d), person authentication). Other
//! pallets never read its storage: they ask through [`iomt_primitives::IdentityProvider`]
//! and [`iomt_primitives::SecondFactor`], both implemented by [`Pallet`].
//!
//! ## Organisations
//!
//! An **organisation** is a consortium member: a care provider, laboratory, device
//! manufacturer, distributor or regulator. The governance origin
//! ([`Config::GovernanceOrigin`]: the council majority; root on development chains)
//! admits it with [`Pallet::admit_organisation`], giving its kind, a public name and one
//! or more **admin** accounts, and receives the next [`OrganisationId`] from a counter.
//! Governance may change the name and admins ([`Pallet::update_organisation`]), **suspend**
//! it ([`Pallet::suspend_organisation`]) and **reinstate** it
//! ([`Pallet::reinstate_organisation`]). While an organisation is suspended none of its
//! practitioners is active and its admins may only revoke and remove practitioners.
//! Suspension is *current state*, not history: asking about an earlier block while the
//! organisation is suspended also answers "inactive", and after reinstatement the
//! practitioners are active again for every block their own records cover.
//!
//! An admin of an active organisation, or governance, decides whether the organisation's
//! practitioners must use a second factor ([`Pallet::set_second_factor_requirement`]).
//!
//! ## Practitioners
//!
//! A **practitioner** is an account acting for exactly one organisation in one
//! [`PractitionerRole`], optionally until a block (`valid_until`, the first block at which
//! it is no longer valid). An admin of the active organisation registers it
//! ([`Pallet::register_practitioner`]), paying [`Config::PractitionerDeposit`], which is
//! held from the admin's account for as long as the record exists. The admin may change
//! the role and validity ([`Pallet::update_practitioner`]) and **revoke** the practitioner
//! ([`Pallet::revoke_practitioner`]): the record is kept with its `revoked_at` block, so
//! "was this account an active practitioner at block N" stays answerable. Once revoked or
//! expired, an admin may **remove** the record ([`Pallet::remove_practitioner`]), which
//! releases the deposit to whoever paid it. An account is a practitioner of at most one
//! organisation; to move, it is removed from the old one and registered anew (the new
//! record does not inherit the old revocation).
//!
//! A practitioner is **active at block `at`** iff its record exists, it was registered at
//! or before `at`, it was not revoked at or before `at` (revoked in block `r` means
//! inactive from `r` on), `at < valid_until` (if set), and its organisation is active now.
//! Role and validity are the current ones; only registration and revocation are history.
//!
//! ## Second factor (MFA)
//!
//! Any signed account — practitioner, patient or guardian — may register one
//! **second-factor key** ([`Pallet::register_second_factor`]): an sr25519, ed25519 or
//! ecdsa public key given as a [`sp_runtime::MultiSigner`] together with a proof of
//! possession, holding [`Config::SecondFactorDeposit`] from the account. Replacing a key
//! needs, in addition, a [`SecondFactorProof`] by the *current* key, so a stolen account
//! key alone cannot swap the second factor. The account may remove its key with a proof
//! ([`Pallet::remove_second_factor`]); for a lost key an admin of the account's
//! organisation (or governance) may reset it ([`Pallet::reset_second_factor`]). Removal
//! and reset release the deposit to the account.
//!
//! A second factor is **required** for an account that registered a key, and for a
//! non-revoked practitioner of an organisation that requires it. Pallets guarding a
//! sensitive call ask [`iomt_primitives::SecondFactor::verify_and_consume`], which checks
//! the proof and advances the account's nonce ([`SecondFactorNonce`], starting at 0), so
//! an accepted proof can never be replayed. Nonces are never reset, not even when the key
//! is removed.
//!
//! ### Signed messages (for wallets)
//!
//! All values are SCALE-encoded and simply concatenated; `genesis_hash` is the hash of
//! block 0 of the chain (32 bytes), `account` is the SCALE encoding of the account id (its
//! 32 raw bytes on iomt-chain).
//!
//! * **Proof of possession** of a new key ([`Pallet::second_factor_key_message`]):
//!   `SCALE((b"iomt/mfa-key", genesis_hash, account))` =
//!   the 12 ASCII bytes `iomt/mfa-key` (no length prefix) ‖ `genesis_hash` ‖ `account`.
//! * **Second-factor proof** for nonce `n` over a call-specific `payload`
//!   ([`Pallet::second_factor_message`]):
//!   `SCALE((b"iomt/mfa", genesis_hash, account, n, payload))` =
//!   the 8 ASCII bytes `iomt/mfa` (no length prefix) ‖ `genesis_hash` ‖ `account` ‖
//!   `n` as u64 little-endian (8 bytes) ‖ compact-encoded `len(payload)` ‖ `payload`.
//!   The proof sent on chain is [`SecondFactorProof`] `{ nonce: n, signature }`.
//!
//! The key signs the message bytes as `sp_core`'s `Pair::sign` does (sr25519 and ed25519
//! over the message, ecdsa over `blake2_256(message)`), and the signature is sent as a
//! [`sp_runtime::MultiSignature`] of the key's scheme. The payloads this pallet defines:
//!
//! * replacing a key: `SCALE(new_key)` where `new_key` is the `MultiSigner` passed to
//!   [`Pallet::register_second_factor`] (1 variant byte: 0 ed25519, 1 sr25519, 2 ecdsa;
//!   then the 32, 32 or 33 key bytes);
//! * removing a key: the bytes of [`REMOVE_SECOND_FACTOR_PAYLOAD`].
//!
//! Other pallets document the payloads of their own sensitive calls.
//!
//! ## Who may call what
//!
//! | call | origin |
//! |---|---|
//! | `admit_organisation`, `update_organisation`, `suspend_organisation`, `reinstate_organisation` | governance |
//! | `set_second_factor_requirement` | an admin of the active organisation, or governance |
//! | `register_practitioner`, `update_practitioner` | an admin of the (active) organisation |
//! | `revoke_practitioner`, `remove_practitioner` | an admin of the organisation (also while suspended) |
//! | `register_second_factor`, `remove_second_factor` | any signed account, for itself |
//! | `reset_second_factor` | an admin of the account's (active) organisation, or governance |
//!
//! ## Genesis
//!
//! The genesis configuration lists organisations admitted at block 0 (kind, name, admins,
//! whether they require a second factor), so a development chain starts with a hospital.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use types::*;
pub use weights::WeightInfo;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;
pub mod types;
pub mod weights;

pub use iomt_primitives::{OrganisationId, SecondFactorProof};

/// The payload a second-factor proof signs to remove the account's own key
/// ([`Pallet::remove_second_factor`]).
pub const REMOVE_SECOND_FACTOR_PAYLOAD: &[u8] = b"iomt/registry/remove_second_factor";

/// Context bytes that start every second-factor proof message.
pub const SECOND_FACTOR_CONTEXT: [u8; 8] = *b"iomt/mfa";

/// Context bytes that start every proof-of-possession message of a new key.
pub const SECOND_FACTOR_KEY_CONTEXT: [u8; 12] = *b"iomt/mfa-key";

/// The balance type of the configured currency.
pub type BalanceOf<T> = <<T as Config>::Currency as frame_support::traits::fungible::Inspect<
	<T as frame_system::Config>::AccountId,
>>::Balance;

/// Keys and signatures for the benchmarks, which cannot create a key pair themselves.
#[cfg(feature = "runtime-benchmarks")]
pub trait BenchmarkHelper {
	/// A second-factor public key, a different one for each `index`.
	fn second_factor_key(index: u32) -> sp_runtime::MultiSigner;
	/// The signature of `message` by the key `second_factor_key(index)`.
	fn sign(index: u32, message: &[u8]) -> Option<sp_runtime::MultiSignature>;
}

/// sr25519 keys kept in the keystore of the host (the benchmark CLI provides one).
#[cfg(feature = "runtime-benchmarks")]
impl BenchmarkHelper for () {
	fn second_factor_key(index: u32) -> sp_runtime::MultiSigner {
		sp_io::crypto::sr25519_generate(BENCHMARK_KEY_TYPE, Some(benchmark_seed(index))).into()
	}
	fn sign(index: u32, message: &[u8]) -> Option<sp_runtime::MultiSignature> {
		let public =
			sp_io::crypto::sr25519_generate(BENCHMARK_KEY_TYPE, Some(benchmark_seed(index)));
		sp_io::crypto::sr25519_sign(BENCHMARK_KEY_TYPE, &public, message).map(Into::into)
	}
}

#[cfg(feature = "runtime-benchmarks")]
const BENCHMARK_KEY_TYPE: sp_core::crypto::KeyTypeId = sp_core::crypto::KeyTypeId(*b"iomf");

#[cfg(feature = "runtime-benchmarks")]
fn benchmark_seed(index: u32) -> alloc::vec::Vec<u8> {
	alloc::format!("//iomt-second-factor-{}", index).into_bytes()
}

#[frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use codec::Encode;
	use frame_support::{
		pallet_prelude::*,
		traits::{
			fungible::{Mutate, MutateHold},
			tokens::Precision,
		},
	};
	use frame_system::pallet_prelude::*;
	use iomt_primitives::{OrganisationKind, PractitionerInfo, PractitionerRole};
	use sp_runtime::{traits::Zero, ArithmeticError, MultiSignature, MultiSigner};

	#[pallet::pallet]
	pub struct Pallet<T>(_);

	#[pallet::config]
	pub trait Config: frame_system::Config {
		/// The overarching hold reason, into which this pallet's [`HoldReason`] converts.
		type RuntimeHoldReason: From<HoldReason>;

		/// The currency from which deposits are held.
		type Currency: MutateHold<Self::AccountId, Reason = Self::RuntimeHoldReason>
			+ Mutate<Self::AccountId>;

		/// Origin that admits, updates, suspends and reinstates organisations: the consortium
		/// council's majority (root on development chains).
		type GovernanceOrigin: EnsureOrigin<Self::RuntimeOrigin>;

		/// Longest public name of an organisation, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;

		/// Most admin accounts one organisation can have.
		#[pallet::constant]
		type MaxAdmins: Get<u32>;

		/// Most practitioner records (revoked ones included, until removed) one organisation
		/// can hold.
		#[pallet::constant]
		type MaxPractitionersPerOrganisation: Get<u32>;

		/// Amount held from the registering admin for each practitioner record.
		#[pallet::constant]
		type PractitionerDeposit: Get<BalanceOf<Self>>;

		/// Amount held from an account for its second-factor key.
		#[pallet::constant]
		type SecondFactorDeposit: Get<BalanceOf<Self>>;

		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;

		/// Creates keys and signatures for the benchmarks.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkHelper: crate::BenchmarkHelper;
	}

	/// Why this pallet holds funds.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// Deposit for a practitioner record, held from the admin who registered it.
		PractitionerDeposit,
		/// Deposit for a second-factor key, held from the key's account.
		SecondFactorDeposit,
	}

	/// The id the next admitted organisation receives.
	#[pallet::storage]
	pub type NextOrganisationId<T: Config> = StorageValue<_, OrganisationId, ValueQuery>;

	/// Admitted organisations by id.
	#[pallet::storage]
	pub type Organisations<T: Config> =
		StorageMap<_, Twox64Concat, OrganisationId, Organisation<T>, OptionQuery>;

	/// Practitioner records by account (at most one organisation per account).
	#[pallet::storage]
	pub type Practitioners<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, Practitioner<T>, OptionQuery>;

	/// Index of the practitioner records of each organisation, to list them.
	#[pallet::storage]
	pub type OrganisationPractitioners<T: Config> = StorageDoubleMap<
		_,
		Twox64Concat,
		OrganisationId,
		Blake2_128Concat,
		T::AccountId,
		(),
		OptionQuery,
	>;

	/// Registered second-factor keys by account.
	#[pallet::storage]
	pub type SecondFactors<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, SecondFactorRecord<T>, OptionQuery>;

	/// The nonce the account's next second-factor proof must carry (0 at first, +1 per
	/// accepted proof, never reset).
	#[pallet::storage]
	pub type SecondFactorNonce<T: Config> =
		StorageMap<_, Blake2_128Concat, T::AccountId, u64, ValueQuery>;

	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Organisations admitted at block 0, in id order: kind, public name, admins, and
		/// whether its practitioners must use a second factor.
		pub organisations: Vec<(GenesisOrganisationKind, Vec<u8>, Vec<T::AccountId>, bool)>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (kind, name, admins, requires_second_factor) in &self.organisations {
				let name: BoundedVec<u8, T::MaxNameLength> =
					name.clone().try_into().expect("registry genesis: name exceeds MaxNameLength");
				let admins: BoundedVec<T::AccountId, T::MaxAdmins> = admins
					.clone()
					.try_into()
					.expect("registry genesis: more admins than MaxAdmins");
				Pallet::<T>::check_organisation(&name, &admins)
					.expect("registry genesis: empty name, no admins or a repeated admin");
				let org = NextOrganisationId::<T>::get();
				Organisations::<T>::insert(
					org,
					Organisation {
						kind: (*kind).into(),
						name,
						admins,
						status: OrganisationStatus::Active,
						requires_second_factor: *requires_second_factor,
						admitted_at: Zero::zero(),
						practitioner_count: 0,
					},
				);
				NextOrganisationId::<T>::put(
					org.checked_add(1).expect("registry genesis: organisation ids exhausted"),
				);
			}
		}
	}

	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Governance admitted organisation `org`.
		OrganisationAdmitted {
			/// The new organisation's id.
			org: OrganisationId,
			/// Its kind.
			kind: OrganisationKind,
			/// Its public name.
			name: BoundedVec<u8, T::MaxNameLength>,
			/// Its admin accounts.
			admins: BoundedVec<T::AccountId, T::MaxAdmins>,
		},
		/// Governance replaced the name and admins of `org`.
		OrganisationUpdated {
			/// The organisation.
			org: OrganisationId,
			/// Its new public name.
			name: BoundedVec<u8, T::MaxNameLength>,
			/// Its new admin accounts.
			admins: BoundedVec<T::AccountId, T::MaxAdmins>,
		},
		/// Governance suspended `org`; its practitioners are inactive from now on.
		OrganisationSuspended {
			/// The organisation.
			org: OrganisationId,
			/// The block of the suspension.
			since: BlockNumberFor<T>,
		},
		/// Governance reinstated `org`; it is active again.
		OrganisationReinstated {
			/// The organisation.
			org: OrganisationId,
		},
		/// Whether practitioners of `org` must use a second factor was set to `required`.
		SecondFactorRequirementSet {
			/// The organisation.
			org: OrganisationId,
			/// The new requirement.
			required: bool,
			/// The admin who set it; `None` when governance did.
			by: Option<T::AccountId>,
		},
		/// `who` was registered as a practitioner of `org`.
		PractitionerRegistered {
			/// The organisation.
			org: OrganisationId,
			/// The practitioner's account.
			who: T::AccountId,
			/// The practitioner's role.
			role: PractitionerRole,
			/// First block at which the practitioner is no longer valid, if any.
			valid_until: Option<BlockNumberFor<T>>,
			/// The admin from whom the deposit is held.
			depositor: T::AccountId,
			/// The deposit held.
			deposit: BalanceOf<T>,
		},
		/// The role or validity of practitioner `who` of `org` changed.
		PractitionerUpdated {
			/// The organisation.
			org: OrganisationId,
			/// The practitioner's account.
			who: T::AccountId,
			/// The new role.
			role: PractitionerRole,
			/// The new end of validity, if any.
			valid_until: Option<BlockNumberFor<T>>,
		},
		/// Practitioner `who` of `org` was revoked; inactive from block `revoked_at` on.
		PractitionerRevoked {
			/// The organisation.
			org: OrganisationId,
			/// The practitioner's account.
			who: T::AccountId,
			/// The block of the revocation.
			revoked_at: BlockNumberFor<T>,
		},
		/// The record of practitioner `who` of `org` was removed and its deposit released.
		PractitionerRemoved {
			/// The organisation.
			org: OrganisationId,
			/// The former practitioner's account.
			who: T::AccountId,
			/// The account the deposit was released to.
			depositor: T::AccountId,
			/// The amount released.
			deposit: BalanceOf<T>,
		},
		/// `who` registered (or replaced) its second-factor key.
		SecondFactorRegistered {
			/// The account.
			who: T::AccountId,
			/// The new key.
			key: SecondFactorKey,
			/// Whether an existing key was replaced.
			replaced: bool,
		},
		/// The second-factor key of `who` was reset (lost key) and its deposit released.
		SecondFactorReset {
			/// The account whose key was removed.
			who: T::AccountId,
			/// The admin who reset it; `None` when governance did.
			by: Option<T::AccountId>,
		},
		/// `who` removed its own second-factor key; its deposit was released.
		SecondFactorRemoved {
			/// The account.
			who: T::AccountId,
		},
		/// A second-factor proof of `who` with `nonce` was accepted (and the nonce used up).
		SecondFactorVerified {
			/// The account.
			who: T::AccountId,
			/// The nonce consumed.
			nonce: u64,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// No organisation has this id.
		UnknownOrganisation,
		/// The organisation is suspended, so its admins may not do this.
		OrganisationSuspended,
		/// The organisation is already suspended.
		AlreadySuspended,
		/// The organisation is not suspended, so there is nothing to reinstate.
		NotSuspended,
		/// The organisation's public name is empty.
		EmptyOrganisationName,
		/// An organisation needs at least one admin.
		NoAdmins,
		/// The same account appears twice among the admins.
		DuplicateAdmin,
		/// All organisation ids are used up.
		OrganisationIdsExhausted,
		/// The signer is not an admin of the organisation.
		NotOrganisationAdmin,
		/// The account already has a practitioner record (in this or another organisation);
		/// remove it first.
		PractitionerAlreadyRegistered,
		/// The account is not a registered practitioner.
		UnknownPractitioner,
		/// The practitioner was revoked; a revoked record can only be removed.
		PractitionerRevoked,
		/// The practitioner is neither revoked nor expired, so its record cannot be removed.
		PractitionerStillActive,
		/// The organisation holds `MaxPractitionersPerOrganisation` records already.
		TooManyPractitioners,
		/// `valid_until` must be a block after the current one.
		ExpiryNotInFuture,
		/// Only sr25519, ed25519 and ecdsa second-factor keys are accepted.
		UnsupportedKeyType,
		/// The proof of possession is not the new key's signature over the possession
		/// message of this account.
		BadKeyPossessionProof,
		/// The account must present a second-factor proof for this call.
		SecondFactorRequired,
		/// The account has no second-factor key registered.
		NoSecondFactorKey,
		/// The proof's nonce is not the account's next second-factor nonce (stale or
		/// replayed proof).
		StaleSecondFactorNonce,
		/// The proof's signature is not the account's second-factor key's signature over
		/// this nonce and payload.
		BadSecondFactorSignature,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn integrity_test() {
			assert!(T::MaxAdmins::get() >= 1, "MaxAdmins must allow at least one admin");
			assert!(T::MaxNameLength::get() >= 1, "MaxNameLength must allow a name");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(_n: BlockNumberFor<T>) -> Result<(), sp_runtime::TryRuntimeError> {
			Self::do_try_state()
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Admit a new organisation of `kind` with a public `name` and its `admins`; it gets
		/// the next organisation id and is active at once.
		///
		/// Origin: [`Config::GovernanceOrigin`].
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::admit_organisation())]
		pub fn admit_organisation(
			origin: OriginFor<T>,
			kind: OrganisationKind,
			name: BoundedVec<u8, T::MaxNameLength>,
			admins: BoundedVec<T::AccountId, T::MaxAdmins>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::check_organisation(&name, &admins)?;
			let org = NextOrganisationId::<T>::get();
			let next = org.checked_add(1).ok_or(Error::<T>::OrganisationIdsExhausted)?;

			Organisations::<T>::insert(
				org,
				Organisation {
					kind,
					name: name.clone(),
					admins: admins.clone(),
					status: OrganisationStatus::Active,
					requires_second_factor: false,
					admitted_at: frame_system::Pallet::<T>::block_number(),
					practitioner_count: 0,
				},
			);
			NextOrganisationId::<T>::put(next);
			Self::deposit_event(Event::OrganisationAdmitted { org, kind, name, admins });
			Ok(())
		}

		/// Replace the public name and the admins of organisation `org`.
		///
		/// Origin: [`Config::GovernanceOrigin`].
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update_organisation())]
		pub fn update_organisation(
			origin: OriginFor<T>,
			org: OrganisationId,
			name: BoundedVec<u8, T::MaxNameLength>,
			admins: BoundedVec<T::AccountId, T::MaxAdmins>,
		) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Self::check_organisation(&name, &admins)?;
			Organisations::<T>::try_mutate(org, |entry| -> DispatchResult {
				let organisation = entry.as_mut().ok_or(Error::<T>::UnknownOrganisation)?;
				organisation.name = name.clone();
				organisation.admins = admins.clone();
				Ok(())
			})?;
			Self::deposit_event(Event::OrganisationUpdated { org, name, admins });
			Ok(())
		}

		/// Suspend organisation `org`: its practitioners are inactive and its admins may only
		/// revoke and remove practitioners until it is reinstated.
		///
		/// Origin: [`Config::GovernanceOrigin`].
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::suspend_organisation())]
		pub fn suspend_organisation(origin: OriginFor<T>, org: OrganisationId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			let since = frame_system::Pallet::<T>::block_number();
			Organisations::<T>::try_mutate(org, |entry| -> DispatchResult {
				let organisation = entry.as_mut().ok_or(Error::<T>::UnknownOrganisation)?;
				ensure!(
					organisation.status == OrganisationStatus::Active,
					Error::<T>::AlreadySuspended
				);
				organisation.status = OrganisationStatus::Suspended { since };
				Ok(())
			})?;
			Self::deposit_event(Event::OrganisationSuspended { org, since });
			Ok(())
		}

		/// Reinstate the suspended organisation `org`; its practitioners are active again
		/// as far as their own records allow.
		///
		/// Origin: [`Config::GovernanceOrigin`].
		#[pallet::call_index(3)]
		#[pallet::weight(T::WeightInfo::reinstate_organisation())]
		pub fn reinstate_organisation(origin: OriginFor<T>, org: OrganisationId) -> DispatchResult {
			T::GovernanceOrigin::ensure_origin(origin)?;
			Organisations::<T>::try_mutate(org, |entry| -> DispatchResult {
				let organisation = entry.as_mut().ok_or(Error::<T>::UnknownOrganisation)?;
				ensure!(
					matches!(organisation.status, OrganisationStatus::Suspended { .. }),
					Error::<T>::NotSuspended
				);
				organisation.status = OrganisationStatus::Active;
				Ok(())
			})?;
			Self::deposit_event(Event::OrganisationReinstated { org });
			Ok(())
		}

		/// Set whether the (non-revoked) practitioners of `org` must present a second factor
		/// on sensitive calls.
		///
		/// Origin: signed by an admin of the active organisation, or
		/// [`Config::GovernanceOrigin`].
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::set_second_factor_requirement())]
		pub fn set_second_factor_requirement(
			origin: OriginFor<T>,
			org: OrganisationId,
			required: bool,
		) -> DispatchResult {
			let by = match T::GovernanceOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			let mut organisation = match &by {
				Some(admin) => Self::ensure_admin(admin, org, true)?,
				None => Organisations::<T>::get(org).ok_or(Error::<T>::UnknownOrganisation)?,
			};
			organisation.requires_second_factor = required;
			Organisations::<T>::insert(org, organisation);
			Self::deposit_event(Event::SecondFactorRequirementSet { org, required, by });
			Ok(())
		}

		/// Register `who` as a practitioner of `org` in `role`, valid until block
		/// `valid_until` (exclusive; `None` for no end). Holds
		/// [`Config::PractitionerDeposit`] from the signing admin.
		///
		/// Origin: signed by an admin of the active organisation `org`.
		#[pallet::call_index(5)]
		#[pallet::weight(T::WeightInfo::register_practitioner())]
		pub fn register_practitioner(
			origin: OriginFor<T>,
			org: OrganisationId,
			who: T::AccountId,
			role: PractitionerRole,
			valid_until: Option<BlockNumberFor<T>>,
		) -> DispatchResult {
			let admin = ensure_signed(origin)?;
			let mut organisation = Self::ensure_admin(&admin, org, true)?;
			ensure!(
				!Practitioners::<T>::contains_key(&who),
				Error::<T>::PractitionerAlreadyRegistered
			);
			let now = frame_system::Pallet::<T>::block_number();
			Self::ensure_future(valid_until, now)?;
			ensure!(
				organisation.practitioner_count < T::MaxPractitionersPerOrganisation::get(),
				Error::<T>::TooManyPractitioners
			);

			let deposit = T::PractitionerDeposit::get();
			if !deposit.is_zero() {
				T::Currency::hold(&HoldReason::PractitionerDeposit.into(), &admin, deposit)?;
			}
			organisation.practitioner_count = organisation.practitioner_count.saturating_add(1);
			Organisations::<T>::insert(org, organisation);
			Practitioners::<T>::insert(
				&who,
				Practitioner {
					organisation: org,
					role,
					valid_until,
					registered_at: now,
					revoked_at: None,
					depositor: admin.clone(),
					deposit,
				},
			);
			OrganisationPractitioners::<T>::insert(org, &who, ());
			Self::deposit_event(Event::PractitionerRegistered {
				org,
				who,
				role,
				valid_until,
				depositor: admin,
				deposit,
			});
			Ok(())
		}

		/// Change the role and the end of validity of practitioner `who`.
		///
		/// Origin: signed by an admin of the practitioner's active organisation.
		#[pallet::call_index(6)]
		#[pallet::weight(T::WeightInfo::update_practitioner())]
		pub fn update_practitioner(
			origin: OriginFor<T>,
			who: T::AccountId,
			role: PractitionerRole,
			valid_until: Option<BlockNumberFor<T>>,
		) -> DispatchResult {
			let admin = ensure_signed(origin)?;
			let mut practitioner =
				Practitioners::<T>::get(&who).ok_or(Error::<T>::UnknownPractitioner)?;
			let org = practitioner.organisation;
			Self::ensure_admin(&admin, org, true)?;
			ensure!(practitioner.revoked_at.is_none(), Error::<T>::PractitionerRevoked);
			Self::ensure_future(valid_until, frame_system::Pallet::<T>::block_number())?;

			practitioner.role = role;
			practitioner.valid_until = valid_until;
			Practitioners::<T>::insert(&who, practitioner);
			Self::deposit_event(Event::PractitionerUpdated { org, who, role, valid_until });
			Ok(())
		}

		/// Revoke practitioner `who`: inactive from the current block on. The record is kept
		/// with its revocation block so that earlier blocks stay answerable.
		///
		/// Origin: signed by an admin of the practitioner's organisation (also while it is
		/// suspended).
		#[pallet::call_index(7)]
		#[pallet::weight(T::WeightInfo::revoke_practitioner())]
		pub fn revoke_practitioner(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let admin = ensure_signed(origin)?;
			let mut practitioner =
				Practitioners::<T>::get(&who).ok_or(Error::<T>::UnknownPractitioner)?;
			let org = practitioner.organisation;
			Self::ensure_admin(&admin, org, false)?;
			ensure!(practitioner.revoked_at.is_none(), Error::<T>::PractitionerRevoked);

			let revoked_at = frame_system::Pallet::<T>::block_number();
			practitioner.revoked_at = Some(revoked_at);
			Practitioners::<T>::insert(&who, practitioner);
			Self::deposit_event(Event::PractitionerRevoked { org, who, revoked_at });
			Ok(())
		}

		/// Delete the record of the revoked or expired practitioner `who` and release its
		/// deposit to the admin who paid it.
		///
		/// Origin: signed by an admin of the practitioner's organisation (also while it is
		/// suspended).
		#[pallet::call_index(8)]
		#[pallet::weight(T::WeightInfo::remove_practitioner())]
		pub fn remove_practitioner(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let admin = ensure_signed(origin)?;
			let practitioner =
				Practitioners::<T>::get(&who).ok_or(Error::<T>::UnknownPractitioner)?;
			let org = practitioner.organisation;
			let mut organisation = Self::ensure_admin(&admin, org, false)?;
			let now = frame_system::Pallet::<T>::block_number();
			let revoked = practitioner.revoked_at.is_some_and(|at| at <= now);
			let expired = practitioner.valid_until.is_some_and(|until| until <= now);
			ensure!(revoked || expired, Error::<T>::PractitionerStillActive);

			if !practitioner.deposit.is_zero() {
				T::Currency::release(
					&HoldReason::PractitionerDeposit.into(),
					&practitioner.depositor,
					practitioner.deposit,
					Precision::BestEffort,
				)?;
			}
			organisation.practitioner_count = organisation.practitioner_count.saturating_sub(1);
			Organisations::<T>::insert(org, organisation);
			Practitioners::<T>::remove(&who);
			OrganisationPractitioners::<T>::remove(org, &who);
			Self::deposit_event(Event::PractitionerRemoved {
				org,
				who,
				depositor: practitioner.depositor,
				deposit: practitioner.deposit,
			});
			Ok(())
		}

		/// Register `key` as the signer's second-factor key, proven by `possession_proof`
		/// (the key's signature over [`Pallet::second_factor_key_message`]). Holds
		/// [`Config::SecondFactorDeposit`] from the signer. If a key is registered already,
		/// `current_key_proof` must be a proof by that key over `SCALE(key)`, and the key is
		/// replaced (the deposit stays as held); otherwise it must be `None`.
		///
		/// Origin: signed by the account the key is for.
		#[pallet::call_index(9)]
		#[pallet::weight(T::WeightInfo::register_second_factor())]
		pub fn register_second_factor(
			origin: OriginFor<T>,
			key: MultiSigner,
			possession_proof: MultiSignature,
			current_key_proof: Option<SecondFactorProof>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let payload = key.encode();
			let new_key =
				SecondFactorKey::try_from(key).map_err(|_| Error::<T>::UnsupportedKeyType)?;
			ensure!(
				new_key.verify(&possession_proof, &Self::second_factor_key_message(&who)),
				Error::<T>::BadKeyPossessionProof
			);
			let now = frame_system::Pallet::<T>::block_number();

			let replaced = match SecondFactors::<T>::get(&who) {
				Some(mut record) => {
					let proof = current_key_proof.ok_or(Error::<T>::SecondFactorRequired)?;
					Self::check_and_consume(&who, &record.key, &payload, &proof)?;
					record.key = new_key.clone();
					record.registered_at = now;
					SecondFactors::<T>::insert(&who, record);
					true
				},
				None => {
					ensure!(current_key_proof.is_none(), Error::<T>::NoSecondFactorKey);
					let deposit = T::SecondFactorDeposit::get();
					if !deposit.is_zero() {
						T::Currency::hold(&HoldReason::SecondFactorDeposit.into(), &who, deposit)?;
					}
					SecondFactors::<T>::insert(
						&who,
						SecondFactorRecord { key: new_key.clone(), registered_at: now, deposit },
					);
					false
				},
			};
			Self::deposit_event(Event::SecondFactorRegistered { who, key: new_key, replaced });
			Ok(())
		}

		/// Remove the lost second-factor key of `who` and release its deposit to `who`, who
		/// may then register a new key without a proof.
		///
		/// Origin: signed by an admin of the active organisation `who` is a practitioner of,
		/// or [`Config::GovernanceOrigin`] (for accounts without an organisation, e.g.
		/// patients).
		#[pallet::call_index(10)]
		#[pallet::weight(T::WeightInfo::reset_second_factor())]
		pub fn reset_second_factor(origin: OriginFor<T>, who: T::AccountId) -> DispatchResult {
			let by = match T::GovernanceOrigin::try_origin(origin) {
				Ok(_) => None,
				Err(origin) => Some(ensure_signed(origin)?),
			};
			if let Some(admin) = &by {
				let practitioner =
					Practitioners::<T>::get(&who).ok_or(Error::<T>::UnknownPractitioner)?;
				Self::ensure_admin(admin, practitioner.organisation, true)?;
			}
			let record = SecondFactors::<T>::get(&who).ok_or(Error::<T>::NoSecondFactorKey)?;
			Self::release_second_factor(&who, record)?;
			Self::deposit_event(Event::SecondFactorReset { who, by });
			Ok(())
		}

		/// Remove the signer's second-factor key, proven by `proof` (a proof by that key over
		/// [`REMOVE_SECOND_FACTOR_PAYLOAD`]), and release its deposit.
		///
		/// Origin: signed by the key's account.
		#[pallet::call_index(11)]
		#[pallet::weight(T::WeightInfo::remove_second_factor())]
		pub fn remove_second_factor(
			origin: OriginFor<T>,
			proof: SecondFactorProof,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let record = SecondFactors::<T>::get(&who).ok_or(Error::<T>::NoSecondFactorKey)?;
			Self::check_and_consume(&who, &record.key, REMOVE_SECOND_FACTOR_PAYLOAD, &proof)?;
			Self::release_second_factor(&who, record)?;
			Self::deposit_event(Event::SecondFactorRemoved { who });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Hash of block 0, which binds every second-factor message to this chain.
		pub fn genesis_hash() -> T::Hash {
			frame_system::Pallet::<T>::block_hash(BlockNumberFor::<T>::zero())
		}

		/// The bytes a second-factor key signs for `who`'s proof with `nonce` over `payload`:
		/// `SCALE((b"iomt/mfa", genesis_hash, who, nonce, payload))` (see the crate docs).
		pub fn second_factor_message(who: &T::AccountId, nonce: u64, payload: &[u8]) -> Vec<u8> {
			(SECOND_FACTOR_CONTEXT, Self::genesis_hash(), who, nonce, payload).encode()
		}

		/// The bytes a new second-factor key signs to prove possession when `who` registers
		/// it: `SCALE((b"iomt/mfa-key", genesis_hash, who))` (see the crate docs).
		pub fn second_factor_key_message(who: &T::AccountId) -> Vec<u8> {
			(SECOND_FACTOR_KEY_CONTEXT, Self::genesis_hash(), who).encode()
		}

		/// The practitioner record of `who`, if any (revoked and expired ones included).
		pub fn practitioner(who: &T::AccountId) -> Option<Practitioner<T>> {
			Practitioners::<T>::get(who)
		}

		/// The organisation `org`, if admitted (suspended ones included).
		pub fn organisation(org: OrganisationId) -> Option<Organisation<T>> {
			Organisations::<T>::get(org)
		}

		/// The accounts with a practitioner record in `org` (revoked and expired ones
		/// included), in storage order.
		pub fn practitioners_of(org: OrganisationId) -> Vec<T::AccountId> {
			OrganisationPractitioners::<T>::iter_key_prefix(org).collect()
		}

		/// A non-empty name and a non-empty admin list without repeats.
		pub(crate) fn check_organisation(
			name: &BoundedVec<u8, T::MaxNameLength>,
			admins: &BoundedVec<T::AccountId, T::MaxAdmins>,
		) -> DispatchResult {
			ensure!(!name.is_empty(), Error::<T>::EmptyOrganisationName);
			ensure!(!admins.is_empty(), Error::<T>::NoAdmins);
			for (i, admin) in admins.iter().enumerate() {
				ensure!(
					!admins.iter().skip(i.saturating_add(1)).any(|other| other == admin),
					Error::<T>::DuplicateAdmin
				);
			}
			Ok(())
		}

		/// The organisation `org` if `who` is one of its admins (and, if `must_be_active`,
		/// the organisation is active).
		fn ensure_admin(
			who: &T::AccountId,
			org: OrganisationId,
			must_be_active: bool,
		) -> Result<Organisation<T>, DispatchError> {
			let organisation =
				Organisations::<T>::get(org).ok_or(Error::<T>::UnknownOrganisation)?;
			ensure!(organisation.admins.contains(who), Error::<T>::NotOrganisationAdmin);
			if must_be_active {
				ensure!(
					organisation.status == OrganisationStatus::Active,
					Error::<T>::OrganisationSuspended
				);
			}
			Ok(organisation)
		}

		/// `valid_until`, if set, lies after `now`.
		fn ensure_future(
			valid_until: Option<BlockNumberFor<T>>,
			now: BlockNumberFor<T>,
		) -> DispatchResult {
			if let Some(until) = valid_until {
				ensure!(until > now, Error::<T>::ExpiryNotInFuture);
			}
			Ok(())
		}

		/// Checks `proof` by `key` for `who` over `payload` and consumes the nonce.
		fn check_and_consume(
			who: &T::AccountId,
			key: &SecondFactorKey,
			payload: &[u8],
			proof: &SecondFactorProof,
		) -> DispatchResult {
			let nonce = SecondFactorNonce::<T>::get(who);
			ensure!(proof.nonce == nonce, Error::<T>::StaleSecondFactorNonce);
			ensure!(
				key.verify(&proof.signature, &Self::second_factor_message(who, nonce, payload)),
				Error::<T>::BadSecondFactorSignature
			);
			let next = nonce.checked_add(1).ok_or(ArithmeticError::Overflow)?;
			SecondFactorNonce::<T>::insert(who, next);
			Self::deposit_event(Event::SecondFactorVerified { who: who.clone(), nonce });
			Ok(())
		}

		/// Deletes `who`'s key record and releases its deposit to `who`.
		fn release_second_factor(
			who: &T::AccountId,
			record: SecondFactorRecord<T>,
		) -> DispatchResult {
			if !record.deposit.is_zero() {
				T::Currency::release(
					&HoldReason::SecondFactorDeposit.into(),
					who,
					record.deposit,
					Precision::BestEffort,
				)?;
			}
			SecondFactors::<T>::remove(who);
			Ok(())
		}

		/// Invariants: every practitioner record belongs to an admitted organisation and is
		/// in its index, and vice versa; each organisation's count equals its index entries
		/// and respects the bound; organisations have admins without repeats and ids below
		/// the counter; the deposits held equal the deposits recorded.
		#[cfg(any(feature = "try-runtime", test))]
		pub fn do_try_state() -> Result<(), sp_runtime::TryRuntimeError> {
			use alloc::collections::btree_map::BTreeMap;
			use frame_support::traits::fungible::InspectHold;
			use sp_runtime::Saturating;

			let next = NextOrganisationId::<T>::get();
			for (org, organisation) in Organisations::<T>::iter() {
				ensure!(org < next, "organisation id not below NextOrganisationId");
				Self::check_organisation(&organisation.name, &organisation.admins)
					.map_err(|_| "organisation with empty name, no admins or a repeated admin")?;
				let indexed = OrganisationPractitioners::<T>::iter_key_prefix(org).count() as u32;
				ensure!(
					indexed == organisation.practitioner_count,
					"practitioner_count differs from the OrganisationPractitioners index"
				);
				ensure!(
					indexed <= T::MaxPractitionersPerOrganisation::get(),
					"more practitioners than MaxPractitionersPerOrganisation"
				);
			}

			let mut practitioner_deposits: BTreeMap<T::AccountId, BalanceOf<T>> = BTreeMap::new();
			for (who, practitioner) in Practitioners::<T>::iter() {
				ensure!(
					Organisations::<T>::contains_key(practitioner.organisation),
					"practitioner of an unknown organisation"
				);
				ensure!(
					OrganisationPractitioners::<T>::contains_key(practitioner.organisation, &who),
					"practitioner missing from the OrganisationPractitioners index"
				);
				let total = practitioner_deposits.entry(practitioner.depositor).or_default();
				*total = total.saturating_add(practitioner.deposit);
			}
			for (org, who, ()) in OrganisationPractitioners::<T>::iter() {
				ensure!(
					Practitioners::<T>::get(&who).is_some_and(|p| p.organisation == org),
					"OrganisationPractitioners entry without a matching practitioner"
				);
			}
			for (depositor, total) in practitioner_deposits {
				ensure!(
					T::Currency::balance_on_hold(
						&HoldReason::PractitionerDeposit.into(),
						&depositor
					) == total,
					"practitioner deposits held differ from those recorded"
				);
			}
			for (who, record) in SecondFactors::<T>::iter() {
				ensure!(
					T::Currency::balance_on_hold(&HoldReason::SecondFactorDeposit.into(), &who)
						== record.deposit,
					"second-factor deposit held differs from the one recorded"
				);
			}
			Ok(())
		}
	}

	impl<T: Config> iomt_primitives::IdentityProvider<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
		/// Active iff registered at or before `at`, not revoked at or before `at`, `at`
		/// before `valid_until` (if set), and the organisation active *now*.
		fn active_practitioner(
			who: &T::AccountId,
			at: BlockNumberFor<T>,
		) -> Option<PractitionerInfo> {
			let practitioner = Practitioners::<T>::get(who)?;
			if practitioner.registered_at > at
				|| practitioner.revoked_at.is_some_and(|revoked| revoked <= at)
				|| practitioner.valid_until.is_some_and(|until| until <= at)
			{
				return None;
			}
			let organisation = Organisations::<T>::get(practitioner.organisation)?;
			if organisation.status != OrganisationStatus::Active {
				return None;
			}
			Some(PractitionerInfo {
				organisation: practitioner.organisation,
				organisation_kind: organisation.kind,
				role: practitioner.role,
			})
		}

		fn active_organisation(org: OrganisationId) -> Option<OrganisationKind> {
			Organisations::<T>::get(org)
				.filter(|organisation| organisation.status == OrganisationStatus::Active)
				.map(|organisation| organisation.kind)
		}

		fn is_organisation_admin(who: &T::AccountId, org: OrganisationId) -> bool {
			Organisations::<T>::get(org).is_some_and(|organisation| {
				organisation.status == OrganisationStatus::Active
					&& organisation.admins.contains(who)
			})
		}
	}

	impl<T: Config> iomt_primitives::SecondFactor<T::AccountId> for Pallet<T> {
		/// Required if `who` registered a key, or is a non-revoked practitioner of an
		/// organisation that requires a second factor.
		fn is_required(who: &T::AccountId) -> bool {
			SecondFactors::<T>::contains_key(who)
				|| Practitioners::<T>::get(who).is_some_and(|practitioner| {
					practitioner.revoked_at.is_none()
						&& Organisations::<T>::get(practitioner.organisation)
							.is_some_and(|organisation| organisation.requires_second_factor)
				})
		}

		fn verify_and_consume(
			who: &T::AccountId,
			payload: &[u8],
			proof: Option<&SecondFactorProof>,
		) -> DispatchResult {
			let Some(proof) = proof else {
				ensure!(!Self::is_required(who), Error::<T>::SecondFactorRequired);
				return Ok(());
			};
			let record = SecondFactors::<T>::get(who).ok_or(Error::<T>::NoSecondFactorKey)?;
			Self::check_and_consume(who, &record.key, payload, proof)
		}
	}
}
