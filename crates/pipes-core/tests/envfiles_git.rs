//! Env files in real git repositories (`git init` in a temp dir).

#[path = "project_fixture_support.rs"]
mod support;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use pipes_core::Severity;
use pipes_core::local::envfiles::{EnvCheck, Framework, GitSource, check, prepare_fix};
use support::{codes, git, only};

const KEY_LINE: &str = "WORKOS_API_KEY=sk_test_a1B2c3D4e5F6g7H8i9J0k\n";

fn check_dir(app: &Path, root: &Path) -> EnvCheck {
    check(app, root, Framework::detect(app), Duration::from_secs(10))
}

fn tracked_files(dir: &Path) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .arg("ls-files")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_committed_env_file_is_reported_and_never_untracked_by_the_fix() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    fs::write(root.join(".env"), KEY_LINE).unwrap();
    git(root, &["add", ".env"]);
    git(root, &["commit", "-q", "-m", "oops"]);

    let result = check_dir(root, root);
    assert_eq!(result.git.source, GitSource::Git);
    let tracked = only(&result.findings, "ENV_SECRET_TRACKED_BY_GIT");
    assert_eq!(tracked.severity, Severity::Error);
    assert!(
        tracked
            .remediation
            .as_ref()
            .unwrap()
            .contains("git rm --cached .env")
    );
    assert!(
        tracked.fix.is_none(),
        "untracking is destructive: text only"
    );
    let not_ignored = only(&result.findings, "ENV_SECRET_NOT_GITIGNORED");

    let change = prepare_fix(not_ignored.fix.as_ref().unwrap(), |_| true).unwrap();
    let preview = change.view();
    assert!(preview.creates_file);
    change.apply().unwrap();

    let after = check_dir(root, root);
    assert!(!codes(&after.findings).contains(&"ENV_SECRET_NOT_GITIGNORED"));
    assert!(
        codes(&after.findings).contains(&"ENV_SECRET_TRACKED_BY_GIT"),
        "ignored but still tracked"
    );
    assert!(
        tracked_files(root).lines().any(|l| l == ".env"),
        "the wizard never runs git rm"
    );
}

#[test]
fn an_ignored_untracked_env_file_passes() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    fs::write(root.join(".gitignore"), ".env*\n!.env.example\n").unwrap();
    fs::write(root.join(".env.local"), KEY_LINE).unwrap();
    fs::write(root.join(".env.example"), "WORKOS_API_KEY=sk_test_...\n").unwrap();
    let result = check_dir(root, root);
    assert_eq!(result.git.source, GitSource::Git);
    assert!(result.git.is_ignored(".env.local"));
    assert!(!result.git.is_ignored(".env.example"));
    assert_eq!(
        only(&result.findings, "ENV_SECRETS_GITIGNORED").severity,
        Severity::Pass
    );
    assert!(
        !codes(&result.findings)
            .iter()
            .any(|c| c.starts_with("ENV_SECRET_") && *c != "ENV_SECRETS_GITIGNORED")
    );
}

#[test]
fn the_root_gitignore_of_a_monorepo_covers_an_app_folder() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let app = root.join("apps/web");
    fs::create_dir_all(&app).unwrap();
    git(root, &["init", "-q"]);
    fs::write(root.join(".gitignore"), "apps/*/.env.local\n").unwrap();
    fs::write(app.join(".env.local"), KEY_LINE).unwrap();
    fs::write(app.join(".env"), KEY_LINE).unwrap();
    let result = check_dir(&app, root);
    assert!(result.git.is_ignored(".env.local"));
    let finding = only(&result.findings, "ENV_SECRET_NOT_GITIGNORED");
    assert_eq!(finding.details.as_ref().unwrap()["file"], ".env");
    assert!(finding.message.contains("git check-ignore"));
}

#[test]
fn a_git_that_does_not_answer_in_time_falls_back_to_gitignore_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    fs::write(root.join(".gitignore"), ".env\n").unwrap();
    fs::write(root.join(".env"), KEY_LINE).unwrap();
    let result = check(root, root, Framework::Dotenv, Duration::ZERO);
    assert_eq!(result.git.source, GitSource::GitignoreFiles);
    assert!(result.git.note.as_deref().unwrap().contains("in time"));
    assert!(
        result.git.is_ignored(".env"),
        "the .gitignore file was still honoured"
    );
    assert_eq!(
        only(&result.findings, "ENV_GIT_CHECK_UNAVAILABLE").severity,
        Severity::Info
    );
}

/// One rule for "this value is a key": the value the key check would use is a secret for the
/// git check too, however short it is; a template's placeholder is neither.
#[test]
fn a_short_real_key_in_a_tracked_file_is_a_secret_and_a_placeholder_is_not() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    fs::write(root.join(".env"), "WORKOS_API_KEY=sk_test_tracked123456\n").unwrap();
    git(root, &["add", ".env"]);
    only(&check_dir(root, root).findings, "ENV_SECRET_TRACKED_BY_GIT");

    fs::write(
        root.join(".env"),
        "WORKOS_API_KEY=sk_test_xxxxxxxxxxxxxxxx\n",
    )
    .unwrap();
    assert!(!codes(&check_dir(root, root).findings).contains(&"ENV_SECRET_TRACKED_BY_GIT"));
}
