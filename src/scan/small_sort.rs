//! Insertion sort, for the short lists sorted while a screener is built (a trie node's children,
//! the affix lists).
//!
//! The standard library's sorts are fast on long slices, but each one used with another type or
//! key is another few kilobytes of code in the wasm module: the sorts made a seventh of the
//! runtime module (issue 8). These lists are short (a node has at most one child per byte class,
//! and few have more than a handful), so an insertion sort is as quick, and a fraction of the size.

/// Sorts `items` so that no item comes after one it is `less` than, stably. Quadratic: for
/// short slices only.
pub(super) fn insertion_sort_by<T>(items: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for sorted in 1..items.len() {
        let mut at = sorted;
        while at > 0 && less(&items[at], &items[at - 1]) {
            items.swap(at - 1, at);
            at -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_as_the_standard_sort_does() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        for len in 0..40 {
            let items: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    ((state % 5) as u8, i)
                })
                .collect();
            let (mut ours, mut std) = (items.clone(), items);
            insertion_sort_by(&mut ours, |a, b| a.0 < b.0);
            std.sort_by_key(|item| item.0);
            assert_eq!(ours, std);
        }
    }
}
