//! The compact automaton, for phrase sets whose DFA would not fit the memory budget.

use super::trie::Trie;

/// An NFA: the trie itself, each state with only its children, and failure links followed
/// while a state has no child for a byte. About a sixth of the DFA's memory (some 17 bytes per
/// state and its matches, against four per state and byte class) and 0.6 times as fast: a byte
/// may take a search among a state's children and several failure links.
#[derive(Debug)]
pub(super) struct Nfa {
    trie: Trie,
    /// The root's transitions, by class, since almost every byte passes through the root.
    root: Box<[u32]>,
}

impl Nfa {
    pub(super) fn new(trie: Trie) -> Nfa {
        let mut root = vec![0; trie.stride];
        for at in trie.children(0) {
            root[usize::from(trie.child_classes[at])] = trie.child_states[at];
        }
        Nfa { trie, root: root.into_boxed_slice() }
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
            + self.root.len();
        words * std::mem::size_of::<u32>() + trie.child_classes.len() + trie.classes.len()
    }

    /// The state `byte` leads to from `state`.
    #[inline]
    fn next(&self, mut state: usize, byte: u8) -> usize {
        let class = self.trie.classes[usize::from(byte)];
        loop {
            if state == 0 {
                return self.root[usize::from(class)] as usize;
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
