//! Registering a webhook endpoint for the nine Pipes events with `POST /webhook_endpoints`,
//! as a pending action (a production key asks first): the `whsec_` secret WorkOS answers goes
//! straight into the keychain and only its fingerprint comes back. An endpoint the app
//! registered can be removed by the app (also a pending action); others it only lists.
//! Without a public URL, or without API access to endpoints, the Dashboard path applies.

use crate::codes::{LiveCode, WebhooksCode, WorkosAnswerCode};
use std::collections::HashMap;
use std::sync::Mutex;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::PIPES_EVENTS;
use crate::foundation::error::{AppError, AppResult};
use crate::foundation::sensitive::{Sensitive, fingerprint};
use crate::local::keychain::{Keychain, KeychainErrorCode, ProfileId, StoredSecret};
use crate::workos::crate_3_5_gaps::{api_error, segment, send};
use crate::workos::key::KeyEnvironment;
use crate::workos::target::{TargetKind, WorkosTarget};
use crate::workos::{Confirmation, needs_confirmation};

/// Where endpoints are managed by hand.
pub const DASHBOARD_WEBHOOKS_URL: &str = "https://dashboard.workos.com/webhooks";

/// An endpoint as WorkOS lists it (its secret is never kept here).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
pub struct WebhookEndpoint {
    pub id: String,
    pub endpoint_url: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub events: Vec<String>,
    #[serde(default)]
    pub created_at: Option<String>,
}

/// A registered endpoint and where its secret went.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RegisteredEndpoint {
    pub endpoint: WebhookEndpoint,
    pub secret: StoredSecret,
}

/// An endpoint in the list, and whether this app registered it (and so may remove it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ListedEndpoint {
    pub endpoint: WebhookEndpoint,
    pub made_by_app: bool,
    /// Whether it is subscribed to all nine Pipes events.
    pub has_all_pipes_events: bool,
}

/// The endpoints this app registered while it runs, by WorkOS target: the only ones it offers
/// to remove.
#[derive(Debug, Default)]
pub struct AppRegistrations {
    made: Mutex<HashMap<String, Made>>,
}

#[derive(Debug, Clone)]
struct Made {
    target_identity: String,
    profile: ProfileId,
}

impl AppRegistrations {
    pub fn made_by_app(&self, target: &WorkosTarget, endpoint_id: &str) -> bool {
        self.lock()
            .get(endpoint_id)
            .is_some_and(|made| made.target_identity == target.identity())
    }

    fn record(&self, endpoint_id: &str, made: Made) {
        self.lock().insert(endpoint_id.to_string(), made);
    }

    fn forget(&self, endpoint_id: &str) -> Option<Made> {
        self.lock().remove(endpoint_id)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Made>> {
        self.made.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A previewed registration, kept as a pending action.
pub struct EndpointRegistration {
    endpoint_url: String,
    profile: ProfileId,
    target_identity: String,
}

/// What the window shows before registering.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RegistrationView {
    pub endpoint_url: String,
    pub events: Vec<String>,
    pub environment: Option<KeyEnvironment>,
    pub needs_confirmation: bool,
    pub question: String,
}

impl EndpointRegistration {
    /// Checks the URL can be reached by this WorkOS and describes the change. The secret will
    /// be stored under `profile` (the API key's profile).
    pub fn prepare(
        endpoint_url: &str,
        target: &WorkosTarget,
        profile: ProfileId,
    ) -> AppResult<(Self, RegistrationView)> {
        let endpoint_url = endpoint_url.trim().to_string();
        check_endpoint_url(&endpoint_url, target.kind == TargetKind::Demo)?;
        let environment = target.info().environment;
        let view = RegistrationView {
            events: PIPES_EVENTS.iter().map(|e| e.to_string()).collect(),
            environment,
            needs_confirmation: needs_confirmation(environment),
            question: format!(
                "Register {endpoint_url} for the nine Pipes events in your {} WorkOS environment? WorkOS will send it every connection change.",
                environment.map_or("unknown", KeyEnvironment::as_str)
            ),
            endpoint_url: endpoint_url.clone(),
        };
        let registration = Self {
            endpoint_url,
            profile,
            target_identity: target.identity(),
        };
        Ok((registration, view))
    }

    /// Registers, once, on the WorkOS it was prepared against, and stores the secret. If the
    /// keychain refuses the secret, the endpoint is removed again: a secret nobody holds would
    /// leave an endpoint whose deliveries cannot be verified.
    pub async fn apply(
        self,
        target: &WorkosTarget,
        confirmation: Confirmation,
        keychain: &Keychain,
        registrations: &AppRegistrations,
    ) -> AppResult<RegisteredEndpoint> {
        target.still_is(&self.target_identity, "this registration")?;
        let connection = target.connection();
        let change = format!("register the webhook endpoint {}", self.endpoint_url);
        connection.allow_change(&change, confirmation)?;
        let body = serde_json::json!({"endpoint_url": self.endpoint_url, "events": PIPES_EVENTS});
        let created: Created = send(connection.post("/webhook_endpoints").json(&body))
            .await
            .map_err(|e| registration_error(e, &self.endpoint_url))?;
        let secret = Sensitive::new(created.secret);
        let stored = match keychain.store_webhook_secret(&self.profile, &secret).await {
            Ok(stored) => stored,
            Err(e) => {
                let _ = delete_endpoint(target, &created.endpoint.id).await;
                return Err(e.into());
            }
        };
        registrations.record(
            &created.endpoint.id,
            Made {
                target_identity: self.target_identity,
                profile: self.profile,
            },
        );
        Ok(RegisteredEndpoint {
            endpoint: created.endpoint,
            secret: stored,
        })
    }
}

#[derive(Deserialize)]
struct Created {
    #[serde(flatten)]
    endpoint: WebhookEndpoint,
    secret: String,
}

/// A previewed removal of an endpoint the app registered, kept as a pending action.
pub struct EndpointRemoval {
    endpoint_id: String,
    target_identity: String,
}

/// What the window shows before removing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RemovalView {
    pub endpoint_id: String,
    pub needs_confirmation: bool,
    pub question: String,
}

impl EndpointRemoval {
    /// Refuses an endpoint this app did not register (those are removed in the Dashboard).
    pub fn prepare(
        endpoint_id: &str,
        target: &WorkosTarget,
        registrations: &AppRegistrations,
    ) -> AppResult<(Self, RemovalView)> {
        if !registrations.made_by_app(target, endpoint_id) {
            return Err(AppError::new(
                WebhooksCode::EndpointNotMadeByApp,
                format!(
                    "Pipes Setup did not register {endpoint_id}, so it does not remove it. Remove it in the Dashboard: {DASHBOARD_WEBHOOKS_URL}."
                ),
            ));
        }
        let environment = target.info().environment;
        let view = RemovalView {
            endpoint_id: endpoint_id.to_string(),
            needs_confirmation: needs_confirmation(environment),
            question: format!(
                "Remove the webhook endpoint {endpoint_id} that Pipes Setup registered in your {} WorkOS environment? Its secret is deleted from the keychain too.",
                environment.map_or("unknown", KeyEnvironment::as_str)
            ),
        };
        let removal = Self {
            endpoint_id: endpoint_id.to_string(),
            target_identity: target.identity(),
        };
        Ok((removal, view))
    }

    /// Deletes the endpoint, once, and its secret from the keychain.
    pub async fn apply(
        self,
        target: &WorkosTarget,
        confirmation: Confirmation,
        keychain: &Keychain,
        registrations: &AppRegistrations,
    ) -> AppResult<()> {
        target.still_is(&self.target_identity, "this removal")?;
        let change = format!("remove the webhook endpoint {}", self.endpoint_id);
        target.connection().allow_change(&change, confirmation)?;
        delete_endpoint(target, &self.endpoint_id).await?;
        if let Some(made) = registrations.forget(&self.endpoint_id) {
            match keychain.delete_webhook_secret(&made.profile).await {
                Err(e) if e.code != KeychainErrorCode::NotFound => return Err(e.into()),
                _ => {}
            }
        }
        Ok(())
    }
}

/// The environment's endpoints, each marked when this app registered it.
pub async fn list_endpoints(
    target: &WorkosTarget,
    registrations: &AppRegistrations,
) -> AppResult<Vec<ListedEndpoint>> {
    #[derive(Deserialize)]
    struct Page {
        data: Vec<WebhookEndpoint>,
    }
    let connection = target.connection();
    let request = connection
        .get("/webhook_endpoints")
        .query(&[("limit", "100")]);
    let page: Page = send(request)
        .await
        .map_err(|e| registration_error(e, "the endpoints"))?;
    Ok(page
        .data
        .into_iter()
        .map(|endpoint| ListedEndpoint {
            made_by_app: registrations.made_by_app(target, &endpoint.id),
            has_all_pipes_events: PIPES_EVENTS
                .iter()
                .all(|e| endpoint.events.iter().any(|have| have == e)),
            endpoint,
        })
        .collect())
}

/// Stores a secret copied from the Dashboard (the path without API access), refusing an API
/// key and anything that is not a `whsec_` secret.
pub async fn store_pasted_secret(
    keychain: &Keychain,
    profile: &ProfileId,
    secret: &Sensitive<String>,
) -> AppResult<StoredSecret> {
    let value = secret.expose().trim();
    if value.starts_with("sk_") {
        return Err(AppError::new(
            WebhooksCode::SecretIsApiKey,
            "This is an API key (sk_…); paste the endpoint's webhook secret (whsec_…) from the Dashboard → Webhooks instead.",
        ));
    }
    if !value.starts_with("whsec_") || value.len() < 12 || value.contains(char::is_whitespace) {
        return Err(AppError::new(
            WebhooksCode::SecretInvalid,
            format!(
                "A webhook secret starts with whsec_ and has no spaces (this looks like {}). Copy it again from the Dashboard → Webhooks.",
                fingerprint(value)
            ),
        ));
    }
    Ok(keychain
        .store_webhook_secret(profile, &Sensitive::new(value.to_string()))
        .await?)
}

/// What to do in the Dashboard when the app cannot register (no public URL, or no API access).
pub fn dashboard_steps(endpoint_url: Option<&str>) -> Vec<String> {
    vec![
        format!("Open {DASHBOARD_WEBHOOKS_URL} and choose Create Endpoint."),
        format!(
            "Enter {} as the endpoint URL.",
            endpoint_url.unwrap_or("your app's public HTTPS URL")
        ),
        format!("Select the nine Pipes events: {}.", PIPES_EVENTS.join(", ")),
        "Copy the endpoint's secret (whsec_…) and paste it here: it is kept in the keychain."
            .into(),
    ]
}

/// HTTPS to a public host; plain HTTP to this machine only on the built-in demo, which runs
/// here and so can reach it. WorkOS itself cannot reach a laptop.
pub fn check_endpoint_url(endpoint_url: &str, demo: bool) -> AppResult<()> {
    let url = reqwest::Url::parse(endpoint_url).map_err(|_| {
        AppError::new(
            WebhooksCode::UrlInvalid,
            format!("'{endpoint_url}' is not a URL; enter a full https://… address."),
        )
    })?;
    let local = is_local_host(url.host_str().unwrap_or_default());
    match (url.scheme(), local, demo) {
        (_, true, true) | ("https", false, _) => Ok(()),
        (_, true, false) => Err(AppError::new(
            WebhooksCode::UrlNotPublic,
            format!(
                "WorkOS cannot reach {endpoint_url} on this machine. Use a public HTTPS URL (your deployed app or a tunnel), poll events instead, or register in the Dashboard."
            ),
        )),
        _ => Err(AppError::new(
            WebhooksCode::UrlNotHttps,
            format!("WorkOS delivers only to https:// URLs; '{endpoint_url}' is not one."),
        )),
    }
}

fn is_local_host(host: &str) -> bool {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.eq_ignore_ascii_case("localhost") || host.ends_with(".localhost") {
        return true;
    }
    match host.parse::<std::net::IpAddr>() {
        Ok(std::net::IpAddr::V4(ip)) => {
            ip.is_loopback() || ip.is_private() || ip.is_link_local() || ip.is_unspecified()
        }
        Ok(std::net::IpAddr::V6(ip)) => ip.is_loopback() || ip.is_unspecified(),
        Err(_) => false,
    }
}

async fn delete_endpoint(target: &WorkosTarget, endpoint_id: &str) -> AppResult<()> {
    let path = format!("/webhook_endpoints/{}", segment(endpoint_id));
    let response = target
        .connection()
        .delete(&path)
        .send()
        .await
        .map_err(|e| {
            AppError::new(
                LiveCode::Unreachable,
                format!("WorkOS could not be reached: {e}"),
            )
        })?;
    let status = response.status().as_u16();
    if (200..300).contains(&status) {
        return Ok(());
    }
    let body = response.bytes().await.unwrap_or_default();
    Err(registration_error(api_error(status, &body), endpoint_id))
}

/// No API access to endpoints (403/404) becomes the Dashboard path; a duplicate says so.
fn registration_error(error: AppError, what: &str) -> AppError {
    let no_access = [
        WorkosAnswerCode::Forbidden,
        WorkosAnswerCode::NotFound,
        WorkosAnswerCode::Unauthorized,
    ];
    match WorkosAnswerCode::from_code(&error.code) {
        Some(code) if no_access.contains(&code) => AppError::new(
            WebhooksCode::RegistrationUnavailable,
            format!(
                "{} This key cannot manage webhook endpoints for {what}: use the Dashboard ({DASHBOARD_WEBHOOKS_URL}).",
                error.message
            ),
        ),
        Some(WorkosAnswerCode::DuplicateEndpoint) => AppError::new(
            WebhooksCode::EndpointExists,
            format!(
                "{what} is already registered. Its secret is shown in the Dashboard ({DASHBOARD_WEBHOOKS_URL}); paste it here, or remove that endpoint first."
            ),
        ),
        _ => error,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_workos_needs_a_public_https_url() {
        assert!(check_endpoint_url("https://shop.example/webhooks", false).is_ok());
        for local in [
            "http://127.0.0.1:4000/hooks",
            "https://localhost/hooks",
            "https://192.168.1.20/hooks",
            "https://[::1]:8443/hooks",
        ] {
            assert_eq!(
                check_endpoint_url(local, false).unwrap_err().code,
                "WEBHOOK_URL_NOT_PUBLIC",
                "{local}"
            );
        }
        assert_eq!(
            check_endpoint_url("http://shop.example/webhooks", false)
                .unwrap_err()
                .code,
            "WEBHOOK_URL_NOT_HTTPS"
        );
        assert_eq!(
            check_endpoint_url("shop.example", false).unwrap_err().code,
            "WEBHOOK_URL_INVALID"
        );
    }

    #[test]
    fn the_demo_reaches_this_machine() {
        assert!(check_endpoint_url("http://127.0.0.1:4000/hooks", true).is_ok());
        assert!(check_endpoint_url("http://shop.example/hooks", true).is_err());
    }

    #[test]
    fn the_dashboard_steps_name_all_nine_events() {
        let steps = dashboard_steps(Some("https://shop.example/webhooks"));
        assert!(steps[1].contains("https://shop.example/webhooks"));
        assert!(PIPES_EVENTS.iter().all(|e| steps[2].contains(e)));
    }
}
