//! Rule bundles: several packs distributed as one JSON file with a name, a version and a
//! SHA-256, so a client knows exactly which rules it runs (and, later, can check a signature).
//!
//! ```json
//! {
//!   "format": "saring-bundle/1",
//!   "name": "saring-default",
//!   "version": "0.1.0",
//!   "sha256": "…",
//!   "packs": [{ "file": "rules/gambling.toml", "sha256": "…", "toml": "[pack]\n…" }]
//! }
//! ```
//!
//! The bundle's `sha256` does not depend on JSON formatting: it is the SHA-256 of
//! `saring-bundle/1\n{name}\n{version}\n` followed by `{file}\n{pack sha256}\n` for each pack,
//! in order. Loading a bundle recomputes every hash and refuses any mismatch.

use super::signature::{self, compare_versions, BundleSignature, SecretKey, TrustedKey};
use super::{sha256_hex, RulePack};
use crate::error::{Error, ErrorKind};
use crate::limits::Limits;
use crate::report::BundleRef;
use serde::{Deserialize, Serialize};

/// The format tag of bundles this version reads and writes.
pub const BUNDLE_FORMAT: &str = "saring-bundle/1";

/// Packs with a name, a version and a content hash.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Bundle {
    name: String,
    version: String,
    sha256: String,
    sources: Vec<PackSource>,
    packs: Vec<RulePack>,
    signature: Option<BundleSignature>,
}

/// One pack of a bundle, as it travels: its file name, hash and TOML text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackSource {
    /// The file the pack was read from, e.g. `rules/gambling.toml`.
    pub file: String,
    /// SHA-256 of `toml`, lower-case hex.
    pub sha256: String,
    /// The pack's TOML text.
    pub toml: String,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BundleFile {
    format: String,
    name: String,
    version: String,
    sha256: String,
    packs: Vec<PackSource>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    signature: Option<BundleSignature>,
}

impl Bundle {
    /// Bundles TOML packs, given as `(file name, TOML text)`; every pack is validated.
    ///
    /// ```
    /// use saring::rules::Bundle;
    /// let bundle = Bundle::from_sources("demo", "1.0.0", saring::rules::default_pack_sources().iter().copied())?;
    /// let json = bundle.to_json();
    /// assert_eq!(Bundle::from_json(&json)?.sha256(), bundle.sha256());
    /// # Ok::<(), saring::Error>(())
    /// ```
    pub fn from_sources<'a>(
        name: &str,
        version: &str,
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Bundle, Error> {
        Bundle::from_sources_with(name, version, sources, &Limits::default())
    }

    /// [`Bundle::from_sources`] with the packs parsed under `limits` instead of the defaults.
    pub fn from_sources_with<'a>(
        name: &str,
        version: &str,
        sources: impl IntoIterator<Item = (&'a str, &'a str)>,
        limits: &Limits,
    ) -> Result<Bundle, Error> {
        let sources = sources
            .into_iter()
            .map(|(file, toml)| PackSource {
                file: file.to_owned(),
                sha256: sha256_hex(toml.as_bytes()),
                toml: toml.to_owned(),
            })
            .collect();
        Bundle::assemble(name.to_owned(), version.to_owned(), sources, limits)
    }

    /// Reads a bundle from its JSON, checking its format and every hash.
    pub fn from_json(json: &str) -> Result<Bundle, Error> {
        Bundle::from_json_with(json, &Limits::default())
    }

    /// [`Bundle::from_json`] with the packs parsed under `limits` instead of the defaults.
    pub fn from_json_with(json: &str, limits: &Limits) -> Result<Bundle, Error> {
        let file: BundleFile =
            serde_json::from_str(json).map_err(|e| invalid(format!("not a rule bundle: {e}")).at_line(e.line()))?;
        let mut bundle = Bundle::from_parts(&file.format, file.name, file.version, &file.sha256, file.packs, limits)?;
        bundle.signature = file.signature;
        Ok(bundle)
    }

    /// Assembles a bundle from its parts as they travel (for bindings that parse JSON
    /// themselves), checking the format and every hash; the packs are parsed under `limits`.
    pub fn from_parts(
        format: &str,
        name: String,
        version: String,
        sha256: &str,
        sources: Vec<PackSource>,
        limits: &Limits,
    ) -> Result<Bundle, Error> {
        if format != BUNDLE_FORMAT {
            return Err(invalid(format!("unknown bundle format `{format}`; this version reads `{BUNDLE_FORMAT}`"))
                .in_field("format"));
        }
        Bundle::check_published_version(&version)?;
        for (i, source) in sources.iter().enumerate() {
            let actual = sha256_hex(source.toml.as_bytes());
            if actual != source.sha256 {
                return Err(invalid(format!(
                    "pack `{}` does not match its sha256 (the bundle says {}, its text hashes to {actual}): the bundle was altered",
                    source.file, source.sha256
                ))
                .in_field(format!("packs[{i}].sha256")));
            }
        }
        let bundle = Bundle::assemble(name, version, sources, limits)?;
        if bundle.sha256 != sha256 {
            return Err(invalid(format!(
                "the bundle's sha256 is {sha256}, but its contents hash to {}: the bundle was altered",
                bundle.sha256
            ))
            .in_field("sha256"));
        }
        Ok(bundle)
    }

    /// One bundle of the packs of several, in order, parsing nothing again: how a client names
    /// the rules it screens with when it mixes its own packs with loaded bundles. The hash is
    /// the one [`Bundle::from_sources`] gives for the same sources.
    pub fn merge(name: &str, version: &str, bundles: impl IntoIterator<Item = Bundle>) -> Result<Bundle, Error> {
        let (mut sources, mut packs) = (Vec::new(), Vec::new());
        for bundle in bundles {
            sources.extend(bundle.sources);
            packs.extend(bundle.packs);
        }
        Bundle::with_packs(name.to_owned(), version.to_owned(), sources, packs)
    }

    fn assemble(name: String, version: String, sources: Vec<PackSource>, limits: &Limits) -> Result<Bundle, Error> {
        let packs = sources
            .iter()
            .map(|source| RulePack::from_toml_with(&source.toml, Some(&source.file), limits))
            .collect::<Result<Vec<_>, _>>()?;
        Bundle::with_packs(name, version, sources, packs)
    }

    /// A bundle of `sources` and the packs parsed from them, with its canonical hash.
    fn with_packs(
        name: String,
        version: String,
        sources: Vec<PackSource>,
        packs: Vec<RulePack>,
    ) -> Result<Bundle, Error> {
        if name.trim().is_empty() {
            return Err(invalid("a bundle needs a name").in_field("name"));
        }
        if version.trim().is_empty() {
            return Err(invalid("a bundle needs a version").in_field("version"));
        }
        let mut canonical = format!("{BUNDLE_FORMAT}\n{name}\n{version}\n");
        for source in &sources {
            canonical.push_str(&format!("{}\n{}\n", source.file, source.sha256));
        }
        Ok(Bundle { sha256: sha256_hex(canonical.as_bytes()), name, version, sources, packs, signature: None })
    }

    /// The bundle as JSON (pretty-printed, stable field order).
    pub fn to_json(&self) -> String {
        let file = BundleFile {
            format: BUNDLE_FORMAT.to_owned(),
            name: self.name.clone(),
            version: self.version.clone(),
            sha256: self.sha256.clone(),
            packs: self.sources.clone(),
            signature: self.signature.clone(),
        };
        serde_json::to_string_pretty(&file).expect("a bundle serializes")
    }

    /// Signs the bundle (its `sha256`) with a publisher's key.
    pub fn sign(&mut self, key: &SecretKey) {
        self.signature = Some(key.sign(&self.sha256));
    }

    /// The signature, if the bundle is signed.
    pub fn signature(&self) -> Option<&BundleSignature> {
        self.signature.as_ref()
    }

    /// Sets the signature that came with the bundle (for bindings that parse JSON themselves).
    pub fn with_signature(mut self, signature: Option<BundleSignature>) -> Bundle {
        self.signature = signature;
        self
    }

    /// Checks that the bundle is signed by one of `trusted` ([`ErrorKind::Untrusted`] if not).
    pub fn verify(&self, trusted: &[TrustedKey]) -> Result<(), Error> {
        signature::verify(&self.sha256, self.signature.as_ref(), trusted)
    }

    /// Refuses a version the rollback check could not compare (`v9.0.0`, `latest`), which would
    /// let a replayed bundle pass it: a bundle that travels is versioned `MAJOR.MINOR.PATCH`.
    pub fn check_published_version(version: &str) -> Result<(), Error> {
        if super::check::is_version(version) {
            return Ok(());
        }
        Err(invalid(format!("a bundle's version is MAJOR.MINOR.PATCH (e.g. 1.4.0), not `{version}`"))
            .in_field("version"))
    }

    /// Refuses a bundle older than the one in use with the same name ([`ErrorKind::Rollback`]):
    /// replaying an old bundle could switch rules back off. Bundles with other names are not
    /// compared (a bundle read from its JSON is versioned `MAJOR.MINOR.PATCH`:
    /// [`Bundle::check_published_version`]).
    pub fn check_not_older_than(&self, in_use: &BundleRef) -> Result<(), Error> {
        if self.name != in_use.name {
            return Ok(());
        }
        match compare_versions(&self.version, &in_use.version) {
            Some(std::cmp::Ordering::Less) => Err(Error::new(
                ErrorKind::Rollback,
                format!(
                    "bundle {} {} is older than {} {}, which is in use: refusing to roll back",
                    self.name, self.version, in_use.name, in_use.version
                ),
            )
            .in_field("version")),
            _ => Ok(()),
        }
    }

    /// The bundle's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The bundle's version.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The bundle's SHA-256, lower-case hex (see the module docs for what it covers).
    pub fn sha256(&self) -> &str {
        &self.sha256
    }

    /// The packs, validated.
    pub fn packs(&self) -> &[RulePack] {
        &self.packs
    }

    /// The packs as they travel.
    pub fn sources(&self) -> &[PackSource] {
        &self.sources
    }
}

fn invalid(message: impl Into<String>) -> Error {
    Error::new(ErrorKind::PackInvalid, message)
}

/// The name of the default bundle.
pub const DEFAULT_BUNDLE_NAME: &str = "saring-default";

/// The default bundle, built from the packs embedded from `rules/`; its version is the
/// crate's.
pub fn default_bundle() -> Bundle {
    Bundle::from_sources(DEFAULT_BUNDLE_NAME, env!("CARGO_PKG_VERSION"), super::default_pack_sources().iter().copied())
        .expect("the embedded default packs are valid: the test suite builds them")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bundle() -> Bundle {
        default_bundle()
    }

    #[test]
    fn a_merged_bundle_hashes_as_one_built_from_all_its_sources() {
        let all = super::super::default_pack_sources();
        let (first, rest) = all.split_at(2);
        let parts = [
            Bundle::from_sources("a", "1.0.0", first.iter().copied()).unwrap(),
            Bundle::from_sources("b", "2.0.0", rest.iter().copied()).unwrap(),
        ];
        let merged = Bundle::merge("custom", "local", parts).unwrap();
        let whole = Bundle::from_sources("custom", "local", all.iter().copied()).unwrap();
        assert_eq!(merged.sha256(), whole.sha256());
        assert_eq!(merged.packs(), whole.packs());
        assert_eq!(merged.sources(), whole.sources());
    }

    /// A version the rollback check cannot compare is refused where bundles travel.
    #[test]
    fn a_bundle_that_travels_is_versioned_major_minor_patch() {
        for version in ["v9.0.0", "latest", "1.2", "01.0.0"] {
            let published = Bundle::from_sources("b", "1.2.0", super::super::default_pack_sources().iter().copied());
            let json =
                published.unwrap().to_json().replace("\"version\": \"1.2.0\"", &format!("\"version\": \"{version}\""));
            let error = Bundle::from_json(&json).unwrap_err();
            assert_eq!((error.kind(), error.field()), (ErrorKind::PackInvalid, Some("version")), "{version}");
        }
        assert!(Bundle::check_published_version("2.0.0-rc.1").is_ok());
    }

    #[test]
    fn round_trips_through_json() {
        let bundle = bundle();
        let again = Bundle::from_json(&bundle.to_json()).unwrap();
        assert_eq!(again, bundle);
        assert_eq!(again.packs().len(), super::super::default_pack_sources().len());
    }

    #[test]
    fn the_hash_covers_name_version_and_every_pack() {
        let base = bundle();
        let renamed =
            Bundle::from_sources("other", base.version(), base.sources().iter().map(|s| (&*s.file, &*s.toml)));
        assert_ne!(renamed.unwrap().sha256(), base.sha256());
        let older = Bundle::from_sources(base.name(), "0.0.1", base.sources().iter().map(|s| (&*s.file, &*s.toml)));
        assert_ne!(older.unwrap().sha256(), base.sha256());
    }

    #[test]
    fn a_tampered_pack_is_refused() {
        let json = bundle().to_json().replacen("slot gacor", "slot gac0r", 1);
        let error = Bundle::from_json(&json).unwrap_err();
        assert_eq!(error.kind(), ErrorKind::PackInvalid);
        assert!(error.message().contains("was altered"), "{error}");
        assert!(error.field().unwrap().starts_with("packs["), "{error}");
    }

    #[test]
    fn a_tampered_bundle_hash_or_version_is_refused() {
        let base = bundle();
        let json =
            base.to_json().replacen(&format!("\"version\": \"{}\"", base.version()), "\"version\": \"9.9.9\"", 1);
        let error = Bundle::from_json(&json).unwrap_err();
        assert_eq!(error.field(), Some("sha256"), "{error}");
    }

    #[test]
    fn malformed_json_names_the_line() {
        let error = Bundle::from_json("{\n\"format\": \"saring-bundle/1\",\n oops\n}").unwrap_err();
        assert_eq!(error.line(), Some(3));
        let error = Bundle::from_json(&bundle().to_json().replace(BUNDLE_FORMAT, "saring-bundle/9")).unwrap_err();
        assert!(error.message().contains("unknown bundle format"), "{error}");
    }
}

#[cfg(test)]
mod signing_tests {
    use super::*;

    fn signed(version: &str, key: &SecretKey) -> Bundle {
        let base = default_bundle();
        let mut bundle =
            Bundle::from_sources(base.name(), version, base.sources().iter().map(|s| (&*s.file, &*s.toml))).unwrap();
        bundle.sign(key);
        bundle
    }

    #[test]
    fn a_signed_bundle_survives_json_and_verifies() {
        let key = SecretKey::from_seed([3; 32]);
        let bundle = Bundle::from_json(&signed("9.0.0", &key).to_json()).unwrap();
        assert!(bundle.verify(&[key.public()]).is_ok());
        let other = SecretKey::from_seed([4; 32]);
        assert_eq!(bundle.verify(&[other.public()]).unwrap_err().kind(), ErrorKind::Untrusted);
    }

    #[test]
    fn a_re_hashed_tampered_bundle_fails_its_signature() {
        let key = SecretKey::from_seed([3; 32]);
        let original = signed("9.0.0", &key);
        // An attacker edits a pack and recomputes every hash, but cannot re-sign.
        let sources: Vec<(String, String)> = original
            .sources()
            .iter()
            .map(|s| (s.file.clone(), s.toml.replacen("[pack]", "[pack]\n# edited", 1)))
            .collect();
        let forged =
            Bundle::from_sources(original.name(), original.version(), sources.iter().map(|(f, t)| (&**f, &**t)))
                .unwrap()
                .with_signature(original.signature().cloned());
        let error = Bundle::from_json(&forged.to_json()).unwrap().verify(&[key.public()]).unwrap_err();
        assert!(error.message().contains("does not verify"), "{error}");
    }

    #[test]
    fn an_older_bundle_of_the_same_name_is_a_rollback() {
        let key = SecretKey::from_seed([3; 32]);
        let in_use = BundleRef::from(&signed("1.2.0", &key));
        assert_eq!(signed("1.1.9", &key).check_not_older_than(&in_use).unwrap_err().kind(), ErrorKind::Rollback);
        assert!(signed("1.2.0", &key).check_not_older_than(&in_use).is_ok());
        assert!(signed("1.10.0", &key).check_not_older_than(&in_use).is_ok());
    }
}
