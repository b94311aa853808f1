//! A small deterministic generator for the unit tests that check fast paths against plain ones
//! on many random inputs: the same inputs on every run and machine, no dependency.

/// Marsaglia's xorshift64: each call to [`Xorshift::next_u64`] steps the state and returns it.
pub(crate) struct Xorshift(u64);

impl Xorshift {
    /// A generator from `seed` (not zero: zero stays zero).
    pub(crate) fn new(seed: u64) -> Xorshift {
        Xorshift(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `bound` (not zero).
    pub(crate) fn below(&mut self, bound: u64) -> u64 {
        self.next_u64() % bound
    }
}
