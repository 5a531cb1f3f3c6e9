//! A user's providers and connected accounts, plus the API-key and client-credentials
//! installations.

use std::collections::{BTreeMap, HashMap};

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use serde_json::Value;

use crate::connections::{Owner, Selector, account_not_found};
use crate::errors::{ApiError, ApiResult, FieldError};
use crate::fake_state::{AccountEvent, FakeState};
use crate::ids::now_iso;
use crate::routes::token::UserRef;
use crate::routes::{
    EnvName, not_found_integration, not_found_organization, not_found_user, parse_body,
};
use crate::state::{
    AccountState, AuthMethod, ConnectedAccount, Environment, Integration, Ownership,
};
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
    let multiple = Selector::from_query(&query).supports_multiple_connections;
    let owner = Owner::User {
        user_id: user_id.clone(),
        org: org.map(String::from),
    };
    let data = state.with_env(&env, |e| {
        check_user_and_org(e, &user_id, org)?;
        let providers: Vec<Value> = e
            .integrations
            .iter()
            .filter(|i| i.enabled && i.ownership == Ownership::User)
            .map(|i| provider_row(e, i, &owner, multiple))
            .collect();
        Ok::<_, ApiError>(providers)
    })??;
    Ok(Json(serde_json::json!({ "object": "list", "data": data })))
}

/// One `data_providers` row: the compatibility connection plus what the caller may see.
pub fn provider_row(env: &Environment, i: &Integration, owner: &Owner, multiple: bool) -> Value {
    let compatibility = env
        .compatibility(owner, &i.slug)
        .map(|index| &env.connected_accounts[index]);
    views::data_provider(i, compatibility, &env.visible(owner, &i.slug, multiple))
}

pub fn check_user_and_org(env: &Environment, user_id: &str, org: Option<&str>) -> ApiResult<()> {
    env.user(user_id).ok_or_else(|| not_found_user(user_id))?;
    if let Some(org) = org {
        env.organization(org)
            .ok_or_else(|| not_found_organization(org))?;
    }
    Ok(())
}

/// The connection a request names, 404 when there is none.
pub fn find_account(
    env: &Environment,
    owner: &Owner,
    slug: &str,
    selector: &Selector,
) -> ApiResult<usize> {
    if let Owner::User { user_id, org } = owner {
        check_user_and_org(env, user_id, org.as_deref())?;
    }
    env.integration(slug)
        .ok_or_else(|| not_found_integration(slug))?;
    env.select(owner, slug, selector)?
        .ok_or_else(|| account_not_found(slug))
}

fn user_owner(user_id: &str, query: &HashMap<String, String>) -> Owner {
    Owner::User {
        user_id: user_id.to_string(),
        org: org_of(query).map(String::from),
    }
}

pub async fn get_account(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path((user_id, slug)): Path<(String, String)>,
    Query(query): OrgQuery,
) -> ApiResult<Json<Value>> {
    let owner = user_owner(&user_id, &query);
    let selector = Selector::from_query(&query);
    let account = state.with_env(&env, |e| {
        find_account(e, &owner, &slug, &selector).map(|i| e.connected_accounts[i].clone())
    })??;
    Ok(Json(views::connected_account(&account)))
}

/// `account_display_name` / `account_identifier` as sent: absent keeps, null clears.
#[derive(Debug, Default, Deserialize)]
pub struct LabelBody {
    #[serde(default, deserialize_with = "present")]
    account_display_name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    account_identifier: Option<Option<String>>,
}

fn present<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

impl LabelBody {
    pub fn apply(&self, account: &mut ConnectedAccount) {
        if let Some(name) = &self.account_display_name {
            account.labels.account_display_name = name.clone();
        }
        if let Some(identifier) = &self.account_identifier {
            account.labels.account_identifier = identifier.clone();
        }
    }
}

/// `connection_intent`: `add` on creates, `reauthorize` on updates.
pub fn check_intent(intent: Option<&str>, allowed: &str) -> ApiResult<bool> {
    match intent {
        None => Ok(false),
        Some(value) if value == allowed => Ok(true),
        Some(other) => Err(ApiError::validation(vec![FieldError::new(
            "connection_intent",
            "invalid_enum_value",
            format!("connection_intent must be '{allowed}' here, not '{other}'."),
        )])),
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct AccountBody {
    #[serde(flatten)]
    labels: LabelBody,
    connection_intent: Option<String>,
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
        self.labels.apply(account);
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
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let owner = user_owner(&user_id, &query);
    let account = state.with_env(&env, |e| {
        check_user_and_org(e, &user_id, org_of(&query))?;
        import_account(e, &owner, &user_id, &slug, &headers, &body)
    })??;
    state.record_account_event(&env, AccountEvent::Connected, &account);
    Ok((
        StatusCode::CREATED,
        Json(views::connected_account(&account)),
    ))
}

/// `POST …/connected_accounts/{slug}`: imports tokens as the compatibility connection, or
/// (with `connection_intent: add`) as another connection.
pub fn import_account(
    e: &mut Environment,
    owner: &Owner,
    acting_user: &str,
    slug: &str,
    headers: &HeaderMap,
    raw: &Bytes,
) -> ApiResult<ConnectedAccount> {
    let body: AccountBody = parse_body(raw)?;
    let integration = crate::routes::enabled_root(e, slug, owner)?;
    let adding = check_intent(body.connection_intent.as_deref(), "add")?;
    let fingerprint = format!("{slug}:{}", String::from_utf8_lossy(raw));
    if let Some(done) = idempotent_replay(e, headers, &fingerprint)? {
        return Ok(done);
    }
    if adding {
        e.check_can_add(owner, slug)?;
    } else if e.compatibility(owner, slug).is_some_and(|i| {
        // An unscoped import does not collide with an organization-scoped connection.
        e.connected_accounts[i].organization_id.as_deref() == owner.org()
    }) {
        return Err(ApiError::message(
            StatusCode::CONFLICT,
            format!(
                "A connected account already exists for provider '{slug}'; send connection_intent 'add' for another."
            ),
        ));
    }
    if !integration.supports(AuthMethod::Oauth) {
        return Err(ApiError::unprocessable(
            "The data integration does not use OAuth, so tokens cannot be imported.",
        ));
    }
    let account_state = body.validate(true)?;
    let index = e.add_connection(owner, &integration, acting_user);
    let account = &mut e.connected_accounts[index];
    account.scopes.clear();
    body.apply(account, account_state);
    let account = account.clone();
    remember_idempotent(e, headers, fingerprint, &account.id);
    Ok(account)
}

const IDEMPOTENCY_KEY: &str = "idempotency-key";

/// A retried create with the same `Idempotency-Key` answers the connection it made; the
/// same key with another request is 409 `idempotency_key_conflict`.
pub fn idempotent_replay(
    e: &Environment,
    headers: &HeaderMap,
    fingerprint: &str,
) -> ApiResult<Option<ConnectedAccount>> {
    let Some(key) = headers.get(IDEMPOTENCY_KEY).and_then(|v| v.to_str().ok()) else {
        return Ok(None);
    };
    match e.idempotency.get(key) {
        None => Ok(None),
        Some((seen, _)) if seen != fingerprint => Err(ApiError::coded(
            StatusCode::CONFLICT,
            "idempotency_key_conflict",
            "This Idempotency-Key was used for a different request.",
        )),
        Some((_, id)) => Ok(e.connected_accounts.iter().find(|a| &a.id == id).cloned()),
    }
}

pub fn remember_idempotent(
    e: &mut Environment,
    headers: &HeaderMap,
    fingerprint: String,
    account_id: &str,
) {
    if let Some(key) = headers.get(IDEMPOTENCY_KEY).and_then(|v| v.to_str().ok()) {
        e.idempotency
            .insert(key.to_string(), (fingerprint, account_id.to_string()));
    }
}

/// The selector of a PUT: `connected_account_id` + `connection_intent=reauthorize` in the
/// query (the SDKs send them there, not in the body).
pub fn update_selector(query: &HashMap<String, String>) -> ApiResult<Selector> {
    let reauthorize = check_intent(
        query.get("connection_intent").map(String::as_str),
        "reauthorize",
    )?;
    let selector = Selector::from_query(query);
    if reauthorize && selector.connected_account_id.is_none() {
        return Err(ApiError::validation(vec![FieldError::new(
            "connected_account_id",
            "required",
            "connection_intent 'reauthorize' needs the connected_account_id to reauthorize.",
        )]));
    }
    Ok(selector)
}

pub async fn update_account(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path((user_id, slug)): Path<(String, String)>,
    Query(query): OrgQuery,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let owner = user_owner(&user_id, &query);
    let account = update_connection(&state, &env, &owner, &slug, &query, &body)?;
    Ok(Json(views::connected_account(&account)))
}

/// `PUT …/connected_accounts/{slug}`: updates the connection the query names.
pub fn update_connection(
    state: &FakeState,
    env: &str,
    owner: &Owner,
    slug: &str,
    query: &HashMap<String, String>,
    body: &Bytes,
) -> ApiResult<ConnectedAccount> {
    let body: AccountBody = parse_body(body)?;
    let selector = update_selector(query)?;
    let (account, was) = state.with_env(env, |e| {
        let index = find_account(e, owner, slug, &selector)?;
        let account_state = body.validate(false)?;
        let account = &mut e.connected_accounts[index];
        let was = account.state;
        body.apply(account, account_state);
        Ok::<_, ApiError>((account.clone(), was))
    })??;
    if was != AccountState::NeedsReauthorization
        && account.state == AccountState::NeedsReauthorization
    {
        state.record_account_event(env, AccountEvent::ReauthorizationNeeded, &account);
    }
    Ok(account)
}

pub async fn delete_account(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path((user_id, slug)): Path<(String, String)>,
    Query(query): OrgQuery,
) -> ApiResult<StatusCode> {
    let owner = user_owner(&user_id, &query);
    delete_connection(&state, &env, &owner, &slug, &query)?;
    Ok(StatusCode::NO_CONTENT)
}

pub fn delete_connection(
    state: &FakeState,
    env: &str,
    owner: &Owner,
    slug: &str,
    query: &HashMap<String, String>,
) -> ApiResult<()> {
    let selector = Selector::from_query(query);
    let account = state.with_env(env, |e| {
        find_account(e, owner, slug, &selector).map(|i| e.connected_accounts.remove(i))
    })??;
    state.record_account_event(env, AccountEvent::Disconnected, &account);
    Ok(())
}

#[derive(Debug, Default, Deserialize)]
pub struct InstallationBody {
    #[serde(flatten)]
    owner: OwnerRef,
    #[serde(flatten)]
    labels: LabelBody,
    connection_intent: Option<String>,
    connected_account_id: Option<String>,
    secret: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
    config: Option<BTreeMap<String, String>>,
}

/// `user_id`, `organization_id` and `connection_owner` as the write calls send them.
#[derive(Debug, Default, Deserialize)]
pub struct OwnerRef {
    #[serde(flatten)]
    pub user: UserRef,
    pub connection_owner: Option<String>,
}

impl OwnerRef {
    /// The owner the request acts for and the acting user. An organization owner needs
    /// `organization_id` and a user who is an active member of it (403 otherwise).
    pub fn resolve(&self, env: &Environment) -> ApiResult<(Owner, String)> {
        let user_id = self.user.user_id()?.to_string();
        let org = self.user.organization_id.clone().filter(|o| !o.is_empty());
        check_user_and_org(env, &user_id, org.as_deref())?;
        match self.connection_owner.as_deref() {
            None | Some("user") => Ok((
                Owner::User {
                    user_id: user_id.clone(),
                    org,
                },
                user_id,
            )),
            Some("organization") => {
                let org = org.ok_or_else(|| {
                    ApiError::validation(vec![FieldError::new(
                        "organization_id",
                        "required",
                        "connection_owner 'organization' needs an organization_id.",
                    )])
                })?;
                require_member(env, &user_id, &org)?;
                Ok((Owner::Organization { org }, user_id))
            }
            Some(other) => Err(ApiError::validation(vec![FieldError::new(
                "connection_owner",
                "invalid_enum_value",
                format!("connection_owner must be 'user' or 'organization', not '{other}'."),
            )])),
        }
    }
}

/// Organization-owned connections are acted on by an active member only.
pub fn require_member(env: &Environment, user_id: &str, org: &str) -> ApiResult<()> {
    env.organization(org)
        .ok_or_else(|| not_found_organization(org))?;
    let member = env
        .user(user_id)
        .is_some_and(|u| u.organization_id.as_deref() == Some(org));
    if member {
        return Ok(());
    }
    Err(ApiError::message(
        StatusCode::FORBIDDEN,
        format!("User '{user_id}' is not an active member of organization '{org}'."),
    ))
}

pub async fn create_api_key(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    let write = Write::Add {
        headers: &headers,
        raw: &raw,
    };
    write_installation(&state, &env, &slug, &raw, write, AuthMethod::ApiKey)
}

pub async fn upsert_api_key(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(slug): Path<String>,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    write_installation(&state, &env, &slug, &raw, Write::Upsert, AuthMethod::ApiKey)
}

pub async fn create_client_credentials(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    let write = Write::Add {
        headers: &headers,
        raw: &raw,
    };
    let method = AuthMethod::ClientCredentials;
    write_installation(&state, &env, &slug, &raw, write, method)
}

pub async fn upsert_client_credentials(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(slug): Path<String>,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    let method = AuthMethod::ClientCredentials;
    write_installation(&state, &env, &slug, &raw, Write::Upsert, method)
}

/// An API key (`secret`) or a client id and secret, checked, then written as `write` says.
fn write_installation(
    state: &FakeState,
    env: &str,
    slug: &str,
    raw: &Bytes,
    write: Write,
    method: AuthMethod,
) -> ApiResult<Json<Value>> {
    let body: InstallationBody = parse_body(raw)?;
    let (client_id, secret) = match method {
        AuthMethod::ClientCredentials => (
            Some(non_empty(&body.client_id, "client_id")?.to_string()),
            non_empty(&body.client_secret, "client_secret")?.to_string(),
        ),
        _ => (None, non_empty(&body.secret, "secret")?.to_string()),
    };
    install(state, env, slug, &body, write, method, |account| {
        account.client_id = client_id;
        account.secret = Some(secret);
    })
}

fn non_empty<'a>(value: &'a Option<String>, field: &str) -> ApiResult<&'a str> {
    value
        .as_deref()
        .filter(|v| !v.is_empty())
        .ok_or_else(|| ApiError::bad_field(field, format!("{field} must be a non-empty string")))
}

/// POST adds another connection (`connection_intent: add`, `Idempotency-Key`); PUT
/// creates or rotates the compatibility connection, or the one `reauthorize` names.
enum Write<'a> {
    Add {
        headers: &'a HeaderMap,
        raw: &'a Bytes,
    },
    Upsert,
}

fn install(
    state: &FakeState,
    env: &str,
    slug: &str,
    body: &InstallationBody,
    write: Write,
    method: AuthMethod,
    set_secret: impl FnOnce(&mut ConnectedAccount),
) -> ApiResult<Json<Value>> {
    let (account, created) = state.with_env(env, |e| {
        let (owner, acting_user) = body.owner.resolve(e)?;
        let integration = crate::routes::enabled_root(e, slug, &owner)?;
        if !integration.supports(method) {
            let actual = integration.auth_methods.first().copied().unwrap_or(method);
            return Err(ApiError::auth_method_mismatch(
                method.as_str(),
                actual.as_str(),
            ));
        }
        let target = match write {
            Write::Add { headers, raw } => {
                check_intent(body.connection_intent.as_deref(), "add")?;
                let fingerprint = format!("{slug}:{}", String::from_utf8_lossy(raw));
                if let Some(done) = idempotent_replay(e, headers, &fingerprint)? {
                    return Ok((done, false));
                }
                e.check_can_add(&owner, slug)?;
                let index = e.add_connection(&owner, &integration, &acting_user);
                let id = e.connected_accounts[index].id.clone();
                remember_idempotent(e, headers, fingerprint, &id);
                (index, true)
            }
            Write::Upsert => upsert_target(e, &owner, &integration, &acting_user, body)?,
        };
        let account = &mut e.connected_accounts[target.0];
        if account.auth_method != method && !target.1 {
            return Err(ApiError::auth_method_mismatch(
                method.as_str(),
                account.auth_method.as_str(),
            ));
        }
        account.auth_method = method;
        set_secret(account);
        body.labels.apply(account);
        if let Some(config) = &body.config {
            account.config = config.clone();
        }
        account.state = AccountState::Connected;
        account.labels.state_reason = None;
        account.updated_at = now_iso();
        Ok((account.clone(), target.1))
    })??;
    if created {
        state.record_account_event(env, AccountEvent::Connected, &account);
    }
    Ok(Json(views::connected_account(&account)))
}

/// The PUT's target: the connection `reauthorize` names, else the compatibility slot
/// (created when empty). Returns its index and whether it was created.
fn upsert_target(
    e: &mut Environment,
    owner: &Owner,
    integration: &Integration,
    acting_user: &str,
    body: &InstallationBody,
) -> ApiResult<(usize, bool)> {
    let reauthorize = check_intent(body.connection_intent.as_deref(), "reauthorize")?;
    if reauthorize || body.connected_account_id.is_some() {
        let selector = Selector {
            connected_account_id: body.connected_account_id.clone(),
            supports_multiple_connections: true,
        };
        let index = e.select(owner, &integration.slug, &selector)?;
        return index
            .map(|i| (i, false))
            .ok_or_else(|| account_not_found(&integration.slug));
    }
    match e.compatibility(owner, &integration.slug) {
        Some(index) => Ok((index, false)),
        None => {
            let index = e.add_connection(owner, integration, acting_user);
            e.connected_accounts[index].scopes.clear();
            Ok((index, true))
        }
    }
}
