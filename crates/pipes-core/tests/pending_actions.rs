//! The two apply commands as the shell runs them (`state.pending.take::<T>(&id)?.apply(…)`), in
//! real git repositories: forged and replayed ids, files changed or newly tracked after the
//! preview, a key switched in between, and the ignore rule taken away.

use std::fs;
use std::path::Path;
use std::process::Command;

use pipes_core::Fix;
use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::local::envfiles::{EnvWrite, GitignoreChange, prepare_fix};
use pipes_core::runtime::PendingActions;

const KEY: &str = "sk_test_written_by_the_wizard_4321";

fn key(value: &str) -> Sensitive<String> {
    Sensitive::new(value.to_string())
}

fn app_in_git() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("package.json"), r#"{"name":"shop"}"#).unwrap();
    git(dir.path(), &["init", "-q"]);
    dir
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.email=t@t", "-c", "user.name=t"])
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap();
    assert!(status.success(), "git {args:?}");
}

/// What `preview_env_write` does: prepare in Rust, keep it, hand out the id.
fn propose_env_write(pending: &PendingActions, dir: &Path) -> String {
    let write = EnvWrite::prepare(dir, dir, &key(KEY), Some("client_01ABC")).unwrap();
    let view = write.view();
    pending.propose(write, view).unwrap().id
}

/// What `apply_env_write` does with an id and the key the app holds now.
fn apply_env_write(pending: &PendingActions, id: &str, current: &str) -> Result<(), String> {
    let write = pending.take::<EnvWrite>(id).map_err(|e| e.code)?;
    write.apply(&key(current)).map_err(|e| e.code)
}

fn propose_gitignore(pending: &PendingActions, dir: &Path) -> String {
    let fix = Fix::AddToGitignore {
        project: dir.to_string_lossy().into(),
        line: ".env".into(),
    };
    let change = prepare_fix(&fix, |folder| folder.starts_with(dir)).unwrap();
    let view = change.view();
    pending.propose(change, view).unwrap().id
}

fn apply_gitignore(pending: &PendingActions, id: &str) -> Result<(), String> {
    let change = pending.take::<GitignoreChange>(id).map_err(|e| e.code)?;
    change.apply().map_err(|e| e.code)
}

#[test]
fn env_write_applies_once_and_refuses_forged_and_replayed_ids() {
    let dir = app_in_git();
    let pending = PendingActions::default();
    let id = propose_env_write(&pending, dir.path());
    assert_eq!(
        apply_env_write(&pending, "ffffffffffffffffffffffffffffffff", KEY),
        Err("ACTION_UNKNOWN".into())
    );
    assert!(
        !dir.path().join(".env").exists(),
        "a forged id writes nothing"
    );
    assert_eq!(apply_env_write(&pending, &id, KEY), Ok(()));
    let written = fs::read_to_string(dir.path().join(".env")).unwrap();
    assert_eq!(
        written,
        format!("WORKOS_API_KEY={KEY}\nWORKOS_CLIENT_ID=client_01ABC\n")
    );
    fs::write(dir.path().join(".env"), "KEPT=1\n").unwrap();
    assert_eq!(
        apply_env_write(&pending, &id, KEY),
        Err("ACTION_UNKNOWN".into())
    );
    assert_eq!(
        fs::read_to_string(dir.path().join(".env")).unwrap(),
        "KEPT=1\n"
    );
}

#[test]
fn env_write_refuses_a_file_that_changed_or_became_tracked_since_the_preview() {
    let dir = app_in_git();
    fs::write(dir.path().join(".gitignore"), ".env\n").unwrap();
    fs::write(dir.path().join(".env"), "A=1\n").unwrap();
    let pending = PendingActions::default();

    let changed = propose_env_write(&pending, dir.path());
    fs::write(dir.path().join(".env"), "A=2\n").unwrap();
    assert_eq!(
        apply_env_write(&pending, &changed, KEY),
        Err("ENV_FILE_CHANGED".into())
    );

    let tracked = propose_env_write(&pending, dir.path());
    git(dir.path(), &["add", "-f", ".env"]);
    assert_eq!(
        apply_env_write(&pending, &tracked, KEY),
        Err("ENV_FILE_TRACKED".into())
    );
    assert_eq!(
        fs::read_to_string(dir.path().join(".env")).unwrap(),
        "A=2\n"
    );
}

#[test]
fn env_write_refuses_another_key_and_a_file_no_longer_ignored() {
    let dir = app_in_git();
    fs::write(dir.path().join(".gitignore"), ".env\n").unwrap();
    let pending = PendingActions::default();

    let other_key = propose_env_write(&pending, dir.path());
    assert_eq!(
        apply_env_write(&pending, &other_key, "sk_test_another_key_entirely_9876"),
        Err("ENV_WRITE_KEY_CHANGED".into())
    );

    let unignored = propose_env_write(&pending, dir.path());
    fs::write(dir.path().join(".gitignore"), "node_modules\n").unwrap();
    assert_eq!(
        apply_env_write(&pending, &unignored, KEY),
        Err("ENV_FILE_NOT_IGNORED".into())
    );
    assert!(
        !dir.path().join(".env").exists(),
        "the key was never written"
    );
}

#[test]
fn gitignore_fix_applies_once_and_refuses_forged_replayed_and_changed() {
    let dir = app_in_git();
    fs::write(dir.path().join(".gitignore"), "node_modules\n").unwrap();
    let pending = PendingActions::default();

    assert_eq!(
        apply_gitignore(&pending, "not-an-id"),
        Err("ACTION_UNKNOWN".into())
    );
    let changed = propose_gitignore(&pending, dir.path());
    fs::write(dir.path().join(".gitignore"), "node_modules\ndist\n").unwrap();
    assert_eq!(
        apply_gitignore(&pending, &changed),
        Err("GITIGNORE_CHANGED".into())
    );

    let id = propose_gitignore(&pending, dir.path());
    assert_eq!(apply_gitignore(&pending, &id), Ok(()));
    assert_eq!(
        fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
        "node_modules\ndist\n.env\n"
    );
    assert_eq!(apply_gitignore(&pending, &id), Err("ACTION_UNKNOWN".into()));
}

#[test]
fn an_id_for_one_kind_of_change_cannot_apply_the_other() {
    let dir = app_in_git();
    let pending = PendingActions::default();
    let gitignore = propose_gitignore(&pending, dir.path());
    assert_eq!(
        apply_env_write(&pending, &gitignore, KEY),
        Err("ACTION_UNKNOWN".into())
    );
    assert!(!dir.path().join(".env").exists());
    assert!(!dir.path().join(".gitignore").exists());
}
