//! A user's providers and connected accounts, plus the API-key and client-credentials
//! installations.

use std::collections::{BTreeMap, HashMap};

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::Value;

use crate::errors::{ApiError, ApiResult, FieldError};
use crate::event_names;
use crate::fake_state::{FakeState, new_account};
use crate::ids::now_iso;
use crate::routes::token::{UserRef, installation};
use crate::routes::{
    EnvName, not_found_integration, not_found_organization, not_found_user, parse_body,
};
use crate::state::{AccountState, AuthMethod, ConnectedAccount, Environment};
use crate::views;

type OrgQuery = Query<HashMap<String, String>>;

fn org_of(query: &HashMap<String, String>) -> Option<&str> {
    query
        .get("organization_id")
        .map(String::as_str)
        .filter(|o| !o.is_empty())
}

pub async fn data_providers(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(user_id): Path<String>,
    Query(query): OrgQuery,
) -> ApiResult<Json<Value>> {
    let org = org_of(&query);
    let data = state.with_env(&env, |e| {
        check_user_and_org(e, &user_id, org)?;
        let providers: Vec<Value> = e
            .integrations
            .iter()
            .filter(|i| i.enabled)
            .map(|i| views::data_provider(i, e.account(&user_id, &i.slug, org)))
            .collect();
        Ok::<_, ApiError>(providers)
    })??;
    Ok(Json(serde_json::json!({ "object": "list", "data": data })))
}

fn check_user_and_org(env: &Environment, user_id: &str, org: Option<&str>) -> ApiResult<()> {
    env.user(user_id).ok_or_else(|| not_found_user(user_id))?;
    if let Some(org) = org {
        env.organization(org)
            .ok_or_else(|| not_found_organization(org))?;
    }
    Ok(())
}

fn find_account(
    env: &Environment,
    user_id: &str,
    slug: &str,
    org: Option<&str>,
) -> ApiResult<usize> {
    check_user_and_org(env, user_id, org)?;
    env.integration(slug)
        .ok_or_else(|| not_found_integration(slug))?;
    env.account_index(user_id, slug, org).ok_or_else(|| {
        ApiError::not_found(format!(
            "Connected account not found for user '{user_id}' and provider '{slug}'."
        ))
    })
}

pub async fn get_account(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path((user_id, slug)): Path<(String, String)>,
    Query(query): OrgQuery,
) -> ApiResult<Json<Value>> {
    let org = org_of(&query);
    let account = state.with_env(&env, |e| {
        find_account(e, &user_id, &slug, org).map(|i| e.connected_accounts[i].clone())
    })??;
    Ok(Json(views::connected_account(&account)))
}

#[derive(Debug, Default, Deserialize)]
pub struct AccountBody {
    access_token: Option<String>,
    refresh_token: Option<String>,
    expires_at: Option<String>,
    scopes: Option<Vec<String>>,
    state: Option<String>,
}

impl AccountBody {
    fn validate(&self, creating: bool) -> ApiResult<Option<AccountState>> {
        let mut errors = Vec::new();
        let state = match self.state.as_deref() {
            None => None,
            Some("connected") => Some(AccountState::Connected),
            Some("needs_reauthorization") => Some(AccountState::NeedsReauthorization),
            Some(other) => {
                errors.push(FieldError::new(
                    "state",
                    "invalid_enum_value",
                    format!("Unknown state '{other}'"),
                ));
                None
            }
        };
        if let Some(at) = &self.expires_at
            && chrono::DateTime::parse_from_rfc3339(at).is_err()
        {
            errors.push(FieldError::new(
                "expires_at",
                "invalid_date",
                "expires_at must be an ISO-8601 date-time",
            ));
        }
        if creating && self.access_token.is_none() {
            errors.push(FieldError::new(
                "access_token",
                "required",
                "An imported account needs an access_token.",
            ));
        }
        if self.expires_at.is_some() && self.access_token.is_none() && creating {
            errors.push(FieldError::new(
                "expires_at",
                "invalid_token_combination",
                "expires_at needs an access_token.",
            ));
        }
        if !errors.is_empty() {
            return Err(ApiError::validation(errors));
        }
        Ok(state)
    }

    fn apply(self, account: &mut ConnectedAccount, state: Option<AccountState>) {
        if let Some(token) = self.access_token {
            account.access_token = Some(token);
        }
        if let Some(token) = self.refresh_token {
            account.refresh_token = Some(token);
        }
        if self.expires_at.is_some() {
            account.expires_at = self.expires_at;
        }
        if let Some(scopes) = self.scopes {
            account.scopes = scopes;
        }
        if let Some(state) = state {
            account.state = state;
        }
        account.updated_at = now_iso();
    }
}

pub async fn create_account(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path((user_id, slug)): Path<(String, String)>,
    Query(query): OrgQuery,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let org = org_of(&query).map(String::from);
    let body: AccountBody = parse_body(&body)?;
    let account = state.with_env(&env, |e| {
        let (integration, existing) = installation(e, &slug, &user_id, org.as_deref())?;
        if existing.is_some_and(|a| a.organization_id == org) {
            return Err(ApiError::message(
                StatusCode::CONFLICT,
                format!(
                    "A connected account already exists for user '{user_id}' and provider '{slug}'."
                ),
            ));
        }
        if !integration.supports(AuthMethod::Oauth) {
            return Err(ApiError::unprocessable(
                "The data integration does not use OAuth, so tokens cannot be imported.",
            ));
        }
        let account_state = body.validate(true)?;
        let mut account = new_account(&integration, &user_id, org.clone());
        account.scopes.clear();
        body.apply(&mut account, account_state);
        e.connected_accounts.push(account.clone());
        Ok(account)
    })??;
    Ok((
        StatusCode::CREATED,
        Json(views::connected_account(&account)),
    ))
}

pub async fn update_account(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path((user_id, slug)): Path<(String, String)>,
    Query(query): OrgQuery,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let org = org_of(&query);
    let body: AccountBody = parse_body(&body)?;
    let (account, was) = state.with_env(&env, |e| {
        let index = find_account(e, &user_id, &slug, org)?;
        let account_state = body.validate(false)?;
        let account = &mut e.connected_accounts[index];
        let was = account.state;
        body.apply(account, account_state);
        Ok::<_, ApiError>((account.clone(), was))
    })??;
    if was != AccountState::NeedsReauthorization
        && account.state == AccountState::NeedsReauthorization
    {
        let data = views::pipes_account_event_data(&account);
        state.record_event(&env, event_names::REAUTHORIZATION_NEEDED, data);
    }
    Ok(Json(views::connected_account(&account)))
}

pub async fn delete_account(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path((user_id, slug)): Path<(String, String)>,
    Query(query): OrgQuery,
) -> ApiResult<StatusCode> {
    let org = org_of(&query);
    let account = state.with_env(&env, |e| {
        find_account(e, &user_id, &slug, org).map(|i| e.connected_accounts.remove(i))
    })??;
    state.record_event(
        &env,
        event_names::DISCONNECTED,
        views::pipes_account_event_data(&account),
    );
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Default, Deserialize)]
pub struct InstallationBody {
    #[serde(flatten)]
    user: UserRef,
    secret: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    config: Option<BTreeMap<String, String>>,
}

pub async fn upsert_api_key(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(slug): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let body: InstallationBody = parse_body(&body)?;
    let secret = non_empty(&body.secret, "secret")?.to_string();
    let account = state.with_env(&env, |e| {
        upsert_installation(e, &slug, &body, AuthMethod::ApiKey, |account| {
            account.secret = Some(secret);
            account.client_id = None;
        })
    })??;
    Ok(Json(views::connected_account(&account)))
}

pub async fn upsert_client_credentials(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(slug): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let body: InstallationBody = parse_body(&body)?;
    let client_id = non_empty(&body.client_id, "client_id")?.to_string();
    let client_secret = non_empty(&body.client_secret, "client_secret")?.to_string();
    let account = state.with_env(&env, |e| {
        upsert_installation(e, &slug, &body, AuthMethod::ClientCredentials, |account| {
            account.client_id = Some(client_id);
            account.secret = Some(client_secret);
        })
    })??;
    Ok(Json(views::connected_account(&account)))
}

fn non_empty<'a>(value: &'a Option<String>, field: &str) -> ApiResult<&'a str> {
    value
        .as_deref()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::bad_request(format!("{field} must be a non-empty string")))
}

fn upsert_installation(
    env: &mut Environment,
    slug: &str,
    body: &InstallationBody,
    method: AuthMethod,
    set_secret: impl FnOnce(&mut ConnectedAccount),
) -> ApiResult<ConnectedAccount> {
    let user_id = body.user.user_id()?;
    let org = body.user.organization_id.clone();
    let (integration, existing) = installation(env, slug, user_id, org.as_deref())?;
    let actual = existing.as_ref().map(|a| a.auth_method);
    if !integration.supports(method) || actual.is_some_and(|m| m != method) {
        let actual = actual
            .or(integration.auth_methods.first().copied())
            .unwrap_or(method);
        return Err(ApiError::auth_method_mismatch(
            method.as_str(),
            actual.as_str(),
        ));
    }
    let index = match env.account_index(user_id, slug, org.as_deref()) {
        Some(i) => i,
        None => {
            let mut account = new_account(&integration, user_id, org);
            account.auth_method = method;
            account.scopes.clear();
            env.connected_accounts.push(account);
            env.connected_accounts.len() - 1
        }
    };
    let account = &mut env.connected_accounts[index];
    set_secret(account);
    if let Some(config) = &body.config {
        account.config = config.clone();
    }
    account.state = AccountState::Connected;
    account.updated_at = now_iso();
    Ok(account.clone())
}
