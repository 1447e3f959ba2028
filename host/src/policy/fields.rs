//! Names of request fields in policies (`grants = ["prompt", …]`).

use crate::runtime::Fields;

const NAMES: [(&str, Fields); 18] = [
    ("account_created", Fields::ACCOUNT_CREATED),
    ("account_tier", Fields::ACCOUNT_TIER),
    ("account_org", Fields::ACCOUNT_ORG),
    ("payment_fingerprint", Fields::PAYMENT_FINGERPRINT),
    ("email_domain", Fields::EMAIL_DOMAIN),
    ("client_ip", Fields::CLIENT_IP),
    ("client_asn", Fields::CLIENT_ASN),
    ("client_country", Fields::CLIENT_COUNTRY),
    ("user_agent", Fields::USER_AGENT),
    ("tls_fingerprint", Fields::TLS_FINGERPRINT),
    ("route", Fields::ROUTE),
    ("model", Fields::MODEL),
    ("prompt", Fields::PROMPT),
    ("system_prompt", Fields::SYSTEM_PROMPT),
    ("prompt_tokens", Fields::PROMPT_TOKENS),
    ("max_output_tokens", Fields::MAX_OUTPUT_TOKENS),
    ("tools", Fields::TOOLS),
    ("stream", Fields::STREAM),
];

/// The field named `name`, if any.
pub fn parse_field(name: &str) -> Option<Fields> {
    NAMES.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// The names of the fields in `fields`, in declaration order.
pub fn field_names(fields: Fields) -> Vec<&'static str> {
    NAMES
        .iter()
        .filter(|(_, f)| fields.contains(*f))
        .map(|(n, _)| *n)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (name, flag) in NAMES {
            assert_eq!(parse_field(name), Some(flag));
            assert_eq!(field_names(flag), vec![name]);
        }
        assert_eq!(parse_field("password"), None);
    }
}
