//! `GET /organizations` (the cheap key check, `?limit=1`) and `POST /organizations`.

use std::collections::{BTreeMap, HashMap};

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Query, State};
use axum::http::StatusCode;
use serde::Deserialize;
use serde_json::Value;

use crate::errors::{ApiError, ApiResult};
use crate::fake_state::FakeState;
use crate::ids::{new_id, now_iso};
use crate::routes::{EnvName, Page, parse_body};
use crate::state::{Environment, Organization, OrganizationDomain};
use crate::views;

pub async fn list(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let page = Page::from_query(&query)?;
    let organizations = state.with_env(&env, |e| e.organizations.clone())?;
    let (items, before, after) = page.apply(&organizations, |o| &o.id);
    let data = items.iter().map(views::organization).collect();
    Ok(Json(views::list(data, before, after)))
}

#[derive(Debug, Default, Deserialize)]
struct DomainData {
    domain: String,
    state: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct CreateBody {
    name: Option<String>,
    domains: Option<Vec<String>>,
    domain_data: Option<Vec<DomainData>>,
    metadata: Option<BTreeMap<String, String>>,
    external_id: Option<String>,
}

pub async fn create(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    body: Bytes,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let body: CreateBody = parse_body(&body)?;
    let name = body
        .name
        .clone()
        .filter(|n| !n.trim().is_empty())
        .ok_or_else(|| ApiError::unprocessable("name must be a non-empty string"))?;
    check_metadata(body.metadata.as_ref())?;
    let organization = state.with_env(&env, |e| {
        let domains = new_domains(&body);
        check_unique(e, body.external_id.as_deref(), &domains)?;
        let now = now_iso();
        let organization = Organization {
            id: new_id("org_"),
            name,
            external_id: body.external_id,
            metadata: body.metadata.unwrap_or_default(),
            domains,
            created_at: now.clone(),
            updated_at: now,
        };
        e.organizations.push(organization.clone());
        Ok::<_, ApiError>(organization)
    })??;
    Ok((
        StatusCode::CREATED,
        Json(views::organization(&organization)),
    ))
}

fn new_domains(body: &CreateBody) -> Vec<OrganizationDomain> {
    let plain = body
        .domains
        .iter()
        .flatten()
        .map(|d| (d.clone(), "pending".to_string()));
    let detailed = body.domain_data.iter().flatten().map(|d| {
        let state = d.state.clone().unwrap_or_else(|| "pending".into());
        (d.domain.clone(), state)
    });
    plain
        .chain(detailed)
        .map(|(domain, state)| OrganizationDomain {
            id: new_id("org_domain_"),
            domain,
            state,
        })
        .collect()
}

/// The spec's limits: 50 keys, keys up to 40 characters, values up to 600.
fn check_metadata(metadata: Option<&BTreeMap<String, String>>) -> ApiResult<()> {
    let Some(metadata) = metadata else {
        return Ok(());
    };
    let too_long = metadata
        .iter()
        .any(|(k, v)| k.chars().count() > 40 || v.chars().count() > 600);
    if metadata.len() > 50 || too_long {
        return Err(ApiError::coded(
            StatusCode::BAD_REQUEST,
            "invalid_metadata",
            "Metadata allows up to 50 keys of at most 40 characters, values of at most 600.",
        ));
    }
    Ok(())
}

fn check_unique(
    env: &Environment,
    external_id: Option<&str>,
    domains: &[OrganizationDomain],
) -> ApiResult<()> {
    if let Some(external_id) = external_id
        && env
            .organizations
            .iter()
            .any(|o| o.external_id.as_deref() == Some(external_id))
    {
        return Err(ApiError::coded(
            StatusCode::BAD_REQUEST,
            "external_id_already_used",
            format!("An organization with external_id '{external_id}' already exists."),
        ));
    }
    let taken = domains.iter().find(|d| {
        env.organizations
            .iter()
            .flat_map(|o| &o.domains)
            .any(|existing| existing.domain.eq_ignore_ascii_case(&d.domain))
    });
    if let Some(domain) = taken {
        return Err(ApiError::message(
            StatusCode::CONFLICT,
            format!(
                "The domain '{}' is already in use by another organization.",
                domain.domain
            ),
        ));
    }
    Ok(())
}
