//! The automaton every phrase is compiled into, and the loop that runs it over a folded post.
//!
//! The automaton itself is the `aho-corasick` crate's: a DFA while it fits the memory budget,
//! otherwise its compact contiguous NFA. The search loop is ours. The crate's overlapping
//! search is written for every use (anchored searches, prefilters, resuming where a stream
//! left off) and keeps its position in a state it updates byte by byte and returns from at
//! every match; screening needs none of that, so the loop here is the plain one: one
//! transition per byte and a single test for "something to do" (a match), with the DFA's or
//! the NFA's code inlined into it. It reports the same matches in the same order (by end,
//! then as the automaton lists them), about twice as fast.

use crate::error::{Error, ErrorKind};
use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::{dfa, nfa, Anchored, MatchKind, StartKind};

/// The compiled phrases: a DFA (fast), or a contiguous NFA (compact) when the DFA would not
/// fit the memory budget.
#[derive(Debug)]
pub(super) enum PhraseAutomaton {
    Dfa(dfa::DFA),
    Nfa(nfa::contiguous::NFA),
}

impl PhraseAutomaton {
    /// Builds the DFA while it fits `budget` bytes, otherwise the contiguous NFA.
    /// (Left to itself, the crate picks an NFA above 100 patterns, 2–2.5× slower.)
    pub(super) fn build(patterns: &[String], budget: usize) -> Result<PhraseAutomaton, Error> {
        let failed = |e: aho_corasick::BuildError| {
            Error::new(ErrorKind::LimitExceeded, format!("cannot build the automaton: {e}"))
        };
        // A DFA's size is about states × byte classes × 4 bytes; states ≤ total pattern bytes.
        let estimate: usize = patterns.iter().map(String::len).sum::<usize>() * 4 * 40;
        if estimate <= budget.saturating_mul(4) {
            // No prefilter: the loop never skips ahead (folded posts are mostly the letters
            // phrases start with), and without one the start state is not special.
            let dfa = dfa::Builder::new()
                .match_kind(MatchKind::Standard)
                .start_kind(StartKind::Unanchored)
                .prefilter(false)
                .build(patterns)
                .map_err(failed)?;
            if dfa.memory_usage() <= budget {
                return Ok(PhraseAutomaton::Dfa(dfa));
            }
        }
        let nfa = nfa::contiguous::Builder::new()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns)
            .map_err(failed)?;
        Ok(PhraseAutomaton::Nfa(nfa))
    }

    /// `"dfa"` or `"nfa"`, as [`crate::PackInfo::automaton`] says it.
    pub(super) fn kind(&self) -> &'static str {
        match self {
            PhraseAutomaton::Dfa(_) => "dfa",
            PhraseAutomaton::Nfa(_) => "nfa",
        }
    }

    /// Bytes of memory the automaton holds.
    pub(super) fn memory_usage(&self) -> usize {
        match self {
            PhraseAutomaton::Dfa(dfa) => dfa.memory_usage(),
            PhraseAutomaton::Nfa(nfa) => nfa.memory_usage(),
        }
    }

    /// Calls `found(start, end, pattern)` for every occurrence of every pattern in `text`,
    /// overlapping ones included, in order of their end (then in the automaton's order).
    #[inline]
    pub(super) fn for_each_match(&self, text: &[u8], found: impl FnMut(usize, usize, usize)) {
        match self {
            PhraseAutomaton::Dfa(dfa) => run(dfa, text, found),
            PhraseAutomaton::Nfa(nfa) => run(nfa, text, found),
        }
    }
}

/// The search loop, once per kind of automaton so that its transitions are inlined.
#[inline(always)]
fn run<A: Automaton>(automaton: &A, text: &[u8], mut found: impl FnMut(usize, usize, usize)) {
    let Ok(mut state) = automaton.start_state(Anchored::No) else {
        unreachable!("the automaton is built with an unanchored start state")
    };
    let mut at = 0;
    while let Some((end, match_state)) = to_next_match(automaton, text, at, state) {
        for index in 0..automaton.match_len(match_state) {
            let pattern = automaton.match_pattern(match_state, index);
            found(end - automaton.pattern_len(pattern), end, pattern.as_usize());
        }
        (at, state) = (end, match_state);
    }
}

/// Runs the automaton from `state` over `text` from `from` to the next match state: where the
/// match ends, and the state. `None` at the end of the text.
///
/// The hot loop of screening, one transition per byte, kept apart from the handling of
/// matches so that its few values stay in registers. Built unanchored and without a
/// prefilter, the automaton never enters the dead state and its start state is not special:
/// a special state is a match state.
///
/// Four bytes a round, so that the end of the text is tested once per four transitions.
#[inline(never)]
fn to_next_match<A: Automaton>(
    automaton: &A,
    text: &[u8],
    from: usize,
    mut state: StateID,
) -> Option<(usize, StateID)> {
    // One transition; whether it entered a match state.
    let mut step = |byte: u8| {
        state = automaton.next_state(Anchored::No, state, byte);
        debug_assert!(!automaton.is_special(state) || automaton.is_match(state), "only match states are special");
        automaton.is_special(state)
    };
    let mut rounds = text[from..].chunks_exact(4);
    let mut at = from;
    for round in &mut rounds {
        for (offset, &byte) in round.iter().enumerate() {
            if step(byte) {
                return Some((at + offset + 1, state));
            }
        }
        at += 4;
    }
    let found = rounds.remainder().iter().position(|&byte| step(byte));
    found.map(|offset| (at + offset + 1, state))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scan::DEFAULT_DFA_MEMORY_BUDGET;
    use aho_corasick::AhoCorasick;

    /// Every match the crate's own overlapping search finds, in its order.
    fn crate_matches(patterns: &[String], text: &str) -> Vec<(usize, usize, usize)> {
        let automaton = AhoCorasick::builder().match_kind(MatchKind::Standard).build(patterns).unwrap();
        automaton.find_overlapping_iter(text).map(|m| (m.start(), m.end(), m.pattern().as_usize())).collect()
    }

    fn our_matches(automaton: &PhraseAutomaton, text: &str) -> Vec<(usize, usize, usize)> {
        let mut matches = Vec::new();
        automaton.for_each_match(text.as_bytes(), |start, end, pattern| matches.push((start, end, pattern)));
        matches
    }

    #[test]
    fn finds_what_the_crate_finds_with_either_automaton() {
        let patterns: Vec<String> =
            ["slot", "slot gacor", "gacor", "o", "lo", "bom", "bom bunuh diri", "bunuh", "unuh", "a a"]
                .iter()
                .map(|p| p.to_string())
                .collect();
        let texts = ["", "slot gacor", "xslotx gacorr bom bunuh diri a a a", "oooo", "bunuh bunuh slo"];
        let dfa = PhraseAutomaton::build(&patterns, DEFAULT_DFA_MEMORY_BUDGET).unwrap();
        let nfa = PhraseAutomaton::build(&patterns, 0).unwrap();
        assert_eq!((dfa.kind(), nfa.kind()), ("dfa", "nfa"));
        for text in texts {
            let expected = crate_matches(&patterns, text);
            assert_eq!(our_matches(&dfa, text), expected, "dfa, {text:?}");
            assert_eq!(our_matches(&nfa, text), expected, "nfa, {text:?}");
        }
        assert_eq!(our_matches(&dfa, "slot gacor").len(), 6);
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
            let dfa = PhraseAutomaton::build(&patterns, DEFAULT_DFA_MEMORY_BUDGET).unwrap();
            let nfa = PhraseAutomaton::build(&patterns, 0).unwrap();
            for _ in 0..5 {
                let len = next(40);
                let text = word(&mut next, len);
                let expected = crate_matches(&patterns, &text);
                assert_eq!(our_matches(&dfa, &text), expected, "round {round}, dfa, {patterns:?} in {text:?}");
                assert_eq!(our_matches(&nfa, &text), expected, "round {round}, nfa, {patterns:?} in {text:?}");
            }
        }
    }
}
