//! The whole pre-flight graph on real folders, with live checks against fake-workos.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use fake_workos::{Config, FakeWorkos};
use pipes_core::checks::{CheckStatus, RunSummary, run_checks};
use pipes_core::steps::preflight::{self, PreflightContext, PreflightInput, ids};

const DEMO_KEY: &str = "sk_test_demo_0000000000000000000000000000fake";

fn node_app(dir: &Path, env_local: &str) {
    fs::write(
        dir.join("package.json"),
        r#"{"name":"shop","dependencies":{"@workos-inc/node":"^7.80.0","next":"15.0.0"}}"#,
    )
    .unwrap();
    fs::write(dir.join(".env.local"), env_local).unwrap();
    fs::write(dir.join(".gitignore"), ".env*.local\nnode_modules\n").unwrap();
}

async fn run(input: PreflightInput) -> RunSummary {
    let ctx = PreflightContext::new(input);
    let checks = preflight::checks(&ctx);
    run_checks(checks, Arc::new(ctx), |_| {}).await.unwrap()
}

fn input(root: &Path, base_url: &str, offline: bool) -> PreflightInput {
    PreflightInput {
        project_root: root.to_path_buf(),
        app_path: None,
        key: None,
        base_url: base_url.to_string(),
        offline,
        keychain: None,
    }
}

fn status(summary: &RunSummary, id: &str) -> CheckStatus {
    summary
        .result(id)
        .unwrap_or_else(|| panic!("no result for {id}"))
        .status
}

fn codes(summary: &RunSummary) -> Vec<&str> {
    summary.findings().map(|f| f.code.as_str()).collect()
}

#[tokio::test]
async fn a_configured_project_passes_every_check_against_workos() {
    let fake = FakeWorkos::start(Config::demo()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    node_app(
        dir.path(),
        &format!("WORKOS_API_KEY={DEMO_KEY}\nWORKOS_CLIENT_ID=client_01JDEM0SANDB0X000000000000\n"),
    );
    let summary = run(input(dir.path(), fake.base_url(), false)).await;
    for id in [
        ids::PROJECT,
        ids::ENV_FILES,
        ids::API_KEY,
        ids::CLIENT_ID,
        ids::HEALTH,
        ids::KEY_VALID,
    ] {
        assert!(
            status(&summary, id).lets_dependents_run(),
            "{id}: {:?}",
            summary.result(id)
        );
    }
    let found = codes(&summary);
    assert!(
        found.contains(&"KEY_ENV_SANDBOX") && found.contains(&"LIVE_KEY_VALID"),
        "{found:?}"
    );
    let project = &summary.result(ids::PROJECT).unwrap().findings[0];
    assert!(
        project
            .message
            .ends_with("checking the app at the folder's root."),
        "{}",
        project.message
    );
    let api_key = summary.result(ids::API_KEY).unwrap();
    assert!(
        api_key.findings[0].message.contains(".env.local"),
        "says where the key came from"
    );
    let json = serde_json::to_string(&summary).unwrap();
    assert!(!json.contains(DEMO_KEY), "the summary carries no secret");
}

#[tokio::test]
async fn a_wrong_key_fails_the_live_check_only() {
    let fake = FakeWorkos::start(Config::demo()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    node_app(
        dir.path(),
        "WORKOS_API_KEY=sk_test_wrong_wrong_wrong_1234\n",
    );
    let summary = run(input(dir.path(), fake.base_url(), false)).await;
    assert_eq!(status(&summary, ids::KEY_VALID), CheckStatus::Failed);
    assert!(codes(&summary).contains(&"LIVE_KEY_INVALID"));
    assert_eq!(status(&summary, ids::HEALTH), CheckStatus::Passed);
}

#[tokio::test]
async fn offline_skips_the_live_checks_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    node_app(dir.path(), &format!("WORKOS_API_KEY={DEMO_KEY}\n"));
    let summary = run(input(dir.path(), "http://127.0.0.1:9", true)).await;
    for id in [ids::HEALTH, ids::KEY_VALID] {
        let result = summary.result(id).unwrap();
        assert_eq!(result.status, CheckStatus::Skipped);
        assert_eq!(result.reason.as_deref(), Some("skipped: offline"));
    }
    assert!(status(&summary, ids::ENV_FILES).lets_dependents_run());
}

#[tokio::test]
async fn no_key_anywhere_skips_the_key_check_and_says_what_to_do() {
    let fake = FakeWorkos::start(Config::demo()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    node_app(dir.path(), "OTHER=1\n");
    let summary = run(input(dir.path(), fake.base_url(), false)).await;
    assert!(codes(&summary).contains(&"KEY_MISSING"));
    let key_valid = summary.result(ids::KEY_VALID).unwrap();
    assert_eq!(key_valid.status, CheckStatus::Skipped);
    assert_eq!(key_valid.reason.as_deref(), Some("skipped: needs API key"));
}

#[tokio::test]
async fn a_monorepo_asks_which_app_and_checks_the_chosen_one() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("package.json"),
        r#"{"name":"mono","private":true,"workspaces":["apps/*"]}"#,
    )
    .unwrap();
    for app in ["web", "admin", "api"] {
        let app_dir = dir.path().join("apps").join(app);
        fs::create_dir_all(&app_dir).unwrap();
        fs::write(
            app_dir.join("package.json"),
            format!(r#"{{"name":"{app}"}}"#),
        )
        .unwrap();
    }
    fs::write(
        dir.path().join("apps/web/.env"),
        format!("WORKOS_API_KEY={DEMO_KEY}\n"),
    )
    .unwrap();
    let summary = run(input(dir.path(), "http://127.0.0.1:9", true)).await;
    assert!(
        codes(&summary).contains(&"PROJECT_MONOREPO_PICK_APP"),
        "{:?}",
        codes(&summary)
    );

    let mut chosen = input(dir.path(), "http://127.0.0.1:9", true);
    chosen.app_path = Some("apps/web".into());
    let summary = run(chosen).await;
    assert!(codes(&summary).contains(&"PROJECT_OK"));
    assert!(
        summary.result(ids::API_KEY).unwrap().findings[0]
            .message
            .contains(".env")
    );
}

#[tokio::test]
async fn an_app_that_is_not_in_the_folder_fails_the_project_check() {
    let dir = tempfile::tempdir().unwrap();
    node_app(dir.path(), "OTHER=1\n");
    let mut chosen = input(dir.path(), "http://127.0.0.1:9", true);
    chosen.app_path = Some("apps/ghost".into());
    let summary = run(chosen).await;
    assert_eq!(status(&summary, ids::PROJECT), CheckStatus::Failed);
    assert!(codes(&summary).contains(&"PROJECT_APP_NOT_FOUND"));
}

#[tokio::test]
async fn a_missing_folder_fails_the_project_check_and_skips_the_rest() {
    let summary = run(input(
        Path::new("/definitely/not/here"),
        "http://127.0.0.1:9",
        true,
    ))
    .await;
    assert_eq!(status(&summary, ids::PROJECT), CheckStatus::Failed);
    assert_eq!(status(&summary, ids::ENV_FILES), CheckStatus::Skipped);
    assert_eq!(status(&summary, ids::SDK), CheckStatus::Skipped);
}

#[tokio::test]
async fn a_placeholder_key_is_named_and_never_sent_to_workos() {
    let fake = FakeWorkos::start(Config::demo()).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    node_app(dir.path(), "WORKOS_API_KEY=sk_test_your_key_here\n");
    let summary = run(input(dir.path(), fake.base_url(), false)).await;
    assert!(
        codes(&summary).contains(&"KEY_PLACEHOLDER"),
        "{:?}",
        codes(&summary)
    );
    assert_eq!(status(&summary, ids::API_KEY), CheckStatus::Failed);
    assert_eq!(status(&summary, ids::KEY_VALID), CheckStatus::Skipped);
}

/// A generated monorepo: 30 apps, 20 library packages, and one shop that is tied to WorkOS.
fn generated_monorepo(root: &Path) {
    fs::write(
        root.join("package.json"),
        r#"{"name":"big","private":true,"workspaces":["apps/*","packages/*"]}"#,
    )
    .unwrap();
    fs::write(root.join(".gitignore"), ".env*\n").unwrap();
    for i in 0..30 {
        let dir = root.join(format!("apps/app-{i:02}"));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("package.json"),
            format!(r#"{{"name":"app-{i}","scripts":{{"dev":"vite"}}}}"#),
        )
        .unwrap();
    }
    for i in 0..20 {
        let dir = root.join(format!("packages/lib-{i:02}"));
        fs::create_dir_all(&dir).unwrap();
        fs::write(
            dir.join("package.json"),
            format!(r#"{{"name":"@big/lib-{i}","main":"index.js"}}"#),
        )
        .unwrap();
    }
    let shop = root.join("apps/shop");
    fs::create_dir_all(&shop).unwrap();
    fs::write(
        shop.join("package.json"),
        r#"{"name":"shop","dependencies":{"@workos-inc/node":"^8.0.0"},"scripts":{"start":"node ."}}"#,
    )
    .unwrap();
    fs::write(shop.join(".env"), format!("WORKOS_API_KEY={DEMO_KEY}\n")).unwrap();
}

#[tokio::test]
async fn a_monorepo_root_gets_one_ranked_answer_and_no_errors() {
    let dir = tempfile::tempdir().unwrap();
    generated_monorepo(dir.path());
    let summary = run(input(dir.path(), "http://127.0.0.1:9", true)).await;
    let picks: Vec<_> = summary
        .findings()
        .filter(|f| f.code.starts_with("PROJECT_MONOREPO"))
        .collect();
    assert_eq!(picks.len(), 1, "{:?}", codes(&summary));
    let pick = picks[0];
    assert_eq!(pick.code, "PROJECT_MONOREPO_PICK_APP");
    assert!(
        pick.message.starts_with("Found 31 apps. Most likely the one for WorkOS: apps/shop (WorkOS variables in its env files, the WorkOS SDK in its manifest)."),
        "{}",
        pick.message
    );
    assert_eq!(
        pick.message.matches("apps/app-07").count(),
        1,
        "each app once"
    );
    assert!(
        !pick.message.contains("packages/lib"),
        "libraries are not apps"
    );
    assert!(pick.message.contains("20 library packages were left out."));
    let remediation = pick.remediation.as_deref().unwrap();
    assert!(remediation.ends_with("--app apps/shop"), "{remediation}");
    assert_eq!(pick.details.as_ref().unwrap()["most_likely"], "apps/shop");

    assert!(
        summary
            .findings()
            .all(|f| f.severity != pipes_core::Severity::Error),
        "the root is no app: nothing to fail. {:?}",
        codes(&summary)
    );
    let env = summary.result(ids::ENV_FILES).unwrap();
    assert_eq!(env.status, CheckStatus::Skipped);
    assert_eq!(
        env.reason.as_deref(),
        Some("skipped: pick the app first (the folder is a monorepo)")
    );

    let mut chosen = input(dir.path(), "http://127.0.0.1:9", true);
    chosen.app_path = Some("apps/shop".into());
    let summary = run(chosen).await;
    assert!(
        codes(&summary).contains(&"ENV_API_KEY_FOUND"),
        "{:?}",
        codes(&summary)
    );
}
