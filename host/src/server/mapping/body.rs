//! The call features from a forwarded JSON body: prompt, system prompt,
//! model, tools, token counts and stream flag, found by the `[authz.body]`
//! paths. A body that is absent is fine (decided on headers); one that is
//! not a JSON object is ignored or refused as `invalid_body` says; one
//! whose paths hold more than `max_body_values` values is refused.
//!
//! The body is read as the upstream will read it ([`super::lenient`]),
//! whatever its `Content-Type` says (an upstream that parses it anyway
//! must not get a prompt Palisade never looked at), and only the values
//! the paths reach are built ([`super::tree`]).

use super::config::{BodyPaths, InvalidBody};
use super::headers::cut;
use super::tree::{self, ReadError, Trie};
use super::{Original, Refusal, lenient};
use crate::features::{Call, FeatureLimits};
use crate::server::config::ConfigError;
use crate::server::json_path::{JsonPath, Node};

/// What happened to a forwarded body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyUse {
    /// No body was forwarded (nginx `auth_request` without the body).
    Absent,
    /// Parsed as JSON and mapped.
    Json,
    /// Present but not a JSON object (or not declared as JSON).
    Invalid,
}

impl BodyUse {
    pub fn as_str(self) -> &'static str {
        match self {
            BodyUse::Absent => "absent",
            BodyUse::Json => "json",
            BodyUse::Invalid => "invalid",
        }
    }
}

fn paths(field: &str, texts: &[String]) -> Result<Vec<JsonPath>, ConfigError> {
    if texts.len() > 64 {
        return Err(ConfigError::invalid(
            field,
            format!("{} paths, over the limit of 64", texts.len()),
        ));
    }
    texts
        .iter()
        .map(|t| JsonPath::parse(t).map_err(|m| ConfigError::invalid(field, m)))
        .collect()
}

/// `[authz.body]`, validated.
#[derive(Debug, Clone)]
pub(super) struct BodyMapping {
    prompt: Vec<JsonPath>,
    system_prompt: Vec<JsonPath>,
    model: Vec<JsonPath>,
    max_output_tokens: Vec<JsonPath>,
    prompt_tokens: Vec<JsonPath>,
    tools: Vec<JsonPath>,
    stream: Vec<JsonPath>,
    /// Every path above, merged: what the body reader keeps.
    trie: Trie,
    /// `[authz] max_body_values`.
    max_values: usize,
}

impl BodyMapping {
    pub(super) fn compile(b: &BodyPaths, max_values: usize) -> Result<BodyMapping, ConfigError> {
        let mut mapping = BodyMapping {
            prompt: paths("authz.body.prompt", &b.prompt)?,
            system_prompt: paths("authz.body.system_prompt", &b.system_prompt)?,
            model: paths("authz.body.model", &b.model)?,
            max_output_tokens: paths("authz.body.max_output_tokens", &b.max_output_tokens)?,
            prompt_tokens: paths("authz.body.prompt_tokens", &b.prompt_tokens)?,
            tools: paths("authz.body.tools", &b.tools)?,
            stream: paths("authz.body.stream", &b.stream)?,
            trie: Trie::default(),
            max_values,
        };
        let mut trie = Trie::default();
        for path in [
            &mapping.prompt,
            &mapping.system_prompt,
            &mapping.model,
            &mapping.max_output_tokens,
            &mapping.prompt_tokens,
            &mapping.tools,
            &mapping.stream,
        ]
        .into_iter()
        .flatten()
        {
            trie.add(path);
        }
        mapping.trie = trie;
        Ok(mapping)
    }

    /// Reads the forwarded body, when there is one, into the values the
    /// paths reach.
    pub(super) fn parse(
        &self,
        original: &Original<'_>,
        invalid: InvalidBody,
    ) -> Result<(BodyUse, Option<Node>), Refusal> {
        if original.body.iter().all(u8::is_ascii_whitespace) {
            return Ok((BodyUse::Absent, None));
        }
        let text = lenient::normalize(original.body);
        match tree::read(&self.trie, &text, self.max_values) {
            Ok(node @ Node::Object(_)) => Ok((BodyUse::Json, Some(node))),
            Err(ReadError::TooManyValues) => Err(Refusal::TooManyValues(self.max_values)),
            Ok(_) | Err(ReadError::Json) => match invalid {
                InvalidBody::Ignore => Ok((BodyUse::Invalid, None)),
                InvalidBody::Deny => Err(Refusal::InvalidBody),
            },
        }
    }

    /// The call features from a parsed body (`None`: no usable body); a
    /// model from a header wins over the body's.
    pub(super) fn call(
        &self,
        json: Option<&Node>,
        limits: &FeatureLimits,
        model_header: Option<String>,
        route: Option<String>,
    ) -> Call {
        let id_max = limits.max_id_bytes;
        let joined = |paths: &[JsonPath]| -> Option<String> {
            let root = json?;
            let parts: Vec<&str> = paths
                .iter()
                .flat_map(|p| p.select(root))
                .filter_map(Node::as_str)
                .filter(|s| !s.is_empty())
                .collect();
            (!parts.is_empty()).then(|| parts.join("\n\n"))
        };
        let first = |paths: &[JsonPath]| -> Option<&Node> {
            let root = json?;
            paths.iter().flat_map(|p| p.select(root)).next()
        };
        let first_u32 = |paths: &[JsonPath]| {
            first(paths)
                .and_then(Node::as_u64)
                .map(|n| u32::try_from(n).unwrap_or(u32::MAX))
        };
        let prompt = cut(
            joined(&self.prompt).unwrap_or_default(),
            limits.max_prompt_bytes,
        );
        let system_prompt = joined(&self.system_prompt).map(|s| cut(s, limits.max_prompt_bytes));
        let model = model_header.or_else(|| {
            json.and_then(|root| {
                self.model
                    .iter()
                    .flat_map(|p| p.select(root))
                    .find_map(Node::as_str)
            })
            .map(|m| cut(m.to_string(), id_max))
        });
        let tools = json.map(|root| {
            self.tools
                .iter()
                .flat_map(|p| p.select(root))
                .filter_map(Node::as_str)
                .take(limits.max_tools)
                .map(|t| cut(t.to_string(), id_max))
                .collect::<Vec<_>>()
        });
        Call {
            route,
            model,
            prompt,
            system_prompt,
            prompt_tokens: first_u32(&self.prompt_tokens),
            max_output_tokens: first_u32(&self.max_output_tokens),
            tools: tools.filter(|t| !t.is_empty()),
            stream: first(&self.stream).and_then(Node::as_bool),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{map_with, mapping};
    use super::*;

    #[test]
    fn openai_chat_body_maps_prompt_system_model_tools_and_cap() {
        let body = r#"{"model":"gpt-x","max_tokens":4096,"stream":true,
            "messages":[{"role":"system","content":"Be terse."},
                        {"role":"user","content":"First question"},
                        {"role":"assistant","content":"answer"},
                        {"role":"user","content":[{"type":"text","text":"Second"}]}],
            "tools":[{"type":"function","function":{"name":"search"}}]}"#;
        let m = map_with(
            &mapping(),
            &[
                ("x-account-id", "acct-7"),
                ("x-original-uri", "/v1/chat/completions?x=1"),
            ],
            "/v1/authz",
            body,
        )
        .unwrap();
        let f = m.features;
        assert_eq!(m.body, BodyUse::Json);
        assert_eq!(f.call.prompt, "First question\n\nSecond");
        assert_eq!(f.call.system_prompt.as_deref(), Some("Be terse."));
        assert_eq!(f.call.model.as_deref(), Some("gpt-x"));
        assert_eq!(f.call.max_output_tokens, Some(4096));
        assert_eq!(f.call.tools, Some(vec!["search".to_string()]));
        assert_eq!(f.call.stream, Some(true));
        assert_eq!(f.call.route.as_deref(), Some("/v1/chat/completions"));
        assert_eq!(f.account.id, "acct-7");
        assert_eq!(f.id, "d-1");
        f.validate(&FeatureLimits::default()).unwrap();
    }

    #[test]
    fn anthropic_body_maps_system_blocks_and_tool_names() {
        let body = r#"{"model":"claude-x","max_tokens":100,"system":[{"type":"text","text":"sys"}],
            "messages":[{"role":"user","content":"hi"}],"tools":[{"name":"calc","input_schema":{}}]}"#;
        let f = map_with(&mapping(), &[], "/v1/authz/v1/messages", body)
            .unwrap()
            .features;
        assert_eq!(f.call.system_prompt.as_deref(), Some("sys"));
        assert_eq!(f.call.tools, Some(vec!["calc".to_string()]));
        assert_eq!(
            f.call.route.as_deref(),
            Some("/v1/messages"),
            "Envoy path_prefix suffix"
        );
    }
}
