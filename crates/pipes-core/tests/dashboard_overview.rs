//! Step 3's overview over real HTTP against fake-workos.

use fake_workos::{Config, FakeWorkos, Fault, RunningFake};
use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::steps::dashboard::overview;
use pipes_core::workos::WorkosConnection;
use pipes_core::workos::key::KeyEnvironment;

const SANDBOX_KEY: &str = "sk_test_demo_0000000000000000000000000000fake";
const PRODUCTION_KEY: &str = "sk_live_demo_0000000000000000000000000000fake";
const ADA: &str = "user_01JDEM0ADA0000000000000000";

async fn demo() -> RunningFake {
    FakeWorkos::start(Config::demo()).await.unwrap()
}

fn connect(fake: &RunningFake, key: &str) -> WorkosConnection {
    WorkosConnection::new(fake.base_url(), &Sensitive::new(key.to_string()))
}

fn codes(findings: &[pipes_core::Finding]) -> Vec<&str> {
    findings.iter().map(|f| f.code.as_str()).collect()
}

#[tokio::test]
async fn the_sandbox_shows_each_root_with_its_own_redirect_uri_and_catalog() {
    let fake = demo().await;
    let connection = connect(&fake, SANDBOX_KEY);
    let listed = overview::load(&connection, Some(KeyEnvironment::Sandbox), None).await;
    assert!(listed.management_api, "{:?}", listed.findings);
    let slugs: Vec<&str> = listed
        .integrations
        .iter()
        .map(|i| i.slug.as_str())
        .collect();
    assert_eq!(
        slugs,
        ["google-drive"],
        "the list leaves WorkOS's shared integrations out"
    );
    let drive = &listed.integrations[0];
    assert_eq!(drive.credentials_type, "custom");
    assert!(
        drive.redirect_uri.starts_with(fake.base_url()),
        "{}",
        drive.redirect_uri
    );
    assert!(
        drive.redirect_uri.contains("/google-drive/"),
        "{}",
        drive.redirect_uri
    );
    assert_eq!(drive.catalog.as_ref().unwrap().id, "google");
    assert!(drive.findings.is_empty(), "{:?}", drive.findings);

    let with_user = overview::load(&connection, Some(KeyEnvironment::Sandbox), Some(ADA)).await;
    let github = with_user
        .integrations
        .iter()
        .find(|i| i.slug == "github")
        .unwrap();
    assert_eq!(github.credentials_type, "shared");
    assert_eq!(github.ownership, "user");
    assert_eq!(github.catalog.as_ref().unwrap().id, "github");
    assert_eq!(codes(&github.findings), ["INTEGRATION_SHARED_APP"]);
    assert!(with_user.integrations.iter().any(|i| i.slug == "notion"));
}

#[tokio::test]
async fn a_feature_flag_off_points_to_the_dashboard() {
    let fake = demo().await;
    fake.state().add_fault(Fault {
        path: "/data-integrations".into(),
        feature_flag_off: true,
        ..Default::default()
    });
    let view = overview::load(
        &connect(&fake, SANDBOX_KEY),
        Some(KeyEnvironment::Sandbox),
        None,
    )
    .await;
    assert!(!view.management_api);
    assert_eq!(codes(&view.findings), ["MANAGEMENT_API_UNAVAILABLE"]);
    assert_eq!(view.catalog.len(), 9, "the catalog still guides");
}

#[tokio::test]
async fn a_dead_network_is_an_error_not_a_hang() {
    let dead = WorkosConnection::new(
        "http://127.0.0.1:9",
        &Sensitive::new(SANDBOX_KEY.to_string()),
    );
    let view = overview::load(&dead, Some(KeyEnvironment::Sandbox), None).await;
    assert_eq!(codes(&view.findings), ["INTEGRATIONS_UNREADABLE"]);
}

#[tokio::test]
async fn production_with_custom_credentials_has_no_credentials_error() {
    let fake = demo().await;
    let view = overview::load(
        &connect(&fake, PRODUCTION_KEY),
        Some(KeyEnvironment::Production),
        None,
    )
    .await;
    assert!(view.integrations.len() >= 4, "{:?}", view.integrations);
    assert!(
        view.integrations
            .iter()
            .all(|i| i.credentials_type == "custom")
    );
    assert!(
        view.integrations
            .iter()
            .all(|i| !codes(&i.findings).contains(&"PRODUCTION_SHARED_CREDENTIALS"))
    );
}
