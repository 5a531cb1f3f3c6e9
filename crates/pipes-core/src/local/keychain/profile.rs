//! Which entry a secret lives in: a profile id (account) and a secret kind (service).

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::errors::{KeychainError, KeychainErrorCode};
use crate::workos::key::KeyEnvironment;

/// What is stored. Each kind has its own service name, so one profile id names one entry per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SecretKind {
    ApiKey,
    WebhookSecret,
}

impl SecretKind {
    /// The API key uses the base service itself (`dev.pipes-setup`); other kinds add a suffix.
    pub(super) fn service_name(self, base: &str) -> String {
        match self {
            SecretKind::ApiKey => base.to_string(),
            SecretKind::WebhookSecret => format!("{base}.webhook-secret"),
        }
    }
}

const MAX_PROFILE_LEN: usize = 200;

/// A profile id, the keychain account: `<project-hash>/sandbox`, `acme/production`.
/// Letters, digits and `. _ - /` only, so it is safe in every platform store.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, TS)]
pub struct ProfileId(String);

impl ProfileId {
    pub fn new(id: impl Into<String>) -> Result<Self, KeychainError> {
        let id = id.into();
        let valid_chars = id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "._-/".contains(c));
        if id.is_empty() || id.len() > MAX_PROFILE_LEN || !valid_chars {
            return Err(KeychainError::new(
                KeychainErrorCode::InvalidProfile,
                format!(
                    "A profile id must be 1 to {MAX_PROFILE_LEN} letters, digits, '.', '_', '-' or '/'."
                ),
            ));
        }
        Ok(Self(id))
    }

    /// `<hash of the project folder>/<environment>`: stable for a folder across runs.
    pub fn for_project(project_dir: &Path, environment: KeyEnvironment) -> Self {
        let canonical =
            std::fs::canonicalize(project_dir).unwrap_or_else(|_| project_dir.to_path_buf());
        let hash = fnv1a_64(canonical.to_string_lossy().as_bytes());
        Self(format!("{hash:016x}/{}", environment.as_str()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// FNV-1a: tiny and, unlike `DefaultHasher`, guaranteed stable across Rust releases.
fn fnv1a_64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, b| {
        (hash ^ u64::from(*b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_ids_accept_the_documented_shapes() {
        assert!(ProfileId::new("0123abcd/sandbox").is_ok());
        assert!(ProfileId::new("acme-app/production").is_ok());
    }

    #[test]
    fn profile_ids_reject_empty_long_and_odd_characters() {
        for bad in ["", "a b", "x\ny", "ключ", &"a".repeat(201)] {
            let err = ProfileId::new(bad).unwrap_err();
            assert_eq!(err.code, KeychainErrorCode::InvalidProfile);
        }
    }

    #[test]
    fn project_profiles_are_stable_and_differ_per_environment() {
        let dir = Path::new("/nonexistent/pipes/project");
        let sandbox = ProfileId::for_project(dir, KeyEnvironment::Sandbox);
        assert_eq!(
            sandbox,
            ProfileId::for_project(dir, KeyEnvironment::Sandbox)
        );
        assert!(sandbox.as_str().ends_with("/sandbox"));
        assert_ne!(
            sandbox,
            ProfileId::for_project(dir, KeyEnvironment::Production)
        );
        assert!(ProfileId::new(sandbox.as_str()).is_ok());
    }

    #[test]
    fn webhook_secrets_live_under_their_own_service() {
        assert_eq!(
            SecretKind::ApiKey.service_name("dev.pipes-setup"),
            "dev.pipes-setup"
        );
        assert_eq!(
            SecretKind::WebhookSecret.service_name("dev.pipes-setup"),
            "dev.pipes-setup.webhook-secret"
        );
    }
}
