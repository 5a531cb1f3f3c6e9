//! The real `pipes-doctor` binary on fixture projects, against a fake WorkOS.

mod support;

use support::*;

#[test]
fn a_configured_project_passes_with_one_json_document() {
    let fake = start_fake();
    let dir = tempfile::tempdir().unwrap();
    configured_node_app(dir.path());
    let project = dir.path().to_str().unwrap();

    let output = doctor(&["--project", project, "--json"], fake.base_url(), None);

    assert_eq!(exit_code(&output), 0, "stdout:\n{}", stdout(&output));
    let report = json(&output);
    assert_eq!(report["schema"], 1);
    assert_eq!(report["tool"], "pipes-doctor");
    assert_eq!(report["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(report["project"], project);
    assert_eq!(report["app"], ".");
    assert_eq!(report["base_url"], fake.base_url());
    assert_eq!(report["offline"], false);
    assert_eq!(report["key"]["fingerprint"], "sk_test_…fake");
    assert_eq!(report["key"]["source"], ".env.local");
    let found = codes(&report);
    assert!(found.contains(&"LIVE_KEY_VALID".to_string()), "{found:?}");
    assert!(found.contains(&"CLIENT_ID_OK".to_string()), "{found:?}");
    assert_eq!(check(&report, "key_valid")["status"], "passed");
    assert_eq!(check(&report, "health")["status"], "passed");
    assert!(check(&report, "project")["duration_ms"].is_u64());
    let per_check: usize = report["checks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["findings"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        found.len(),
        per_check,
        "findings = every check's, flattened"
    );
    assert_no_secret(&output);
}

#[test]
fn the_human_report_has_a_header_a_block_per_check_and_the_summary() {
    let fake = start_fake();
    let dir = tempfile::tempdir().unwrap();
    configured_node_app(dir.path());

    let output = doctor(
        &["--project", dir.path().to_str().unwrap()],
        fake.base_url(),
        None,
    );

    assert_eq!(exit_code(&output), 0);
    let text = stdout(&output);
    assert!(
        text.contains(&format!("base URL  {}", fake.base_url())),
        "{text}"
    );
    assert!(
        text.contains("API key   sk_test_…fake (from .env.local)"),
        "{text}"
    );
    assert!(text.contains("✔ API key accepted ("), "{text}");
    assert!(
        text.contains("pass   LIVE_KEY_VALID  The API key works"),
        "{text}"
    );
    let project_at = text.find("✔ Project folder").expect("project block");
    let key_valid_at = text.find("✔ API key accepted").expect("key block");
    assert!(project_at < key_valid_at, "blocks in declaration order");
    assert!(
        text.contains("7 checks: 7 passed\n"),
        "every check passed: {text}"
    );
    assert!(text.contains("re-run with --json"), "{text}");
    assert!(
        !text.contains('\x1b'),
        "no colour when stdout is not a terminal"
    );
    assert!(
        stderr(&output).is_empty(),
        "no progress when stderr is not a terminal"
    );
    assert_no_secret(&output);
}

#[test]
fn a_wrong_key_in_the_environment_fails_the_live_check() {
    let fake = start_fake();
    let dir = tempfile::tempdir().unwrap();
    configured_node_app(dir.path());
    let project = dir.path().to_str().unwrap();

    let output = doctor(
        &["--project", project, "--json"],
        fake.base_url(),
        Some(WRONG_KEY),
    );

    assert_eq!(exit_code(&output), 1);
    let report = json(&output);
    assert!(codes(&report).contains(&"LIVE_KEY_INVALID".to_string()));
    assert_eq!(check(&report, "key_valid")["status"], "failed");
    assert_eq!(check(&report, "health")["status"], "passed");
    assert_eq!(report["key"]["fingerprint"], "sk_test_…0bad");
    assert_eq!(
        report["key"]["source"],
        "the WORKOS_API_KEY environment variable"
    );
    assert_no_secret(&output);

    let human = doctor(&["--project", project], fake.base_url(), Some(WRONG_KEY));
    assert_eq!(exit_code(&human), 1);
    assert!(
        stdout(&human).contains("✘ API key accepted"),
        "{}",
        stdout(&human)
    );
    assert!(stdout(&human).contains(" 1 failed"), "{}", stdout(&human));
    assert_no_secret(&human);
}

#[test]
fn offline_skips_the_live_checks_and_contacts_nothing() {
    let port = CountingPort::new();
    let dir = tempfile::tempdir().unwrap();
    configured_node_app(dir.path());
    let project = dir.path().to_str().unwrap();

    let output = doctor(
        &["--project", project, "--json", "--offline"],
        &port.url(),
        None,
    );
    let human = doctor(&["--project", project, "--offline"], &port.url(), None);

    assert_eq!(port.connections(), 0, "an offline run opens no connection");
    assert_eq!(exit_code(&output), 0);
    let report = json(&output);
    assert_eq!(report["offline"], true);
    for id in ["health", "key_valid"] {
        assert_eq!(check(&report, id)["status"], "skipped");
        assert_eq!(check(&report, id)["reason"], "skipped: offline");
    }
    assert_eq!(check(&report, "api_key")["status"], "passed");
    assert_no_secret(&output);

    assert_eq!(exit_code(&human), 0);
    let text = stdout(&human);
    assert!(
        text.contains("– WorkOS reachable\n    skipped: offline\n"),
        "{text}"
    );
    assert!(text.contains("7 checks: 5 passed, 2 skipped\n"), "{text}");
    assert_no_secret(&human);
}

#[test]
fn a_missing_folder_fails_the_project_check() {
    let fake = start_fake();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-project");
    let project = missing.to_str().unwrap();

    let output = doctor(&["--project", project, "--json"], fake.base_url(), None);

    assert_eq!(exit_code(&output), 1, "stderr: {}", stderr(&output));
    let report = json(&output);
    assert_eq!(check(&report, "project")["status"], "failed");
    assert_eq!(check(&report, "env_files")["status"], "skipped");
    let project_findings = check(&report, "project")["findings"].as_array().unwrap();
    assert!(
        project_findings
            .iter()
            .any(|f| f["severity"] == "error" && f["code"] == "PROJECT_NOT_A_FOLDER"),
        "{project_findings:?}"
    );

    let human = doctor(&["--project", project], fake.base_url(), None);
    assert_eq!(exit_code(&human), 1);
    assert!(
        stdout(&human).contains("✘ Project folder"),
        "{}",
        stdout(&human)
    );
}

#[test]
fn a_bad_flag_is_a_usage_error() {
    let output = doctor(&["--no-such-flag"], "http://127.0.0.1:9", None);

    assert_eq!(exit_code(&output), 2);
    assert!(stdout(&output).is_empty());
    assert!(
        stderr(&output).contains("--no-such-flag"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn the_app_flag_picks_an_app_in_a_monorepo() {
    let dir = tempfile::tempdir().unwrap();
    monorepo(dir.path());
    let project = dir.path().to_str().unwrap();

    let output = doctor(
        &[
            "--project",
            project,
            "--app",
            "./apps/web/",
            "--json",
            "--offline",
        ],
        "http://127.0.0.1:9",
        None,
    );

    assert_eq!(exit_code(&output), 0, "{}", stdout(&output));
    let report = json(&output);
    assert_eq!(report["app"], "apps/web");
    assert_eq!(check(&report, "sdk")["status"], "passed");
    assert_eq!(report["key"]["source"], ".env.local");
    assert_no_secret(&output);
}

#[test]
fn an_unknown_app_is_a_usage_error_that_lists_the_apps() {
    let dir = tempfile::tempdir().unwrap();
    monorepo(dir.path());

    let output = doctor(
        &[
            "--project",
            dir.path().to_str().unwrap(),
            "--app",
            "apps/wbe",
            "--offline",
        ],
        "http://127.0.0.1:9",
        None,
    );

    assert_eq!(exit_code(&output), 2);
    assert!(stdout(&output).is_empty());
    let message = stderr(&output);
    assert!(message.contains("--app apps/wbe"), "{message}");
    assert!(message.contains("apps/web"), "{message}");
}

/// Under scripts/with-keyring.sh the self-test must pass; elsewhere it runs against a bus that
/// does not exist and must say so with a finding (and exit 1), not hang or crash.
#[test]
fn the_keychain_flag_adds_the_self_test() {
    let dir = tempfile::tempdir().unwrap();
    configured_node_app(dir.path());
    let project = dir.path().to_str().unwrap();
    let args = ["--project", project, "--json", "--offline"];

    let without = json(&doctor(&args, "http://127.0.0.1:9", None));
    assert!(
        without["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["id"] != "keychain"),
        "the keychain self-test is off by default"
    );

    let output = doctor(
        &[&args[..], &["--keychain"]].concat(),
        "http://127.0.0.1:9",
        None,
    );
    let report = json(&output);
    let keychain = check(&report, "keychain");
    assert_eq!(keychain["title"], "OS keychain");
    if in_keyring_script() {
        assert_eq!(keychain["status"], "passed", "{keychain:#}");
        assert_eq!(exit_code(&output), 0);
    } else if cfg!(target_os = "linux") {
        assert_eq!(keychain["status"], "failed", "{keychain:#}");
        assert!(codes(&report).contains(&"KEYCHAIN_UNAVAILABLE".to_string()));
        assert_eq!(exit_code(&output), 1);
    }
    assert_no_secret(&output);
}
