//! Which WorkOS the app talks to and with which key: the built-in demo, or the user's account.

use serde::Serialize;
use ts_rs::TS;

use crate::codes::WorkosCode;
use crate::foundation::error::AppError;
use crate::foundation::sensitive::{Sensitive, fingerprint};
use crate::workos::WorkosConnection;
use crate::workos::key::{KeyEnvironment, key_environment};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetKind {
    /// fake-workos running inside the app with its demo seed.
    Demo,
    /// The user's own key, from the keychain profile named here.
    Profile(String),
}

#[derive(Debug, Clone)]
pub struct WorkosTarget {
    pub kind: TargetKind,
    base_url: String,
    key: Sensitive<String>,
}

/// What the UI may know about the target: never the key, only its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TargetInfo {
    pub demo: bool,
    pub base_url: String,
    pub key_fingerprint: String,
    pub environment: Option<KeyEnvironment>,
    /// Why the app is not where the user left it (e.g. the keychain could not give the key back).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub notice: Option<String>,
}

impl WorkosTarget {
    pub fn demo(base_url: &str, key: Sensitive<String>) -> Self {
        Self {
            kind: TargetKind::Demo,
            base_url: base_url.to_string(),
            key,
        }
    }

    pub fn profile(profile: &str, base_url: &str, key: Sensitive<String>) -> Self {
        Self {
            kind: TargetKind::Profile(profile.to_string()),
            base_url: base_url.to_string(),
            key,
        }
    }

    pub fn info(&self) -> TargetInfo {
        TargetInfo {
            demo: self.kind == TargetKind::Demo,
            base_url: self.base_url.clone(),
            key_fingerprint: fingerprint(self.key.expose()),
            environment: key_environment(self.key.expose()),
            notice: None,
        }
    }

    /// Which WorkOS results were earned against: `demo`, or the account's keychain profile
    /// (one per project and environment). Never the key.
    pub fn identity(&self) -> String {
        match &self.kind {
            TargetKind::Demo => "demo".to_string(),
            TargetKind::Profile(profile) => format!("account:{profile}"),
        }
    }

    /// Refuses an action prepared on the WorkOS named `identity` when the app is on another one
    /// now (`what`: "this test", "this change").
    pub fn still_is(&self, identity: &str, what: &str) -> Result<(), AppError> {
        if identity == self.identity() {
            return Ok(());
        }
        Err(AppError::new(
            WorkosCode::TargetChanged,
            format!(
                "The app switched to another WorkOS since {what} was prepared. Prepare it again."
            ),
        ))
    }

    pub fn connection(&self) -> WorkosConnection {
        WorkosConnection::new(&self.base_url, &self.key)
    }

    pub fn key(&self) -> &Sensitive<String> {
        &self.key
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }
}

/// The demo, or a WorkOS on this machine (fake-workos): its tokens only work on its own
/// provider API, and it can send test events on a click.
pub fn is_local(target: &WorkosTarget) -> bool {
    if target.kind == TargetKind::Demo {
        return true;
    }
    let rest = target.base_url().split("://").nth(1).unwrap_or_default();
    let host = rest.split(['/', ':']).next().unwrap_or_default();
    matches!(host, "127.0.0.1" | "localhost") || rest.starts_with("[::1]")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_info_shows_a_fingerprint_and_never_the_key() {
        let key = "sk_test_demo_0000000000000000000000000000fake";
        let target = WorkosTarget::demo("http://127.0.0.1:1", Sensitive::new(key.to_string()));
        let info = target.info();
        assert!(info.demo);
        assert_eq!(info.key_fingerprint, "sk_test_…fake");
        assert_eq!(info.environment, Some(KeyEnvironment::Sandbox));
        assert!(!serde_json::to_string(&info).unwrap().contains(key));
        assert!(!format!("{target:?}").contains(key));
    }
}
