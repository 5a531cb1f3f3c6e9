//! `GET /events`: polling alternative to webhooks (`events=a,b`, `after`, `limit`…).

use axum::Json;
use axum::extract::{Extension, Query, State};
use serde_json::{Value, json};

use crate::errors::{ApiError, ApiResult, FieldError};
use crate::fake_state::FakeState;
use crate::routes::{EnvName, Page};
use crate::state::Event;
use crate::views;

pub async fn list(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Query(pairs): Query<Vec<(String, String)>>,
) -> ApiResult<Json<Value>> {
    let mut query: std::collections::HashMap<String, String> = pairs.iter().cloned().collect();
    // Events come oldest first unless asked otherwise.
    query.entry("order".into()).or_insert_with(|| "asc".into());
    let page = Page::from_query(&query)?;
    let wanted = event_filter(&pairs)?;
    if wanted.is_empty() {
        return Err(ApiError::validation(vec![FieldError::new(
            "events",
            "required",
            "events is required: name the event types to list, e.g. events=pipes.connected_account.connected",
        )]));
    }
    let organization = query.get("organization_id").cloned();
    let range = (
        parse_time(query.get("range_start"), "range_start")?,
        parse_time(query.get("range_end"), "range_end")?,
    );
    let events: Vec<Event> = state
        .with_env(&env, |e| e.events.clone())?
        .into_iter()
        .filter(|e| wanted.contains(&e.event))
        .filter(|e| {
            organization
                .as_ref()
                .is_none_or(|o| e.data["organization_id"] == *o)
        })
        .filter(|e| in_range(e, &range))
        .collect();
    let (items, _, after) = page.apply(&events, |e| &e.id);
    let data: Vec<Value> = items.iter().map(views::event).collect();
    Ok(Json(
        json!({ "object": "list", "data": data, "list_metadata": { "after": after } }),
    ))
}

/// `events=a,b` (comma separated, as the SDKs send it) or repeated `events=`.
fn event_filter(pairs: &[(String, String)]) -> ApiResult<Vec<String>> {
    let names: Vec<String> = pairs
        .iter()
        .filter(|(k, _)| k == "events" || k == "events[]")
        .flat_map(|(_, v)| {
            v.split(',')
                .map(str::trim)
                .map(String::from)
                .collect::<Vec<_>>()
        })
        .filter(|name| !name.is_empty())
        .collect();
    let unknown: Vec<FieldError> = names
        .iter()
        .filter(|n| !crate::event_names::is_known(n))
        .map(|n| {
            FieldError::new(
                "events",
                "invalid_event_type",
                format!("Unknown event type: {n}"),
            )
        })
        .collect();
    if unknown.is_empty() {
        Ok(names)
    } else {
        Err(ApiError::validation(unknown))
    }
}

type Instant = chrono::DateTime<chrono::FixedOffset>;

fn parse_time(raw: Option<&String>, field: &str) -> ApiResult<Option<Instant>> {
    let Some(raw) = raw else { return Ok(None) };
    chrono::DateTime::parse_from_rfc3339(raw)
        .map(Some)
        .map_err(|_| {
            ApiError::validation(vec![FieldError::new(
                field,
                "invalid_date",
                format!("{field} must be an ISO-8601 date-time"),
            )])
        })
}

fn in_range(event: &Event, (start, end): &(Option<Instant>, Option<Instant>)) -> bool {
    let Ok(at) = chrono::DateTime::parse_from_rfc3339(&event.created_at) else {
        return true;
    };
    start.is_none_or(|s| at >= s) && end.is_none_or(|e| at <= e)
}
