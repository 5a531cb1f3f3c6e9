//! The consent flow end to end, as a browser walks it: authorize URL → provider consent
//! page → Allow/Deny → WorkOS callback → `return_to`, over real HTTP with redirects
//! followed.

mod common;

use std::collections::HashMap;

use common::*;
use reqwest::Method;
use serde_json::{Value, json};

/// A browser: follows redirects, submits plain HTML forms.
fn browser() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::limited(10))
        .build()
        .unwrap()
}

async fn authorize(api: &Api, slug: &str, user: &str, return_to: &str) -> String {
    let reply = api
        .post(
            "/data-integrations/{slug}/authorize",
            &format!("/data-integrations/{slug}/authorize"),
            json!({"user_id": user, "return_to": return_to}),
        )
        .await;
    assert_eq!(reply.status, 200);
    reply.body["url"].as_str().unwrap().to_string()
}

/// The value of `name="…" value="…"` in the consent form.
fn hidden_value(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html.find(&marker).expect("hidden field") + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}

fn form_action(html: &str) -> String {
    let start = html.find("action=\"").expect("form action") + "action=\"".len();
    html[start..].split('"').next().unwrap().to_string()
}

async fn open_consent(url: &str) -> (String, String) {
    let page = browser().get(url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    (form_action(&html), html)
}

async fn decide(
    fake: &fake_workos::RunningFake,
    action: &str,
    html: &str,
    decision: &str,
) -> reqwest::Response {
    let state = hidden_value(html, "state");
    browser()
        .post(format!("{}{}", fake.base_url(), action))
        .form(&[("state", state.as_str()), ("decision", decision)])
        .send()
        .await
        .unwrap()
}

fn query_of(response: &reqwest::Response) -> HashMap<String, String> {
    response.url().query_pairs().into_owned().collect()
}

#[tokio::test]
async fn allow_connects_the_account_and_returns_to_the_app() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let return_to = format!("{}/health?step=connected", fake.base_url());
    let url = authorize(&api, "github", GRACE, &return_to).await;
    let (action, html) = open_consent(&url).await;
    assert!(
        html.contains("<h1>Allow GitHub access for grace@acme.example</h1>"),
        "{html}"
    );
    assert!(html.contains("<code>repo</code>") && html.contains("value=\"deny\""));

    let landed = decide(&fake, &action, &html, "allow").await;
    assert_eq!(landed.status(), 200);
    assert_eq!(
        landed.url().as_str(),
        return_to,
        "back at return_to, unchanged"
    );

    let account = api
        .get(
            "/user_management/users/{user_id}/connected_accounts/{slug}",
            &format!("/user_management/users/{GRACE}/connected_accounts/github"),
        )
        .await;
    assert_eq!(account.status, 200);
    assert_eq!(account.body["state"], "connected");
    assert_eq!(account.body["scopes"], json!(["repo", "read:user"]));
    let token = api
        .post(
            "/data-integrations/{slug}/token",
            "/data-integrations/github/token",
            json!({"user_id": GRACE}),
        )
        .await;
    assert_eq!(token.body["active"], true);

    let events = fake.state().events("sandbox");
    let names: Vec<&str> = events.iter().map(|e| e.event.as_str()).collect();
    assert_eq!(
        names,
        [
            "pipes.connected_account.connected",
            "pipes.account_connection.connected"
        ],
        "the compatibility connection is in both event families"
    );
    assert_eq!(events[0].data, events[1].data);
    let data = &events[0].data;
    for (field, expected) in [
        ("provider_slug", json!("github")),
        (
            "data_integration_id",
            json!("data_integration_01JDEM0SBGITHUB00000000000"),
        ),
        ("user_id", json!(GRACE)),
        ("organization_id", Value::Null),
        ("scopes", json!(["repo", "read:user"])),
        ("state", json!("connected")),
    ] {
        assert_eq!(data[field], expected, "{field}");
    }

    // The authorization is single-use: replaying the consent form fails.
    let replay = decide(&fake, &action, &html, "allow").await;
    assert_eq!(replay.status(), 400);
}

#[tokio::test]
async fn deny_returns_an_error_and_records_connection_failed() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let return_to = format!("{}/health", fake.base_url());
    let url = authorize(&api, "slack", ADA, &return_to).await;
    let (action, html) = open_consent(&url).await;
    let landed = decide(&fake, &action, &html, "deny").await;
    assert_eq!(landed.status(), 200);
    let query = query_of(&landed);
    assert_eq!(
        query.get("error").map(String::as_str),
        Some("access_denied")
    );
    assert!(landed.url().as_str().starts_with(&return_to));

    assert!(
        fake.state()
            .connected_accounts("sandbox")
            .iter()
            .all(|a| a.slug != "slack")
    );
    let events = api
        .get(
            "/events",
            "/events?events=pipes.connected_account.connection_failed",
        )
        .await;
    let data = &events.body["data"][0]["data"];
    assert_eq!(data["provider_error"], "access_denied");
    assert_eq!(data["provider_slug"], "slack");
    assert_eq!(data["user_id"], ADA);
    assert!(data["error_code"].is_string() && data["error_reason"].is_string());
    assert!(data["provider_error_description"].is_string());
}

#[tokio::test]
async fn redirect_uri_mismatch_stops_at_the_provider() {
    let fake = start_demo().await;
    let production = Api::new(&fake, PRODUCTION_KEY);
    // The demo's production Notion app was registered with the old guide's fixed URI.
    let url = authorize(
        &production,
        "notion",
        PROD_ADA,
        &format!("{}/health", fake.base_url()),
    )
    .await;
    let page = browser().get(&url).send().await.unwrap();
    assert_eq!(page.status(), 400);
    let html = page.text().await.unwrap();
    assert!(html.contains("redirect_uri_mismatch"));
    assert!(html.contains("https://api.workos.com/sso/oauth/redirect"));
    let integration = production
        .get("/data-integrations/{slug}", "/data-integrations/notion")
        .await;
    assert!(
        html.contains(integration.body["redirect_uri"].as_str().unwrap()),
        "both URIs shown side by side"
    );
    assert!(!html.contains("<form"), "no way to consent");
    assert!(fake.state().connected_accounts("production").is_empty());
    assert!(fake.state().events("production").is_empty());

    // Google-style wording for Google providers; set the mismatch through the admin API.
    let sandbox = Api::new(&fake, SANDBOX_KEY);
    let set = sandbox
        .admin(Method::PUT, "/provider-redirect-uri", Some(json!({"environment": "sandbox", "slug": "google-drive", "uri": "http://localhost:3000/callback"})))
        .await;
    assert_eq!(set.status(), 204);
    let url = authorize(
        &sandbox,
        "google-drive",
        ADA,
        &format!("{}/health", fake.base_url()),
    )
    .await;
    let html = browser()
        .get(&url)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(html.contains("Error 400: redirect_uri_mismatch"));

    // Fixing the provider side (registering the integration's URI) lets the flow through.
    fake.state()
        .set_provider_redirect_uri("production", "notion", None)
        .unwrap();
    let url = authorize(
        &production,
        "notion",
        PROD_ADA,
        &format!("{}/health", fake.base_url()),
    )
    .await;
    let (action, html) = open_consent(&url).await;
    assert_eq!(decide(&fake, &action, &html, "allow").await.status(), 200);
    assert_eq!(fake.state().connected_accounts("production").len(), 1);
}

#[tokio::test]
async fn without_return_to_the_flow_ends_on_a_closing_page() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let reply = api
        .post(
            "/data-integrations/{slug}/authorize",
            "/data-integrations/notion/authorize",
            json!({"user_id": ADA}),
        )
        .await;
    let (action, html) = open_consent(reply.body["url"].as_str().unwrap()).await;
    assert!(
        html.contains("default permissions"),
        "Notion has provider-default scopes"
    );
    let landed = decide(&fake, &action, &html, "allow").await;
    assert!(landed.text().await.unwrap().contains("Notion connected"));
}
