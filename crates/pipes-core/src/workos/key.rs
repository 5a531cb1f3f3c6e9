//! What an API key value says about itself, decided in one place for the whole app: which
//! environment it belongs to, and whether it is a key at all or a placeholder.

use serde::Serialize;
use ts_rs::TS;

/// `sk_test_` = sandbox, `sk_live_` = production, any other `sk_` = unknown. An unknown key is
/// shown as unknown everywhere and treated like production before any change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum KeyEnvironment {
    Sandbox,
    Production,
    Unknown,
}

impl KeyEnvironment {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Sandbox => "sandbox",
            Self::Production => "production",
            Self::Unknown => "unknown",
        }
    }

    /// Only a key known to be a sandbox key changes WorkOS without asking first.
    pub fn changes_need_confirmation(self) -> bool {
        self != Self::Sandbox
    }

    fn prefix(self) -> &'static str {
        match self {
            Self::Sandbox => "sk_test_",
            Self::Production => "sk_live_",
            Self::Unknown => "sk_",
        }
    }
}

/// The one text for a value that is not a WorkOS API key, wherever it is found (its code is
/// [`KeyCode::FormatInvalid`](crate::codes::KeyCode::FormatInvalid)).
pub const NOT_A_KEY_MESSAGE: &str =
    "WorkOS API keys start with sk_ (sk_test_ for sandbox, sk_live_ for production).";

/// The environment a value's prefix names; `None` when it does not start with `sk_`.
pub fn key_environment(value: &str) -> Option<KeyEnvironment> {
    if value.starts_with("sk_test_") {
        Some(KeyEnvironment::Sandbox)
    } else if value.starts_with("sk_live_") {
        Some(KeyEnvironment::Production)
    } else if value.starts_with("sk_") {
        Some(KeyEnvironment::Unknown)
    } else {
        None
    }
}

/// A value the app would use as a key, and so a secret wherever it is written: an `sk_` value
/// that is not a template's placeholder (`sk_test_xxxxxxxx`, `sk_test_your_key_here`, `sk_test_...`).
pub fn is_real_key(value: &str) -> bool {
    key_environment(value).is_some_and(|env| !is_placeholder(&value[env.prefix().len()..]))
}

fn is_placeholder(body: &str) -> bool {
    let lower = body.to_ascii_lowercase();
    let distinct = body
        .chars()
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let key_chars = body
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    !key_chars
        || distinct <= 4
        || [
            "xxxx",
            "your",
            "changeme",
            "placeholder",
            "example",
            "replace",
        ]
        .iter()
        .any(|word| lower.contains(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prefix_names_the_environment() {
        assert_eq!(
            key_environment("sk_test_abc"),
            Some(KeyEnvironment::Sandbox)
        );
        assert_eq!(
            key_environment("sk_live_abc"),
            Some(KeyEnvironment::Production)
        );
        assert_eq!(
            key_environment("sk_other_abc"),
            Some(KeyEnvironment::Unknown)
        );
        assert_eq!(key_environment("client_abc"), None);
    }

    #[test]
    fn an_unknown_environment_is_treated_like_production_for_changes() {
        assert!(!KeyEnvironment::Sandbox.changes_need_confirmation());
        assert!(KeyEnvironment::Production.changes_need_confirmation());
        assert!(KeyEnvironment::Unknown.changes_need_confirmation());
    }

    #[test]
    fn placeholders_are_not_keys_and_short_real_looking_keys_are() {
        assert!(is_real_key("sk_test_a1B2c3D4e5F6g7H8i9J0"));
        assert!(
            is_real_key("sk_test_tracked123456"),
            "the key check would use it"
        );
        assert!(is_real_key("sk_prod_a1B2c3D4e5F6"));
        for placeholder in [
            "sk_test_xxxxxxxxxxxxxxxxxxxx",
            "sk_test_your_key_here_please",
            "sk_test_...",
            "sk_test_",
            "sk_test_aaaaaaaaaaaaaaaaaaaa",
            "sk_live_<your-key>",
            "sk_test_changeme123",
            "client_01ABCDEF",
        ] {
            assert!(!is_real_key(placeholder), "{placeholder}");
        }
    }
}
