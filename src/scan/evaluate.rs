//! Turning phrase hits into findings: `any` phrases alone, `all` groups within a word window,
//! and `unless` exceptions near a finding cancelling it.

use super::{Compiled, CompiledRule, Hit, Role};
use crate::normalize::{explain_parts, Folded};
use crate::screening::{Finding, Span};
use std::ops::Range;
use std::sync::Arc;

/// A finding on the folded text, before it is mapped back to the original.
#[derive(Clone, Debug)]
struct Candidate {
    /// The rule's index.
    rule: u32,
    start: u32,
    end: u32,
    first_word: u32,
    last_word: u32,
    /// Indexes into the rule's terms: the first phrase found, then any others. Most findings
    /// are one phrase, so the others are kept apart and cost no allocation when there are none.
    first_term: u32,
    more_terms: Vec<u32>,
    /// The folded ranges of its phrases, the first one's apart (as its terms are): what the
    /// explanation describes, not the words between an `all` rule's phrases.
    first_part: (u32, u32),
    more_parts: Vec<(u32, u32)>,
    /// One of its phrases of several words was found as one word.
    glued: bool,
}

impl Candidate {
    fn from_hit(hit: &Hit) -> Candidate {
        Candidate {
            rule: hit.rule,
            start: hit.start,
            end: hit.end,
            first_word: hit.first_word,
            last_word: hit.last_word,
            first_term: hit.term,
            more_terms: Vec::new(),
            first_part: (hit.start, hit.end),
            more_parts: Vec::new(),
            glued: hit.glued,
        }
    }

    fn absorb(&mut self, hit: &Hit) {
        self.start = self.start.min(hit.start);
        self.end = self.end.max(hit.end);
        self.first_word = self.first_word.min(hit.first_word);
        self.last_word = self.last_word.max(hit.last_word);
        self.glued |= hit.glued;
        if hit.term != self.first_term && !self.more_terms.contains(&hit.term) {
            self.more_terms.push(hit.term);
        }
        let part = (hit.start, hit.end);
        if part != self.first_part && !self.more_parts.contains(&part) {
            self.more_parts.push(part);
        }
    }

    /// The folded ranges of its phrases.
    fn parts(&self) -> impl Iterator<Item = Range<usize>> + '_ {
        std::iter::once(self.first_part).chain(self.more_parts.iter().copied()).map(|(s, e)| s as usize..e as usize)
    }

    /// The phrases found, in the order they were found.
    fn terms(&self) -> impl Iterator<Item = u32> + '_ {
        std::iter::once(self.first_term).chain(self.more_terms.iter().copied())
    }
}

/// The evaluation's buffers, kept from post to post: a screening allocates only what it returns.
#[derive(Debug, Default)]
pub(super) struct Evaluation {
    order: HitOrder,
    /// The candidates of every rule, before they become findings (so those are allocated once,
    /// at their number).
    candidates: Vec<Candidate>,
    /// The candidates' spans in the original text with their index, to put findings in order.
    by_span: Vec<(u32, u32, u32)>,
    /// What [`windows`] works with for one rule.
    windows: Windows,
}

impl Evaluation {
    /// Shrinks the buffers that one exceptional post made large ([`super::Scratch`]).
    pub(super) fn release_excess(&mut self) {
        super::release_excess(&mut self.order.sorted);
        super::release_excess(&mut self.candidates);
        super::release_excess(&mut self.by_span);
    }

    /// The largest room any of the buffers keeps, in items.
    #[cfg(test)]
    pub(super) fn largest_capacity(&self) -> usize {
        self.order.sorted.capacity().max(self.candidates.capacity()).max(self.by_span.capacity())
    }
}

/// [`windows`]' buffers: where each group's hits are, the window starts in text order, and a
/// cursor per group. Kept from rule to rule and post to post: a rule of `all` groups whose
/// phrases are common words (the default packs have many) is looked at in most posts.
#[derive(Debug, Default)]
struct Windows {
    groups: Vec<std::ops::Range<usize>>,
    anchors: Vec<(u32, u32, u32)>,
    cursors: Vec<usize>,
}

/// The findings of all rules, in order of their start in the original text.
pub(super) fn findings(
    compiled: &Compiled,
    text: &str,
    folded: &Folded,
    hits: &mut [Hit],
    evaluation: &mut Evaluation,
) -> Vec<Finding> {
    let Evaluation { order, candidates, by_span, windows: window_buffers } = evaluation;
    order.sort(hits, compiled.rules.len());
    candidates.clear();
    for rule_hits in hits.chunk_by(|a, b| a.rule == b.rule) {
        let rule = &compiled.rules[rule_hits[0].rule as usize];
        let role_end = |role: Role| rule_hits.partition_point(|hit| hit.role <= role);
        let any_end = role_end(Role::Any);
        let groups_end = role_end(Role::Group(u8::MAX));
        let (any, rest) = rule_hits.split_at(any_end);
        let (groups, unless) = rest.split_at(groups_end - any_end);
        let rule_start = candidates.len();
        merge_overlapping(any, candidates);
        if rule.groups > 0 {
            windows(rule, groups, candidates, window_buffers);
        }
        // This rule's candidates that no `unless` phrase cancels, kept in order.
        let mut kept = rule_start;
        for at in rule_start..candidates.len() {
            if !cancelled(rule, &candidates[at], unless) {
                candidates.swap(kept, at);
                kept += 1;
            }
        }
        candidates.truncate(kept);
    }
    // In order of their span in the original text, then of rule (as found): sorted as small
    // keys, so the findings are built in their order and never moved.
    by_span.clear();
    by_span.extend(candidates.iter().enumerate().map(|(index, candidate)| {
        let span = without_trailing_separators(text, folded.origin(candidate.start as usize..candidate.end as usize));
        (span.start as u32, span.end as u32, index as u32)
    }));
    by_span.sort_unstable();
    let mut findings: Vec<Finding> = by_span
        .iter()
        .map(|&(start, end, index)| {
            let candidate = &candidates[index as usize];
            to_finding(&compiled.rules[candidate.rule as usize], text, folded, candidate, start..end)
        })
        .collect();
    set_utf16_spans(text, &mut findings);
    findings
}

/// `span` without the separators at its end: a span reaches to the next folded character, so
/// that what folding removed after its last letter is in it (repeats, marks, invisible
/// characters), but the separator after a phrase found inside spaced letters (`s l o t` of
/// `s l o t g a c o r`) is not part of it.
fn without_trailing_separators(text: &str, span: Range<usize>) -> Range<usize> {
    let kept = text[span.clone()].trim_end_matches(|c: char| c.is_whitespace() || crate::normalize::is_joiner(c));
    if kept.is_empty() {
        return span;
    }
    span.start..span.start + kept.len()
}

/// Gives each finding its span in UTF-16 code units (what JavaScript strings index by), once
/// they are in text order: one walk forward over the text serves them all, where rule order
/// would walk back and forth. Text without non-ASCII counts one unit per byte, and is the
/// common case: the test is one quick pass.
fn set_utf16_spans(text: &str, findings: &mut [Finding]) {
    if text.is_ascii() {
        for finding in findings {
            finding.utf16 = finding.bytes;
        }
        return;
    }
    let mut utf16 = Utf16Cursor::new(text);
    for finding in findings {
        finding.utf16 = Span { start: utf16.units_at(finding.bytes.start), end: utf16.units_at(finding.bytes.end) };
    }
}

/// Puts hits in order of rule, role, start and end, keeping its buffers from post to post.
///
/// Hits arrive in order of their end, the rules' interleaved. A post of nothing but matches has
/// tens of thousands, and sorting them as a whole was a fifth of its screening: so above a few
/// dozen they are first counted out by rule (a counting sort, which keeps their order), then
/// each rule's are sorted by role, start and end, nearly in order already, which a stable sort
/// that finds runs does in about one pass.
#[derive(Debug, Default)]
struct HitOrder {
    sorted: Vec<Hit>,
    starts: Vec<u32>,
}

/// Hits up to which one sort of the whole is quicker than counting them out by rule.
const FEW_HITS: usize = 64;

impl HitOrder {
    fn sort(&mut self, hits: &mut [Hit], rules: usize) {
        // One key and one (stable) sort for both ways: each sort of another key or kind is
        // another few kilobytes of the wasm module.
        if hits.len() <= FEW_HITS {
            hits.sort_by_key(hit_order);
            return;
        }
        // Where each rule's hits start in the sorted order.
        self.starts.clear();
        self.starts.resize(rules + 1, 0);
        for hit in hits.iter() {
            self.starts[hit.rule as usize + 1] += 1;
        }
        for rule in 1..=rules {
            self.starts[rule] += self.starts[rule - 1];
        }
        self.sorted.clear();
        self.sorted.extend_from_slice(hits);
        for hit in self.sorted.iter() {
            let at = &mut self.starts[hit.rule as usize];
            hits[*at as usize] = *hit;
            *at += 1;
        }
        for rule_hits in hits.chunk_by_mut(|a, b| a.rule == b.rule) {
            rule_hits.sort_by_key(hit_order);
        }
    }
}

/// The order [`HitOrder`] puts hits in: by rule, role, start and end.
fn hit_order(hit: &Hit) -> (u32, Role, u32, u32) {
    (hit.rule, hit.role, hit.start, hit.end)
}

/// Overlapping occurrences of a rule's `any` phrases become one candidate, added to
/// `candidates`.
fn merge_overlapping(hits: &[Hit], candidates: &mut Vec<Candidate>) {
    let mut last: Option<Candidate> = None;
    for hit in hits {
        match &mut last {
            Some(last) if hit.start < last.end => last.absorb(hit),
            _ => candidates.extend(last.replace(Candidate::from_hit(hit))),
        }
    }
    candidates.extend(last);
}

/// Word windows holding one phrase of every group, at most `within` words wide, left to right
/// and not overlapping, added to `candidates`. `hits` are sorted by group, then start.
fn windows(rule: &CompiledRule, hits: &[Hit], candidates: &mut Vec<Candidate>, buffers: &mut Windows) {
    let Windows { groups, anchors, cursors } = buffers;
    groups.clear();
    let mut from = 0;
    for group in 0..rule.groups {
        let end = from + hits[from..].partition_point(|hit| hit.role == Role::Group(group));
        if end == from {
            return;
        }
        groups.push(from..end);
        from = end;
    }
    // Every hit of every group, in text order (and group order for equal spans), as a possible
    // window start: sorted as the findings are, so as one more use of that sort's code.
    anchors.clear();
    anchors.extend(hits.iter().enumerate().map(|(index, hit)| (hit.start, hit.end, index as u32)));
    anchors.sort_unstable();
    cursors.clear();
    cursors.resize(groups.len(), 0);
    let mut free_from = 0u32;
    for anchor in anchors.iter().map(|&(_, _, index)| &hits[index as usize]) {
        if anchor.start < free_from {
            continue;
        }
        let mut candidate = Candidate::from_hit(anchor);
        let mut complete = true;
        for (group, range) in groups.iter().enumerate() {
            if anchor.role == Role::Group(group as u8) {
                continue;
            }
            let group_hits = &hits[range.clone()];
            let cursor = &mut cursors[group];
            while *cursor < group_hits.len() && group_hits[*cursor].start < anchor.start {
                *cursor += 1;
            }
            match group_hits.get(*cursor) {
                Some(hit) if hit.last_word + 1 - anchor.first_word <= rule.within => candidate.absorb(hit),
                _ => {
                    complete = false;
                    break;
                }
            }
        }
        if complete {
            free_from = candidate.end;
            candidates.push(candidate);
        }
    }
}

/// Whether an `unless` phrase lies within `unless_within` words of the candidate.
fn cancelled(rule: &CompiledRule, candidate: &Candidate, unless: &[Hit]) -> bool {
    unless.iter().any(|hit| {
        // An `unless_before` phrase counts only where it starts before the finding's last word
        // (or on a one-word finding itself): after the act it is as often part of it ("…,
        // jangan kasih ampun", "…, tolak demokrasi").
        let before_only = hit.term >= rule.unless_before_from;
        if before_only && hit.first_word >= candidate.last_word && hit.first_word != candidate.first_word {
            return false;
        }
        let distance = if hit.last_word < candidate.first_word {
            candidate.first_word - hit.last_word
        } else {
            hit.first_word.saturating_sub(candidate.last_word)
        };
        distance <= rule.unless_within
    })
}

/// The finding of `candidate`, whose span in the original text is `bytes`.
fn to_finding(rule: &CompiledRule, text: &str, folded: &Folded, candidate: &Candidate, bytes: Range<u32>) -> Finding {
    let bytes = bytes.start as usize..bytes.end as usize;
    Finding {
        rule_index: candidate.rule as usize,
        rule: Arc::clone(&rule.id),
        pack: Arc::clone(&rule.pack_name),
        category: rule.category,
        severity: rule.severity,
        text: text[bytes.clone()].to_owned(),
        // Set once the findings are in text order (`set_utf16_spans`).
        utf16: Span { start: 0, end: 0 },
        bytes: Span { start: bytes.start, end: bytes.end },
        terms: candidate.terms().map(|t| Arc::clone(&rule.terms[t as usize])).collect(),
        explain: with_words_run_together(explain_parts(text, folded, candidate.parts()), candidate.glued),
    }
}

/// `explain`, and `words run together` when a phrase of several words was found written as one
/// word (`judionline`, `#slotgacor`, spaced letters joined into one word).
fn with_words_run_together(mut explain: String, glued: bool) -> String {
    if glued {
        if !explain.is_empty() {
            explain.push_str(", ");
        }
        explain.push_str("words run together");
    }
    explain
}

/// Converts byte offsets to UTF-16 offsets, walking from the last position asked for, so
/// findings in text order cost one pass over the text rather than one pass each.
struct Utf16Cursor<'a> {
    text: &'a str,
    byte: usize,
    units: usize,
}

impl<'a> Utf16Cursor<'a> {
    fn new(text: &'a str) -> Utf16Cursor<'a> {
        Utf16Cursor { text, byte: 0, units: 0 }
    }

    /// The UTF-16 offset of byte offset `byte` (a char boundary).
    fn units_at(&mut self, byte: usize) -> usize {
        let bytes = self.text.as_bytes();
        if byte >= self.byte {
            self.units += utf16_len(&bytes[self.byte..byte]);
        } else {
            self.units -= utf16_len(&bytes[byte..self.byte]);
        }
        self.byte = byte;
        self.units
    }
}

/// The UTF-16 length of whole UTF-8 characters, counted byte by byte (a loop the compiler
/// vectorizes, unlike decoding characters): every byte but a continuation byte starts one
/// unit, and a 4-byte lead byte (`0xF0` and up) starts a surrogate pair, so one more. Counted
/// in `u16` over blocks (at most two units a byte: no overflow), which packs twice as many
/// bytes into a vector as `u32` would, and the blocks summed.
fn utf16_len(utf8: &[u8]) -> usize {
    utf8.chunks(BLOCK)
        .map(|block| {
            let units = block.iter().fold(0u16, |sum, &b| sum + u16::from((b & 0xC0) != 0x80) + u16::from(b >= 0xF0));
            usize::from(units)
        })
        .sum()
}

/// Bytes per block of [`utf16_len`]: two units a byte fit a `u16`.
const BLOCK: usize = u16::MAX as usize / 2;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_len_counts_code_units() {
        for text in ["", "abc", "é", "日本", "🔥", "a🔥é日\u{200B}b", "👨\u{200D}👩\u{200D}👧"] {
            assert_eq!(utf16_len(text.as_bytes()), text.encode_utf16().count(), "{text:?}");
        }
        // Longer than a block, of the widest and of the narrowest characters.
        for text in ["🔥".repeat(20_000), "a".repeat(70_000), format!("{}é", "🔥日".repeat(9_000))] {
            assert_eq!(utf16_len(text.as_bytes()), text.encode_utf16().count(), "{} bytes", text.len());
        }
    }

    #[test]
    fn many_hits_are_put_in_the_order_one_sort_gives() {
        use crate::scan::Role;
        let mut random = crate::test_random::Xorshift::new(0x9e37_79b9_7f4a_7c15);
        let mut next = move |below: u32| random.below(u64::from(below)) as u32;
        let mut order = HitOrder::default();
        for count in [0, 1, 10, FEW_HITS, FEW_HITS + 1, 500, 5_000] {
            let rules = 1 + next(30);
            let mut hits: Vec<Hit> = (0..count)
                .map(|i| {
                    let end = i as u32 + 5;
                    let role = match next(4) {
                        0 => Role::Unless,
                        1 => Role::Group(next(3) as u8),
                        _ => Role::Any,
                    };
                    let start = end - 1 - next(5);
                    Hit {
                        rule: next(rules),
                        role,
                        term: next(3),
                        start,
                        end,
                        first_word: 0,
                        last_word: 0,
                        glued: false,
                    }
                })
                .collect();
            let key = |hit: &Hit| (hit.rule, hit.role, hit.start, hit.end);
            let mut expected: Vec<_> = hits.iter().map(key).collect();
            expected.sort();
            order.sort(&mut hits, rules as usize);
            assert_eq!(hits.iter().map(key).collect::<Vec<_>>(), expected, "{count} hits, {rules} rules");
        }
    }

    #[test]
    fn the_cursor_walks_both_ways() {
        let text = "a🔥é日b";
        let mut cursor = Utf16Cursor::new(text);
        for byte in [text.len(), 1, 5, 0, 7, 5] {
            assert_eq!(cursor.units_at(byte), text[..byte].encode_utf16().count(), "{byte}");
        }
    }
}
