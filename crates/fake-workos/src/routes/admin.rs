//! `/__admin/…`: inspect and steer the fake at run time (no key; loopback only).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{delete, get, post, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::fake_state::{FakeState, TokenStateChange};
use crate::faults::Fault;
use crate::seed::Seed;
use crate::state::KeyBehaviour;
use crate::webhooks::test_event::TestDeliveryRequest;

pub fn router() -> Router<FakeState> {
    Router::new()
        .route("/state", get(state_snapshot))
        .route("/reset", post(reset))
        .route("/seed", post(load_seed))
        .route("/keys", post(register_key))
        .route(
            "/faults",
            get(list_faults).post(add_fault).delete(clear_faults),
        )
        .route("/faults/{id}", delete(remove_fault))
        .route("/token-state", post(set_token_state))
        .route("/provider-redirect-uri", put(set_provider_redirect_uri))
        .route("/deliveries", get(deliveries))
        .route("/clock", post(advance_clock))
        .route("/webhook-test", post(send_test_delivery))
        .route("/features", post(set_features))
}

#[derive(Deserialize)]
struct Features {
    /// The first sandbox environment when absent.
    environment: Option<String>,
    multiple_connections: bool,
}

/// Turns team features on or off, as WorkOS does per team (404
/// `multiple_connections_unavailable` while several connections are off).
async fn set_features(State(state): State<FakeState>, Json(body): Json<Features>) -> Response {
    let env = body.environment.or_else(|| state.default_environment());
    let Some(env) = env else {
        return problem(StatusCode::NOT_FOUND, "the fake has no environment");
    };
    match state.set_multiple_connections(&env, body.multiple_connections) {
        Ok(()) => {
            Json(json!({ "environment": env, "multiple_connections": body.multiple_connections }))
                .into_response()
        }
        Err(message) => problem(StatusCode::NOT_FOUND, message),
    }
}

#[derive(Deserialize)]
struct ClockAdvance {
    advance_seconds: i64,
}

/// Moves the fake's clock forward (connect-code expiry) without sleeping.
async fn advance_clock(
    State(state): State<FakeState>,
    Json(body): Json<ClockAdvance>,
) -> Json<Value> {
    let offset = state.advance_clock(body.advance_seconds);
    Json(json!({ "clock_offset_secs": offset }))
}

/// Sends one signed test event of a Pipes type to a registered endpoint (or a URL with a
/// secret) and answers what the receiver said.
async fn send_test_delivery(
    State(state): State<FakeState>,
    Json(request): Json<TestDeliveryRequest>,
) -> Response {
    match state.send_test_delivery(&request).await {
        Ok(delivery) => Json(delivery).into_response(),
        Err(e) => problem(
            StatusCode::from_u16(e.status).unwrap_or(StatusCode::BAD_REQUEST),
            e.message,
        ),
    }
}

fn problem(status: StatusCode, message: impl Into<String>) -> Response {
    (status, Json(json!({ "message": message.into() }))).into_response()
}

async fn state_snapshot(State(state): State<FakeState>) -> Json<Value> {
    let keys: Vec<Value> = state
        .key_fingerprints()
        .into_iter()
        .map(|(key, env, behaviour)| json!({ "key": key, "environment": env, "behaviour": behaviour }))
        .collect();
    let mut snapshot = serde_json::to_value(state.snapshot()).unwrap_or_default();
    snapshot["keys"] = Value::Array(keys);
    snapshot["base_url"] = json!(state.base_url());
    Json(snapshot)
}

async fn reset(State(state): State<FakeState>) -> StatusCode {
    state.reset();
    StatusCode::NO_CONTENT
}

async fn load_seed(State(state): State<FakeState>, Json(seed): Json<Seed>) -> Response {
    match state.load_seed(&seed) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(e) => problem(StatusCode::BAD_REQUEST, e.to_string()),
    }
}

#[derive(Deserialize)]
struct KeyRequest {
    key: String,
    environment: String,
    #[serde(default)]
    behaviour: Option<KeyBehaviour>,
}

async fn register_key(
    State(state): State<FakeState>,
    Json(request): Json<KeyRequest>,
) -> StatusCode {
    let behaviour = request.behaviour.unwrap_or(KeyBehaviour::Valid);
    state.register_key(&request.key, &request.environment, behaviour);
    StatusCode::NO_CONTENT
}

async fn list_faults(State(state): State<FakeState>) -> Json<Vec<Fault>> {
    Json(state.faults())
}

async fn add_fault(
    State(state): State<FakeState>,
    Json(fault): Json<Fault>,
) -> (StatusCode, Json<Value>) {
    let id = state.add_fault(fault);
    (StatusCode::CREATED, Json(json!({ "id": id })))
}

async fn clear_faults(State(state): State<FakeState>) -> StatusCode {
    state.clear_faults();
    StatusCode::NO_CONTENT
}

async fn remove_fault(State(state): State<FakeState>, Path(id): Path<String>) -> Response {
    if state.remove_fault(&id) {
        StatusCode::NO_CONTENT.into_response()
    } else {
        problem(StatusCode::NOT_FOUND, format!("no fault {id}"))
    }
}

async fn set_token_state(
    State(state): State<FakeState>,
    Json(change): Json<TokenStateChange>,
) -> Response {
    match state.set_token_state(&change) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(message) => problem(StatusCode::NOT_FOUND, message),
    }
}

#[derive(Deserialize)]
struct RedirectUriRequest {
    environment: String,
    slug: String,
    /// `null` registers the integration's own redirect URI.
    #[serde(default)]
    uri: Option<String>,
}

async fn set_provider_redirect_uri(
    State(state): State<FakeState>,
    Json(request): Json<RedirectUriRequest>,
) -> Response {
    match state.set_provider_redirect_uri(&request.environment, &request.slug, request.uri) {
        Ok(()) => StatusCode::NO_CONTENT.into_response(),
        Err(message) => problem(StatusCode::NOT_FOUND, message),
    }
}

async fn deliveries(State(state): State<FakeState>) -> Json<Value> {
    Json(json!({ "data": state.deliveries() }))
}
