//! The trie of the phrases and its failure links: what both automata are made from.
//!
//! Aho and Corasick's construction, as textbooks give it: every phrase is a path from the root,
//! and every state fails over to the state of the longest suffix of its path that is also a
//! path. The states are numbered breadth first, so a state's failure state and its parent come
//! before it, and each state's matches are its own phrases, then those of its failure state:
//! the order the `aho-corasick` crate reports them in, which findings were ordered by before
//! this automaton replaced the crate's.

use crate::error::{Error, ErrorKind};
use crate::scan::small_sort::insertion_sort_by;
use std::ops::Range;

/// The phrases as a trie with failure links, states numbered breadth first (the root is 0).
#[derive(Debug)]
pub(super) struct Trie {
    /// The class of every byte ([`byte_classes`]).
    pub(super) classes: [u8; 256],
    /// The number of classes.
    pub(super) stride: usize,
    /// State `i`'s children are at `child_ends[i]..child_ends[i + 1]` of the two lists below, in
    /// order of their class.
    pub(super) child_ends: Vec<u32>,
    pub(super) child_classes: Vec<u8>,
    pub(super) child_states: Vec<u32>,
    /// Each state's failure state (the root's is the root).
    pub(super) fail: Vec<u32>,
    /// State `i` matches `match_patterns[match_ends[i]..match_ends[i + 1]]`.
    pub(super) match_ends: Vec<u32>,
    pub(super) match_patterns: Vec<u32>,
    /// Every pattern's length in bytes, for the start of its match.
    pub(super) pattern_lens: Vec<u32>,
}

impl Trie {
    /// The trie of `patterns`, each known by its index. An empty pattern never matches (phrases
    /// that fold to nothing are refused before they get here).
    pub(super) fn new(patterns: &[String]) -> Result<Trie, Error> {
        let (classes, stride) = byte_classes(patterns);
        let paths = Paths::new(patterns, &classes, stride)?;
        let mut trie = paths.breadth_first(classes, stride);
        trie.fail_over()?;
        trie.pattern_lens = patterns.iter().map(|p| p.len() as u32).collect();
        Ok(trie)
    }

    /// The number of states.
    pub(super) fn states(&self) -> usize {
        self.fail.len()
    }

    /// The range of state `state`'s children in `child_classes` and `child_states`.
    pub(super) fn children(&self, state: usize) -> Range<usize> {
        self.child_ends[state] as usize..self.child_ends[state + 1] as usize
    }

    /// The child of `state` on `class`, if it has one.
    pub(super) fn child(&self, state: usize, class: u8) -> Option<u32> {
        let children = self.children(state);
        let at = self.child_classes[children.clone()].binary_search(&class).ok()?;
        Some(self.child_states[children.start + at])
    }

    /// The range of state `state`'s matches in `match_patterns`.
    pub(super) fn matches(&self, state: usize) -> Range<usize> {
        self.match_ends[state] as usize..self.match_ends[state + 1] as usize
    }

    /// Sets every state's failure state, then its matches: its own patterns, then its failure
    /// state's. Breadth first, a state's failure state is done before the state.
    ///
    /// Phrases inside one another (`a`, `aa`, `aaa`, …) make every state list all those it
    /// ends with, so the lists are counted before they are made: refused if they would not
    /// fit the `u32` offsets, and allocated once at their size.
    fn fail_over(&mut self) -> Result<(), Error> {
        for state in 0..self.states() {
            for at in self.children(state) {
                let (class, child) = (self.child_classes[at], self.child_states[at] as usize);
                self.fail[child] = if state == 0 { 0 } else { self.follow(self.fail[state] as usize, class) };
            }
        }
        // `match_patterns` holds each state's own patterns so far; rebuilt with the inherited.
        let own = std::mem::take(&mut self.match_patterns);
        let own_ends = std::mem::take(&mut self.match_ends);
        let mut ends = Vec::with_capacity(own_ends.len());
        ends.push(0u32);
        for state in 0..self.states() {
            let fail = self.fail[state] as usize;
            let inherited = if state == 0 { 0 } else { ends[fail + 1] - ends[fail] };
            let total = (ends[state].checked_add(own_ends[state + 1] - own_ends[state]))
                .and_then(|total| total.checked_add(inherited))
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::LimitExceeded,
                        "cannot build the automaton: its phrases lie inside one another more than 4 billion times \
                         (each state lists every phrase it ends with)",
                    )
                })?;
            ends.push(total);
        }
        self.match_patterns = Vec::with_capacity(ends[self.states()] as usize);
        self.match_ends = ends;
        for state in 0..self.states() {
            self.match_patterns.extend_from_slice(&own[own_ends[state] as usize..own_ends[state + 1] as usize]);
            if state != 0 {
                let inherited = self.matches(self.fail[state] as usize);
                self.match_patterns.extend_from_within(inherited);
            }
        }
        Ok(())
    }

    /// Where `class` leads from `state` in the finished automaton: its child, or failing
    /// that, where it leads from the state's failure state, down to the root.
    fn follow(&self, mut state: usize, class: u8) -> u32 {
        loop {
            if let Some(child) = self.child(state, class) {
                return child;
            }
            if state == 0 {
                return 0;
            }
            state = self.fail[state] as usize;
        }
    }
}

/// How large the trie of some patterns is: what the memory of a DFA made from it depends on,
/// besides the matches ([`super::dfa::Dfa::memory_at_least`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct TrieSize {
    pub(super) states: usize,
    /// The number of byte classes.
    pub(super) stride: usize,
    pub(super) patterns: usize,
}

/// The size of the trie of `patterns`, found without building it: a state for every distinct
/// prefix (the root's is empty), counted over the patterns in sorted order, where each adds
/// what it does not share with the one before.
pub(super) fn size_of(patterns: &[String]) -> TrieSize {
    let mut sorted: Vec<&[u8]> = patterns.iter().map(String::as_bytes).collect();
    sorted.sort_unstable();
    let mut states = 1;
    let mut previous: &[u8] = &[];
    for pattern in sorted {
        let shared = pattern.iter().zip(previous).take_while(|(a, b)| a == b).count();
        states += pattern.len() - shared;
        previous = pattern;
    }
    TrieSize { states, stride: byte_classes(patterns).1, patterns: patterns.len() }
}

/// The classes of bytes the automaton tells apart, and how many there are. Bytes no pattern
/// contains all lead wherever any other of them leads (back to the root), so they share class
/// 0; every byte some pattern contains has a class of its own.
fn byte_classes(patterns: &[String]) -> ([u8; 256], usize) {
    let mut in_patterns = [false; 256];
    for byte in patterns.iter().flat_map(|p| p.bytes()) {
        in_patterns[usize::from(byte)] = true;
    }
    let mut classes = [0; 256];
    // Class 0 is taken only if some byte is in no pattern.
    let mut next = usize::from(in_patterns.contains(&false));
    for (byte, _) in in_patterns.iter().enumerate().filter(|(_, &used)| used) {
        classes[byte] = next as u8;
        next += 1;
    }
    (classes, next)
}

/// The trie as it is built, pattern by pattern: its nodes numbered as they were made, each
/// with its children in a list of siblings (few nodes have more than a few), the root's in
/// an array by class.
struct Paths {
    root_children: Vec<u32>,
    first_child: Vec<u32>,
    next_sibling: Vec<u32>,
    class: Vec<u8>,
    /// The node each pattern ends at (0 for an empty pattern: no node ends one).
    ends: Vec<u32>,
}

/// In [`Paths`]: no node (the root is no one's child or sibling).
const NONE: u32 = 0;

impl Paths {
    fn new(patterns: &[String], classes: &[u8; 256], stride: usize) -> Result<Paths, Error> {
        let bytes: usize = patterns.iter().map(String::len).sum();
        // Nodes are numbered in `u32`, one per byte at most, and the root.
        if bytes >= u32::MAX as usize {
            return Err(Error::new(
                ErrorKind::LimitExceeded,
                format!("cannot build the automaton: its phrases have {bytes} bytes, more than it can number"),
            ));
        }
        let mut paths = Paths {
            root_children: vec![NONE; stride],
            first_child: vec![NONE],
            next_sibling: vec![NONE],
            class: vec![0],
            ends: Vec::with_capacity(patterns.len()),
        };
        for pattern in patterns {
            let mut node = 0;
            for byte in pattern.bytes() {
                node = paths.child_or_new(node, classes[usize::from(byte)]);
            }
            paths.ends.push(node);
        }
        Ok(paths)
    }

    /// The child of `node` on `class`, made if it is not there yet.
    fn child_or_new(&mut self, node: u32, class: u8) -> u32 {
        let made = self.first_child.len() as u32;
        if node == 0 {
            let child = self.root_children[usize::from(class)];
            if child != NONE {
                return child;
            }
            self.root_children[usize::from(class)] = made;
            self.push(class, NONE);
            return made;
        }
        let mut child = self.first_child[node as usize];
        while child != NONE {
            if self.class[child as usize] == class {
                return child;
            }
            child = self.next_sibling[child as usize];
        }
        self.push(class, self.first_child[node as usize]);
        self.first_child[node as usize] = made;
        made
    }

    fn push(&mut self, class: u8, next_sibling: u32) {
        self.first_child.push(NONE);
        self.next_sibling.push(next_sibling);
        self.class.push(class);
    }

    /// The trie with its nodes numbered breadth first, children in order of class, and each
    /// state's own patterns (in the order they were given) as its matches. Failure links are
    /// not set yet.
    fn breadth_first(self, classes: [u8; 256], stride: usize) -> Trie {
        let nodes = self.first_child.len();
        let mut trie = Trie {
            classes,
            stride,
            child_ends: Vec::with_capacity(nodes + 1),
            child_classes: Vec::with_capacity(nodes),
            child_states: Vec::with_capacity(nodes),
            fail: vec![0; nodes],
            match_ends: Vec::with_capacity(nodes + 1),
            match_patterns: Vec::with_capacity(self.ends.len()),
            pattern_lens: Vec::new(),
        };
        // The nodes in the order they are numbered, and each node's number.
        let mut order = Vec::with_capacity(nodes);
        let mut number = vec![0u32; nodes];
        order.push(0);
        trie.child_ends.push(0);
        let mut children = Vec::new();
        let mut next = 0;
        while let Some(&node) = order.get(next) {
            next += 1;
            children.clear();
            if node == 0 {
                children.extend(self.root_children.iter().copied().filter(|&child| child != NONE));
            } else {
                let mut child = self.first_child[node as usize];
                while child != NONE {
                    children.push(child);
                    child = self.next_sibling[child as usize];
                }
                insertion_sort_by(&mut children, |&a, &b| self.class[a as usize] < self.class[b as usize]);
            }
            for &child in &children {
                number[child as usize] = order.len() as u32;
                order.push(child);
                trie.child_classes.push(self.class[child as usize]);
                trie.child_states.push(number[child as usize]);
            }
            trie.child_ends.push(trie.child_classes.len() as u32);
        }
        // Each state's own patterns, grouped by state in pattern order (a counting sort).
        let mut own = vec![0u32; nodes + 1];
        for &end in self.ends.iter().filter(|&&end| end != 0) {
            own[number[end as usize] as usize + 1] += 1;
        }
        for state in 0..nodes {
            own[state + 1] += own[state];
        }
        trie.match_ends.extend_from_slice(&own);
        trie.match_patterns.resize(own[nodes] as usize, 0);
        for (pattern, &end) in self.ends.iter().enumerate().filter(|(_, &end)| end != 0) {
            let slot = &mut own[number[end as usize] as usize];
            trie.match_patterns[*slot as usize] = pattern as u32;
            *slot += 1;
        }
        trie
    }
}
