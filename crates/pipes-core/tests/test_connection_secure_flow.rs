//! Step 4's test connection over real HTTP against fake-workos: authorize with a PKCE
//! challenge and the app's loopback return URL, a browser-like walk of the consent page,
//! finish with the verifier, and the read-back. Every way it breaks ends on its finding.

use std::time::Duration;

use fake_workos::{Config, FakeWorkos, Fault, RunningFake};
use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::steps::sdk_integration::test_connection::{
    self, ConnectionIntent, Leg, StartedConnection, StopReason, TestConnectionReport,
    TestConnectionRequest,
};
use pipes_core::workos::{Confirmation, WorkosConnection};

const SANDBOX_KEY: &str = "sk_test_demo_0000000000000000000000000000fake";
const PRODUCTION_KEY: &str = "sk_live_demo_0000000000000000000000000000fake";
const GRACE: &str = "user_01JDEM0GRACE00000000000000";
const PROD_GRACE: &str = "user_01JDEM0PR0DGRACE0000000000";
const DEADLINE: Duration = Duration::from_secs(20);

async fn demo() -> RunningFake {
    FakeWorkos::start(Config::demo()).await.unwrap()
}

fn connect(fake: &RunningFake, key: &str) -> WorkosConnection {
    WorkosConnection::new(fake.base_url(), &Sensitive::new(key.to_string()))
}

fn github_for(user: &str) -> TestConnectionRequest {
    TestConnectionRequest {
        slug: "github".into(),
        user_id: user.into(),
        organization_id: None,
        intent: Default::default(),
    }
}

/// The browser: opens the authorization URL, submits the consent form like a person who
/// clicks `decision`, and follows the redirects to wherever they end. Returns the last
/// status and page.
async fn walk_consent(url: &str, decision: &str) -> (u16, String) {
    let browser = reqwest::Client::new();
    let page = browser.get(url).send().await.expect("consent page");
    let at = page.url().clone();
    let status = page.status().as_u16();
    let html = page.text().await.unwrap();
    let (Some(action), Some(state)) = (
        attribute_after(&html, "<form", "action=\""),
        attribute_after(&html, "name=\"state\"", "value=\""),
    ) else {
        return (status, html);
    };
    let target = at.join(&action).unwrap();
    let done = browser
        .post(target)
        .form(&[("state", state.as_str()), ("decision", decision)])
        .send()
        .await;
    match done {
        Ok(done) => (
            done.status().as_u16(),
            done.text().await.unwrap_or_default(),
        ),
        // The redirect to a return URL that is no longer listening.
        Err(e) => (0, e.to_string()),
    }
}

fn attribute_after(html: &str, marker: &str, attribute: &str) -> Option<String> {
    let rest = &html[html.find(marker)?..];
    let rest = &rest[rest.find(attribute)? + attribute.len()..];
    Some(rest[..rest.find('"')?].replace("&amp;", "&"))
}

/// Starts the test connection, lets the "browser" act, and returns the report.
async fn run<F, Fut>(
    connection: WorkosConnection,
    started: StartedConnection,
    browser: F,
) -> TestConnectionReport
where
    F: FnOnce(String, String) -> Fut,
    Fut: std::future::Future<Output = ()>,
{
    let (url, return_url) = (started.authorize_url.clone(), started.return_url.clone());
    let waiting = tokio::spawn(async move { started.complete(&connection, DEADLINE).await });
    browser(url, return_url).await;
    waiting.await.unwrap()
}

async fn started(
    fake: &RunningFake,
    key: &str,
    request: TestConnectionRequest,
) -> StartedConnection {
    match test_connection::start(&connect(fake, key), request, Confirmation::NotAsked).await {
        Ok(started) => started,
        Err(report) => panic!("did not start: {report:#?}"),
    }
}

#[tokio::test]
async fn allowing_connects_finishes_and_confirms_without_showing_a_token() {
    let fake = demo().await;
    let started = started(&fake, SANDBOX_KEY, github_for(GRACE)).await;
    assert!(started.return_url.starts_with("http://127.0.0.1:"));
    assert!(started.return_url.ends_with("/pipes-setup/callback"));
    assert!(
        started.authorize_url.contains("code_challenge")
            || started.authorize_url.contains("state=")
    );
    let report = run(connect(&fake, SANDBOX_KEY), started, |url, _| async move {
        let (status, page) = walk_consent(&url, "allow").await;
        assert_eq!(status, 200, "{page}");
        assert!(page.contains("Connected"), "{page}");
    })
    .await;
    assert!(report.ok, "{report:#?}");
    assert_eq!(report.broke_at, None);
    assert_eq!(report.findings[0].code, "TEST_CONNECTION_OK");
    let connected = report.connected.as_ref().unwrap();
    assert_eq!(connected.state, "connected");
    assert_eq!(connected.scopes, ["repo", "read:user"]);
    assert!(connected.missing_scopes.is_empty());
    let saved = fake.state().connected_accounts("sandbox");
    assert!(
        saved
            .iter()
            .any(|a| a.id == connected.id && a.user_id == GRACE),
        "saved by finish"
    );
    let shown = serde_json::to_string(&report).unwrap();
    assert!(!shown.contains("access_token"), "{shown}");
    assert!(
        !shown.contains("gho_") && !shown.contains("xoxb"),
        "{shown}"
    );
}

#[tokio::test]
async fn denying_ends_at_the_consent_leg_and_saves_nothing() {
    let fake = demo().await;
    let before = fake.state().connected_accounts("sandbox").len();
    let started = started(&fake, SANDBOX_KEY, github_for(GRACE)).await;
    let report = run(connect(&fake, SANDBOX_KEY), started, |url, _| async move {
        walk_consent(&url, "deny").await;
    })
    .await;
    assert!(!report.ok);
    assert_eq!(report.broke_at, Some(Leg::Consent));
    assert_eq!(
        report.findings[0].code, "TEST_CONNECTION_DENIED",
        "{report:#?}"
    );
    assert_eq!(fake.state().connected_accounts("sandbox").len(), before);
}

#[tokio::test]
async fn a_forged_return_ends_the_test_and_the_real_one_finds_the_door_closed() {
    let fake = demo().await;
    let before = fake.state().connected_accounts("sandbox").len();
    let started = started(&fake, SANDBOX_KEY, github_for(GRACE)).await;
    let report = run(
        connect(&fake, SANDBOX_KEY),
        started,
        |url, return_url| async move {
            let forged = format!("{return_url}?connect_code=stolen&state=not-the-state");
            let answer = reqwest::get(&forged).await.unwrap();
            assert_eq!(answer.status(), 400);
            tokio::time::sleep(Duration::from_millis(100)).await;
            let (status, _) = walk_consent(&url, "allow").await;
            assert_ne!(status, 200, "the return URL closed after the forged call");
        },
    )
    .await;
    assert_eq!(
        report.findings[0].code, "TEST_CONNECTION_WRONG_STATE",
        "{report:#?}"
    );
    assert_eq!(report.broke_at, Some(Leg::ReturnUrl));
    let after = fake.state().connected_accounts("sandbox").len();
    assert_eq!(
        after, before,
        "the secure flow saves only on finish, which never came"
    );
}

#[tokio::test]
async fn oversized_and_stray_requests_are_refused_and_the_test_still_works() {
    let fake = demo().await;
    let started = started(&fake, SANDBOX_KEY, github_for(GRACE)).await;
    let report = run(
        connect(&fake, SANDBOX_KEY),
        started,
        |url, return_url| async move {
            let client = reqwest::Client::new();
            let huge = format!("{return_url}?pad={}", "x".repeat(20_000));
            let refused = client.get(&huge).send().await.map(|r| r.status().as_u16());
            assert!(matches!(refused, Ok(431) | Err(_)), "{refused:?}");
            let favicon = return_url.replace("/pipes-setup/callback", "/favicon.ico");
            assert_eq!(client.get(&favicon).send().await.unwrap().status(), 404);
            let stateless = client.get(&return_url).send().await.unwrap();
            assert_eq!(stateless.status(), 400);
            let (status, page) = walk_consent(&url, "allow").await;
            assert_eq!(status, 200, "{page}");
        },
    )
    .await;
    assert!(report.ok, "{report:#?}");
}

#[tokio::test]
async fn nobody_coming_back_times_out_and_names_the_redirect_mismatch() {
    let fake = demo().await;
    let connection = connect(&fake, SANDBOX_KEY);
    let started = test_connection::start(&connection, github_for(GRACE), Confirmation::NotAsked)
        .await
        .unwrap();
    let return_url = started.return_url.clone();
    let report = started.complete(&connection, Duration::from_secs(1)).await;
    assert_eq!(report.findings[0].code, "TEST_CONNECTION_TIMED_OUT");
    assert_eq!(report.broke_at, Some(Leg::Consent));
    assert!(
        report.findings[0]
            .remediation
            .as_deref()
            .unwrap()
            .contains("redirect_uri_mismatch")
    );
    assert!(
        reqwest::get(&return_url).await.is_err(),
        "the return URL is closed after the test"
    );
}

#[tokio::test]
async fn production_asks_first_and_needs_the_return_url_registered() {
    let fake = demo().await;
    let production = connect(&fake, PRODUCTION_KEY);
    let unasked =
        test_connection::start(&production, github_for(PROD_GRACE), Confirmation::NotAsked).await;
    let report = unasked.err().expect("asks before a production change");
    assert_eq!(
        report.findings[0].code,
        "PRODUCTION_CHANGE_NEEDS_CONFIRMATION"
    );
    let confirmed =
        test_connection::start(&production, github_for(PROD_GRACE), Confirmation::Confirmed).await;
    let report = confirmed
        .err()
        .expect("production registers no loopback return URL");
    assert_eq!(report.broke_at, Some(Leg::Authorize));
    let finding = &report.findings[0];
    assert_eq!(
        finding.code, "TEST_CONNECTION_RETURN_URL_NOT_REGISTERED",
        "{finding:#?}"
    );
    assert!(
        finding
            .remediation
            .as_deref()
            .unwrap()
            .contains("http://127.0.0.1/pipes-setup/callback")
    );
}

#[tokio::test]
async fn a_provider_holding_the_old_guides_redirect_uri_stops_at_consent_with_the_fix() {
    let fake = demo().await;
    let production = connect(&fake, PRODUCTION_KEY);
    let registered = production
        .post("/user_management/redirect_uris")
        .json(&serde_json::json!({"uri": "http://127.0.0.1/pipes-setup/callback"}))
        .send()
        .await
        .unwrap();
    assert!(registered.status().is_success());
    let notion = TestConnectionRequest {
        slug: "notion".into(),
        ..github_for(PROD_GRACE)
    };
    let started = test_connection::start(&production, notion, Confirmation::Confirmed)
        .await
        .unwrap();
    let url = started.authorize_url.clone();
    let stop = tokio_util::sync::CancellationToken::new();
    let stopper = stop.clone();
    let waiting = tokio::spawn(async move {
        let reason = || StopReason::RedirectUriMismatch;
        started
            .complete_unless_stopped(&production, DEADLINE, stopper, reason)
            .await
    });
    let (status, page) = walk_consent(&url, "allow").await;
    assert_eq!(status, 400);
    assert!(page.contains("redirect_uri_mismatch"), "{page}");
    // Nothing comes back from an error page: the user tells the app what the browser shows.
    stop.cancel();
    let report = waiting.await.unwrap();
    assert_eq!(report.broke_at, Some(Leg::Consent));
    assert_eq!(
        report.findings[0].code,
        "TEST_CONNECTION_REDIRECT_URI_MISMATCH"
    );
    let remediation = report.findings[0].remediation.as_deref().unwrap();
    assert!(remediation.contains("Step 3 → notion"), "{remediation}");
}

#[tokio::test]
async fn a_code_that_expired_before_finish_says_so() {
    let fake = demo().await;
    // Finish waits long enough for the clock to move past WorkOS's 90 s.
    fake.state().add_fault(Fault {
        method: Some("POST".into()),
        path: "/data-integrations/finish".into(),
        latency_ms: 1500,
        ..Default::default()
    });
    let started = started(&fake, SANDBOX_KEY, github_for(GRACE)).await;
    let state = fake.state();
    let report = run(connect(&fake, SANDBOX_KEY), started, |url, _| async move {
        walk_consent(&url, "allow").await;
        state.advance_clock(91);
    })
    .await;
    assert_eq!(report.broke_at, Some(Leg::Finish), "{report:#?}");
    assert_eq!(report.findings[0].code, "TEST_CONNECTION_CODE_EXPIRED");
}

#[tokio::test]
async fn a_rejected_code_is_named_with_what_to_do() {
    let fake = demo().await;
    fake.state().add_fault(Fault {
        method: Some("POST".into()),
        path: "/data-integrations/finish".into(),
        status: Some(400),
        body: Some(serde_json::json!({"code": "invalid_connect_code", "message": "The connect code is invalid or was already used."})),
        ..Default::default()
    });
    let started = started(&fake, SANDBOX_KEY, github_for(GRACE)).await;
    let report = run(connect(&fake, SANDBOX_KEY), started, |url, _| async move {
        walk_consent(&url, "allow").await;
    })
    .await;
    assert_eq!(
        report.findings[0].code, "TEST_CONNECTION_CODE_REJECTED",
        "{report:#?}"
    );
    assert!(
        report.findings[0]
            .remediation
            .as_deref()
            .unwrap()
            .contains("works once")
    );
}

const ADA: &str = "user_01JDEM0ADA0000000000000000";
const ACME: &str = "org_01JDEM0ACME000000000000000";
const GRACE_NOTION: &str = "data_installation_01JDEM0GRACEN0TI0N00000000";

#[tokio::test]
async fn reauthorizing_heals_the_connection_that_needs_it_and_keeps_its_id() {
    let fake = demo().await;
    let request = TestConnectionRequest {
        slug: "notion".into(),
        user_id: GRACE.into(),
        organization_id: Some(ACME.into()),
        intent: ConnectionIntent::Reauthorize {
            connected_account_id: GRACE_NOTION.into(),
        },
    };
    let started = started(&fake, SANDBOX_KEY, request).await;
    let report = run(connect(&fake, SANDBOX_KEY), started, |url, _| async move {
        assert_eq!(walk_consent(&url, "allow").await.0, 200);
    })
    .await;
    assert!(report.ok, "{report:#?}");
    let connected = report.connected.unwrap();
    assert_eq!(connected.id, GRACE_NOTION, "the same connection, healed");
    assert_eq!(connected.state, "connected");
}

#[tokio::test]
async fn adding_another_account_keeps_the_ones_there_were() {
    let fake = demo().await;
    let before = fake.state().connected_accounts("sandbox");
    let request = TestConnectionRequest {
        intent: ConnectionIntent::Add,
        ..github_for(ADA)
    };
    let started = started(&fake, SANDBOX_KEY, request).await;
    let report = run(connect(&fake, SANDBOX_KEY), started, |url, _| async move {
        assert_eq!(walk_consent(&url, "allow").await.0, 200);
    })
    .await;
    assert!(report.ok, "{report:#?}");
    let new_id = report.connected.unwrap().id;
    let ada_github = |accounts: &[fake_workos::state::ConnectedAccount]| {
        accounts
            .iter()
            .filter(|a| a.user_id == ADA && a.slug == "github")
            .map(|a| a.id.clone())
            .collect::<Vec<_>>()
    };
    let after = ada_github(&fake.state().connected_accounts("sandbox"));
    assert_eq!(after.len(), ada_github(&before).len() + 1);
    assert!(after.contains(&new_id));
}

#[tokio::test]
async fn adding_where_several_connections_are_off_says_so() {
    let fake = demo().await;
    // As WorkOS before it enables the feature for a team; Ada already has GitHub.
    fake.state()
        .set_multiple_connections("sandbox", false)
        .unwrap();
    let request = TestConnectionRequest {
        intent: ConnectionIntent::Add,
        ..github_for(ADA)
    };
    let refused = test_connection::start(
        &connect(&fake, SANDBOX_KEY),
        request,
        Confirmation::NotAsked,
    )
    .await
    .err()
    .expect("no second account");
    assert_eq!(refused.broke_at, Some(Leg::Authorize));
    assert_eq!(
        refused.findings[0].code, "TEST_CONNECTION_MULTIPLE_CONNECTIONS_UNAVAILABLE",
        "{refused:#?}"
    );
}
