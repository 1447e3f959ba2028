//! Plain-Rust mirror of the WIT request record.

/// One API request's features as a plugin sees them.
///
/// `id`, `ts_ms` and `account.id` are always present. Every other field is
/// `None` unless the plugin declared it in [`crate::Metadata::reads`] *and*
/// the policy granted it (`grants = [...]`; no `grants` grants whatever the
/// plugin declares), or the request simply did not carry it.
///
/// ```
/// use palisade_sdk::{Call, Request};
/// let r = Request {
///     id: "r-1".into(),
///     ts_ms: 1_764_150_000_000,
///     call: Call { prompt: Some("think step by step".into()), ..Call::default() },
///     ..Request::default()
/// };
/// assert_eq!(r.call.prompt.as_deref(), Some("think step by step"));
/// assert!(r.client.ip.is_none()); // not declared, so never sent
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    /// The request's id, as the caller sent it (always present).
    pub id: String,
    /// Event time, ms since the Unix epoch (always present); aggregate
    /// windows run on it.
    pub ts_ms: u64,
    /// Who sent it.
    pub account: Account,
    /// Where it came from.
    pub client: Client,
    /// What it asks for.
    pub call: Call,
}

/// The account that sent the request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Account {
    /// The account id (always present).
    pub id: String,
    /// When the account was created, ms since the Unix epoch
    /// ([`Fields::ACCOUNT_CREATED`], policy name `account_created`).
    pub created_ms: Option<u64>,
    /// Plan, e.g. `free`, `pro`, `enterprise` (`account_tier`).
    pub tier: Option<String>,
    /// Organisation id (`account_org`), verified or a personal org: see
    /// `palisade_common::identity::established_org` for when it vouches.
    pub org: Option<String>,
    /// Opaque fingerprint of the payment method (`payment_fingerprint`).
    pub payment_fingerprint: Option<String>,
    /// Domain of the account's e-mail address (`email_domain`).
    pub email_domain: Option<String>,
}

/// Where the request came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Client {
    /// Client IP address, textual (`client_ip`).
    pub ip: Option<String>,
    /// Autonomous system number of the IP (`client_asn`).
    pub asn: Option<u32>,
    /// ISO country code of the IP (`client_country`).
    pub country: Option<String>,
    /// The `User-Agent` header (`user_agent`).
    pub user_agent: Option<String>,
    /// TLS client fingerprint, e.g. JA4 (`tls_fingerprint`).
    pub tls_fingerprint: Option<String>,
}

/// The API call.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Call {
    /// API route, e.g. `/v1/messages` (`route`).
    pub route: Option<String>,
    /// Requested model (`model`).
    pub model: Option<String>,
    /// The user prompt (`prompt`).
    pub prompt: Option<String>,
    /// The system prompt (`system_prompt`).
    pub system_prompt: Option<String>,
    /// Prompt length in tokens (`prompt_tokens`).
    pub prompt_tokens: Option<u32>,
    /// Requested output cap in tokens (`max_output_tokens`).
    pub max_output_tokens: Option<u32>,
    /// Names of the tools offered to the model (`tools`).
    pub tools: Option<Vec<String>>,
    /// Whether a streamed answer was asked for (`stream`).
    pub stream: Option<bool>,
}

/// A set of request fields, bit-compatible with the WIT `fields` flags (bit
/// `i` is the `i`-th flag in declaration order). A plugin declares the
/// fields it reads in [`crate::Metadata::reads`]; the host copies no others
/// into its memory. Policies name the same fields in snake case
/// (`grants = ["prompt", "client_ip"]`).
///
/// ```
/// use palisade_sdk::Fields;
/// const READS: Fields = Fields::PROMPT.with(Fields::CLIENT_IP);
/// assert!(READS.contains(Fields::PROMPT));
/// assert!(!READS.contains(Fields::MODEL));
/// assert_eq!(Fields::PROMPT | Fields::CLIENT_IP, READS);
/// assert!(Fields::ALL.contains(READS));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fields(pub u32);

impl Fields {
    /// [`Account::created_ms`] (`account_created`).
    pub const ACCOUNT_CREATED: Fields = Fields(1 << 0);
    /// [`Account::tier`] (`account_tier`).
    pub const ACCOUNT_TIER: Fields = Fields(1 << 1);
    /// [`Account::org`] (`account_org`).
    pub const ACCOUNT_ORG: Fields = Fields(1 << 2);
    /// [`Account::payment_fingerprint`] (`payment_fingerprint`).
    pub const PAYMENT_FINGERPRINT: Fields = Fields(1 << 3);
    /// [`Account::email_domain`] (`email_domain`).
    pub const EMAIL_DOMAIN: Fields = Fields(1 << 4);
    /// [`Client::ip`] (`client_ip`).
    pub const CLIENT_IP: Fields = Fields(1 << 5);
    /// [`Client::asn`] (`client_asn`).
    pub const CLIENT_ASN: Fields = Fields(1 << 6);
    /// [`Client::country`] (`client_country`).
    pub const CLIENT_COUNTRY: Fields = Fields(1 << 7);
    /// [`Client::user_agent`] (`user_agent`).
    pub const USER_AGENT: Fields = Fields(1 << 8);
    /// [`Client::tls_fingerprint`] (`tls_fingerprint`).
    pub const TLS_FINGERPRINT: Fields = Fields(1 << 9);
    /// [`Call::route`] (`route`).
    pub const ROUTE: Fields = Fields(1 << 10);
    /// [`Call::model`] (`model`).
    pub const MODEL: Fields = Fields(1 << 11);
    /// [`Call::prompt`] (`prompt`).
    pub const PROMPT: Fields = Fields(1 << 12);
    /// [`Call::system_prompt`] (`system_prompt`).
    pub const SYSTEM_PROMPT: Fields = Fields(1 << 13);
    /// [`Call::prompt_tokens`] (`prompt_tokens`).
    pub const PROMPT_TOKENS: Fields = Fields(1 << 14);
    /// [`Call::max_output_tokens`] (`max_output_tokens`).
    pub const MAX_OUTPUT_TOKENS: Fields = Fields(1 << 15);
    /// [`Call::tools`] (`tools`).
    pub const TOOLS: Fields = Fields(1 << 16);
    /// [`Call::stream`] (`stream`).
    pub const STREAM: Fields = Fields(1 << 17);

    /// Every field.
    pub const ALL: Fields = Fields((1 << 18) - 1);

    /// The empty set: the plugin reads only `id`, `ts_ms` and `account.id`.
    pub const fn empty() -> Self {
        Fields(0)
    }

    /// The union of two sets (usable in `const` metadata).
    pub const fn with(self, other: Fields) -> Self {
        Fields(self.0 | other.0)
    }

    /// Whether every field of `other` is in `self`.
    pub const fn contains(self, other: Fields) -> bool {
        self.0 & other.0 == other.0
    }
}

impl std::ops::BitOr for Fields {
    type Output = Fields;
    fn bitor(self, rhs: Fields) -> Fields {
        self.with(rhs)
    }
}
