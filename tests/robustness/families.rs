//! The evasion families: what an evader does to the words of a post, one small function each.
//!
//! A family works on [`Word`]s, the whitespace-separated tokens of the words that carry a match
//! (or of a benign text), and touches only the words marked `active`. Each function says which
//! words and letters it changes and with what probability; the draws come from a seeded
//! [`Rng`], so every run draws the same variants. A combination is a list of families applied in
//! order to the same words.

use proptest::prelude::RngExt;
use proptest::test_runner::{RngAlgorithm, TestRng};

/// A deterministic random source, seeded from strings (family, text, variant), so that every
/// variant of every example is reproducible on its own, whatever else the suite contains.
pub struct Rng(TestRng);

impl Rng {
    pub fn new(parts: &[&str]) -> Rng {
        // FNV-1a over the parts (each followed by a 0xff byte, which UTF-8 never contains),
        // spread over 32 bytes with SplitMix64.
        let mut hash = 0xcbf2_9ce4_8422_2325_u64;
        for part in parts {
            for &byte in part.as_bytes().iter().chain([0xff].iter()) {
                hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
            }
        }
        let mut seed = [0u8; 32];
        for chunk in seed.chunks_mut(8) {
            hash = hash.wrapping_add(0x9e37_79b9_7f4a_7c15);
            let mut z = hash;
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            chunk.copy_from_slice(&(z ^ (z >> 31)).to_le_bytes());
        }
        Rng(TestRng::from_seed(RngAlgorithm::ChaCha, &seed))
    }

    /// A number in `range`.
    pub fn range(&mut self, range: std::ops::Range<usize>) -> usize {
        self.0.random_range(range)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.0.random_bool(p)
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0..items.len())]
    }

    /// Indexes drawn from `candidates`, each with probability `p`, at least one when there is
    /// a candidate.
    pub fn subset(&mut self, candidates: &[usize], p: f64) -> Vec<usize> {
        let mut chosen: Vec<usize> = candidates.iter().copied().filter(|_| self.chance(p)).collect();
        if chosen.is_empty() && !candidates.is_empty() {
            chosen.push(*self.pick(candidates));
        }
        chosen
    }
}

/// One character of a word and what is attached after it (combining marks, invisible
/// characters, tatweel), so that later steps move or repeat the letter with its attachments.
#[derive(Clone, Debug)]
pub struct Unit {
    pub base: char,
    pub tail: String,
}

/// A whitespace-separated token: leading punctuation, the units of the word, trailing
/// punctuation, and how its letters are spaced out (if they are).
#[derive(Clone, Debug)]
pub struct Word {
    pub lead: String,
    pub units: Vec<Unit>,
    pub trail: String,
    pub spaced: Option<&'static str>,
    /// Whether the families may change this word.
    pub active: bool,
}

/// Characters that attach to the character before them.
fn attaches(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036f}' | '\u{0483}'..='\u{0489}' | '\u{064b}'..='\u{065f}' | '\u{0670}' | '\u{0640}'
        | '\u{06d6}'..='\u{06ed}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}'
        | '\u{fe20}'..='\u{fe2f}' | '\u{fe00}'..='\u{fe0f}')
        || INVISIBLE.contains(&c)
}

impl Word {
    pub fn parse(token: &str) -> Word {
        let core_start = token.find(char::is_alphanumeric).unwrap_or(token.len());
        let mut core_end =
            token.char_indices().rev().find(|(_, c)| c.is_alphanumeric()).map_or(core_start, |(i, c)| i + c.len_utf8());
        // Characters attached right after the last letter belong to the word.
        for c in token[core_end..].chars().take_while(|&c| attaches(c)) {
            core_end += c.len_utf8();
        }
        let mut units: Vec<Unit> = Vec::new();
        for c in token[core_start..core_end].chars() {
            match units.last_mut() {
                Some(last) if attaches(c) => last.tail.push(c),
                _ => units.push(Unit { base: c, tail: String::new() }),
            }
        }
        Word {
            lead: token[..core_start].to_owned(),
            units,
            trail: token[core_end..].to_owned(),
            spaced: None,
            active: true,
        }
    }

    pub fn render(&self) -> String {
        let mut out = self.lead.clone();
        for (i, unit) in self.units.iter().enumerate() {
            if i > 0 {
                if let Some(separator) = self.spaced {
                    out.push_str(separator);
                }
            }
            out.push(unit.base);
            out.push_str(&unit.tail);
        }
        out.push_str(&self.trail);
        out
    }

    /// The word's letters and digits as plain text (no attachments), lower case.
    pub fn core_lower(&self) -> String {
        self.units.iter().map(|u| u.base).collect::<String>().to_lowercase()
    }

    /// Replaces the word's units with `core` (respellings), keeping its punctuation.
    fn set_core(&mut self, core: &str) {
        self.units = core.chars().map(|base| Unit { base, tail: String::new() }).collect();
    }

    /// Indexes of the units whose base satisfies `f`.
    fn positions(&self, f: impl Fn(char) -> bool) -> Vec<usize> {
        self.units.iter().enumerate().filter(|(_, u)| f(u.base)).map(|(i, _)| i).collect()
    }

    fn has_arabic(&self) -> bool {
        self.units.iter().any(|u| is_arabic_letter(u.base))
    }
}

pub fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0620}'..='\u{063f}' | '\u{0641}'..='\u{064a}' | '\u{066e}'..='\u{06d3}' | '\u{06fa}'..='\u{06ff}')
}

/// A step of a family: changes the active words, drawing from the rng.
pub type Step = fn(&mut [Word], &mut Rng);

/// Which examples a family applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Script {
    /// Words with Latin letters (the Indonesian and English examples).
    Latin,
    /// Words with Arabic letters.
    Arabic,
}

/// An evasion family, or a combination of families applied in order.
pub struct Family {
    pub name: &'static str,
    pub steps: &'static [Step],
    pub script: Script,
}

impl Family {
    pub fn is_combination(&self) -> bool {
        self.steps.len() > 1
    }
}

/// Every single family, then every combination, in the order of the report.
pub const FAMILIES: &[Family] = &[
    Family { name: "leet tier 1", steps: &[leet_tier1], script: Script::Latin },
    Family { name: "leet tier 2", steps: &[leet_tier2], script: Script::Latin },
    Family { name: "leet at word edges", steps: &[leet_edges], script: Script::Latin },
    Family { name: "look-alike letters", steps: &[look_alikes], script: Script::Latin },
    Family { name: "styled fonts", steps: &[styled], script: Script::Latin },
    Family { name: "invisible characters", steps: &[invisible], script: Script::Latin },
    Family { name: "spaced letters", steps: &[spaced], script: Script::Latin },
    Family { name: "repeated letters", steps: &[repeated], script: Script::Latin },
    Family { name: "diacritics and Zalgo", steps: &[diacritics_zalgo], script: Script::Latin },
    Family { name: "id respelling: shortening", steps: &[id_shortening], script: Script::Latin },
    Family { name: "id respelling: old spelling", steps: &[id_old_spelling], script: Script::Latin },
    Family { name: "id respelling: -nya→x, 2", steps: &[id_suffix_x_reduplication], script: Script::Latin },
    Family { name: "Arabic tatweel and harakat", steps: &[arabic_tatweel_harakat], script: Script::Arabic },
    // Two families.
    Family { name: "leet 1 + spaced", steps: &[leet_tier1, spaced], script: Script::Latin },
    Family { name: "leet 2 + repeated", steps: &[leet_tier2, repeated], script: Script::Latin },
    Family { name: "leet 1 + invisible", steps: &[leet_tier1, invisible], script: Script::Latin },
    Family { name: "styled + invisible", steps: &[styled, invisible], script: Script::Latin },
    Family { name: "styled + repeated", steps: &[styled, repeated], script: Script::Latin },
    Family { name: "look-alike + spaced", steps: &[look_alikes, spaced], script: Script::Latin },
    Family { name: "look-alike + invisible", steps: &[look_alikes, invisible], script: Script::Latin },
    Family { name: "diacritics + repeated", steps: &[diacritics_zalgo, repeated], script: Script::Latin },
    Family { name: "shortening + leet 1", steps: &[id_shortening, leet_tier1], script: Script::Latin },
    Family { name: "Arabic + invisible", steps: &[arabic_tatweel_harakat, invisible], script: Script::Arabic },
    // Three families.
    Family { name: "look-alike + repeated + Zalgo", steps: &[look_alikes, repeated, zalgo], script: Script::Latin },
    Family {
        name: "leet 1 + look-alike + invisible",
        steps: &[leet_tier1, look_alikes, invisible],
        script: Script::Latin,
    },
    Family { name: "styled + spaced + repeated", steps: &[styled, spaced, repeated], script: Script::Latin },
    Family {
        name: "leet 2 + diacritics + invisible",
        steps: &[leet_tier2, diacritics_zalgo, invisible],
        script: Script::Latin,
    },
    Family {
        name: "Arabic + repeated + invisible",
        steps: &[arabic_tatweel_harakat, repeated, invisible],
        script: Script::Arabic,
    },
];

// --- leetspeak ----------------------------------------------------------------------------------

/// Leet tier 1: the five digits everyone reads (`a→4 e→3 i→1 o→0 s→5`).
const LEET_TIER1: &[(char, &[char])] = &[('a', &['4']), ('e', &['3']), ('i', &['1']), ('o', &['0']), ('s', &['5'])];

/// Leet tier 2: tier 1 plus the symbols and the less obvious digits (`@ $ ! | 6 7 8 9`), the
/// set `src/normalize/data/leet.tsv` claims. Tier 3 (`|<`, `()`, `/\`, `ph`, `+`, `€`) is not
/// generated: the normalizer does not claim it.
const LEET_TIER2: &[(char, &[char])] = &[
    ('a', &['4', '@']),
    ('b', &['8']),
    ('e', &['3']),
    ('g', &['6', '9']),
    ('i', &['1', '!', '|']),
    ('l', &['1', '|']),
    ('o', &['0']),
    ('s', &['5', '$']),
    ('t', &['7']),
];

/// Where in a word leet goes.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Where {
    /// Inside the word, and at an edge only along with leet inside and next to a letter:
    /// `sl0t`, `5l0t`, `g4c0r`, `j4g0t0g3l`. This is what evaders write: in the TikTok gambling
    /// set (read by a script, not copied), about 760 words with leet have it inside, and the
    /// two dozen with a digit only at an edge, or a run of digits at an edge, are nearly all
    /// counts and site names with their number (as `5jt`, `naga138`, `b0s88`).
    Inside,
    /// Where the normalizer's edge rule refuses it: one digit or symbol at the first or last
    /// letter and none inside (`5lot`, `puls4`, `$lot`, `@nda`, `n0`), or a run of two at an
    /// edge (`53l4mat`, `pul54`). Ordinary text looks like that (`3kali`, `1jam`, `kelas3`,
    /// `bab1` for chapter 1).
    Edge,
}

/// Replaces letters that have a leet form in the active words that are letters only (not
/// `a/n`, `50rb`), never every letter (a word of digits only is a number to any reader too).
///
/// `Inside` (words of three letters or more): each inner letter with probability 1/2 (at least
/// one), then each edge letter with probability 1/2, with a digit (a symbol at a word's edge is
/// punctuation or a mention: `halo!`, `@budi`) and only if the letter next to it stays a letter.
/// `Edge` (words of two letters or more): half the variants one edge letter alone, digit or
/// symbol; the other half the two letters at one edge, digits, and each inner letter with
/// probability 1/2.
fn leet(words: &mut [Word], rng: &mut Rng, table: &[(char, &[char])], place: Where) {
    let form = |c: char| table.iter().find(|(l, _)| *l == c.to_ascii_lowercase()).map(|(_, forms)| *forms);
    for word in words.iter_mut().filter(|w| w.active) {
        let n = word.units.len();
        let letters_only = word.units.iter().all(|u| u.base.is_alphabetic());
        if !letters_only || n < if place == Where::Inside { 3 } else { 2 } {
            continue;
        }
        let leetable = |i: usize| word.units[i].base.is_ascii_alphabetic() && form(word.units[i].base).is_some();
        let inner: Vec<usize> = (1..n - 1).filter(|&i| leetable(i)).collect();
        let mut chosen: Vec<(usize, bool)> = Vec::new(); // (unit, symbols allowed)
        match place {
            Where::Inside => {
                if inner.is_empty() {
                    continue;
                }
                chosen.extend(rng.subset(&inner, 0.5).into_iter().map(|i| (i, true)));
                for (edge, neighbour) in [(0, 1), (n - 1, n - 2)] {
                    let neighbour_chosen = chosen.iter().any(|&(i, _)| i == neighbour);
                    if leetable(edge) && !neighbour_chosen && rng.chance(0.5) {
                        chosen.push((edge, false));
                    }
                }
            }
            Where::Edge => {
                let (edge, neighbour) = if rng.chance(0.5) { (0, 1) } else { (n - 1, n - 2) };
                if rng.chance(0.5) || n < 4 {
                    if leetable(edge) {
                        chosen.push((edge, true));
                    }
                } else if leetable(edge) && leetable(neighbour) {
                    chosen.extend([(edge, false), (neighbour, false)]);
                    let others: Vec<usize> = inner.iter().copied().filter(|&i| i != neighbour).collect();
                    chosen.extend(others.into_iter().filter(|_| rng.chance(0.5)).map(|i| (i, false)));
                }
            }
        }
        if chosen.len() == n {
            chosen.pop();
        }
        for (i, symbols) in chosen {
            let forms: Vec<char> = form(word.units[i].base)
                .expect("a chosen letter has a leet form")
                .iter()
                .copied()
                .filter(|c| symbols || c.is_ascii_digit())
                .collect();
            if !forms.is_empty() {
                word.units[i].base = *rng.pick(&forms);
            }
        }
    }
}

/// Leet tier 1 (`sl0t g4c0r`, `j1h4d`, `b0m`).
pub fn leet_tier1(words: &mut [Word], rng: &mut Rng) {
    leet(words, rng, LEET_TIER1, Where::Inside);
}

/// Leet tier 2 (`s|07 9@c0r`, `j!h@d`, `pr0b3`).
pub fn leet_tier2(words: &mut [Word], rng: &mut Rng) {
    leet(words, rng, LEET_TIER2, Where::Inside);
}

/// Leet where the normalizer's edge rule refuses it, tiers 1 and 2 (`5lot`, `puls4`, `$lot`,
/// `@nda`, `pul54`).
pub fn leet_edges(words: &mut [Word], rng: &mut Rng) {
    leet(words, rng, LEET_TIER2, Where::Edge);
}

// --- look-alike letters --------------------------------------------------------------------------

/// Cyrillic and Greek letters whose prototype in Unicode's `confusables.txt` (UTS #39, 17.0.0,
/// Unicode License v3) is a single ASCII letter: every such letter, small and capital.
const LOOK_ALIKES: &[(char, &[char])] = &[
    ('A', &['Α', 'А']),
    ('B', &['Β', 'В']),
    ('C', &['С']),
    ('E', &['Ε', 'Е']),
    ('F', &['Ϝ']),
    ('G', &['Ԍ']),
    ('H', &['Η', 'Н']),
    ('J', &['Ϳ', 'Ј']),
    ('K', &['Κ', 'К']),
    ('M', &['Μ', 'Ϻ', 'М']),
    ('N', &['Ν']),
    ('O', &['Ο', 'О']),
    ('P', &['Ρ', 'Р']),
    ('S', &['Ѕ']),
    ('T', &['Τ', 'Т']),
    ('V', &['Ѵ']),
    ('W', &['Ԝ']),
    ('X', &['Χ', 'Х']),
    ('Y', &['Υ', 'У', 'Ү']),
    ('Z', &['Ζ']),
    ('a', &['α', 'а']),
    ('b', &['Ь']),
    ('c', &['с']),
    ('d', &['ԁ']),
    ('e', &['е', 'ҽ']),
    ('h', &['һ']),
    ('i', &['ι', 'і', 'ꙇ']),
    ('j', &['ϳ', 'ј']),
    ('l', &['Ι', 'І', 'ӏ', 'Ӏ']),
    ('o', &['ο', 'σ', 'о']),
    ('p', &['ρ', 'ϸ', 'р']),
    ('q', &['ԛ']),
    ('r', &['ᴦ', 'г']),
    ('s', &['ѕ']),
    ('u', &['υ']),
    ('v', &['ν', 'ѵ']),
    ('w', &['ѡ', 'ш', 'ԝ']),
    ('x', &['х']),
    ('y', &['γ', 'у', 'ү']),
];

/// Replaces, in every active word, each letter that has a Cyrillic or Greek look-alike with
/// probability 1/2 (at least one a word): mixed-script words are what homoglyph evaders write,
/// since a word in one script is easy to spot.
pub fn look_alikes(words: &mut [Word], rng: &mut Rng) {
    let form = |c: char| LOOK_ALIKES.iter().find(|(l, _)| *l == c).map(|(_, forms)| *forms);
    for word in words.iter_mut().filter(|w| w.active) {
        let candidates = word.positions(|c| form(c).is_some());
        for i in rng.subset(&candidates, 0.5) {
            word.units[i].base = *rng.pick(form(word.units[i].base).expect("a candidate has a look-alike"));
        }
    }
}

// --- styled fonts --------------------------------------------------------------------------------

/// A styled alphabet: where its capitals, small letters and digits start, and the letters that
/// Unicode encodes elsewhere (the holes of the Mathematical Alphanumeric block, filled by the
/// older Letterlike Symbols).
struct Style {
    capitals: u32,
    smalls: u32,
    digits: Option<u32>,
    exceptions: &'static [(char, char)],
}

const STYLES: &[Style] = &[
    // Mathematical bold, italic, bold italic, script, bold script, fraktur, double-struck, bold
    // fraktur, sans-serif, sans-serif bold, sans-serif italic, sans-serif bold italic, monospace.
    Style { capitals: 0x1d400, smalls: 0x1d41a, digits: Some(0x1d7ce), exceptions: &[] },
    Style { capitals: 0x1d434, smalls: 0x1d44e, digits: None, exceptions: &[('h', 'ℎ')] },
    Style { capitals: 0x1d468, smalls: 0x1d482, digits: None, exceptions: &[] },
    Style {
        capitals: 0x1d49c,
        smalls: 0x1d4b6,
        digits: None,
        exceptions: &[
            ('B', 'ℬ'),
            ('E', 'ℰ'),
            ('F', 'ℱ'),
            ('H', 'ℋ'),
            ('I', 'ℐ'),
            ('L', 'ℒ'),
            ('M', 'ℳ'),
            ('R', 'ℛ'),
            ('e', 'ℯ'),
            ('g', 'ℊ'),
            ('o', 'ℴ'),
        ],
    },
    Style { capitals: 0x1d4d0, smalls: 0x1d4ea, digits: None, exceptions: &[] },
    Style {
        capitals: 0x1d504,
        smalls: 0x1d51e,
        digits: None,
        exceptions: &[('C', 'ℭ'), ('H', 'ℌ'), ('I', 'ℑ'), ('R', 'ℜ'), ('Z', 'ℨ')],
    },
    Style {
        capitals: 0x1d538,
        smalls: 0x1d552,
        digits: Some(0x1d7d8),
        exceptions: &[('C', 'ℂ'), ('H', 'ℍ'), ('N', 'ℕ'), ('P', 'ℙ'), ('Q', 'ℚ'), ('R', 'ℝ'), ('Z', 'ℤ')],
    },
    Style { capitals: 0x1d56c, smalls: 0x1d586, digits: None, exceptions: &[] },
    Style { capitals: 0x1d5a0, smalls: 0x1d5ba, digits: Some(0x1d7e2), exceptions: &[] },
    Style { capitals: 0x1d5d4, smalls: 0x1d5ee, digits: Some(0x1d7ec), exceptions: &[] },
    Style { capitals: 0x1d608, smalls: 0x1d622, digits: None, exceptions: &[] },
    Style { capitals: 0x1d63c, smalls: 0x1d656, digits: None, exceptions: &[] },
    Style { capitals: 0x1d670, smalls: 0x1d68a, digits: Some(0x1d7f6), exceptions: &[] },
    // Fullwidth, circled, negative squared (capitals only, as the "🅂🄻🄾🅃" generators use them).
    Style { capitals: 0xff21, smalls: 0xff41, digits: Some(0xff10), exceptions: &[] },
    Style { capitals: 0x24b6, smalls: 0x24d0, digits: None, exceptions: &[] },
    Style { capitals: 0x1f170, smalls: 0x1f170, digits: None, exceptions: &[] },
];

/// Small capitals, the other alphabet of "fancy text" generators (`ꜱʟᴏᴛ ɢᴀᴄᴏʀ`); `x` has no
/// small capital and stays.
const SMALL_CAPITALS: &str = "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘǫʀꜱᴛᴜᴠᴡxʏᴢ";

fn stylise(c: char, style: Option<&Style>) -> char {
    let Some(style) = style else {
        return match c.to_ascii_lowercase() {
            l @ 'a'..='z' => SMALL_CAPITALS.chars().nth((l as u8 - b'a') as usize).expect("26 letters"),
            _ => c,
        };
    };
    if let Some(&(_, styled)) = style.exceptions.iter().find(|(plain, _)| *plain == c) {
        return styled;
    }
    let code = match c {
        'A'..='Z' => style.capitals + (c as u32 - 'A' as u32),
        'a'..='z' => style.smalls + (c as u32 - 'a' as u32),
        '0'..='9' => match style.digits {
            Some(digits) => digits + (c as u32 - '0' as u32),
            None => return c,
        },
        _ => return c,
    };
    char::from_u32(code).expect("styled alphabets are assigned code points")
}

/// Rewrites every letter (and digit, where the style has digits) of every active word in one
/// style, drawn per text: "fancy text" generators restyle the whole message.
pub fn styled(words: &mut [Word], rng: &mut Rng) {
    let choice = rng.range(0..STYLES.len() + 1);
    let style = STYLES.get(choice);
    for word in words.iter_mut().filter(|w| w.active) {
        for unit in &mut word.units {
            unit.base = stylise(unit.base, style);
        }
    }
}

// --- invisible characters ------------------------------------------------------------------------

/// Invisible characters seen between letters: zero width space, non-joiner and joiner, word
/// joiner, soft hyphen, byte order mark, invisible times and separator, Mongolian vowel
/// separator, combining grapheme joiner, Khmer inherent vowel.
pub const INVISIBLE: &[char] = &[
    '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{ad}', '\u{feff}', '\u{2062}', '\u{2063}', '\u{180e}',
    '\u{34f}', '\u{17b4}',
];

/// Inserts an invisible character in each gap between two characters of every active word,
/// with probability 1/2 (at least one gap a word).
pub fn invisible(words: &mut [Word], rng: &mut Rng) {
    for word in words.iter_mut().filter(|w| w.active && w.units.len() >= 2) {
        let gaps: Vec<usize> = (0..word.units.len() - 1).collect();
        for i in rng.subset(&gaps, 0.5) {
            let c = *rng.pick(INVISIBLE);
            word.units[i].tail.push(c);
        }
    }
}

// --- spaced letters ------------------------------------------------------------------------------

/// The separators of spaced-out letters: space, dot, dash, underscore.
const SEPARATORS: &[&str] = &[" ", ".", "-", "_"];

/// Spaces out the letters of a random half of the active words of three letters or more (at
/// least one), with one separator per text (`j.i.h.a.d`, `s l o t`). Two-letter words are left
/// (spacing them hides nothing), and so are words with punctuation inside (`a/n`, `i'dad`). When two neighbouring words are both spaced with spaces, the
/// text puts three spaces between them (see `render_words`), as a writer does to keep the
/// words apart for the reader.
pub fn spaced(words: &mut [Word], rng: &mut Rng) {
    let separator = *rng.pick(SEPARATORS);
    let plain = |w: &Word| w.units.len() >= 3 && w.units.iter().all(|u| u.base.is_alphanumeric());
    let candidates: Vec<usize> = (0..words.len()).filter(|&i| words[i].active && plain(&words[i])).collect();
    for i in rng.subset(&candidates, 0.5) {
        words[i].spaced = Some(separator);
    }
}

// --- repeated letters ----------------------------------------------------------------------------

/// Repeats one or two letters of every active word 2 to 5 extra times (`jihaaaad`, `gacorrr`,
/// `sl000t`). A digit is repeated only between two letters (a leet digit): at a word's edge a
/// run of one digit reads as a number, a site's lucky number at that (`gacor777`), and the
/// digits of a site's number are its name (`naga138` is not `naga11138`).
pub fn repeated(words: &mut [Word], rng: &mut Rng) {
    for word in words.iter_mut().filter(|w| w.active) {
        let n = word.units.len();
        let letters: Vec<usize> = (0..n)
            .filter(|&i| {
                let c = word.units[i].base;
                let letter = |j: usize| word.units[j].base.is_alphabetic();
                c.is_alphabetic() || (c.is_numeric() && i > 0 && i + 1 < n && letter(i - 1) && letter(i + 1))
            })
            .collect();
        if letters.is_empty() {
            continue;
        }
        let mut chosen: Vec<usize> = (0..rng.range(1..3)).map(|_| *rng.pick(&letters)).collect();
        chosen.sort_unstable();
        chosen.dedup();
        for &i in chosen.iter().rev() {
            let unit = word.units[i].clone();
            for _ in 0..rng.range(2..6) {
                word.units.insert(i + 1, unit.clone());
            }
        }
    }
}

// --- diacritics and Zalgo ------------------------------------------------------------------------

/// Precomposed letters with accents, and the barred and stroked letters that read as the plain
/// letter (`ø`, `ł`, `đ`, `ħ`).
const ACCENTED: &[(char, &str)] = &[
    ('a', "àáâãäåāăą"),
    ('c', "çćĉċč"),
    ('d', "ďđ"),
    ('e', "èéêëēĕėęě"),
    ('g', "ĝğġģ"),
    ('h', "ĥħ"),
    ('i', "ìíîïĩīĭį"),
    ('j', "ĵ"),
    ('k', "ķ"),
    ('l', "ĺļľł"),
    ('n', "ñńņň"),
    ('o', "òóôõöøōŏő"),
    ('r', "ŕŗř"),
    ('s', "śŝşš"),
    ('t', "ţťŧ"),
    ('u', "ùúûüũūŭůűų"),
    ('w', "ŵ"),
    ('y', "ýÿŷ"),
    ('z', "źżž"),
    ('A', "ÀÁÂÃÄÅ"),
    ('E', "ÈÉÊË"),
    ('I', "ÌÍÎÏ"),
    ('O', "ÒÓÔÕÖØ"),
    ('U', "ÙÚÛÜ"),
    ('N', "Ñ"),
    ('C', "Ç"),
    ('S', "Š"),
];

/// Appends 1 to 5 combining marks (U+0300..U+036F, the Zalgo range) to a unit.
fn add_marks(unit: &mut Unit, rng: &mut Rng) {
    for _ in 0..rng.range(1..6) {
        let mark = char::from_u32(0x300 + rng.range(0..0x70) as u32).expect("combining marks");
        unit.tail.push(mark);
    }
}

/// In every active word, each letter becomes a precomposed accented letter with probability
/// 1/2 (where there is one) and gets a stack of combining marks with probability 1/2; at least
/// one letter a word changes.
pub fn diacritics_zalgo(words: &mut [Word], rng: &mut Rng) {
    for word in words.iter_mut().filter(|w| w.active) {
        let letters = word.positions(char::is_alphabetic);
        let mut changed = false;
        for &i in &letters {
            let accented = ACCENTED.iter().find(|(c, _)| *c == word.units[i].base).map(|(_, forms)| *forms);
            if let Some(forms) = accented.filter(|_| rng.chance(0.5)) {
                let forms: Vec<char> = forms.chars().collect();
                word.units[i].base = *rng.pick(&forms);
                changed = true;
            }
            if rng.chance(0.5) {
                add_marks(&mut word.units[i], rng);
                changed = true;
            }
        }
        if !changed && !letters.is_empty() {
            let i = *rng.pick(&letters);
            add_marks(&mut word.units[i], rng);
        }
    }
}

/// Zalgo alone, for combinations: a stack of marks on each letter with probability 1/2 (at
/// least one a word).
pub fn zalgo(words: &mut [Word], rng: &mut Rng) {
    for word in words.iter_mut().filter(|w| w.active) {
        let letters = word.positions(char::is_alphabetic);
        for i in rng.subset(&letters, 0.5) {
            add_marks(&mut word.units[i], rng);
        }
    }
}

// --- Indonesian informal respelling -------------------------------------------------------------

/// Common shortenings of Indonesian words in chat and SMS, written from the maintainers'
/// knowledge: vowels dropped, colloquial forms. Written apart from the normalizer's lexicon
/// (`src/normalize/data/informal-id.tsv`, filtered from IndoCollex and louisowen6), so this
/// family measures how much of real shortening that lexicon covers; the two overlap, as any two
/// lists of common Indonesian shortenings do.
const SHORTENINGS: &[(&str, &[&str])] = &[
    ("yang", &["yg"]),
    ("dengan", &["dgn", "dg"]),
    ("saya", &["sy", "sya"]),
    ("untuk", &["utk", "untk"]),
    ("tidak", &["tdk", "gak", "ga", "nggak"]),
    ("tak", &["gak", "ga"]),
    ("sudah", &["sdh", "udah", "udh"]),
    ("juga", &["jg"]),
    ("sekarang", &["skrg", "skg"]),
    ("kamu", &["km", "kmu"]),
    ("lagi", &["lg", "lgi"]),
    ("bisa", &["bs", "bsa"]),
    ("tapi", &["tp"]),
    ("dari", &["dr"]),
    ("pada", &["pd"]),
    ("kepada", &["kpd"]),
    ("karena", &["krn", "karna"]),
    ("dalam", &["dlm"]),
    ("belum", &["blm"]),
    ("harus", &["hrs"]),
    ("orang", &["org"]),
    ("tolong", &["tlg"]),
    ("sama", &["sm"]),
    ("semua", &["smua", "smw"]),
    ("banget", &["bgt"]),
    ("mereka", &["mrk", "mreka"]),
    ("nomor", &["nmr", "no"]),
    ("hubungi", &["hub", "hubungin"]),
    ("telepon", &["telp", "tlp"]),
    ("jangan", &["jgn"]),
    ("langsung", &["lgsg", "lsg"]),
    ("saja", &["aja", "aj", "sj"]),
    ("bapak", &["bpk", "bp"]),
    ("sebelum", &["sblm"]),
    ("setelah", &["stlh"]),
    ("seperti", &["spt", "kyk"]),
    ("dapat", &["dpt", "dapet"]),
    ("kalau", &["klo", "kalo"]),
    ("akan", &["akn"]),
    ("mau", &["mo", "mw"]),
    ("semoga", &["smg", "smoga"]),
    ("hari", &["hr"]),
    ("malam", &["malem", "mlm"]),
    ("rekening", &["rek"]),
    ("transfer", &["tf", "trf"]),
    ("pulang", &["plg"]),
    ("cepat", &["cpt", "cepet"]),
    ("jadi", &["jd"]),
    ("besok", &["bsk"]),
    ("kita", &["kt"]),
    ("pasti", &["pst", "psti"]),
    ("sampai", &["sampe", "smp"]),
    ("bagaimana", &["gmn", "bgmn"]),
    ("atau", &["atw", "ato"]),
    ("terus", &["trs", "trus"]),
    ("baru", &["br"]),
    ("juta", &["jt"]),
    ("ribu", &["rb"]),
    ("selamat", &["slmt", "slamat"]),
    ("kasih", &["ksh"]),
    ("sedang", &["sdg", "lg"]),
    ("gimana", &["gmn"]),
    ("banyak", &["byk"]),
    ("bersama", &["bareng"]),
    ("silakan", &["silahkan", "slkn"]),
];

/// The schwa of a first syllable dropped, as in `slamat`, `skarang`, `brani`, `kluarga`,
/// (the normalizer folds both spellings by the same rule of Indonesian phonology, so what this
/// measures is that the rule holds end to end, through the other folding layers and the rules),
/// `greja`, `mreka`, `trus`: a word of five letters or more that starts consonant, `e`,
/// consonant, vowel, where the two consonants make a cluster Indonesian speakers say (`s` before
/// `k l m n p t`, or `b c d g k m p t` before `l r`).
fn drop_first_schwa(word: &str) -> Option<String> {
    let b = word.as_bytes();
    if !word.is_ascii() || b.len() < 5 || b[1] != b'e' || !b"aiuo".contains(&b[3]) {
        return None;
    }
    let cluster = (b[0] == b's' && b"klmnpt".contains(&b[2])) || (b"bcdgkmpt".contains(&b[0]) && b"lr".contains(&b[2]));
    cluster.then(|| format!("{}{}", &word[..1], &word[2..]))
}

/// Shortens every active Indonesian word that has a common short form (`yg`, `dgn`, `sy`,
/// `skrg`, `tdk`), else drops the schwa of its first syllable when it has one (`greja`).
pub fn id_shortening(words: &mut [Word], rng: &mut Rng) {
    for word in words.iter_mut().filter(|w| w.active) {
        let lower = word.core_lower();
        let short = match SHORTENINGS.iter().find(|(formal, _)| *formal == lower) {
            Some((_, forms)) => Some(rng.pick(forms).to_string()),
            None => drop_first_schwa(&lower),
        };
        if let Some(short) = short {
            word.set_core(&short);
        }
    }
}

/// The spelling before 1972 (Van Ophuijsen and Soewandi), written for effect or to dodge
/// filters: `oe` for `u`, `dj` for `j`, `tj` for `c`, `sj` for `sy`, `nj` for `ny`, `ch` for
/// `kh` (`boenoeh`, `djihad`, `sjahid`, `chilafah`). Every occurrence in every active word: a
/// writer who uses the old spelling uses it throughout. (`j` for `y` is left out: it would
/// turn `saya` into `saja`, another word.)
pub fn id_old_spelling(words: &mut [Word], _rng: &mut Rng) {
    for word in words.iter_mut().filter(|w| w.active) {
        let lower = word.core_lower();
        if !lower.is_ascii() {
            continue;
        }
        let old = old_spelling(&lower);
        if old != lower {
            word.set_core(&old);
        }
    }
}

/// The old spelling of a word in today's spelling, letter by letter.
fn old_spelling(word: &str) -> String {
    let bytes = word.as_bytes();
    let mut old = String::new();
    let mut i = 0;
    while i < bytes.len() {
        let pair = (bytes[i], bytes.get(i + 1).copied());
        let (spelling, len) = match pair {
            (b'k', Some(b'h')) => ("ch", 2),
            (b's', Some(b'y')) => ("sj", 2),
            (b'n', Some(b'y')) => ("nj", 2),
            (b'j', _) => ("dj", 1),
            (b'c', _) => ("tj", 1),
            (b'u', _) => ("oe", 1),
            _ => (&word[i..i + 1], 1),
        };
        old.push_str(spelling);
        i += len;
    }
    old
}

/// Informal morphology: the suffix `-nya` written `x` (`rumahnya` → `rumahx`), and
/// reduplication written with `2` (`orang-orang` → `orang2`, `mana-mana` → `mana2`).
pub fn id_suffix_x_reduplication(words: &mut [Word], _rng: &mut Rng) {
    for word in words.iter_mut().filter(|w| w.active) {
        let lower = word.core_lower();
        let mut informal = lower.clone();
        if let Some((first, second)) = informal.split_once('-') {
            if let Some(rest) = second.strip_prefix(first) {
                informal = format!("{first}2{rest}");
            }
        }
        if let Some(stem) = informal.strip_suffix("nya").filter(|stem| stem.len() >= 2) {
            informal = format!("{stem}x");
        }
        if informal != lower {
            word.set_core(&informal);
        }
    }
}

// --- Arabic tatweel and harakat ------------------------------------------------------------------

/// Harakat: fathatan, dammatan, kasratan, fatha, damma, kasra, shadda, sukun, superscript alef.
const HARAKAT: &[char] =
    &['\u{64b}', '\u{64c}', '\u{64d}', '\u{64e}', '\u{64f}', '\u{650}', '\u{651}', '\u{652}', '\u{670}'];

/// Letters that do not join the letter after them: no tatweel can follow them.
const RIGHT_JOINING: &str = "اأإآٱدذرزوؤةء";

/// In every active Arabic word, each letter gets a haraka with probability 3/5, and each gap
/// after a letter that joins forward gets 1 to 4 tatweels with probability 1/2 (`الـــله`).
pub fn arabic_tatweel_harakat(words: &mut [Word], rng: &mut Rng) {
    for word in words.iter_mut().filter(|w| w.active && w.has_arabic()) {
        let n = word.units.len();
        for i in 0..n {
            let base = word.units[i].base;
            if !is_arabic_letter(base) {
                continue;
            }
            if rng.chance(0.6) {
                let haraka = *rng.pick(HARAKAT);
                word.units[i].tail.push(haraka);
            }
            let joins_next = i + 1 < n && is_arabic_letter(word.units[i + 1].base) && !RIGHT_JOINING.contains(base);
            if joins_next && rng.chance(0.5) {
                for _ in 0..rng.range(1..5) {
                    word.units[i].tail.push('\u{640}');
                }
            }
        }
    }
}

/// Renders words with the whitespace that followed each, widening the gap between two
/// neighbouring words spaced out with spaces to three spaces.
pub fn render_words(words: &[(Word, String)]) -> String {
    let mut out = String::new();
    for (i, (word, gap)) in words.iter().enumerate() {
        out.push_str(&word.render());
        let next_spaced = words.get(i + 1).is_some_and(|(next, _)| next.spaced == Some(" "));
        if word.spaced == Some(" ") && next_spaced && gap == " " {
            out.push_str("   ");
        } else {
            out.push_str(gap);
        }
    }
    out
}
