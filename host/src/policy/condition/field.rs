//! What a condition can look at: request features and, for rules only,
//! detector results. Each field has one type, and the type decides which
//! operators apply, so `lt` on an organisation is refused at load.

use crate::features::Features;

/// The type of a field's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Number,
    Ip,
    /// A set of strings (tools, tags).
    Set,
    Bool,
}

impl Kind {
    /// How errors name the type.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Text => "a string",
            Kind::Number => "a number",
            Kind::Ip => "an IP address",
            Kind::Set => "a set of strings",
            Kind::Bool => "a boolean",
        }
    }

    /// The operators that apply, as policies spell them.
    pub fn operators(self) -> &'static [&'static str] {
        match self {
            Kind::Text => &["eq", "in", "in_list", "prefix", "present"],
            Kind::Number => &["eq", "lt", "lte", "gt", "gte", "present"],
            Kind::Ip => &["in_cidr", "in_list"],
            Kind::Set => &["contains", "contains_any", "in_list", "present"],
            Kind::Bool => &["eq", "present"],
        }
    }
}

/// A request field a condition reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    AccountId,
    AccountTier,
    AccountOrg,
    PaymentFingerprint,
    EmailDomain,
    /// Days since the account was created, at the request's timestamp.
    AccountAgeDays,
    ClientIp,
    ClientAsn,
    ClientCountry,
    UserAgent,
    TlsFingerprint,
    Route,
    Model,
    /// Bytes of the prompt (plus system prompt).
    PromptBytes,
    PromptTokens,
    MaxOutputTokens,
    Tools,
    Stream,
    /// The combined score (rules only).
    Score,
    /// One plugin's score, when it answered (rules only).
    PluginScore(usize),
    /// Every tag any detector reported (rules only).
    Tags,
}

/// Request fields by name, in the order `palisade check` lists them.
pub const REQUEST_FIELDS: [(&str, Field); 18] = [
    ("account.id", Field::AccountId),
    ("account.tier", Field::AccountTier),
    ("account.org", Field::AccountOrg),
    ("account.payment_fingerprint", Field::PaymentFingerprint),
    ("account.email_domain", Field::EmailDomain),
    ("account.age_days", Field::AccountAgeDays),
    ("client.ip", Field::ClientIp),
    ("client.asn", Field::ClientAsn),
    ("client.country", Field::ClientCountry),
    ("client.user_agent", Field::UserAgent),
    ("client.tls_fingerprint", Field::TlsFingerprint),
    ("request.route", Field::Route),
    ("request.model", Field::Model),
    ("request.prompt_bytes", Field::PromptBytes),
    ("request.prompt_tokens", Field::PromptTokens),
    ("request.max_output_tokens", Field::MaxOutputTokens),
    ("request.tools", Field::Tools),
    ("request.stream", Field::Stream),
];

impl Field {
    /// The field's type.
    pub fn kind(self) -> Kind {
        match self {
            Field::AccountAgeDays
            | Field::ClientAsn
            | Field::PromptBytes
            | Field::PromptTokens
            | Field::MaxOutputTokens
            | Field::Score
            | Field::PluginScore(_) => Kind::Number,
            Field::ClientIp => Kind::Ip,
            Field::Tools | Field::Tags => Kind::Set,
            Field::Stream => Kind::Bool,
            _ => Kind::Text,
        }
    }

    /// Whether the field is a detector result, known only after plugins ran.
    pub fn needs_detectors(self) -> bool {
        matches!(self, Field::Score | Field::PluginScore(_) | Field::Tags)
    }

    /// A text field's value, `None` when absent.
    pub fn text(self, f: &Features) -> Option<&str> {
        match self {
            Field::AccountId => Some(&f.account.id),
            Field::AccountTier => f.account.tier.as_deref(),
            Field::AccountOrg => f.account.org.as_deref(),
            Field::PaymentFingerprint => f.account.payment_fingerprint.as_deref(),
            Field::EmailDomain => f.account.email_domain.as_deref(),
            Field::ClientCountry => f.client.country.as_deref(),
            Field::UserAgent => f.client.user_agent.as_deref(),
            Field::TlsFingerprint => f.client.tls_fingerprint.as_deref(),
            Field::Route => f.call.route.as_deref(),
            Field::Model => f.call.model.as_deref(),
            _ => None,
        }
    }

    /// A request number field's value, `None` when absent.
    pub fn number(self, f: &Features) -> Option<f64> {
        match self {
            Field::AccountAgeDays => f
                .account
                .created_ms
                .map(|c| f.ts_ms.saturating_sub(c) as f64 / 86_400_000.0),
            Field::ClientAsn => f.client.asn.map(f64::from),
            Field::PromptBytes => Some(
                (f.call.prompt.len() + f.call.system_prompt.as_ref().map_or(0, String::len)) as f64,
            ),
            Field::PromptTokens => f.call.prompt_tokens.map(f64::from),
            Field::MaxOutputTokens => f.call.max_output_tokens.map(f64::from),
            _ => None,
        }
    }
}
