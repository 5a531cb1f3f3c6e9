//! A small provider API behind the fake's own access tokens, GitHub-shaped, so an app can
//! call "the provider" with a token from `/token` and tests can see real answers:
//! `GET /provider-api/{slug}/user`, `GET /provider-api/{slug}/user/repos` (needs `repo`), and
//! any other path answers whose token it is. A token is accepted while its connection is
//! connected. Each token has [`CALLS_PER_MINUTE`], with GitHub's rate-limit headers; past
//! that, 429 with `Retry-After`.

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::token::access_token;
use crate::fake_state::FakeState;
use crate::state::{AccountState, ConnectedAccount};

pub const CALLS_PER_MINUTE: u32 = 30;

pub async fn call(
    State(state): State<FakeState>,
    Path((slug, rest)): Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    let Some(token) = bearer(&headers) else {
        return answer(
            StatusCode::UNAUTHORIZED,
            json!({"message": "Requires authentication"}),
            &[],
        );
    };
    let Some(account) = account_for(&state, &slug, token) else {
        return answer(
            StatusCode::UNAUTHORIZED,
            json!({"message": "Bad credentials"}),
            &[],
        );
    };
    let (used, reset) = state.count_provider_call(token);
    let remaining = CALLS_PER_MINUTE.saturating_sub(used);
    let mut extra = vec![
        ("x-ratelimit-limit", CALLS_PER_MINUTE.to_string()),
        ("x-ratelimit-remaining", remaining.to_string()),
        ("x-ratelimit-reset", reset.to_string()),
        ("x-oauth-scopes", account.scopes.join(", ")),
    ];
    if used > CALLS_PER_MINUTE {
        extra.push(("retry-after", reset.to_string()));
        let body = json!({"message": "API rate limit exceeded for this token."});
        return answer(StatusCode::TOO_MANY_REQUESTS, body, &extra);
    }
    let path = rest.trim_matches('/');
    if let Some(needed) = scope_needed(&slug, path)
        && !account.scopes.iter().any(|s| s == needed)
    {
        extra.push(("x-accepted-oauth-scopes", needed.to_string()));
        let body = json!({"message": "Resource not accessible by integration"});
        return answer(StatusCode::FORBIDDEN, body, &extra);
    }
    answer(StatusCode::OK, resource(&account, path), &extra)
}

fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get("authorization")?.to_str().ok()?;
    value
        .strip_prefix("Bearer ")
        .or_else(|| value.strip_prefix("token "))
        .filter(|t| !t.is_empty())
}

/// The connected account whose current token this is, in any environment.
fn account_for(state: &FakeState, slug: &str, token: &str) -> Option<ConnectedAccount> {
    state
        .snapshot()
        .environments
        .into_values()
        .flat_map(|e| e.connected_accounts)
        .find(|a| a.slug == slug && a.state == AccountState::Connected && access_token(a) == token)
}

fn scope_needed(slug: &str, path: &str) -> Option<&'static str> {
    (slug == "github" && path == "user/repos").then_some("repo")
}

fn resource(account: &ConnectedAccount, path: &str) -> Value {
    let login = account
        .labels
        .account_identifier
        .clone()
        .unwrap_or_else(|| account.id.clone());
    match path {
        "user/repos" => json!([
            {"name": "analytical-engine", "full_name": format!("{login}/analytical-engine"), "private": true},
            {"name": "notes-on-menabrea", "full_name": format!("{login}/notes-on-menabrea"), "private": false},
        ]),
        _ => json!({
            "login": login,
            "name": account.labels.account_display_name,
            "connected_account_id": account.id,
            "path": format!("/{path}"),
        }),
    }
}

fn answer(status: StatusCode, body: Value, headers: &[(&'static str, String)]) -> Response {
    let mut response = (status, Json(body)).into_response();
    for (name, value) in headers {
        if let Ok(value) = HeaderValue::from_str(value) {
            response.headers_mut().insert(*name, value);
        }
    }
    response
}
