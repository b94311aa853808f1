//! Folding text into one canonical form, keeping a map back to the original.
//!
//! Rule phrases and posts go through the *same* [`Normalizer`], so an evasion folds to the
//! same form on both sides (principle 1 of the design). Folding happens in two layers:
//!
//! 1. **Characters** ([`char_fold`]): case, styled letters, look-alike letters, diacritics,
//!    invisible characters, combining marks, Arabic harakat, tatweel and letter variants. Each
//!    character is looked up in tables generated from Unicode data.
//! 2. **Words** (this module): runs of separators become one space; leetspeak digits and
//!    symbols become letters, but only inside words (`leet.rs`); repeated letters collapse;
//!    letters spaced out with one kind of separator (`j.i.h.a.d`) are joined (`spaced.rs`).
//! 3. **Respelling** ([`respell`]): Indonesian informal and old spellings of a word become one
//!    (`yg` → `yang`, `gak` → `tidak`, `boenoeh` → `bunuh`, `rekeningx` → `rekeningnya`).
//!
//! The folded text is mostly ASCII lowercase: letters `a`–`z` (with `l` folded into `i`, since
//! `l`, `I`, `1` and `|` are interchangeable in evasions), digits, single spaces, and the
//! letters of scripts that have no Latin look-alike (Arabic, CJK …).
//!
//! Every folded byte remembers the byte offset in the original text of the character it came
//! from ([`Folded::origin`]); removed characters belong to the folded character before them,
//! so a span always covers the evasion characters inside it and never cuts a character.

pub mod char_fold;
mod explain;
mod leet;
pub mod respell;
mod spaced;
mod tables;

pub use char_fold::{fold_char, CharFold, FoldReason};
pub use explain::explain;
pub(crate) use explain::explain_parts;
pub(crate) use spaced::is_joiner;

use std::ops::Range;

/// Which evasion-folding steps are on. All are on by default; turning one off exists for
/// measuring what each step buys (the case tables run under every combination).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct NormalizeOptions {
    /// Fold leetspeak digits and symbols inside words (`j1h4d` → `jihad`).
    pub leet: bool,
    /// Fold look-alike letters of other scripts (Cyrillic `а` → `a`).
    pub look_alikes: bool,
    /// Collapse runs of the same letter (`jihaaad` → `jihad`).
    pub repeats: bool,
    /// Join letters spaced out with one kind of separator (`j.i.h.a.d` → `jihad`).
    pub spaced: bool,
    /// Respell Indonesian informal and old spellings (`yg` → `yang`, `djihad` → `jihad`).
    pub respelling: bool,
}

impl Default for NormalizeOptions {
    fn default() -> NormalizeOptions {
        NormalizeOptions { leet: true, look_alikes: true, repeats: true, spaced: true, respelling: true }
    }
}

impl NormalizeOptions {
    /// Every combination of the options, all-on first (for tests and measurements).
    pub fn all_combinations() -> impl Iterator<Item = NormalizeOptions> {
        (0..32u8).map(|bits| NormalizeOptions {
            leet: bits & 1 == 0,
            look_alikes: bits & 2 == 0,
            repeats: bits & 4 == 0,
            spaced: bits & 8 == 0,
            respelling: bits & 16 == 0,
        })
    }
}

/// Folded text with its map back to the original.
///
/// ```
/// use saring::normalize::{Folded, Normalizer};
/// let original = "J\u{200B}1H4ADD !!";
/// let mut folded = Folded::default();
/// Normalizer::default().fold_into(original, &mut folded);
/// assert_eq!(folded.as_str(), "jihad");
/// let span = folded.origin(0..5);
/// assert_eq!(&original[span], "J\u{200B}1H4ADD");
/// ```
#[derive(Clone, Debug, Default)]
pub struct Folded {
    bytes: Vec<u8>,
    /// `starts[i]` is the original byte offset of the character folded byte `i` came from.
    /// One more entry than `bytes`: the end of the last folded character in the original.
    starts: Vec<u32>,
    /// Scratch space of the spaced-letter join, kept to reuse its buffer.
    streak: spaced::Streak,
    /// Scratch space of respelling, with the words it changed.
    respell: respell::Scratch,
    /// The words joined from spaced letters (`s l o t g a c o r` reads `siotgacor`), as ranges
    /// of the original text, in order: the boundaries between the words they held are lost,
    /// and the screener may find them again between phrases.
    joined: Vec<Range<u32>>,
}

impl Folded {
    /// The folded text.
    pub fn as_str(&self) -> &str {
        // Folding writes whole UTF-8 characters and removes only whole characters.
        std::str::from_utf8(&self.bytes).expect("folded text is valid UTF-8")
    }

    /// The folded text as bytes (what the automaton scans).
    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// The folded length in bytes.
    pub fn len(&self) -> usize {
        self.bytes.len()
    }

    /// Whether nothing survived folding.
    pub fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    /// The original byte range that the folded byte range `range` came from: from the start of
    /// the first folded character to the end of the last one, including every character
    /// removed in between or right after it (invisible characters, marks, repeated letters).
    ///
    /// `range` must be non-empty and within the folded text.
    pub fn origin(&self, range: Range<usize>) -> Range<usize> {
        debug_assert!(range.start < range.end && range.end <= self.bytes.len());
        let start = self.starts[range.start];
        let last = self.starts[range.end - 1];
        let mut next = range.end;
        while self.starts[next] == last {
            next += 1;
        }
        start as usize..self.starts[next] as usize
    }

    /// The original byte offset of the character folded byte `index` came from.
    pub fn origin_of(&self, index: usize) -> usize {
        self.starts[index] as usize
    }

    /// The words that respelling changed, in order, with their ranges in the original text.
    pub fn respelled(&self) -> &[respell::RespelledWord] {
        self.respell.respelled()
    }

    /// The words joined from spaced letters, as ranges of the original text, in order.
    pub(crate) fn joined_words(&self) -> &[Range<u32>] {
        &self.joined
    }

    /// The folded bytes that came from the characters starting in `original`.
    pub(crate) fn folded_range(&self, original: &Range<u32>) -> Range<usize> {
        let starts = &self.starts[..self.bytes.len()];
        starts.partition_point(|&at| at < original.start)..starts.partition_point(|&at| at < original.end)
    }

    fn clear(&mut self) {
        self.bytes.clear();
        self.starts.clear();
        self.respell.clear();
        self.joined.clear();
    }

    fn push(&mut self, byte: u8, origin: u32) {
        self.bytes.push(byte);
        self.starts.push(origin);
    }

    fn push_char(&mut self, c: char, origin: u32) {
        if c.is_ascii() {
            return self.push(c as u8, origin);
        }
        let mut buffer = [0u8; 4];
        for &byte in c.encode_utf8(&mut buffer).as_bytes() {
            self.push(byte, origin);
        }
    }

    /// Keeps, in `region`, only the bytes for which `keep` says so, shifting what follows the
    /// region to close the gap. Returns the region's new end.
    fn retain_in(&mut self, region: Range<usize>, mut keep: impl FnMut(&[u8], usize) -> bool) -> usize {
        let mut write = region.start;
        for read in region.clone() {
            if keep(&self.bytes, read) {
                self.bytes[write] = self.bytes[read];
                self.starts[write] = self.starts[read];
                write += 1;
            }
        }
        let removed = region.end - write;
        if removed > 0 {
            self.bytes.drain(write..region.end);
            self.starts.drain(write..region.end);
        }
        write
    }
}

/// Folds rule phrases and posts into one canonical form. Cheap to copy; holds only options.
///
/// ```
/// use saring::normalize::Normalizer;
/// let n = Normalizer::default();
/// assert_eq!(n.fold("Ｓ𝐋𝟎Т  GACOOOR!!"), "siot gacor");
/// assert_eq!(n.fold("j.i.h.a.d"), "jihad");
/// assert_eq!(n.fold("anak2 hati2"), "anak2 hati2"); // Indonesian reduplication is kept
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Normalizer {
    options: NormalizeOptions,
}

impl Normalizer {
    /// A normalizer with the given options. The character folding tables are unpacked here if
    /// they are not yet (once per process, a fraction of a millisecond), so that building a
    /// screener pays for it rather than its first post.
    pub fn new(options: NormalizeOptions) -> Normalizer {
        char_fold::unpack_tables();
        Normalizer { options }
    }

    /// The options in force.
    pub fn options(&self) -> NormalizeOptions {
        self.options
    }

    /// Folds `text` and returns the folded text alone (for rule phrases and debugging).
    pub fn fold(&self, text: &str) -> String {
        let mut folded = Folded::default();
        self.fold_into(text, &mut folded);
        folded.as_str().to_owned()
    }

    /// Folds `text` into `out`, reusing its buffers (no allocation once they are large enough).
    ///
    /// Offsets are kept as `u32`: texts longer than 4 GiB are folded up to that length.
    pub fn fold_into(&self, text: &str, out: &mut Folded) {
        self.fold_with(text, out, true);
    }

    /// [`Normalizer::fold_into`] without the [plain-run fast path](WordFolder::plain_run): the
    /// same result, slower. Not part of the supported API: it exists for the `normalize` fuzz
    /// target, which checks that both paths give the same folded text and offset map.
    #[doc(hidden)]
    pub fn fold_into_without_fast_path(&self, text: &str, out: &mut Folded) {
        self.fold_with(text, out, false);
    }

    /// [`Normalizer::fold_into`], with the [plain-run fast path](WordFolder::plain_run) on or
    /// off (off only in tests and fuzzing, which check that both give the same result).
    ///
    /// Never inlined: one call per post costs nothing, and it keeps the folding the same
    /// machine code wherever it is called from, so that the instruction counts of the
    /// `normalize` and `screen` phases (`make instructions`) do not move with the inlining
    /// choices made for unrelated changes in the screener.
    #[inline(never)]
    fn fold_with(&self, text: &str, out: &mut Folded, plain_runs: bool) {
        out.clear();
        let text = truncate_to_u32(text);
        out.bytes.reserve(text.len());
        out.starts.reserve(text.len() + 1);
        let mut words = WordFolder::new(self.options, out);
        let bytes = text.as_bytes();
        let mut index = 0;
        while index < bytes.len() {
            let byte = bytes[index];
            if byte < 0x80 {
                let letter = ASCII_LETTER[byte as usize];
                if plain_runs && letter != 0 {
                    words.ascii_letter(letter, index as u32);
                    index = words.plain_run(bytes, index + 1);
                    continue;
                }
                words.ascii(byte, index as u32);
                index += 1;
                if plain_runs && byte.is_ascii_digit() {
                    index = words.digit_run(bytes, index);
                }
                continue;
            }
            let c = text[index..].chars().next().expect("index is on a char boundary");
            let origin = index as u32;
            match fold_char(c) {
                CharFold::Keep => words.char(c, origin),
                CharFold::Removed(_) => {}
                CharFold::Char(_, FoldReason::LookAlike) if !self.options.look_alikes => words.char(c, origin),
                CharFold::Char(folded, _) => words.char(folded, origin),
                CharFold::Str(folded, _) => {
                    for folded in folded.chars() {
                        words.char(folded, origin);
                    }
                }
            }
            index += c.len_utf8();
        }
        words.finish(text.len() as u32);
        if self.options.respelling {
            respell::respell_words(out, self.options.repeats);
        }
    }
}

fn truncate_to_u32(text: &str) -> &str {
    let limit = u32::MAX as usize - 1;
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// What a folded character is, for the word layer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// `@ $ ! |`: a letter when inside a word, a separator otherwise.
    LeetSymbol,
    Separator,
}

/// Read from [`ASCII_CLASS`]: one load where a `match` on byte ranges costs a dozen
/// instructions on every ASCII byte of the general path.
fn classify_ascii(byte: u8, leet: bool) -> Class {
    match ASCII_CLASS[byte as usize] {
        Class::LeetSymbol if !leet => Class::Separator,
        class => class,
    }
}

/// [`Class`] of each byte with leet on (only ASCII bytes are looked up).
static ASCII_CLASS: [Class; 256] = {
    let mut table = [Class::Separator; 256];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = match byte as u8 {
            b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
            b'0'..=b'9' => Class::Digit,
            b'@' | b'$' | b'!' | b'|' => Class::LeetSymbol,
            _ => Class::Separator,
        };
        byte += 1;
    }
    table
};

/// A separator as the spaced-letter join sees it: line breaks stay, other white space is a
/// space.
fn separator_char(c: char) -> char {
    match c {
        '\n' | '\r' => c,
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

/// Emoji and pictographs (`😂`, `🔥`, `✅`, flags), the most common non-ASCII characters that
/// [`fold_char`] keeps: separators, and their own [`separator_char`], known from their block
/// without the Unicode property lookups of `is_alphanumeric` and `is_whitespace`, which cost
/// about 0.5 instructions per byte of the benchmark (a test checks every code point of them).
fn is_pictograph(c: char) -> bool {
    matches!(u32::from(c), 0x2600..=0x2775 | 0x1F1E6..=0x1F1FF | 0x1F300..=0x1FAFF)
}

/// [`separator_char`] of an ASCII byte, without the Unicode white-space test.
fn ascii_separator_char(byte: u8) -> char {
    match byte {
        b'\t' | 0x0b | 0x0c => ' ',
        _ => byte as char,
    }
}

/// The separators before a word, summarised for the spaced-letter join.
#[derive(Clone, Copy, Debug, Default)]
struct SeparatorRun {
    /// Original offset of the first separator character.
    start: u32,
    /// How many separator characters.
    count: u32,
    /// The separator kind: the first non-space separator, or a space.
    kind: char,
    /// Whether every character may join spaced letters and is of one kind (spaces aside).
    joinable: bool,
}

impl SeparatorRun {
    fn begin(c: char, origin: u32) -> SeparatorRun {
        SeparatorRun { start: origin, count: 1, kind: c, joinable: spaced::is_joiner(c) }
    }

    fn extend(&mut self, c: char) {
        self.count += 1;
        if self.kind == ' ' && c != ' ' {
            self.kind = c;
        } else if c != ' ' && c != self.kind {
            self.joinable = false;
        }
        self.joinable &= spaced::is_joiner(c) && self.count <= spaced::MAX_SEPARATORS;
    }
}

/// The word being folded.
#[derive(Clone, Copy, Debug)]
struct Word {
    /// Folded offset where the word starts.
    start: usize,
    /// Letters in the word, counting collapsed repeats.
    letters: u32,
    digits: u32,
    /// Whether a leet symbol inside the word became a letter.
    symbol_leet: bool,
    /// The last letter written, for collapsing repeats.
    last_letter: Option<char>,
    /// The separators before the word, if joinable (for the spaced-letter join).
    joinable_before: Option<char>,
}

/// The word layer: takes folded characters one by one and writes the folded text.
struct WordFolder<'a> {
    options: NormalizeOptions,
    out: &'a mut Folded,
    word: Option<Word>,
    separators: Option<SeparatorRun>,
    /// A leet symbol just after a letter or a digit: a letter if a word character follows.
    pending_symbol: Option<(u8, u32)>,
    /// Single-character words side by side, which may be letters spaced out.
    streak: spaced::Streak,
}

impl<'a> WordFolder<'a> {
    fn new(options: NormalizeOptions, out: &'a mut Folded) -> WordFolder<'a> {
        let streak = std::mem::take(&mut out.streak);
        WordFolder { options, out, word: None, separators: None, pending_symbol: None, streak }
    }

    fn ascii(&mut self, byte: u8, origin: u32) {
        match classify_ascii(byte, self.options.leet) {
            Class::Letter => self.letter(skeleton(byte.to_ascii_lowercase()) as char, origin),
            Class::Digit => self.digit(byte, origin),
            Class::LeetSymbol => self.symbol(byte, origin),
            Class::Separator => self.ascii_separator(byte, origin),
        }
    }

    /// An ASCII separator: [`WordFolder::separator`], in a few instructions when no word is
    /// open (most separators after the first of a run: `...`, `, `, `!\n`), where closing the
    /// word is a no-op and only the run grows.
    #[inline(always)]
    fn ascii_separator(&mut self, byte: u8, origin: u32) {
        if self.word.is_some() {
            return self.separator(byte as char, origin);
        }
        // No word is open, so no leet symbol is pending.
        self.add_separator(ascii_separator_char(byte), origin);
    }

    /// An ASCII letter, already folded ([`ASCII_LETTER`]), on the way into a plain run: what
    /// [`WordFolder::letter`] does, without its general bookkeeping when the letter opens a word.
    /// Most words that start on the general path (after emoji, `/`, `.`, `#` or a spaced-out
    /// letter) start so, and each saves the calls through [`WordFolder::ascii`] and
    /// [`WordFolder::letter`]: 0.7 instructions per byte of the benchmark. Without the fast path
    /// (which the tests compare with) letters still go through them.
    #[inline(always)]
    fn ascii_letter(&mut self, letter: u8, origin: u32) {
        if self.word.is_some() || self.pending_symbol.is_some() {
            return self.letter(letter as char, origin);
        }
        self.open_word();
        self.out.push(letter, origin);
        let word = self.word.as_mut().expect("word is open");
        (word.letters, word.last_letter) = (1, Some(letter as char));
    }

    /// The hot path: plain ASCII text right after a letter, copied in bulk. Returns the index
    /// after what it consumed; the general path takes over from there.
    ///
    /// Most of a post is words of ASCII letters separated by a space, or by a comma and a space.
    /// For such text the general path does a lot of bookkeeping that changes nothing: each
    /// letter just folds by table ([`ASCII_LETTER`]: lower case, `l` → `i`) and records its own
    /// offset, and the separators between two words just become one space. This function does
    /// exactly that. [`scan_plain`] takes a *segment* of letters and single spaces, which fold
    /// one for one (so their offsets are consecutive), eight bytes at a time. Between segments:
    ///
    /// - **A repeated letter** (with `repeats` on) is consumed without output, exactly as
    ///   [`WordFolder::letter`] drops it; the offsets after it skip a byte, hence a new segment.
    /// - **Other ASCII separators** (`, ` `. ` `: `) are summarised in a [`SeparatorRun`] built as
    ///   in [`WordFolder::separator`] ([`cross_separators`]). Before an ASCII letter they become
    ///   one space with the offset of the first separator, as [`WordFolder::open_word`] writes
    ///   it, and the next word's [`Word::joinable_before`] comes from the run. Before anything
    ///   else (a digit, non-ASCII, the end of the text) the word is closed and the run left
    ///   pending, which is where the general path would be after reading them. A leet symbol
    ///   (`@ $ ! |`) right after the word is taken as a separator only when another separator
    ///   or symbol follows it, as the general path decides once the symbol is no longer pending.
    ///
    /// Separators are crossed only where closing the word before them is a no-op in
    /// [`WordFolder::close_word`]: the word has no digits (no leet to fix), at least two folded
    /// letters (it is not a single letter that may be spaced out) and no streak of single
    /// letters is pending (none to join). So a word of one letter is copied, but the run ends at
    /// the separators after it and the general path adds it to a streak. Anything else (digits,
    /// leet symbols, non-ASCII) ends the run, and the open word is left exactly as the general
    /// path would leave it.
    fn plain_run(&mut self, bytes: &[u8], index: usize) -> usize {
        let (Some(word), None) = (self.word.as_ref(), self.pending_symbol) else { return index };
        let Some(last) = word.last_letter.filter(char::is_ascii).map(|c| c as u8) else { return index };
        // Where `scan_plain` is: words opened here have no digits and no streak starts here,
        // so only the open word may be one whose closing is not a no-op.
        let plain = Plain {
            // Before `last`, any byte but a space (the word's real one may be part of a
            // non-ASCII letter).
            before: Lanes::before(if self.out.len() - word.start >= 2 { last } else { b' ' }, last),
            may_close: self.streak.is_empty() && word.digits == 0,
        };
        let (start, letters) = (word.start, word.letters);
        self.plain_words(bytes, index, plain, start, letters, None)
    }

    /// The rest of [`WordFolder::plain_run`], also entered from [`WordFolder::digit_run`] at the
    /// first letter of a word it opened: `plain` is where [`scan_plain`] is, `word_start` and
    /// `letters` describe the open word, and `opened` is, if that word was opened here, the
    /// kind of the separators before it.
    ///
    /// Which word is open at the end is worked out once, from the last space written (and the
    /// separators crossed there, if any), not after each segment: most segments end at a
    /// repeated letter or at separators that are crossed, where nothing reads it.
    fn plain_words(
        &mut self,
        bytes: &[u8],
        mut index: usize,
        mut plain: Plain,
        word_start: usize,
        letters: u32,
        opened: Option<Option<char>>,
    ) -> usize {
        let collapse = self.options.repeats;
        let leet = self.options.leet;
        let out = &mut *self.out;
        let (entered, written) = (index, out.len());
        // The last separators crossed: the folded offset of their space, and their kind.
        let mut crossed = None;
        loop {
            index = scan_plain(bytes, index, &mut plain, collapse, out);
            let Some(&byte) = bytes.get(index) else { break };
            if ASCII_LETTER[byte as usize] != 0 {
                // `scan_plain` stops at a letter only if it repeats the last one: drop it.
                index += 1;
                continue;
            }
            if !plain.may_close || plain.before.before_last_is_space() {
                break;
            }
            let crossing = cross_punctuation(bytes, index, leet).or_else(|| cross_separators(bytes, index, leet));
            let Some((end, run)) = crossing else { break };
            if !bytes.get(end).is_some_and(|&b| ASCII_LETTER[b as usize] != 0) {
                // No word to open here: the word is closed, and the general path goes on
                // after the separators, exactly as if it had read them.
                self.word = None;
                self.separators = Some(run);
                return end;
            }
            crossed = Some((out.len(), run.joinable.then_some(run.kind)));
            out.push(b' ', run.start);
            plain = Plain::AFTER_SPACE;
            index = end;
        }
        // The last byte is a letter: a word is opened only before a letter, which is then taken.
        let last_letter = Some(plain.before.last() as char);
        let word = self.word.as_mut().expect("a plain run is in a word");
        match last_space(out, written, plain.before) {
            // The open word was opened here: every byte read since its first letter is a letter
            // of it, written or dropped as a repeat.
            Some(space) => {
                let start = space + 1;
                let letters = (index - out.starts[start] as usize) as u32;
                let joinable_before = match crossed {
                    Some((at, kind)) if at == space => kind,
                    _ => Some(' '),
                };
                *word = Word { start, letters, digits: 0, symbol_leet: false, last_letter, joinable_before };
            }
            None => {
                let letters = letters + (index - entered) as u32;
                if let Some(joinable_before) = opened {
                    *word = Word {
                        start: word_start,
                        letters,
                        digits: 0,
                        symbol_leet: false,
                        last_letter,
                        joinable_before,
                    };
                } else {
                    word.letters = letters;
                    word.last_letter = last_letter;
                }
            }
        }
        index
    }

    /// After a digit: the digits that follow it, copied in bulk as [`WordFolder::digit`] writes
    /// them. Then, if closing the word is a no-op, the ASCII separators after it are crossed as
    /// in [`WordFolder::plain_run`] (`2024 kata`, `Rp50.000, kata`), and a plain run starts at
    /// the letter after them, if there is one. Returns the index after what it consumed.
    ///
    /// Closing a word with digits is a no-op when the word has two bytes or more (it is not a
    /// single digit that may be spaced out), no streak of single letters is pending, and leet
    /// folding changes nothing in it: it has no letters, or no run of leet digits between two
    /// letters and no leet symbol (then [`leet::fold_digits`] folds nothing).
    fn digit_run(&mut self, bytes: &[u8], mut index: usize) -> usize {
        let (Some(word), None) = (self.word.as_mut(), self.pending_symbol) else { return index };
        let digits = bytes[index..].iter().take_while(|b| b.is_ascii_digit()).count();
        if digits > 0 {
            word.digits += digits as u32;
            self.out.bytes.extend_from_slice(&bytes[index..index + digits]);
            self.out.starts.extend(index as u32..(index + digits) as u32);
            index += digits;
        }
        let folded = &self.out.bytes[word.start..];
        // The digit before `index` (written by `WordFolder::digit`) and those after it end the
        // word: when they are all its digits, no run of them is followed by a letter.
        let only_trailing_digits = word.digits == digits as u32 + 1;
        let no_op_close = self.streak.is_empty()
            && folded.len() >= 2
            && (!self.options.leet
                || word.letters == 0
                || (!word.symbol_leet && (only_trailing_digits || !leet::has_inner_leet(folded))));
        if !no_op_close {
            return index;
        }
        let Some((end, run)) = cross_separators(bytes, index, self.options.leet) else { return index };
        if !bytes.get(end).is_some_and(|&b| ASCII_LETTER[b as usize] != 0) {
            self.word = None;
            self.separators = Some(run);
            return end;
        }
        self.out.push(b' ', run.start);
        let plain = Plain::AFTER_SPACE;
        let opened = Some(run.joinable.then_some(run.kind));
        self.plain_words(bytes, end, plain, self.out.len(), 0, opened)
    }

    fn char(&mut self, c: char, origin: u32) {
        if c.is_ascii() {
            self.ascii(c as u8, origin);
        } else if is_pictograph(c) {
            self.separated(c, origin);
        } else if c.is_alphanumeric() {
            self.letter(c, origin);
        } else {
            self.separator(c, origin);
        }
    }

    /// Starts a word if none is open, writing the space for the separators before it.
    fn open_word(&mut self) -> &mut Word {
        if self.word.is_none() {
            let mut joinable_before = None;
            if let Some(run) = self.separators.take() {
                if !self.out.is_empty() {
                    self.out.push(b' ', run.start);
                    joinable_before = run.joinable.then_some(run.kind);
                }
            }
            self.word = Some(Word {
                start: self.out.len(),
                letters: 0,
                digits: 0,
                symbol_leet: false,
                last_letter: None,
                joinable_before,
            });
        }
        self.word.as_mut().expect("word is open")
    }

    fn resolve_pending_symbol(&mut self) {
        if let Some((symbol, origin)) = self.pending_symbol.take() {
            let letter = skeleton(leet::letter_for(symbol).expect("pending symbols are leet"));
            self.word.as_mut().expect("a pending symbol follows a letter or a digit").symbol_leet = true;
            self.letter(letter as char, origin);
        }
    }

    fn letter(&mut self, c: char, origin: u32) {
        self.resolve_pending_symbol();
        let collapse = self.options.repeats;
        let word = self.open_word();
        word.letters += 1;
        if collapse && word.last_letter == Some(c) {
            return;
        }
        word.last_letter = Some(c);
        self.out.push_char(c, origin);
    }

    fn digit(&mut self, byte: u8, origin: u32) {
        self.resolve_pending_symbol();
        let word = self.open_word();
        word.digits += 1;
        word.last_letter = None;
        self.out.push(byte, origin);
    }

    fn symbol(&mut self, byte: u8, origin: u32) {
        // In a word, after a letter or a digit (`j@had`, `8@bi`, `1|nk`).
        if self.word.is_some() && self.pending_symbol.is_none() {
            self.pending_symbol = Some((byte, origin));
        } else {
            self.separator(byte as char, origin);
        }
    }

    fn separator(&mut self, c: char, origin: u32) {
        self.separated(separator_char(c), origin);
    }

    /// [`WordFolder::separator`] of `c`, already a [`separator_char`].
    fn separated(&mut self, c: char, origin: u32) {
        if let Some((symbol, symbol_origin)) = self.pending_symbol.take() {
            self.close_word();
            self.separators = Some(SeparatorRun::begin(symbol as char, symbol_origin));
        } else {
            self.close_word();
        }
        self.add_separator(c, origin);
    }

    /// Adds separator `c` (a [`separator_char`]) at `origin` to the run since the last word.
    #[inline(always)]
    fn add_separator(&mut self, c: char, origin: u32) {
        match &mut self.separators {
            Some(run) => run.extend(c),
            None => self.separators = Some(SeparatorRun::begin(c, origin)),
        }
    }

    fn close_word(&mut self) {
        let Some(word) = self.word.take() else { return };
        if self.options.leet && word.digits > 0 && word.letters > 0 {
            let end = self.out.len();
            self.fix_word(word.start..end, word.symbol_leet);
        }
        if self.options.spaced {
            self.track_spaced(word);
        }
    }

    /// Turns leet digits of a finished word into letters and collapses the repeats this makes.
    fn fix_word(&mut self, region: Range<usize>, symbol_leet: bool) -> usize {
        let changed = leet::fold_digits(&mut self.out.bytes[region.clone()], symbol_leet);
        if changed && self.options.repeats {
            collapse_repeats(self.out, region)
        } else {
            region.end
        }
    }

    fn track_spaced(&mut self, word: Word) {
        let text = &self.out.bytes[word.start..];
        let first = text.first().copied();
        let single = first.is_some_and(|b| text.len() == utf8_len(b) && (is_word_byte(b) || leet::is_leet_digit(b)));
        match first {
            Some(first) if single => self.streak.push(word.start, is_word_byte(first), word.joinable_before),
            _ => self.join_spaced(),
        }
    }

    /// Ends the streak of single-character words, joining the parts that are spaced-out words.
    fn join_spaced(&mut self) {
        if self.streak.is_empty() {
            return;
        }
        let bytes = &self.out.bytes;
        let (leet, repeats) = (self.options.leet, self.options.repeats);
        let regions = self
            .streak
            .finish(|position| utf8_len(bytes[position]), |region| repeats && joins_to_one_char(&bytes[region], leet));
        for region in regions.iter().filter(|region| !region.is_empty()) {
            let starts = &self.out.starts;
            self.out.joined.push(starts[region.start]..starts[region.end - 1] + 1);
        }
        // Right to left, so joining one region leaves the offsets of the others valid.
        for region in regions.iter().rev().cloned() {
            let mut end = self.out.retain_in(region.clone(), |bytes, i| bytes[i] != b' ');
            if self.options.leet {
                leet::fold_digits(&mut self.out.bytes[region.start..end], false);
            }
            if self.options.repeats {
                end = collapse_repeats(self.out, region.start..end);
            }
            debug_assert!(end <= self.out.len());
        }
    }

    fn finish(mut self, text_len: u32) {
        let tail = match (self.pending_symbol, self.separators) {
            (Some((_, origin)), _) => origin,
            (None, Some(run)) if self.word.is_none() => run.start,
            _ => text_len,
        };
        self.pending_symbol = None;
        self.close_word();
        self.join_spaced();
        self.out.starts.push(tail);
        self.out.streak = std::mem::take(&mut self.streak);
    }
}

/// Whether the single characters of a spaced-out region (`a a a`, `i i i` from `L-I-l`, `o 0 o`)
/// are one letter over and over once joined and leet-folded, so that collapsing repeats leaves
/// a single character. Allocates only for a region of one letter and digits.
fn joins_to_one_char(region: &[u8], leet: bool) -> bool {
    let text = std::str::from_utf8(region).expect("a region holds whole characters");
    let mut letters = text.chars().filter(|&c| c != ' ' && !c.is_ascii_digit());
    let Some(letter) = letters.next() else { return false };
    if letters.any(|c| c != letter) {
        return false;
    }
    if !region.iter().any(u8::is_ascii_digit) {
        return true;
    }
    if !leet {
        return false;
    }
    // Digits that may stand for the letter: fold the joined word as `join_spaced` will.
    let mut joined: Vec<u8> = region.iter().copied().filter(|&b| b != b' ').collect();
    leet::fold_digits(&mut joined, false);
    std::str::from_utf8(&joined).expect("leet folds ASCII into ASCII").chars().all(|c| c == letter)
}

/// The ASCII separators at `index`, after a word whose closing is a no-op: where they end, and
/// the separators summarised as [`WordFolder::separator`] would. `None` if there are none, or
/// if the first is a leet symbol that may still be a letter.
///
/// Leet symbols that cannot be letters count as separators: after the word, a symbol is a letter
/// only if a letter or a digit follows it, or a non-ASCII letter ([`WordFolder::symbol`] keeps
/// it pending until then), so it is taken only when another separator follows it; after a
/// separator, it is a separator.
#[inline(always)]
fn cross_separators(bytes: &[u8], index: usize, leet: bool) -> Option<(usize, SeparatorRun)> {
    let rest = &bytes[index..];
    let count = rest.iter().position(|&b| !ASCII_SEPARATOR[b as usize]).unwrap_or(rest.len());
    if count == 0 {
        return None;
    }
    let first = rest[0];
    if count == 1 && classify_ascii(first, leet) == Class::LeetSymbol {
        return None;
    }
    let mut run = SeparatorRun::begin(separator_char(first as char), index as u32);
    for &b in &rest[1..count] {
        run.extend(separator_char(b as char));
    }
    Some((index + count, run))
}

/// [`cross_separators`] in a few instructions for the separators most often found between two
/// words: one punctuation mark, alone or followed by a space, then a letter (`kata, kata`,
/// `kata. Kata`, `naik-naik`). `None` for anything else, which [`cross_separators`] reads.
#[inline(always)]
fn cross_punctuation(bytes: &[u8], index: usize, leet: bool) -> Option<(usize, SeparatorRun)> {
    let is_letter = |at: usize| bytes.get(at).is_some_and(|&b| ASCII_LETTER[b as usize] != 0);
    let mark = bytes[index];
    if !mark.is_ascii_punctuation() {
        return None;
    }
    // The mark is not white space, so it is the run's kind, and a space after it changes nothing
    // but the count (`SeparatorRun::extend`).
    let run = |count| SeparatorRun {
        start: index as u32,
        count,
        kind: mark as char,
        joinable: spaced::is_joiner(mark as char),
    };
    if bytes.get(index + 1) == Some(&b' ') && is_letter(index + 2) {
        return Some((index + 2, run(2)));
    }
    // Alone, a leet symbol may still be a letter.
    let symbol = leet && classify_ascii(mark, leet) == Class::LeetSymbol;
    (!symbol && is_letter(index + 1)).then(|| (index + 1, run(1)))
}

/// The folded offset of the last space written since `written`, found from `before`, the last
/// folded bytes of a plain run (they hold the last seven written bytes or more, and all of
/// them if fewer than eight), or by reading back if none of them is a space.
fn last_space(out: &Folded, written: usize, before: Lanes) -> Option<usize> {
    let len = out.len() - written;
    let after_space = before.after_last_space();
    if after_space < len.min(8) {
        Some(out.len() - 1 - after_space)
    } else if len < 8 {
        None
    } else {
        out.bytes[written..].iter().rposition(|&byte| byte == b' ').map(|space| written + space)
    }
}

/// ASCII bytes that are neither letters nor digits: separators, or leet symbols (`@ $ ! |`)
/// where [`cross_separators`] takes them for separators.
static ASCII_SEPARATOR: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 128 {
        table[byte] = !(byte as u8).is_ascii_alphanumeric();
        byte += 1;
    }
    table
};

/// ASCII letters folded (lower case, then [`skeleton`]); 0 for every other byte.
static ASCII_LETTER: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 128 {
        let lower = (byte as u8).to_ascii_lowercase();
        if lower.is_ascii_lowercase() {
            table[byte] = if lower == b'l' { b'i' } else { lower };
        }
        byte += 1;
    }
    table
};

/// Where a plain run is: the last two folded bytes, and whether closing the open word is a
/// no-op if it has two letters or more.
#[derive(Clone, Copy, Debug)]
struct Plain {
    /// The last two folded bytes, in the top two lanes (as if they ended a chunk).
    before: Lanes,
    may_close: bool,
}

impl Plain {
    /// After the space that opens a word.
    const AFTER_SPACE: Plain = Plain { before: Lanes { folded: splat(b' '), spaces: HIGHS }, may_close: true };
}

/// Eight folded lanes of a `u64` (see [`take_plain`]), and which of them are spaces: the high
/// bit of each lane that is one.
#[derive(Clone, Copy, Debug)]
struct Lanes {
    folded: u64,
    spaces: u64,
}

impl Lanes {
    /// `before_last` and `last` in the top two lanes, as if they ended a chunk.
    fn before(before_last: u8, last: u8) -> Lanes {
        let folded = u64::from(before_last) << 48 | u64::from(last) << 56;
        Lanes { folded, spaces: zero_bytes(folded ^ splat(b' ')) }
    }

    /// The top lane.
    fn last(self) -> u8 {
        (self.folded >> 56) as u8
    }

    fn last_is_space(self) -> bool {
        self.spaces >> 63 != 0
    }

    fn before_last_is_space(self) -> bool {
        self.spaces >> 55 & 1 != 0
    }

    /// How many lanes come after the last space (8 if there is none).
    fn after_last_space(self) -> usize {
        self.spaces.leading_zeros() as usize / 8
    }

    /// The lanes of `self` followed by the first `count` lanes of `next` (up to 7), the last
    /// eight of them.
    fn then(self, next: Lanes, count: usize) -> Lanes {
        // One double-width shift each (`shrd` on x86-64); the mask tells the compiler that the
        // shift is below 64, so it needs no code for larger ones. 0.7 instructions per byte of
        // the benchmark fewer than two shifts each, once per plain segment.
        let shift = (8 * count) & 63;
        let join = |before: u64, next: u64| ((u128::from(next) << 64 | u128::from(before)) >> shift) as u64;
        Lanes { folded: join(self.folded, next.folded), spaces: join(self.spaces, next.spaces) }
    }
}

/// Scans, from `index`, bytes that fold one for one with no word bookkeeping: ASCII letters
/// that do not repeat the last letter (when `collapse`), and single spaces between letters
/// that close a word of at least two letters (the byte before the last is then not a space)
/// when closing it is a no-op. Appends what it takes to `out` and returns where it stopped.
///
/// It reads eight bytes at a time and [`take_plain`] says how many of them it takes, so a word
/// end costs no branch of its own (a branch on "is this a space?" mispredicts at random word
/// ends). It takes a space without looking ahead, and gives it back at the end if no letter
/// followed.
///
/// The loop goes on only after a chunk taken whole, so every chunk but the last is appended
/// whole and only the last is cut back, and the two folded bytes before a chunk are the top
/// lanes of the chunk before it.
#[inline]
fn scan_plain(bytes: &[u8], start: usize, plain: &mut Plain, collapse: bool, out: &mut Folded) -> usize {
    let mut before = plain.before;
    let mut index = start;
    let close_mask = u64::from(!plain.may_close).wrapping_neg();
    let collapse_mask = u64::from(collapse).wrapping_neg();
    let (lanes, taken) = loop {
        // One length test (a range `get` tests for overflow too): 0.4 instructions per byte.
        let chunk = match bytes[index..].first_chunk::<8>() {
            Some(chunk) => *chunk,
            None => {
                // The end of the text: a zero byte is never taken.
                let mut padded = [0u8; 8];
                padded[..bytes.len() - index].copy_from_slice(&bytes[index..]);
                padded
            }
        };
        let (lanes, taken) = take_plain(u64::from_le_bytes(chunk), before, close_mask, collapse_mask);
        // All eight are appended (one store of fixed size each); the last chunk is cut back below.
        out.bytes.extend_from_slice(&lanes.folded.to_le_bytes());
        let origin = index as u32;
        out.starts.extend_from_slice(&std::array::from_fn::<u32, 8, _>(|k| origin + k as u32));
        index += taken;
        if taken < 8 {
            break (lanes, taken);
        }
        before = lanes;
    };
    let mut cut = 8 - taken;
    before = before.then(lanes, taken);
    if before.last_is_space() && index > start {
        // A space with no letter after it: the general path decides what it separates.
        index -= 1;
        cut += 1;
        // The two bytes before the space are letters (it was taken), and are now the last two.
        before.folded <<= 8;
        before.spaces <<= 8;
    }
    out.bytes.truncate(out.bytes.len() - cut);
    out.starts.truncate(out.starts.len() - cut);
    plain.before = before;
    index
}

/// `byte` in every byte of a `u64`.
pub(crate) const fn splat(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// The high bit of every byte.
const HIGHS: u64 = splat(0x80);

/// The high bit of each byte of `x` that is zero. Exact for every byte (no carry from one byte
/// into the next), unlike the shorter test for "some byte is zero".
#[inline]
pub(crate) fn zero_bytes(x: u64) -> u64 {
    !(((x & !HIGHS) + !HIGHS) | x) & HIGHS
}

/// The high bit of each byte of `x` that is zero, exact in every byte below 0x80 that has none
/// of 0x81 or more before it; such a byte may be taken for a zero, and carries into the byte
/// after it. Two operations fewer than [`zero_bytes`], for [`take_plain`], where a byte of 0x80
/// or more stops the scan and the bytes after it do not matter.
#[inline]
fn ascii_zero_bytes(x: u64) -> u64 {
    !x.wrapping_add(!HIGHS) & HIGHS
}

/// [`scan_plain`]'s test on eight bytes at once, SWAR: a `u64` as eight lanes of one byte,
/// little-endian, so the first byte is the lowest lane. The top two lanes of `before` are the
/// two folded bytes before the chunk. Returns the eight bytes folded (with their spaces) and
/// how many of them a byte by byte scan takes before it stops: letters that do not repeat the
/// byte before them (any letter when `collapse_mask` is zero), and spaces after two letters
/// (none when `close_mask` is all ones: the word may not be closed here).
///
/// Both flags come as masks, computed once per scan: a mask costs one `and`, where a test of a
/// flag in the loop cost two instructions and a reload (0.3 instructions per byte of normalize).
///
/// Only the lanes up to the first one not taken need be right: a byte of 0x80 or more marks
/// its own lane and may carry into the lanes after it, never into those before.
#[inline]
fn take_plain(chunk: u64, before: Lanes, close_mask: u64, collapse_mask: u64) -> (Lanes, usize) {
    // Setting bit 5 makes capitals lower case and keeps the space a space.
    let lower = chunk | splat(0x20);
    // In an ASCII lane, adding less than 0x80 sets the high bit exactly when the lane is at
    // least 0x80 minus what was added.
    // (A lane of 0x80 or more may carry out of the top lane: hence `wrapping_add`.)
    let letters = lower.wrapping_add(splat(0x80 - b'a')) & !lower.wrapping_add(splat(0x80 - b'z' - 1));
    // In the lanes before the first one of 0x80 or more (which stops the scan), all ASCII.
    let spaces = ascii_zero_bytes(chunk ^ splat(b' '));
    let mut stop = (chunk | !(letters | spaces)) & HIGHS;
    // `l` folds into `i`.
    let folded = lower - (ascii_zero_bytes(lower ^ splat(b'l')) >> 7) * u64::from(b'l' - b'i');
    // A repeat: a lane equal to the one before it.
    stop |= ascii_zero_bytes(folded ^ (folded << 8 | before.folded >> 56)) & collapse_mask;
    // A space closes a word, which must have two folded letters or more and a closing that is
    // a no-op: no space one or two lanes before it. Grouped as two shifts of the 128 bits
    // `spaces:before.spaces` (one `shld` each on x86-64), and with `close_mask`, not a branch:
    // 1.1 instructions per byte of the benchmark fewer than four shifts and an `if`.
    let short = (spaces << 8 | before.spaces >> 56) | (spaces << 16 | before.spaces >> 48);
    stop |= spaces & (short | close_mask);
    (Lanes { folded, spaces }, stop.trailing_zeros() as usize / 8)
}

/// Folds letters that evasions use interchangeably into one: `l` into `i` (`l`, `I`, `1`, `|`
/// all stand for either). Applied to every ASCII letter, on both sides, so it never misses.
fn skeleton(byte: u8) -> u8 {
    if byte == b'l' {
        b'i'
    } else {
        byte
    }
}

/// Collapses runs of one repeated letter inside `region`; returns the region's new end.
fn collapse_repeats(out: &mut Folded, region: Range<usize>) -> usize {
    if out.bytes[region.clone()].is_ascii() {
        return collapse_ascii_repeats(out, region);
    }
    let mut write = region.start;
    let mut read = region.start;
    // The last letter written, as a byte range of the written part.
    let mut previous: Option<Range<usize>> = None;
    while read < region.end {
        let len = utf8_len(out.bytes[read]);
        let letter = is_word_byte(out.bytes[read]);
        let repeat = letter
            && previous.as_ref().is_some_and(|p| p.len() == len && out.bytes[p.clone()] == out.bytes[read..read + len]);
        if !repeat {
            for offset in 0..len {
                out.bytes[write + offset] = out.bytes[read + offset];
                out.starts[write + offset] = out.starts[read + offset];
            }
            previous = letter.then_some(write..write + len);
            write += len;
        }
        read += len;
    }
    out.bytes.drain(write..region.end);
    out.starts.drain(write..region.end);
    write
}

/// [`collapse_repeats`] of an ASCII region, where every character is one byte: the region is
/// most often a short word with leet or a spaced-out word, and comparing byte ranges cost
/// hundreds of instructions for each.
fn collapse_ascii_repeats(out: &mut Folded, region: Range<usize>) -> usize {
    let Folded { bytes, starts, .. } = out;
    let mut write = region.start;
    // The last letter written, or 0 after anything else.
    let mut previous = 0;
    for read in region.clone() {
        let byte = bytes[read];
        if byte == previous && previous != 0 {
            continue;
        }
        previous = if is_word_byte(byte) { byte } else { 0 };
        bytes[write] = byte;
        starts[write] = starts[read];
        write += 1;
    }
    bytes.drain(write..region.end);
    starts.drain(write..region.end);
    write
}

fn utf8_len(lead: u8) -> usize {
    match lead {
        0x00..=0x7f => 1,
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    }
}

/// Up to eight bytes as one number, the first byte lowest, zeros after: how a short word or
/// affix of the folded text (which has no zero byte) is compared or hashed at once, as the
/// lexicon's key of an informal word and the affix tables' keys.
pub(crate) fn packed_bytes(bytes: &[u8]) -> u64 {
    debug_assert!(bytes.len() <= 8);
    bytes.iter().rev().fold(0, |key, &byte| key << 8 | u64::from(byte))
}

/// Whether a folded byte belongs to a letter (ASCII `a`–`z`, or any non-ASCII character, since
/// folding turns non-ASCII separators into spaces).
pub(crate) fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_lowercase() || byte >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fold(text: &str) -> String {
        Normalizer::default().fold(text)
    }

    #[test]
    fn pictographs_are_separators_that_fold_to_themselves() {
        for c in (0..=0x10ffff).filter_map(char::from_u32).filter(|&c| is_pictograph(c)) {
            assert!(!c.is_alphanumeric() && separator_char(c) == c, "{c:?}");
        }
        assert_eq!(fold("kata😂🔥kata ✅ 🇮🇩 j😂i😂h😂a😂d"), "kata kata jihad");
    }

    #[test]
    fn separators_become_one_space_and_are_trimmed() {
        assert_eq!(fold("  bom,  bunuh\t\ndiri!!  "), "bom bunuh diri");
        assert_eq!(fold("🔥🔥 slot 🔥 gacor 🔥"), "siot gacor");
    }

    #[test]
    fn leet_only_inside_words() {
        assert_eq!(fold("j1h4d"), "jihad");
        assert_eq!(fold("sl0t g4c0r"), "siot gacor");
        assert_eq!(fold("2024 100 3x 4d"), "2024 100 3x 4d");
        // `x` is not leet: respelling reads it as `-nya` (src/normalize/respell.rs).
        assert_eq!(fold("anak2 hati2 anakx"), "anak2 hati2 anaknya");
        assert_eq!(fold("j@had b!s4"), "jahad bisa");
        assert_eq!(fold("@admin halo!"), "admin haio");
        // A symbol after a digit inside a word is a letter too.
        assert_eq!(fold("8@bi 1|nk s1@p"), "babi ink siap");
        assert_eq!(fold("100$ 5! 2@"), "100 5 2");
    }

    #[test]
    fn repeats_collapse() {
        assert_eq!(fold("jihaaaaad"), "jihad");
        assert_eq!(fold("sl00000t"), "siot");
    }

    #[test]
    fn spaced_letters_join_without_gluing_words() {
        assert_eq!(fold("j i h a d"), "jihad");
        assert_eq!(fold("j.i.h.a.d kapan"), "jihad kapan");
        assert_eq!(fold("L-I-V-E-S-L-0-T"), "ivesiot");
        assert_eq!(fold("L-I-V-E S-L-0-T"), "ive siot");
        assert_eq!(fold("saya di sini"), "saya di sini");
        assert_eq!(fold("R.I. dan A.S."), "r i dan a s");
        assert_eq!(fold("make a p-i-p-e b-o-m-b"), "make a pipe bomb");
        assert_eq!(fold("usaha: 1 b.a.g.i s.e.m.u.a"), "usaha 1 bagi smua");
    }

    #[test]
    fn origin_covers_evasion_characters() {
        let text = "ayo j-\u{200B}i\u{0301}-h-a-a-d!!";
        let mut folded = Folded::default();
        Normalizer::default().fold_into(text, &mut folded);
        assert_eq!(folded.as_str(), "ayo jihad");
        let span = folded.origin(4..9);
        assert_eq!(&text[span], "j-\u{200B}i\u{0301}-h-a-a-d");
    }

    /// Folds `text` with and without the plain-run fast path, under every option combination,
    /// and checks that the folded bytes and the offset maps are the same.
    fn assert_fast_path_agrees(text: &str) {
        for options in NormalizeOptions::all_combinations() {
            let normalizer = Normalizer::new(options);
            let (mut fast, mut general) = (Folded::default(), Folded::default());
            normalizer.fold_with(text, &mut fast, true);
            normalizer.fold_with(text, &mut general, false);
            assert_eq!(fast.as_str(), general.as_str(), "{text:?} under {options:?}");
            assert_eq!(fast.starts, general.starts, "{text:?} under {options:?}");
        }
    }

    #[test]
    fn plain_runs_end_where_the_general_path_must_decide() {
        let cases = [
            // A run ending in a single letter, which may be spaced out.
            "kata a b c",
            "kata a",
            "ya di a b c d",
            "ya d i a b c",
            // A word of one letter once its repeats collapse.
            "kata aaa b c",
            "kata aa",
            "ya aa bb cc",
            // `l` folds into `i`, so `li` is a repeat.
            "lihat liil Lilin bola ll l i l",
            // Repeated letters at either end of a word.
            "aaku kamuu dann ss",
            // Before digits, leet symbols and emoji.
            "kata 2021 kata2 sl0t kata 4d",
            "halo! b!sa j@had $aya |ah",
            "halo! kata halo!! kata halo!@ kata halo!kata halo !kata halo!2 kata! 🔥 kata!",
            "kata?! kata... kata!? kata @kata kata|kata kata$ $kata",
            "8@bi 1|nk s1@p 2!a 5@ 9@c0r 7! kata5! kata5!kata",
            "kata 🔥 kata🔥 kata\u{200B}kata é kata",
            // Separators other than one space.
            "kata, kata. kata: kata  kata\tkata\nkata - kata, a, b, c",
            "j.i.h.a.d kata j-i-h-a-d kata. a. b. c.",
            "make a p-i-p-e b.o.m.b, 1 c.h.i.p x y-z a b c-d-e",
            "R.I. dan A.S. ya",
            // Streaks pending when a plain word starts.
            "s l o t gacor a b kata",
            "a b kata c d e kata",
            // The end of the text, mid-word and after a space.
            "kata ",
            "kata",
            "ka",
            "k",
            "kata ka",
            "Saya SUKA Kamu",
        ];
        for text in cases {
            assert_fast_path_agrees(text);
        }
    }

    #[test]
    fn plain_runs_read_eight_bytes_at_a_time() {
        let cases = [
            // Runs of exactly 7, 8, 9 and 16 letters, alone and between spaces.
            "abcdefg",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijkmnopq",
            "kata abcdefgh abcdefg abcdefghi",
            // A chunk ending at a space, and at the space of a one-letter word.
            "abcdefg hijkmno pqrstuv",
            "abcdef a bcdefg",
            "abcdefg h i j kmnop",
            "abcdefgh i j k mnop",
            "kata, a b c kata. ab c d",
            "abcdefgh  ijkmnopq",
            // Repeats on either side of a chunk boundary, and `l`/`L`/`i`/`I` side by side.
            "abcdefgg hijk",
            "abcdefghh ijk",
            "abcdefgi iijk",
            "abcdefgl Lijk",
            "abcdefiL ILLi liIL",
            "liLIliLI iLiLiLiLi",
            // Capitals.
            "ABCDEFGH IJKMNOPQ Abcdefgh aBCDEFGh",
            // The text ending mid-chunk, at a space, and after eight bytes exactly.
            "kata ab",
            "kata abc ",
            "kata ab ",
            "katakata",
            // Numbers, then separators and words after them.
            "2024 kata 10rb kata Rp50.000, kata 25% kata",
            "anak2 kata hati2, kata j1h4d kata 8@bi kata",
            "1 kata 12 kata 5 a b c 2024 🔥 kata 2024",
            "kata 2024",
            "kata 2024 ",
            "kata, 2024 kata. 🔥 kata  \u{200B} kata - é",
            "kata @ 2 kata !! 2 kata !2 kata @é kata !é kata, !",
            "a 2024 kata s l o t 2024 kata",
        ];
        for text in cases {
            assert_fast_path_agrees(text);
        }
        // Every run length up to 18 after every offset up to 8, before every kind of word end.
        let ends = [
            "", " ", "  ", " a", " ab", ", ab", "a", "l", "2", " 2", "!", "! ", "🔥", " 🔥", " a b c", ", a b c",
            " a bc", " ab c d",
        ];
        for offset in 0..=8 {
            for len in 1..=18 {
                for end in ends {
                    let run: String = "bcdefghijkmnopqrstuvw"[..len].to_owned();
                    assert_fast_path_agrees(&format!("{}{run}{end}", &"kata ab c"[..offset]));
                }
            }
        }
    }

    #[test]
    fn plain_runs_agree_with_the_general_path_on_random_text() {
        const PIECES: &[&str] = &[
            "a", "b", "i", "l", "L", "s", "aa", "ll", "kata", "Kata", "lihat", "ss", "0", "1", "4", "2", " ", " ", " ",
            "  ", ",", ", ", ". ", ".", "-", "!", "@", "|", "$", "\n", "\t", "🔥", "é", "\u{200B}", "а", "𝐒",
        ];
        // Around the eight bytes the plain path reads at a time, and numbers.
        const CHUNK_PIECES: &[&str] = &["abcdefg", "abcdefgh", "Abcdefghi", "lIiL", "2024", "10rb", "%"];
        let pieces = [PIECES, CHUNK_PIECES].concat();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3_000 {
            let len = next() % 16;
            let text: String = (0..len).map(|_| pieces[(next() % pieces.len() as u64) as usize]).collect();
            assert_fast_path_agrees(&text);
        }
    }

    #[test]
    fn options_turn_steps_off() {
        let off = |f: fn(&mut NormalizeOptions)| {
            let mut options = NormalizeOptions::default();
            f(&mut options);
            Normalizer::new(options)
        };
        assert_eq!(off(|o| o.leet = false).fold("j1h4d"), "j1h4d");
        assert_eq!(off(|o| o.repeats = false).fold("jihaad"), "jihaad");
        assert_eq!(off(|o| o.spaced = false).fold("j i h a d"), "j i h a d");
    }
}
