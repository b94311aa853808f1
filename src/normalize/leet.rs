//! Leetspeak: digits and symbols standing for letters, folded only inside words.
//!
//! The table is [`data/leet.tsv`](data/leet.tsv); a test keeps [`LEET`] equal to it. A digit is
//! folded only where it cannot be an ordinary number or an Indonesian spelling:
//!
//! - a run of digits between two letters (`j1h4d`, `sl00t`) is leet;
//! - a single digit at the edge of a word (`4nj1ng`, `b4b1`) is leet only when the same word
//!   has leet inside it, so `kelas3`, `covid19`, `3x` and `4d` stay as they are;
//! - `2` is never leet (`anak2` is *anak-anak*), nor is `x` (`anakx` is *anaknya*).

/// Leetspeak characters and the letters they stand for.
pub(crate) const LEET: [(u8, u8); 13] = [
    (b'0', b'o'),
    (b'1', b'i'),
    (b'3', b'e'),
    (b'4', b'a'),
    (b'5', b's'),
    (b'6', b'g'),
    (b'7', b't'),
    (b'8', b'b'),
    (b'9', b'g'),
    (b'@', b'a'),
    (b'$', b's'),
    (b'!', b'i'),
    (b'|', b'i'),
];

/// [`LEET`] as a table indexed by byte: the letter, or 0.
static LETTERS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut i = 0;
    while i < LEET.len() {
        table[LEET[i].0 as usize] = LEET[i].1;
        i += 1;
    }
    table
};

/// The letter a leet character stands for.
pub(crate) fn letter_for(byte: u8) -> Option<u8> {
    Some(LETTERS[byte as usize]).filter(|&letter| letter != 0)
}

/// Whether `byte` is a digit that can stand for a letter.
pub(crate) fn is_leet_digit(byte: u8) -> bool {
    byte.is_ascii_digit() && letter_for(byte).is_some()
}

/// Folds the leet digits of one word in place (same length: one ASCII byte for another).
/// `symbol_leet` says a leet symbol inside the word was already folded. Returns whether
/// anything changed. Allocates nothing: it runs on every word with digits.
pub(crate) fn fold_digits(word: &mut [u8], symbol_leet: bool) -> bool {
    // Every decision reads only the run itself and the bytes just around it, which are not
    // digits and so belong to no run: folding one run cannot change the decision on another.
    let inner_leet = symbol_leet || has_inner_leet(word);
    if !inner_leet {
        // No run is inner and leetable, and an edge digit folds only beside inner leet: most
        // words with digits (`anak2`, `10rb`, `covid19`) stop here.
        return false;
    }
    let letters = word.iter().filter(|&&b| super::is_word_byte(b) && !(0x80..0xc0).contains(&b)).count();
    let mut changed = false;
    let mut from = 0;
    loop {
        let Some(run) = digit_runs(&word[from..]).next().map(|run| run.start + from..run.end + from) else { break };
        from = run.end;
        let fold = leetable(word, &run) && (is_inner(word, &run) || (run.len() == 1 && inner_leet && letters >= 2));
        if fold {
            for byte in &mut word[run] {
                *byte = super::skeleton(letter_for(*byte).expect("leetable"));
            }
            changed = true;
        }
    }
    changed
}

/// Whether a run of leet digits lies between two letters of `word` (`j1h4d`, `sl00t`): then
/// [`fold_digits`] folds it, and without one (and without a leet symbol) it folds nothing.
pub(crate) fn has_inner_leet(word: &[u8]) -> bool {
    // An inner run has a digit right before a letter: most words with digits (`anak2`,
    // `covid19`) have none, and this is cheaper than reading their runs.
    if !word.windows(2).any(|pair| pair[0].is_ascii_digit() && super::is_word_byte(pair[1])) {
        return false;
    }
    digit_runs(word).any(|run| is_inner(word, &run) && leetable(word, &run))
}

/// Whether the digit run `run` of `word` lies between two letters.
fn is_inner(word: &[u8], run: &std::ops::Range<usize>) -> bool {
    run.start > 0
        && super::is_word_byte(word[run.start - 1])
        && run.end < word.len()
        && super::is_word_byte(word[run.end])
}

/// Whether every digit of the run `run` of `word` stands for a letter.
fn leetable(word: &[u8], run: &std::ops::Range<usize>) -> bool {
    word[run.clone()].iter().all(|&b| is_leet_digit(b))
}

/// The maximal runs of ASCII digits in `word`.
fn digit_runs(word: &[u8]) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut index = 0;
    std::iter::from_fn(move || {
        while index < word.len() && !word[index].is_ascii_digit() {
            index += 1;
        }
        if index == word.len() {
            return None;
        }
        let start = index;
        while index < word.len() && word[index].is_ascii_digit() {
            index += 1;
        }
        Some(start..index)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_matches_its_data_file() {
        let data: Vec<(u8, u8)> = include_str!("data/leet.tsv")
            .lines()
            .filter(|line| !line.starts_with('#') && !line.trim().is_empty())
            .map(|line| {
                let (from, to) = line.split_once('\t').expect("two columns");
                (from.as_bytes()[0], to.as_bytes()[0])
            })
            .collect();
        assert_eq!(data, LEET);
    }

    #[test]
    fn folds_only_inside_words() {
        let cases = [
            ("j1h4d", "jihad"),
            ("sl00t", "sloot"),
            ("b4b1", "babi"),
            ("4nj1ng", "anjing"),
            ("bab1", "bab1"),
            ("kelas3", "kelas3"),
            ("covid19", "covid19"),
            ("3x", "3x"),
            ("4d", "4d"),
            ("anak2", "anak2"),
            ("s2t", "s2t"),
        ];
        for (input, expected) in cases {
            let mut word = input.as_bytes().to_vec();
            fold_digits(&mut word, false);
            assert_eq!(String::from_utf8(word).unwrap(), expected, "{input}");
        }
    }

    #[test]
    fn a_word_changes_exactly_when_it_has_inner_leet() {
        // The plain path closes a word with digits without folding it when it has no inner leet.
        let words = [
            "j1h4d", "sl00t", "b4b1", "4nj1ng", "h0tel", "a2b", "a12b", "ab1c2", "anak2", "kelas3", "covid19", "3x",
            "4d", "s2t", "rp50", "10rb", "2024", "a1", "1a", "é1é", "1é",
        ];
        for input in words {
            let mut word = input.as_bytes().to_vec();
            assert_eq!(fold_digits(&mut word, false), has_inner_leet(input.as_bytes()), "{input}");
        }
    }

    #[test]
    fn an_inner_symbol_makes_edge_digits_leet() {
        let mut word = b"bab1".to_vec();
        assert!(fold_digits(&mut word, true));
        assert_eq!(word, b"babi");
    }
}
