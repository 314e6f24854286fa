//! A small `no_std` validator of IPFS CIDv1 strings, the locators of anchored records.
//!
//! Accepted: multibase prefix `b` (RFC 4648 base32, lower case, no padding, zero trailing
//! bits), then the bytes `varint(1)` (CID version), `varint(codec)` with codec one of raw
//! (`0x55`), dag-pb (`0x70`) or dag-cbor (`0x71`), and a multihash `varint(hash code)`,
//! `varint(digest length)`, digest, with nothing after the digest. Varints are unsigned
//! LEB128 of at most 9 bytes, as multiformats specifies.

use alloc::vec::Vec;

/// The multicodec code of raw binary.
pub const CODEC_RAW: u64 = 0x55;
/// The multicodec code of dag-pb (UnixFS files).
pub const CODEC_DAG_PB: u64 = 0x70;
/// The multicodec code of dag-cbor.
pub const CODEC_DAG_CBOR: u64 = 0x71;

/// Why a locator is not an accepted CIDv1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CidError {
	/// The string does not start with the multibase prefix `b`, contains a character that is
	/// not lower-case base32, has an impossible length or non-zero trailing bits.
	NotBase32Lower,
	/// The version is missing, not a valid varint, or not 1.
	NotVersion1,
	/// The content codec is missing, not a valid varint, or not raw, dag-pb or dag-cbor.
	UnsupportedCodec,
	/// The multihash is missing or truncated, or its declared digest length differs from the
	/// bytes that follow.
	MalformedMultihash,
}

/// A parsed CIDv1.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cid {
	/// The content codec.
	pub codec: u64,
	/// The multihash function code.
	pub hash_code: u64,
	/// The digest.
	pub digest: Vec<u8>,
}

/// Decodes RFC 4648 base32 lower case without padding.
fn decode_base32_lower(input: &[u8]) -> Result<Vec<u8>, CidError> {
	let mut out = Vec::with_capacity(input.len().saturating_mul(5) / 8);
	let mut buffer: u32 = 0;
	let mut bits: u32 = 0;
	for c in input {
		let value = match c {
			b'a'..=b'z' => c - b'a',
			b'2'..=b'7' => c - b'2' + 26,
			_ => return Err(CidError::NotBase32Lower),
		};
		buffer = (buffer << 5) | u32::from(value);
		bits += 5;
		if bits >= 8 {
			bits -= 8;
			out.push((buffer >> bits) as u8);
			buffer &= (1u32 << bits) - 1;
		}
	}
	// At most 4 bits may be left over, and they must be zero (canonical encoding).
	if bits >= 5 || buffer != 0 {
		return Err(CidError::NotBase32Lower);
	}
	Ok(out)
}

/// Reads an unsigned LEB128 varint of at most 9 bytes from the front of `bytes`.
fn read_varint(bytes: &[u8]) -> Option<(u64, &[u8])> {
	let mut value: u64 = 0;
	for (i, b) in bytes.iter().enumerate().take(9) {
		value |= u64::from(b & 0x7f) << (7 * i);
		if b & 0x80 == 0 {
			return Some((value, bytes.get(i + 1..)?));
		}
	}
	None
}

/// Parses `locator` as a CIDv1 string with the rules of this module.
pub fn parse_cid_v1(locator: &[u8]) -> Result<Cid, CidError> {
	let (prefix, body) = locator.split_first().ok_or(CidError::NotBase32Lower)?;
	if *prefix != b'b' {
		return Err(CidError::NotBase32Lower);
	}
	let bytes = decode_base32_lower(body)?;
	let (version, rest) = read_varint(&bytes).ok_or(CidError::NotVersion1)?;
	if version != 1 {
		return Err(CidError::NotVersion1);
	}
	let (codec, rest) = read_varint(rest).ok_or(CidError::UnsupportedCodec)?;
	if !matches!(codec, CODEC_RAW | CODEC_DAG_PB | CODEC_DAG_CBOR) {
		return Err(CidError::UnsupportedCodec);
	}
	let (hash_code, rest) = read_varint(rest).ok_or(CidError::MalformedMultihash)?;
	let (length, digest) = read_varint(rest).ok_or(CidError::MalformedMultihash)?;
	if length == 0 || u64::try_from(digest.len()).ok() != Some(length) {
		return Err(CidError::MalformedMultihash);
	}
	Ok(Cid { codec, hash_code, digest: digest.to_vec() })
}

/// RFC 4648 base32 lower case without padding (for tests and benchmarks).
#[cfg(any(test, feature = "runtime-benchmarks"))]
pub fn encode_base32_lower(bytes: &[u8]) -> Vec<u8> {
	const ALPHABET: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";
	let mut out = Vec::new();
	let mut buffer: u32 = 0;
	let mut bits = 0;
	for b in bytes {
		buffer = (buffer << 8) | u32::from(*b);
		bits += 8;
		while bits >= 5 {
			bits -= 5;
			out.push(ALPHABET.get(((buffer >> bits) & 31) as usize).copied().unwrap_or(b'a'));
		}
		buffer &= (1 << bits) - 1;
	}
	if bits > 0 {
		out.push(ALPHABET.get(((buffer << (5 - bits)) & 31) as usize).copied().unwrap_or(b'a'));
	}
	out
}

/// The CIDv1 string of `codec` and a multihash of `hash_code` (both below 128) over
/// `digest` (shorter than 128 bytes), for tests and benchmarks.
#[cfg(any(test, feature = "runtime-benchmarks"))]
pub fn encode_cid_v1(codec: u8, hash_code: u8, digest: &[u8]) -> Vec<u8> {
	let mut bytes = alloc::vec![0x01, codec, hash_code, digest.len() as u8];
	bytes.extend_from_slice(digest);
	let mut out = alloc::vec![b'b'];
	out.extend(encode_base32_lower(&bytes));
	out
}

/// The longest raw-codec CIDv1 string (hash code 0x13, digest of 1 to 127 bytes) that fits
/// in `max_len` bytes, for benchmarks and tests; `None` if none fits.
#[cfg(any(test, feature = "runtime-benchmarks"))]
pub fn longest_cid_v1(max_len: u32) -> Option<Vec<u8>> {
	(1u8..128)
		.rev()
		.map(|d| encode_cid_v1(0x55, 0x13, &alloc::vec![0xCD; d as usize]))
		.find(|c| c.len() as u32 <= max_len)
}

#[cfg(test)]
mod tests {
	use super::*;

	fn cid(bytes: &[u8]) -> Vec<u8> {
		let mut s = alloc::vec![b'b'];
		s.extend(encode_base32_lower(bytes));
		s
	}

	fn sha256_cid_bytes(codec: u8) -> Vec<u8> {
		let mut b = vec![0x01, codec, 0x12, 0x20];
		b.extend([0xAB; 32]);
		b
	}

	#[test]
	fn accepts_the_ipfs_docs_dag_pb_example() {
		let parsed =
			parse_cid_v1(b"bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi").unwrap();
		assert_eq!(parsed.codec, CODEC_DAG_PB);
		assert_eq!(parsed.hash_code, 0x12);
		assert_eq!(parsed.digest.len(), 32);
		assert_eq!(parsed.digest[0], 0xc3);
	}

	#[test]
	fn accepts_raw_dag_pb_and_dag_cbor() {
		for codec in [0x55u8, 0x70, 0x71] {
			let parsed = parse_cid_v1(&cid(&sha256_cid_bytes(codec))).unwrap();
			assert_eq!(parsed.codec, u64::from(codec));
			assert_eq!(parsed.digest, vec![0xAB; 32]);
		}
	}

	#[test]
	fn accepts_a_multi_byte_hash_code_varint() {
		// blake2b-256 is 0xb220: varint a0 e4 02.
		let mut b = vec![0x01, 0x55, 0xa0, 0xe4, 0x02, 0x20];
		b.extend([1u8; 32]);
		assert_eq!(parse_cid_v1(&cid(&b)).unwrap().hash_code, 0xb220);
	}

	#[test]
	fn refuses_other_multibases_and_cid_v0() {
		// base58btc CIDv0 and CIDv1.
		assert_eq!(
			parse_cid_v1(b"QmYwAPJzv5CZsnA625s3Xf2nemtYgPpHdWEz79ojWnPbdG"),
			Err(CidError::NotBase32Lower)
		);
		let mut upper = cid(&sha256_cid_bytes(0x55));
		upper[0] = b'B';
		assert_eq!(parse_cid_v1(&upper), Err(CidError::NotBase32Lower));
		assert_eq!(parse_cid_v1(b""), Err(CidError::NotBase32Lower));
	}

	#[test]
	fn refuses_upper_case_padding_and_non_alphabet_characters() {
		let good = cid(&sha256_cid_bytes(0x55));
		let letter = good.iter().skip(1).position(|c| c.is_ascii_lowercase()).unwrap() + 1;
		let mut upper = good.clone();
		upper[letter] = upper[letter].to_ascii_uppercase();
		assert_eq!(parse_cid_v1(&upper), Err(CidError::NotBase32Lower));
		let mut padded = good.clone();
		padded.push(b'=');
		assert_eq!(parse_cid_v1(&padded), Err(CidError::NotBase32Lower));
		let mut one = good.clone();
		one[3] = b'1';
		assert_eq!(parse_cid_v1(&one), Err(CidError::NotBase32Lower));
	}

	#[test]
	fn refuses_impossible_lengths_and_non_zero_trailing_bits() {
		// 36 bytes encode to 58 characters with 2 trailing bits; one more character leaves 7.
		let mut long = cid(&sha256_cid_bytes(0x55));
		long.push(b'a');
		assert_eq!(parse_cid_v1(&long), Err(CidError::NotBase32Lower));
		// Last character 'z' (25 = 0b11001) sets the two trailing bits.
		let mut trailing = cid(&sha256_cid_bytes(0x55));
		let last = trailing.len() - 1;
		trailing[last] = b'z';
		assert_eq!(parse_cid_v1(&trailing), Err(CidError::NotBase32Lower));
	}

	#[test]
	fn refuses_versions_other_than_one() {
		let mut v0 = sha256_cid_bytes(0x55);
		v0[0] = 0x00;
		assert_eq!(parse_cid_v1(&cid(&v0)), Err(CidError::NotVersion1));
		let mut v2 = sha256_cid_bytes(0x55);
		v2[0] = 0x02;
		assert_eq!(parse_cid_v1(&cid(&v2)), Err(CidError::NotVersion1));
		// An unterminated varint.
		assert_eq!(parse_cid_v1(&cid(&[0x81])), Err(CidError::NotVersion1));
		assert_eq!(parse_cid_v1(b"b"), Err(CidError::NotVersion1));
	}

	#[test]
	fn refuses_unknown_codecs() {
		// dag-json (0x0129) and git-raw (0x78).
		let mut b = vec![0x01, 0xa9, 0x02, 0x12, 0x20];
		b.extend([0u8; 32]);
		assert_eq!(parse_cid_v1(&cid(&b)), Err(CidError::UnsupportedCodec));
		assert_eq!(parse_cid_v1(&cid(&sha256_cid_bytes(0x78))), Err(CidError::UnsupportedCodec));
		assert_eq!(parse_cid_v1(&cid(&[0x01])), Err(CidError::UnsupportedCodec));
	}

	#[test]
	fn refuses_multihash_length_mismatches() {
		let good = sha256_cid_bytes(0x55);
		let short = &good[..good.len() - 1];
		assert_eq!(parse_cid_v1(&cid(short)), Err(CidError::MalformedMultihash));
		let mut long = good.clone();
		long.push(0);
		assert_eq!(parse_cid_v1(&cid(&long)), Err(CidError::MalformedMultihash));
		assert_eq!(parse_cid_v1(&cid(&[0x01, 0x55, 0x12])), Err(CidError::MalformedMultihash));
		assert_eq!(
			parse_cid_v1(&cid(&[0x01, 0x55, 0x12, 0x00])),
			Err(CidError::MalformedMultihash)
		);
	}

	proptest::proptest! {
		#[test]
		fn arbitrary_locators_never_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..120)) {
			let _ = parse_cid_v1(&bytes);
			let mut prefixed = vec![b'b'];
			prefixed.extend(bytes.iter().map(|b| b"abcdefghijklmnopqrstuvwxyz234567"[usize::from(*b) % 32]));
			let _ = parse_cid_v1(&prefixed);
		}

		#[test]
		fn every_encoded_cid_parses_back(
			codec in proptest::sample::select(vec![0x55u8, 0x70, 0x71]),
			hash_code in 0u8..128,
			digest in proptest::collection::vec(proptest::prelude::any::<u8>(), 1..128),
		) {
			let parsed = parse_cid_v1(&encode_cid_v1(codec, hash_code, &digest));
			proptest::prop_assert_eq!(
				parsed,
				Ok(Cid { codec: u64::from(codec), hash_code: u64::from(hash_code), digest })
			);
		}
	}
}
