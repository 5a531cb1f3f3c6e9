//! Organization-owned connections: shared by every active member of the organization,
//! at `/organizations/{id}/connected_accounts/{slug}` and `/organizations/{id}/data_providers`.

use std::collections::HashMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use serde_json::{Value, json};

use crate::connections::{Owner, Selector};
use crate::errors::{ApiError, ApiResult};
use crate::fake_state::{AccountEvent, FakeState};
use crate::routes::users::{
    delete_connection, find_account, import_account, provider_row, require_member,
    update_connection,
};
use crate::routes::{EnvName, not_found_organization, parse_body};
use crate::state::{Environment, Ownership};
use crate::views;

type RawQuery = Query<HashMap<String, String>>;

fn organization(org: &str) -> Owner {
    Owner::Organization {
        org: org.to_string(),
    }
}

fn check_org(env: &Environment, org: &str) -> ApiResult<()> {
    env.organization(org)
        .map(|_| ())
        .ok_or_else(|| not_found_organization(org))
}

pub async fn data_providers(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(org): Path<String>,
    Query(query): RawQuery,
) -> ApiResult<Json<Value>> {
    let multiple = Selector::from_query(&query).supports_multiple_connections;
    let owner = organization(&org);
    let data = state.with_env(&env, |e| {
        check_org(e, &org)?;
        let rows: Vec<Value> = e
            .integrations
            .iter()
            .filter(|i| i.enabled && i.ownership == Ownership::Organization)
            .map(|i| provider_row(e, i, &owner, multiple))
            .collect();
        Ok::<_, ApiError>(rows)
    })??;
    Ok(Json(json!({ "object": "list", "data": data })))
}

pub async fn get_account(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path((org, slug)): Path<(String, String)>,
    Query(query): RawQuery,
) -> ApiResult<Json<Value>> {
    let selector = Selector::from_query(&query);
    let account = state.with_env(&env, |e| {
        check_org(e, &org)?;
        let index = find_account(e, &organization(&org), &slug, &selector)?;
        Ok::<_, ApiError>(e.connected_accounts[index].clone())
    })??;
    Ok(Json(views::connected_account(&account)))
}

#[derive(Debug, Default, serde::Deserialize)]
struct ActingMember {
    user_id: Option<String>,
}

/// The member a write acts for: required, and an active member of `org` (403 otherwise).
fn acting_member(env: &Environment, org: &str, raw: &Bytes) -> ApiResult<String> {
    let body: ActingMember = parse_body(raw)?;
    let user_id = crate::routes::token::UserRef {
        user_id: body.user_id,
        organization_id: None,
    }
    .user_id()?
    .to_string();
    require_member(env, &user_id, org)?;
    Ok(user_id)
}

pub async fn create_account(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path((org, slug)): Path<(String, String)>,
    headers: HeaderMap,
    raw: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let account = state.with_env(&env, |e| {
        check_org(e, &org)?;
        let member = acting_member(e, &org, &raw)?;
        import_account(e, &organization(&org), &member, &slug, &headers, &raw)
    })??;
    state.record_account_event(&env, AccountEvent::Connected, &account);
    Ok((
        StatusCode::CREATED,
        Json(views::connected_account(&account)),
    ))
}

pub async fn update_account(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path((org, slug)): Path<(String, String)>,
    Query(query): RawQuery,
    raw: Bytes,
) -> ApiResult<Json<Value>> {
    state.with_env(&env, |e| {
        check_org(e, &org)?;
        acting_member(e, &org, &raw).map(|_| ())
    })??;
    let account = update_connection(&state, &env, &organization(&org), &slug, &query, &raw)?;
    Ok(Json(views::connected_account(&account)))
}

pub async fn delete_account(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path((org, slug)): Path<(String, String)>,
    Query(query): RawQuery,
) -> ApiResult<StatusCode> {
    state.with_env(&env, |e| check_org(e, &org))??;
    delete_connection(&state, &env, &organization(&org), &slug, &query)?;
    Ok(StatusCode::NO_CONTENT)
}
