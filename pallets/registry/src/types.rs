//! What the registry stores: organisations, practitioners and second-factor keys.

use crate::{BalanceOf, Config};
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use frame_support::{BoundedVec, CloneNoBound, DebugNoBound, EqNoBound, PartialEqNoBound};
use frame_system::pallet_prelude::BlockNumberFor;
use iomt_primitives::{OrganisationKind, PractitionerRole};
use scale_info::TypeInfo;
use sp_core::{ecdsa, ed25519, sr25519};
use sp_runtime::{
	traits::{IdentifyAccount, Verify},
	MultiSignature, MultiSigner,
};

/// Whether an organisation may act. Only the current status is kept: a suspension is
/// not history, it applies to every question asked while it lasts.
#[derive(
	Clone,
	Copy,
	Encode,
	Decode,
	DecodeWithMemTracking,
	Eq,
	PartialEq,
	Debug,
	TypeInfo,
	MaxEncodedLen,
)]
pub enum OrganisationStatus<BlockNumber> {
	/// Admitted and in good standing: its admins act, its practitioners are active.
	Active,
	/// Suspended by governance at block `since`: its admins may not register or update
	/// practitioners and none of its practitioners is active.
	Suspended {
		/// Block in which governance suspended the organisation.
		since: BlockNumber,
	},
}

/// A consortium member as the registry records it.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Organisation<T: Config> {
	/// What kind of member it is (care provider, laboratory, ...).
	pub kind: OrganisationKind,
	/// Public name of the organisation (not personal data).
	pub name: BoundedVec<u8, T::MaxNameLength>,
	/// Accounts that manage the organisation's practitioners; never empty, no repeats.
	pub admins: BoundedVec<T::AccountId, T::MaxAdmins>,
	/// Active or suspended (current state only).
	pub status: OrganisationStatus<BlockNumberFor<T>>,
	/// Whether every (non-revoked) practitioner of this organisation must present a
	/// second factor on sensitive calls.
	pub requires_second_factor: bool,
	/// Block in which governance admitted the organisation (0 for genesis members).
	pub admitted_at: BlockNumberFor<T>,
	/// Number of practitioner records (revoked ones included) the organisation holds;
	/// never above [`Config::MaxPractitionersPerOrganisation`].
	pub practitioner_count: u32,
}

/// A practitioner: an account acting for one organisation in one role.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct Practitioner<T: Config> {
	/// The organisation the practitioner acts for.
	pub organisation: iomt_primitives::OrganisationId,
	/// The practitioner's role within the organisation.
	pub role: PractitionerRole,
	/// First block at which the practitioner is no longer valid; `None` for no end.
	pub valid_until: Option<BlockNumberFor<T>>,
	/// Block in which the practitioner was registered.
	pub registered_at: BlockNumberFor<T>,
	/// Block in which an admin revoked the practitioner; inactive from that block on.
	pub revoked_at: Option<BlockNumberFor<T>>,
	/// The admin who paid the deposit; it is released to this account on removal.
	pub depositor: T::AccountId,
	/// The amount held from `depositor` for this record.
	pub deposit: BalanceOf<T>,
}

/// An account's registered second-factor (MFA) key.
#[derive(
	CloneNoBound, PartialEqNoBound, EqNoBound, DebugNoBound, Encode, Decode, TypeInfo, MaxEncodedLen,
)]
#[scale_info(skip_type_params(T))]
#[codec(mel_bound())]
pub struct SecondFactorRecord<T: Config> {
	/// The public key whose signatures prove the second factor.
	pub key: SecondFactorKey,
	/// Block in which the key was registered (or last replaced).
	pub registered_at: BlockNumberFor<T>,
	/// The amount held from the account for this record.
	pub deposit: BalanceOf<T>,
}

/// A second-factor public key: the sr25519, ed25519 and ecdsa cases of
/// [`sp_runtime::MultiSigner`], with the same SCALE encoding (variant index 0 ed25519,
/// 1 sr25519, 2 ecdsa), so `SCALE(key)` is the same whichever of the two types encodes it.
#[derive(
	Clone, Encode, Decode, DecodeWithMemTracking, Eq, PartialEq, Debug, TypeInfo, MaxEncodedLen,
)]
pub enum SecondFactorKey {
	/// An ed25519 public key.
	#[codec(index = 0)]
	Ed25519(ed25519::Public),
	/// An sr25519 public key.
	#[codec(index = 1)]
	Sr25519(sr25519::Public),
	/// A compressed secp256k1 (ecdsa) public key.
	#[codec(index = 2)]
	Ecdsa(ecdsa::Public),
}

impl SecondFactorKey {
	/// Whether `signature` is this key's signature over `message`: the signature scheme
	/// must match the key's, and the signature must verify (ecdsa signs `blake2_256` of the
	/// message, as `MultiSignature` expects).
	pub fn verify(&self, signature: &MultiSignature, message: &[u8]) -> bool {
		let same_scheme = matches!(
			(self, signature),
			(Self::Ed25519(_), MultiSignature::Ed25519(_))
				| (Self::Sr25519(_), MultiSignature::Sr25519(_))
				| (Self::Ecdsa(_), MultiSignature::Ecdsa(_))
		);
		same_scheme && signature.verify(message, &MultiSigner::from(self.clone()).into_account())
	}
}

impl TryFrom<MultiSigner> for SecondFactorKey {
	type Error = ();
	/// Every `MultiSigner` but the Ethereum-style `Eth` key.
	fn try_from(signer: MultiSigner) -> Result<Self, ()> {
		match signer {
			MultiSigner::Ed25519(k) => Ok(Self::Ed25519(k)),
			MultiSigner::Sr25519(k) => Ok(Self::Sr25519(k)),
			MultiSigner::Ecdsa(k) => Ok(Self::Ecdsa(k)),
			MultiSigner::Eth(_) => Err(()),
		}
	}
}

impl From<SecondFactorKey> for MultiSigner {
	fn from(key: SecondFactorKey) -> Self {
		match key {
			SecondFactorKey::Ed25519(k) => Self::Ed25519(k),
			SecondFactorKey::Sr25519(k) => Self::Sr25519(k),
			SecondFactorKey::Ecdsa(k) => Self::Ecdsa(k),
		}
	}
}

/// [`OrganisationKind`] as written in a chain specification's genesis (the shared type
/// has no serde support). Same variants, converted one to one.
#[derive(Clone, Copy, Eq, PartialEq, Debug, sp_runtime::Serialize, sp_runtime::Deserialize)]
#[serde(crate = "sp_runtime::serde")]
pub enum GenesisOrganisationKind {
	/// Hospital, clinic or practice.
	CareProvider,
	/// Clinical laboratory.
	Laboratory,
	/// Medical device manufacturer.
	Manufacturer,
	/// Device distributor.
	Distributor,
	/// Health authority or auditor.
	Regulator,
}

impl From<GenesisOrganisationKind> for OrganisationKind {
	fn from(kind: GenesisOrganisationKind) -> Self {
		match kind {
			GenesisOrganisationKind::CareProvider => Self::CareProvider,
			GenesisOrganisationKind::Laboratory => Self::Laboratory,
			GenesisOrganisationKind::Manufacturer => Self::Manufacturer,
			GenesisOrganisationKind::Distributor => Self::Distributor,
			GenesisOrganisationKind::Regulator => Self::Regulator,
		}
	}
}

impl From<OrganisationKind> for GenesisOrganisationKind {
	fn from(kind: OrganisationKind) -> Self {
		match kind {
			OrganisationKind::CareProvider => Self::CareProvider,
			OrganisationKind::Laboratory => Self::Laboratory,
			OrganisationKind::Manufacturer => Self::Manufacturer,
			OrganisationKind::Distributor => Self::Distributor,
			OrganisationKind::Regulator => Self::Regulator,
		}
	}
}
