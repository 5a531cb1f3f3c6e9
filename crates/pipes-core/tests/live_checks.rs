//! Live checks over real HTTP against fake-workos, through the official `workos` crate.

use std::time::{Duration, Instant};

use fake_workos::{Config, FakeWorkos, Fault, KeyBehaviour, RunningFake};
use pipes_core::Severity;
use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::workos::{Confirmation, WorkosConnection, check_health, check_key};

const SANDBOX_KEY: &str = "sk_test_demo_0000000000000000000000000000fake";

async fn demo() -> RunningFake {
    FakeWorkos::start(Config::demo()).await.unwrap()
}

fn key(value: &str) -> Sensitive<String> {
    Sensitive::new(value.to_string())
}

#[tokio::test]
async fn a_reachable_api_passes_with_its_latency() {
    let fake = demo().await;
    let finding = check_health(&WorkosConnection::new(fake.base_url(), &key(SANDBOX_KEY))).await;
    assert_eq!(finding.code, "LIVE_HEALTH_OK");
    assert!(finding.details.unwrap()["latency_ms"].as_u64().unwrap() < 5_000);
}

#[tokio::test]
async fn a_valid_key_passes_and_shows_only_its_fingerprint() {
    let fake = demo().await;
    let finding = check_key(&WorkosConnection::new(fake.base_url(), &key(SANDBOX_KEY))).await;
    assert_eq!(finding.code, "LIVE_KEY_VALID", "{finding:?}");
    assert!(finding.message.contains("sk_test_…fake"));
    assert!(
        !serde_json::to_string(&finding)
            .unwrap()
            .contains(SANDBOX_KEY)
    );
}

#[tokio::test]
async fn an_unknown_key_is_invalid() {
    let fake = demo().await;
    let finding = check_key(&WorkosConnection::new(
        fake.base_url(),
        &key("sk_test_not_registered_1234"),
    ))
    .await;
    assert_eq!(finding.code, "LIVE_KEY_INVALID");
    assert_eq!(finding.severity, Severity::Error);
    assert!(!finding.message.contains("sk_test_not_registered"));
}

#[tokio::test]
async fn a_key_without_permission_is_forbidden() {
    let fake = demo().await;
    fake.state().register_key(
        "sk_test_readonly_abcdefgh",
        "sandbox",
        KeyBehaviour::Forbidden,
    );
    let finding = check_key(&WorkosConnection::new(
        fake.base_url(),
        &key("sk_test_readonly_abcdefgh"),
    ))
    .await;
    assert_eq!(finding.code, "LIVE_KEY_FORBIDDEN");
}

#[tokio::test]
async fn a_429_is_rate_limited_with_the_wait_it_asks_for() {
    let fake = demo().await;
    fake.state().add_fault(Fault {
        path: "/organizations".into(),
        status: Some(429),
        retry_after: Some(7),
        ..Default::default()
    });
    let finding = check_key(&WorkosConnection::new(fake.base_url(), &key(SANDBOX_KEY))).await;
    assert_eq!(finding.code, "LIVE_RATE_LIMITED");
    assert!(finding.message.contains("wait 7 s"), "{}", finding.message);
}

#[tokio::test]
async fn a_500_is_a_server_error() {
    let fake = demo().await;
    fake.state().add_fault(Fault {
        path: "/health".into(),
        status: Some(500),
        ..Default::default()
    });
    let finding = check_health(&WorkosConnection::new(fake.base_url(), &key(SANDBOX_KEY))).await;
    assert_eq!(finding.code, "LIVE_SERVER_ERROR");
}

#[tokio::test]
async fn a_hung_server_times_out_instead_of_hanging() {
    let fake = demo().await;
    fake.state().add_fault(Fault {
        path: "/organizations".into(),
        hang: true,
        ..Default::default()
    });
    let connection = WorkosConnection::with_timeout(
        fake.base_url(),
        &key(SANDBOX_KEY),
        Duration::from_millis(300),
    );
    let started = Instant::now();
    let finding = check_key(&connection).await;
    assert_eq!(finding.code, "LIVE_TIMEOUT");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn nothing_listening_is_a_refused_connection() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let connection = WorkosConnection::new(&format!("http://127.0.0.1:{port}"), &key(SANDBOX_KEY));
    assert_eq!(check_health(&connection).await.code, "LIVE_NETWORK_DOWN");
    assert_eq!(check_key(&connection).await.code, "LIVE_NETWORK_DOWN");
}

#[tokio::test]
async fn https_to_a_plain_http_server_is_a_tls_error() {
    let fake = demo().await;
    let https = fake.base_url().replace("http://", "https://");
    let finding = check_key(&WorkosConnection::new(&https, &key(SANDBOX_KEY))).await;
    assert_eq!(finding.code, "LIVE_TLS_ERROR", "{finding:?}");
}

#[tokio::test]
async fn an_unresolvable_host_is_a_dns_failure() {
    let connection = WorkosConnection::with_timeout(
        "http://pipes-setup-test.invalid",
        &key(SANDBOX_KEY),
        Duration::from_secs(5),
    );
    let finding = check_health(&connection).await;
    assert_eq!(finding.code, "LIVE_DNS_FAILED", "{finding:?}");
}

const PRODUCTION_KEY: &str = "sk_live_demo_0000000000000000000000000000fake";

async fn organization_names(connection: &WorkosConnection) -> Vec<String> {
    let page = connection
        .sdk()
        .organizations()
        .list_organizations(workos::organizations::ListOrganizationsParams::default())
        .await
        .unwrap();
    page.data.into_iter().map(|o| o.name).collect()
}

#[allow(deprecated)] // OrganizationInput has a deprecated field, `domains`, left empty here.
fn organization(name: &str) -> workos::organizations::CreateOrganizationParams {
    workos::organizations::CreateOrganizationParams::new(workos::models::OrganizationInput {
        name: name.into(),
        allow_profiles_outside_organization: None,
        domains: None,
        domain_data: None,
        metadata: None,
        external_id: None,
    })
}

#[tokio::test]
async fn production_changes_wait_for_a_yes_and_then_reach_workos() {
    let fake = demo().await;
    let production = WorkosConnection::new(fake.base_url(), &key(PRODUCTION_KEY));
    let before = organization_names(&production).await;

    let refused = production.for_change(
        "create the organization Pipes Check",
        Confirmation::NotAsked,
    );
    assert_eq!(
        refused.err().map(|e| e.code).as_deref(),
        Some("PRODUCTION_CHANGE_NEEDS_CONFIRMATION")
    );
    assert_eq!(
        organization_names(&production).await,
        before,
        "nothing was sent"
    );

    production
        .for_change(
            "create the organization Pipes Check",
            Confirmation::Confirmed,
        )
        .unwrap()
        .organizations()
        .create_organization(organization("Pipes Check"))
        .await
        .unwrap();
    let after = organization_names(&production).await;
    assert!(after.contains(&"Pipes Check".to_string()), "{after:?}");
}

#[tokio::test]
async fn sandbox_changes_go_ahead_without_asking() {
    let fake = demo().await;
    let sandbox = WorkosConnection::new(fake.base_url(), &key(SANDBOX_KEY));
    sandbox
        .for_change(
            "create the organization Sandbox Check",
            Confirmation::NotAsked,
        )
        .unwrap()
        .organizations()
        .create_organization(organization("Sandbox Check"))
        .await
        .unwrap();
    assert!(
        organization_names(&sandbox)
            .await
            .contains(&"Sandbox Check".to_string())
    );
}
