//! Who an account belongs to. Cluster detectors count *independent
//! entities* rather than accounts, so that one organisation's many accounts
//! (an enterprise batch job's service accounts, a company behind one NAT with
//! one team bill) count once, while accounts with no organisation and a
//! free-mail address count one each, as a hydra cluster's do.
//!
//! Precedence: the verified `org`; else the email domain unless it is a
//! free-mail provider; else the account itself.
//!
//! An org *vouches* for its accounts (shared billing and egress, a team's
//! varied work, an evaluation harness that sweeps on purpose) only once it
//! is [`established_org`]: API platforms give every sign-up a personal org,
//! and a campaign can mint one org per account, so an org of one account is
//! an individual and is treated as one. Not guaranteed: a campaign
//! that registers all its accounts under one company domain or one org looks
//! like that company here (the per-account detectors still see it).

use crate::check::WEEK_MS;
use crate::keys;
use palisade_sdk::{Account, Aggregates};

/// Free-mail and disposable-mail domains: an address there says nothing
/// about an employer.
#[rustfmt::skip]
const FREE_MAIL: &[&str] = &[
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "live.com",
    "msn.com", "yahoo.com", "yahoo.co.jp", "yahoo.co.uk", "ymail.com", "icloud.com", "me.com",
    "mac.com", "aol.com", "proton.me", "protonmail.com", "pm.me", "tutanota.com", "tuta.io",
    "gmx.com", "gmx.de", "gmx.net", "web.de", "mail.com", "zoho.com", "yandex.ru", "yandex.com",
    "ya.ru", "mail.ru", "inbox.ru", "bk.ru", "list.ru", "rambler.ru", "qq.com", "foxmail.com",
    "163.com", "126.com", "yeah.net", "sina.com", "sina.cn", "sohu.com", "aliyun.com", "139.com",
    "naver.com", "daum.net", "hanmail.net", "fastmail.com", "hey.com", "duck.com",
    "mailinator.com", "guerrillamail.com", "10minutemail.com", "temp-mail.org", "tempmail.com",
    "sharklasers.com", "yopmail.com", "maildrop.cc", "dispostable.com", "trashmail.com",
    "getnada.com", "rediffmail.com", "libero.it", "orange.fr", "free.fr", "laposte.net",
    "t-online.de", "seznam.cz", "wp.pl", "o2.pl", "interia.pl", "uol.com.br", "bol.com.br",
    "terra.com.br", "cox.net", "comcast.net", "att.net", "verizon.net", "sbcglobal.net",
    "btinternet.com", "sky.com", "bigpond.com", "optusnet.com.au", "shaw.ca", "rogers.com",
    "hushmail.com", "email.com", "inbox.com", "gmx.us", "outlook.jp", "hotmail.fr",
];

/// Whether `domain` is a free-mail provider (built-in list or `extra`).
pub fn is_free_mail(domain: &str, extra: &[String]) -> bool {
    let domain = domain.trim().trim_start_matches('@');
    FREE_MAIL.iter().any(|d| d.eq_ignore_ascii_case(domain))
        || extra.iter().any(|d| d.eq_ignore_ascii_case(domain))
}

/// The independent entity behind an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity<'a> {
    /// A verified organisation.
    Org(&'a str),
    /// A company (non-free-mail) email domain.
    Domain(&'a str),
    /// Nobody but the account itself.
    Account(&'a str),
}

impl Entity<'_> {
    /// The entity as a distinct-set item: `o:…`, `d:…` or `a:…`.
    pub fn item(&self) -> String {
        // Built by hand: this runs on every request of several plugins, and
        // `format!` costs a plugin more than the copy.
        let (tag, text) = match self {
            Entity::Org(o) => ("o:", *o),
            Entity::Domain(d) => ("d:", *d),
            Entity::Account(a) => ("a:", *a),
        };
        let mut out = String::with_capacity(tag.len() + text.len());
        out.push_str(tag);
        out.push_str(text);
        if matches!(self, Entity::Domain(_)) {
            out.make_ascii_lowercase();
        }
        out
    }
}

/// The entity behind `account` (see the module docs for the precedence).
pub fn entity<'a>(account: &'a Account, extra_free_mail: &[String]) -> Entity<'a> {
    if let Some(org) = org(account) {
        return Entity::Org(org);
    }
    if let Some(domain) = account
        .email_domain
        .as_deref()
        .filter(|d| !d.trim().is_empty() && !is_free_mail(d, extra_free_mail))
    {
        return Entity::Domain(domain);
    }
    Entity::Account(&account.id)
}

/// The account's organisation, if it names one (blank is none).
pub fn org(account: &Account) -> Option<&str> {
    account.org.as_deref().filter(|o| !o.trim().is_empty())
}

/// Distinct accounts an org must show within [`ORG_WINDOW_MS`] before it
/// vouches for them: two people (or service accounts) make a team, one is a
/// personal org.
pub const ORG_MEMBERS: u64 = 2;

/// How long an org's members are remembered.
pub const ORG_WINDOW_MS: u64 = WEEK_MS;

/// The account's org when it is an established organisation: an
/// enterprise-tier account's (a contract names the organisation; the
/// plugin must read `account_tier`), or one with at least [`ORG_MEMBERS`]
/// of its accounts seen in a week. Records the account as a member: one
/// aggregate call in the calling plugin's store, made only for non-enterprise
/// accounts that name an org.
pub fn established_org<'a>(account: &'a Account, agg: &mut dyn Aggregates) -> Option<&'a str> {
    let org = org(account)?;
    if account
        .tier
        .as_deref()
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("enterprise"))
    {
        return Some(org);
    }
    let members = agg.distinct_add(&keys::key("om", org), ORG_WINDOW_MS, &account.id);
    (members >= ORG_MEMBERS).then_some(org)
}

/// Whether the account is fresh (created less than `fresh_ms` before
/// `ts_ms`) and no established org vouches for it (`vouched`, from
/// [`established_org`]): the accounts a hydra replaces as they are banned,
/// whatever email domain or personal org they show.
pub fn is_fresh_unverified(account: &Account, vouched: bool, ts_ms: u64, fresh_ms: u64) -> bool {
    !vouched
        && account
            .created_ms
            .is_some_and(|c| ts_ms.saturating_sub(c) < fresh_ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn acct(id: &str, org: Option<&str>, domain: Option<&str>) -> Account {
        Account {
            id: id.into(),
            org: org.map(Into::into),
            email_domain: domain.map(Into::into),
            ..Account::default()
        }
    }

    #[test]
    fn org_beats_company_domain_beats_account() {
        let a = acct("a1", Some("acme"), Some("acme.com"));
        assert_eq!(entity(&a, &[]), Entity::Org("acme"));
        let b = acct("b1", None, Some("Acme.com"));
        assert_eq!(entity(&b, &[]).item(), "d:acme.com");
        let c = acct("c1", None, Some("gmail.com"));
        assert_eq!(entity(&c, &[]), Entity::Account("c1"));
        let d = acct("d1", Some(" "), None);
        assert_eq!(entity(&d, &[]), Entity::Account("d1"));
    }

    #[test]
    fn freshness_needs_a_creation_time_and_no_vouching_org() {
        let mut a = acct("a1", None, Some("startup.io"));
        assert!(!is_fresh_unverified(&a, false, 10, 5));
        a.created_ms = Some(8);
        assert!(is_fresh_unverified(&a, false, 10, 5));
        assert!(!is_fresh_unverified(&a, false, 100, 5));
        assert!(!is_fresh_unverified(&a, true, 10, 5));
    }

    #[test]
    fn an_org_vouches_only_once_a_second_account_of_it_is_seen() {
        let mut agg = palisade_sdk::testing::MemoryAggregates::new();
        let solo = acct("a1", Some("org-personal-a1"), None);
        assert_eq!(established_org(&solo, &mut agg), None);
        assert_eq!(
            established_org(&solo, &mut agg),
            None,
            "the same account again"
        );
        let team = [
            acct("t1", Some("org-acme"), None),
            acct("t2", Some("org-acme"), None),
        ];
        assert_eq!(established_org(&team[0], &mut agg), None);
        assert_eq!(established_org(&team[1], &mut agg), Some("org-acme"));
        assert_eq!(established_org(&team[0], &mut agg), Some("org-acme"));
        assert_eq!(established_org(&acct("n", None, None), &mut agg), None);
        let mut batch = acct("svc-1", Some("org-globex"), None);
        batch.tier = Some("Enterprise".into());
        assert_eq!(established_org(&batch, &mut agg), Some("org-globex"));
    }

    #[test]
    fn extra_free_mail_domains_are_honoured() {
        let a = acct("a1", None, Some("freemail.example"));
        assert_eq!(entity(&a, &[]), Entity::Domain("freemail.example"));
        assert_eq!(
            entity(&a, &["freemail.example".into()]),
            Entity::Account("a1")
        );
        assert!(is_free_mail("GMAIL.com", &[]));
    }
}
