//! Who an account belongs to. Cluster detectors count *independent
//! entities* rather than accounts, so that one organisation's many accounts
//! (an enterprise batch job's service accounts, a company behind one NAT with
//! one team bill) count once, while accounts with no organisation and a
//! free-mail address count one each, as a hydra cluster's do.
//!
//! Precedence: the verified `org`; else the email domain unless it is a
//! free-mail provider; else the account itself. Not guaranteed: a campaign
//! that registers all its accounts under one company domain or one org looks
//! like that company here (the per-account detectors still see it).

use palisade_sdk::Account;

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

/// Whether the account has a verified organisation.
pub fn has_org(account: &Account) -> bool {
    org(account).is_some()
}

/// Whether the account is fresh (created less than `fresh_ms` before
/// `ts_ms`) and has no verified organisation: the accounts a hydra
/// replaces as they are banned, whatever email domain they show.
pub fn is_fresh_unverified(account: &Account, ts_ms: u64, fresh_ms: u64) -> bool {
    !has_org(account)
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
    fn freshness_needs_a_creation_time_and_no_org() {
        let mut a = acct("a1", None, Some("startup.io"));
        assert!(!is_fresh_unverified(&a, 10, 5));
        a.created_ms = Some(8);
        assert!(is_fresh_unverified(&a, 10, 5));
        assert!(!is_fresh_unverified(&a, 100, 5));
        a.org = Some("org-1".into());
        assert!(!is_fresh_unverified(&a, 10, 5));
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
