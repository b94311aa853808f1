//! Inputs the fuzz targets (`fuzz/`, see `fuzz/README.md`) found, one row each with what broke,
//! kept here so that `cargo test` holds them fixed without nightly or libFuzzer.

use saring::normalize::{NormalizeOptions, Normalizer};

/// Texts whose folding was not idempotent: folding the folded text changed it again. Each row
/// is checked under every option combination.
const NOT_IDEMPOTENT: &[(&str, &str)] = &[
    (
        // The `normalize` target's crash, minimised (the target's first byte, 0x0f, turns every
        // option on): `L-I-l` joined into `iii`, which collapsed into the single letter `i`
        // beside the singles `0` and `t`; folded again, the three singles `i 0 t` joined.
        "L-I-l\u{0}0-T",
        "a spaced-out segment of one letter became a single beside other singles",
    ),
    ("a-a-a b c", "the same, in its simplest form"),
    ("o-0-o b c", "the same, with a leet digit standing for the letter"),
    (
        // The `normalize` target's crash after respelling landed (first byte 0xff: every option
        // on): the letters join into `adj`, whose old spelling `dj` respelled to `aj`, an
        // informal word of the lexicon, which folded again became `saja`.
        "!%\u{f}a-d:! j j,",
        "respelling the old spelling made an informal word, left as it was",
    ),
    ("djg kayax", "the same, and `x` for `-nya` making one (`kayanya`)"),
    ("kch", "`ch` became `kh` after a `k`, and the doubled `k` collapsed only when folded again"),
];

#[test]
fn folding_stays_idempotent_on_what_the_fuzzer_found() {
    for (text, what_broke) in NOT_IDEMPOTENT {
        for options in NormalizeOptions::all_combinations() {
            let normalizer = Normalizer::new(options);
            let once = normalizer.fold(text);
            assert_eq!(normalizer.fold(&once), once, "{text:?} under {options:?}: {what_broke}");
        }
    }
}

#[test]
fn a_segment_of_one_letter_joins_with_its_neighbours() {
    let fold = |text| Normalizer::default().fold(text);
    assert_eq!(fold("L-I-l\u{0}0-T"), "iot");
    assert_eq!(fold("a-a-a b c"), "abc");
    // Alone, or beside words, it still collapses to its letter.
    assert_eq!(fold("a-a-a"), "a");
    assert_eq!(fold("kata a-a-a kata"), "kata a kata");
    // A leading digit is not leet here, so the segment is two characters and stands alone.
    assert_eq!(fold("0-o-o b c"), "0o b c");
}
