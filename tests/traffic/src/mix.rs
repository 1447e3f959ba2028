//! Per-population weight multipliers, parsed from `"casual=2,enterprise-batch=0.5,reseller-network=0"`.

use crate::POPULATIONS;
use std::fmt;
use std::str::FromStr;

/// Weight multipliers, one per entry of [`POPULATIONS`] (default 1.0 each; 0 removes a population).
///
/// A weight multiplies a population's volume: its account count for most populations, its request rate for
/// `enterprise-batch`, `eval-harness` and `support-bot` (each stays one organisation with a few service accounts).
#[derive(Clone, Debug, PartialEq)]
pub struct Mix {
    weights: Vec<f64>,
}

/// A mix string entry that could not be used; each variant names the entry so the user can fix it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum MixError {
    /// The entry is not `NAME=WEIGHT`.
    #[error("mix entry `{entry}`: expected NAME=WEIGHT, e.g. `casual=2`")]
    Syntax {
        /// The offending entry, as written.
        entry: String,
    },
    /// The name is not a population (nor `all`).
    #[error("mix entry `{entry}`: unknown population `{name}`; known: all, {known}")]
    UnknownPopulation {
        /// The offending entry, as written.
        entry: String,
        /// The name that did not match.
        name: String,
        /// The accepted names, comma separated.
        known: String,
    },
    /// The weight is not a finite number >= 0.
    #[error("mix entry `{entry}`: weight must be a finite number >= 0")]
    BadWeight {
        /// The offending entry, as written.
        entry: String,
    },
}

impl Default for Mix {
    fn default() -> Self {
        Mix {
            weights: vec![1.0; POPULATIONS.len()],
        }
    }
}

impl Mix {
    /// The weight of population `name` (short name as in [`POPULATIONS`], or full label), if it exists.
    pub fn weight(&self, name: &str) -> Option<f64> {
        index_of(name).and_then(|i| self.weights.get(i).copied())
    }

    /// Set one population's weight; returns false if `name` is unknown or `w` is not finite and >= 0.
    pub fn set(&mut self, name: &str, w: f64) -> bool {
        match (index_of(name), w.is_finite() && w >= 0.0) {
            (Some(i), true) => {
                if let Some(slot) = self.weights.get_mut(i) {
                    *slot = w;
                }
                true
            }
            _ => false,
        }
    }

    /// Only `name` at weight 1, everything else 0: isolate one population.
    pub fn only(name: &str) -> Option<Mix> {
        let mut m = Mix {
            weights: vec![0.0; POPULATIONS.len()],
        };
        m.set(name, 1.0).then_some(m)
    }

    pub(crate) fn weight_at(&self, i: usize) -> f64 {
        self.weights.get(i).copied().unwrap_or(0.0)
    }
}

fn index_of(name: &str) -> Option<usize> {
    let short = name
        .strip_prefix("benign:")
        .or_else(|| name.strip_prefix("campaign:"))
        .unwrap_or(name);
    POPULATIONS.iter().position(|p| *p == short)
}

impl FromStr for Mix {
    type Err = MixError;

    /// Entries are applied left to right over the default (all 1.0); `all=W` sets every population, so
    /// `all=0,casual=1` isolates one. Empty entries are ignored. Names may carry a `benign:`/`campaign:` prefix.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let mut mix = Mix::default();
        for raw in s.split(',') {
            let entry = raw.trim();
            if entry.is_empty() {
                continue;
            }
            let Some((name, w)) = entry.split_once('=') else {
                return Err(MixError::Syntax {
                    entry: entry.to_string(),
                });
            };
            let (name, w) = (name.trim(), w.trim());
            if name.is_empty() || w.is_empty() {
                return Err(MixError::Syntax {
                    entry: entry.to_string(),
                });
            }
            let weight: f64 = match w.parse() {
                Ok(x) if f64::is_finite(x) && x >= 0.0 => x,
                _ => {
                    return Err(MixError::BadWeight {
                        entry: entry.to_string(),
                    });
                }
            };
            if name == "all" || name == "*" {
                mix.weights.iter_mut().for_each(|x| *x = weight);
            } else if !mix.set(name, weight) {
                return Err(MixError::UnknownPopulation {
                    entry: entry.to_string(),
                    name: name.to_string(),
                    known: POPULATIONS.join(", "),
                });
            }
        }
        Ok(mix)
    }
}

impl fmt::Display for Mix {
    /// The canonical string, which parses back to the same mix.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, (p, w)) in POPULATIONS.iter().zip(&self.weights).enumerate() {
            if i > 0 {
                f.write_str(",")?;
            }
            write!(f, "{p}={w}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_weights_and_keeps_defaults() {
        let m: Mix = "casual=2, enterprise-batch=0.5,campaign:reseller-network=0"
            .parse()
            .unwrap();
        assert_eq!(m.weight("casual"), Some(2.0));
        assert_eq!(m.weight("benign:enterprise-batch"), Some(0.5));
        assert_eq!(m.weight("reseller-network"), Some(0.0));
        assert_eq!(m.weight("developer"), Some(1.0));
        assert_eq!("".parse::<Mix>().unwrap(), Mix::default());
    }

    #[test]
    fn all_then_one_isolates_a_population() {
        let m: Mix = "all=0,researcher=1".parse().unwrap();
        assert_eq!(m, Mix::only("researcher").unwrap());
        assert_eq!(m.weight("casual"), Some(0.0));
    }

    #[test]
    fn errors_name_the_bad_entry() {
        let e = "casual=2,bogus=1".parse::<Mix>().unwrap_err();
        assert!(
            matches!(&e, MixError::UnknownPopulation { entry, name, .. } if entry == "bogus=1" && name == "bogus")
        );
        assert!(e.to_string().contains("bogus=1"));
        assert_eq!(
            "casual".parse::<Mix>().unwrap_err(),
            MixError::Syntax {
                entry: "casual".into()
            }
        );
        assert_eq!(
            "casual=-1".parse::<Mix>().unwrap_err(),
            MixError::BadWeight {
                entry: "casual=-1".into()
            }
        );
        assert_eq!(
            "casual=NaN".parse::<Mix>().unwrap_err(),
            MixError::BadWeight {
                entry: "casual=NaN".into()
            }
        );
        assert_eq!(
            "=1".parse::<Mix>().unwrap_err(),
            MixError::Syntax { entry: "=1".into() }
        );
    }

    #[test]
    fn display_round_trips() {
        let m: Mix = "developer=3,new-signup=0.25".parse().unwrap();
        assert_eq!(m.to_string().parse::<Mix>().unwrap(), m);
    }
}
