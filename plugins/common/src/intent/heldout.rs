//! The held-out set (placeholder until the lexicon is frozen).
