use std::time::Instant;

use serde_json::json;

use super::connection::WorkosConnection;
use super::failure::{classify, classify_status, classify_transport};
use super::key::{KeyEnvironment, NOT_A_KEY_MESSAGE, is_real_key, key_environment};
use crate::checks::finding::Finding;
use crate::codes::{ClientIdCode, KeyCode, LiveCode};
use crate::foundation::sensitive::fingerprint;

/// `GET /health`: is the API reachable, and how fast. Needs no key.
pub async fn check_health(connection: &WorkosConnection) -> Finding {
    let url = format!("{}/health", connection.base_url());
    let started = Instant::now();
    let outcome = connection.http().get(&url).send().await;
    let latency_ms = started.elapsed().as_millis() as u64;
    let failure = match outcome {
        Ok(response) if response.status().is_success() => {
            return Finding::pass(
                LiveCode::HealthOk,
                "WorkOS is reachable",
                format!("{} answered in {latency_ms} ms.", connection.base_url()),
            )
            .with_details(json!({ "latency_ms": latency_ms, "base_url": connection.base_url() }));
        }
        Ok(response) => classify_status(response.status().as_u16(), None, "health check failed"),
        Err(error) => classify_transport(&error),
    };
    failure.finding("reach the API", connection.base_url())
}

/// `GET /organizations?limit=1`, the cheapest call that needs a valid key (what `workos doctor`
/// does): 200 valid, 401 invalid, 403 no permission.
pub async fn check_key(connection: &WorkosConnection) -> Finding {
    let params = workos::organizations::ListOrganizationsParams {
        limit: Some(1),
        ..Default::default()
    };
    match connection
        .sdk()
        .organizations()
        .list_organizations(params)
        .await
    {
        Ok(_) => Finding::pass(
            LiveCode::KeyValid,
            "The API key works",
            format!(
                "WorkOS accepted {}.",
                fingerprint(connection.sdk().api_key())
            ),
        ),
        Err(error) => classify(&error).finding("check the API key", connection.base_url()),
    }
}

/// What the key's prefix says about its environment.
/// The one finding for a key of an unknown environment, wherever the app meets one; `shown`
/// is its fingerprint when the key is at hand.
pub fn unknown_environment_finding(shown: Option<&str>) -> Finding {
    Finding::warn(
        KeyCode::EnvUnknown,
        "Key of an unknown environment",
        format!(
            "{} starts with sk_ but neither sk_test_ nor sk_live_, so the app treats it as production: every change asks first.",
            shown.unwrap_or("The key")
        ),
    )
    .with_remediation("Check you copied the whole key from the WorkOS Dashboard.")
}

pub fn key_environment_finding(key: &str) -> Finding {
    let shown = fingerprint(key);
    if key_environment(key).is_some() && !is_real_key(key) {
        return Finding::error(
            KeyCode::Placeholder,
            "The API key is a placeholder",
            format!("{shown} looks like a template's placeholder, not a real key, so it is not sent to WorkOS."),
        )
        .with_remediation("Copy the secret key from the WorkOS Dashboard, API Keys, and paste it in Pre-flight.");
    }
    match key_environment(key) {
        Some(KeyEnvironment::Sandbox) => Finding::pass(
            KeyCode::EnvSandbox,
            "Sandbox key",
            format!("{shown} is a staging (sandbox) key: safe to experiment with."),
        ),
        Some(KeyEnvironment::Production) => Finding::info(
            KeyCode::EnvProduction,
            "Production key",
            format!("{shown} is a production key. The app asks before any call that changes something."),
        ),
        Some(KeyEnvironment::Unknown) => unknown_environment_finding(Some(&shown)),
        None => Finding::error(KeyCode::FormatInvalid, "This is not a WorkOS API key", NOT_A_KEY_MESSAGE)
        .with_remediation("Copy the secret key from the WorkOS Dashboard, API Keys. A client id starts with client_."),
    }
}

/// The client id's format (no call needed).
pub fn check_client_id(client_id: Option<&str>) -> Finding {
    match client_id.map(str::trim) {
        None | Some("") => Finding::warn(
            ClientIdCode::Missing,
            "No client id",
            "WORKOS_CLIENT_ID is not set. Pipes itself needs only the API key, but AuthKit and the widgets need the client id.",
        )
        .with_remediation("Copy the client id (client_…) from the WorkOS Dashboard, API Keys."),
        Some(id) if id.starts_with("client_") => {
            Finding::pass(ClientIdCode::Ok, "Client id looks right", format!("{id} has the client_ prefix."))
        }
        Some(id) if id.starts_with("project_") => Finding::warn(
            ClientIdCode::OldPrefix,
            "Client id from an old guide",
            format!("{id} starts with project_, a prefix from old guides; current client ids start with client_."),
        )
        .with_remediation("Copy the current client id from the WorkOS Dashboard, API Keys."),
        Some(_) => Finding::error(
            ClientIdCode::Invalid,
            "This is not a WorkOS client id",
            "WorkOS client ids start with client_.",
        )
        .with_remediation("Copy the client id from the WorkOS Dashboard, API Keys."),
    }
}
