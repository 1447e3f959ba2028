//! Request features: the JSON an enforcement point sends for each API
//! request, parsed into validated, owned values once per request.
//!
//! Unknown fields are ignored (enforcement points add context freely);
//! absent optional fields stay `None`, never empty strings; the required
//! fields (`id`, `ts_ms`, `account.id`, `client.ip`, `request.prompt`) are
//! checked here so no plugin ever sees a request without them.

use serde::Deserialize;
use std::net::IpAddr;

/// Limits a request must respect; anything larger is refused with an error
/// naming the field, before any plugin runs.
#[derive(Debug, Clone, Copy)]
pub struct FeatureLimits {
    /// Longest identifier (`id`, `account.id`, fingerprints, …) in bytes.
    pub max_id_bytes: usize,
    /// Longest prompt or system prompt in bytes.
    pub max_prompt_bytes: usize,
    /// Most tools one request may list.
    pub max_tools: usize,
}

impl Default for FeatureLimits {
    fn default() -> Self {
        FeatureLimits {
            max_id_bytes: 256,
            max_prompt_bytes: 1 << 20,
            max_tools: 128,
        }
    }
}

/// Why a request was refused. The message names the field and, for JSON
/// errors, the column.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum FeatureError {
    /// Not JSON, or JSON of the wrong shape (missing field, wrong type).
    #[error("{0}")]
    Json(String),
    /// Well-formed but unacceptable.
    #[error("{field}: {message}")]
    Invalid {
        field: &'static str,
        message: String,
    },
}

/// One request's validated features.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Features {
    pub id: String,
    pub ts_ms: u64,
    pub account: Account,
    pub client: Client,
    #[serde(rename = "request")]
    pub call: Call,
    /// Ground truth for evaluation only; never reaches a plugin.
    #[serde(default)]
    pub label: Option<String>,
}

/// The account that sent the request.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Account {
    pub id: String,
    #[serde(default)]
    pub created_ms: Option<u64>,
    #[serde(default)]
    pub tier: Option<String>,
    #[serde(default)]
    pub org: Option<String>,
    #[serde(default)]
    pub payment_fingerprint: Option<String>,
    #[serde(default)]
    pub email_domain: Option<String>,
}

/// Where the request came from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Client {
    pub ip: String,
    #[serde(default)]
    pub asn: Option<u32>,
    #[serde(default)]
    pub country: Option<String>,
    #[serde(default)]
    pub user_agent: Option<String>,
    #[serde(default)]
    pub tls_fingerprint: Option<String>,
}

/// The API call.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Call {
    #[serde(default)]
    pub route: Option<String>,
    #[serde(default)]
    pub model: Option<String>,
    pub prompt: String,
    #[serde(default)]
    pub system_prompt: Option<String>,
    #[serde(default)]
    pub prompt_tokens: Option<u32>,
    #[serde(default)]
    pub max_output_tokens: Option<u32>,
    #[serde(default, deserialize_with = "bounded_tools")]
    pub tools: Option<Vec<String>>,
    #[serde(default)]
    pub stream: Option<bool>,
}

impl Features {
    /// Parses and validates one JSON request.
    pub fn parse(json: &[u8], limits: &FeatureLimits) -> Result<Features, FeatureError> {
        let mut features: Features = serde_json::from_slice(json).map_err(json_error)?;
        features.normalize();
        features.validate(limits)?;
        Ok(features)
    }

    /// Empty optional strings mean "absent": store them as `None` so plugins
    /// never have to tell the two apart.
    fn normalize(&mut self) {
        for field in [
            &mut self.account.tier,
            &mut self.account.org,
            &mut self.account.payment_fingerprint,
            &mut self.account.email_domain,
            &mut self.client.country,
            &mut self.client.user_agent,
            &mut self.client.tls_fingerprint,
            &mut self.call.route,
            &mut self.call.model,
            &mut self.call.system_prompt,
        ] {
            if field.as_deref() == Some("") {
                *field = None;
            }
        }
    }

    /// Checks what the types cannot: required strings non-empty, sizes, IPs.
    pub fn validate(&self, limits: &FeatureLimits) -> Result<(), FeatureError> {
        let invalid =
            |field: &'static str, message: String| FeatureError::Invalid { field, message };
        let ids: [(&'static str, Option<&str>); 9] = [
            ("id", Some(&self.id)),
            ("account.id", Some(&self.account.id)),
            ("account.tier", self.account.tier.as_deref()),
            ("account.org", self.account.org.as_deref()),
            (
                "account.payment_fingerprint",
                self.account.payment_fingerprint.as_deref(),
            ),
            ("account.email_domain", self.account.email_domain.as_deref()),
            (
                "client.tls_fingerprint",
                self.client.tls_fingerprint.as_deref(),
            ),
            ("request.route", self.call.route.as_deref()),
            ("request.model", self.call.model.as_deref()),
        ];
        for (field, value) in ids {
            if let Some(value) = value
                && value.len() > limits.max_id_bytes
            {
                return Err(invalid(
                    field,
                    format!(
                        "{} bytes, over the {}-byte limit",
                        value.len(),
                        limits.max_id_bytes
                    ),
                ));
            }
        }
        if self.id.is_empty() {
            return Err(invalid("id", "must not be empty".to_string()));
        }
        if self.account.id.is_empty() {
            return Err(invalid("account.id", "must not be empty".to_string()));
        }
        if self.client.ip.parse::<IpAddr>().is_err() {
            return Err(invalid(
                "client.ip",
                format!(
                    "{:?} is not an IPv4 or IPv6 address",
                    truncate(&self.client.ip, 64)
                ),
            ));
        }
        for (field, text) in [
            ("request.prompt", Some(self.call.prompt.as_str())),
            ("request.system_prompt", self.call.system_prompt.as_deref()),
            ("client.user_agent", self.client.user_agent.as_deref()),
        ] {
            if let Some(text) = text
                && text.len() > limits.max_prompt_bytes
            {
                return Err(invalid(
                    field,
                    format!(
                        "{} bytes, over the {}-byte limit",
                        text.len(),
                        limits.max_prompt_bytes
                    ),
                ));
            }
        }
        if let Some(tools) = &self.call.tools {
            if tools.len() > limits.max_tools {
                return Err(invalid(
                    "request.tools",
                    format!(
                        "{} tools, over the limit of {}",
                        tools.len(),
                        limits.max_tools
                    ),
                ));
            }
            if let Some(long) = tools.iter().find(|t| t.len() > limits.max_id_bytes) {
                return Err(invalid(
                    "request.tools",
                    format!(
                        "a tool name of {} bytes, over the {}-byte limit",
                        long.len(),
                        limits.max_id_bytes
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Clamps `ts_ms` into `arrival_ms ± skew_ms`: the server's clock
    /// bounds the event time a caller may claim, because the aggregates
    /// advance with event time and a far-future (or far-past) one would
    /// reset an account's windows. Returns what was moved, if anything.
    /// Only the server calls this: `palisade eval` replays recorded traffic
    /// at its recorded times and has no arrival time.
    pub fn clamp_time(&mut self, arrival_ms: u64, skew_ms: u64) -> Option<Clamped> {
        let earliest = arrival_ms.saturating_sub(skew_ms);
        let latest = arrival_ms.saturating_add(skew_ms);
        let from = self.ts_ms;
        let skew = if from > latest {
            Skew::Future
        } else if from < earliest {
            Skew::Past
        } else {
            return None;
        };
        self.ts_ms = from.clamp(earliest, latest);
        Some(Clamped {
            from,
            to: self.ts_ms,
            skew,
        })
    }

    /// Whether the ground-truth label marks a positive (campaign) request.
    /// `benign` and `benign:*` are negatives; anything else is positive.
    pub fn label_is_positive(label: &str) -> bool {
        !(label == "benign" || label.starts_with("benign:"))
    }
}

/// Which side of the accepted range an event time lay on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Skew {
    Future,
    Past,
}

impl Skew {
    /// The metric label and reason word.
    pub fn as_str(self) -> &'static str {
        match self {
            Skew::Future => "future",
            Skew::Past => "past",
        }
    }
}

/// An event time moved into the accepted range by [`Features::clamp_time`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clamped {
    /// The time the caller sent.
    pub from: u64,
    /// The time decided with.
    pub to: u64,
    pub skew: Skew,
}

/// serde_json's message, with its location given as a column of the line
/// (the caller knows which line) and syntax errors called what they are.
/// Most tool names a request may carry (`limits.max_tools` is at most
/// this): parsing stops at the next one, before building it, so a body of
/// a million `""` (24 bytes of `String` each against 3 of JSON) is refused
/// without holding them all first.
pub const MAX_TOOLS_PARSED: usize = 4096;

/// `request.tools`, refused past [`MAX_TOOLS_PARSED`] while it is parsed.
fn bounded_tools<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Vec<String>>, D::Error> {
    struct Tools;
    impl<'de> serde::de::Visitor<'de> for Tools {
        type Value = Option<Vec<String>>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("an array of tool names")
        }

        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }

        fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
            d.deserialize_seq(self)
        }

        fn visit_seq<A: serde::de::SeqAccess<'de>>(
            self,
            mut seq: A,
        ) -> Result<Self::Value, A::Error> {
            let mut tools = Vec::new();
            while let Some(tool) = seq.next_element::<String>()? {
                if tools.len() == MAX_TOOLS_PARSED {
                    return Err(serde::de::Error::custom(format!(
                        "request.tools: more than {MAX_TOOLS_PARSED} tools"
                    )));
                }
                tools.push(tool);
            }
            Ok(Some(tools))
        }
    }
    d.deserialize_option(Tools)
}

fn json_error(e: serde_json::Error) -> FeatureError {
    let text = e.to_string();
    let suffix = format!(" at line {} column {}", e.line(), e.column());
    let message = text.strip_suffix(&suffix).unwrap_or(&text);
    let kind = match e.classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            "not valid JSON: "
        }
        _ => "",
    };
    FeatureError::Json(format!("{kind}{message} (column {})", e.column()))
}

fn truncate(s: &str, max: usize) -> &str {
    let mut end = s.len().min(max);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Pulls `"id"` out of a request that failed to parse, so its error record
/// can still name it. Best effort: `None` when the line is not JSON.
pub fn salvage_id(json: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct IdOnly {
        id: Option<serde_json::Value>,
    }
    let value: IdOnly = serde_json::from_slice(json).ok()?;
    match value.id? {
        serde_json::Value::String(s) if s.len() <= 256 => Some(s),
        _ => None,
    }
}

/// Lets batch APIs take owned features or wrappers around them alike.
impl AsRef<Features> for Features {
    fn as_ref(&self) -> &Features {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn tools_past_the_parse_cap_are_refused_while_parsing_and_null_is_absent() {
        let head = r#"{"id":"r","ts_ms":1,"account":{"id":"a"},"client":{"ip":"1.2.3.4"},"request":{"prompt":"p","tools":"#;
        let many = format!("{head}[{}\"\"]}}}}", "\"\",".repeat(100_000));
        let err = Features::parse(many.as_bytes(), &FeatureLimits::default()).unwrap_err();
        assert!(
            err.to_string()
                .contains("request.tools: more than 4096 tools"),
            "{err}"
        );
        let null = format!("{head}null}}}}");
        let f = Features::parse(null.as_bytes(), &FeatureLimits::default()).unwrap();
        assert_eq!(f.call.tools, None);
        let two = format!("{head}[\"a\",\"b\"]}}}}");
        let f = Features::parse(two.as_bytes(), &FeatureLimits::default()).unwrap();
        assert_eq!(f.call.tools, Some(vec!["a".to_string(), "b".to_string()]));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(1024))]

        #[test]
        fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..512)) {
            let _ = Features::parse(&bytes, &FeatureLimits::default());
            let _ = salvage_id(&bytes);
        }

        #[test]
        fn mutated_requests_never_panic(
            flips in proptest::collection::vec((0usize..MINIMAL.len(), any::<u8>()), 1..6),
            cut in 0usize..=MINIMAL.len(),
        ) {
            let mut bytes = MINIMAL.as_bytes().to_vec();
            for (at, byte) in flips {
                bytes[at] = byte;
            }
            bytes.truncate(cut);
            let _ = Features::parse(&bytes, &FeatureLimits::default());
        }
    }

    const MINIMAL: &str = r#"{"id":"r-1","ts_ms":5,"account":{"id":"a"},"client":{"ip":"203.0.113.9"},"request":{"prompt":"hi"}}"#;

    #[test]
    fn minimal_request_parses_with_absent_optionals() {
        let f = Features::parse(MINIMAL.as_bytes(), &FeatureLimits::default()).unwrap();
        assert_eq!(f.id, "r-1");
        assert_eq!(f.account.tier, None);
        assert_eq!(f.call.tools, None);
        assert_eq!(f.label, None);
    }

    #[test]
    fn unknown_fields_are_ignored_and_empty_optionals_become_absent() {
        let json = r#"{"id":"r","ts_ms":1,"extra":{"x":1},"account":{"id":"a","org":""},"client":{"ip":"::1","new":2},"request":{"prompt":"p","model":""}}"#;
        let f = Features::parse(json.as_bytes(), &FeatureLimits::default()).unwrap();
        assert_eq!(f.account.org, None);
        assert_eq!(f.call.model, None);
    }

    #[test]
    fn missing_required_field_is_named() {
        let json =
            r#"{"ts_ms":1,"account":{"id":"a"},"client":{"ip":"::1"},"request":{"prompt":"p"}}"#;
        let err = Features::parse(json.as_bytes(), &FeatureLimits::default()).unwrap_err();
        assert!(err.to_string().contains("missing field `id`"), "{err}");
    }

    #[test]
    fn wrong_type_is_refused() {
        let json = r#"{"id":"r","ts_ms":"soon","account":{"id":"a"},"client":{"ip":"::1"},"request":{"prompt":"p"}}"#;
        let err = Features::parse(json.as_bytes(), &FeatureLimits::default()).unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
    }

    #[test]
    fn bad_ip_and_oversized_prompt_are_refused() {
        let bad_ip = MINIMAL.replace("203.0.113.9", "not-an-ip");
        let err = Features::parse(bad_ip.as_bytes(), &FeatureLimits::default()).unwrap_err();
        assert!(matches!(
            err,
            FeatureError::Invalid {
                field: "client.ip",
                ..
            }
        ));
        let limits = FeatureLimits {
            max_prompt_bytes: 1,
            ..FeatureLimits::default()
        };
        let err = Features::parse(MINIMAL.as_bytes(), &limits).unwrap_err();
        assert!(matches!(
            err,
            FeatureError::Invalid {
                field: "request.prompt",
                ..
            }
        ));
    }

    #[test]
    fn labels_split_into_positive_and_negative() {
        assert!(!Features::label_is_positive("benign"));
        assert!(!Features::label_is_positive("benign:enterprise-batch"));
        assert!(Features::label_is_positive("campaign:reasoning-harvest"));
    }

    #[test]
    fn event_time_is_clamped_to_arrival_plus_or_minus_the_skew() {
        let mut f = Features::parse(MINIMAL.as_bytes(), &FeatureLimits::default()).unwrap();
        f.ts_ms = u64::MAX;
        let c = f.clamp_time(1_000_000, 300).unwrap();
        assert_eq!((c.from, c.to, c.skew), (u64::MAX, 1_000_300, Skew::Future));
        assert_eq!(f.ts_ms, 1_000_300);
        f.ts_ms = 0;
        let c = f.clamp_time(1_000_000, 300).unwrap();
        assert_eq!((c.from, c.to, c.skew), (0, 999_700, Skew::Past));
        for inside in [999_700, 1_000_000, 1_000_300] {
            f.ts_ms = inside;
            assert_eq!(f.clamp_time(1_000_000, 300), None);
            assert_eq!(f.ts_ms, inside, "a time within the skew is kept exactly");
        }
        f.ts_ms = 5;
        assert_eq!(
            f.clamp_time(u64::MAX, u64::MAX),
            None,
            "no overflow at the ends"
        );
    }

    #[test]
    fn salvage_finds_the_id_of_an_invalid_request() {
        assert_eq!(
            salvage_id(br#"{"id":"r-9","ts_ms":"x"}"#).as_deref(),
            Some("r-9")
        );
        assert_eq!(salvage_id(b"not json"), None);
    }
}
