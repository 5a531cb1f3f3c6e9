//! JSON shapes of the API's objects, as the spec (and the official SDKs) expect them.

use serde_json::{Value, json};

use crate::ids::last_four;
use crate::state::{
    ConnectedAccount, CredentialsType, Event, Integration, Organization, Ownership, WebhookEndpoint,
};

pub fn organization(org: &Organization) -> Value {
    json!({
        "object": "organization",
        "id": org.id,
        "name": org.name,
        "domains": org.domains.iter().map(|d| json!({
            "object": "organization_domain",
            "id": d.id,
            "organization_id": org.id,
            "domain": d.domain,
            "state": d.state,
            "verification_strategy": "manual",
            "created_at": org.created_at,
            "updated_at": org.updated_at,
        })).collect::<Vec<_>>(),
        "metadata": org.metadata,
        "external_id": org.external_id,
        "allow_profiles_outside_organization": false,
        "created_at": org.created_at,
        "updated_at": org.updated_at,
    })
}

pub fn integration(i: &Integration, base_url: &str) -> Value {
    json!({
        "object": "data_integration",
        "id": i.id,
        "slug": i.slug,
        "integration_type": i.slug,
        "ownership": i.ownership.as_str(),
        "description": i.description,
        "enabled": i.enabled,
        "state": "valid",
        "scopes": i.scopes,
        // Only OAuth integrations have a callback; API-key and client-credentials ones answer "".
        "redirect_uri": if i.supports(crate::state::AuthMethod::Oauth) { i.redirect_uri(base_url) } else { String::new() },
        "auth_methods": i.auth_methods.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
        "credentials": credentials(i),
        "installation": null,
        "config": i.config,
        "custom_provider": i.custom_provider,
        "created_at": i.created_at,
        "updated_at": i.updated_at,
    })
}

fn credentials(i: &Integration) -> Value {
    if i.credentials_type == CredentialsType::Shared {
        return Value::Null;
    }
    json!({
        "type": i.credentials_type.as_str(),
        "client_id": i.client_id,
        "redacted_client_secret": i.client_secret.as_deref().map(redact),
    })
}

/// `••••••••cdef`: shows that a secret is set without revealing it.
pub fn redact(secret: &str) -> String {
    format!("••••••••{}", last_four(secret))
}

pub fn connected_account(a: &ConnectedAccount) -> Value {
    let mut value = json!({
        "object": "connected_account",
        "id": a.id,
        "connection_role": a.labels.role(),
        "account_identifier": a.labels.account_identifier,
        "account_display_name": a.labels.account_display_name,
        "state_reason": a.labels.state_reason,
        "established_by_user_id": a.labels.established_by_user_id,
        "connection_owner": a.owner.as_str(),
        "user_id": user_id(a),
        "organization_id": a.organization_id,
        "scopes": a.scopes,
        "auth_method": a.auth_method.as_str(),
        "api_key_last_4": a.secret.as_deref().filter(|_| a.client_id.is_none()).map(last_four),
        "config": a.config,
        "state": a.state.as_str(),
        "created_at": a.created_at,
        "updated_at": a.updated_at,
    });
    // "Only present when `auth_method` is `client_credentials`" (both specs).
    if let (Some(client_id), Value::Object(map)) = (&a.client_id, &mut value) {
        map.insert("client_id".into(), json!(client_id));
        let last_4 = a.secret.as_deref().map(last_four);
        map.insert("client_secret_last_4".into(), json!(last_4));
    }
    value
}

/// `null` on organization-owned connections: they belong to no single user.
fn user_id(a: &ConnectedAccount) -> Value {
    match a.owner {
        Ownership::User => json!(a.user_id),
        Ownership::Organization => Value::Null,
    }
}

/// The connected account inside a `data_providers` entry, with the deprecated
/// camelCase twins that the spec marks required and the Rust SDK still decodes.
fn provider_account(a: &ConnectedAccount) -> Value {
    let mut value = connected_account(a);
    if let Value::Object(map) = &mut value {
        map.insert("userlandUserId".into(), user_id(a));
        map.insert("organizationId".into(), json!(a.organization_id));
        map.insert("createdAt".into(), json!(a.created_at));
        map.insert("updatedAt".into(), json!(a.updated_at));
    }
    value
}

/// A `data_providers` row: `connected_account` is the compatibility connection,
/// `connected_accounts` what the caller may see (all with `supports_multiple_connections`).
pub fn data_provider(
    i: &Integration,
    account: Option<&ConnectedAccount>,
    all: &[&ConnectedAccount],
) -> Value {
    let account_json = account.map(provider_account);
    let all_json: Vec<Value> = all.iter().map(|a| provider_account(a)).collect();
    json!({
        "object": "data_provider",
        "id": i.id,
        "name": i.name,
        "description": i.description,
        "slug": i.slug,
        "integration_type": i.slug,
        "credentials_type": i.credentials_type.as_str(),
        "scopes": i.scopes,
        "auth_methods": i.auth_methods.iter().map(|m| m.as_str()).collect::<Vec<_>>(),
        "connection_owner": i.ownership.as_str(),
        "ownership": match i.ownership {
            Ownership::User => "userland_user",
            Ownership::Organization => "organization",
        },
        "created_at": i.created_at,
        "updated_at": i.updated_at,
        "integrationType": i.slug,
        "credentialsType": i.credentials_type.as_str(),
        "createdAt": i.created_at,
        "updatedAt": i.updated_at,
        "connected_accounts": all_json,
        "connected_account": account_json,
    })
}

pub fn webhook_endpoint(e: &WebhookEndpoint) -> Value {
    json!({
        "object": "webhook_endpoint",
        "id": e.id,
        "endpoint_url": e.endpoint_url,
        "secret": e.secret,
        "status": e.status,
        "events": e.events,
        "created_at": e.created_at,
        "updated_at": e.updated_at,
    })
}

pub fn event(e: &Event) -> Value {
    json!({
        "object": "event",
        "id": e.id,
        "event": e.event,
        "data": e.data,
        "created_at": e.created_at,
    })
}

/// `data` of the connected / disconnected / reauthorization_needed events: the connected
/// account with its integration, and `state` as the event families name it.
pub fn pipes_account_event_data(a: &ConnectedAccount) -> Value {
    let mut data = connected_account(a);
    if let Value::Object(map) = &mut data {
        map.insert("data_integration_id".into(), json!(a.data_integration_id));
        map.insert("provider_slug".into(), json!(a.slug));
        let state = match a.state {
            crate::state::AccountState::NeedsReauthorization => "needs_reauthorization",
            _ => "connected",
        };
        map.insert("state".into(), json!(state));
    }
    data
}

pub fn list(data: Vec<Value>, before: Option<String>, after: Option<String>) -> Value {
    json!({
        "object": "list",
        "data": data,
        "list_metadata": { "before": before, "after": after },
    })
}
