//! What a request must get: one vocabulary for a policy's `[[fixture]]`
//! entries (checked before a policy may serve, on every reload) and for
//! `palisade test` files (`*.test.toml` cases, `*.test.jsonl` lines), with
//! one checker, so a smoke test and a test file never disagree about what
//! "expected" means.
//!
//! Written as a table (`{ action = "log", score = [0.5, 0.9], detectors =
//! { reasoning = "ok" }, reasons = ["cap at log"], tags = […], rules = […] }`)
//! or, for the common case, just an action (`expect = "allow"`).

use crate::decision::{Action, Decision, Status};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Every given expectation must hold; absent ones are not checked.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// The action (in shadow mode: the action enforce mode would take).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<Action>,
    /// Inclusive `[low, high]` for the combined score.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub score: Option<[f64; 2]>,
    /// Detector name → status (`ok`, `skipped`, `timeout`, …).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub detectors: BTreeMap<String, Status>,
    /// Each must be a substring of some reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
    /// Each must be among some detector's tags.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// Exactly these rules matched (any order).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rules: Option<Vec<String>>,
}

impl Expect {
    /// Only an action.
    pub fn action(action: Action) -> Self {
        Expect {
            action: Some(action),
            ..Expect::default()
        }
    }

    /// Reads either form: an action name, or the table.
    pub fn deserialize_either<'de, D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct Either;
        impl<'de> Visitor<'de> for Either {
            type Value = Expect;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    "an action (\"allow\" … \"block\") or a table of expectations \
                     (action, score, detectors, reasons, tags, rules)",
                )
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Expect, E> {
                Action::deserialize(de::value::StrDeserializer::<E>::new(v)).map(Expect::action)
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Expect, A::Error> {
                Expect::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        d.deserialize_any(Either)
    }

    /// What differs between the expectations and `decision`, one line
    /// each; empty when every expectation holds.
    pub fn check(&self, d: &Decision) -> Vec<String> {
        let mut problems = Vec::new();
        let action = d.would_action.unwrap_or(d.action);
        if let Some(want) = self.action
            && want != action
        {
            problems.push(format!("expected {want}, got {action}"));
        }
        if let Some([low, high]) = self.score
            && !(low..=high).contains(&d.score)
        {
            problems.push(format!(
                "expected score in [{low}, {high}], got {}",
                d.score
            ));
        }
        for (name, status) in &self.detectors {
            match d.detectors.iter().find(|r| &*r.name == name) {
                None => problems.push(format!("no detector named {name:?}")),
                Some(r) if r.status != *status => problems.push(format!(
                    "expected {name} {}, got {}",
                    status.as_str(),
                    r.status.as_str()
                )),
                Some(_) => {}
            }
        }
        for want in &self.reasons {
            if !d.reasons.iter().any(|r| r.contains(want.as_str())) {
                problems.push(format!("no reason contains {want:?}"));
            }
        }
        for want in &self.tags {
            if !d.detectors.iter().any(|r| r.tags.iter().any(|t| t == want)) {
                problems.push(format!("no detector reported tag {want:?}"));
            }
        }
        if let Some(want) = &self.rules {
            let mut want: Vec<&str> = want.iter().map(String::as_str).collect();
            let mut got: Vec<&str> = d.rules.iter().map(|r| &**r).collect();
            want.sort_unstable();
            got.sort_unstable();
            if want != got {
                problems.push(format!(
                    "expected rules [{}], got [{}]",
                    want.join(", "),
                    got.join(", ")
                ));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::{DetectorReport, Directives};
    use std::sync::Arc;

    #[derive(Deserialize)]
    struct Holder {
        #[serde(deserialize_with = "Expect::deserialize_either")]
        expect: Expect,
    }

    fn decision() -> Decision {
        Decision {
            id: "r".into(),
            action: Action::Log,
            score: 0.6,
            policy: Arc::from("p@1"),
            generation: 1,
            reasons: vec!["rule verified-org: cap at log (was throttle)".into()],
            rules: vec![Arc::from("verified-org")],
            directives: Directives::default(),
            detectors: vec![DetectorReport {
                name: Arc::from("reasoning"),
                score: 0.6,
                reasons: Vec::new(),
                tags: vec!["cot".into()],
                status: Status::Ok,
                micros: 3,
            }],
            would_action: None,
            ts_clamped_from: None,
        }
    }

    #[test]
    fn an_action_alone_or_a_table_both_read() {
        let a: Holder = toml::from_str("expect = \"block\"").unwrap();
        assert_eq!(a.expect, Expect::action(Action::Block));
        let b: Holder =
            toml::from_str("expect = { action = \"log\", detectors = { reasoning = \"ok\" } }")
                .unwrap();
        assert_eq!(b.expect.detectors["reasoning"], Status::Ok);
        let bad = toml::from_str::<Holder>("expect = { acton = \"log\" }")
            .err()
            .unwrap();
        assert!(bad.to_string().contains("acton"), "{bad}");
        let bad = toml::from_str::<Holder>("expect = \"blok\"").err().unwrap();
        assert!(bad.to_string().contains("blok"), "{bad}");
    }

    #[test]
    fn every_given_expectation_is_checked() {
        let d = decision();
        let all = Expect {
            action: Some(Action::Log),
            score: Some([0.5, 0.7]),
            detectors: [("reasoning".to_string(), Status::Ok)].into(),
            reasons: vec!["cap at log".into()],
            tags: vec!["cot".into()],
            rules: Some(vec!["verified-org".into()]),
        };
        assert!(all.check(&d).is_empty(), "{:?}", all.check(&d));
        let wrong = Expect {
            action: Some(Action::Block),
            score: Some([0.7, 1.0]),
            detectors: [("reasoning".to_string(), Status::Timeout)].into(),
            reasons: vec!["floor".into()],
            tags: vec!["x".into()],
            rules: Some(Vec::new()),
        };
        assert_eq!(wrong.check(&d).len(), 6, "{:?}", wrong.check(&d));
        assert_eq!(wrong.check(&d)[0], "expected block, got log");
    }
}
