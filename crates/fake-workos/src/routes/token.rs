//! `POST /data-integrations/{slug}/token` and `/credentials`: what an app calls to get
//! a fresh provider credential for one of its users.

use std::collections::BTreeSet;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use serde::Deserialize;
use serde_json::{Value, json};

use sha2::Digest;

use crate::connections::Selector;
use crate::errors::{ApiError, ApiResult};
use crate::fake_state::FakeState;
use crate::ids::{iso_in, random_hex};
use crate::providers;
use crate::routes::{EnvName, parse_body};
use crate::state::{AccountState, AuthMethod, ConnectedAccount, Integration};

#[derive(Debug, Default, Deserialize)]
pub struct UserRef {
    pub user_id: Option<String>,
    pub organization_id: Option<String>,
}

impl UserRef {
    /// `user_id` is required; the spec answers a malformed body with 400.
    pub fn user_id(&self) -> ApiResult<&str> {
        self.user_id
            .as_deref()
            .filter(|id| !id.is_empty())
            .ok_or_else(|| ApiError::bad_field("user_id", "user_id must be a non-empty string"))
    }
}

pub async fn token(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(slug): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let (integration, account) = requested_installation(&state, &env, &slug, &body)?;
    let Some(account) = active_account(account.as_ref()) else {
        return Ok(Json(inactive(account.as_ref())));
    };
    if account.auth_method != AuthMethod::Oauth {
        return Err(ApiError::auth_method_mismatch(
            "oauth",
            account.auth_method.as_str(),
        ));
    }
    let (value, expires_at, missing) = oauth_credential(&integration, account);
    Ok(Json(json!({
        "active": true,
        "access_token": {
            "object": "access_token",
            "access_token": value,
            "expires_at": expires_at,
            "scopes": account.scopes,
            "missing_scopes": missing,
        }
    })))
}

pub async fn credentials(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(slug): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let (integration, account) = requested_installation(&state, &env, &slug, &body)?;
    let Some(account) = active_account(account.as_ref()) else {
        return Ok(Json(inactive(account.as_ref())));
    };
    let credential = match account.auth_method {
        AuthMethod::Oauth => {
            let (value, expires_at, missing) = oauth_credential(&integration, account);
            json!({"object": "credential", "auth_method": "oauth", "value": value,
                   "expires_at": expires_at, "scopes": account.scopes, "missing_scopes": missing,
                   "metadata": {}, "config": account.config})
        }
        AuthMethod::ApiKey => json!({"object": "credential", "auth_method": "api_key",
                   "value": account.secret.clone().unwrap_or_default(), "config": account.config}),
        AuthMethod::ClientCredentials => {
            json!({"object": "credential", "auth_method": "client_credentials",
                   "value": format!("cc_{}", random_hex(20)), "expires_at": iso_in(3600),
                   "scopes": account.scopes, "missing_scopes": [], "metadata": {}, "config": account.config})
        }
    };
    Ok(Json(json!({ "active": true, "credential": credential })))
}

/// The body of `/token` and `/credentials`: who asks, and which connection.
#[derive(Debug, Default, Deserialize)]
struct CredentialRequest {
    #[serde(flatten)]
    owner: crate::routes::users::OwnerRef,
    #[serde(flatten)]
    selector: Selector,
}

/// The integration (404 if absent or disabled) and the connection the request body
/// names, if any (409 `account_selection_required` when several match and none is named).
fn requested_installation(
    state: &FakeState,
    env: &str,
    slug: &str,
    body: &Bytes,
) -> ApiResult<(Integration, Option<ConnectedAccount>)> {
    let body: CredentialRequest = parse_body(body)?;
    state.with_env(env, |e| {
        let (owner, _) = body.owner.resolve(e)?;
        let integration = crate::routes::enabled_root(e, slug, &owner)?;
        let index = e.select(&owner, slug, &body.selector)?;
        Ok((integration, index.map(|i| e.connected_accounts[i].clone())))
    })?
}

fn active_account(account: Option<&ConnectedAccount>) -> Option<&ConnectedAccount> {
    account.filter(|a| a.state == AccountState::Connected)
}

fn inactive(account: Option<&ConnectedAccount>) -> Value {
    let error = match account.map(|a| a.state) {
        Some(AccountState::NeedsReauthorization) => "needs_reauthorization",
        _ => "not_installed",
    };
    json!({ "active": false, "error": error })
}

/// A fresh token shaped like the provider's, its expiry, and the missing scopes.
fn oauth_credential(
    integration: &Integration,
    account: &ConnectedAccount,
) -> (String, Option<String>, Vec<String>) {
    let provider = providers::find(&integration.slug);
    let value = access_token(account);
    let expires_at = match (&account.expires_at, provider) {
        (Some(at), _) => Some(at.clone()),
        (None, Some(p)) if !p.tokens_expire => None,
        (None, _) => Some(iso_in(3600)),
    };
    (value, expires_at, missing_scopes(integration, account))
}

/// The connection's access token: the one stored for it, or one stable per connection (as a
/// real token is until it is refreshed), shaped like the provider's.
pub(crate) fn access_token(account: &ConnectedAccount) -> String {
    account.access_token.clone().unwrap_or_else(|| {
        let prefix = providers::find(&account.slug).map_or("fake_", |p| p.token_prefix);
        let digest = sha2::Sha256::digest(account.id.as_bytes());
        let hex: String = digest.iter().take(18).map(|b| format!("{b:02x}")).collect();
        format!("{prefix}{hex}")
    })
}

pub(crate) fn missing_scopes(integration: &Integration, account: &ConnectedAccount) -> Vec<String> {
    let granted: BTreeSet<&String> = account.scopes.iter().collect();
    let mut missing: Vec<String> = integration
        .scopes
        .iter()
        .flatten()
        .filter(|s| !granted.contains(s))
        .cloned()
        .collect();
    for scope in &account.forced_missing_scopes {
        if !missing.contains(scope) {
            missing.push(scope.clone());
        }
    }
    missing
}
