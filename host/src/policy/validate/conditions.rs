//! Validation and compilation of conditions (`when = …`): every field
//! known, every operator applicable to its field's type, every value of
//! the right type, every network well formed, every list declared and of
//! the right kind. Each problem names the condition's path, e.g.
//! `rule.exempt.when.all[1].in_list`.

use super::lists::ValidatedList;
use crate::policy::condition::{Cmp, Cond, Field, Kind, REQUEST_FIELDS, Test};
use crate::policy::error::Problems;
use crate::policy::lists::{CidrList, List};
use crate::policy::raw::RawCondition;
use std::collections::{BTreeMap, HashMap};
use toml::Spanned;

/// Deepest nesting of `all` / `any` / `not`.
const MAX_DEPTH: usize = 8;
/// Most values in an inline `in` / `contains_any` / `in_cidr`; more belong
/// in a list file.
const MAX_INLINE: usize = 256;

/// What a condition may refer to where it appears.
pub(super) struct Context<'a> {
    pub plugins: &'a HashMap<&'a str, usize>,
    pub lists: &'a BTreeMap<String, ValidatedList>,
    /// Every list the policy declares, loaded or not (sorted).
    pub declared: &'a [&'a str],
    /// Whether detector results (`score`, `score.NAME`, `tags`) may be
    /// used: in rules yes; in plugin scopes and segments, which are decided
    /// before any plugin runs, no.
    pub detectors: bool,
    /// How errors name the place, e.g. "a plugin's `when`".
    pub place: &'a str,
}

/// Compiles `raw`, or records its problems and returns `None`.
pub(super) fn condition(
    raw: &Spanned<RawCondition>,
    path: &str,
    cx: &Context<'_>,
    problems: &mut Problems<'_>,
) -> Option<Cond> {
    compile(raw, path, cx, problems, 1)
}

fn operators(c: &RawCondition) -> Vec<(&'static str, usize)> {
    let mut ops = Vec::new();
    let mut add = |name, span: Option<std::ops::Range<usize>>| {
        if let Some(s) = span {
            ops.push((name, s.start));
        }
    };
    add("eq", c.eq.as_ref().map(Spanned::span));
    add("in", c.in_.as_ref().map(Spanned::span));
    add("in_list", c.in_list.as_ref().map(Spanned::span));
    add("in_cidr", c.in_cidr.as_ref().map(Spanned::span));
    add("prefix", c.prefix.as_ref().map(Spanned::span));
    add("lt", c.lt.as_ref().map(Spanned::span));
    add("lte", c.lte.as_ref().map(Spanned::span));
    add("gt", c.gt.as_ref().map(Spanned::span));
    add("gte", c.gte.as_ref().map(Spanned::span));
    add("contains", c.contains.as_ref().map(Spanned::span));
    add("contains_any", c.contains_any.as_ref().map(Spanned::span));
    add("present", c.present.as_ref().map(Spanned::span));
    ops
}

fn compile(
    raw: &Spanned<RawCondition>,
    path: &str,
    cx: &Context<'_>,
    problems: &mut Problems<'_>,
    depth: usize,
) -> Option<Cond> {
    let at = raw.span().start;
    let c = raw.get_ref();
    if depth > MAX_DEPTH {
        problems.add(
            at,
            path,
            format!("conditions nest more than {MAX_DEPTH} deep; flatten them with `all` / `any`"),
        );
        return None;
    }
    let shapes = [
        c.all.is_some(),
        c.any.is_some(),
        c.not.is_some(),
        c.field.is_some(),
    ]
    .into_iter()
    .filter(|b| *b)
    .count();
    if shapes != 1 {
        problems.add(
            at,
            path,
            "a condition needs exactly one of `field` (with operators), `all`, `any` or `not`",
        );
        return None;
    }
    let ops = operators(c);
    if c.field.is_none()
        && let Some((op, op_at)) = ops.first()
    {
        problems.add(
            *op_at,
            format!("{path}.{op}"),
            "operators go with `field`, not beside `all`, `any` or `not`",
        );
        return None;
    }
    for (key, list) in [("all", &c.all), ("any", &c.any)] {
        let Some(list) = list else { continue };
        if list.get_ref().is_empty() {
            problems.add(
                list.span().start,
                format!("{path}.{key}"),
                format!("`{key}` needs at least one condition"),
            );
            return None;
        }
        let mut children = Vec::with_capacity(list.get_ref().len());
        let mut ok = true;
        for (i, child) in list.get_ref().iter().enumerate() {
            match compile(
                child,
                &format!("{path}.{key}[{i}]"),
                cx,
                problems,
                depth + 1,
            ) {
                Some(c) => children.push(c),
                None => ok = false,
            }
        }
        if !ok {
            return None;
        }
        return Some(if key == "all" {
            Cond::All(children.into())
        } else {
            Cond::Any(children.into())
        });
    }
    if let Some(inner) = &c.not {
        return compile(inner, &format!("{path}.not"), cx, problems, depth + 1)
            .map(|c| Cond::Not(Box::new(c)));
    }
    let name = c.field.as_ref()?;
    leaf(c, name, &ops, path, cx, problems)
}

fn field_named(name: &str, cx: &Context<'_>) -> Result<Field, String> {
    if let Some((_, f)) = REQUEST_FIELDS.iter().find(|(n, _)| *n == name) {
        return Ok(*f);
    }
    match name {
        "score" => return Ok(Field::Score),
        "tags" => return Ok(Field::Tags),
        _ => {}
    }
    if let Some(plugin) = name.strip_prefix("score.") {
        return cx
            .plugins
            .get(plugin)
            .map(|i| Field::PluginScore(*i))
            .ok_or_else(|| {
                let mut names: Vec<&str> = cx.plugins.keys().copied().collect();
                names.sort_unstable();
                format!(
                    "unknown plugin {plugin:?} in {name:?}; plugins are: {}",
                    names.join(", ")
                )
            });
    }
    Err(format!(
        "unknown field {name:?}; request fields are: {}; rules may also use score, score.PLUGIN and tags",
        REQUEST_FIELDS
            .iter()
            .map(|(n, _)| *n)
            .collect::<Vec<_>>()
            .join(", ")
    ))
}

fn leaf(
    c: &RawCondition,
    name: &Spanned<String>,
    ops: &[(&'static str, usize)],
    path: &str,
    cx: &Context<'_>,
    problems: &mut Problems<'_>,
) -> Option<Cond> {
    let field_path = format!("{path}.field");
    let field = match field_named(name.get_ref(), cx) {
        Ok(f) => f,
        Err(message) => {
            problems.add(name.span().start, field_path, message);
            return None;
        }
    };
    let shown = name.get_ref();
    if field.needs_detectors() && !cx.detectors {
        problems.add(
            name.span().start,
            field_path,
            format!(
                "{shown:?} is a detector result, known only after plugins run; {} may use request fields only",
                cx.place
            ),
        );
        return None;
    }
    let kind = field.kind();
    if ops.is_empty() {
        problems.add(
            name.span().start,
            path,
            format!(
                "`field = {shown:?}` needs an operator: one of {}",
                kind.operators().join(", ")
            ),
        );
        return None;
    }
    let mut tests = Vec::with_capacity(ops.len());
    let mut ok = true;
    for (op, op_at) in ops {
        let op_path = format!("{path}.{op}");
        if !kind.operators().contains(op) {
            problems.add(
                *op_at,
                op_path,
                format!(
                    "`{op}` does not apply to {shown} ({}); use one of: {}",
                    kind.as_str(),
                    kind.operators().join(", ")
                ),
            );
            ok = false;
            continue;
        }
        match operand(c, op, kind, shown, cx) {
            Ok(t) => tests.push(t),
            Err(message) => {
                if !message.is_empty() {
                    problems.add(*op_at, op_path, message);
                }
                ok = false;
            }
        }
    }
    ok.then(|| Cond::Leaf(field, tests.into()))
}

fn strings(values: &[String], op: &str) -> Result<Box<[Box<str>]>, String> {
    if values.is_empty() {
        return Err(format!("`{op}` needs at least one value"));
    }
    if values.len() > MAX_INLINE {
        return Err(format!(
            "{} values, over the inline limit of {MAX_INLINE}; put them in a list file ([lists.NAME]) and use `in_list`",
            values.len()
        ));
    }
    Ok(values.iter().map(|v| Box::from(v.as_str())).collect())
}

fn operand(
    c: &RawCondition,
    op: &str,
    kind: Kind,
    shown: &str,
    cx: &Context<'_>,
) -> Result<Test, String> {
    let number = |v: Option<&Spanned<f64>>, cmp| -> Result<Test, String> {
        let v = v.map_or(0.0, |v| *v.get_ref());
        if v.is_finite() {
            Ok(Test::Number(cmp, v))
        } else {
            Err(format!("{v} is not a finite number"))
        }
    };
    match op {
        "eq" => {
            let v = c.eq.as_ref().map(Spanned::get_ref);
            match (kind, v) {
                (Kind::Text, Some(toml::Value::String(s))) => {
                    Ok(Test::TextEq(Box::from(s.as_str())))
                }
                (Kind::Number, Some(toml::Value::Integer(i))) => {
                    Ok(Test::Number(Cmp::Eq, *i as f64))
                }
                (Kind::Number, Some(toml::Value::Float(x))) if x.is_finite() => {
                    Ok(Test::Number(Cmp::Eq, *x))
                }
                (Kind::Bool, Some(toml::Value::Boolean(b))) => Ok(Test::BoolEq(*b)),
                (_, v) => Err(format!(
                    "{shown} is {}, but `eq` is given {}",
                    kind.as_str(),
                    v.map_or("nothing", toml::Value::type_str)
                )),
            }
        }
        "in" => strings(c.in_.as_ref().map_or(&[][..], |v| v.get_ref()), op).map(Test::TextIn),
        "contains_any" => strings(c.contains_any.as_ref().map_or(&[][..], |v| v.get_ref()), op)
            .map(Test::SetContainsAny),
        "contains" => Ok(Test::SetContains(Box::from(
            c.contains.as_ref().map_or("", |v| v.get_ref().as_str()),
        ))),
        "prefix" => {
            let p = c.prefix.as_ref().map_or("", |v| v.get_ref().as_str());
            if p.is_empty() {
                return Err("an empty prefix matches everything; remove the test instead".into());
            }
            Ok(Test::TextPrefix(Box::from(p)))
        }
        "present" => Ok(Test::Present(
            c.present.as_ref().is_some_and(|v| *v.get_ref()),
        )),
        "lt" => number(c.lt.as_ref(), Cmp::Lt),
        "lte" => number(c.lte.as_ref(), Cmp::Lte),
        "gt" => number(c.gt.as_ref(), Cmp::Gt),
        "gte" => number(c.gte.as_ref(), Cmp::Gte),
        "in_cidr" => {
            let nets = c.in_cidr.as_ref().map_or(&[][..], |v| v.get_ref());
            if nets.is_empty() {
                return Err("`in_cidr` needs at least one network".into());
            }
            if nets.len() > MAX_INLINE {
                return Err(format!(
                    "{} networks, over the inline limit of {MAX_INLINE}; put them in a list file (kind = \"cidr\") and use `in_list`",
                    nets.len()
                ));
            }
            CidrList::from_networks(nets.iter().map(String::as_str))
                .map(|l| Test::InCidrs(std::sync::Arc::new(l)))
        }
        "in_list" => {
            let name = c.in_list.as_ref().map_or("", |v| v.get_ref().as_str());
            let Some(list) = cx.lists.get(name) else {
                if cx.declared.contains(&name) {
                    // Declared but refused: its own error says why.
                    return Err(String::new());
                }
                return Err(if cx.declared.is_empty() {
                    format!(
                        "unknown list {name:?}; no lists are declared; declare it as [lists.{name}] with kind and file"
                    )
                } else {
                    format!(
                        "unknown list {name:?}; lists are: {}",
                        cx.declared.join(", ")
                    )
                });
            };
            match (&list.list, kind) {
                (List::Strings(s), Kind::Text | Kind::Set) => Ok(Test::InStrings(s.clone())),
                (List::Cidrs(l), Kind::Ip) => Ok(Test::InCidrs(l.clone())),
                (l, _) => Err(format!(
                    "list {name:?} holds {} entries, which cannot match {shown} ({})",
                    l.kind().as_str(),
                    kind.as_str()
                )),
            }
        }
        _ => Err(format!("unknown operator `{op}`")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::Status;
    use crate::features::{FeatureLimits, Features};
    use crate::policy::condition::Facts;
    use crate::policy::lists::{ListKind, parse_list};
    use crate::runtime::Outcome;

    #[derive(serde::Deserialize)]
    struct Wrapper {
        when: Spanned<RawCondition>,
    }

    fn lists() -> BTreeMap<String, ValidatedList> {
        let mut out = BTreeMap::new();
        for (name, kind, text) in [
            ("orgs", ListKind::String, "org-verified\norg-partner\n"),
            ("nets", ListKind::Cidr, "10.0.0.0/8\n2001:db8::/32\n"),
        ] {
            out.insert(
                name.to_string(),
                ValidatedList {
                    name: name.to_string(),
                    kind,
                    path: name.into(),
                    digest: [0; 32],
                    list: parse_list(kind, text).unwrap(),
                },
            );
        }
        out
    }

    fn compile_str(src: &str, detectors: bool) -> Result<Cond, Vec<String>> {
        let text = format!("when = {src}");
        let w: Wrapper = toml::from_str(&text).map_err(|e| vec![e.message().to_string()])?;
        let plugins: HashMap<&str, usize> = [("content", 0), ("infra", 1)].into();
        let lists = lists();
        let cx = Context {
            plugins: &plugins,
            lists: &lists,
            declared: &["nets", "orgs"],
            detectors,
            place: "a plugin's `when`",
        };
        let mut problems = Problems::new(&text);
        let c = condition(&w.when, "when", &cx, &mut problems);
        match problems.into_result() {
            Ok(()) => Ok(c.unwrap()),
            Err(ps) => Err(ps.iter().map(ToString::to_string).collect()),
        }
    }

    fn request() -> Features {
        let json = serde_json::json!({
            "id": "r", "ts_ms": 10 * 86_400_000u64,
            "account": {"id": "acct-7", "created_ms": 7 * 86_400_000u64, "tier": "enterprise",
                        "org": "org-verified", "payment_fingerprint": "card-1", "email_domain": "globex.com"},
            "client": {"ip": "10.1.2.3", "asn": 16509, "country": "DE", "user_agent": "python-httpx/0.27",
                       "tls_fingerprint": "t13d"},
            "request": {"route": "/v1/messages", "model": "frontier-1", "prompt": "0123456789",
                        "system_prompt": "abc", "prompt_tokens": 40, "max_output_tokens": 512,
                        "tools": ["web_search", "code"], "stream": true}
        });
        Features::parse(json.to_string().as_bytes(), &FeatureLimits::default()).unwrap()
    }

    fn outcomes() -> Vec<Outcome> {
        let o = |score, status, tags: &[&str]| Outcome {
            score,
            reasons: Vec::new(),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            status,
            micros: 0,
        };
        vec![
            o(0.8, Status::Ok, &["template-family"]),
            o(0.0, Status::Skipped, &[]),
        ]
    }

    fn holds(src: &str) -> bool {
        let f = request();
        let outs = outcomes();
        let c = compile_str(src, true).unwrap_or_else(|e| panic!("{src}: {e:?}"));
        c.eval(&Facts {
            features: &f,
            detectors: Some((&outs, 0.85)),
        })
    }

    #[test]
    fn every_matcher_and_operator_holds_and_fails_as_written() {
        let cases: &[(&str, bool)] = &[
            // Text: eq, in, in_list, prefix, present.
            (r#"{ field = "account.tier", eq = "enterprise" }"#, true),
            (r#"{ field = "account.tier", eq = "free" }"#, false),
            (
                r#"{ field = "account.org", in = ["org-x", "org-verified"] }"#,
                true,
            ),
            (r#"{ field = "account.org", in_list = "orgs" }"#, true),
            (r#"{ field = "account.id", in_list = "orgs" }"#, false),
            (r#"{ field = "request.route", prefix = "/v1/" }"#, true),
            (
                r#"{ field = "request.model", prefix = "frontier-2" }"#,
                false,
            ),
            (
                r#"{ field = "account.payment_fingerprint", eq = "card-1" }"#,
                true,
            ),
            (
                r#"{ field = "account.email_domain", in = ["globex.com"] }"#,
                true,
            ),
            (r#"{ field = "client.country", in = ["DE", "FR"] }"#, true),
            (
                r#"{ field = "client.user_agent", prefix = "python-" }"#,
                true,
            ),
            (
                r#"{ field = "client.tls_fingerprint", present = true }"#,
                true,
            ),
            // Number: eq, lt, lte, gt, gte, present; two tests in one leaf.
            (r#"{ field = "account.age_days", eq = 3 }"#, true),
            (r#"{ field = "account.age_days", gte = 1, lt = 7 }"#, true),
            (r#"{ field = "account.age_days", lt = 3 }"#, false),
            (r#"{ field = "account.age_days", lte = 3 }"#, true),
            (r#"{ field = "client.asn", eq = 16509 }"#, true),
            (r#"{ field = "request.prompt_bytes", eq = 13 }"#, true),
            (r#"{ field = "request.prompt_bytes", gt = 13 }"#, false),
            (r#"{ field = "request.prompt_tokens", gt = 39.5 }"#, true),
            (
                r#"{ field = "request.max_output_tokens", gte = 1024 }"#,
                false,
            ),
            // IP: in_cidr, in_list.
            (r#"{ field = "client.ip", in_cidr = ["10.0.0.0/8"] }"#, true),
            (
                r#"{ field = "client.ip", in_cidr = ["192.168.0.0/16", "10.1.2.3"] }"#,
                true,
            ),
            (
                r#"{ field = "client.ip", in_cidr = ["192.168.0.0/16"] }"#,
                false,
            ),
            (r#"{ field = "client.ip", in_list = "nets" }"#, true),
            // Sets: contains, contains_any, in_list, present.
            (r#"{ field = "request.tools", contains = "code" }"#, true),
            (r#"{ field = "request.tools", contains = "shell" }"#, false),
            (
                r#"{ field = "request.tools", contains_any = ["shell", "web_search"] }"#,
                true,
            ),
            (r#"{ field = "request.tools", present = true }"#, true),
            (r#"{ field = "tags", contains = "template-family" }"#, true),
            (r#"{ field = "tags", in_list = "orgs" }"#, false),
            // Bool.
            (r#"{ field = "request.stream", eq = true }"#, true),
            (r#"{ field = "request.stream", eq = false }"#, false),
            // Detector results: the combined score and one plugin's.
            (r#"{ field = "score", gte = 0.85 }"#, true),
            (r#"{ field = "score.content", gt = 0.7, lt = 0.9 }"#, true),
            // A plugin that did not answer has no score: comparisons fail,
            // `present = false` holds.
            (r#"{ field = "score.infra", lt = 0.5 }"#, false),
            (r#"{ field = "score.infra", present = false }"#, true),
            // Composition.
            (
                r#"{ all = [ { field = "account.tier", eq = "enterprise" }, { field = "account.org", in_list = "orgs" } ] }"#,
                true,
            ),
            (
                r#"{ all = [ { field = "account.tier", eq = "enterprise" }, { field = "account.tier", eq = "free" } ] }"#,
                false,
            ),
            (
                r#"{ any = [ { field = "account.tier", eq = "free" }, { field = "request.stream", eq = true } ] }"#,
                true,
            ),
            (
                r#"{ any = [ { field = "account.tier", eq = "free" } ] }"#,
                false,
            ),
            (r#"{ not = { field = "account.tier", eq = "free" } }"#, true),
            (
                r#"{ not = { any = [ { field = "score.content", gte = 0.5 }, { field = "tags", present = true } ] } }"#,
                false,
            ),
        ];
        for (src, want) in cases {
            assert_eq!(holds(src), *want, "{src}");
        }
    }

    #[test]
    fn absent_fields_fail_every_test_but_present_false() {
        let json = r#"{"id":"r","ts_ms":5,"account":{"id":"a"},"client":{"ip":"::1"},"request":{"prompt":"p"}}"#;
        let f = Features::parse(json.as_bytes(), &FeatureLimits::default()).unwrap();
        let facts = Facts::request(&f);
        for (src, want) in [
            (r#"{ field = "account.tier", in = ["free"] }"#, false),
            (
                r#"{ not = { field = "account.tier", in = ["free"] } }"#,
                true,
            ),
            (r#"{ field = "account.tier", present = false }"#, true),
            (r#"{ field = "account.age_days", lt = 7 }"#, false),
            (r#"{ field = "request.tools", present = false }"#, true),
            (r#"{ field = "request.stream", present = false }"#, true),
            (r#"{ field = "client.ip", in_list = "nets" }"#, false),
        ] {
            assert_eq!(compile_str(src, false).unwrap().eval(&facts), want, "{src}");
        }
    }

    #[test]
    fn refusals_name_the_condition_path_and_say_what_to_do() {
        let err = |src: &str, detectors| compile_str(src, detectors).unwrap_err().join("\n");
        assert!(
            err(r#"{ field = "account.teir", eq = "x" }"#, true)
                .contains("when.field: unknown field \"account.teir\"")
        );
        assert!(
            err(r#"{ field = "account.tier", lt = 3 }"#, true)
                .contains("`lt` does not apply to account.tier (a string)")
        );
        assert!(
            err(r#"{ field = "client.ip", in_cidr = ["10.0.0.1/8"] }"#, true)
                .contains("did you mean 10.0.0.0/8")
        );
        assert!(
            err(r#"{ field = "account.org", in_list = "ghosts" }"#, true)
                .contains("unknown list \"ghosts\"; lists are: nets, orgs")
        );
        assert!(
            err(r#"{ field = "account.org", in_list = "nets" }"#, true)
                .contains("holds cidr entries")
        );
        assert!(
            err(r#"{ field = "score", gte = 0.5 }"#, false)
                .contains("a plugin's `when` may use request fields only")
        );
        assert!(
            err(
                r#"{ any = [ { field = "score.ghost", gte = 0.5 } ] }"#,
                true
            )
            .contains("when.any[0].field: unknown plugin \"ghost\"")
        );
        assert!(
            err(r#"{ field = "request.stream", eq = "yes" }"#, true)
                .contains("is a boolean, but `eq` is given string")
        );
        assert!(err(r#"{ field = "account.tier" }"#, true).contains("needs an operator"));
        assert!(err(r#"{ }"#, true).contains("exactly one of"));
        assert!(
            err(r#"{ field = "account.tier", nope = 1 }"#, true).contains("unknown field `nope`")
        );
    }
}
