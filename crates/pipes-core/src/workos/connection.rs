use std::time::Duration;

use super::key::{KeyEnvironment, key_environment};
use super::state_change::{Confirmation, allow_state_change};
use crate::foundation::error::AppError;
use crate::foundation::sensitive::Sensitive;

pub const DEFAULT_BASE_URL: &str = "https://api.workos.com";

/// How long one live request may take before it is a LIVE_TIMEOUT finding.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(8);

/// One pooled HTTP client and the official SDK client on top of it, for one base URL and key.
#[derive(Clone)]
pub struct WorkosConnection {
    base_url: String,
    http: reqwest::Client,
    sdk: workos::Client,
    environment: Option<KeyEnvironment>,
    api_key: Sensitive<String>,
}

impl WorkosConnection {
    /// `base_url` is WorkOS's, the fake's, or whatever WORKOS_BASE_URL says.
    pub fn new(base_url: &str, api_key: &Sensitive<String>) -> Self {
        Self::with_timeout(base_url, api_key, REQUEST_TIMEOUT)
    }

    pub fn with_timeout(base_url: &str, api_key: &Sensitive<String>, timeout: Duration) -> Self {
        let base_url = base_url.trim_end_matches('/').to_string();
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(5)))
            .user_agent(concat!("pipes-setup/", env!("CARGO_PKG_VERSION")))
            .build()
            .expect("a reqwest client with rustls always builds");
        let transport = std::sync::Arc::new(workos::transport::ReqwestTransport::from_client(
            http.clone(),
        ));
        let sdk = workos::Client::builder()
            .api_key(api_key.expose().clone())
            .base_url(base_url.clone())
            .transport(transport)
            // A check reports a 429 or 5xx as it is; it does not quietly retry.
            .max_retries(0)
            .build();
        Self {
            base_url,
            http,
            sdk,
            environment: key_environment(api_key.expose()),
            api_key: api_key.clone(),
        }
    }

    /// The base URL from WORKOS_BASE_URL when set, else WorkOS's.
    pub fn base_url_from_env() -> String {
        std::env::var("WORKOS_BASE_URL")
            .ok()
            .filter(|v| !v.trim().is_empty())
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_string())
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// A GET to `path` (from the base URL) with the key, for calls the SDK does not have.
    pub fn get(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .get(format!("{}{path}", self.base_url))
            .bearer_auth(self.api_key.expose())
    }

    /// A POST to `path` with the key, for calls the SDK does not have.
    pub fn post(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .post(format!("{}{path}", self.base_url))
            .bearer_auth(self.api_key.expose())
    }

    /// A PUT to `path` with the key, for calls the SDK does not have.
    pub fn put(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .put(format!("{}{path}", self.base_url))
            .bearer_auth(self.api_key.expose())
    }

    /// A DELETE to `path` with the key, for calls the SDK does not have.
    pub fn delete(&self, path: &str) -> reqwest::RequestBuilder {
        self.http
            .delete(format!("{}{path}", self.base_url))
            .bearer_auth(self.api_key.expose())
    }

    /// The SDK client for reading. A call that changes state goes through [`Self::for_change`].
    pub fn sdk(&self) -> &workos::Client {
        &self.sdk
    }

    /// `Ok` when a change (in words) may run with this key, for calls made with [`Self::post`].
    pub fn allow_change(&self, change: &str, confirmation: Confirmation) -> Result<(), AppError> {
        allow_state_change(self.environment, change, confirmation)
    }

    /// The SDK client for one call that changes state, described in words for the question the
    /// user sees; against production only once they confirmed it.
    pub fn for_change(
        &self,
        change: &str,
        confirmation: Confirmation,
    ) -> Result<&workos::Client, AppError> {
        allow_state_change(self.environment, change, confirmation)?;
        Ok(&self.sdk)
    }
}

impl std::fmt::Debug for WorkosConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WorkosConnection")
            .field("base_url", &self.base_url)
            .finish_non_exhaustive()
    }
}
