//! `/webhook_endpoints`: list, create (answers the `whsec_` secret), update, delete.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::Value;

use crate::errors::{ApiError, ApiResult, FieldError};
use crate::fake_state::FakeState;
use crate::ids::{new_id, now_iso, webhook_secret};
use crate::routes::{EnvName, Page, parse_body};
use crate::state::{EndpointStatus, Environment, WebhookEndpoint};
use crate::views;

#[derive(Debug, Default, Deserialize)]
struct EndpointBody {
    endpoint_url: Option<String>,
    events: Option<Vec<String>>,
    status: Option<String>,
}

pub async fn list(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let page = Page::from_query(&query)?;
    let endpoints = state.with_env(&env, |e| e.webhook_endpoints.clone())?;
    let (items, before, after) = page.apply(&endpoints, |e| &e.id);
    let data = items.iter().map(views::webhook_endpoint).collect();
    Ok(Json(views::list(data, before, after)))
}

pub async fn create(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let body: EndpointBody = parse_body(&body)?;
    let url = body.endpoint_url.clone().unwrap_or_default();
    check_url(&url)?;
    let events = check_events(body.events.as_deref(), true)?.unwrap_or_default();
    let endpoint = state.with_env(&env, |e| {
        ensure_unique(e, &url, None)?;
        let now = now_iso();
        let endpoint = WebhookEndpoint {
            id: new_id("we_"),
            endpoint_url: url,
            secret: webhook_secret(),
            status: EndpointStatus::Enabled,
            events,
            created_at: now.clone(),
            updated_at: now,
        };
        e.webhook_endpoints.push(endpoint.clone());
        Ok::<_, ApiError>(endpoint)
    })??;
    Ok((
        StatusCode::CREATED,
        Json(views::webhook_endpoint(&endpoint)),
    ))
}

pub async fn update(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let body: EndpointBody = parse_body(&body)?;
    if let Some(url) = &body.endpoint_url {
        check_url(url)?;
    }
    let events = check_events(body.events.as_deref(), false)?;
    let status = parse_status(body.status.as_deref())?;
    let endpoint = state.with_env(&env, |e| {
        let index = endpoint_index(e, &id)?;
        if let Some(url) = &body.endpoint_url {
            ensure_unique(e, url, Some(&id))?;
        }
        let endpoint = &mut e.webhook_endpoints[index];
        if let Some(url) = body.endpoint_url {
            endpoint.endpoint_url = url;
        }
        if let Some(events) = events {
            endpoint.events = events;
        }
        if let Some(status) = status {
            endpoint.status = status;
        }
        endpoint.updated_at = now_iso();
        Ok::<_, ApiError>(endpoint.clone())
    })??;
    Ok(Json(views::webhook_endpoint(&endpoint)))
}

pub async fn delete(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(id): Path<String>,
) -> ApiResult<StatusCode> {
    state.with_env(&env, |e| {
        let index = endpoint_index(e, &id)?;
        e.webhook_endpoints.remove(index);
        Ok(StatusCode::NO_CONTENT)
    })?
}

fn endpoint_index(env: &Environment, id: &str) -> ApiResult<usize> {
    env.webhook_endpoints
        .iter()
        .position(|e| e.id == id)
        .ok_or_else(|| {
            ApiError::coded(
                StatusCode::NOT_FOUND,
                "entity_not_found",
                format!("Webhook endpoint not found: '{id}'."),
            )
        })
}

fn ensure_unique(env: &Environment, url: &str, except: Option<&str>) -> ApiResult<()> {
    let taken = env
        .webhook_endpoints
        .iter()
        .any(|e| e.endpoint_url == url && Some(e.id.as_str()) != except);
    if taken {
        return Err(ApiError::coded(
            StatusCode::CONFLICT,
            "duplicate_endpoint",
            "A Webhook Endpoint with the same endpoint URL already exists.",
        ));
    }
    Ok(())
}

/// HTTPS anywhere; plain HTTP only to this machine, so local receivers work.
fn check_url(raw: &str) -> ApiResult<()> {
    let invalid = || {
        ApiError::coded(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_url",
            format!("'{raw}' is not a valid HTTPS URL."),
        )
    };
    let url = url::Url::parse(raw).map_err(|_| invalid())?;
    let loopback = matches!(url.host_str(), Some("localhost" | "127.0.0.1" | "[::1]"));
    match url.scheme() {
        "https" => Ok(()),
        "http" if loopback => Ok(()),
        _ => Err(invalid()),
    }
}

fn check_events(events: Option<&[String]>, required: bool) -> ApiResult<Option<Vec<String>>> {
    let Some(events) = events else {
        return if required {
            Err(ApiError::validation(vec![FieldError::new(
                "events",
                "required",
                "events is required",
            )]))
        } else {
            Ok(None)
        };
    };
    let mut errors: Vec<FieldError> = events
        .iter()
        .filter(|e| !crate::event_names::is_known(e))
        .map(|e| {
            FieldError::new(
                "events",
                "unknown_event_type",
                format!("Invalid enum value: '{e}'."),
            )
        })
        .collect();
    if events.is_empty() {
        errors.push(FieldError::new(
            "events",
            "required",
            "Subscribe to at least one event.",
        ));
    }
    if errors.is_empty() {
        Ok(Some(events.to_vec()))
    } else {
        Err(ApiError::validation(errors))
    }
}

fn parse_status(status: Option<&str>) -> ApiResult<Option<EndpointStatus>> {
    match status {
        None => Ok(None),
        Some("enabled") => Ok(Some(EndpointStatus::Enabled)),
        Some("disabled") => Ok(Some(EndpointStatus::Disabled)),
        Some(other) => Err(ApiError::validation(vec![FieldError::new(
            "status",
            "invalid_enum_value",
            format!("Invalid enum value: '{other}'."),
        )])),
    }
}
