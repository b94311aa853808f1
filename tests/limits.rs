//! Limits on posts and packs: each refusal names its limit and where, raised limits accept,
//! and hostile texts within the limit screen without panics.

use saring::rules::Bundle;
use saring::{ErrorKind, Limits, RulePack, Scope, Screener};

const PACK: &str = include_str!("cases/pack.toml");

fn pack_with_phrase(phrase: &str) -> String {
    format!(
        "[pack]\nname = \"x\"\nversion = \"1.0.0\"\n\n[[rule]]\nid = \"x.a\"\ncategory = \"other\"\n\
         severity = \"warn\"\nany = [\"ok\", \"{phrase}\"]\n"
    )
}

#[test]
fn the_builder_holds_packs_from_anywhere_to_its_limits() {
    // A bundle's packs are parsed under the default limits; the screener's own limits still hold.
    let bundle = Bundle::from_sources("b", "1.0.0", [("long.toml", pack_with_phrase(&"y".repeat(50)).as_str())])
        .expect("within the default limits");
    let strict = Limits { max_phrase_chars: 40, ..Limits::default() };
    let err = Screener::builder().packs(bundle.packs().iter().cloned()).limits(strict).build().unwrap_err();
    assert_eq!(err.kind(), ErrorKind::LimitExceeded);
    assert_eq!(
        (err.file(), err.line(), err.rule(), err.field()),
        (Some("long.toml"), Some(5), Some("x.a"), Some("any[1]"))
    );
    assert!(err.message().contains("the limit is 40 characters (max_phrase_chars)"), "{err}");

    let strict = Limits { max_rules_per_pack: 2, ..Limits::default() };
    let pack = RulePack::from_toml_named("pack.toml", PACK).expect("the case pack parses");
    let err = Screener::builder().pack(pack.clone()).limits(strict).build().unwrap_err();
    assert_eq!((err.kind(), err.file(), err.field()), (ErrorKind::LimitExceeded, Some("pack.toml"), Some("rule")));
    assert!(err.message().contains("(max_rules_per_pack)"), "{err}");

    let strict = Limits { max_pack_bytes: PACK.len() - 1, ..Limits::default() };
    let err = Screener::builder().pack(pack.clone()).limits(strict).build().unwrap_err();
    assert!(err.message().contains(&format!("the pack is {} bytes", PACK.len())), "{err}");
    assert!(Screener::builder().pack(pack).limits(Limits { max_pack_bytes: PACK.len(), ..strict }).build().is_ok());
}

#[test]
fn an_oversized_pack_file_is_refused_before_it_is_read() {
    let path = std::env::temp_dir().join(format!("saring-limits-{}.toml", std::process::id()));
    // Not even TOML: a parse would fail differently, so the size check must come first.
    std::fs::write(&path, vec![b'#'; 2 * 1024 * 1024]).expect("write temp file");
    let err = RulePack::from_toml_file(&path).unwrap_err();
    std::fs::remove_file(&path).ok();
    assert_eq!(err.kind(), ErrorKind::LimitExceeded);
    assert_eq!(err.file(), Some(path.display().to_string().as_str()));
    assert!(err.message().contains("the limit is 1048576 bytes (max_pack_bytes)"), "{err}");
}

#[test]
fn raised_limits_accept_what_the_defaults_refuse() {
    let long = "z".repeat(300);
    let text = pack_with_phrase(&long);
    let err = RulePack::from_toml(&text).unwrap_err();
    assert_eq!((err.kind(), err.line(), err.field()), (ErrorKind::LimitExceeded, Some(9), Some("any[1]")));
    let raised = Limits { max_phrase_chars: 400, ..Limits::default() };
    let pack = RulePack::from_toml_with(&text, None, &raised).expect("within the raised limit");
    let screener = Screener::builder().pack(pack).limits(raised).build().expect("builds");
    assert_eq!(screener.limits().max_phrase_chars, 400);
    let post = format!("before {long} after");
    assert_eq!(screener.screen(&post, Scope::Public).findings().len(), 1);
}

#[test]
fn hostile_texts_within_the_limit_screen_without_panics() {
    let screener = Screener::builder()
        .pack(RulePack::from_toml(PACK).expect("the case pack parses"))
        .max_text_bytes(4 * 1024 * 1024)
        .build()
        .expect("builds");
    let mut confusables = String::new();
    for c in ('\u{0400}'..='\u{04FF}').chain('\u{1D400}'..='\u{1D7FF}').chain('\u{FF01}'..='\u{FF5E}') {
        confusables.push(c);
    }
    let hostile = [
        ("1 MB of zero-width spaces", "\u{200B}".repeat(350_000)),
        ("100,000 combining marks on one letter", format!("s{}", "\u{0301}".repeat(100_000))),
        ("only separators", ". - _ ".repeat(100_000)),
        ("spaced single letters", "s l o t ".repeat(50_000)),
        ("every styled, Cyrillic and fullwidth letter in a row", confusables.repeat(20)),
        ("lone surrogates from JavaScript arrive as U+FFFD", "\u{FFFD}s\u{FFFD}lot".repeat(10_000)),
    ];
    for (what, text) in hostile {
        let screening = screener.try_screen(&text, Scope::Public).unwrap_or_else(|e| panic!("{what}: {e}"));
        for finding in screening.findings() {
            let bytes = finding.bytes();
            assert_eq!(&text[bytes.start..bytes.end], finding.text(), "{what}");
        }
    }
}

#[test]
fn over_the_memory_budget_the_compact_automaton_finds_the_same_and_packs_say_so() {
    let packs = saring::rules::default_packs();
    let fast = Screener::builder().packs(packs.clone()).build().expect("builds");
    let compact = Screener::builder().packs(packs).dfa_memory_budget(1024).build().expect("builds");
    assert!(fast.packs().iter().all(|p| p.automaton == "dfa"));
    assert!(compact.packs().iter().all(|p| p.automaton == "nfa"), "{:?}", compact.packs());
    let posts = [
        "Daftar s l 0 t g4c0r sekarang, maxwin tiap hari!",
        "Polisi menangkap tiga terduga teroris di Solo kemarin.",
        "𝐒𝐋𝐎𝐓 𝐆𝐀𝐂𝐎𝐑 hari ini, depo 10rb wd berapapun",
        "Selamat! Nomor Anda memenangkan undian Rp50 juta, transfer biaya admin dulu",
    ];
    for post in posts {
        let (a, b) = (fast.screen(post, Scope::Public), compact.screen(post, Scope::Public));
        assert_eq!(a.findings(), b.findings(), "{post}");
    }
}

#[test]
fn bundles_parse_their_packs_under_the_limits_given() {
    let text = pack_with_phrase(&"w".repeat(250));
    let sources = [("wide.toml", text.as_str())];
    let err = Bundle::from_sources("b", "1.0.0", sources).unwrap_err();
    assert!(err.message().contains("(max_phrase_chars)"), "{err}");
    let raised = Limits { max_phrase_chars: 300, ..Limits::default() };
    let bundle = Bundle::from_sources_with("b", "1.0.0", sources, &raised).expect("within the raised limit");
    let again = Bundle::from_json_with(&bundle.to_json(), &raised).expect("the JSON loads under the same limits");
    assert_eq!(again.sha256(), bundle.sha256());
    assert!(Bundle::from_json(&bundle.to_json()).is_err(), "and not under the defaults");
}
