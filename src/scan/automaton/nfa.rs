//! The compact automaton, for phrase sets whose DFA would not fit the memory budget.

use super::trie::Trie;

/// An NFA: the trie itself, each state with only its children, and failure links followed
/// while a state has no child for a byte. About a sixth of the DFA's memory (some 17 bytes per
/// state and its matches, against four per state and byte class) and 0.6 times as fast: a byte
/// may take a search among a state's children and several failure links.
///
/// The root and its children (states `0..=shallow`, breadth first) have a full row of
/// transitions each, as in the DFA: almost every byte passes through them, and every chain of
/// failure links ends in one. A few kilobytes (at most 257 rows of one `u32` per class).
#[derive(Debug)]
pub(super) struct Nfa {
    trie: Trie,
    /// The transitions of states `0..=shallow`, a row of `trie.stride` each.
    rows: Box<[u32]>,
    /// The last state with a row: the root's children are states `1..=shallow`.
    shallow: usize,
}

impl Nfa {
    pub(super) fn new(trie: Trie) -> Nfa {
        let (stride, shallow) = (trie.stride, trie.children(0).len());
        let mut rows = vec![0; (shallow + 1) * stride];
        for state in 0..=shallow {
            // The root's children fail to the root: their row is the root's, but for their own
            // children.
            if state > 0 {
                rows.copy_within(..stride, state * stride);
            }
            for at in trie.children(state) {
                rows[state * stride + usize::from(trie.child_classes[at])] = trie.child_states[at];
            }
        }
        Nfa { trie, rows: rows.into_boxed_slice(), shallow }
    }

    /// Bytes of memory the NFA holds.
    pub(super) fn memory_usage(&self) -> usize {
        let trie = &self.trie;
        let words = trie.child_ends.len()
            + trie.child_states.len()
            + trie.fail.len()
            + trie.match_ends.len()
            + trie.match_patterns.len()
            + trie.pattern_lens.len()
            + self.rows.len();
        words * std::mem::size_of::<u32>() + trie.child_classes.len() + trie.classes.len()
    }

    /// The state `byte` leads to from `state`.
    #[inline]
    fn next(&self, mut state: usize, byte: u8) -> usize {
        let class = self.trie.classes[usize::from(byte)];
        loop {
            if state <= self.shallow {
                return self.rows[state * self.trie.stride + usize::from(class)] as usize;
            }
            // Most states have one or two children: a linear search beats a binary one.
            let children = self.trie.children(state);
            if let Some(at) = self.trie.child_classes[children.clone()].iter().position(|&c| c == class) {
                return self.trie.child_states[children.start + at] as usize;
            }
            state = self.trie.fail[state] as usize;
        }
    }

    /// [`super::PhraseAutomaton::for_each_match`], for the NFA.
    #[inline]
    pub(super) fn for_each_match(&self, text: &[u8], mut found: impl FnMut(usize, usize, usize)) {
        let mut state = 0;
        for (at, &byte) in text.iter().enumerate() {
            state = self.next(state, byte);
            let matches = self.trie.matches(state);
            if !matches.is_empty() {
                let end = at + 1;
                for &pattern in &self.trie.match_patterns[matches] {
                    found(end - self.trie.pattern_lens[pattern as usize] as usize, end, pattern as usize);
                }
            }
        }
    }
}
