//! The official `workos` crate, pointed at the fake, performs every Pipes call of the
//! spec subset and gets typed results: the right `Ok` values and the right `Err`s.

mod common;

use std::time::Duration;

use common::*;
use futures_util::StreamExt;
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use workos::Client;
use workos::events::ListEventsParams;
use workos::organizations::ListOrganizationsParams;
use workos::pipes::*;
use workos::webhooks::{
    CreateWebhookEndpointParams, ListWebhookEndpointsParams, UpdateWebhookEndpointParams,
};
use workos::{
    ConnectedAccountState, DataIntegrationAccessTokenResponseError, WebhookEndpointStatus,
};

fn client(base_url: &str, key: &str) -> Client {
    Client::builder()
        .api_key(key)
        .base_url(base_url)
        .max_retries(0)
        .timeout(Duration::from_secs(5))
        .build()
}

/// SDK request models have no constructors; build them from JSON like a caller might.
fn model<T: DeserializeOwned>(value: Value) -> T {
    serde_json::from_value(value).expect("valid SDK model")
}

fn token_params(user_id: &str) -> GetAccessTokenParams {
    GetAccessTokenParams::new(model(json!({ "user_id": user_id })))
}

#[tokio::test]
async fn key_check_and_error_mapping() {
    let fake = start_demo().await;
    let orgs = client(fake.base_url(), SANDBOX_KEY)
        .organizations()
        .list_organizations(ListOrganizationsParams {
            limit: Some(1),
            ..Default::default()
        })
        .await
        .expect("valid key");
    assert_eq!(orgs.data[0].id, ACME);

    let unauthorized = client(fake.base_url(), "sk_test_wrong")
        .organizations()
        .list_organizations(ListOrganizationsParams::default())
        .await
        .unwrap_err();
    assert!(unauthorized.is_unauthorized(), "{unauthorized}");
    assert!(
        unauthorized
            .request_id()
            .is_some_and(|id| id.starts_with("req_"))
    );

    let forbidden = client(fake.base_url(), FORBIDDEN_KEY)
        .organizations()
        .list_organizations(ListOrganizationsParams::default())
        .await
        .unwrap_err();
    assert_eq!(forbidden.status(), Some(403));

    fake.state().add_fault(fake_workos::Fault {
        path: "/data-integrations/*/token".into(),
        status: Some(429),
        retry_after: Some(7),
        times: Some(1),
        ..Default::default()
    });
    let sdk = client(fake.base_url(), SANDBOX_KEY);
    let limited = sdk
        .pipes()
        .get_access_token("github", token_params(ADA))
        .await
        .unwrap_err();
    assert!(limited.is_rate_limited());
    assert_eq!(limited.retry_after(), Some(Duration::from_secs(7)));
    let after = sdk
        .pipes()
        .get_access_token("github", token_params(ADA))
        .await
        .unwrap();
    assert_eq!(after.active, Some(true), "the fault applied once");
}

#[tokio::test]
async fn data_integrations_lifecycle() {
    let fake = start_demo().await;
    let sdk = client(fake.base_url(), SANDBOX_KEY);
    let pipes = sdk.pipes();
    let listed = pipes
        .list_data_integrations(ListDataIntegrationsParams::default())
        .await
        .unwrap();
    assert_eq!(listed.data.len(), 1);
    assert_eq!(listed.data[0].slug, "google-drive");

    let create = CreateDataIntegrationParams::new(model(json!({
        "provider": "hubspot", "scopes": ["crm.objects.contacts.read"],
        "credentials": {"type": "custom", "client_id": "hub_client", "client_secret": "hub_secret_9876"}
    })));
    let created = pipes.create_data_integration(create.clone()).await.unwrap();
    assert!(created.id.starts_with("data_integration_"));
    assert!(created.redirect_uri.starts_with(&format!(
        "{}/data-integrations/hubspot/dik_",
        fake.base_url()
    )));
    let credentials = created.credentials.expect("custom credentials");
    assert_eq!(credentials.client_id.as_deref(), Some("hub_client"));
    assert_eq!(
        credentials
            .redacted_client_secret
            .map(|s| s.expose().to_string())
            .as_deref(),
        Some("••••••••9876")
    );

    let duplicate = pipes.create_data_integration(create).await.unwrap_err();
    assert_eq!(duplicate.status(), Some(409));

    let got = pipes.get_data_integration("hubspot").await.unwrap();
    assert_eq!(got.redirect_uri, created.redirect_uri);
    let update = UpdateDataIntegrationParams::new(model(json!({"enabled": false})));
    let updated = pipes
        .update_data_integration("hubspot", update)
        .await
        .unwrap();
    assert!(!updated.enabled);
    pipes.delete_data_integration("hubspot").await.unwrap();
    assert!(
        pipes
            .get_data_integration("hubspot")
            .await
            .unwrap_err()
            .is_not_found()
    );

    let production = client(fake.base_url(), PRODUCTION_KEY);
    let invalid = production
        .pipes()
        .create_data_integration(CreateDataIntegrationParams::new(model(
            json!({"provider": "asana"}),
        )))
        .await
        .unwrap_err();
    assert_eq!(invalid.status(), Some(422));
}

#[tokio::test]
async fn authorize_and_access_tokens_in_every_state() {
    let fake = start_demo().await;
    let sdk = client(fake.base_url(), SANDBOX_KEY);
    let pipes = sdk.pipes();
    let authorize = AuthorizeDataIntegrationParams::new(model(
        json!({"user_id": GRACE, "return_to": "http://127.0.0.1:1/back"}),
    ));
    let url = pipes
        .authorize_data_integration("slack", authorize)
        .await
        .unwrap()
        .url;
    assert!(url.starts_with(&format!(
        "{}/provider/slack/oauth/authorize?",
        fake.base_url()
    )));

    let active = pipes
        .get_access_token("github", token_params(ADA))
        .await
        .unwrap();
    assert_eq!(active.active, Some(true));
    let token = active.access_token.expect("token");
    assert!(token.access_token.expose().starts_with("gho_"));
    assert_eq!(token.scopes, ["repo", "read:user"]);
    assert!(token.missing_scopes.is_empty());

    let not_installed = pipes
        .get_access_token("slack", token_params(GRACE))
        .await
        .unwrap();
    assert_eq!(not_installed.active, Some(false));
    assert_eq!(
        not_installed.error,
        Some(DataIntegrationAccessTokenResponseError::NotInstalled)
    );

    let change = |state: &str, missing: Value| fake_workos::TokenStateChange {
        environment: Some("sandbox".into()),
        user_id: ADA.into(),
        slug: "github".into(),
        organization_id: None,
        state: serde_json::from_value(json!(state)).unwrap(),
        missing_scopes: serde_json::from_value(missing).unwrap(),
    };
    fake.state()
        .set_token_state(&change("needs_reauthorization", json!([])))
        .unwrap();
    let reauth = pipes
        .get_access_token("github", token_params(ADA))
        .await
        .unwrap();
    assert_eq!(
        reauth.error,
        Some(DataIntegrationAccessTokenResponseError::NeedsReauthorization)
    );

    fake.state()
        .set_token_state(&change("active", json!(["admin:org"])))
        .unwrap();
    let partial = pipes
        .get_access_token("github", token_params(ADA))
        .await
        .unwrap();
    assert_eq!(partial.access_token.unwrap().missing_scopes, ["admin:org"]);

    let not_configured = pipes
        .get_access_token("salesforce", token_params(ADA))
        .await
        .unwrap_err();
    assert!(not_configured.is_not_found());

    let api = Api::new(&fake, SANDBOX_KEY);
    api.post(
        "/data-integrations",
        "/data-integrations",
        json!({"provider": "airtable", "auth_methods": ["api_key"]}),
    )
    .await;
    let install = UpdateDataIntegrationApiKeyParams::new(model(
        json!({"user_id": ADA, "secret": "pat-abcdefgh1234"}),
    ));
    let installed = pipes
        .update_data_integration_api_key("airtable", install)
        .await
        .unwrap();
    assert_eq!(installed.api_key_last_4.as_deref(), Some("1234"));
    let mismatch = pipes
        .get_access_token("airtable", token_params(ADA))
        .await
        .unwrap_err();
    assert_eq!(
        (mismatch.status(), mismatch.code()),
        (Some(422), Some("auth_method_mismatch"))
    );
}

#[tokio::test]
async fn providers_and_connected_accounts() {
    let fake = start_demo().await;
    let sdk = client(fake.base_url(), SANDBOX_KEY);
    let pipes = sdk.pipes();
    let providers = pipes
        .list_user_data_providers(ADA, ListUserDataProvidersParams::default())
        .await
        .unwrap();
    assert_eq!(providers.data.len(), 4);
    let github = providers.data.iter().find(|p| p.slug == "github").unwrap();
    assert_eq!(
        github.connected_account.as_ref().map(|a| a.id.as_str()),
        Some("data_installation_01JDEM0ADAGITHUB0000000000")
    );
    assert!(
        providers
            .data
            .iter()
            .filter(|p| p.slug != "github" && p.slug != "google-drive")
            .all(|p| p.connected_account.is_none()),
        "only GitHub and Ada's Drive (needing reauthorization) are connected"
    );
    assert!(
        pipes
            .list_user_data_providers("user_nobody", ListUserDataProvidersParams::default())
            .await
            .unwrap_err()
            .is_not_found()
    );

    let account = pipes
        .get_user_connected_account(ADA, "github", GetUserConnectedAccountParams::default())
        .await
        .unwrap();
    assert_eq!(account.state, ConnectedAccountState::Connected);
    assert_eq!(account.user_id.as_deref(), Some(ADA));

    let import = || {
        CreateUserConnectedAccountParams::new(model(
            json!({"access_token": "ntn_imported", "scopes": []}),
        ))
    };
    let created = pipes
        .create_user_connected_account(GRACE, "notion", import())
        .await
        .unwrap();
    assert!(created.id.starts_with("data_installation_"));
    assert_eq!(
        pipes
            .create_user_connected_account(GRACE, "notion", import())
            .await
            .unwrap_err()
            .status(),
        Some(409)
    );
    let bad = CreateUserConnectedAccountParams::new(model(json!({"refresh_token": "r"})));
    assert_eq!(
        pipes
            .create_user_connected_account(GRACE, "slack", bad)
            .await
            .unwrap_err()
            .status(),
        Some(422)
    );

    let update =
        UpdateUserConnectedAccountParams::new(model(json!({"state": "needs_reauthorization"})));
    let updated = pipes
        .update_user_connected_account(GRACE, "notion", update)
        .await
        .unwrap();
    assert_eq!(updated.state.to_string(), "needs_reauthorization");
    pipes
        .delete_user_connected_account(GRACE, "notion", DeleteUserConnectedAccountParams::default())
        .await
        .unwrap();
    let left = pipes
        .get_user_connected_account(GRACE, "notion", GetUserConnectedAccountParams::default())
        .await
        .unwrap();
    assert_ne!(
        left.id, created.id,
        "the imported connection is gone; Grace's Acme-scoped one is what remains"
    );

    let events = sdk
        .events()
        .list_events(ListEventsParams::new(vec![
            "pipes.connected_account.disconnected".into(),
        ]))
        .await
        .unwrap();
    assert_eq!(events.data.len(), 1);
    assert_eq!(events.data[0].data["provider_slug"], "notion");
    assert!(events.data[0].id.starts_with("event_"));
}

#[tokio::test]
async fn webhook_endpoints() {
    let fake = start_demo().await;
    let sdk = client(fake.base_url(), SANDBOX_KEY);
    let hooks = sdk.webhooks();
    let create = || {
        CreateWebhookEndpointParams::new(model(json!({
            "endpoint_url": "https://example.com/workos",
            "events": ["pipes.connected_account.connected", "pipes.connected_account.disconnected"]
        })))
    };
    let endpoint = hooks.create_webhook_endpoint(create()).await.unwrap();
    assert!(endpoint.id.starts_with("we_"));
    assert!(endpoint.secret.expose().starts_with("whsec_"));
    assert_eq!(endpoint.status, WebhookEndpointStatus::Enabled);
    let duplicate = hooks.create_webhook_endpoint(create()).await.unwrap_err();
    assert_eq!(
        (duplicate.status(), duplicate.code()),
        (Some(409), Some("duplicate_endpoint"))
    );
    let invalid = hooks
        .create_webhook_endpoint(CreateWebhookEndpointParams::new(model(
            json!({"endpoint_url": "not a url", "events": ["pipes.connected_account.connected"]}),
        )))
        .await
        .unwrap_err();
    assert_eq!(
        (invalid.status(), invalid.code()),
        (Some(422), Some("invalid_url"))
    );

    let listed = hooks
        .list_webhook_endpoints(ListWebhookEndpointsParams::default())
        .await
        .unwrap();
    assert_eq!(listed.data.len(), 1);
    let update = UpdateWebhookEndpointParams::new(model(json!({"status": "disabled"})));
    let disabled = hooks
        .update_webhook_endpoint(&endpoint.id, update)
        .await
        .unwrap();
    assert_eq!(disabled.status, WebhookEndpointStatus::Disabled);
    hooks.delete_webhook_endpoint(&endpoint.id).await.unwrap();
    assert!(
        hooks
            .delete_webhook_endpoint(&endpoint.id)
            .await
            .unwrap_err()
            .is_not_found()
    );

    // The SDK's auto-pagination walks the fake's cursors to the end, without repeats.
    for i in 0..12 {
        let body = json!({"endpoint_url": format!("https://example.com/h{i}"), "events": ["pipes.connected_account.connected"]});
        hooks
            .create_webhook_endpoint(CreateWebhookEndpointParams::new(model(body)))
            .await
            .unwrap();
    }
    let params = ListWebhookEndpointsParams {
        limit: Some(5),
        ..Default::default()
    };
    let all: Vec<_> = hooks
        .list_webhook_endpoints_auto_paging(params)
        .collect()
        .await;
    let mut ids: Vec<String> = all.into_iter().map(|e| e.unwrap().id).collect();
    assert_eq!(ids.len(), 12);
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 12);
}
