//! `/organizations/{organizationId}/data_integration_configurations`: each organization's
//! own OAuth app and settings for integrations with `organization` credentials.

use std::collections::BTreeMap;

use axum::Json;
use axum::body::Bytes;
use axum::extract::{Extension, Path, State};
use serde::Deserialize;
use serde_json::{Value, json};

use crate::errors::{ApiError, ApiResult};
use crate::fake_state::FakeState;
use crate::ids::{last_four, new_id, now_iso};
use crate::routes::{EnvName, not_found_integration, not_found_organization, parse_body};
use crate::state::{CredentialsType, Environment, Integration, OrgConfiguration};

pub async fn list(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path(org): Path<String>,
) -> ApiResult<Json<Value>> {
    let base = state.base_url().to_string();
    let data = state.with_env(&env, |e| {
        e.organization(&org)
            .ok_or_else(|| not_found_organization(&org))?;
        // "All providers available to the specified organization": each slug once, with
        // the organization's own settings where its credentials are the organization's.
        let mut slugs: Vec<String> = Vec::new();
        for integration in &e.integrations {
            if !slugs.contains(&integration.slug) {
                slugs.push(integration.slug.clone());
            }
        }
        let views = slugs
            .iter()
            .filter_map(|slug| {
                let integration = e.integration(slug)?.clone();
                Some(
                    if integration.credentials_type == CredentialsType::Organization {
                        let index = configuration_index(e, &org, slug);
                        view(&e.org_configurations[index], Some(&integration), &base)
                    } else {
                        provider_default_view(&org, &integration)
                    },
                )
            })
            .collect::<Vec<_>>();
        Ok::<_, ApiError>(views)
    })??;
    Ok(Json(json!({ "object": "list", "data": data })))
}

#[derive(Debug, Default, Deserialize)]
struct ConfigureBody {
    enabled: Option<bool>,
    #[serde(default, deserialize_with = "present")]
    scopes: Option<Option<Vec<String>>>,
    client_id: Option<String>,
    client_secret: Option<String>,
    config: Option<BTreeMap<String, String>>,
}

fn present<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<Option<Vec<String>>>, D::Error> {
    Option::<Vec<String>>::deserialize(d).map(Some)
}

pub async fn configure(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Path((org, slug)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let body: ConfigureBody = parse_body(&body)?;
    for (field, value) in [
        ("client_id", &body.client_id),
        ("client_secret", &body.client_secret),
    ] {
        if value.as_deref() == Some("") {
            return Err(ApiError::bad_field(
                field,
                format!("{field} must not be empty"),
            ));
        }
    }
    let base = state.base_url().to_string();
    let view = state.with_env(&env, |e| {
        e.organization(&org)
            .ok_or_else(|| not_found_organization(&org))?;
        let integration = e
            .integration(&slug)
            .ok_or_else(|| not_found_integration(&slug))?;
        if integration.credentials_type != CredentialsType::Organization {
            return Err(ApiError::unprocessable(format!(
                "Data integration '{slug}' does not use organization credentials."
            )));
        }
        let index = configuration_index(e, &org, &slug);
        let configuration = &mut e.org_configurations[index];
        apply(configuration, body);
        let configuration = configuration.clone();
        Ok(view(&configuration, e.integration(&slug), &base))
    })??;
    Ok(Json(view))
}

fn apply(configuration: &mut OrgConfiguration, body: ConfigureBody) {
    if let Some(enabled) = body.enabled {
        configuration.enabled = enabled;
    }
    if let Some(scopes) = body.scopes {
        configuration.scopes = scopes;
    }
    if body.client_id.is_some() {
        configuration.client_id = body.client_id;
    }
    if body.client_secret.is_some() {
        configuration.client_secret = body.client_secret;
    }
    if let Some(config) = body.config {
        configuration.config = config;
    }
    configuration.updated_at = now_iso();
}

/// The organization's configuration for `slug`, created with defaults on first use.
fn configuration_index(env: &mut Environment, org: &str, slug: &str) -> usize {
    let found = env
        .org_configurations
        .iter()
        .position(|c| c.organization_id == org && c.slug == slug);
    found.unwrap_or_else(|| {
        let scopes = env.integration(slug).and_then(|i| i.scopes.clone());
        let now = now_iso();
        env.org_configurations.push(OrgConfiguration {
            id: new_id("data_integration_configuration_"),
            organization_id: org.to_string(),
            slug: slug.to_string(),
            enabled: true,
            scopes,
            client_id: None,
            client_secret: None,
            config: BTreeMap::new(),
            created_at: now.clone(),
            updated_at: now,
        });
        env.org_configurations.len() - 1
    })
}

/// A provider whose credentials are not the organization's: its root settings, no credentials.
fn provider_default_view(org: &str, i: &Integration) -> Value {
    json!({
        "object": "data_integration_configuration",
        "id": i.id,
        "organization_id": org,
        "slug": i.slug,
        "name": i.name,
        "enabled": i.enabled,
        "scopes": i.scopes,
        "config": i.config,
        "created_at": i.created_at,
        "updated_at": i.updated_at,
    })
}

fn view(c: &OrgConfiguration, integration: Option<&Integration>, base_url: &str) -> Value {
    json!({
        "object": "data_integration_configuration",
        "id": c.id,
        "organization_id": c.organization_id,
        "slug": c.slug,
        "name": integration.map_or_else(|| c.slug.clone(), |i| i.name.clone()),
        "enabled": c.enabled,
        "scopes": c.scopes,
        "config": c.config,
        "created_at": c.created_at,
        "updated_at": c.updated_at,
        "credentials": {
            "credentials_type": "organization",
            "has_credentials": c.has_credentials(),
            "client_id": c.client_id,
            "client_secret_last_four": c.client_secret.as_deref().map(last_four),
            "redirect_uri": integration.map(|i| i.redirect_uri(base_url)).unwrap_or_default(),
        },
    })
}
