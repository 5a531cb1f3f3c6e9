//! The request console over real HTTP: a fresh token from fake-workos through the official
//! crate, then fake-workos's provider API, with its rate limits, scope checks and injected 429s.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fake_workos::{Config, FakeWorkos, Fault, RunningFake};
use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::steps::connections::{
    ConnectionTarget, ProviderCallEvent, ProviderCallReport, ProviderMethod, ProviderRequest,
    RetryPolicy, call_provider,
};
use pipes_core::workos::target::WorkosTarget;
use tokio_util::sync::CancellationToken;

const SANDBOX_KEY: &str = "sk_test_demo_0000000000000000000000000000fake";
const ADA: &str = "user_01JDEM0ADA0000000000000000";
const ADA_PERSONAL: &str = "data_installation_01JDEM0ADAGITHUB2000000000";
const ADA_DRIVE: &str = "data_installation_01JDEM0ADAGDRIVE000000000";

async fn demo() -> (RunningFake, WorkosTarget) {
    let fake = FakeWorkos::start(Config::demo()).await.unwrap();
    let target = WorkosTarget::profile("test", fake.base_url(), Sensitive::new(SANDBOX_KEY.into()));
    (fake, target)
}

fn request(slug: &str, account: &str, path: &str) -> ProviderRequest {
    ProviderRequest {
        which: ConnectionTarget {
            slug: slug.into(),
            user_id: ADA.into(),
            organization_id: None,
            account_id: account.into(),
        },
        method: ProviderMethod::Get,
        path: path.into(),
    }
}

async fn send(
    target: &WorkosTarget,
    request: ProviderRequest,
    policy: RetryPolicy,
) -> (ProviderCallReport, Vec<ProviderCallEvent>) {
    let events = Arc::new(Mutex::new(Vec::new()));
    let seen = events.clone();
    let report = call_provider(
        target,
        request,
        policy,
        CancellationToken::new(),
        move |e| seen.lock().unwrap().push(e),
    )
    .await
    .unwrap();
    let events = events.lock().unwrap().clone();
    (report, events)
}

fn header<'a>(report: &'a ProviderCallReport, name: &str) -> Option<&'a str> {
    report
        .headers
        .iter()
        .find(|h| h.name == name)
        .map(|h| h.value.as_str())
}

#[tokio::test]
async fn a_fresh_token_calls_the_provider_and_the_answer_never_holds_it() {
    let (_fake, target) = demo().await;
    let (report, _) = send(
        &target,
        request("github", ADA_PERSONAL, "/user"),
        RetryPolicy::default(),
    )
    .await;
    assert_eq!(report.status, Some(200), "{report:#?}");
    assert!(report.simulated);
    assert!(
        report.body.contains("\"login\": \"ada-lovelace\""),
        "{}",
        report.body
    );
    assert_eq!(header(&report, "x-ratelimit-limit"), Some("30"));
    assert_eq!(header(&report, "x-oauth-scopes"), Some("repo, read:user"));
    assert_eq!(report.findings[0].code, "PROVIDER_CALL_OK");
    let shown = serde_json::to_string(&report).unwrap();
    assert!(!shown.contains("gho_"), "no token in the answer: {shown}");
}

#[tokio::test]
async fn injected_429s_are_retried_after_retry_after_and_the_call_then_succeeds() {
    let (fake, target) = demo().await;
    fake.state().add_fault(Fault {
        path: "/provider-api/github/**".into(),
        status: Some(429),
        retry_after: Some(1),
        times: Some(2),
        ..Fault::default()
    });
    let started = Instant::now();
    let (report, events) = send(
        &target,
        request("github", ADA_PERSONAL, "/user"),
        RetryPolicy::default(),
    )
    .await;
    assert_eq!(report.status, Some(200), "{report:#?}");
    assert_eq!(report.attempts, 3);
    assert!(
        started.elapsed() >= Duration::from_secs(2),
        "waited as told: {:?}",
        started.elapsed()
    );
    let waits: Vec<_> = events
        .iter()
        .filter_map(|e| match e {
            ProviderCallEvent::Waiting {
                wait_ms,
                because,
                status,
                ..
            } => Some((*wait_ms, because.clone(), *status)),
            _ => None,
        })
        .collect();
    assert_eq!(
        waits,
        [
            (1000, "retry_after".to_string(), 429),
            (1000, "retry_after".to_string(), 429)
        ]
    );
}

#[tokio::test]
async fn a_wait_can_be_cancelled() {
    let (fake, target) = demo().await;
    fake.state().add_fault(Fault {
        path: "/provider-api/github/**".into(),
        status: Some(429),
        retry_after: Some(30),
        ..Fault::default()
    });
    let cancel = CancellationToken::new();
    let stopper = cancel.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        stopper.cancel();
    });
    let started = Instant::now();
    let report = call_provider(
        &target,
        request("github", ADA_PERSONAL, "/user"),
        RetryPolicy::default(),
        cancel,
        |_| {},
    )
    .await
    .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(
        report.findings.last().unwrap().code,
        "PROVIDER_CALL_CANCELLED"
    );
}

#[tokio::test]
async fn the_providers_own_rate_limit_ends_on_its_finding_when_not_retried() {
    let (_fake, target) = demo().await;
    let no_retry = RetryPolicy {
        retries: 0,
        ..RetryPolicy::default()
    };
    let mut last = None;
    for _ in 0..31 {
        last = Some(
            send(&target, request("github", ADA_PERSONAL, "/user"), no_retry)
                .await
                .0,
        );
    }
    let report = last.unwrap();
    assert_eq!(report.status, Some(429));
    assert_eq!(header(&report, "x-ratelimit-remaining"), Some("0"));
    assert!(header(&report, "retry-after").is_some());
    assert_eq!(report.findings[0].code, "PROVIDER_RATE_LIMITED");
}

#[tokio::test]
async fn a_call_that_needs_a_scope_the_connection_lacks_names_it() {
    let (fake, target) = demo().await;
    // The connection granted only read:user (as after a consent that dropped repo).
    let body = workos::ConnectedAccountInput {
        account_display_name: None,
        account_identifier: None,
        access_token: None,
        refresh_token: None,
        expires_at: None,
        scopes: Some(vec!["read:user".into()]),
        state: None,
    };
    let mut params = workos::pipes::UpdateUserConnectedAccountParams::new(body);
    params.connected_account_id = Some(ADA_PERSONAL.into());
    target
        .connection()
        .sdk()
        .pipes()
        .update_user_connected_account(ADA, "github", params)
        .await
        .unwrap();
    let (report, _) = send(
        &target,
        request("github", ADA_PERSONAL, "/user/repos"),
        RetryPolicy::default(),
    )
    .await;
    assert_eq!(report.status, Some(403));
    assert_eq!(report.attempts, 1, "a missing scope is not retried");
    let finding = &report.findings[0];
    assert_eq!(finding.code, "PROVIDER_SCOPES_INSUFFICIENT");
    assert!(finding.message.contains("repo ("), "{}", finding.message);
    drop(fake);
}

#[tokio::test]
async fn a_connection_without_a_token_and_a_path_off_the_api_are_refused_before_any_call() {
    let (_fake, target) = demo().await;
    let (report, events) = send(
        &target,
        request("google-drive", ADA_DRIVE, "/drive/v3/files"),
        RetryPolicy::default(),
    )
    .await;
    assert_eq!(report.status, None);
    assert!(events.is_empty(), "nothing was sent to the provider");
    assert_eq!(report.findings[0].code, "PROVIDER_CALL_NO_TOKEN");
    let off = call_provider(
        &target,
        request("github", ADA_PERSONAL, "//evil.example/x"),
        RetryPolicy::default(),
        CancellationToken::new(),
        |_| {},
    )
    .await;
    assert_eq!(off.unwrap_err().code, "PROVIDER_PATH_INVALID");
}
