//! `POST /user_management/redirect_uris`: registers a redirect URI on the environment's
//! application, as the SDKs' `createRedirectUri` / `create_redirect_uri` do.

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::{ApiError, ApiResult, FieldError};
use crate::fake_state::FakeState;
use crate::ids::{new_id, now_iso};
use crate::routes::EnvName;
use crate::state::RedirectUri;

#[derive(Debug, Default, Deserialize)]
pub struct CreateBody {
    uri: Option<String>,
}

pub fn new_redirect_uri(uri: &str) -> RedirectUri {
    let now = now_iso();
    RedirectUri {
        id: new_id("redirect_uri_"),
        uri: uri.to_string(),
        default: false,
        created_at: now.clone(),
        updated_at: now,
    }
}

pub fn view(r: &RedirectUri) -> Value {
    json!({
        "object": "redirect_uri",
        "id": r.id,
        "uri": r.uri,
        "default": r.default,
        "created_at": r.created_at,
        "updated_at": r.updated_at,
    })
}

pub async fn create(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let body: CreateBody = crate::routes::parse_body(&body)?;
    let mut errors = Vec::new();
    let uri = crate::routes::required(&body.uri, "uri", &mut errors).to_string();
    if errors.is_empty() && url::Url::parse(&uri).is_err() {
        errors.push(FieldError::new(
            "uri",
            "invalid_uri",
            "uri must be an absolute URL",
        ));
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    let created = state.with_env(&env, |e| {
        if let Some(existing) = e.redirect_uris.iter().find(|r| r.uri == uri) {
            return existing.clone();
        }
        let created = new_redirect_uri(&uri);
        e.redirect_uris.push(created.clone());
        created
    })?;
    Ok((StatusCode::CREATED, Json(view(&created))))
}
