//! The router, its layers (request id, faults, auth) and the serving task.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode};
use axum::middleware::{Next, from_fn, from_fn_with_state};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post, put};
use axum::{Json, Router};
use serde_json::json;
use tokio::sync::watch;

use crate::errors::ApiError;
use crate::fake_state::FakeState;
use crate::faults::FaultAction;
use crate::routes::{
    admin, consent, events, finish, integrations, org_accounts, org_configurations, organizations,
    provider_api, redirect_uris, token, user_list, users, webhooks,
};

pub fn router(state: FakeState) -> Router {
    let api = Router::new()
        .route(
            "/organizations",
            get(organizations::list).post(organizations::create),
        )
        .route(
            "/organizations/{organization_id}/data_integration_configurations",
            get(org_configurations::list),
        )
        .route(
            "/organizations/{organization_id}/data_integration_configurations/{slug}",
            put(org_configurations::configure),
        )
        .route(
            "/data-integrations",
            get(integrations::list).post(integrations::create),
        )
        .route("/data-integrations/finish", post(finish::finish))
        .route(
            "/user_management/redirect_uris",
            post(redirect_uris::create),
        )
        .route(
            "/data-integrations/{slug}",
            get(integrations::get)
                .put(integrations::update)
                .delete(integrations::delete),
        )
        .route(
            "/data-integrations/{slug}/organization",
            get(integrations::get_organization)
                .put(integrations::update_organization)
                .delete(integrations::delete_organization),
        )
        .route(
            "/organizations/{organization_id}/data_providers",
            get(org_accounts::data_providers),
        )
        .route(
            "/organizations/{organization_id}/connected_accounts/{slug}",
            get(org_accounts::get_account)
                .post(org_accounts::create_account)
                .put(org_accounts::update_account)
                .delete(org_accounts::delete_account),
        )
        .route(
            "/data-integrations/{slug}/authorize",
            post(consent::authorize),
        )
        .route("/data-integrations/{slug}/token", post(token::token))
        .route(
            "/data-integrations/{slug}/credentials",
            post(token::credentials),
        )
        .route(
            "/data-integrations/{slug}/api-key",
            post(users::create_api_key).put(users::upsert_api_key),
        )
        .route(
            "/data-integrations/{slug}/client-credentials",
            post(users::create_client_credentials).put(users::upsert_client_credentials),
        )
        .route("/user_management/users", get(user_list::list))
        .route(
            "/user_management/users/{user_id}/data_providers",
            get(users::data_providers),
        )
        .route(
            "/user_management/users/{user_id}/connected_accounts/{slug}",
            get(users::get_account)
                .post(users::create_account)
                .put(users::update_account)
                .delete(users::delete_account),
        )
        .route(
            "/webhook_endpoints",
            get(webhooks::list).post(webhooks::create),
        )
        .route(
            "/webhook_endpoints/{id}",
            patch(webhooks::update).delete(webhooks::delete),
        )
        .route("/events", get(events::list))
        .route_layer(from_fn_with_state(state.clone(), crate::auth::require_key));
    let public = Router::new()
        .route("/health", get(health))
        .route(
            "/data-integrations/{slug}/{redirect_key}/callback",
            get(consent::callback),
        )
        .route(
            "/provider/{slug}/oauth/authorize",
            get(consent::provider_page),
        )
        .route(
            "/provider/{slug}/oauth/decision",
            post(consent::provider_decision),
        )
        .route("/provider-api/{slug}/{*rest}", get(provider_api::call));
    let faulty = api
        .merge(public)
        .fallback(unknown_route)
        .layer(from_fn_with_state(state.clone(), apply_faults))
        .layer(from_fn_with_state(state.clone(), crate::record::record));
    Router::new()
        .nest("/__admin", admin::router())
        .merge(faulty)
        .layer(from_fn(add_request_id))
        .with_state(state)
}

pub fn spawn(listener: tokio::net::TcpListener, state: FakeState) -> watch::Receiver<bool> {
    let (finished_tx, finished_rx) = watch::channel(false);
    let mut shutdown = state.shutdown_signal();
    let app = router(state);
    tokio::spawn(async move {
        let stop = async move {
            let _ = shutdown.wait_for(|stop| *stop).await;
        };
        let _ = axum::serve(listener, app)
            .with_graceful_shutdown(stop)
            .await;
        let _ = finished_tx.send(true);
    });
    finished_rx
}

async fn health() -> Json<serde_json::Value> {
    Json(json!({ "status": "ok" }))
}

/// NestJS-style 404 for routes the fake does not know, like the real API's.
async fn unknown_route(request: Request) -> Response {
    let body = json!({
        "message": format!("Cannot {} {}", request.method(), request.uri().path()),
        "error": "Not Found",
        "statusCode": 404,
    });
    (StatusCode::NOT_FOUND, Json(body)).into_response()
}

async fn add_request_id(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    if let Ok(value) = HeaderValue::from_str(&crate::ids::request_id()) {
        response.headers_mut().insert("x-request-id", value);
    }
    response
}

async fn apply_faults(State(state): State<FakeState>, request: Request, next: Next) -> Response {
    let method = request.method().as_str().to_string();
    let path = request.uri().path().to_string();
    let Some(fault) = state.take_fault(&method, &path) else {
        return next.run(request).await;
    };
    let mut shutdown = state.shutdown_signal();
    if fault.latency_ms > 0 {
        tokio::select! {
            _ = tokio::time::sleep(Duration::from_millis(fault.latency_ms)) => {}
            _ = shutdown.wait_for(|stop| *stop) => return StatusCode::SERVICE_UNAVAILABLE.into_response(),
        }
    }
    match fault.action(&method, &path) {
        FaultAction::PassThrough => next.run(request).await,
        FaultAction::Hang => {
            let _ = shutdown.wait_for(|stop| *stop).await;
            StatusCode::SERVICE_UNAVAILABLE.into_response()
        }
        FaultAction::Respond {
            status,
            body,
            retry_after,
        } => ApiError {
            status: StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR),
            body,
            retry_after,
        }
        .into_response(),
    }
}
