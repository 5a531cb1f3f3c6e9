//! Test deliveries on a click: a signed event of any of the nine Pipes types, sent once to a
//! registered endpoint (with its secret) or to a given URL (with a given secret), and logged
//! like every other delivery. Test events are not recorded in `GET /events`.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::event_names::PIPES_EVENTS;
use crate::fake_state::FakeState;
use crate::ids::{new_id, now_iso};
use crate::state::{Delivery, DeliveryState, Environment, Event};
use crate::views;
use crate::webhooks::delivery;

/// What to send, as `POST /__admin/webhook-test` takes it.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct TestDeliveryRequest {
    /// The environment holding `endpoint_id` (or the first sandbox one) when absent.
    #[serde(default)]
    pub environment: Option<String>,
    /// A registered endpoint: its URL and secret are used.
    #[serde(default)]
    pub endpoint_id: Option<String>,
    /// Or any URL, with `secret`.
    #[serde(default)]
    pub url: Option<String>,
    /// Signs with this instead of the endpoint's secret (to show a rejected delivery).
    #[serde(default)]
    pub secret: Option<String>,
    /// One of the nine `pipes.*` event names.
    pub event: String,
}

/// What happened to the one attempt.
#[derive(Clone, Debug, Serialize)]
pub struct TestDelivery {
    pub delivery_id: String,
    pub event_id: String,
    pub event: String,
    pub endpoint_url: String,
    /// The receiver's status; `None` when it could not be reached.
    pub status: Option<u16>,
    pub error: Option<String>,
}

/// Why a test delivery was not sent: an HTTP status and a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TestDeliveryError {
    pub status: u16,
    pub message: String,
}

impl TestDeliveryError {
    fn new(status: u16, message: impl Into<String>) -> Self {
        Self {
            status,
            message: message.into(),
        }
    }
}

/// The environment whose endpoint `endpoint_id` is, so a caller need not know its name.
fn holding_endpoint(state: &FakeState, endpoint_id: Option<&str>) -> Option<String> {
    let id = endpoint_id?;
    state
        .snapshot()
        .environments
        .into_values()
        .find(|e| e.webhook_endpoints.iter().any(|w| w.id == id))
        .map(|e| e.name)
}

struct Destination {
    endpoint_id: String,
    url: String,
    secret: String,
}

/// Signs and sends one test event, once, and logs the delivery.
pub async fn send(
    state: &FakeState,
    request: &TestDeliveryRequest,
) -> Result<TestDelivery, TestDeliveryError> {
    if !PIPES_EVENTS.contains(&request.event.as_str()) {
        return Err(TestDeliveryError::new(
            422,
            format!(
                "'{}' is not a Pipes event; use one of: {}",
                request.event,
                PIPES_EVENTS.join(", ")
            ),
        ));
    }
    let env_name = request
        .environment
        .clone()
        .or_else(|| holding_endpoint(state, request.endpoint_id.as_deref()))
        .or_else(|| state.default_environment())
        .ok_or_else(|| TestDeliveryError::new(404, "the fake has no environment"))?;
    let env = state
        .environment(&env_name)
        .ok_or_else(|| TestDeliveryError::new(404, format!("no environment {env_name}")))?;
    let destination = destination(&env, request)?;
    let event = Event {
        id: new_id("event_"),
        event: request.event.clone(),
        data: sample_data(&env, &request.event),
        created_at: now_iso(),
    };
    let body = views::event(&event).to_string();
    let attempt = delivery::send_signed(state, &destination.url, &destination.secret, &body).await;
    let delivered = attempt.status.is_some_and(|s| (200..300).contains(&s));
    let result = TestDelivery {
        delivery_id: new_id("delivery_"),
        event_id: event.id.clone(),
        event: event.event.clone(),
        endpoint_url: destination.url.clone(),
        status: attempt.status,
        error: attempt.error.clone(),
    };
    let logged = Delivery {
        id: result.delivery_id.clone(),
        environment: env_name,
        endpoint_id: destination.endpoint_id,
        endpoint_url: destination.url,
        event_id: event.id,
        event: event.event,
        state: if delivered {
            DeliveryState::Succeeded
        } else {
            DeliveryState::Failed
        },
        attempts: vec![attempt],
    };
    state.log_delivery(logged);
    Ok(result)
}

fn destination(
    env: &Environment,
    request: &TestDeliveryRequest,
) -> Result<Destination, TestDeliveryError> {
    match (&request.endpoint_id, &request.url) {
        (Some(id), None) => {
            let endpoint = env
                .webhook_endpoints
                .iter()
                .find(|e| &e.id == id)
                .ok_or_else(|| {
                    TestDeliveryError::new(404, format!("Webhook endpoint not found: '{id}'."))
                })?;
            Ok(Destination {
                endpoint_id: endpoint.id.clone(),
                url: endpoint.endpoint_url.clone(),
                secret: request
                    .secret
                    .clone()
                    .unwrap_or_else(|| endpoint.secret.clone()),
            })
        }
        (None, Some(url)) => {
            let secret = request.secret.clone().ok_or_else(|| {
                TestDeliveryError::new(422, "a test delivery to a URL needs the secret to sign it")
            })?;
            Ok(Destination {
                endpoint_id: String::new(),
                url: url.clone(),
                secret,
            })
        }
        _ => Err(TestDeliveryError::new(
            422,
            "name either endpoint_id or url (with secret)",
        )),
    }
}

/// The event's `data`: the environment's first connected account for the account events,
/// a declined consent for `connection_failed` and `add_failed`.
fn sample_data(env: &Environment, event: &str) -> Value {
    let account = env.connected_accounts.first();
    let integration = account
        .and_then(|a| env.integrations.iter().find(|i| i.slug == a.slug))
        .or_else(|| env.integrations.first());
    let slug = integration.map_or("github", |i| i.slug.as_str());
    let integration_id = account
        .map(|a| a.data_integration_id.clone())
        .or_else(|| integration.map(|i| i.id.clone()))
        .unwrap_or_else(|| new_id("data_integration_"));
    let user_id = account
        .map(|a| a.user_id.clone())
        .or_else(|| env.users.first().map(|u| u.id.clone()))
        .unwrap_or_else(|| new_id("user_"));
    if event.ends_with(".connection_failed") || event.ends_with(".add_failed") {
        return json!({
            "object": "connection_failed",
            "data_integration_id": integration_id,
            "provider_slug": slug,
            "user_id": user_id,
            "organization_id": account.and_then(|a| a.organization_id.clone()),
            "error_code": "provider_authorization_failed",
            "error_reason": "The provider did not grant access.",
            "provider_error": "access_denied",
            "provider_error_description": "The user denied the request (test event).",
            "created_at": now_iso(),
        });
    }
    let mut data = match account {
        Some(account) => views::pipes_account_event_data(account),
        None => json!({
            "object": "connected_account",
            "id": new_id("data_installation_"),
            "data_integration_id": integration_id,
            "provider_slug": slug,
            "user_id": user_id,
            "organization_id": null,
            "scopes": [],
            "state": "connected",
            "created_at": now_iso(),
            "updated_at": now_iso(),
        }),
    };
    if event.ends_with(".reauthorization_needed") {
        data["state"] = json!("needs_reauthorization");
    }
    data
}
