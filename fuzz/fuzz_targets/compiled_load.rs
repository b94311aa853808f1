//! Compiled packs (`saring-compiled/2`) as a page receives them. The first byte picks the mode:
//!
//! - even: the rest is the body between the format line and the checksum, sealed with its
//!   SHA-256 here, so that the reader itself is fuzzed (not only the checksum). Reading returns
//!   Ok or Err, never panics; packs that read build a screener or an error, never a panic, and
//!   write out to bytes that read back to the same packs.
//! - odd: the rest is taken as it is, checksum and all: refused unless it is a sealed body.
#![no_main]

use libfuzzer_sys::fuzz_target;
use saring::rules::{CompiledPacks, COMPILED_FORMAT};
use saring::{Scope, Screener};
use sha2::{Digest, Sha256};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else { return };
    let bytes = if mode % 2 == 0 {
        let mut sealed = COMPILED_FORMAT.as_bytes().to_vec();
        sealed.extend_from_slice(rest);
        let checksum = Sha256::digest(&sealed);
        sealed.extend_from_slice(&checksum);
        sealed
    } else {
        rest.to_vec()
    };
    let Ok(packs) = CompiledPacks::from_bytes(&bytes) else { return };
    let again = CompiledPacks::from_bytes(&packs.to_bytes()).expect("written packs read back");
    assert_eq!(again, packs);
    if let Ok(screener) = Screener::builder().packs(packs.packs).build() {
        let _ = screener.screen("slot gacor s3r4ng g3r3ja", Scope::Public);
    }
});
