//! Indonesian informal spelling, folded word by word: the third layer of folding.
//!
//! Indonesians write the same word many ways, and evaders use that freely: `yg` for `yang`,
//! `slmt` for `selamat`, `gak` for `tidak`, the pre-1972 spelling (`boenoeh` for `bunuh`,
//! `djihad`), `x` for the suffix `-nya` (`rekeningx`). Character folding cannot see these: they
//! are other strings. This layer respells each word of plain ASCII letters, after the character
//! and word layers, in four steps:
//!
//! 1. **Informal words** from a lexicon become their formal spelling (`yg` → `yang`,
//!    `gak` → `tidak`, `dapet` → `dapat`): [`data/informal-id.tsv`](data/informal-id.tsv), made
//!    by `tools/gen_lexicon.py` from IndoCollex and louisowen6 (both MIT), which keeps only
//!    mechanical respellings (letters left out, one vowel changed, `ai`/`au` said as one vowel,
//!    negations).
//! 2. **The old spelling** becomes today's: `oe` → `u`, `dj` → `j`, `tj` → `c`, `sj` → `sy`,
//!    `nj` → `ny`, `ch` → `kh`.
//! 3. **`x` for `-nya`** at the end of a word of four letters or more (`rekeningx`). Shorter
//!    words are left alone: `box`, `tax` (which would read `tanya`), `sex`.
//! 4. **The schwa of a first syllable** is dropped where speakers drop it (`selamat` and
//!    `slamat` both become `slamat`; `berani`, `brani`; `keluarga`, `kluarga`): a word of five
//!    letters or more that starts consonant, `e`, consonant, vowel, where the two consonants
//!    make a cluster Indonesian allows (`s` before `k l m n p t`; `b c d g k m p t` before
//!    `l r`). Folding towards the shorter form needs no guess of where an `e` was dropped.
//!
//! Rule phrases fold the same way, so `selamat` in a pack matches `slmt`, `slamat` and
//! `selamat` in a post. The cost is that two words that respell alike are one word to every
//! rule: `does` and `dus`, `menjanjikan` and `menyanyikan`. The lexicon is filtered for that
//! (see the tool), and the digraphs of step 2 are rare outside the old spelling.
//!
//! Only words of ASCII letters are respelled. Letters glued to digits may be a code or a name
//! (`jkt48`, `km88`, `rp50`): they are not looked up in the lexicon, which would change what
//! they are (and the site-name shapes, which count the letters of a name); a pack that means
//! such a code writes it whole (`jkt48`), since its informal part alone (`jkt`) folds to
//! `jakarta`. A word doubled with a lone `2` (`kau2`, `org2`) is no code and is looked up. Steps 2 to 4 do apply to them, run by run between the digits, because the matcher
//! takes letters and digits for two words: `anjing` in a pack (`anying`) matches `anjing2` only
//! if that folds to `anying2`. Letters next to a non-ASCII letter are part of a word of another
//! script. Respelling never makes a word of one letter, which the spaced-letter join of the word
//! layer would treat differently when the folded text is folded again: folding stays idempotent.

use super::{packed_bytes, skeleton, splat, zero_bytes, Folded, HIGHS};
use std::cell::Cell;
use std::ops::Range;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::OnceLock;

/// What respelling changed in one word, for explanations ([`super::explain`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Respelled {
    /// The informal word became its formal spelling (step 1): the lexicon's entry.
    pub informal: Option<u32>,
    /// The old spelling became today's (step 2): the word had `oe`, `dj`, `tj` or `sj`.
    /// (`nj` and `ch` become `ny` and `kh` too, but are no sign of it: `anjing`, `china`.)
    pub old_spelling: bool,
    /// `x` became `-nya` (step 3).
    pub suffix_x: bool,
}

impl Respelled {
    /// Whether a change worth telling a moderator happened. Dropping a schwa is not one: it
    /// is how both spellings fold, not an evasion.
    pub fn noted(self) -> bool {
        self.informal.is_some() || self.old_spelling || self.suffix_x
    }
}

/// A word that respelling changed: its range in the original text and what changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RespelledWord {
    /// The word's byte range in the original text.
    pub original: Range<usize>,
    /// What changed.
    pub what: Respelled,
}

/// One word being respelled, with the original offset of each byte.
#[derive(Clone, Debug, Default)]
pub(super) struct WordBuffer {
    bytes: Vec<u8>,
    starts: Vec<u32>,
}

impl WordBuffer {
    fn set(&mut self, bytes: &[u8], starts: &[u32]) {
        self.bytes.clear();
        self.bytes.extend_from_slice(bytes);
        self.starts.clear();
        self.starts.extend_from_slice(starts);
    }

    /// Appends a byte, dropping it if it repeats the last one (with `collapse`).
    fn push(&mut self, byte: u8, origin: u32, collapse: bool) {
        if collapse && self.bytes.last() == Some(&byte) {
            return;
        }
        self.bytes.push(byte);
        self.starts.push(origin);
    }
}

/// Scratch space of the respelling layer, kept in [`Folded`] to reuse its buffers.
#[derive(Clone, Debug, Default)]
pub(super) struct Scratch {
    /// The word being respelled, and buffers to rewrite it from.
    word: Buffers,
    /// The folded text being rebuilt, once a word has changed.
    text: WordBuffer,
    /// The words that may change: their byte range in the folded text and lexicon entry
    /// (`u32::MAX` for none).
    candidates: Vec<(u32, u32, u32)>,
    respelled: Vec<RespelledWord>,
}

impl Scratch {
    pub(super) fn respelled(&self) -> &[RespelledWord] {
        &self.respelled
    }

    pub(super) fn clear(&mut self) {
        self.respelled.clear();
    }
}

/// Respells every word of `out` (whose offset map already has its final entry). With
/// `collapse`, a letter that a respelling doubles is collapsed, as the word layer does.
///
/// Most words change nothing, so the text is rebuilt only from the first word that changes,
/// into a spare buffer swapped in at the end.
pub(super) fn respell_words(out: &mut Folded, collapse: bool) {
    let len = out.bytes.len();
    out.bytes.extend_from_slice(&[b' '; PADDING]);
    // The text apart from the scratch space, which the rewrites write into.
    let Folded { bytes, starts, respell: scratch, .. } = out;
    scratch.respelled.clear();
    // First the words that may change ([`find_candidates`]); most words change nothing. Then
    // those words, one by one.
    let mut candidates = std::mem::take(&mut scratch.candidates);
    candidates.clear();
    // Words met before that need nothing are turned away at once, before any test.
    UNCHANGED.with(|unchanged| find_candidates(bytes, len, unchanged, &mut candidates));
    let text = Text { bytes, starts };
    // Bytes of `text` before this index are already in `scratch.text` (once a word changed).
    let mut copied = 0;
    for &(start, end, entry) in &candidates {
        let word = start as usize..end as usize;
        match entry {
            DROPS_SCHWA_ONLY => drop_schwa_only(&text, scratch, word, &mut copied, collapse),
            NO_ENTRY => rewrite_old_spelling(&text, scratch, word, &mut copied, collapse),
            // Letters between digits are no code to ask the lexicon about (`jkt48`).
            GLUED_RUN => rewrite_word(&text, scratch, word, None, false, &mut copied, collapse),
            entry => rewrite_informal(&text, scratch, word, entry, &mut copied, collapse),
        }
    }
    scratch.candidates = candidates;
    // The padding stays until here: `drop_schwa_only` reads a word's first eight bytes at once.
    bytes.truncate(len);
    if !scratch.respelled.is_empty() {
        let rebuilt = &mut scratch.text;
        rebuilt.bytes.extend_from_slice(&bytes[copied..]);
        rebuilt.starts.extend_from_slice(&starts[copied..]);
        std::mem::swap(bytes, &mut rebuilt.bytes);
        std::mem::swap(starts, &mut rebuilt.starts);
    }
}

/// The folded text that [`respell_words`] respells, with the original offset of each byte
/// ([`Folded`]'s, borrowed apart from its scratch space).
struct Text<'a> {
    bytes: &'a [u8],
    starts: &'a [u32],
}

/// The words of the first `len` bytes of `padded` that may change, as candidates of
/// [`respell_words`]: by cheap tests on the word's first eight bytes (`head`, little-endian), its
/// last byte and its marks ([`for_each_word`]), once it is not one of the words met before that
/// need nothing (`unchanged`, where those found now are kept).
fn find_candidates(padded: &[u8], len: usize, unchanged: &UnchangedWords, candidates: &mut Vec<(u32, u32, u32)>) {
    let lexicon = lexicon();
    for_each_word(padded, len, unchanged, |word: Range<usize>, head: u64, last: u8, marks: u64| {
        // Not `word.len()`, which tests for an empty range first: a word has two bytes or more.
        let len = word.end - word.start;
        let marked = marks != 0;
        if marked {
            // Letters glued to digits (`anjing2`): the word's runs of letters are candidates if it
            // has three letters or more (a run that may change has). Most such words are numbers.
            let (digits, letters, digraphs) = if len <= 8 {
                // As in `for_each_word`: a digit has bits 7 and 6 clear, a letter bit 6 alone.
                let lanes = u64::MAX >> (64 - 8 * len);
                let digits = !(head | head << 1) & HIGHS & lanes;
                (digits != 0, ((head << 1) & !head & HIGHS & lanes).count_ones(), marks & !digits != 0)
            } else {
                let word = &padded[word.clone()];
                let letters = word.iter().filter(|b| b.is_ascii_lowercase()).count() as u32;
                (word.iter().any(u8::is_ascii_digit), letters, true)
            };
            if digits {
                let pushed = candidates.len();
                if letters >= 3 && len <= 8 {
                    push_short_glued_runs(head, word, digraphs, candidates);
                } else if letters >= 3 {
                    push_glued_runs(padded, word, digraphs, candidates);
                }
                return candidates.len() == pushed;
            }
        }
        let entry = lexicon.entry_of(head, len);
        if entry.is_some() || marked || (len >= 4 && last == b'x') {
            candidates.push((word.start as u32, word.end as u32, entry.unwrap_or(NO_ENTRY)));
        } else if len >= 5 && head_drops_schwa(head) {
            candidates.push((word.start as u32, word.end as u32, DROPS_SCHWA_ONLY));
        } else {
            return true;
        }
        false
    });
}

/// Pushes the runs of letters of `word` (letters glued to digits) that may change as candidates
/// of [`respell_words`]. Each run between digits is respelled on its own, as the matcher sees it
/// (letters and digits are two words to it): so `anjing` in a pack matches `anjing2`, as written.
/// `digraphs`: whether the word may hold a digraph of the old spelling (its marks say when not).
///
/// A word written twice as `kau2`, `org2` (reduplication) is asked of the lexicon too (and again
/// after the other steps: its run takes the way of a word of letters alone), since a lone `2` is
/// no code or site number (those have two digits or more), so a pack's `kau` (read `kamu`)
/// matches `kau2` as it matches `kau`. Other runs are not ([`GLUED_RUN`]).
#[inline(never)]
fn push_glued_runs(padded: &[u8], word: Range<usize>, digraphs: bool, candidates: &mut Vec<(u32, u32, u32)>) {
    let mut start = word.start;
    for run in padded[word.clone()].split(u8::is_ascii_digit) {
        let end = start + run.len();
        let doubled = start == word.start && end + 1 == word.end && padded[end] == b'2';
        let entry = if doubled { lexicon().entry(run) } else { None };
        let may_change = || {
            run.len() >= 3
                && ((run.len() >= 4 && run.last() == Some(&b'x')) || drops_schwa(run) || (digraphs && has_digraph(run)))
        };
        match entry {
            Some(entry) => candidates.push((start as u32, end as u32, entry)),
            None if may_change() => {
                candidates.push((start as u32, end as u32, if doubled { NO_ENTRY } else { GLUED_RUN }))
            }
            None => {}
        }
        start = end + 1;
    }
}

/// [`push_glued_runs`] of a word of eight bytes or less (most are), from its `head`: the runs
/// are found by the digits' lanes, and tested from their key, with no loop over the bytes.
#[inline(never)]
fn push_short_glued_runs(head: u64, word: Range<usize>, digraphs: bool, candidates: &mut Vec<(u32, u32, u32)>) {
    let len = word.end - word.start;
    debug_assert!((2..=8).contains(&len));
    let mut digits = !(head | head << 1) & HIGHS & (u64::MAX >> (64 - 8 * len));
    // Runs as lanes of the head: `from..to`.
    let mut from = 0;
    loop {
        let to = if digits == 0 { len } else { digits.trailing_zeros() as usize / 8 };
        let run_len = to - from;
        if run_len > 0 {
            let key = head >> (8 * from) & (u64::MAX >> (64 - 8 * run_len));
            let lexicon = lexicon();
            let doubled = from == 0 && to + 1 == len && (head >> (8 * to)) as u8 == b'2';
            let entry = if doubled { lexicon.entry_of(key, run_len) } else { None };
            let (start, end) = ((word.start + from) as u32, (word.start + to) as u32);
            let may_change = || {
                let run = &key.to_le_bytes()[..run_len];
                run_len >= 3
                    && ((run_len >= 4 && run[run_len - 1] == b'x')
                        || (run_len >= 5 && head_drops_schwa(key))
                        || (digraphs && has_digraph(run)))
            };
            match entry {
                Some(entry) => candidates.push((start, end, entry)),
                None if may_change() => candidates.push((start, end, if doubled { NO_ENTRY } else { GLUED_RUN })),
                None => {}
            }
        }
        if digits == 0 {
            return;
        }
        digits &= digits - 1;
        from = to + 1;
    }
}

/// In the candidates of [`respell_words`]: no lexicon entry.
const NO_ENTRY: u32 = u32::MAX;
/// In the candidates of [`respell_words`]: a run of letters between digits, not doubled
/// ([`push_glued_runs`]), which the lexicon is not asked about.
const GLUED_RUN: u32 = u32::MAX - 1;
/// In the candidates of [`respell_words`]: a word that only step 4 changes ([`drop_schwa_only`]),
/// with no lexicon entry, digit or digraph, and no `x` at the end of four letters or more.
const DROPS_SCHWA_ONLY: u32 = u32::MAX - 2;

/// Respells `word` of `out` if it changes, writing the text up to its end into `scratch.text`
/// (from `copied` on). Without `informal`, the lexicon is not asked ([`respell_word`]).
fn rewrite_word(
    out: &Text<'_>,
    scratch: &mut Scratch,
    word: Range<usize>,
    entry: Option<u32>,
    informal: bool,
    copied: &mut usize,
    collapse: bool,
) {
    let (bytes, starts) = (&out.bytes[word.clone()], &out.starts[word.clone()]);
    let Some(what) = respell_word(bytes, starts, entry, informal, &mut scratch.word, collapse) else {
        return;
    };
    copy_text(out, scratch, copied, word.start);
    scratch.text.bytes.extend_from_slice(&scratch.word.word.bytes);
    scratch.text.starts.extend_from_slice(&scratch.word.word.starts);
    *copied = word.end;
    note_respelled(out, scratch, word, what);
}

/// [`rewrite_word`] of a word of the lexicon (not glued to digits): its respelling is the same
/// wherever it is met, so it is made once per entry ([`Lexicon::respelling`]) and only written
/// here, with the offsets of the letters it comes from. Out of line, as [`drop_schwa_only`]: the
/// loop over the candidates stays as small as it was.
#[inline(never)]
fn rewrite_informal(
    out: &Text<'_>,
    scratch: &mut Scratch,
    word: Range<usize>,
    entry: u32,
    copied: &mut usize,
    collapse: bool,
) {
    let Some(respelling) = lexicon().respelling(entry, collapse) else { return };
    if respelling.informal_len != word.len() {
        // Never in folded text (its head would need a zero byte): the long way, to be sure.
        return rewrite_word(out, scratch, word, Some(entry), true, copied, collapse);
    }
    copy_text(out, scratch, copied, word.start);
    let text = &mut scratch.text;
    text.bytes.extend_from_slice(&respelling.bytes);
    let starts = &out.starts[word.clone()];
    text.starts.extend(respelling.from.iter().map(|&from| starts[usize::from(from)]));
    *copied = word.end;
    note_respelled(out, scratch, word, respelling.what);
}

/// [`rewrite_word`] of a word of no lexicon entry, most often one with a digraph of the old
/// spelling. Most of those are today's `nj` and `ch` (`anjing`, `china`) or `sj`, which change
/// one letter each, in place, with no other step to take ([`modernise_in_place`]): those are
/// written here, with the offsets they have. The others take the long way.
#[inline(never)]
fn rewrite_old_spelling(out: &Text<'_>, scratch: &mut Scratch, word: Range<usize>, copied: &mut usize, collapse: bool) {
    let respelled = &mut scratch.word.word.bytes;
    let Some(old_spelling) = modernise_in_place(&out.bytes[word.clone()], respelled, collapse) else {
        return rewrite_word(out, scratch, word, None, true, copied, collapse);
    };
    copy_text(out, scratch, copied, word.start);
    scratch.text.bytes.extend_from_slice(&scratch.word.word.bytes);
    scratch.text.starts.extend_from_slice(&out.starts[word.clone()]);
    *copied = word.end;
    note_respelled(out, scratch, word, Respelled { old_spelling, ..Respelled::default() });
}

/// What [`respell_word`] makes of `word` (no lexicon entry) into `respelled`, if its only
/// digraphs are `nj`, `sj` and `ch` and nothing else changes: each is one letter rewritten in
/// place (`ny`, `sy`, `kh`), every letter keeps its offset, and it is the whole respelling. Then
/// returns whether the word was in the old spelling (it had `sj`). `None` if anything more may
/// happen: another digraph (`oe dj tj`, which make one letter of two and may make a digraph
/// again), `x` at the end, a letter doubled (with `collapse`), a schwa to drop, a lexicon word
/// made, a word of two letters, or no change.
fn modernise_in_place(word: &[u8], respelled: &mut Vec<u8>, collapse: bool) -> Option<bool> {
    if word.len() < 3 || word.last() == Some(&b'x') || !word.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    respelled.clear();
    respelled.extend_from_slice(word);
    let mut old = false;
    for (at, pair) in word.windows(2).enumerate() {
        match pair {
            [b'o', b'e'] | [b'd' | b't', b'j'] => return None,
            [b's', b'j'] => (old, respelled[at + 1]) = (true, b'y'),
            [b'n', b'j'] => respelled[at + 1] = b'y',
            [b'c', b'h'] => respelled[at] = b'k',
            _ => {}
        }
    }
    let doubled = collapse && respelled.windows(2).any(|pair| pair[0] == pair[1]);
    if respelled == word || doubled || drops_schwa(respelled) || lexicon().entry(respelled).is_some() {
        return None;
    }
    Some(old)
}

/// [`rewrite_word`] of a word that only drops its schwa (step 4), most of those that change: its
/// `e` is left out of the rebuilt text, and the rest of the word is copied with the text after
/// it. A word it makes that is informal (`slamat`) is respelled again by [`respell_word`],
/// unless it is its own respelling. `out` is still padded ([`PADDING`]): the word's first eight
/// bytes are read at once, as [`for_each_word`] read them.
#[inline(never)]
fn drop_schwa_only(out: &Text<'_>, scratch: &mut Scratch, word: Range<usize>, copied: &mut usize, collapse: bool) {
    let (head, len) = (load(out.bytes, word.start), word.len());
    // The word has no digit (it is not marked): a byte that is no lower case letter is non-ASCII.
    let within = u64::MAX >> (64 - 8 * len.min(8));
    if head & within & HIGHS != 0 || (len > 8 && !out.bytes[word.start + 8..word.end].is_ascii()) {
        return;
    }
    // The key of the word without its `e` (second) byte, if it may be a lexicon word.
    let head = head & within;
    let dropped = head & 0xff | head >> 16 << 8;
    let dropped = match len {
        ..=MAX_INFORMAL => Some(dropped),
        len if len == MAX_INFORMAL + 1 => Some(dropped | u64::from(out.bytes[word.start + 8]) << 56),
        _ => None,
    };
    let lexicon = lexicon();
    let entry = dropped.and_then(|key| lexicon.entry_of(key, len - 1));
    if entry.is_some_and(|entry| !lexicon.respells_to_itself(entry, collapse)) {
        return rewrite_word(out, scratch, word, None, true, copied, collapse);
    }
    copy_text(out, scratch, copied, word.start + 1);
    *copied = word.start + 2;
    note_respelled(out, scratch, word, Respelled::default());
}

/// Adds the text of `out` from `copied` to `at` to the text that [`respell_words`] rebuilds.
#[inline(always)]
fn copy_text(out: &Text<'_>, scratch: &mut Scratch, copied: &mut usize, at: usize) {
    let text = &mut scratch.text;
    if scratch.respelled.is_empty() {
        text.bytes.clear();
        text.starts.clear();
    }
    text.bytes.extend_from_slice(&out.bytes[*copied..at]);
    text.starts.extend_from_slice(&out.starts[*copied..at]);
    *copied = at;
}

/// Notes that `word` of `out` was respelled.
fn note_respelled(out: &Text<'_>, scratch: &mut Scratch, word: Range<usize>, what: Respelled) {
    let original = out.starts[word.start] as usize..out.starts[word.end] as usize;
    scratch.respelled.push(RespelledWord { original, what });
}

/// Words that [`respell_words`] met and found to need nothing, each in the slot of its hash,
/// the last one met there: words of eight bytes or less as their keys (zero for none), longer
/// words of less than sixteen bytes as their first eight bytes and the key of the rest. Most
/// words of a post are common words met in the posts before (`yang`, `dan`, `tidak`): one look
/// here turns them away, where the tests of each word cost some fifty instructions more, and
/// those of a longer word some two hundred (in the benchmark's posts, more than four words in five
/// are found here, and respelling costs under 13 instructions a byte rather than 20). Which words
/// are here changes no result: a word is one that needs nothing, or it is tested.
///
/// 16,384 slots for short words: the benchmark's 1 MB of posts has about 4,800 distinct short
/// words, and with 4,096 slots four misses in ten were words pushed out by another of their slot
/// (10,200 misses against 5,800; 0.8 instructions per byte of normalize). Long words are fewer,
/// and four times their 1,024 slots saved 0.06.
///
/// Kept per thread (144 KiB, allocated on a thread's first post) rather than in the [`Lexicon`]:
/// a slot is written at every word missed, which threads sharing it would contend for, and the
/// words are those of the posts, not of the rule phrases folded when a screener is built.
struct UnchangedWords {
    short: [Cell<u64>; 1 << 14],
    long: [Cell<(u64, u64)>; 1 << 10],
}

impl UnchangedWords {
    fn new() -> Box<UnchangedWords> {
        Box::new(UnchangedWords {
            short: [const { Cell::new(0) }; 1 << 14],
            long: [const { Cell::new((0, 0)) }; 1 << 10],
        })
    }

    #[inline(always)]
    fn slot(&self, key: u64) -> &Cell<u64> {
        &self.short[(Lexicon::hash(key) >> (64 - self.short.len().trailing_zeros())) as usize]
    }

    /// Whether the word of `key` (at most eight bytes) was met and needs nothing.
    #[inline(always)]
    fn contains(&self, key: u64) -> bool {
        self.slot(key).get() == key
    }

    /// Notes that the word of `key` (at most eight bytes) needs nothing.
    #[inline(always)]
    fn note(&self, key: u64) {
        self.slot(key).set(key);
    }

    fn long_slot(&self, head: u64, rest: u64) -> &Cell<(u64, u64)> {
        let hash = Lexicon::hash(head ^ Lexicon::hash(rest));
        &self.long[(hash >> (64 - self.long.len().trailing_zeros())) as usize]
    }

    /// Whether the word of eight to fifteen bytes whose first eight are `head` and the others
    /// of key `rest` was met and needs nothing.
    fn contains_long(&self, head: u64, rest: u64) -> bool {
        self.long_slot(head, rest).get() == (head, rest)
    }

    /// Notes that the word of eight to fifteen bytes of `head` and `rest` needs nothing.
    fn note_long(&self, head: u64, rest: u64) {
        self.long_slot(head, rest).set((head, rest));
    }
}

thread_local! {
    static UNCHANGED: Box<UnchangedWords> = UnchangedWords::new();
}

/// Letters that start a digraph of the old spelling, as bits: `o` (of `oe`), `d t s n`
/// (before `j`), `c` (of `ch`).
static DIGRAPH_FIRST: [u8; 256] = {
    let mut table = [0u8; 256];
    table[b'o' as usize] = 1;
    table[b'd' as usize] = 2;
    table[b't' as usize] = 2;
    table[b's' as usize] = 2;
    table[b'n' as usize] = 2;
    table[b'c' as usize] = 4;
    table
};

/// Letters that end a digraph of the old spelling, with the bits of the letters they follow.
static DIGRAPH_SECOND: [u8; 256] = {
    let mut table = [0u8; 256];
    table[b'e' as usize] = 1;
    table[b'j' as usize] = 2;
    table[b'h' as usize] = 4;
    table
};

/// Whether `word` has a digraph of the old spelling (`oe`, `dj`, `tj`, `sj`, `nj`, `ch`).
fn has_digraph(word: &[u8]) -> bool {
    word.windows(2).any(|p| DIGRAPH_FIRST[p[0] as usize] & DIGRAPH_SECOND[p[1] as usize] != 0)
}

/// Calls `visit` with every word of two bytes or more in the first `len` bytes of `padded`
/// (words are separated by single spaces), but those that `visit` found to need nothing when
/// met before, kept in `unchanged` when it returns `true` (one look, where its tests cost more):
/// with its first eight bytes as a little-endian `u64` (with zeros after the end of a shorter
/// word: its lexicon key), its last byte, and its marks, non-zero if it holds a digraph of the
/// old spelling or a digit: for a word of eight bytes or less, the lanes of its head that do
/// ([`marks`]); for a longer word, [`HIGHS`] or zero. `padded` goes on for at least [`PADDING`]
/// spaces after `len`, so every eight-byte read is in bounds and every word ends at a space.
///
/// This pass runs over every post, so it reads a word at a time: most words are shorter than
/// eight bytes, so the eight bytes read at its start (its `head`, which the lexicon filter needs
/// anyway) hold the whole word and the space after it. One `u64` then gives the word's end, its
/// last byte and its marks ([`marks`]), with no state carried from word to word; a longer word
/// goes on eight bytes at a time ([`long_word_end`]). Reading a chunk at a time instead costs a
/// loop over the spaces of each chunk on top of the chunk's own tests: about twice the
/// instructions per word.
#[inline(always)]
fn for_each_word(
    padded: &[u8],
    len: usize,
    unchanged: &UnchangedWords,
    mut visit: impl FnMut(Range<usize>, u64, u8, u64) -> bool,
) {
    debug_assert!(padded.len() >= len + PADDING && padded[len..].iter().all(|&b| b == b' '));
    // What `space_lanes` and `marks` tell apart by their bits.
    debug_assert!(padded.iter().all(|&b| b == b' ' || b.is_ascii_lowercase() || b.is_ascii_digit() || !b.is_ascii()));
    // The bytes from the next word on. Past `len` there are only spaces, words of no byte: one
    // test bounds the loop and the read.
    let mut rest = padded;
    while let Some((head, _)) = rest.split_first_chunk::<8>() {
        let head = u64::from_le_bytes(*head);
        let spaces = space_lanes(head);
        if spaces != 0 {
            let lanes = spaces.trailing_zeros() as usize / 8;
            // The lanes before the first space: its high bit, less one.
            let before = (spaces & spaces.wrapping_neg()) - 1;
            // The bytes from the space on zeroed: the word's lexicon key as it is.
            if !unchanged.contains(head & before >> 7) {
                visit_short_word(&mut visit, unchanged, padded.len() - rest.len(), lanes, head, before);
            }
            rest = &rest[lanes + 1..];
        } else {
            let end = visit_long_word(&mut visit, unchanged, padded, padded.len() - rest.len(), head);
            rest = &padded[end + 1..];
        }
    }
}

/// [`for_each_word`]'s visit of a word held in its `head`, before the space in the lanes of
/// `before`, if it has two bytes or more. Out of line, as are the tests `visit` makes: the loop
/// over the words stays small, and most words are known and go no further. (A key of no byte
/// is that of an empty slot, and one of a single byte is never known: those come here.)
#[inline(never)]
fn visit_short_word(
    visit: &mut impl FnMut(Range<usize>, u64, u8, u64) -> bool,
    unchanged: &UnchangedWords,
    start: usize,
    lanes: usize,
    head: u64,
    before: u64,
) {
    if lanes < 2 {
        return;
    }
    // A word starts after a space (or the text's start): no digraph reaches back before it.
    let shifted = head << 8 | u64::from(b' ');
    let key = head & before >> 7;
    if visit(start..start + lanes, key, (shifted >> (8 * lanes)) as u8, marks(head, shifted, before)) {
        unchanged.note(key);
    }
}

/// [`for_each_word`]'s visit of a word of eight bytes or more, which goes on past its `head`,
/// unless it ends in the eight bytes after it and is kept in `unchanged`. Returns where it ends.
#[inline(never)]
fn visit_long_word(
    visit: &mut impl FnMut(Range<usize>, u64, u8, u64) -> bool,
    unchanged: &UnchangedWords,
    padded: &[u8],
    start: usize,
    head: u64,
) -> usize {
    // The word is at most fifteen bytes if a space is in the next eight (the word's bytes before
    // it: the key of the rest).
    let next = load(padded, start + 8);
    let spaces = space_lanes(next);
    let rest = (spaces != 0).then(|| next & ((spaces & spaces.wrapping_neg()) - 1) >> 7);
    if let Some(rest) = rest {
        if unchanged.contains_long(head, rest) {
            return start + 8 + spaces.trailing_zeros() as usize / 8;
        }
    }
    let shifted = head << 8 | u64::from(b' ');
    let (end, last, marked) = long_word_end(padded, start, head, marks(head, shifted, u64::MAX) != 0);
    if visit(start..end, head, last, if marked { HIGHS } else { 0 }) {
        if let Some(rest) = rest {
            unchanged.note_long(head, rest);
        }
    }
    end
}

/// [`for_each_word`] for a word of eight bytes or more, which goes on past its `head`: where
/// it ends, its last byte, and whether it is marked (`marked`: in its head).
#[inline(always)]
fn long_word_end(padded: &[u8], start: usize, head: u64, mut marked: bool) -> (usize, u8, bool) {
    let (mut at, mut previous) = (start + 8, head >> 56);
    loop {
        let chunk = load(padded, at);
        let shifted = chunk << 8 | previous;
        let spaces = space_lanes(chunk);
        if spaces != 0 {
            let lanes = spaces.trailing_zeros() as usize / 8;
            let before = (spaces & spaces.wrapping_neg()) - 1;
            marked |= marks(chunk, shifted, before) != 0;
            return (at + lanes, (shifted >> (8 * lanes)) as u8, marked);
        }
        marked |= marks(chunk, shifted, u64::MAX) != 0;
        (at, previous) = (at + 8, chunk >> 56);
    }
}

/// The high bit of each lane of `chunk` (eight bytes of folded text) that is a space. The folded
/// text has only letters (from `a`: bit 6 set), digits (from `0`: bit 4 set), spaces and
/// non-ASCII bytes (bit 7 set), so a space is the only byte with bits 7, 6 and 4 clear: fewer
/// operations than [`zero_bytes`]. Shifted up, those bits reach bit 7 of their own lane only.
#[inline(always)]
fn space_lanes(chunk: u64) -> u64 {
    !(chunk | chunk << 1 | chunk << 3) & HIGHS
}

/// The lanes of `chunk` (eight bytes of a word, little-endian) that are a digit or end a digraph
/// of the old spelling, among the lanes of `within` (no space among them): their high bits.
/// `shifted` is `chunk` moved up one lane, with the byte before the chunk in the lowest.
///
/// The digraphs `oe` and `ch` are two tests of the whole `u64` (a byte is zero in `a | b` only
/// where it is zero in both); `dj tj sj nj` are checked one by one, as `j` is rare.
#[inline(always)]
fn marks(chunk: u64, shifted: u64, within: u64) -> u64 {
    // Digits: the folded text has only letters (from `a`), digits, spaces and non-ASCII, so a
    // digit is a byte below 0x40 (bits 7 and 6 clear) that is not a space (none is `within`).
    let digits = !(chunk | chunk << 1) & HIGHS;
    let digraphs = zero_bytes((chunk ^ splat(b'e')) | (shifted ^ splat(b'o')))
        | zero_bytes((chunk ^ splat(b'h')) | (shifted ^ splat(b'c')));
    let mut marks = (digits | digraphs) & within;
    let mut js = zero_bytes(chunk ^ splat(b'j')) & within;
    while js != 0 {
        let before = (shifted >> (js.trailing_zeros() - 7)) as u8;
        if DIGRAPH_FIRST[before as usize] & DIGRAPH_SECOND[b'j' as usize] != 0 {
            marks |= js & js.wrapping_neg();
        }
        js &= js - 1;
    }
    marks
}

/// Spaces after the text that [`for_each_word`] reads.
const PADDING: usize = 8;

/// Eight bytes of `bytes` from `at`, as a little-endian `u64`.
#[inline(always)]
fn load(bytes: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"))
}

/// Respells one word into `scratch.word`, given its lexicon entry if it has one; `None` if
/// nothing changes, or if it is not a word of ASCII letters only (a word of another script).
/// Without `informal` (letters glued to digits, a code like `jkt48`), the lexicon is not asked.
///
/// The four steps may make an informal word of the lexicon (`djg` → `jg`, `kayax` →
/// `kayanya`), which folding the result again would respell: so the result is respelled again
/// until it is no informal word (`juga`, `kayaknya`), and folding stays idempotent. Nothing
/// else changes a respelled word a second time: it has no digraph left, no `x` at the end of
/// four letters or more, and no schwa that [`drops_schwa`] would drop.
fn respell_word(
    word: &[u8],
    starts: &[u32],
    entry: Option<u32>,
    informal: bool,
    scratch: &mut Buffers,
    collapse: bool,
) -> Option<Respelled> {
    if !word.iter().all(u8::is_ascii_lowercase) {
        return None;
    }
    let Buffers { word: buffer, rewrite, again } = scratch;
    let mut what = respell_once(word, starts, entry, informal, buffer, rewrite, collapse);
    if buffer.bytes == word {
        return None;
    }
    let rounds = if informal { MAX_ROUNDS } else { 0 };
    for _ in 0..rounds {
        let Some(entry) = lexicon().entry(&buffer.bytes) else { break };
        if lexicon().respells_to_itself(entry, collapse) {
            // Its own respelling (`semua` → `smua`, the informal `smua`): nothing changes.
            break;
        }
        std::mem::swap(buffer, again);
        let next = respell_once(&again.bytes, &again.starts, Some(entry), true, buffer, rewrite, collapse);
        if buffer.bytes == again.bytes {
            // Its own respelling (`selamat` → `slamat`, the informal `slamat`): nothing to tell.
            std::mem::swap(buffer, again);
            break;
        }
        what = Respelled {
            informal: next.informal,
            old_spelling: what.old_spelling || next.old_spelling,
            suffix_x: what.suffix_x || next.suffix_x,
        };
    }
    // A word of one letter would be joined to its neighbours when folded again (`oeoe`).
    (buffer.bytes.len() >= 2 && buffer.bytes != word).then_some(what)
}

/// How many times a respelled word is respelled again at most ([`respell_word`]); the lexicon
/// makes no longer chain (`lexicon_words_and_their_respellings_fold_to_a_fixed_point`).
const MAX_ROUNDS: usize = 4;

/// The buffers [`respell_word`] writes into: the word, scratch space to rewrite it from, and
/// the word of the round before when it is respelled again.
#[derive(Clone, Debug, Default)]
pub(super) struct Buffers {
    word: WordBuffer,
    rewrite: WordBuffer,
    again: WordBuffer,
}

/// The four steps once, into `buffer` (without `informal`, the last three).
fn respell_once(
    word: &[u8],
    starts: &[u32],
    entry: Option<u32>,
    informal: bool,
    buffer: &mut WordBuffer,
    rewrite: &mut WordBuffer,
    collapse: bool,
) -> Respelled {
    let lexicon = lexicon();
    let suffix_x = word.len() >= 4 && word.last() == Some(&b'x');
    // An informal word may carry `x` for `-nya` (`rekx`): then the lexicon is asked for its stem.
    let (entry, stem) = match entry {
        None if suffix_x && informal => (lexicon.entry(&word[..word.len() - 1]), word.len() - 1),
        entry => (entry, word.len()),
    };
    let mut what = Respelled { informal: entry, ..Respelled::default() };
    match entry {
        Some(entry) => {
            align(&lexicon.formal[entry as usize], &word[..stem], &starts[..stem], buffer);
            if stem < word.len() {
                buffer.push(b'x', starts[stem], false);
            }
        }
        None => buffer.set(word, starts),
    }
    what.old_spelling = modernise(buffer, rewrite, collapse);
    what.suffix_x = expand_suffix_x(buffer, collapse);
    drop_schwa(buffer);
    what
}

/// Writes `formal` into `buffer` in place of `word`, each letter taking the offset of the
/// letter of `word` it matches in order (`yg` → `yang`: `y` and `g` keep theirs), the others
/// the offset of the letter before them. The first takes the word's first offset, so a span
/// always covers the whole informal word.
fn align(formal: &[u8], word: &[u8], starts: &[u32], buffer: &mut WordBuffer) {
    buffer.bytes.clear();
    buffer.starts.clear();
    let mut next = 1;
    let mut origin = starts[0];
    for (i, &letter) in formal.iter().enumerate() {
        if i > 0 {
            if let Some(found) = word[next..].iter().position(|&b| b == letter) {
                next += found + 1;
                origin = starts[next - 1];
            }
        }
        buffer.bytes.push(letter);
        buffer.starts.push(origin);
    }
}

/// Step 2: the old spelling's digraphs in today's spelling, left to right. Returns whether the
/// word was in the old spelling: whether it had `oe`, `dj`, `tj` or `sj`, which today's spelling
/// has not (`nj` and `ch` are rewritten too, but today's `anjing` and `china` have them). A
/// digraph that would leave a word of one letter (`dj`, `oe`) is kept.
fn modernise(buffer: &mut WordBuffer, rewrite: &mut WordBuffer, collapse: bool) -> bool {
    if buffer.bytes.len() < 3 || !has_digraph(&buffer.bytes) {
        return false;
    }
    let old = buffer.bytes.windows(2).any(|p| matches!(p, [b'o', b'e'] | [b'd' | b't' | b's', b'j']));
    std::mem::swap(buffer, rewrite);
    buffer.bytes.clear();
    buffer.starts.clear();
    for (&byte, &origin) in rewrite.bytes.iter().zip(&rewrite.starts) {
        write_modern(buffer, byte, origin, collapse);
    }
    old
}

/// Appends `byte` to `buffer`, rewriting a digraph it makes with the last letter. A rewritten
/// letter takes the digraph's first offset and may make a digraph in turn: `andjing` is
/// `an` + `dj` → `anj`, and `nj` → `ny`, as `anjing` itself folds (so folding is idempotent).
fn write_modern(buffer: &mut WordBuffer, byte: u8, origin: u32, collapse: bool) {
    let Some(&last) = buffer.bytes.last() else { return buffer.push(byte, origin, collapse) };
    if DIGRAPH_FIRST[last as usize] & DIGRAPH_SECOND[byte as usize] == 0 {
        return buffer.push(byte, origin, collapse);
    }
    let first = *buffer.starts.last().expect("one offset per byte");
    let modern = match (last, byte) {
        (b'o', b'e') => b'u',
        (b'd', b'j') => b'j',
        (b't', b'j') => b'c',
        (b's' | b'n', b'j') => return buffer.push(b'y', origin, collapse),
        (b'c', b'h') => {
            // `k` may repeat the letter before it (`kch`): pushed again, it collapses.
            buffer.bytes.pop();
            buffer.starts.pop();
            buffer.push(b'k', first, collapse);
            return buffer.push(b'h', origin, collapse);
        }
        _ => unreachable!("DIGRAPH_FIRST and DIGRAPH_SECOND name only these pairs"),
    };
    buffer.bytes.pop();
    buffer.starts.pop();
    write_modern(buffer, modern, first, collapse);
}

/// Step 3: `x` for `-nya` at the end of a word of four letters or more. Returns whether it
/// changed the word.
fn expand_suffix_x(buffer: &mut WordBuffer, collapse: bool) -> bool {
    if buffer.bytes.len() < 4 || buffer.bytes.last() != Some(&b'x') {
        return false;
    }
    buffer.bytes.pop();
    let origin = buffer.starts.pop().expect("a word has offsets");
    for &letter in b"nya" {
        buffer.push(letter, origin, collapse);
    }
    true
}

/// [`drops_schwa`] of a word of five bytes or more, from its first bytes (little-endian).
#[inline(always)]
fn head_drops_schwa(head: u64) -> bool {
    let [first, second, third, fourth, ..] = head.to_le_bytes();
    second == b'e' && drops_schwa(&[first, second, third, fourth, b'a'])
}

/// Whether step 4 applies: five letters or more, consonant, `e`, consonant, vowel, the two
/// consonants a cluster. In the folded text `l` is `i`, so an `i` in third place is an `l`.
fn drops_schwa(word: &[u8]) -> bool {
    if word.len() < 5 || word[1] != b'e' || !matches!(word[3], b'a' | b'i' | b'u' | b'o') {
        return false;
    }
    let liquid = skeleton(b'l');
    match word[0] {
        b's' => matches!(word[2], b'k' | b'm' | b'n' | b'p' | b't') || word[2] == liquid,
        b'b' | b'c' | b'd' | b'g' | b'k' | b'm' | b'p' | b't' => word[2] == liquid || word[2] == b'r',
        _ => false,
    }
}

/// Step 4: drops the schwa of the first syllable if [`drops_schwa`] says so.
fn drop_schwa(buffer: &mut WordBuffer) {
    if drops_schwa(&buffer.bytes) {
        buffer.bytes.remove(1);
        buffer.starts.remove(1);
    }
}

/// The informal words, keyed by their folded form, in an open-addressing hash table.
pub(super) struct Lexicon {
    /// Slots of `(key, entry)`; key 0 is an empty slot.
    slots: Vec<(u64, u32)>,
    /// Per entry: the formal spelling folded.
    formal: Vec<Vec<u8>>,
    /// Per entry: the informal and formal words as the lexicon writes them (for explanations).
    written: Vec<(&'static str, &'static str)>,
    mask: usize,
    /// A bit per informal word, at bits 50 to 63 of its key's hash ([`Lexicon::hash`]; the slot
    /// is bits 40 on): a word whose bit is clear is no informal word. With 16,384 bits, about
    /// one word in thirty that is none passes, where a filter on the first two letters and the
    /// length let one word in two pass on to the table.
    present: Box<[u64; 1 << 8]>,
    /// Per entry, found on first use ([`Lexicon::respells_to_itself`]): bit 0 set once known,
    /// bit 1 the answer with `collapse` off, bit 2 with it on.
    to_itself: Box<[AtomicU8]>,
    /// Per entry, with `collapse` off and on, found on first use: what [`respell_word`] makes
    /// of the informal word ([`Lexicon::respelling`]).
    respellings: Box<[[OnceLock<Option<Respelling>>; 2]]>,
}

/// What [`respell_word`] makes of an informal word of the lexicon, which depends on its letters
/// alone: the offsets it writes are those of the word's letters, named here by their index.
#[derive(Debug)]
struct Respelling {
    /// The informal word's length.
    informal_len: usize,
    bytes: Vec<u8>,
    /// Per byte, the index of the letter of the informal word whose offset it takes.
    from: Vec<u8>,
    what: Respelled,
}

/// The longest informal word in the lexicon, in bytes (a key fits in a `u64`).
const MAX_INFORMAL: usize = 8;

impl Lexicon {
    fn from_tsv(tsv: &'static str) -> Lexicon {
        let entries: Vec<(&str, &str)> = tsv
            .lines()
            .filter(|line| !line.starts_with('#') && !line.is_empty())
            .filter_map(|line| {
                let mut columns = line.split('\t');
                Some((columns.next()?, columns.next()?))
            })
            .collect();
        let size = (entries.len() * 2).next_power_of_two().max(16);
        let mut lexicon = Lexicon {
            slots: vec![(0, 0); size],
            formal: Vec::new(),
            written: Vec::new(),
            mask: size - 1,
            present: Box::new([0; 1 << 8]),
            to_itself: Box::new([]),
            respellings: Box::new([]),
        };
        for (informal, formal) in entries {
            let folded = fold_ascii_word(informal);
            let Some(key) = key(&folded) else { continue };
            let hash = Lexicon::hash(key);
            lexicon.present[(hash >> 56) as usize] |= 1 << (hash >> 50 & 63);
            let mut slot = lexicon.slot(hash);
            while lexicon.slots[slot].0 != 0 && lexicon.slots[slot].0 != key {
                slot = (slot + 1) & lexicon.mask;
            }
            if lexicon.slots[slot].0 == 0 {
                lexicon.slots[slot] = (key, lexicon.formal.len() as u32);
                lexicon.formal.push(fold_ascii_word(formal));
                lexicon.written.push((informal, formal));
            }
        }
        lexicon.to_itself = lexicon.formal.iter().map(|_| AtomicU8::new(0)).collect();
        lexicon.respellings = lexicon.formal.iter().map(|_| Default::default()).collect();
        lexicon
    }

    /// Whether the informal word of `entry` respells to itself (`smua` → `semua` → `smua`).
    /// Many formal words respell to an informal one (every `semua`): [`respell_word`] stops
    /// there without respelling it again. Found on first use, as most entries are never met.
    #[inline(always)]
    fn respells_to_itself(&self, entry: u32, collapse: bool) -> bool {
        let known = self.to_itself[entry as usize].load(Ordering::Relaxed);
        let bits = if known & 1 != 0 { known } else { self.find_respells_to_itself(entry) };
        let bit = if collapse { 4 } else { 2 };
        bits & bit != 0
    }

    /// [`Lexicon::respells_to_itself`] the first time `entry` is met: its bits, kept.
    #[cold]
    #[inline(never)]
    fn find_respells_to_itself(&self, entry: u32) -> u8 {
        let word = &fold_ascii_word(self.written[entry as usize].0)[..];
        let (mut buffer, mut rewrite) = (WordBuffer::default(), WordBuffer::default());
        let mut bits = 1;
        for (bit, collapse) in [(2, false), (4, true)] {
            respell_once(word, &[0; 8][..word.len()], Some(entry), true, &mut buffer, &mut rewrite, collapse);
            if buffer.bytes == word {
                bits |= bit;
            }
        }
        self.to_itself[entry as usize].store(bits, Ordering::Relaxed);
        bits
    }

    /// What [`respell_word`] makes of the informal word of `entry` (`None`: nothing changes).
    /// Most words met are a few common ones (`yg`, `gak`), respelled alike every time.
    fn respelling(&self, entry: u32, collapse: bool) -> Option<&Respelling> {
        let respelling = self.respellings[entry as usize][usize::from(collapse)].get_or_init(|| {
            let word = fold_ascii_word(self.written[entry as usize].0);
            let letters: Vec<u32> = (0..word.len() as u32).collect();
            let mut buffers = Buffers::default();
            let what = respell_word(&word, &letters, Some(entry), true, &mut buffers, collapse)?;
            let from = buffers.word.starts.iter().map(|&letter| letter as u8).collect();
            Some(Respelling { informal_len: word.len(), bytes: buffers.word.bytes, from, what })
        });
        respelling.as_ref()
    }

    /// The informal and formal words of an entry, as the lexicon writes them.
    pub(super) fn written(&self, entry: u32) -> (&'static str, &'static str) {
        self.written[entry as usize]
    }

    /// The hash of a key: its slot ([`Lexicon::slot`]) and its bit of [`Lexicon::present`].
    #[inline(always)]
    fn hash(key: u64) -> u64 {
        key.wrapping_mul(0x9e37_79b9_7f4a_7c15)
    }

    #[inline(always)]
    fn slot(&self, hash: u64) -> usize {
        (hash >> 40) as usize & self.mask
    }

    /// The entry of a folded word, if it is an informal word of the lexicon.
    fn entry(&self, word: &[u8]) -> Option<u32> {
        self.entry_of(key(word)?, word.len())
    }

    /// [`Lexicon::entry`] of the word of `len` bytes whose first eight bytes are `head`
    /// (little-endian, with zeros after the end of a shorter word: its key). Most words are
    /// turned away by their bit of [`Lexicon::present`], without a look at the table.
    #[inline(always)]
    fn entry_of(&self, head: u64, len: usize) -> Option<u32> {
        if len > MAX_INFORMAL {
            return None;
        }
        let hash = Lexicon::hash(head);
        if self.present[(hash >> 56) as usize] >> (hash >> 50 & 63) & 1 == 0 {
            return None;
        }
        self.entry_at(head, hash)
    }

    /// The entry of `key`, whose hash is `hash`, looked up in the table.
    #[inline(always)]
    fn entry_at(&self, key: u64, hash: u64) -> Option<u32> {
        let mut slot = self.slot(hash);
        loop {
            match self.slots[slot] {
                (0, _) => return None,
                (k, entry) if k == key => return Some(entry),
                _ => slot = (slot + 1) & self.mask,
            }
        }
    }
}

/// A word of at most [`MAX_INFORMAL`] bytes packed into a non-zero `u64`.
fn key(word: &[u8]) -> Option<u64> {
    if word.is_empty() || word.len() > MAX_INFORMAL {
        return None;
    }
    Some(packed_bytes(word))
}

/// A lexicon word as the character and word layers fold it: lower case ASCII letters, `l` as
/// `i`, repeats collapsed.
fn fold_ascii_word(word: &str) -> Vec<u8> {
    let mut folded: Vec<u8> = Vec::with_capacity(word.len());
    for byte in word.bytes().map(|b| skeleton(b.to_ascii_lowercase())) {
        if folded.last() != Some(&byte) {
            folded.push(byte);
        }
    }
    folded
}

pub(super) fn lexicon() -> &'static Lexicon {
    static LEXICON: OnceLock<Lexicon> = OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::from_tsv(include_str!("data/informal-id.tsv")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::{NormalizeOptions, Normalizer};

    fn fold(text: &str) -> String {
        Normalizer::default().fold(text)
    }

    #[test]
    fn informal_words_take_their_formal_spelling() {
        assert_eq!(fold("yg"), "yang");
        assert_eq!(fold("gak tau"), "tidak tahu");
        assert_eq!(fold("Trf ke rek"), "transfer ke rekening");
        assert_eq!(fold("dapet"), fold("dapat"));
        assert_eq!(fold("slmt"), fold("selamat"));
    }

    /// `lg` (lagi) and `ig` (instagram) are one word once `l` reads as `i`: respelling either
    /// into the other's meaning would write `aku instagram makan`, so neither is respelled
    /// (tools/gen_lexicon.py leaves such words out).
    #[test]
    fn shortenings_that_l_makes_one_word_are_left_as_they_are() {
        assert_eq!(fold("aku lg makan"), "aku ig makan");
        assert_eq!(fold("follow ig kami"), "foiow ig kami");
        assert_eq!(fold("mslh"), fold("msih"));
        assert_ne!(fold("msih"), fold("masih"));
    }

    #[test]
    fn the_old_spelling_is_today_s() {
        assert_eq!(fold("boenoeh"), fold("bunuh"));
        assert_eq!(fold("djihad"), "jihad");
        assert_eq!(fold("tjinta"), "cinta");
        assert_eq!(fold("sjahid"), "syahid");
        assert_eq!(fold("chilafah"), fold("khilafah"));
        assert_eq!(fold("menjanji"), fold("menyanyi"));
        // `dj` makes a `j` that pairs with the `n` before it, as in today's `anjing`.
        assert_eq!(fold("andjing"), fold("anjing"));
        assert_eq!(fold("tjhaja"), "khaja");
        // Never a word of one letter: `dj` stays, or a spaced-out run would join it.
        assert_eq!(fold("dj"), "dj");
    }

    /// A respelling that makes an informal word goes on to its formal spelling, as the
    /// informal word itself does; otherwise the folded text would respell again when folded.
    #[test]
    fn a_respelling_that_makes_an_informal_word_goes_on() {
        assert_eq!(fold("djg"), "juga");
        assert_eq!(fold("djgn"), fold("jangan"));
        assert_eq!(fold("kayax"), fold("kayaknya"));
        assert_eq!(fold("adj"), "saja");
        // `ch` → `kh` after a `k` collapses at once.
        assert_eq!(fold("kch"), "kh");
        let mut folded = Folded::default();
        Normalizer::default().fold_into("ok djg", &mut folded);
        assert_eq!(&"ok djg"[folded.origin(3..folded.len())], "djg");
        assert_eq!(
            folded.respelled()[0].what,
            Respelled { informal: lexicon().entry(b"jg"), old_spelling: true, suffix_x: false }
        );
    }

    /// The matcher takes letters and digits for two words, so a pack's `anjing` (`anying`)
    /// must match `anjing2`: steps 2 to 4 respell the letters between digits too. The lexicon
    /// is not asked there (`jkt48` is a name, not `jakarta48`).
    #[test]
    fn letters_glued_to_digits_are_respelled_but_for_the_lexicon() {
        assert_eq!(fold("anjing2 2anjing 1anjing1"), "anying2 2anying 1anying1");
        assert_eq!(fold("selamat2 teroris88 djihad88"), "siamat2 troris88 jihad88");
        assert_eq!(fold("anakx2 box2 selamat2selamat"), "anaknya2 box2 siamat2siamat");
        assert_eq!(fold("jkt48 yg2 rp50 km88 a2b"), "jkt48 yg2 rp50 km88 a2b");
        // Each run's span covers it, and only it.
        let text = "kafir Anjing2";
        let mut folded = Folded::default();
        Normalizer::default().fold_into(text, &mut folded);
        let at = folded.as_str().find("anying").unwrap();
        assert_eq!(&text[folded.origin(at..at + 6)], "Anjing");
    }

    #[test]
    fn a_word_written_twice_with_2_is_asked_of_the_lexicon_and_codes_are_not() {
        assert_eq!(fold("mampus kau2"), "mampus kamu2");
        assert_eq!(fold("org2"), "orang2");
        // Codes and site numbers have two digits or more, or digits before the letters.
        assert_eq!(fold("rp50 jkt48 2kau kau22"), "rp50 jkt48 2kau kau22");
        // A doubled word that becomes an informal word once modernised (`djga` → `jga`) is
        // asked of the lexicon again, as `jga2` would be when folded again (found by fuzzing).
        assert_eq!(fold("djga2 adja2"), "juga2 saja2");
        assert_eq!(fold(&fold("djga2 adja2")), "juga2 saja2");
    }

    /// A lexicon word that folds like another word of a default pack would rewrite that pack
    /// word into the lexicon's formal one (`pkl`, read `pki` since `l` reads `i`, made the hate
    /// rules' `pki` match every `pukul`). A pack word may be informal itself (`tdk`, `hub`), as
    /// long as it is the lexicon's own word, not one that only folds alike.
    #[test]
    fn no_lexicon_word_folds_like_another_word_of_the_default_packs() {
        let lexicon = lexicon();
        let mut collisions = Vec::new();
        for pack in crate::rules::default_packs() {
            for rule in pack.rules() {
                let phrases = rule
                    .any()
                    .iter()
                    .chain(rule.all().iter().flatten())
                    .chain(rule.unless())
                    .chain(rule.unless_before());
                for word in phrases.flat_map(|p| p.split(|c: char| !c.is_ascii_alphabetic())) {
                    let word = word.to_ascii_lowercase();
                    let Some(entry) = lexicon.entry(&fold_ascii_word(&word)) else { continue };
                    let (informal, formal) = lexicon.written(entry);
                    if informal != word {
                        collisions.push(format!("{}: `{word}` folds like `{informal}` (→ {formal})", rule.id()));
                    }
                }
            }
        }
        assert!(collisions.is_empty(), "{collisions:#?}");
    }

    #[test]
    fn x_is_nya_at_the_end_of_a_longer_word() {
        assert_eq!(fold("rekeningx"), fold("rekeningnya"));
        assert_eq!(fold("makanx"), fold("makannya"));
        assert_eq!(fold("box tax"), "box tax");
    }

    #[test]
    fn the_first_schwa_is_dropped_on_both_sides() {
        assert_eq!(fold("selamat"), fold("slamat"));
        assert_eq!(fold("berani"), "brani");
        assert_eq!(fold("keluarga"), fold("kluarga"));
        assert_eq!(fold("perang"), "prang");
        // Not a cluster (`kebun`), too short (`beli`), or not a vowel after it (`bermain`).
        assert_eq!(fold("kebun beli bermain"), "kebun bei bermain");
    }

    #[test]
    fn spans_cover_the_whole_informal_word() {
        let text = "tlg trf ke rekx";
        let mut folded = Folded::default();
        Normalizer::default().fold_into(text, &mut folded);
        assert_eq!(folded.as_str(), "toiong transfer ke rekeningnya");
        let find = |word: &str| {
            let at = folded.as_str().find(word).unwrap();
            &text[folded.origin(at..at + word.len())]
        };
        assert_eq!(find("toiong"), "tlg");
        assert_eq!(find("transfer"), "trf");
        assert_eq!(find("rekeningnya"), "rekx");
        assert_eq!(find("rekening"), "rek");
    }

    /// A word found to need nothing is turned away when met again ([`UnchangedWords`]): the
    /// candidates of a text must be those of its words, each alone and never met before.
    #[test]
    fn words_met_before_are_turned_away_only_if_they_need_nothing() {
        let words: [&str; 32] = [
            "yang",
            "dan",
            "yg",
            "gak",
            "selamat",
            "slamat",
            "anjing",
            "anjing2",
            "kau2",
            "yang2",
            "2018",
            "000",
            "rekeningx",
            "box",
            "djihad",
            "boenoeh",
            "tjinta",
            "banjir",
            "berani",
            "kebun",
            "caf\u{e9}",
            "jkt48",
            "a2b",
            "djga2",
            "perang",
            "x2",
            "ab",
            "abcdefghijk",
            "selamat2selamat",
            "menjanjikan",
            "trf",
            "dapet",
        ];
        let mut alone = std::collections::HashMap::new();
        let mut candidates_alone = |word: &str| -> Vec<(u32, u32, u32)> {
            let found = alone.entry(word.to_owned()).or_insert_with(|| {
                let mut padded = word.as_bytes().to_vec();
                padded.extend_from_slice(&[b' '; PADDING]);
                let mut found = Vec::new();
                find_candidates(&padded, word.len(), &UnchangedWords::new(), &mut found);
                found
            });
            found.clone()
        };
        let unchanged = UnchangedWords::new();
        let mut random = crate::test_random::Xorshift::new(0x5851_f42d_4c95_7f2d);
        let (mut found_any, mut turned_away) = (false, 0);
        for _ in 0..2_000 {
            let mut text = String::new();
            let mut expected = Vec::new();
            for _ in 0..random.below(12) + 1 {
                let word = words[random.below(32) as usize];
                let at = text.len() as u32;
                expected.extend(
                    candidates_alone(word).into_iter().map(|(start, end, entry)| (at + start, at + end, entry)),
                );
                text.push_str(word);
                text.push(' ');
            }
            let mut padded = text.clone().into_bytes();
            padded.extend_from_slice(&[b' '; PADDING]);
            let mut found = Vec::new();
            find_candidates(&padded, text.len(), &unchanged, &mut found);
            assert_eq!(found, expected, "{text:?}");
            found_any |= !found.is_empty();
            let short = text.split(' ').filter(|word| (2..=8).contains(&word.len()));
            turned_away += short.filter(|word| unchanged.contains(key(word.as_bytes()).unwrap())).count();
        }
        assert!(found_any && turned_away > 1_000, "{turned_away} words turned away");
    }

    /// [`push_short_glued_runs`] finds the runs of a short word from its head's lanes: it must
    /// push what [`push_glued_runs`] pushes from its bytes, doubled words and digraphs included.
    #[test]
    fn short_glued_runs_are_those_of_the_bytes() {
        let pieces: [&[u8]; 16] =
            [b"2", b"48", b"0", b"x", b"e", b"s", b"k", b"i", b"a", b"dj", b"nj", b"ch", b"yg", b"kau", b"se", b"tr"];
        let mut random = crate::test_random::Xorshift::new(0x9e37_79b9_7f4a_7c15);
        let (mut tested, mut pushed) = (0, 0);
        for round in 0..50_000 {
            let mut word = Vec::new();
            if round % 4 == 0 {
                // A lexicon word doubled with a lone `2` (`yg2`, `kau2`).
                let entry = random.below(lexicon().written.len() as u64) as u32;
                word = fold_ascii_word(lexicon().written(entry).0);
                word.push(b'2');
            } else {
                for _ in 0..random.below(6) + 1 {
                    word.extend_from_slice(pieces[random.below(16) as usize]);
                }
            }
            let letters = word.iter().filter(|b| b.is_ascii_lowercase()).count();
            if !(2..=8).contains(&word.len()) || !word.iter().any(u8::is_ascii_digit) || letters < 3 {
                continue;
            }
            let mut padded = b"ab ".to_vec();
            padded.extend_from_slice(&word);
            padded.extend_from_slice(&[b' '; PADDING]);
            let at = 3..3 + word.len();
            let head = load(&padded, 3) & (u64::MAX >> (64 - 8 * word.len()));
            for digraphs in [false, true] {
                let (mut short, mut long) = (Vec::new(), Vec::new());
                push_short_glued_runs(head, at.clone(), digraphs, &mut short);
                push_glued_runs(&padded, at.clone(), digraphs, &mut long);
                assert_eq!(short, long, "{:?} digraphs {digraphs}", String::from_utf8_lossy(&word));
                tested += 1;
                pushed += short.len();
            }
        }
        assert!(tested > 10_000 && pushed > 1_000, "{tested} words, {pushed} runs");
    }

    /// [`for_each_word`] reads a word eight bytes at a time: it must find what a plain split
    /// finds, at every length and alignment.
    #[test]
    fn words_are_found_as_a_plain_split_finds_them() {
        let pieces: [&[u8]; 12] = [b"o", b"e", b"c", b"h", b"dj", b"n", b"j", b" ", b"7", "é".as_bytes(), b"0", b"9"];
        let mut random = crate::test_random::Xorshift::new(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let mut text = Vec::new();
            let seed = random.next_u64();
            for i in 0..(seed % 40) {
                text.extend_from_slice(pieces[((seed >> (i % 50)) % 12) as usize]);
            }
            let mut found = Vec::new();
            let mut padded = text.clone();
            padded.extend_from_slice(&[b' '; PADDING]);
            let never_met = UnchangedWords::new();
            for_each_word(&padded, text.len(), &never_met, |word, head, last, marks| {
                // Its first eight bytes, zeros after a shorter word (its lexicon key).
                let mut first = [0; 8];
                let shown = word.len().min(8);
                first[..shown].copy_from_slice(&text[word.start..word.start + shown]);
                assert_eq!(head.to_le_bytes(), first);
                assert_eq!(last, text[word.end - 1]);
                found.push((word, marks != 0));
                // Never kept: every word is visited.
                false
            });
            let mut expected = Vec::new();
            let mut start = 0;
            for part in text.split(|&b| b == b' ') {
                let word = start..start + part.len();
                start = word.end + 1;
                if part.len() >= 2 {
                    expected.push((word, has_digraph(part) || part.iter().any(u8::is_ascii_digit)));
                }
            }
            assert_eq!(found, expected, "{:?}", String::from_utf8_lossy(&text));
        }
    }

    /// Every lexicon word, formal or informal, in old spelling, with `x` for `-nya`, with a
    /// schwa added or a letter cut, folds to a fixed point under every option combination.
    #[test]
    fn lexicon_words_and_their_respellings_fold_to_a_fixed_point() {
        let old_spellings = |word: &str| {
            let mut all = vec![word.replace("kh", "ch").replace("ny", "nj").replace("sy", "sj")];
            all.push(all[0].replace('u', "oe").replace('j', "dj").replace('c', "tj"));
            for (from, to) in [("u", "oe"), ("j", "dj"), ("c", "tj"), ("sy", "sj"), ("ny", "nj"), ("kh", "ch")] {
                for (at, _) in word.match_indices(from) {
                    all.push(format!("{}{to}{}", &word[..at], &word[at + from.len()..]));
                }
            }
            all
        };
        let mut words = Vec::new();
        for line in include_str!("data/informal-id.tsv").lines().filter(|l| !l.starts_with('#')) {
            for word in line.split('\t').take(2) {
                for word in old_spellings(word) {
                    words.push(format!("{word}x"));
                    words.push(format!("{}e{}", &word[..1], &word[1..]));
                    words.push(format!("{}x", &word[..word.len() - 1]));
                    words.push(word);
                }
            }
        }
        for options in NormalizeOptions::all_combinations() {
            let normalizer = Normalizer::new(options);
            for word in &words {
                let once = normalizer.fold(word);
                assert_eq!(normalizer.fold(&once), once, "{word} under {options:?}");
            }
        }
    }

    /// `l` reads `i`, so an informal word may fold like another word: those are left out of
    /// the lexicon (`tools/gen_lexicon.py`).
    #[test]
    fn no_informal_word_folds_like_a_word_of_the_packs_or_english() {
        // `pkl` (pukul) would make `pki`, a word of the hate rules, read `pukul` ("hit", the hour).
        assert_eq!(fold("pki"), "pki");
        assert_eq!(fold("pukul"), "pukui");
        // `hlm` (halaman), `blg` (bilang), `lp` (lupa).
        assert_eq!(fold("him big lip"), "him big ip");
    }

    #[test]
    fn every_lexicon_entry_folds_to_a_fixed_point() {
        let normalizer = Normalizer::default();
        for line in include_str!("data/informal-id.tsv").lines().filter(|l| !l.starts_with('#')) {
            let mut columns = line.split('\t');
            let (informal, formal) = (columns.next().unwrap(), columns.next().unwrap());
            let folded = normalizer.fold(informal);
            assert_eq!(folded, normalizer.fold(formal), "{informal} → {formal}");
            assert_eq!(normalizer.fold(&folded), folded, "{informal} folds twice differently");
            assert!(folded.len() >= 2, "{informal} folds to one letter");
        }
    }
}
