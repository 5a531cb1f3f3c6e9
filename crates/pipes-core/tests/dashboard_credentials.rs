//! Custom credentials set from the app, over real HTTP against fake-workos.

use fake_workos::{Config, FakeWorkos, Fault, RunningFake};
use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::steps::dashboard::credentials::{CredentialsChange, CredentialsInput};
use pipes_core::steps::dashboard::overview;
use pipes_core::workos::target::WorkosTarget;

const SANDBOX_KEY: &str = "sk_test_demo_0000000000000000000000000000fake";
const PRODUCTION_KEY: &str = "sk_live_demo_0000000000000000000000000000fake";
const SECRET: &str = "github-oauth-secret-9f8e7d6c5b4a";

async fn demo() -> RunningFake {
    FakeWorkos::start(Config::demo()).await.unwrap()
}

fn target(fake: &RunningFake, key: &str) -> WorkosTarget {
    WorkosTarget::profile(
        "shop-sandbox",
        fake.base_url(),
        Sensitive::new(key.to_string()),
    )
}

fn github(secret: &str) -> CredentialsInput {
    CredentialsInput {
        slug: "github".into(),
        client_id: "Iv1.0123456789abcdef".into(),
        client_secret: Sensitive::new(secret.to_string()),
        scopes: Some(vec!["repo".into(), "read:org".into()]),
    }
}

#[tokio::test]
async fn a_shared_integration_gets_the_users_own_app_and_the_secret_is_never_shown() {
    let fake = demo().await;
    let sandbox = target(&fake, SANDBOX_KEY);
    let (change, view) = CredentialsChange::prepare(github(SECRET), &sandbox).unwrap();
    assert_eq!(view.secret_ends_with, "5b4a");
    assert!(!view.needs_confirmation);
    assert!(!serde_json::to_string(&view).unwrap().contains(SECRET));
    change.apply(&sandbox).await.unwrap();
    let after = overview::load(&sandbox.connection(), None, None).await;
    let github = after
        .integrations
        .iter()
        .find(|i| i.slug == "github")
        .expect("now listed");
    assert_eq!(github.credentials_type, "custom");
    assert_eq!(github.scopes, ["repo", "read:org"]);
    assert!(!format!("{after:?}").contains(SECRET));
}

#[tokio::test]
async fn a_production_key_is_asked_first_and_another_workos_is_refused() {
    let fake = demo().await;
    let production = target(&fake, PRODUCTION_KEY);
    let (change, view) = CredentialsChange::prepare(github(SECRET), &production).unwrap();
    assert!(view.needs_confirmation);
    assert!(view.question.contains("production"), "{}", view.question);
    let other = WorkosTarget::profile(
        "other-project",
        fake.base_url(),
        Sensitive::new(PRODUCTION_KEY.into()),
    );
    let refused = change.apply(&other).await.unwrap_err();
    assert_eq!(refused.code, "TARGET_CHANGED");
}

#[tokio::test]
async fn bad_values_are_refused_before_anything_is_sent() {
    let fake = demo().await;
    let sandbox = target(&fake, SANDBOX_KEY);
    for secret in ["", " padded-secret-value ", "line\nbreak-secret"] {
        let error = CredentialsChange::prepare(github(secret), &sandbox)
            .err()
            .expect(secret);
        assert_eq!(error.code, "CREDENTIALS_VALUE_INVALID");
    }
    let (_, short) = CredentialsChange::prepare(github("short-sec"), &sandbox).unwrap();
    assert_eq!(
        short.secret_ends_with, "",
        "a short secret shows none of itself"
    );
    let spaced = CredentialsInput {
        scopes: Some(vec!["repo read:org".into()]),
        ..github(SECRET)
    };
    assert_eq!(
        CredentialsChange::prepare(spaced, &sandbox)
            .err()
            .unwrap()
            .code,
        "CREDENTIALS_SCOPES_INVALID"
    );
}

#[tokio::test]
async fn the_management_api_off_points_to_the_dashboard() {
    let fake = demo().await;
    fake.state().add_fault(Fault {
        path: "/data-integrations/*".into(),
        feature_flag_off: true,
        ..Default::default()
    });
    let sandbox = target(&fake, SANDBOX_KEY);
    let (change, _) = CredentialsChange::prepare(github(SECRET), &sandbox).unwrap();
    let error = change.apply(&sandbox).await.unwrap_err();
    assert_eq!(error.code, "MANAGEMENT_API_UNAVAILABLE");
    assert!(
        error.message.contains("Pipes → github → Credentials"),
        "{}",
        error.message
    );
    assert!(!error.message.contains(SECRET));
}
