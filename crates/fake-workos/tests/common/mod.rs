//! Shared test helpers: a running fake, an HTTP client that checks every JSON answer
//! against the OpenAPI spec subset, and the demo seed's fixed ids.
#![allow(dead_code)]

use std::sync::OnceLock;

use fake_workos::{Config, FakeWorkos, RunningFake, Seed, WebhookConfig};
use reqwest::{Method, StatusCode};
use serde_json::Value;

pub const SANDBOX_KEY: &str = "sk_test_demo_0000000000000000000000000000fake";
pub const PRODUCTION_KEY: &str = "sk_live_demo_0000000000000000000000000000fake";
pub const FORBIDDEN_KEY: &str = "sk_test_demo_readonly_0000000000000000000403";
pub const ADA: &str = "user_01JDEM0ADA0000000000000000";
pub const GRACE: &str = "user_01JDEM0GRACE00000000000000";
pub const ACME: &str = "org_01JDEM0ACME000000000000000";
pub const PROD_ADA: &str = "user_01JDEM0PR0DADA000000000000";

pub async fn start_demo() -> RunningFake {
    FakeWorkos::start(Config {
        seed: Seed::demo(),
        webhooks: WebhookConfig::fast(),
        ..Config::default()
    })
    .await
    .expect("fake starts")
}

#[path = "spec.rs"]
pub mod spec_file;
pub use spec_file::Spec;

/// The vendored v0.61 spec subset the HTTP tests check every answer against.
pub fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/spec/workos-pipes-openapi.yaml"
        );
        Spec::load(std::path::Path::new(path)).expect("spec loads")
    })
}

/// The schemas reconstructed from today's SDKs (Python 10.8 models); the delta wins over v0.61.
pub fn reconstructed_spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/spec/workos-pipes-openapi-reconstructed.yaml"
        );
        Spec::load(std::path::Path::new(path)).expect("reconstructed spec loads")
    })
}

/// Asserts `body` is what the spec allows for this operation and status.
fn check_answer(method: &Method, template: &str, path: &str, status: u16, raw: &[u8]) {
    let body: Option<Value> = (!raw.is_empty()).then(|| {
        serde_json::from_slice(raw).unwrap_or_else(|e| {
            panic!(
                "{method} {template} {status}: body is not JSON ({e}): {}",
                String::from_utf8_lossy(raw)
            )
        })
    });
    // Today's schemas (where they know the operation) and v0.61 must both accept the
    // answer, except a status only today's schemas document (a newer error).
    let today = reconstructed_spec();
    let path = path.split('?').next().unwrap_or(path);
    let today_fit = today
        .template_for(method.as_str(), path)
        .map(|current| today.judge(method.as_str(), &current, status, body.as_ref()));
    if let Some(Err(misfit)) = &today_fit {
        panic!(
            "{method} {template} {status} does not fit today's schemas: {misfit:?}\nbody: {}",
            String::from_utf8_lossy(raw)
        );
    }
    let documented_today = today_fit == Some(Ok(spec_file::Fit::Schema));
    let fit = spec().judge(method.as_str(), template, status, body.as_ref());
    let newer_error = fit == Err(spec_file::Misfit::UndocumentedStatus) && documented_today;
    let body_not_described =
        fit == Ok(spec_file::Fit::StatusOnly) && body.is_some() && status < 400;
    if (fit.is_err() && !newer_error) || body_not_described {
        panic!(
            "{method} {template} {status} does not fit v0.61: {fit:?}\nbody: {}",
            String::from_utf8_lossy(raw)
        );
    }
}

pub struct Reply {
    pub status: StatusCode,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
    pub raw: Vec<u8>,
}

/// A raw HTTP client for the fake that validates every answer against the spec.
pub struct Api {
    pub http: reqwest::Client,
    pub base: String,
    pub key: String,
}

impl Api {
    pub fn new(fake: &RunningFake, key: &str) -> Self {
        Self {
            http: reqwest::Client::new(),
            base: fake.base_url().to_string(),
            key: key.to_string(),
        }
    }

    pub fn with_key(&self, key: &str) -> Self {
        Self {
            http: self.http.clone(),
            base: self.base.clone(),
            key: key.to_string(),
        }
    }

    /// Calls `path` (a concrete path, `?query` allowed) of the spec operation `template`.
    pub async fn call(
        &self,
        method: Method,
        template: &str,
        path: &str,
        body: Option<Value>,
    ) -> Reply {
        let mut request = self
            .http
            .request(method.clone(), format!("{}{}", self.base, path))
            .bearer_auth(&self.key);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.expect("request reaches the fake");
        let status = response.status();
        let headers = response.headers().clone();
        let raw = response.bytes().await.expect("body").to_vec();
        assert!(
            headers.contains_key("x-request-id"),
            "{method} {path}: no X-Request-ID"
        );
        check_answer(&method, template, path, status.as_u16(), &raw);
        let body = serde_json::from_slice(&raw).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
            raw,
        }
    }

    pub async fn get(&self, template: &str, path: &str) -> Reply {
        self.call(Method::GET, template, path, None).await
    }

    pub async fn post(&self, template: &str, path: &str, body: Value) -> Reply {
        self.call(Method::POST, template, path, Some(body)).await
    }

    pub async fn admin(
        &self,
        method: Method,
        path: &str,
        body: Option<Value>,
    ) -> reqwest::Response {
        let mut request = self
            .http
            .request(method, format!("{}/__admin{}", self.base, path));
        if let Some(body) = body {
            request = request.json(&body);
        }
        request.send().await.expect("admin call")
    }
}

pub fn is_iso_millis(value: &Value) -> bool {
    let Some(text) = value.as_str() else {
        return false;
    };
    text.len() == "2024-01-16T14:20:00.000Z".len() && text.ends_with('Z') && chrono_like(text)
}

fn chrono_like(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes[4] == b'-' && bytes[10] == b'T' && bytes[19] == b'.'
}
