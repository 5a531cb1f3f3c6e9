//! `POST /data-integrations/finish`: redeems a session-bound authorization's
//! `connect_code` (single use, 90 s, S256 `code_verifier`) for the connected account.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::{ApiError, ApiResult};
use crate::fake_state::FakeState;
use crate::pkce;
use crate::routes::EnvName;
use crate::state::ConnectCode;
use crate::views;

/// How long a `connect_code` stays valid after the redirect.
pub const CONNECT_CODE_TTL_SECS: i64 = 90;

#[derive(Debug, Default, Deserialize)]
pub struct FinishBody {
    connect_code: Option<String>,
    code_verifier: Option<String>,
}

fn finish_error(code: &str, message: &str) -> ApiError {
    ApiError::coded(StatusCode::BAD_REQUEST, code, message)
}

/// Takes the code out of the store (it is used up whatever happens next).
fn take_code(state: &FakeState, env: &str, code: &str) -> ApiResult<(ConnectCode, i64)> {
    let taken = state.with_store(|s| {
        let now = s.now_secs();
        let found = s.connect_codes.remove(code);
        (found, now)
    });
    match taken {
        (Some(found), now) if found.authorization.environment == env => Ok((found, now)),
        _ => Err(finish_error(
            "invalid_connect_code",
            "The connect_code is invalid or was already used.",
        )),
    }
}

pub async fn finish(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let body: FinishBody = crate::routes::parse_body(&body)?;
    let mut errors = Vec::new();
    let code = crate::routes::required(&body.connect_code, "connect_code", &mut errors);
    let verifier = crate::routes::required(&body.code_verifier, "code_verifier", &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    if !pkce::is_valid_verifier(verifier) {
        // The finish endpoint documents 400 (not 422) for every request it refuses.
        return Err(finish_error(
            "invalid_request_parameters",
            "code_verifier must be 43-128 characters of A-Z a-z 0-9 - . _ ~",
        ));
    }
    let (found, now) = take_code(&state, &env, code)?;
    if now - found.issued_at > CONNECT_CODE_TTL_SECS {
        return Err(finish_error(
            "authorization_state_expired",
            "The connect_code expired: finish the connection within 90 seconds.",
        ));
    }
    let challenge = found.authorization.code_challenge.as_deref().unwrap_or("");
    if !pkce::verifies(challenge, verifier) {
        return Err(finish_error(
            "invalid_connect_code",
            "The code_verifier does not match the code_challenge; start the connection again.",
        ));
    }
    let auth = &found.authorization;
    let integration = state
        .with_env(&env, |e| {
            e.root(&auth.slug, auth.owner.ownership()).cloned()
        })?
        .ok_or_else(|| finish_error("target_deleted", "The data integration was deleted."))?;
    let account = crate::routes::consent::connect(&state, auth, &integration).map_err(|e| {
        let code = e.code().unwrap_or("installation_failed").to_string();
        finish_error(
            &code,
            "The connection could not be saved as the authorization asked.",
        )
    })?;
    Ok(Json(
        json!({ "connected_account": views::connected_account(&account) }),
    ))
}
