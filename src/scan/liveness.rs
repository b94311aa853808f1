//! Which rules may fire in a text, known before their hits are recorded.
//!
//! A rule fires only if one of its `any` phrases is found, or a phrase of each of its `all`
//! groups. A phrase shared by many rules is where this pays: an `all` group or an `unless` list
//! that thousands of rules share (`slot gacor` next to a different site name in each, `waspada`
//! in the exceptions of every rule of a pack) would otherwise give each of its occurrences a hit
//! for every one of those rules, most of which cannot fire: 2,000 such rules made a 60 KB post
//! of `slot gacor` take 0.8 s and 650 MB to find nothing. So the screener first notes, once per
//! phrase found, which parts of which rules it found ([`Liveness::note`]), and records hits only
//! for the rules that may fire ([`Liveness::may_fire`]).
//!
//! The notes ignore where a phrase sits and the rule's scope: they only say a rule *may* fire,
//! and its hits are then checked as before. Kept with the screener's other buffers from post to
//! post, each post's notes told apart by a stamp, so a post costs nothing per rule it does not
//! touch.

use super::Role;

/// What one post has shown of each rule, and which phrases' uses were already noted.
#[derive(Debug, Default)]
pub(super) struct Liveness {
    /// Per automaton pattern: the stamp of the post whose notes include its uses.
    patterns: Vec<u32>,
    /// Per rule: what the post with its stamp found of it.
    rules: Vec<RuleSeen>,
    /// This post's stamp; 0 is never one, so fresh entries belong to no post.
    stamp: u32,
}

/// What a post found of one rule.
#[derive(Clone, Copy, Debug, Default)]
struct RuleSeen {
    stamp: u32,
    /// Bit `g` for a phrase of `all` group `g` (a rule has at most 64).
    groups: u64,
    /// Whether the rule may fire: an `any` phrase was found, or a phrase of each group. Kept
    /// here so that the test for each hit reads this entry only, not the rule.
    may_fire: bool,
}

impl Liveness {
    /// Starts the notes of a post, for a screener of `patterns` patterns and `rules` rules.
    pub(super) fn begin(&mut self, patterns: usize, rules: usize) {
        self.stamp = self.stamp.wrapping_add(1);
        if self.stamp == 0 {
            // Once in four billion posts: forget every older stamp.
            self.patterns.fill(0);
            self.rules.fill(RuleSeen::default());
            self.stamp = 1;
        }
        // One thread's buffers serve every screener it runs: grown to the largest.
        if self.patterns.len() < patterns {
            self.patterns.resize(patterns, 0);
        }
        if self.rules.len() < rules {
            self.rules.resize(rules, RuleSeen::default());
        }
    }

    /// Whether `pattern` is met for the first time in this post (its uses are then to be
    /// noted), marking it met.
    pub(super) fn first_meeting(&mut self, pattern: usize) -> bool {
        let first = self.patterns[pattern] != self.stamp;
        self.patterns[pattern] = self.stamp;
        first
    }

    /// Notes that a phrase playing `role` in `rule`, a rule of `groups` `all` groups (at most
    /// 64), was found.
    pub(super) fn note(&mut self, rule: u32, role: Role, groups: u8) {
        let seen = &mut self.rules[rule as usize];
        if seen.stamp != self.stamp {
            *seen = RuleSeen { stamp: self.stamp, ..RuleSeen::default() };
        }
        match role {
            Role::Any => seen.may_fire = true,
            Role::Group(group) => {
                seen.groups |= 1 << group;
                seen.may_fire |= seen.groups == u64::MAX >> (64 - u32::from(groups));
            }
            // An exception alone never makes a rule fire.
            Role::Unless => {}
        }
    }

    /// Whether `rule` may fire: an `any` phrase of it was noted, or a phrase of each of its
    /// groups.
    pub(super) fn may_fire(&self, rule: u32) -> bool {
        let seen = &self.rules[rule as usize];
        seen.stamp == self.stamp && seen.may_fire
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_may_fire_on_an_any_phrase_or_on_every_group() {
        let mut liveness = Liveness::default();
        liveness.begin(4, 3);
        liveness.note(0, Role::Any, 0);
        liveness.note(1, Role::Group(0), 3);
        liveness.note(1, Role::Group(2), 3);
        liveness.note(2, Role::Unless, 0);
        assert!(liveness.may_fire(0));
        assert!(!liveness.may_fire(1), "group 1 of rule 1 was not found");
        assert!(!liveness.may_fire(2), "an exception alone never fires");
        liveness.note(1, Role::Group(1), 3);
        assert!(liveness.may_fire(1));
    }

    #[test]
    fn sixty_four_groups_fit() {
        let mut liveness = Liveness::default();
        liveness.begin(1, 1);
        for group in 0..63 {
            liveness.note(0, Role::Group(group), 64);
        }
        assert!(!liveness.may_fire(0));
        liveness.note(0, Role::Group(63), 64);
        assert!(liveness.may_fire(0));
    }

    #[test]
    fn each_post_starts_from_nothing() {
        let mut liveness = Liveness::default();
        liveness.begin(2, 2);
        assert!(liveness.first_meeting(1));
        assert!(!liveness.first_meeting(1));
        liveness.note(0, Role::Any, 0);
        liveness.begin(2, 2);
        assert!(liveness.first_meeting(1), "a new post meets its patterns afresh");
        assert!(!liveness.may_fire(0), "nor does a rule keep the last post's notes");
        // A screener with more rules and patterns on the same thread.
        liveness.begin(5, 9);
        liveness.note(8, Role::Any, 0);
        assert!(liveness.first_meeting(4) && liveness.may_fire(8));
    }

    #[test]
    fn a_wrapped_stamp_forgets_every_older_post() {
        let mut liveness = Liveness::default();
        liveness.begin(1, 1);
        liveness.note(0, Role::Any, 0);
        liveness.first_meeting(0);
        liveness.stamp = u32::MAX;
        liveness.begin(1, 1);
        assert_eq!(liveness.stamp, 1);
        assert!(liveness.first_meeting(0) && !liveness.may_fire(0));
    }
}
