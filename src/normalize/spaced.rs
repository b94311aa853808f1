//! Letters spaced out one by one to dodge word filters: `j i h a d`, `j.i.h.a.d`,
//! `L-I-V-E-S-L-0-T`.
//!
//! A *streak* is a sequence of adjacent single-character words (a letter, or a digit that can
//! be leet). A streak is cut into *segments* where the separator changes kind, is longer than
//! [`MAX_SEPARATORS`], or is not a [joiner](is_joiner) (a line break, say): that keeps
//! `L-I-V-E S-L-O-T` as two words. A single between two kinds goes with the segment after it
//! when the one before would hold only it and one more: `a p-i-p-e` is `a pipe`, not `ap ipe`.
//! A segment of at least [`MIN_SINGLES`] singles with at least two letters is joined into one
//! word; neighbouring segments too short to join on their own are joined together when, taken
//! together, they qualify. A segment whose letters are all one letter (`a-a-a`, `L-I-l`) joins
//! into a single character once repeats collapse, so it does not stand alone either: it is
//! judged together with its neighbours.
//!
//! The last two rules keep folding idempotent: folded text has only one kind of separator, so
//! if three or more singles were left standing side by side, folding the folded text again
//! would join them. Words of two letters or more end a streak, so ordinary text (`saya di sini`,
//! `R.I. dan A.S.`) is never glued together.

use std::ops::Range;

/// The fewest single letters that make a spaced-out word (`R.I.` and `A.S.` stay apart).
pub(crate) const MIN_SINGLES: usize = 3;

/// The most separator characters between two spaced letters in one segment.
pub(crate) const MAX_SEPARATORS: u32 = 2;

/// Whether `c` may separate spaced-out letters within a segment. Line breaks may not.
pub(crate) fn is_joiner(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '_' | '*' | '·' | '/' | '~' | '+' | '•' | ',' | '=' | ':')
}

/// One single-character word of a streak.
#[derive(Clone, Copy, Debug)]
struct Single {
    /// Folded offset of its character.
    position: usize,
    /// A letter (rather than a leet digit).
    letter: bool,
    /// Whether a new segment starts here.
    cut_before: bool,
}

/// The current streak of single-character words. Kept in [`super::Folded`] so its buffer is
/// reused across texts.
#[derive(Clone, Debug, Default)]
pub(crate) struct Streak {
    singles: Vec<Single>,
    /// The separator kind of the current segment, once known.
    kind: Option<char>,
    /// Scratch space of [`Streak::finish`], kept so that finishing a streak allocates nothing
    /// once the buffers are large enough: the segments as index ranges into `singles`, and
    /// the regions it returns.
    segments: Vec<Range<usize>>,
    regions: Vec<Range<usize>>,
}

impl Streak {
    /// Adds a single-character word at folded `position`; `separator` is the kind of the
    /// separators before it when they may join spaced letters, `None` otherwise.
    pub(crate) fn push(&mut self, position: usize, letter: bool, separator: Option<char>) {
        let n = self.singles.len();
        let cut_before = match (separator, self.kind) {
            _ if n == 0 => true,
            (None, _) => true,
            (Some(kind), Some(segment_kind)) if kind != segment_kind => {
                // The segment is two singles, the second of which this separator joins to this
                // one: it starts a word spaced out with another separator (`a p-i-p-e`,
                // `1 c.h.i.p`), so it goes with it, and the first single stands alone.
                if n >= 2 && self.singles[n - 2].cut_before && !self.singles[n - 1].cut_before {
                    self.singles[n - 1].cut_before = true;
                    self.kind = separator;
                    self.singles.push(Single { position, letter, cut_before: false });
                    return;
                }
                true
            }
            (Some(_), _) => false,
        };
        self.kind = if cut_before { None } else { separator };
        self.singles.push(Single { position, letter, cut_before });
    }

    /// Whether a streak is under way.
    pub(crate) fn is_empty(&self) -> bool {
        self.singles.is_empty()
    }

    /// Ends the streak and returns the folded regions to join, left to right: each from the
    /// first character of a part to the end of its last (`char_len` gives a character's length
    /// at a position; `joins_to_one` says whether a region would become a single character once
    /// joined).
    pub(crate) fn finish(
        &mut self,
        char_len: impl Fn(usize) -> usize,
        joins_to_one: impl Fn(Range<usize>) -> bool,
    ) -> &[Range<usize>] {
        let Streak { singles, kind, segments, regions } = self;
        *kind = None;
        segments.clear();
        regions.clear();
        if singles.len() < MIN_SINGLES {
            // No part can qualify: most streaks are one single (`5%`, `a`) before a longer word.
            singles.clear();
            return regions;
        }
        for (i, single) in singles.iter().enumerate() {
            match segments.last_mut() {
                Some(last) if !single.cut_before => last.end = i + 1,
                _ => segments.push(i..i + 1),
            }
        }
        let qualifies = |range: &Range<usize>| {
            range.len() >= MIN_SINGLES && singles[range.clone()].iter().filter(|s| s.letter).count() >= 2
        };
        let region = |part: &Range<usize>| {
            let last = singles[part.end - 1].position;
            singles[part.start].position..last + char_len(last)
        };
        // Joined segments stand alone; runs of unjoined segments are judged together. A segment
        // that would join into one character is left to its run: standing alone, it would be a
        // single beside the run's singles, which folding again would join.
        let mut pending: Option<Range<usize>> = None;
        for segment in segments.iter() {
            if qualifies(segment) && !joins_to_one(region(segment)) {
                if let Some(range) = pending.take().filter(&qualifies) {
                    regions.push(region(&range));
                }
                regions.push(region(segment));
            } else {
                pending = Some(match pending {
                    Some(range) => range.start..segment.end,
                    None => segment.clone(),
                });
            }
        }
        if let Some(range) = pending.filter(&qualifies) {
            regions.push(region(&range));
        }
        singles.clear();
        regions
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn regions(pushes: &[(bool, Option<char>)]) -> Vec<Range<usize>> {
        let mut streak = Streak::default();
        for (i, &(letter, separator)) in pushes.iter().enumerate() {
            streak.push(i * 2, letter, separator);
        }
        streak.finish(|_| 1, |_| false).to_vec()
    }

    #[test]
    fn joiners() {
        for c in [' ', '.', '-', '_', '*', '·'] {
            assert!(is_joiner(c), "{c:?}");
        }
        for c in ['\n', 'a', '!', '?'] {
            assert!(!is_joiner(c), "{c:?}");
        }
    }

    #[test]
    fn three_singles_with_two_letters_join() {
        let sep = Some(' ');
        assert_eq!(regions(&[(true, None), (true, sep), (true, sep)]), vec![0..5]);
        assert_eq!(regions(&[(true, None), (true, sep)]), Vec::<Range<usize>>::new());
        assert_eq!(regions(&[(true, None), (false, sep), (false, sep)]), Vec::<Range<usize>>::new());
    }

    #[test]
    fn a_change_of_separator_cuts_two_joinable_words() {
        let (dash, space) = (Some('-'), Some(' '));
        let pushes = [(true, None), (true, dash), (true, dash), (true, space), (true, dash), (true, dash)];
        assert_eq!(regions(&pushes), [0..5, 6..11]);
    }

    #[test]
    fn a_word_spaced_with_another_separator_keeps_its_first_letter() {
        // `a p-i-p-e`: the `p` goes with the dashes, not with the `a` before it.
        let (dash, space) = (Some('-'), Some(' '));
        let pushes = [(true, None), (true, space), (true, dash), (true, dash), (true, dash)];
        assert_eq!(regions(&pushes), vec![2..9]);
        // Three singles before the change keep theirs (`a b c-d-e` is `abc de`, as before).
        let pushes = [(true, None), (true, space), (true, space), (true, dash), (true, dash)];
        assert_eq!(regions(&pushes), vec![0..5]);
    }

    #[test]
    fn short_segments_join_together() {
        let (dash, space) = (Some('-'), Some(' '));
        assert_eq!(regions(&[(true, None), (true, space), (true, dash)]), vec![0..5]);
    }
}
