//! `/data-integrations` management: list, create, get, update, delete.

use std::collections::{BTreeMap, HashMap};

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::Value;

use crate::errors::{ApiError, ApiResult, FieldError};
use crate::fake_state::FakeState;
use crate::ids::{new_id, now_iso};
use crate::providers;
use crate::routes::{EnvName, Page, not_found_integration, parse_body, required};
use crate::state::{
    AuthMethod, CredentialsType, Environment, EnvironmentKind, Integration, Ownership,
};
use crate::views;

#[derive(Debug, Default, Deserialize)]
struct CredentialsBody {
    #[serde(rename = "type")]
    kind: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct CreateBody {
    provider: Option<String>,
    description: Option<String>,
    enabled: Option<bool>,
    scopes: Option<Vec<String>>,
    auth_methods: Option<Vec<String>>,
    config: Option<BTreeMap<String, String>>,
    credentials: Option<CredentialsBody>,
    custom_provider: Option<Value>,
    ownership: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct UpdateBody {
    description: Option<String>,
    enabled: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    scopes: Option<Option<Vec<String>>>,
    config: Option<BTreeMap<String, String>>,
    credentials: Option<CredentialsBody>,
    custom_provider: Option<Value>,
}

/// Tells `"scopes": null` (reset to provider defaults) apart from no `scopes` at all.
fn present<'de, D, T>(deserializer: D) -> Result<Option<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    T::deserialize(deserializer).map(Some)
}

pub async fn list(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let page = Page::from_query(&query)?;
    let ownership = match query.get("ownership") {
        None => None,
        Some(raw) => Some(parse_ownership(raw)?),
    };
    // Shared-credential integrations are WorkOS-managed and not listed here. The same
    // slug may appear twice: once per ownership root.
    let integrations: Vec<Integration> = state
        .with_env(&env, |e| e.integrations.clone())?
        .into_iter()
        .filter(|i| i.credentials_type != CredentialsType::Shared || !i.supports(AuthMethod::Oauth))
        .filter(|i| ownership.is_none_or(|o| i.ownership == o))
        .collect();
    let (items, before, after) = page.apply(&integrations, |i| &i.id);
    let data = items
        .iter()
        .map(|i| views::integration(i, state.base_url()))
        .collect();
    Ok(Json(views::list(data, before, after)))
}

fn parse_ownership(raw: &str) -> ApiResult<Ownership> {
    match raw {
        "user" => Ok(Ownership::User),
        "organization" => Ok(Ownership::Organization),
        other => Err(ApiError::validation(vec![FieldError::new(
            "ownership",
            "invalid_enum_value",
            format!("ownership must be 'user' or 'organization', not '{other}'."),
        )])),
    }
}

pub async fn get(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(slug): Path<String>,
) -> ApiResult<Json<Value>> {
    get_root(&state, &env, &slug, Ownership::User)
}

/// `GET /data-integrations/{slug}/organization`: the organization-owned root.
pub async fn get_organization(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(slug): Path<String>,
) -> ApiResult<Json<Value>> {
    get_root(&state, &env, &slug, Ownership::Organization)
}

fn get_root(
    state: &FakeState,
    env: &str,
    slug: &str,
    ownership: Ownership,
) -> ApiResult<Json<Value>> {
    let integration = state
        .with_env(env, |e| e.root(slug, ownership).cloned())?
        .ok_or_else(|| not_found_integration(slug))?;
    Ok(Json(views::integration(&integration, state.base_url())))
}

pub async fn create(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let body: CreateBody = parse_body(&body)?;
    let integration = state.with_env(&env, |e| create_in(e, body))??;
    Ok((
        StatusCode::CREATED,
        Json(views::integration(&integration, state.base_url())),
    ))
}

fn create_in(env: &mut Environment, body: CreateBody) -> ApiResult<Integration> {
    let mut errors = Vec::new();
    let slug = required(&body.provider, "provider", &mut errors).to_string();
    let auth_methods = parse_auth_methods(body.auth_methods.as_deref(), &mut errors);
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    if providers::find(&slug).is_none() && body.custom_provider.is_none() {
        return Err(ApiError::unprocessable(format!(
            "Unknown provider '{slug}'. Pass a custom_provider definition to create a custom provider."
        )));
    }
    let ownership = parse_ownership(body.ownership.as_deref().unwrap_or("user"))?;
    if env.root(&slug, ownership).is_some() {
        return Err(ApiError::message(
            StatusCode::CONFLICT,
            format!(
                "A {}-owned data integration with the slug '{slug}' already exists in this environment.",
                ownership.as_str()
            ),
        ));
    }
    let oauth = auth_methods.contains(&AuthMethod::Oauth);
    let (credentials_type, client_id, client_secret) =
        credentials_for_create(env.kind, oauth, body.credentials.as_ref())?;
    let now = now_iso();
    let integration = Integration {
        id: new_id("data_integration_"),
        name: providers::display_name(&slug),
        slug,
        description: body.description,
        enabled: body.enabled.unwrap_or(true),
        scopes: body.scopes,
        auth_methods,
        credentials_type,
        client_id,
        client_secret,
        redirect_key: new_id("dik_"),
        provider_redirect_uri: None,
        config: body.config.unwrap_or_default(),
        custom_provider: body.custom_provider.map(custom_provider),
        ownership,
        created_at: now.clone(),
        updated_at: now,
    };
    env.integrations.push(integration.clone());
    Ok(integration)
}

fn parse_auth_methods(raw: Option<&[String]>, errors: &mut Vec<FieldError>) -> Vec<AuthMethod> {
    let Some(raw) = raw else {
        return vec![AuthMethod::Oauth];
    };
    let parsed: Vec<AuthMethod> = raw
        .iter()
        .filter_map(|m| match m.as_str() {
            "oauth" => Some(AuthMethod::Oauth),
            "api_key" => Some(AuthMethod::ApiKey),
            "client_credentials" => Some(AuthMethod::ClientCredentials),
            other => {
                errors.push(FieldError::new(
                    "auth_methods",
                    "invalid_enum_value",
                    format!("Unknown auth method '{other}'"),
                ));
                None
            }
        })
        .collect();
    if raw.is_empty() {
        errors.push(FieldError::new(
            "auth_methods",
            "required",
            "auth_methods must not be empty",
        ));
    }
    parsed
}

type Credentials = (CredentialsType, Option<String>, Option<String>);

fn credentials_for_create(
    kind: EnvironmentKind,
    oauth: bool,
    body: Option<&CredentialsBody>,
) -> ApiResult<Credentials> {
    match body {
        None if oauth && kind == EnvironmentKind::Production => {
            Err(ApiError::validation(vec![FieldError::new(
                "credentials",
                "required",
                "Production environments require custom or organization credentials.",
            )]))
        }
        None => Ok((CredentialsType::Shared, None, None)),
        Some(c) => validated_credentials(c, None),
    }
}

/// Checks a credentials block; `existing` fills a missing client id/secret on update.
fn validated_credentials(
    body: &CredentialsBody,
    existing: Option<&Integration>,
) -> ApiResult<Credentials> {
    let kind = match body.kind.as_deref() {
        Some("custom") => CredentialsType::Custom,
        Some("organization") => CredentialsType::Organization,
        _ => {
            return Err(ApiError::validation(vec![FieldError::new(
                "credentials.type",
                "invalid_enum_value",
                "credentials.type must be custom or organization",
            )]));
        }
    };
    let client_id = body
        .client_id
        .clone()
        .or_else(|| existing.and_then(|i| i.client_id.clone()));
    let client_secret = body
        .client_secret
        .clone()
        .or_else(|| existing.and_then(|i| i.client_secret.clone()));
    let mut errors = Vec::new();
    if kind == CredentialsType::Custom {
        required(&client_id, "credentials.client_id", &mut errors);
        required(&client_secret, "credentials.client_secret", &mut errors);
    }
    if !errors.is_empty() {
        return Err(ApiError::validation(errors));
    }
    Ok((kind, client_id, client_secret))
}

/// Fills the defaults of a custom provider definition, as the API echoes it.
fn custom_provider(definition: Value) -> Value {
    let mut out = serde_json::json!({
        "name": "Custom provider",
        "authorization_url": null,
        "token_url": null,
        "refresh_token_url": null,
        "pkce_enabled": false,
        "request_scope_separator": " ",
        "scopes_required": false,
        "client_secret_required": true,
        "additional_authorization_parameters": {},
        "token_body_content_type": "application/x-www-form-urlencoded",
        "authenticate_via": "request_body",
    });
    if let (Value::Object(out), Value::Object(given)) = (&mut out, definition) {
        for (key, value) in given {
            if out.contains_key(&key) {
                out.insert(key, value);
            }
        }
    }
    out
}

pub async fn update(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(slug): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let body: UpdateBody = parse_body(&body)?;
    let integration = state.with_env(&env, |e| update_in(e, &slug, Ownership::User, body))??;
    Ok(Json(views::integration(&integration, state.base_url())))
}

pub async fn update_organization(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(slug): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let body: UpdateBody = parse_body(&body)?;
    let ownership = Ownership::Organization;
    let integration = state.with_env(&env, |e| update_in(e, &slug, ownership, body))??;
    Ok(Json(views::integration(&integration, state.base_url())))
}

fn update_in(
    env: &mut Environment,
    slug: &str,
    ownership: Ownership,
    body: UpdateBody,
) -> ApiResult<Integration> {
    let integration = env
        .root_mut(slug, ownership)
        .ok_or_else(|| not_found_integration(slug))?;
    if let Some(credentials) = &body.credentials {
        let (kind, client_id, client_secret) =
            validated_credentials(credentials, Some(integration))?;
        integration.credentials_type = kind;
        integration.client_id = client_id;
        integration.client_secret = client_secret;
    }
    if let Some(description) = body.description {
        integration.description = Some(description);
    }
    if let Some(enabled) = body.enabled {
        integration.enabled = enabled;
    }
    if let Some(scopes) = body.scopes {
        integration.scopes = scopes;
    }
    if let Some(config) = body.config {
        integration.config = config;
    }
    if let Some(definition) = body.custom_provider {
        integration.custom_provider = Some(custom_provider(definition));
    }
    integration.updated_at = now_iso();
    Ok(integration.clone())
}

pub async fn delete(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(slug): Path<String>,
) -> ApiResult<StatusCode> {
    delete_root(&state, &env, &slug, Ownership::User)
}

pub async fn delete_organization(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(slug): Path<String>,
) -> ApiResult<StatusCode> {
    delete_root(&state, &env, &slug, Ownership::Organization)
}

/// Deletes one ownership root and the connections it served.
fn delete_root(
    state: &FakeState,
    env: &str,
    slug: &str,
    ownership: Ownership,
) -> ApiResult<StatusCode> {
    state.with_env(env, |e| {
        let before = e.integrations.len();
        e.integrations
            .retain(|i| !(i.slug == slug && i.ownership == ownership));
        if before == e.integrations.len() {
            return Err(not_found_integration(slug));
        }
        e.connected_accounts
            .retain(|a| !(a.slug == slug && a.owner == ownership));
        Ok(StatusCode::NO_CONTENT)
    })?
}
