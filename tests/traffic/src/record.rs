//! In-memory request records and their JSONL form.
//!
//! Populations build [`Population`]s (accounts plus events that point at them); `lib.rs` merges, sorts and writes
//! them through [`Line`], the single place that defines the wire schema.

use serde::Serialize;
use std::borrow::Cow;
use std::net::Ipv4Addr;

/// Where a request came from, as the edge sees it.
#[derive(Clone, Debug)]
pub(crate) struct Client {
    pub ip: u32,
    pub asn: u32,
    pub country: &'static str,
    pub ua: Cow<'static, str>,
    pub tls: Cow<'static, str>,
}

/// A stable account identity; `client` is its usual access path (events may override it).
#[derive(Clone, Debug)]
pub(crate) struct Account {
    pub id: String,
    pub created_ms: u64,
    pub tier: &'static str,
    pub org: Option<String>,
    pub payment: Option<String>,
    pub email_domain: Cow<'static, str>,
    pub client: Client,
}

/// The request body fields the host reads.
#[derive(Clone, Debug)]
pub(crate) struct Request {
    pub route: &'static str,
    pub model: &'static str,
    pub prompt: String,
    pub system_prompt: Option<String>,
    pub prompt_tokens: u32,
    pub max_output_tokens: u32,
    pub tools: Vec<&'static str>,
    pub stream: Option<bool>,
}

/// One request by `account` (an index into its population's accounts) at `ts_ms`.
#[derive(Clone, Debug)]
pub(crate) struct Event {
    pub ts_ms: u64,
    pub account: usize,
    /// `None`: the account's usual client. Rotating proxies and spoofed user agents set this.
    pub client: Option<Client>,
    pub request: Request,
}

/// A population's accounts and events, all under one ground-truth label.
#[derive(Debug, Default)]
pub(crate) struct Population {
    pub label: &'static str,
    pub accounts: Vec<Account>,
    pub events: Vec<Event>,
}

/// The JSONL line. Field order here is the order on the wire.
#[derive(Serialize)]
pub(crate) struct Line<'a> {
    pub id: &'a str,
    pub ts_ms: u64,
    pub account: AccountJson<'a>,
    pub client: ClientJson<'a>,
    pub request: RequestJson<'a>,
    pub label: &'a str,
}

#[derive(Serialize)]
pub(crate) struct AccountJson<'a> {
    id: &'a str,
    created_ms: u64,
    tier: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    org: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    payment_fingerprint: Option<&'a str>,
    email_domain: &'a str,
}

#[derive(Serialize)]
pub(crate) struct ClientJson<'a> {
    ip: String,
    asn: u32,
    country: &'a str,
    user_agent: &'a str,
    tls_fingerprint: &'a str,
}

#[derive(Serialize)]
pub(crate) struct RequestJson<'a> {
    route: &'a str,
    model: &'a str,
    prompt: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    system_prompt: Option<&'a str>,
    prompt_tokens: u32,
    max_output_tokens: u32,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tools: &'a [&'static str],
    #[serde(skip_serializing_if = "Option::is_none")]
    stream: Option<bool>,
}

/// `Some(s)` unless `s` is empty: the schema never carries empty strings for absent values.
fn non_empty(s: Option<&str>) -> Option<&str> {
    s.filter(|v| !v.is_empty())
}

impl<'a> Line<'a> {
    /// Borrow everything from the account and event; only the IP is formatted.
    pub(crate) fn new(id: &'a str, label: &'a str, acct: &'a Account, ev: &'a Event) -> Self {
        let c = ev.client.as_ref().unwrap_or(&acct.client);
        let r = &ev.request;
        Line {
            id,
            ts_ms: ev.ts_ms,
            account: AccountJson {
                id: &acct.id,
                created_ms: acct.created_ms,
                tier: acct.tier,
                org: non_empty(acct.org.as_deref()),
                payment_fingerprint: non_empty(acct.payment.as_deref()),
                email_domain: &acct.email_domain,
            },
            client: ClientJson {
                ip: Ipv4Addr::from(c.ip).to_string(),
                asn: c.asn,
                country: c.country,
                user_agent: &c.ua,
                tls_fingerprint: &c.tls,
            },
            request: RequestJson {
                route: r.route,
                model: r.model,
                prompt: &r.prompt,
                system_prompt: non_empty(r.system_prompt.as_deref()),
                prompt_tokens: r.prompt_tokens,
                max_output_tokens: r.max_output_tokens,
                tools: &r.tools,
                stream: r.stream,
            },
            label,
        }
    }
}

impl Request {
    /// A request on `/v1/messages` with no system prompt or tools; `prompt_tokens` is estimated from the text.
    pub(crate) fn new(prompt: String, model: &'static str, max_output_tokens: u32) -> Self {
        let prompt_tokens = crate::prompts::tokens(&prompt);
        Request {
            route: "/v1/messages",
            model,
            prompt,
            system_prompt: None,
            prompt_tokens,
            max_output_tokens,
            tools: Vec::new(),
            stream: None,
        }
    }

    /// Set the system prompt (counted in `prompt_tokens`).
    pub(crate) fn system(mut self, s: Option<String>) -> Self {
        if let Some(s) = &s {
            self.prompt_tokens += crate::prompts::tokens(s);
        }
        self.system_prompt = s.filter(|s| !s.is_empty());
        self
    }

    /// Add `extra` tokens of earlier conversation (agent loops resend their history).
    pub(crate) fn context(mut self, extra: u32) -> Self {
        self.prompt_tokens = self.prompt_tokens.saturating_add(extra);
        self
    }

    /// Set the tools offered to the model.
    pub(crate) fn tools(mut self, t: &[&'static str]) -> Self {
        self.tools = t.to_vec();
        self
    }

    /// Set the route.
    pub(crate) fn route(mut self, r: &'static str) -> Self {
        self.route = r;
        self
    }

    /// Set the stream flag (`None` leaves it absent).
    pub(crate) fn stream(mut self, s: Option<bool>) -> Self {
        self.stream = s;
        self
    }
}
