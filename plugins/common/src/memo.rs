//! A small cache from a text to what a detector derived from it.
//!
//! Why: system prompts repeat. Coding agents, support bots and evaluation
//! harnesses send the same long system prompt with every request (in the
//! generated mix, 764 distinct system prompts over 21,634 requests that had
//! one), and a detector that scans it (cues, concept stems, shingles) did
//! the same work again each time. A detector keeps the state its scan of a
//! system prompt left (a scanner, a sketch) here and continues from a copy.
//!
//! Results are unchanged: a slot answers only for a text byte-for-byte equal
//! to the one stored (the hash only picks the slot), and what is stored is
//! the deterministic result of the same scan. The cache lives in the plugin
//! instance, holds derived values and copies of at most [`MAX_TEXT`]-byte
//! texts in a fixed number of slots (replaced, never grown), and a fresh
//! instance simply starts empty.

use palisade_sdk::text::hash64;
use std::cell::RefCell;

/// Texts longer than this are not cached (their slot would hold a large
/// copy; the scans read only a bounded head and tail anyway).
pub const MAX_TEXT: usize = 16 << 10;

/// One slot: the text (a copy) and what was derived from it.
type Slot<V> = Option<(Box<str>, V)>;

/// A direct-mapped cache of `V` by text.
#[derive(Debug)]
pub struct TextMemo<V> {
    slots: RefCell<Vec<Slot<V>>>,
}

impl<V: Clone> TextMemo<V> {
    /// A cache of `slots` entries (at least one).
    pub fn new(slots: usize) -> Self {
        TextMemo {
            slots: RefCell::new(vec![None; slots.max(1)]),
        }
    }

    /// The value for `text`: a copy of the stored one when `text` was seen
    /// last in its slot, else `make()` (stored for next time).
    pub fn get_or(&self, text: &str, make: impl FnOnce() -> V) -> V {
        if text.len() > MAX_TEXT {
            return make();
        }
        let Ok(mut slots) = self.slots.try_borrow_mut() else {
            return make();
        };
        let n = slots.len();
        let Some(slot) = slots.get_mut((hash64(text.as_bytes()) % n as u64) as usize) else {
            return make();
        };
        if let Some((stored, value)) = slot.as_ref()
            && **stored == *text
        {
            return value.clone();
        }
        let value = make();
        *slot = Some((text.into(), value.clone()));
        value
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn answers_only_for_the_same_text_and_computes_each_once() {
        let memo = TextMemo::new(4);
        let calls = Cell::new(0);
        let len = |t: &str| {
            calls.set(calls.get() + 1);
            t.len()
        };
        assert_eq!(memo.get_or("agent", || len("agent")), 5);
        assert_eq!(memo.get_or("agent", || len("agent")), 5);
        assert_eq!(calls.get(), 1);
        // Whatever slot a text lands in, a different text is never
        // answered from another's entry.
        for i in 0..100 {
            let t = format!("text {i}");
            assert_eq!(memo.get_or(&t, || len(&t)), t.len());
        }
        let big = "x".repeat(MAX_TEXT + 1);
        assert_eq!(memo.get_or(&big, || len(&big)), MAX_TEXT + 1);
        assert_eq!(memo.get_or(&big, || len(&big)), MAX_TEXT + 1);
        assert_eq!(calls.get(), 103);
    }
}
