//! The OS keychain: API keys and webhook secrets, one entry per environment profile.
//!
//! Every call runs on its own thread under a timeout, so a hung keychain daemon becomes a
//! `KEYCHAIN_TIMEOUT` error instead of a frozen wizard. There is no plain-text fallback:
//! when the keychain is unavailable the caller gets an error with a remediation.

mod canary;
pub mod codes;
mod errors;
mod profile;
mod secret_service;
mod store;
mod timeout;

use std::sync::Arc;
use std::time::Duration;

use serde::Serialize;
use ts_rs::TS;

use crate::foundation::sensitive::{Sensitive, fingerprint};

pub use errors::{KeychainError, KeychainErrorCode};
pub use profile::{ProfileId, SecretKind};
pub use secret_service::SystemStore;
pub use store::{SecretStore, StoreError};

/// The service name entries are stored under (the API key's; webhook secrets add a suffix).
pub const DEFAULT_SERVICE: &str = "dev.pipes-setup";
/// How long one keychain call may take before it counts as hung.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(3);

/// What the UI may know about a stored secret: which profile, which kind, and its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct StoredSecret {
    pub profile: String,
    pub kind: SecretKind,
    pub fingerprint: String,
}

/// The keychain, over any [`SecretStore`] (the OS store in the app, fakes in unit tests).
#[derive(Clone)]
pub struct Keychain {
    store: Arc<dyn SecretStore>,
    service: String,
    timeout: Duration,
}

impl std::fmt::Debug for Keychain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keychain")
            .field("service", &self.service)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Keychain {
    /// The OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on
    /// Windows). Connecting happens on first use, so this never fails or blocks.
    pub fn system() -> Self {
        Self::with_store(Arc::new(SystemStore::new()))
    }

    pub fn with_store(store: Arc<dyn SecretStore>) -> Self {
        Self {
            store,
            service: DEFAULT_SERVICE.to_string(),
            timeout: DEFAULT_TIMEOUT,
        }
    }

    /// Another service name, e.g. to keep tests apart from the user's real entries.
    pub fn with_service(mut self, service: impl Into<String>) -> Self {
        self.service = service.into();
        self
    }

    pub fn with_timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    pub fn service(&self) -> &str {
        &self.service
    }

    /// Stores (or replaces) a secret and answers with its fingerprint.
    pub async fn store_secret(
        &self,
        profile: &ProfileId,
        kind: SecretKind,
        secret: &Sensitive<String>,
    ) -> Result<StoredSecret, KeychainError> {
        if secret.expose().is_empty() {
            return Err(KeychainError::new(
                KeychainErrorCode::EmptySecret,
                "The secret is empty.",
            ));
        }
        let (service, account) = self.address(profile, kind);
        let value = secret.clone();
        self.call(move |store| store.set(&service, &account, &value))
            .await?;
        Ok(StoredSecret {
            profile: profile.as_str().to_string(),
            kind,
            fingerprint: fingerprint(secret.expose()),
        })
    }

    pub async fn read_secret(
        &self,
        profile: &ProfileId,
        kind: SecretKind,
    ) -> Result<Sensitive<String>, KeychainError> {
        let (service, account) = self.address(profile, kind);
        self.call(move |store| store.get(&service, &account)).await
    }

    /// The fingerprint of a stored secret, or `None` when the profile has none.
    pub async fn secret_fingerprint(
        &self,
        profile: &ProfileId,
        kind: SecretKind,
    ) -> Result<Option<StoredSecret>, KeychainError> {
        match self.read_secret(profile, kind).await {
            Ok(secret) => Ok(Some(StoredSecret {
                profile: profile.as_str().to_string(),
                kind,
                fingerprint: fingerprint(secret.expose()),
            })),
            Err(e) if e.code == KeychainErrorCode::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Deletes a secret. Deleting one that is not there is `KEYCHAIN_NOT_FOUND`.
    pub async fn delete_secret(
        &self,
        profile: &ProfileId,
        kind: SecretKind,
    ) -> Result<(), KeychainError> {
        let (service, account) = self.address(profile, kind);
        self.call(move |store| store.delete(&service, &account))
            .await
    }

    pub async fn store_api_key(
        &self,
        profile: &ProfileId,
        key: &Sensitive<String>,
    ) -> Result<StoredSecret, KeychainError> {
        self.store_secret(profile, SecretKind::ApiKey, key).await
    }

    pub async fn read_api_key(
        &self,
        profile: &ProfileId,
    ) -> Result<Sensitive<String>, KeychainError> {
        self.read_secret(profile, SecretKind::ApiKey).await
    }

    pub async fn delete_api_key(&self, profile: &ProfileId) -> Result<(), KeychainError> {
        self.delete_secret(profile, SecretKind::ApiKey).await
    }

    pub async fn store_webhook_secret(
        &self,
        profile: &ProfileId,
        secret: &Sensitive<String>,
    ) -> Result<StoredSecret, KeychainError> {
        self.store_secret(profile, SecretKind::WebhookSecret, secret)
            .await
    }

    pub async fn read_webhook_secret(
        &self,
        profile: &ProfileId,
    ) -> Result<Sensitive<String>, KeychainError> {
        self.read_secret(profile, SecretKind::WebhookSecret).await
    }

    pub async fn delete_webhook_secret(&self, profile: &ProfileId) -> Result<(), KeychainError> {
        self.delete_secret(profile, SecretKind::WebhookSecret).await
    }

    /// Writes, reads back and deletes a random value under a canary account: `KEYCHAIN_OK`
    /// with the round-trip time, or the finding for whatever went wrong.
    pub async fn self_test(&self) -> crate::Finding {
        canary::self_test(self).await
    }

    fn address(&self, profile: &ProfileId, kind: SecretKind) -> (String, String) {
        (
            kind.service_name(&self.service),
            profile.as_str().to_string(),
        )
    }

    async fn call<T, F>(&self, op: F) -> Result<T, KeychainError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn SecretStore) -> Result<T, StoreError> + Send + 'static,
    {
        let store = self.store.clone();
        timeout::run_with_timeout(self.timeout, move || op(store.as_ref())).await
    }
}

#[cfg(test)]
mod ts_tests {
    use ts_rs::{Config, TS};

    use super::*;

    #[test]
    fn ui_types_render_as_typescript() {
        let cfg = Config::new();
        let all = [
            StoredSecret::decl(&cfg),
            SecretKind::decl(&cfg),
            ProfileId::decl(&cfg),
            KeychainError::decl(&cfg),
            KeychainErrorCode::decl(&cfg),
        ]
        .join("\n");
        eprintln!("{all}");
        assert!(all.contains("\"KEYCHAIN_TIMEOUT\""));
        assert!(all.contains("type ProfileId = string"));
    }
}
