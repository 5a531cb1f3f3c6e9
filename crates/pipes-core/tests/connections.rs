//! Step 5 over real HTTP against fake-workos: one user's connections (several per provider),
//! renamed, probed and disconnected one by one, by id, through the official crate.

use fake_workos::{Config, FakeWorkos, KeyBehaviour, RunningFake};
use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::steps::connections::{
    self, ConnectionChange, ConnectionChangeKind, ConnectionTarget, TokenStatus,
};
use pipes_core::workos::target::WorkosTarget;

const SANDBOX_KEY: &str = "sk_test_demo_0000000000000000000000000000fake";
const PRODUCTION_KEY: &str = "sk_live_demo_0000000000000000000000000000fake";
const ADA: &str = "user_01JDEM0ADA0000000000000000";
const GRACE: &str = "user_01JDEM0GRACE00000000000000";
const ACME: &str = "org_01JDEM0ACME000000000000000";
const ADA_WORK: &str = "data_installation_01JDEM0ADAGITHUB0000000000";
const ADA_PERSONAL: &str = "data_installation_01JDEM0ADAGITHUB2000000000";

async fn demo() -> RunningFake {
    FakeWorkos::start(Config::demo()).await.unwrap()
}

fn target(fake: &RunningFake, key: &str) -> WorkosTarget {
    WorkosTarget::profile("test", fake.base_url(), Sensitive::new(key.to_string()))
}

fn ada_github(account_id: &str) -> ConnectionTarget {
    ConnectionTarget {
        slug: "github".into(),
        user_id: ADA.into(),
        organization_id: None,
        account_id: account_id.into(),
    }
}

async fn github_accounts(target: &WorkosTarget) -> Vec<connections::AccountView> {
    let overview = connections::load(&target.connection(), ADA, None)
        .await
        .unwrap();
    overview
        .providers
        .into_iter()
        .find(|p| p.slug == "github")
        .map(|p| p.accounts)
        .unwrap_or_default()
}

#[tokio::test]
async fn both_github_connections_of_one_user_are_listed_with_their_roles() {
    let fake = demo().await;
    let accounts = github_accounts(&target(&fake, SANDBOX_KEY)).await;
    let by_id = |id: &str| accounts.iter().find(|a| a.id == id).unwrap();
    assert_eq!(accounts.len(), 2);
    assert_eq!(by_id(ADA_WORK).role.as_deref(), Some("compatibility"));
    assert_eq!(by_id(ADA_WORK).display_name.as_deref(), Some("Ada (work)"));
    assert_eq!(by_id(ADA_PERSONAL).role.as_deref(), Some("standard"));
    assert_eq!(
        by_id(ADA_PERSONAL).account_identifier.as_deref(),
        Some("ada-lovelace")
    );
    assert!(by_id(ADA_PERSONAL).state_words.starts_with("Connected"));
    assert!(
        by_id(ADA_WORK)
            .role_words
            .as_deref()
            .unwrap()
            .contains("without a connected_account_id")
    );
}

#[tokio::test]
async fn a_connection_that_needs_reauthorization_is_a_finding_that_says_what_to_do() {
    let fake = demo().await;
    let target = target(&fake, SANDBOX_KEY);
    let overview = connections::load(&target.connection(), GRACE, Some(ACME))
        .await
        .unwrap();
    let finding = overview
        .findings
        .iter()
        .find(|f| f.code == "CONNECTION_NEEDS_REAUTHORIZATION")
        .expect("Grace's Notion needs reauthorization");
    assert!(finding.title.contains("Notion · Acme wiki"), "{finding:?}");
    assert!(
        finding
            .remediation
            .as_deref()
            .unwrap()
            .contains("keeps its id")
    );
    let probe = connections::probe(
        &target.connection(),
        "notion",
        GRACE,
        Some("data_installation_01JDEM0GRACEN0TI0N00000000"),
    )
    .await
    .unwrap();
    assert_eq!(probe.status, TokenStatus::NeedsReauthorization);
}

#[tokio::test]
async fn renaming_changes_only_the_connection_named_by_its_id() {
    let fake = demo().await;
    let target = target(&fake, SANDBOX_KEY);
    let kind = ConnectionChangeKind::Rename {
        display_name: "Ada (side projects)".into(),
    };
    let (change, view) = ConnectionChange::prepare(ada_github(ADA_PERSONAL), kind, &target)
        .await
        .unwrap();
    assert!(
        view.question.contains("\"Ada (personal)\""),
        "{}",
        view.question
    );
    assert!(
        !view.needs_confirmation,
        "a sandbox key changes without asking"
    );
    change.apply(&target).await.unwrap();
    let accounts = github_accounts(&target).await;
    let name = |id: &str| {
        accounts
            .iter()
            .find(|a| a.id == id)
            .unwrap()
            .display_name
            .clone()
    };
    assert_eq!(name(ADA_PERSONAL).as_deref(), Some("Ada (side projects)"));
    assert_eq!(
        name(ADA_WORK).as_deref(),
        Some("Ada (work)"),
        "the other one is untouched"
    );
}

#[tokio::test]
async fn disconnecting_removes_one_connection_says_what_it_does_not_do_and_leaves_the_other() {
    let fake = demo().await;
    let target = target(&fake, SANDBOX_KEY);
    let (change, view) = ConnectionChange::prepare(
        ada_github(ADA_WORK),
        ConnectionChangeKind::Disconnect,
        &target,
    )
    .await
    .unwrap();
    assert!(view.question.contains(ADA_WORK));
    assert!(
        view.caveat
            .as_deref()
            .unwrap()
            .contains("does not revoke access at GitHub")
    );
    change.apply(&target).await.unwrap();
    let left: Vec<String> = github_accounts(&target)
        .await
        .into_iter()
        .map(|a| a.id)
        .collect();
    assert_eq!(left, [ADA_PERSONAL]);
    let probe = connections::probe(&target.connection(), "github", ADA, Some(ADA_PERSONAL))
        .await
        .unwrap();
    assert_eq!(probe.status, TokenStatus::Active, "{probe:?}");
    assert!(probe.scopes.contains(&"repo".to_string()));
}

#[tokio::test]
async fn a_token_call_that_names_no_connection_of_several_is_explained() {
    let fake = demo().await;
    let probe = connections::probe(
        &target(&fake, SANDBOX_KEY).connection(),
        "github",
        ADA,
        None,
    )
    .await
    .unwrap();
    // WorkOS answers the compatibility connection, or 409 when it cannot choose: both are
    // explained, never an error the user cannot act on.
    assert!(
        matches!(
            probe.status,
            TokenStatus::Active | TokenStatus::AccountSelectionRequired
        ),
        "{probe:?}"
    );
}

#[tokio::test]
async fn a_production_key_asks_before_a_change_and_a_vanished_connection_is_refused() {
    let fake = demo().await;
    // A live-looking key onto the sandbox's data: the key's prefix decides what the app asks.
    let live_key = "sk_live_onsandboxdata_00000000000000000fake";
    fake.state()
        .register_key(live_key, "sandbox", KeyBehaviour::Valid);
    let production = target(&fake, live_key);
    let (_, view) = ConnectionChange::prepare(
        ada_github(ADA_WORK),
        ConnectionChangeKind::Disconnect,
        &production,
    )
    .await
    .unwrap();
    assert!(view.needs_confirmation, "production asks first");
    let gone = ConnectionChange::prepare(
        ada_github("data_installation_01JDEM0N0SUCH000000000000"),
        ConnectionChangeKind::Disconnect,
        &production,
    )
    .await;
    assert!(gone.is_err(), "no such connection: nothing to confirm");
}

#[tokio::test]
async fn a_change_prepared_on_one_workos_is_refused_on_another() {
    let fake = demo().await;
    let sandbox = target(&fake, SANDBOX_KEY);
    let (change, _) = ConnectionChange::prepare(
        ada_github(ADA_WORK),
        ConnectionChangeKind::Disconnect,
        &sandbox,
    )
    .await
    .unwrap();
    let other = WorkosTarget::profile(
        "other",
        fake.base_url(),
        Sensitive::new(PRODUCTION_KEY.into()),
    );
    let refused = change.apply(&other).await.unwrap_err();
    assert_eq!(refused.code, "TARGET_CHANGED");
    assert_eq!(
        github_accounts(&sandbox).await.len(),
        2,
        "nothing was disconnected"
    );
}
