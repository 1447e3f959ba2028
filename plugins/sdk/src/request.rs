//! Plain-Rust mirror of the WIT request record.

/// One API request's features as a plugin sees them. Fields the plugin did
/// not declare in [`crate::Metadata::reads`], or that the policy did not
/// grant, are `None`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Request {
    pub id: String,
    pub ts_ms: u64,
    pub account: Account,
    pub client: Client,
    pub call: Call,
}

/// The account that sent the request.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Account {
    pub id: String,
    pub created_ms: Option<u64>,
    pub tier: Option<String>,
    pub org: Option<String>,
    pub payment_fingerprint: Option<String>,
    pub email_domain: Option<String>,
}

/// Where the request came from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Client {
    pub ip: Option<String>,
    pub asn: Option<u32>,
    pub country: Option<String>,
    pub user_agent: Option<String>,
    pub tls_fingerprint: Option<String>,
}

/// The API call.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Call {
    pub route: Option<String>,
    pub model: Option<String>,
    pub prompt: Option<String>,
    pub system_prompt: Option<String>,
    pub prompt_tokens: Option<u32>,
    pub max_output_tokens: Option<u32>,
    pub tools: Option<Vec<String>>,
    pub stream: Option<bool>,
}

/// A set of request fields, bit-compatible with the WIT `fields` flags (bit
/// `i` is the `i`-th flag in declaration order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fields(pub u32);

impl Fields {
    pub const ACCOUNT_CREATED: Fields = Fields(1 << 0);
    pub const ACCOUNT_TIER: Fields = Fields(1 << 1);
    pub const ACCOUNT_ORG: Fields = Fields(1 << 2);
    pub const PAYMENT_FINGERPRINT: Fields = Fields(1 << 3);
    pub const EMAIL_DOMAIN: Fields = Fields(1 << 4);
    pub const CLIENT_IP: Fields = Fields(1 << 5);
    pub const CLIENT_ASN: Fields = Fields(1 << 6);
    pub const CLIENT_COUNTRY: Fields = Fields(1 << 7);
    pub const USER_AGENT: Fields = Fields(1 << 8);
    pub const TLS_FINGERPRINT: Fields = Fields(1 << 9);
    pub const ROUTE: Fields = Fields(1 << 10);
    pub const MODEL: Fields = Fields(1 << 11);
    pub const PROMPT: Fields = Fields(1 << 12);
    pub const SYSTEM_PROMPT: Fields = Fields(1 << 13);
    pub const PROMPT_TOKENS: Fields = Fields(1 << 14);
    pub const MAX_OUTPUT_TOKENS: Fields = Fields(1 << 15);
    pub const TOOLS: Fields = Fields(1 << 16);
    pub const STREAM: Fields = Fields(1 << 17);

    /// Every field.
    pub const ALL: Fields = Fields((1 << 18) - 1);

    /// The empty set.
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
