//! Signed rule bundles: who may change what a client screens for.
//!
//! A bundle's `sha256` already covers its name, version and every pack (see [`super::Bundle`]).
//! The publisher signs that hash with an Ed25519 key; a client loads a bundle only when the
//! signature verifies against one of the public keys it trusts, and only when the bundle is
//! not older than the one it already runs (a replayed old bundle could switch rules back off).
//!
//! Keys travel as one line of lower-case hex: 64 characters for a public key, 64 for a secret
//! key (its seed). The signed message is `saring-bundle/1 signature\n{bundle sha256}`.

use crate::error::{Error, ErrorKind};
use ed25519_dalek::{Signature, Signer, SigningKey, Verifier, VerifyingKey};
use serde::{Deserialize, Serialize};

/// A bundle's signature as it travels in the bundle JSON.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundleSignature {
    /// The signer's public key, hex.
    pub key: String,
    /// The Ed25519 signature of the signed message, hex.
    pub ed25519: String,
}

/// A public key a client trusts to sign bundles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrustedKey(VerifyingKey);

/// A publisher's secret key.
pub struct SecretKey(SigningKey);

impl std::fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SecretKey(public {})", self.public_hex())
    }
}

fn message(sha256: &str) -> Vec<u8> {
    format!("saring-bundle/1 signature\n{sha256}").into_bytes()
}

fn untrusted(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::Untrusted, message)
}

fn hex_bytes<const N: usize>(text: &str, what: &str) -> Result<[u8; N], Error> {
    let text = text.trim();
    let bad = || untrusted(format!("{what} must be {} hex characters", N * 2));
    if text.len() != N * 2 || !text.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    let mut out = [0u8; N];
    for (i, byte) in out.iter_mut().enumerate() {
        *byte = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).map_err(|_| bad())?;
    }
    Ok(out)
}

fn to_hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

impl TrustedKey {
    /// Reads a public key from its hex form.
    pub fn from_hex(text: &str) -> Result<TrustedKey, Error> {
        let bytes = hex_bytes::<32>(text, "a public key")?;
        VerifyingKey::from_bytes(&bytes).map(TrustedKey).map_err(|_| untrusted("not a valid Ed25519 public key"))
    }

    /// The key in hex.
    pub fn to_hex(&self) -> String {
        to_hex(self.0.as_bytes())
    }
}

impl SecretKey {
    /// A secret key from 32 bytes of randomness (its seed).
    pub fn from_seed(seed: [u8; 32]) -> SecretKey {
        SecretKey(SigningKey::from_bytes(&seed))
    }

    /// Reads a secret key from its hex form.
    pub fn from_hex(text: &str) -> Result<SecretKey, Error> {
        hex_bytes::<32>(text, "a secret key").map(SecretKey::from_seed)
    }

    /// The secret key in hex (keep it secret).
    pub fn to_hex(&self) -> String {
        to_hex(self.0.as_bytes())
    }

    /// The matching public key.
    pub fn public(&self) -> TrustedKey {
        TrustedKey(self.0.verifying_key())
    }

    /// The matching public key in hex.
    pub fn public_hex(&self) -> String {
        self.public().to_hex()
    }

    /// Signs a bundle hash.
    pub(crate) fn sign(&self, sha256: &str) -> BundleSignature {
        BundleSignature { key: self.public_hex(), ed25519: to_hex(&self.0.sign(&message(sha256)).to_bytes()) }
    }
}

/// Checks that `signature` signs `sha256` with one of `trusted`.
pub(crate) fn verify(sha256: &str, signature: Option<&BundleSignature>, trusted: &[TrustedKey]) -> Result<(), Error> {
    let Some(signature) = signature else {
        return Err(untrusted("the bundle is not signed; only signed bundles are loaded").in_field("signature"));
    };
    let key = TrustedKey::from_hex(&signature.key).map_err(|e| e.in_field("signature.key"))?;
    if !trusted.contains(&key) {
        return Err(untrusted(format!("the bundle is signed by key {}, which is not a trusted key", signature.key))
            .in_field("signature.key"));
    }
    let bytes = hex_bytes::<64>(&signature.ed25519, "a signature").map_err(|e| e.in_field("signature.ed25519"))?;
    key.0.verify(&message(sha256), &Signature::from_bytes(&bytes)).map_err(|_| {
        untrusted("the bundle's signature does not verify: the bundle was altered after signing")
            .in_field("signature.ed25519")
    })
}

/// Compares two versions `MAJOR.MINOR.PATCH` (a missing part is 0; a pre-release suffix sorts
/// before its release). `None` when either is not such a version.
pub fn compare_versions(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    fn parse(version: &str) -> Option<([u64; 3], bool)> {
        let (core, pre) = match version.split_once('-') {
            Some((core, _)) => (core, true),
            None => (version, false),
        };
        let mut parts = [0u64; 3];
        for (i, part) in core.split('.').enumerate() {
            *parts.get_mut(i)? = part.parse().ok()?;
        }
        Some((parts, pre))
    }
    let (a, a_pre) = parse(a)?;
    let (b, b_pre) = parse(b)?;
    Some(a.cmp(&b).then(b_pre.cmp(&a_pre)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    fn key(byte: u8) -> SecretKey {
        SecretKey::from_seed([byte; 32])
    }

    #[test]
    fn a_signature_verifies_only_for_its_hash_and_a_trusted_key() {
        let signer = key(1);
        let signature = signer.sign("abc");
        assert!(verify("abc", Some(&signature), &[signer.public()]).is_ok());
        let altered = verify("abd", Some(&signature), &[signer.public()]).unwrap_err();
        assert!(altered.message().contains("altered"), "{altered}");
        let unknown = verify("abc", Some(&signature), &[key(2).public()]).unwrap_err();
        assert!(unknown.message().contains("not a trusted key"), "{unknown}");
        let unsigned = verify("abc", None, &[signer.public()]).unwrap_err();
        assert_eq!(unsigned.kind(), ErrorKind::Untrusted);
    }

    #[test]
    fn keys_round_trip_through_hex() {
        let signer = key(7);
        assert_eq!(SecretKey::from_hex(&signer.to_hex()).unwrap().public_hex(), signer.public_hex());
        assert_eq!(TrustedKey::from_hex(&signer.public_hex()).unwrap(), signer.public());
        assert!(TrustedKey::from_hex("xyz").unwrap_err().message().contains("64 hex"));
    }

    #[test]
    fn versions_compare_numerically() {
        assert_eq!(compare_versions("1.10.0", "1.9.3"), Some(Ordering::Greater));
        assert_eq!(compare_versions("1.0", "1.0.0"), Some(Ordering::Equal));
        assert_eq!(compare_versions("1.0.0-rc1", "1.0.0"), Some(Ordering::Less));
        assert_eq!(compare_versions("2024.11.29", "2024.12.1"), Some(Ordering::Less));
        assert_eq!(compare_versions("latest", "1.0.0"), None);
    }
}
