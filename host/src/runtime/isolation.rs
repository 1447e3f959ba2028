//! How a plugin's instances are used across requests: a sandbox property,
//! so it lives with the runtime; the policy only names it.

use serde::{Deserialize, Serialize};

/// How a plugin's instances are used.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Isolation {
    /// A fresh instance for every request: no state survives a request.
    #[default]
    Fresh,
    /// Instances are reused across requests: faster, but a plugin's globals
    /// persist, so only for plugins the operator trusts not to keep data.
    Reuse,
}
