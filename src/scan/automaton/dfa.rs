//! The fast automaton: a table with every state's transition on every byte class.

use super::trie::{Trie, TrieSize};
use std::ops::Range;

/// A DFA: one table read per byte, and one test per four bytes for "a match to report".
///
/// A state's id is its number times the number of byte classes, and its transition on a byte
/// is `table[id + class]` ([`transition`]). An id of a match state carries [`MATCH`], so "is a
/// match" is one comparison; the flag is stripped again for the next transition.
#[derive(Debug)]
pub(super) struct Dfa {
    /// The class of every byte.
    classes: [u8; 256],
    /// Transitions: the id of the state entered.
    table: Box<[u32]>,
    /// Divides an id by the number of byte classes (the distance between one state's
    /// transitions and the next one's), for its state's number.
    number_of: Reciprocal,
    /// State number `i` matches `match_patterns[match_ends[i]..match_ends[i + 1]]`.
    match_ends: Box<[u32]>,
    match_patterns: Box<[u32]>,
    /// Every pattern's length in bytes, for the start of its match.
    pattern_lens: Box<[u32]>,
    /// The length of the longest pattern: no state stands for more bytes before it.
    longest: usize,
}

/// How many scans of a long text run at once ([`Dfa::for_each_match`]). Measured on the
/// benchmark batch at 10,000 phrases: natively one scan 106 MB/s, two 120, three 127, four
/// 129; from Node two 6–7 % faster than one, three and four no faster than two on the batch
/// and 10 % slower on a 4,096-character post (V8 has fewer registers to give them).
const SCANS: usize = 2;

/// Texts whose parts would be shorter than this are scanned in one piece: the later parts'
/// head start and the bookkeeping would cost more than they save.
const SCANS_FROM: usize = 32;

/// The bit of an id that says it is a match state's. The table has at most 2³¹ entries, so
/// every id is below it.
const MATCH: u32 = 1 << 31;

/// The transition on `byte` from the state whose id (with or without [`MATCH`]) is `state`.
///
/// The table is exactly as long as its states' transitions, so the read is bounds-checked: a
/// comparison and a branch never taken, which wait for nothing, where a mask over a table
/// padded to a power of two (tried first) kept the check out but doubled the memory of some
/// phrase sets and sent them to the slower NFA.
#[inline(always)]
fn transition(table: &[u32], classes: &[u8; 256], state: u32, byte: u8) -> u32 {
    // No carry reaches past the flag: an id and a class together stay below it.
    table[((state + u32::from(classes[usize::from(byte)])) & !MATCH) as usize]
}

impl Dfa {
    /// Bytes of memory the DFA of `trie` would hold ([`Dfa::memory_usage`]); `None` if it
    /// cannot be built: its ids would not fit below [`MATCH`], or its size in bytes would not
    /// fit an allocation (`isize::MAX`, which a 32-bit target such as wasm32 can reach).
    pub(super) fn memory_for(trie: &Trie) -> Option<usize> {
        debug_assert_eq!(trie.match_ends.len(), trie.states() + 1);
        let size = TrieSize { states: trie.states(), stride: trie.stride, patterns: trie.pattern_lens.len() };
        Dfa::memory_of(size, trie.match_patterns.len())
    }

    /// The least memory the DFA of a trie of `size` would hold, known before the trie is
    /// built: [`Dfa::memory_for`] without the matches that failure links add; `None` where it
    /// says `None`.
    pub(super) fn memory_at_least(size: TrieSize) -> Option<usize> {
        Dfa::memory_of(size, 0)
    }

    /// [`Dfa::memory_for`] a trie of `size` whose states list `matches` matches in all.
    fn memory_of(size: TrieSize, matches: usize) -> Option<usize> {
        let len = size.states.checked_mul(size.stride).filter(|&len| len <= MATCH as usize)?;
        // The table, where each state's matches end, the matches, each pattern's length.
        let words = [size.states + 1, matches, size.patterns].into_iter().try_fold(len, usize::checked_add)?;
        // And the class of every byte.
        let bytes = words.checked_mul(std::mem::size_of::<u32>())?.checked_add(256)?;
        Some(bytes).filter(|&bytes| bytes <= isize::MAX as usize)
    }

    /// The DFA of `trie`, which [`Dfa::memory_for`] said can be built.
    pub(super) fn new(trie: Trie) -> Dfa {
        let stride = trie.stride;
        let id = |state: u32| (state * stride as u32) | if trie.matches(state as usize).is_empty() { 0 } else { MATCH };
        let mut table = vec![0u32; trie.states() * stride];
        for state in 0..trie.states() {
            let row = state * stride;
            // A state goes where its failure state goes, but on its children's classes (the
            // root's row starts as all root, which is id 0).
            if state != 0 {
                let fail = trie.fail[state] as usize * stride;
                table.copy_within(fail..fail + stride, row);
            }
            for at in trie.children(state) {
                table[row + usize::from(trie.child_classes[at])] = id(trie.child_states[at]);
            }
        }
        Dfa {
            classes: trie.classes,
            table: table.into_boxed_slice(),
            number_of: Reciprocal::new(stride as u32),
            match_ends: trie.match_ends.into_boxed_slice(),
            match_patterns: trie.match_patterns.into_boxed_slice(),
            longest: trie.pattern_lens.iter().max().map_or(0, |&len| len as usize),
            pattern_lens: trie.pattern_lens.into_boxed_slice(),
        }
    }

    /// Bytes of memory the DFA holds.
    pub(super) fn memory_usage(&self) -> usize {
        let words = self.table.len() + self.match_ends.len() + self.match_patterns.len() + self.pattern_lens.len();
        words * std::mem::size_of::<u32>() + self.classes.len()
    }

    /// [`super::PhraseAutomaton::for_each_match`], for the DFA.
    ///
    /// A DFA's scan waits on memory: each transition needs the state the one before it read
    /// from the table, so one scan runs at the speed of a table read per byte however few
    /// instructions it takes. A text long enough is therefore cut into [`SCANS`] parts scanned
    /// at once, their transitions interleaved, so that the processor reads for all while it
    /// waits. Each part after the first starts at the root and reports only the ends more than
    /// [`Dfa::longest`] bytes after its start: by then it is in the state one scan from the start
    /// would be in (a state stands for at most that many bytes before it). The later parts'
    /// matches wait in `waiting` until the first part's are reported, so the order is one
    /// scan's.
    #[inline]
    pub(super) fn for_each_match(
        &self,
        text: &[u8],
        waiting: &mut Vec<(u32, u32)>,
        mut found: impl FnMut(usize, usize, usize),
    ) {
        // Part `i` starts at `i * part` and reports the ends after `bounds[i]` up to
        // `bounds[i + 1]`; all run `rounds` rounds of four bytes together, the last then alone
        // to the end.
        let part = (text.len().saturating_sub(self.longest + 3) / SCANS) & !3;
        if part < SCANS_FROM {
            return self.scan(text, 0, 0, 0, &mut found);
        }
        let rounds = (part + self.longest).div_ceil(4);
        let bounds: [usize; SCANS + 1] = std::array::from_fn(|i| match i {
            0 => 0,
            SCANS => text.len(),
            i => i * part + self.longest,
        });
        // Whether part `scan` reports a match ending at `end`.
        let reports = |scan: usize, end: usize| end > bounds[scan] && end <= bounds[scan + 1];
        let mut states = [0; SCANS];
        waiting.clear();
        let mut round = 0;
        while let Some((at, entered)) = self.scan_together(text, round..rounds, part, &mut states) {
            round = at + 1;
            for (index, &state) in entered.iter().enumerate().filter(|(_, &state)| state >= MATCH) {
                let (scan, offset) = (index % SCANS, index / SCANS);
                let end = scan * part + 4 * at + offset + 1;
                if reports(scan, end) {
                    if scan == 0 {
                        self.report(end, state, &mut found);
                    } else {
                        // Folded texts are numbered in `u32` (their offset maps are).
                        waiting.push((end as u32, state));
                    }
                }
            }
        }
        // Each part's matches in order (they were found in order, the parts' interleaved).
        for scan in 1..SCANS {
            let own = waiting.iter().map(|&(end, state)| (end as usize, state));
            for (end, state) in own.filter(|&(end, _)| reports(scan, end)) {
                self.report(end, state, &mut found);
            }
        }
        let last = SCANS - 1;
        self.scan(text, last * part + 4 * rounds, states[last], bounds[last], &mut found);
    }

    /// Reports the matches of `state` (an id with [`MATCH`]) ending at `end`.
    #[inline]
    fn report(&self, end: usize, state: u32, found: &mut impl FnMut(usize, usize, usize)) {
        let number = self.number_of.divide(state & !MATCH) as usize;
        let patterns = self.match_ends[number] as usize..self.match_ends[number + 1] as usize;
        for &pattern in &self.match_patterns[patterns] {
            found(end - self.pattern_lens[pattern as usize] as usize, end, pattern as usize);
        }
    }

    /// Scans `text` from `from` in `state`, reporting the matches that end after `after`.
    #[inline]
    fn scan(&self, text: &[u8], from: usize, state: u32, after: usize, found: &mut impl FnMut(usize, usize, usize)) {
        let (mut at, mut state) = (from, state);
        while let Some((end, match_state)) = self.to_next_match(text, at, state) {
            if end > after {
                self.report(end, match_state, found);
            }
            (at, state) = (end, match_state);
        }
    }

    /// Runs [`SCANS`] scans at once over the `rounds` given, four bytes of each scan a round:
    /// scan `i` reads bytes `i * part + 4 * round ..` of `text`, from the state in `states`,
    /// where it is left when the scans stop. Stops after a round in which any scan entered a
    /// match state, and returns the round and the states entered in it (byte by byte, and scan
    /// by scan within a byte); `None` when the rounds are done.
    #[inline(never)]
    fn scan_together(
        &self,
        text: &[u8],
        rounds: Range<usize>,
        part: usize,
        states: &mut [u32; SCANS],
    ) -> Option<(usize, [u32; 4 * SCANS])> {
        let next = |state: u32, byte: u8| transition(&self.table, &self.classes, state, byte);
        let mut parts: [_; SCANS] =
            std::array::from_fn(|i| text[i * part + 4 * rounds.start..i * part + 4 * rounds.end].chunks_exact(4));
        let mut current = *states;
        for at in rounds {
            // Each part's four bytes of the round as an array: no bounds check per byte.
            let bytes: [[u8; 4]; SCANS] = std::array::from_fn(|scan| {
                parts[scan].next().and_then(|chunk| chunk.try_into().ok()).expect("four bytes a round")
            });
            let mut entered = [0; 4 * SCANS];
            for offset in 0..4 {
                for scan in 0..SCANS {
                    current[scan] = next(current[scan], bytes[scan][offset]);
                    entered[offset * SCANS + scan] = current[scan];
                }
            }
            if entered.iter().fold(0, |any, &state| any | state) >= MATCH {
                *states = current;
                return Some((at, entered));
            }
        }
        *states = current;
        None
    }

    /// Runs the DFA from `state` over `text` from `from` to the next match state: where the
    /// match ends, and the state's id. `None` at the end of the text.
    ///
    /// The hot loop of screening, kept apart from the handling of matches so that its few
    /// values stay in registers. Four bytes a round: the end of the text and "a match" are
    /// tested once per four transitions.
    #[inline(never)]
    fn to_next_match(&self, text: &[u8], from: usize, mut state: u32) -> Option<(usize, u32)> {
        let next = |state: u32, byte: u8| transition(&self.table, &self.classes, state, byte);
        let mut rounds = text[from..].chunks_exact(4);
        let mut at = from;
        for round in &mut rounds {
            // The states entered, tested for a match once for all four: a transition out of a
            // match state is the one out of the same state without the flag, so the round can
            // go on past a match.
            let mut entered = [0; 4];
            for (entered, &byte) in entered.iter_mut().zip(round) {
                state = next(state, byte);
                *entered = state;
            }
            if entered.iter().fold(0, |any, &state| any | state) >= MATCH {
                let offset = entered.iter().position(|&state| state >= MATCH).expect("a match state");
                return Some((at + offset + 1, entered[offset]));
            }
            at += 4;
        }
        let found = rounds.remainder().iter().position(|&byte| {
            state = next(state, byte);
            state >= MATCH
        });
        found.map(|offset| (at + offset + 1, state))
    }
}

/// Division by a number fixed in advance, as a multiplication and a shift: a dense post at
/// 10,000 phrases has a match every few bytes, and a division for each match state's number
/// took longer than the multiplication (which callgrind, counting instructions, does not show).
///
/// Granlund and Montgomery's method: with `shift` = 31 + ⌈log₂ d⌉ and `multiplier` =
/// ⌈2^shift / d⌉, `(n × multiplier) >> shift` is `n / d` for every `n` below 2³¹ (the ids,
/// which [`MATCH`] bounds), and the product fits 64 bits.
#[derive(Debug)]
struct Reciprocal {
    multiplier: u64,
    shift: u32,
}

impl Reciprocal {
    fn new(divisor: u32) -> Reciprocal {
        assert!(divisor > 0, "a division by zero");
        let shift = 31 + (u32::BITS - (divisor - 1).leading_zeros());
        Reciprocal { multiplier: (1u64 << shift).div_ceil(u64::from(divisor)), shift }
    }

    #[inline]
    fn divide(&self, n: u32) -> u32 {
        debug_assert!(n < MATCH);
        ((u64::from(n) * self.multiplier) >> self.shift) as u32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reciprocal_divides_exactly() {
        let mut random = crate::test_random::Xorshift::new(0x5eed_d1e5);
        for divisor in 1..=256u32 {
            let reciprocal = Reciprocal::new(divisor);
            let edges = [0, 1, divisor - 1, divisor, divisor + 1, MATCH - 1, MATCH - divisor];
            let samples = (0..2_000).map(|_| random.below(u64::from(MATCH)) as u32);
            for n in edges.into_iter().chain(samples) {
                assert_eq!(reciprocal.divide(n), n / divisor, "{n} / {divisor}");
            }
            // Every id of a table of 2^20 entries.
            for n in (0..1 << 20).step_by(divisor as usize) {
                assert_eq!(reciprocal.divide(n), n / divisor, "{n} / {divisor}");
            }
        }
    }
}
