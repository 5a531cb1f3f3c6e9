//! The REST surface over real HTTP: status codes, errors, ids and shapes, every JSON
//! answer checked against the OpenAPI spec subset.

mod common;

use common::*;
use reqwest::Method;
use serde_json::{Value, json};

const INTEGRATIONS: &str = "/data-integrations";
const INTEGRATION: &str = "/data-integrations/{slug}";
const TOKEN: &str = "/data-integrations/{slug}/token";
const PROVIDERS: &str = "/user_management/users/{user_id}/data_providers";
const ACCOUNT: &str = "/user_management/users/{user_id}/connected_accounts/{slug}";
const ENDPOINTS: &str = "/webhook_endpoints";
const ENDPOINT: &str = "/webhook_endpoints/{id}";

#[tokio::test]
async fn health_needs_no_key_and_keys_are_checked_like_workos_doctor_does() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let health = api
        .http
        .get(format!("{}/health", api.base))
        .send()
        .await
        .unwrap();
    assert_eq!(health.status(), 200);

    let ok = api.get("/organizations", "/organizations?limit=1").await;
    assert_eq!(ok.status, 200);
    assert_eq!(ok.body["data"][0]["id"], ACME);
    assert!(
        ok.body["data"][0]["id"]
            .as_str()
            .unwrap()
            .starts_with("org_")
    );
    assert!(is_iso_millis(&ok.body["data"][0]["created_at"]));

    let unknown = api
        .with_key("sk_test_not_registered")
        .get("/organizations", "/organizations?limit=1")
        .await;
    assert_eq!(unknown.status, 401);
    assert_eq!(
        unknown.body["message"], "Unauthorized",
        "401 carries a JSON body"
    );
    let no_header = api
        .http
        .get(format!("{}/organizations", api.base))
        .send()
        .await
        .unwrap();
    assert_eq!(no_header.status(), 401);

    let forbidden = api
        .with_key(FORBIDDEN_KEY)
        .get("/organizations", "/organizations?limit=1")
        .await;
    assert_eq!(forbidden.status, 403);
    assert!(forbidden.body["message"].is_string());

    let bad_limit = api.get("/organizations", "/organizations?limit=0").await;
    assert_eq!(bad_limit.status, 422);
    assert_eq!(bad_limit.body["errors"][0]["field"], "limit");
}

#[tokio::test]
async fn each_key_sees_only_its_own_environment() {
    let fake = start_demo().await;
    let sandbox = Api::new(&fake, SANDBOX_KEY);
    let production = sandbox.with_key(PRODUCTION_KEY);
    let prod_orgs = production.get("/organizations", "/organizations").await;
    assert_ne!(prod_orgs.body["data"][0]["id"], ACME);
    let cross = production
        .get(
            PROVIDERS,
            &format!("/user_management/users/{ADA}/data_providers"),
        )
        .await;
    assert_eq!(cross.status, 404);
    let own = production
        .get(
            PROVIDERS,
            &format!("/user_management/users/{PROD_ADA}/data_providers"),
        )
        .await;
    assert_eq!(own.status, 200);
    // Production integrations all use custom credentials, so all are listed.
    let listed = production.get(INTEGRATIONS, INTEGRATIONS).await;
    assert_eq!(listed.body["data"].as_array().unwrap().len(), 4);
    let sandbox_listed = sandbox.get(INTEGRATIONS, INTEGRATIONS).await;
    let slugs: Vec<&str> = sandbox_listed.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["slug"].as_str().unwrap())
        .collect();
    assert_eq!(
        slugs,
        ["google-drive"],
        "shared-credential integrations are not listed"
    );
}

#[tokio::test]
async fn data_integrations_crud_with_validation() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let created = api
        .post(INTEGRATIONS, INTEGRATIONS, json!({
            "provider": "linear", "scopes": ["read"], "surprise": "ignored",
            "credentials": {"type": "custom", "client_id": "lin_client", "client_secret": "lin_secret_abcd"}
        }))
        .await;
    assert_eq!(created.status, 201);
    let body = &created.body;
    assert!(
        body["id"]
            .as_str()
            .unwrap()
            .starts_with("data_integration_")
    );
    let redirect = body["redirect_uri"].as_str().unwrap();
    let prefix = format!("{}/data-integrations/linear/dik_", fake.base_url());
    assert!(
        redirect.starts_with(&prefix) && redirect.ends_with("/callback"),
        "{redirect}"
    );
    assert_eq!(redirect.len(), prefix.len() + 26 + "/callback".len());
    assert_eq!(body["credentials"]["client_id"], "lin_client");
    assert_eq!(
        body["credentials"]["redacted_client_secret"],
        "••••••••abcd"
    );
    assert!(!String::from_utf8_lossy(&created.raw).contains("lin_secret_abcd"));

    let duplicate = api.post(INTEGRATIONS, INTEGRATIONS, json!({"provider": "linear", "credentials": {"type": "custom", "client_id": "a", "client_secret": "b"}})).await;
    assert_eq!(duplicate.status, 409);
    let missing = api
        .post(INTEGRATIONS, INTEGRATIONS, json!({"scopes": []}))
        .await;
    assert_eq!(missing.status, 422);
    assert_eq!(missing.body["errors"][0]["field"], "provider");
    let no_secret = api
        .post(
            INTEGRATIONS,
            INTEGRATIONS,
            json!({"provider": "asana", "credentials": {"type": "custom", "client_id": "a"}}),
        )
        .await;
    assert_eq!(no_secret.status, 422);
    assert_eq!(
        no_secret.body["errors"][0]["field"],
        "credentials.client_secret"
    );

    let got = api.get(INTEGRATION, "/data-integrations/linear").await;
    assert_eq!(got.body["redirect_uri"], redirect);
    let updated = api
        .call(
            Method::PUT,
            INTEGRATION,
            "/data-integrations/linear",
            Some(json!({"enabled": false, "scopes": null})),
        )
        .await;
    assert_eq!(updated.status, 200);
    assert_eq!(updated.body["enabled"], false);
    assert_eq!(updated.body["scopes"], Value::Null);
    assert_eq!(
        updated.body["credentials"]["redacted_client_secret"], "••••••••abcd",
        "secret kept"
    );
    let deleted = api
        .call(
            Method::DELETE,
            INTEGRATION,
            "/data-integrations/linear",
            None,
        )
        .await;
    assert_eq!(deleted.status, 204);
    assert_eq!(
        api.get(INTEGRATION, "/data-integrations/linear")
            .await
            .status,
        404
    );
    assert_eq!(
        api.call(
            Method::DELETE,
            INTEGRATION,
            "/data-integrations/linear",
            None
        )
        .await
        .status,
        404
    );

    let production = api.with_key(PRODUCTION_KEY);
    let shared_in_prod = production
        .post(INTEGRATIONS, INTEGRATIONS, json!({"provider": "asana"}))
        .await;
    assert_eq!(
        shared_in_prod.status, 422,
        "production needs custom credentials"
    );
}

#[tokio::test]
async fn token_answers_every_state() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let token = |slug: &str, user: &str| {
        let path = format!("/data-integrations/{slug}/token");
        let body = json!({ "user_id": user });
        let api = &api;
        async move { api.post(TOKEN, &path, body).await }
    };
    let active = token("github", ADA).await;
    assert_eq!(active.status, 200);
    assert_eq!(active.body["active"], true);
    let access = &active.body["access_token"];
    assert!(access["access_token"].as_str().unwrap().starts_with("gho_"));
    assert_eq!(
        access["expires_at"],
        Value::Null,
        "GitHub OAuth tokens do not expire"
    );
    assert_eq!(access["missing_scopes"], json!([]));

    let not_installed = token("slack", GRACE).await;
    assert_eq!(
        not_installed.body,
        json!({"active": false, "error": "not_installed"})
    );

    let admin = |body: Value| api.admin(Method::POST, "/token-state", Some(body));
    // Without `environment`, admin calls apply to the sandbox.
    let set =
        admin(json!({"user_id": ADA, "slug": "github", "state": "needs_reauthorization"})).await;
    assert_eq!(set.status(), 204);
    assert_eq!(
        token("github", ADA).await.body,
        json!({"active": false, "error": "needs_reauthorization"})
    );

    admin(json!({"environment": "sandbox", "user_id": GRACE, "slug": "slack", "state": "active", "missing_scopes": ["chat:write"]})).await;
    let partial = token("slack", GRACE).await;
    assert_eq!(partial.body["active"], true);
    assert_eq!(
        partial.body["access_token"]["missing_scopes"],
        json!(["chat:write"])
    );
    assert!(is_iso_millis(&partial.body["access_token"]["expires_at"]));

    admin(json!({"environment": "sandbox", "user_id": GRACE, "slug": "slack", "state": "not_installed"})).await;
    assert_eq!(token("slack", GRACE).await.body["error"], "not_installed");

    assert_eq!(token("salesforce", ADA).await.status, 404);
    let no_user = api
        .post(TOKEN, "/data-integrations/github/token", json!({}))
        .await;
    assert_eq!(no_user.status, 400);

    let api_key_integration = api
        .post(
            INTEGRATIONS,
            INTEGRATIONS,
            json!({"provider": "airtable", "auth_methods": ["api_key"]}),
        )
        .await;
    assert_eq!(api_key_integration.status, 201);
    let installed = api
        .call(
            Method::PUT,
            "/data-integrations/{slug}/api-key",
            "/data-integrations/airtable/api-key",
            Some(json!({"user_id": ADA, "secret": "key-1234567890wxyz"})),
        )
        .await;
    assert_eq!(installed.status, 200);
    assert_eq!(installed.body["api_key_last_4"], "wxyz");
    let mismatch = token("airtable", ADA).await;
    assert_eq!(mismatch.status, 422);
    assert_eq!(mismatch.body["code"], "auth_method_mismatch");
    let no_oauth = api
        .post(
            "/data-integrations/{slug}/authorize",
            "/data-integrations/airtable/authorize",
            json!({"user_id": ADA}),
        )
        .await;
    assert_eq!(
        no_oauth.status, 422,
        "API-key integrations have no consent flow"
    );
    assert_eq!(no_oauth.body["code"], "auth_method_mismatch");
    let credential = api
        .post(
            "/data-integrations/{slug}/credentials",
            "/data-integrations/airtable/credentials",
            json!({"user_id": ADA}),
        )
        .await;
    assert_eq!(credential.body["credential"]["value"], "key-1234567890wxyz");
}

#[tokio::test]
async fn data_providers_and_connected_accounts() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let providers = api
        .get(
            PROVIDERS,
            &format!("/user_management/users/{ADA}/data_providers"),
        )
        .await;
    let data = providers.body["data"].as_array().unwrap();
    assert_eq!(data.len(), 4);
    assert!(
        providers.body.get("list_metadata").is_none(),
        "not paginated"
    );
    let github = data.iter().find(|p| p["slug"] == "github").unwrap();
    assert_eq!(github["connected_account"]["state"], "connected");
    assert!(
        github["connected_account"]["id"]
            .as_str()
            .unwrap()
            .starts_with("data_installation_")
    );
    let drive = data.iter().find(|p| p["slug"] == "google-drive").unwrap();
    assert_eq!(drive["connected_account"]["state"], "needs_reauthorization");
    assert!(
        data.iter()
            .filter(|p| p["slug"] != "github" && p["slug"] != "google-drive")
            .all(|p| p["connected_account"].is_null())
    );
    assert_eq!(
        api.get(
            PROVIDERS,
            "/user_management/users/user_nobody/data_providers"
        )
        .await
        .status,
        404
    );
    let bad_org = api
        .get(
            PROVIDERS,
            &format!("/user_management/users/{ADA}/data_providers?organization_id=org_nope"),
        )
        .await;
    assert_eq!(bad_org.status, 404);

    let grace_slack = format!("/user_management/users/{GRACE}/connected_accounts/slack");
    assert_eq!(api.get(ACCOUNT, &grace_slack).await.status, 404);
    let created = api.post(ACCOUNT, &grace_slack, json!({"access_token": "xoxp-1", "refresh_token": "r", "scopes": ["channels:read"], "expires_at": "2030-01-01T00:00:00.000Z"})).await;
    assert_eq!(created.status, 201);
    assert_eq!(created.body["scopes"], json!(["channels:read"]));
    assert_eq!(
        api.post(ACCOUNT, &grace_slack, json!({"access_token": "xoxp-2"}))
            .await
            .status,
        409
    );
    let bad = api
        .post(
            ACCOUNT,
            &format!("/user_management/users/{GRACE}/connected_accounts/github"),
            json!({"refresh_token": "r"}),
        )
        .await;
    assert_eq!(bad.status, 422);
    let token = api
        .post(
            TOKEN,
            "/data-integrations/slack/token",
            json!({"user_id": GRACE}),
        )
        .await;
    assert_eq!(
        token.body["access_token"]["access_token"], "xoxp-1",
        "imported token is handed out"
    );
    assert_eq!(
        token.body["access_token"]["missing_scopes"],
        json!(["chat:write"])
    );

    let updated = api
        .call(
            Method::PUT,
            ACCOUNT,
            &grace_slack,
            Some(json!({"state": "needs_reauthorization"})),
        )
        .await;
    assert_eq!(updated.status, 200);
    assert_eq!(updated.body["state"], "needs_reauthorization");
    let deleted = api.call(Method::DELETE, ACCOUNT, &grace_slack, None).await;
    assert_eq!(deleted.status, 204);
    assert_eq!(api.get(ACCOUNT, &grace_slack).await.status, 404);

    let events = api.get("/events", "/events?events=pipes.connected_account.reauthorization_needed,pipes.connected_account.disconnected&order=asc").await;
    let future = api
        .get("/events", "/events?events=pipes.connected_account.reauthorization_needed,pipes.connected_account.disconnected&range_start=2999-01-01T00:00:00Z")
        .await;
    assert_eq!(future.body["data"], json!([]));
    let past = api
        .get(
            "/events",
            "/events?events=pipes.connected_account.reauthorization_needed,pipes.connected_account.disconnected&range_start=2000-01-01T00:00:00Z&range_end=2999-01-01T00:00:00%2B02:00",
        )
        .await;
    assert_eq!(past.body["data"].as_array().unwrap().len(), 2);
    let bad_range = api.get("/events", "/events?events=pipes.connected_account.reauthorization_needed,pipes.connected_account.disconnected&range_start=yesterday").await;
    assert_eq!(
        (
            bad_range.status.as_u16(),
            &bad_range.body["errors"][0]["field"]
        ),
        (422, &json!("range_start"))
    );
    let names: Vec<&str> = events.body["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "pipes.connected_account.reauthorization_needed",
            "pipes.connected_account.disconnected"
        ]
    );
    let data = &events.body["data"][1]["data"];
    assert_eq!(
        (data["provider_slug"].as_str(), data["user_id"].as_str()),
        (Some("slack"), Some(GRACE))
    );
    assert!(
        events.body["data"][0]["id"]
            .as_str()
            .unwrap()
            .starts_with("event_")
    );
}

#[tokio::test]
async fn webhook_endpoints_crud_and_errors() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let events = json!(["pipes.connected_account.connected"]);
    let created = api
        .post(
            ENDPOINTS,
            ENDPOINTS,
            json!({"endpoint_url": "https://example.com/hooks", "events": events}),
        )
        .await;
    assert_eq!(created.status, 201);
    assert!(created.body["id"].as_str().unwrap().starts_with("we_"));
    assert!(
        created.body["secret"]
            .as_str()
            .unwrap()
            .starts_with("whsec_")
    );
    assert_eq!(created.body["status"], "enabled");
    let duplicate = api
        .post(
            ENDPOINTS,
            ENDPOINTS,
            json!({"endpoint_url": "https://example.com/hooks", "events": events}),
        )
        .await;
    assert_eq!(
        (duplicate.status.as_u16(), duplicate.body["code"].as_str()),
        (409, Some("duplicate_endpoint"))
    );
    let bad_url = api
        .post(
            ENDPOINTS,
            ENDPOINTS,
            json!({"endpoint_url": "ftp://example.com", "events": events}),
        )
        .await;
    assert_eq!(
        (bad_url.status.as_u16(), bad_url.body["code"].as_str()),
        (422, Some("invalid_url"))
    );
    let plain_http = api
        .post(
            ENDPOINTS,
            ENDPOINTS,
            json!({"endpoint_url": "http://example.com/h", "events": events}),
        )
        .await;
    assert_eq!(plain_http.status, 422, "plain HTTP only to loopback");
    let bad_event = api.post(ENDPOINTS, ENDPOINTS, json!({"endpoint_url": "https://example.com/x", "events": ["pipe.connection.activated"]})).await;
    assert_eq!(bad_event.status, 422);
    assert_eq!(bad_event.body["errors"][0]["code"], "unknown_event_type");

    for i in 0..3 {
        let url = format!("http://127.0.0.1:9/hook{i}");
        assert_eq!(
            api.post(
                ENDPOINTS,
                ENDPOINTS,
                json!({"endpoint_url": url, "events": events})
            )
            .await
            .status,
            201
        );
    }
    let first = api.get(ENDPOINTS, "/webhook_endpoints?limit=2").await;
    assert_eq!(first.body["data"].as_array().unwrap().len(), 2);
    let after = first.body["list_metadata"]["after"]
        .as_str()
        .unwrap()
        .to_string();
    let second = api
        .get(
            ENDPOINTS,
            &format!("/webhook_endpoints?limit=2&after={after}"),
        )
        .await;
    assert_eq!(second.body["data"].as_array().unwrap().len(), 2);
    assert_eq!(second.body["list_metadata"]["after"], Value::Null);

    let id = created.body["id"].as_str().unwrap();
    let disabled = api
        .call(
            Method::PATCH,
            ENDPOINT,
            &format!("/webhook_endpoints/{id}"),
            Some(json!({"status": "disabled"})),
        )
        .await;
    assert_eq!(disabled.body["status"], "disabled");
    let missing = api
        .call(
            Method::PATCH,
            ENDPOINT,
            "/webhook_endpoints/we_missing",
            Some(json!({"status": "enabled"})),
        )
        .await;
    assert_eq!(
        (missing.status.as_u16(), missing.body["code"].as_str()),
        (404, Some("entity_not_found"))
    );
    assert_eq!(
        api.call(
            Method::DELETE,
            ENDPOINT,
            &format!("/webhook_endpoints/{id}"),
            None
        )
        .await
        .status,
        204
    );
    assert_eq!(
        api.call(
            Method::DELETE,
            ENDPOINT,
            &format!("/webhook_endpoints/{id}"),
            None
        )
        .await
        .status,
        404
    );
}

#[tokio::test]
async fn authorize_validates_and_returns_a_provider_url() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let path = "/data-integrations/{slug}/authorize";
    let ok = api
        .post(
            path,
            "/data-integrations/github/authorize",
            json!({"user_id": ADA, "return_to": "http://127.0.0.1:1/done"}),
        )
        .await;
    assert_eq!(ok.status, 200);
    let url = url::Url::parse(ok.body["url"].as_str().unwrap()).unwrap();
    let query: std::collections::HashMap<_, _> = url.query_pairs().into_owned().collect();
    assert!(query["redirect_uri"].contains("/data-integrations/github/dik_"));
    assert_eq!(query["scope"], "repo read:user");
    assert_eq!(
        api.post(
            path,
            "/data-integrations/github/authorize",
            json!({"user_id": "user_x"})
        )
        .await
        .status,
        404
    );
    assert_eq!(
        api.post(
            path,
            "/data-integrations/github/authorize",
            json!({"return_to": "x"})
        )
        .await
        .status,
        400
    );
    assert_eq!(
        api.post(
            path,
            "/data-integrations/nope/authorize",
            json!({"user_id": ADA})
        )
        .await
        .status,
        404
    );
}

#[tokio::test]
async fn every_response_carries_a_request_id_and_unknown_routes_404() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let response = api
        .http
        .get(format!("{}/nope", api.base))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
    let id = response.headers()["x-request-id"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(id.starts_with("req_"));
    let again = api
        .http
        .get(format!("{}/health", api.base))
        .send()
        .await
        .unwrap();
    assert_ne!(again.headers()["x-request-id"].to_str().unwrap(), id);
}

#[test]
fn the_spec_check_rejects_wrong_shapes_and_tolerates_omitted_camel_case_twins() {
    let check = |template: &'static str, status: u16, body: &'static str| {
        let body: Value = serde_json::from_str(body).unwrap();
        spec().judge("GET", template, status, Some(&body)).is_ok()
    };
    assert!(
        !check("/organizations", 200, r#"{"object":"list","data":[]}"#),
        "list_metadata missing"
    );
    assert!(!check(INTEGRATION, 200, r#"{"object":"data_integration"}"#));
    assert!(
        !check(
            "/events",
            200,
            r#"{"object":"list","data":[{"object":"event","id":"e","event":"pipes.connected_account.connected","data":{},"created_at":"2024-01-16T14:20:00.000Z"}],"list_metadata":{"after":null}}"#
        ),
        "pipes event data checked"
    );
    let provider = r#"{"object":"list","data":[{"object":"data_provider","id":"i","name":"GitHub","description":null,"slug":"github","integration_type":"github","credentials_type":"shared","scopes":null,"ownership":"userland_user","created_at":"2024-01-16T14:20:00.000Z","updated_at":"2024-01-16T14:20:00.000Z","connected_account":null}]}"#;
    assert!(
        check(PROVIDERS, 200, provider),
        "camelCase twins may be omitted"
    );
}

#[tokio::test]
async fn organization_credentials_are_configured_per_organization() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let created = api
        .post(
            INTEGRATIONS,
            INTEGRATIONS,
            json!({"provider": "salesforce", "credentials": {"type": "organization"}}),
        )
        .await;
    assert_eq!(created.status, 201);
    assert_eq!(created.body["credentials"]["type"], "organization");

    let configs = "/organizations/{organizationId}/data_integration_configurations";
    let config = "/organizations/{organizationId}/data_integration_configurations/{slug}";
    let listed = api
        .get(
            configs,
            &format!("/organizations/{ACME}/data_integration_configurations"),
        )
        .await;
    assert_eq!(listed.status, 200);
    let data = listed.body["data"].as_array().unwrap();
    let slugs: Vec<&str> = data.iter().map(|c| c["slug"].as_str().unwrap()).collect();
    assert_eq!(
        slugs,
        ["github", "slack", "google-drive", "notion", "salesforce"],
        "every provider available to the organization, each once"
    );
    let salesforce = &data[4];
    assert_eq!(salesforce["credentials"]["has_credentials"], false);
    assert!(
        data[0].get("credentials").is_none(),
        "shared: no credentials object"
    );
    assert_eq!(
        api.get(
            configs,
            "/organizations/org_nope/data_integration_configurations"
        )
        .await
        .status,
        404
    );

    let authorize = "/data-integrations/{slug}/authorize";
    let with_org = json!({"user_id": ADA, "organization_id": ACME});
    let unconfigured = api
        .post(
            authorize,
            "/data-integrations/salesforce/authorize",
            with_org.clone(),
        )
        .await;
    assert_eq!(unconfigured.status, 422, "no credentials yet");
    assert_eq!(
        unconfigured.body["code"],
        "client_credentials_not_configured"
    );

    let path = format!("/organizations/{ACME}/data_integration_configurations/salesforce");
    let set = api
        .call(
            Method::PUT,
            config,
            &path,
            Some(json!({"client_id": "acme_sf_client", "client_secret": "acme_sf_secret_7777"})),
        )
        .await;
    assert_eq!(set.status, 200);
    assert_eq!(set.body["id"], salesforce["id"], "same configuration");
    assert_eq!(set.body["credentials"]["has_credentials"], true);
    assert_eq!(set.body["credentials"]["client_secret_last_four"], "7777");
    assert!(!String::from_utf8_lossy(&set.raw).contains("acme_sf_secret_7777"));

    let url = api
        .post(
            authorize,
            "/data-integrations/salesforce/authorize",
            with_org,
        )
        .await;
    assert!(
        url.body["url"]
            .as_str()
            .unwrap()
            .contains("client_id=acme_sf_client")
    );
    let without_org = api
        .post(
            authorize,
            "/data-integrations/salesforce/authorize",
            json!({"user_id": ADA}),
        )
        .await;
    assert_eq!(without_org.status, 422);
    assert_eq!(without_org.body["errors"][0]["field"], "organization_id");
    let custom = format!("/organizations/{ACME}/data_integration_configurations/google-drive");
    assert_eq!(
        api.call(Method::PUT, config, &custom, Some(json!({"enabled": true})))
            .await
            .status,
        422
    );
}

#[tokio::test]
async fn organizations_can_be_created() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let body = json!({"name": "Globex", "domains": ["globex.example"], "external_id": "gx-1", "metadata": {"tier": "gold"}});
    let created = api.post("/organizations", "/organizations", body).await;
    assert_eq!(created.status, 201);
    assert!(created.body["id"].as_str().unwrap().starts_with("org_"));
    assert_eq!(created.body["domains"][0]["domain"], "globex.example");
    assert_eq!(created.body["metadata"]["tier"], "gold");
    let listed = api.get("/organizations", "/organizations?order=asc").await;
    assert_eq!(listed.body["data"][1]["name"], "Globex");

    let external = api
        .post(
            "/organizations",
            "/organizations",
            json!({"name": "G2", "external_id": "gx-1"}),
        )
        .await;
    assert_eq!(
        (external.status.as_u16(), external.body["code"].as_str()),
        (400, Some("external_id_already_used"))
    );
    let domain = api
        .post(
            "/organizations",
            "/organizations",
            json!({"name": "G3", "domains": ["GLOBEX.example"]}),
        )
        .await;
    assert_eq!(domain.status, 409);
    let nameless = api
        .post("/organizations", "/organizations", json!({"domains": []}))
        .await;
    assert_eq!(nameless.status, 422);
    let long_key = "k".repeat(41);
    let metadata = api
        .post(
            "/organizations",
            "/organizations",
            json!({"name": "G4", "metadata": {long_key: "v"}}),
        )
        .await;
    assert_eq!(
        (metadata.status.as_u16(), metadata.body["code"].as_str()),
        (400, Some("invalid_metadata"))
    );
}
