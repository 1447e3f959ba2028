//! Near-duplicate sketches of a text: one-permutation MinHash over
//! word shingles of the digit-masked text, cut into bands whose hashes are
//! template-family keys (banded LSH). Two instances of one template with
//! different slot fillings share most shingles, so most of their bins hold
//! the same minimum and at least one band usually matches; unrelated texts
//! match a band with probability about J^rows (J their shingle Jaccard).
//!
//! Shingles made only of stop words or masked numbers ("of the #") are
//! skipped: they are shared by unrelated texts and would make junk families.
//!
//! Cost: one pass over the scanned bytes, one mix per shingle, no
//! allocation.

use palisade_common::lexicon::WordSet;
use palisade_sdk::text::{head_and_tail, mix64, scan_words};

/// Most bins a sketch holds.
pub const MAX_BINS: usize = 32;
/// Most words in a shingle.
pub const MAX_WIDTH: usize = 5;

#[rustfmt::skip]
const STOP: WordSet<256> = WordSet::new(&[
    "#", "the", "a", "an", "of", "to", "in", "and", "or", "is", "are", "be", "for", "on", "with",
    "as", "at", "by", "this", "that", "it", "you", "your", "i", "me", "my", "we", "our", "from",
    "into", "will", "can", "please", "should", "would", "could", "do", "does", "not", "no", "if",
    "then", "than", "so", "what", "which", "who", "how", "all", "any", "each", "its", "their",
    "they", "them", "he", "she", "his", "her", "was", "were", "been", "has", "have", "had", "but",
    "about", "there", "these", "those", "here", "also", "more", "most", "some", "such", "only",
    "very", "just", "up", "out", "over", "after", "before", "when", "where", "why", "s", "t",
]);

/// A MinHash sketch of one text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sketch {
    bins: [u64; MAX_BINS],
    k: usize,
    /// Shingles hashed (stop-only shingles excluded).
    pub shingles: u32,
}

/// What to scan and how to shingle.
#[derive(Debug, Clone, Copy)]
pub struct Shape {
    pub head: usize,
    pub tail: usize,
    pub width: usize,
    pub bins: usize,
}

impl Sketch {
    /// Sketches the first `head` and last `tail` bytes of `text`.
    pub fn of(text: &str, shape: Shape) -> Sketch {
        let k = shape.bins.clamp(1, MAX_BINS);
        let mut sketch = Sketch {
            bins: [u64::MAX; MAX_BINS],
            k,
            shingles: 0,
        };
        let width = shape.width.clamp(1, MAX_WIDTH);
        let (head, tail) = head_and_tail(text, shape.head, shape.tail);
        sketch.add_part(head, width);
        if let Some(tail) = tail {
            sketch.add_part(tail, width);
        }
        sketch.densify();
        sketch
    }

    fn add_part(&mut self, text: &str, width: usize) {
        let mut ring = [0u64; MAX_WIDTH];
        let mut at = 0usize;
        let mut seen = 0usize;
        // Stop words at the end of the window: all `width` of them means a
        // stop-only shingle.
        let mut trailing_stops = 0usize;
        scan_words(text, usize::MAX, true, |w| {
            ring[at] = w.hash;
            trailing_stops = if STOP.contains(w.hash) {
                trailing_stops + 1
            } else {
                0
            };
            seen += 1;
            let newest = at;
            at = if at + 1 == width { 0 } else { at + 1 };
            if seen < width || trailing_stops >= width {
                return;
            }
            // Combine the window in order, oldest first: the slots after
            // the newest, then up to it.
            let mut s = 0u64;
            for h in ring[newest + 1..width].iter().chain(&ring[..=newest]) {
                s = s.rotate_left(23) ^ *h;
            }
            self.add(mix64(s));
        });
    }

    fn add(&mut self, s: u64) {
        // Range-reduce the high half to a bin; compare whole hashes within it.
        let bin = (((s >> 32) * self.k as u64) >> 32) as usize;
        if let Some(slot) = self.bins.get_mut(bin) {
            *slot = (*slot).min(s);
        }
        self.shingles = self.shingles.saturating_add(1);
    }

    /// Fills empty bins from the next non-empty one (circularly), mixed with
    /// the distance, so short texts still get comparable bands.
    fn densify(&mut self) {
        if self.shingles == 0 {
            return;
        }
        let k = self.k;
        let original = self.bins;
        for j in 0..k {
            if original[j] != u64::MAX {
                continue;
            }
            for d in 1..k {
                let v = original[(j + d) % k];
                if v != u64::MAX {
                    self.bins[j] = mix64(v ^ (d as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15));
                    break;
                }
            }
        }
    }

    /// The hash of band `j` (bins `j*rows .. (j+1)*rows`), or `None` when
    /// out of range.
    pub fn band(&self, j: usize, rows: usize) -> Option<u64> {
        let bins = self
            .bins
            .get(j * rows..(j + 1) * rows)
            .filter(|_| (j + 1) * rows <= self.k)?;
        Some(mix64(
            bins.iter()
                .fold(j as u64, |acc, b| acc.rotate_left(17) ^ *b),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SHAPE: Shape = Shape {
        head: 4096,
        tail: 0,
        width: 3,
        bins: 18,
    };

    fn bands(text: &str) -> Vec<u64> {
        let s = Sketch::of(text, SHAPE);
        (0..6).filter_map(|j| s.band(j, 3)).collect()
    }

    fn shared(a: &[u64], b: &[u64]) -> usize {
        a.iter().zip(b).filter(|(x, y)| x == y).count()
    }

    const TEMPLATE: &str = "You are an expert {role} combining statistical rigor with clear \
        business communication. Analyze the following dataset of {n} rows about {topic}, \
        identify the three most important trends, quantify each with a confidence interval, \
        and write an executive summary of at most {m} words for a non-technical audience.";

    fn fill(role: &str, n: u32, topic: &str, m: u32) -> String {
        TEMPLATE
            .replace("{role}", role)
            .replace("{n}", &n.to_string())
            .replace("{topic}", topic)
            .replace("{m}", &m.to_string())
    }

    #[test]
    fn slot_variations_share_bands() {
        let a = bands(&fill("data analyst", 1200, "retail sales", 150));
        let b = bands(&fill("financial analyst", 87, "churn in telecom", 200));
        let c = bands(&fill("data scientist", 5, "hospital admissions", 90));
        assert_eq!(a.len(), 6);
        assert!(shared(&a, &b) >= 1 && shared(&a, &c) >= 1 && shared(&b, &c) >= 1);
    }

    #[test]
    fn numbers_are_masked() {
        assert_eq!(
            bands(&fill("analyst", 1, "sales", 2)),
            bands(&fill("analyst", 99999, "sales", 31))
        );
    }

    #[test]
    fn unrelated_texts_share_no_band() {
        let a = bands(&fill("data analyst", 1200, "retail sales", 150));
        let b = bands(
            "Write a short poem about the autumn leaves falling in the park near my house, in \
             the style of a haiku sequence, and explain the imagery you chose for each stanza.",
        );
        let c = bands(
            "My React component re-renders every time the parent state changes even though its \
             props are the same; how do I memoize it properly and avoid the extra renders?",
        );
        assert_eq!(shared(&a, &b), 0);
        assert_eq!(shared(&a, &c), 0);
        assert_eq!(shared(&b, &c), 0);
    }

    #[test]
    fn stop_word_shingles_are_skipped() {
        assert_eq!(Sketch::of("of the and to in a", SHAPE).shingles, 0);
        assert_eq!(Sketch::of("", SHAPE).shingles, 0);
        assert!(Sketch::of("of the cat", SHAPE).shingles == 1);
    }

    #[test]
    fn bands_outside_the_sketch_are_none() {
        let s = Sketch::of("one two three four", SHAPE);
        assert!(s.band(5, 3).is_some());
        assert!(s.band(6, 3).is_none());
    }
}
