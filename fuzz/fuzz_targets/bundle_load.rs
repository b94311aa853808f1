//! The bundle loader and its signature check. The first byte picks the mode:
//!
//! - even: the rest is bundle JSON from the network. Loading returns Ok or Err, never panics;
//!   verifying a loaded bundle against a fixed trusted key and checking it against the default
//!   bundle for rollback never panic, and a loaded bundle's JSON loads back to the same bundle.
//! - odd: the rest describes a bundle (name, version, packs, and a tampering) that is built
//!   with `Bundle::from_sources` and signed with the fixed key. One that builds must load back
//!   from its JSON (if versioned MAJOR.MINOR.PATCH, else be refused) and verify, and not verify against another key; with a byte of its JSON
//!   changed, it must fail to load or to verify unless its signed contents are unchanged.
//!   `compare_versions` is antisymmetric on its versions.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use saring::rules::{compare_versions, default_bundle, Bundle, SecretKey, TrustedKey};
use saring::BundleRef;
use std::sync::OnceLock;

/// The publisher key the target signs with and trusts.
fn key() -> &'static SecretKey {
    static KEY: OnceLock<SecretKey> = OnceLock::new();
    KEY.get_or_init(|| SecretKey::from_seed([7; 32]))
}

fn default() -> &'static BundleRef {
    static DEFAULT: OnceLock<BundleRef> = OnceLock::new();
    DEFAULT.get_or_init(|| BundleRef::from(&default_bundle()))
}

/// A bundle described by the input. Pack texts are small packs around a few arbitrary values,
/// or arbitrary text, so that most of them are valid.
#[derive(Arbitrary, Debug)]
struct Described {
    name: String,
    version: String,
    packs: Vec<(String, PackText)>,
    tamper_at: u16,
    tamper_with: u8,
    other_version: String,
}

#[derive(Arbitrary, Debug)]
enum PackText {
    Simple { name: u8, version: String, phrase: String },
    Raw(String),
}

impl PackText {
    fn toml(&self) -> String {
        match self {
            PackText::Simple { name, version, phrase } => format!(
                "[pack]\nname = \"p{name}\"\nversion = {version:?}\n[[rule]]\nid = \"p.r\"\ncategory = \"spam\"\n\
                 severity = \"warn\"\nany = [{phrase:?}]\n"
            ),
            PackText::Raw(text) => text.clone(),
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    if mode % 2 == 0 {
        load(&String::from_utf8_lossy(rest));
    } else if let Ok(described) = Described::arbitrary(&mut Unstructured::new(rest)) {
        build_sign_and_load(&described);
    }
});

fn load(json: &str) {
    let Ok(bundle) = Bundle::from_json(json) else { return };
    let _ = bundle.verify(&[key().public()]);
    let _ = bundle.check_not_older_than(default());
    let again = Bundle::from_json(&bundle.to_json()).expect("a loaded bundle's JSON loads");
    assert_eq!(again, bundle);
}

fn build_sign_and_load(described: &Described) {
    let versions = [described.version.as_str(), described.other_version.as_str()];
    let ordering = compare_versions(versions[0], versions[1]);
    assert_eq!(ordering.map(|o| o.reverse()), compare_versions(versions[1], versions[0]));
    for version in versions {
        let same = compare_versions(version, version);
        assert!(same.is_none() || same == Some(std::cmp::Ordering::Equal), "{version:?} vs itself: {same:?}");
    }

    let texts: Vec<(String, String)> =
        described.packs.iter().take(4).map(|(file, pack)| (file.clone(), pack.toml())).collect();
    let sources = texts.iter().map(|(file, toml)| (file.as_str(), toml.as_str()));
    let Ok(mut bundle) = Bundle::from_sources(&described.name, &described.version, sources) else { return };
    bundle.sign(key());
    let json = bundle.to_json();
    // Only a bundle versioned MAJOR.MINOR.PATCH travels (the rollback check compares versions).
    if Bundle::check_published_version(&described.version).is_err() {
        assert!(Bundle::from_json(&json).is_err(), "a bundle loads with the version {:?}", described.version);
        return;
    }
    let loaded = Bundle::from_json(&json).expect("a built bundle loads");
    assert_eq!(loaded, bundle);
    loaded.verify(&[key().public()]).expect("a signed bundle verifies");
    let stranger = TrustedKey::from_hex(&SecretKey::from_seed([8; 32]).public_hex()).expect("a key");
    assert!(loaded.verify(&[stranger]).is_err(), "a bundle verifies against a key that did not sign it");
    let _ = loaded.check_not_older_than(default());

    // Tamper with one byte of the JSON.
    let mut bytes = json.into_bytes();
    let at = described.tamper_at as usize % bytes.len();
    if bytes[at] == described.tamper_with {
        return;
    }
    bytes[at] = described.tamper_with;
    let Ok(tampered) = String::from_utf8(bytes) else { return };
    // A change may leave the signed contents as they were (white space, a JSON escape, the case
    // of the signature's hex); otherwise the bundle must not verify.
    if let Ok(tampered) = Bundle::from_json(&tampered) {
        if tampered.verify(&[key().public()]).is_ok() {
            assert_eq!(tampered.sha256(), bundle.sha256(), "a changed bundle verifies");
            assert_eq!((tampered.name(), tampered.version()), (bundle.name(), bundle.version()));
            assert_eq!(tampered.sources(), bundle.sources());
        }
    }
}
