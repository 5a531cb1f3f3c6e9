//! Bearer-key check: unknown keys get a bare 401, forbidden keys a 403, and a valid
//! key's environment is attached to the request.

use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::errors::ApiError;
use crate::fake_state::FakeState;
use crate::routes::EnvName;
use crate::state::KeyBehaviour;

pub async fn require_key(
    State(state): State<FakeState>,
    mut request: Request,
    next: Next,
) -> Response {
    let Some(key) = bearer_key(&request) else {
        return ApiError::unauthorized().into_response();
    };
    let Some(info) = state.key_info(&key) else {
        return ApiError::unauthorized().into_response();
    };
    if info.behaviour == KeyBehaviour::Forbidden {
        return ApiError::forbidden().into_response();
    }
    if let Err(retry_after) = state.check_rate(&key) {
        return ApiError::rate_limited(retry_after).into_response();
    }
    request.extensions_mut().insert(EnvName(info.environment));
    next.run(request).await
}

fn bearer_key(request: &Request) -> Option<String> {
    let value = request
        .headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, key) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then(|| key.trim().to_string())
        .filter(|k| !k.is_empty())
}
