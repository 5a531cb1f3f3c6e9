//! Shared test helpers: a running fake, an HTTP client that checks every JSON answer
//! against the OpenAPI spec subset, and the demo seed's fixed ids.
#![allow(dead_code)]

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

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

/// The spec subset, with `$ref`s resolvable from the root, compiled per response.
const API_WIDE_STATUSES: &[u16] = &[401, 403, 429, 500, 502, 503];

pub struct Spec {
    document: Value,
    validators: Mutex<HashMap<String, Option<Arc<jsonschema::Validator>>>>,
}

pub fn spec() -> &'static Spec {
    static SPEC: OnceLock<Spec> = OnceLock::new();
    SPEC.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/spec/workos-pipes-openapi.yaml"
        );
        let text = std::fs::read_to_string(path).expect("spec file");
        let mut document: Value = serde_yaml_ng::from_str(&text).expect("spec parses");
        // The spec marks deprecated camelCase twins (createdAt, integrationType, …) as
        // required, but real responses omit them. Drop deprecated properties from every
        // `required` list so the checks match the real API rather than that quirk.
        strip_deprecated_required(&mut document);
        Spec {
            document,
            validators: Mutex::new(HashMap::new()),
        }
    })
}

fn strip_deprecated_required(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let deprecated: Vec<String> = map
                .get("properties")
                .and_then(Value::as_object)
                .map(|props| {
                    props
                        .iter()
                        .filter(|(_, schema)| schema["deprecated"] == Value::Bool(true))
                        .map(|(name, _)| name.clone())
                        .collect()
                })
                .unwrap_or_default();
            if let Some(Value::Array(required)) = map.get_mut("required") {
                required.retain(|name| !deprecated.iter().any(|d| name == d));
            }
            map.values_mut().for_each(strip_deprecated_required);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_deprecated_required),
        _ => {}
    }
}

impl Spec {
    /// The response schema of `METHOD template` for `status`; `None` when the spec
    /// documents that status without a JSON body, or for the API-wide statuses (401, 403,
    /// 429, 5xx) that not every operation lists. Panics on any other undocumented status.
    fn response_schema(&self, method: &Method, template: &str, status: u16) -> Option<Value> {
        let operation = &self.document["paths"][template][method.as_str().to_lowercase()];
        assert!(
            operation.is_object(),
            "spec has no operation {method} {template}"
        );
        let response = &operation["responses"][status.to_string()];
        if !response.is_object() && API_WIDE_STATUSES.contains(&status) {
            return None;
        }
        assert!(
            response.is_object(),
            "spec documents no {status} for {method} {template}"
        );
        let schema = response["content"]["application/json"]["schema"].clone();
        (!schema.is_null()).then_some(schema)
    }

    fn validator(
        &self,
        method: &Method,
        template: &str,
        status: u16,
    ) -> Option<Arc<jsonschema::Validator>> {
        let key = format!("{method} {template} {status}");
        if let Some(cached) = self.validators.lock().unwrap().get(&key) {
            return cached.clone();
        }
        let validator = self
            .response_schema(method, template, status)
            .map(|schema| {
                let mut root = schema;
                root["components"] = self.document["components"].clone();
                let validator = jsonschema::options()
                    .with_draft(jsonschema::Draft::Draft202012)
                    .should_validate_formats(true)
                    .build(&root)
                    .unwrap_or_else(|e| panic!("schema for {key} compiles: {e}"));
                Arc::new(validator)
            });
        self.validators
            .lock()
            .unwrap()
            .insert(key, validator.clone());
        validator
    }

    /// Asserts `body` is what the spec allows for this operation and status.
    pub fn check(&self, method: &Method, template: &str, status: u16, body: &[u8]) {
        match self.validator(method, template, status) {
            None if API_WIDE_STATUSES.contains(&status) => {}
            None => assert!(
                body.is_empty(),
                "{method} {template} {status}: spec has no body, got {}",
                String::from_utf8_lossy(body)
            ),
            Some(validator) => {
                let value: Value = serde_json::from_slice(body).unwrap_or_else(|e| {
                    panic!(
                        "{method} {template} {status}: body is not JSON ({e}): {}",
                        String::from_utf8_lossy(body)
                    )
                });
                let errors: Vec<String> = validator
                    .iter_errors(&value)
                    .map(|e| format!("{} at {}", e, e.instance_path))
                    .take(5)
                    .collect();
                assert!(
                    errors.is_empty(),
                    "{method} {template} {status} violates the spec: {errors:#?}\nbody: {value:#}"
                );
            }
        }
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
        spec().check(&method, template, status.as_u16(), &raw);
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
