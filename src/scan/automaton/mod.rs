//! The automaton every phrase is compiled into, and the loop that runs it over a folded post.
//!
//! Aho–Corasick, our own: the phrases' trie with failure links ([`trie`]), turned into a DFA
//! while that fits the memory budget ([`dfa`]), otherwise kept as a compact NFA ([`nfa`]).
//! Screening needs only one kind of search (every match, overlapping ones included, over a
//! whole folded post), so both are the plain Aho–Corasick loop and nothing else: one table
//! read per byte in the DFA and one test for "a match" per four bytes. They report the matches
//! the `aho-corasick` crate's overlapping search reports, in its order (by end, then the
//! longest phrase first), which the tests check against the crate; an empty pattern, which the
//! crate would match at every position, never matches (phrases that fold to nothing are refused
//! before they get here).
//!
//! Until 2026-11-29 the automaton was the crate's. Measured on 10,000 phrases, ours builds in a
//! third of the time (no NFA and DFA of the crate's in turn), holds less memory (no anchored
//! start states, no byte classes for bytes the phrases lack), scans a long post as two parts at
//! once, and takes the crate's other searches, builders and prefilters out of the WebAssembly
//! module.

mod dfa;
mod nfa;
mod trie;

use crate::error::Error;
use dfa::Dfa;
use nfa::Nfa;
use trie::Trie;

/// The compiled phrases: a DFA (fast), or an NFA (compact) when the DFA would not fit the
/// memory budget.
#[derive(Debug)]
pub(super) struct PhraseAutomaton(Kind);

#[derive(Debug)]
enum Kind {
    Dfa(Dfa),
    Nfa(Nfa),
}

/// Scratch space of a search, kept between texts ([`PhraseAutomaton::for_each_match`]).
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// Matches found ahead of their turn ([`Dfa::for_each_match`]): their end and state.
    waiting: Vec<(u32, u32)>,
}

impl PhraseAutomaton {
    /// Builds the DFA if it fits `budget` bytes, otherwise the NFA.
    pub(super) fn build(patterns: &[String], budget: usize) -> Result<PhraseAutomaton, Error> {
        let trie = Trie::new(patterns)?;
        Ok(PhraseAutomaton(if Dfa::memory_for(&trie).is_some_and(|bytes| bytes <= budget) {
            Kind::Dfa(Dfa::new(trie))
        } else {
            Kind::Nfa(Nfa::new(trie))
        }))
    }

    /// Builds the DFA if it fits `budget` bytes, otherwise nothing. A DFA that would not fit
    /// without its list of matches (the part only the trie knows) is refused before the trie
    /// is built: building it would take memory the fallback needs (WebAssembly's memory grows
    /// and never shrinks).
    pub(super) fn build_dfa(patterns: &[String], budget: usize) -> Result<Option<PhraseAutomaton>, Error> {
        if !Dfa::memory_at_least(trie::size_of(patterns)).is_some_and(|bytes| bytes <= budget) {
            return Ok(None);
        }
        let trie = Trie::new(patterns)?;
        Ok(Dfa::memory_for(&trie)
            .is_some_and(|bytes| bytes <= budget)
            .then(|| PhraseAutomaton(Kind::Dfa(Dfa::new(trie)))))
    }

    /// `"dfa"` or `"nfa"`, as [`crate::PackInfo::automaton`] says it.
    pub(super) fn kind(&self) -> &'static str {
        match self.0 {
            Kind::Dfa(_) => "dfa",
            Kind::Nfa(_) => "nfa",
        }
    }

    /// Bytes of memory the automaton holds.
    pub(super) fn memory_usage(&self) -> usize {
        match &self.0 {
            Kind::Dfa(dfa) => dfa.memory_usage(),
            Kind::Nfa(nfa) => nfa.memory_usage(),
        }
    }

    /// Calls `found(start, end, pattern)` for every occurrence of every pattern in `text`,
    /// overlapping ones included, in order of their end (then in the automaton's order). An
    /// empty pattern never matches.
    /// `scratch` is kept from one text to the next, to reuse its buffer.
    #[inline]
    pub(super) fn for_each_match(&self, text: &[u8], scratch: &mut Scratch, found: impl FnMut(usize, usize, usize)) {
        match &self.0 {
            Kind::Dfa(dfa) => dfa.for_each_match(text, &mut scratch.waiting, found),
            Kind::Nfa(nfa) => nfa.for_each_match(text, found),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::DEFAULT_DFA_MEMORY_BUDGET;
    use aho_corasick::{AhoCorasick, MatchKind};

    /// The trie's size, counted from the sorted patterns, is the size of the trie built.
    #[test]
    fn the_size_of_a_trie_is_known_before_it_is_built() {
        let sets: [&[&str]; 3] = [
            &["siot gacor", "siot", "gacor", "siotgacor", "", "gacor", "\u{e9}t\u{e9}"],
            &[],
            &["a", "ab", "abc", "b", "bc", "c"],
        ];
        for set in sets {
            let patterns: Vec<String> = set.iter().map(|p| p.to_string()).collect();
            let trie = Trie::new(&patterns).unwrap();
            let size = trie::size_of(&patterns);
            assert_eq!(
                (size.states, size.stride, size.patterns),
                (trie.states(), trie.stride, patterns.len()),
                "{set:?}"
            );
            assert!(Dfa::memory_at_least(size) <= Dfa::memory_for(&trie), "{set:?}");
        }
    }

    /// Every match the crate's own overlapping search finds, in its order.
    fn crate_matches(patterns: &[String], text: &str) -> Vec<(usize, usize, usize)> {
        let automaton = AhoCorasick::builder().match_kind(MatchKind::Standard).build(patterns).unwrap();
        automaton.find_overlapping_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect()
    }

    fn our_matches(automaton: &PhraseAutomaton, text: &str) -> Vec<(usize, usize, usize)> {
        let mut matches = Vec::new();
        let mut scratch = Scratch::default();
        automaton
            .for_each_match(text.as_bytes(), &mut scratch, |start, end, pattern| matches.push((start, end, pattern)));
        matches
    }

    /// Builds both automata of `patterns` (the DFA within the default budget, the NFA with
    /// none) and checks that each finds in every text what the crate finds, in its order.
    fn assert_both_find_what_the_crate_finds<'a>(
        patterns: &[String],
        texts: impl IntoIterator<Item = &'a str>,
        context: &str,
    ) {
        let dfa = PhraseAutomaton::build(patterns, DEFAULT_DFA_MEMORY_BUDGET).unwrap();
        let nfa = PhraseAutomaton::build(patterns, 0).unwrap();
        assert_eq!((dfa.kind(), nfa.kind()), ("dfa", "nfa"));
        for text in texts {
            let expected = crate_matches(patterns, text);
            assert_eq!(our_matches(&dfa, text), expected, "{context}, dfa, {patterns:?} in {text:?}");
            assert_eq!(our_matches(&nfa, text), expected, "{context}, nfa, {patterns:?} in {text:?}");
        }
    }

    #[test]
    fn finds_what_the_crate_finds_with_either_automaton() {
        let patterns: Vec<String> =
            ["slot", "slot gacor", "gacor", "o", "lo", "bom", "bom bunuh diri", "bunuh", "unuh", "a a"]
                .iter()
                .map(|p| p.to_string())
                .collect();
        let texts = ["", "slot gacor", "xslotx gacorr bom bunuh diri a a a", "oooo", "bunuh bunuh slo"];
        assert_both_find_what_the_crate_finds(&patterns, texts, "fixed");
        let dfa = PhraseAutomaton::build(&patterns, DEFAULT_DFA_MEMORY_BUDGET).unwrap();
        assert_eq!(our_matches(&dfa, "slot gacor").len(), 6);
    }

    #[test]
    fn finds_what_the_crate_finds_with_many_phrases_and_other_scripts() {
        // Hundreds of phrases, repeats among them, over letters of three scripts and a space:
        // deep failure chains, states with many children, multi-byte characters.
        let mut random = crate::test_random::Xorshift::new(0x9e37_79b9_7f4a_7c15);
        let mut next = move |below: usize| random.below(below as u64) as usize;
        let letters = ['a', 'n', 'g', ' ', 'é', 'ب', 'س', '\u{200d}'];
        let word = |next: &mut dyn FnMut(usize) -> usize, len: usize| -> String {
            (0..len).map(|_| letters[next(letters.len())]).collect()
        };
        for round in 0..20 {
            let count = 50 + next(400);
            let patterns: Vec<String> = (0..count)
                .map(|_| {
                    let len = 1 + next(10);
                    word(&mut next, len)
                })
                .collect();
            let len = next(2_000);
            let text = word(&mut next, len);
            assert_both_find_what_the_crate_finds(&patterns, [text.as_str()], &format!("round {round}"));
        }
    }

    #[test]
    fn matches_across_the_middle_of_a_long_text_are_found_once() {
        // The DFA scans a long text as two halves at once: every match overlapping, ending at
        // or starting from the middle, is found, and only once, at lengths around the middle.
        let mut patterns: Vec<String> = (1..=40).map(|len| "a".repeat(len)).collect();
        patterns.extend(["ab".repeat(15), "b".to_string(), "ba".repeat(7) + "b"]);
        let dfa = PhraseAutomaton::build(&patterns, DEFAULT_DFA_MEMORY_BUDGET).unwrap();
        assert_eq!(dfa.kind(), "dfa");
        let mut random = crate::test_random::Xorshift::new(0x0bad_5eed);
        for len in 0..300 {
            let runs = "a".repeat(len);
            let mixed: String = (0..len).map(|_| if random.below(8) == 0 { 'b' } else { 'a' }).collect();
            let alternating: String = (0..len).map(|at| if at % 2 == 0 { 'a' } else { 'b' }).collect();
            for text in [runs, mixed, alternating] {
                assert_eq!(our_matches(&dfa, &text), crate_matches(&patterns, &text), "{text:?}");
            }
        }
    }

    #[test]
    fn the_dfa_is_built_exactly_while_it_fits_the_budget() {
        let patterns: Vec<String> = ["judi online", "slot gacor", "bom"].iter().map(|p| p.to_string()).collect();
        let dfa = PhraseAutomaton::build(&patterns, DEFAULT_DFA_MEMORY_BUDGET).unwrap();
        let held = dfa.memory_usage();
        assert_eq!(PhraseAutomaton::build(&patterns, held).unwrap().kind(), "dfa");
        let nfa = PhraseAutomaton::build(&patterns, held - 1).unwrap();
        assert_eq!(nfa.kind(), "nfa");
        assert!(nfa.memory_usage() < held, "the fallback is the smaller one: {} ≥ {held}", nfa.memory_usage());
    }

    #[test]
    fn finds_what_the_crate_finds_in_random_texts() {
        // Small alphabets make overlaps, shared prefixes and suffixes of one another common.
        let mut random = crate::test_random::Xorshift::new(0x2545_f491_4f6c_dd1d);
        let mut next = move |below: usize| random.below(below as u64) as usize;
        let word = |next: &mut dyn FnMut(usize) -> usize, len: usize| -> String {
            (0..len).map(|_| b"ab c"[next(4)] as char).collect()
        };
        for round in 0..200 {
            let count = 1 + next(12);
            let patterns: Vec<String> = (0..count)
                .map(|_| {
                    let len = 1 + next(5);
                    word(&mut next, len)
                })
                .collect();
            let texts: Vec<String> = (0..5)
                .map(|_| {
                    let len = next(40);
                    word(&mut next, len)
                })
                .collect();
            assert_both_find_what_the_crate_finds(
                &patterns,
                texts.iter().map(String::as_str),
                &format!("round {round}"),
            );
        }
    }
}
