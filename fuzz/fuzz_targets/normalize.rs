//! The normalizer on arbitrary text, under the option combination named by the first byte.
//!
//! Asserts, for every input:
//!
//! - the offset map: every folded byte comes from a character boundary of the original, in
//!   non-decreasing order; the span of every folded character, of every folded word and of the
//!   whole folded text is non-empty and slices the original on character boundaries;
//! - the folded text's shape: its ASCII is only `a`–`z` (no `l`, which folds into `i`), digits
//!   and single spaces, never at either end;
//! - folding is idempotent, `fold` agrees with `fold_into`, a reused buffer gives the same
//!   result as a fresh one, and the plain-run fast path gives the same text and offset map as
//!   the general path.
#![no_main]

use libfuzzer_sys::fuzz_target;
use saring::normalize::{Folded, NormalizeOptions, Normalizer};

fuzz_target!(|data: &[u8]| {
    let Some((&bits, rest)) = data.split_first() else { return };
    let options = NormalizeOptions {
        leet: bits & 1 != 0,
        look_alikes: bits & 2 != 0,
        repeats: bits & 4 != 0,
        spaced: bits & 8 != 0,
        respelling: bits & 16 != 0,
    };
    let text = String::from_utf8_lossy(rest);
    let normalizer = Normalizer::new(options);

    let mut folded = Folded::default();
    normalizer.fold_into(&text, &mut folded);
    let folded_text = folded.as_str();
    check_offsets(&text, &folded);
    check_shape(folded_text);

    assert_eq!(normalizer.fold(&text), folded_text, "fold and fold_into disagree");
    assert_eq!(normalizer.fold(folded_text), folded_text, "folding is not idempotent");

    // A buffer that held another folding must give the same result as a fresh one.
    let mut reused = Folded::default();
    normalizer.fold_into(&format!("{text} j.i.h.a.d x y z 4 {text}"), &mut reused);
    normalizer.fold_into(&text, &mut reused);
    assert_same(&folded, &reused, "a reused buffer");

    let mut general = Folded::default();
    normalizer.fold_into_without_fast_path(&text, &mut general);
    assert_same(&folded, &general, "the general path");
});

fn check_offsets(text: &str, folded: &Folded) {
    let mut previous = 0;
    for i in 0..folded.len() {
        let origin = folded.origin_of(i);
        assert!(origin < text.len() && text.is_char_boundary(origin), "byte {i} comes from {origin}");
        assert!(origin >= previous, "offsets go back at folded byte {i}");
        previous = origin;
    }
    let slices = |range: std::ops::Range<usize>| {
        let span = folded.origin(range.clone());
        assert!(span.start < span.end && span.end <= text.len(), "{range:?} maps to {span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end), "{range:?} maps to {span:?}");
        assert_eq!(span.start, folded.origin_of(range.start));
        span
    };
    let mut previous_end = 0;
    for (i, c) in folded.as_str().char_indices() {
        let span = slices(i..i + c.len_utf8());
        assert!(span.end >= previous_end, "span ends go back at folded byte {i}");
        previous_end = span.end;
    }
    let mut start = 0;
    for word in folded.as_str().split(' ') {
        if !word.is_empty() {
            slices(start..start + word.len());
        }
        start += word.len() + 1;
    }
    if !folded.is_empty() {
        slices(0..folded.len());
    }
}

fn check_shape(folded: &str) {
    assert!(!folded.starts_with(' ') && !folded.ends_with(' ') && !folded.contains("  "), "{folded:?}");
    let stray = folded.bytes().find(|&b| b.is_ascii() && !matches!(b, b'a'..=b'z' | b'0'..=b'9' | b' ') || b == b'l');
    assert!(stray.is_none(), "stray ASCII {stray:?} in {folded:?}");
}

fn assert_same(expected: &Folded, actual: &Folded, what: &str) {
    assert_eq!(expected.as_str(), actual.as_str(), "{what} folds differently");
    for i in 0..expected.len() {
        assert_eq!(expected.origin_of(i), actual.origin_of(i), "{what} maps folded byte {i} differently");
    }
    if !expected.is_empty() {
        assert_eq!(expected.origin(0..expected.len()), actual.origin(0..actual.len()), "{what}: the end differs");
    }
}
