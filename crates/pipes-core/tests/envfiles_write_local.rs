//! Writing the key into the app's local env file, in real git repositories.

use std::fs;
use std::path::Path;
use std::process::Command;

use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::local::envfiles::EnvWrite;

const KEY: &str = "sk_test_written_by_the_wizard_4321";

fn next_app_in_git() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("package.json"),
        r#"{"dependencies":{"next":"15.0.0"}}"#,
    )
    .unwrap();
    git(dir.path(), &["init", "-q"]);
    dir
}

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .args(args)
        .current_dir(dir)
        .status()
        .unwrap()
        .success()
}

fn key() -> Sensitive<String> {
    Sensitive::new(KEY.to_string())
}

#[test]
fn the_preview_masks_the_key_and_the_write_ignores_the_file_first() {
    let dir = next_app_in_git();
    let write = EnvWrite::prepare(dir.path(), dir.path(), &key(), Some("client_01ABC")).unwrap();
    let preview = write.view();
    assert_eq!(preview.file, ".env.local");
    assert!(preview.creates_file);
    assert!(
        preview
            .after_masked
            .contains("WORKOS_API_KEY=sk_test_…4321")
    );
    assert!(
        !serde_json::to_string(&preview).unwrap().contains(KEY),
        "the preview holds no secret"
    );
    assert!(
        !dir.path().join(".env.local").exists(),
        "nothing written before apply"
    );

    write.apply(&key()).unwrap();
    let written = fs::read_to_string(dir.path().join(".env.local")).unwrap();
    assert_eq!(
        written,
        format!("WORKOS_API_KEY={KEY}\nWORKOS_CLIENT_ID=client_01ABC\n")
    );
    assert!(
        git(dir.path(), &["check-ignore", "-q", ".env.local"]),
        "git ignores it"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(dir.path().join(".env.local"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600);
    }
}

#[test]
fn other_lines_and_comments_are_kept() {
    let dir = next_app_in_git();
    fs::write(dir.path().join(".gitignore"), ".env*.local\n").unwrap();
    fs::write(
        dir.path().join(".env.local"),
        "# db\nDATABASE_URL=postgres://x\nWORKOS_API_KEY=sk_test_old\n",
    )
    .unwrap();
    let write = EnvWrite::prepare(dir.path(), dir.path(), &key(), None).unwrap();
    let preview = write.view();
    assert!(preview.gitignore.is_none(), "already ignored");
    write.apply(&key()).unwrap();
    let written = fs::read_to_string(dir.path().join(".env.local")).unwrap();
    assert_eq!(
        written,
        format!("# db\nDATABASE_URL=postgres://x\nWORKOS_API_KEY={KEY}\n")
    );
}

#[test]
fn a_file_changed_after_the_preview_is_not_overwritten() {
    let dir = next_app_in_git();
    let write = EnvWrite::prepare(dir.path(), dir.path(), &key(), None).unwrap();
    fs::write(dir.path().join(".env.local"), "SOMEONE=else\n").unwrap();
    let error = write.apply(&key()).unwrap_err();
    assert_eq!(error.code, "ENV_FILE_CHANGED");
    assert_eq!(
        fs::read_to_string(dir.path().join(".env.local")).unwrap(),
        "SOMEONE=else\n"
    );
}

#[test]
fn a_file_git_tracks_is_refused() {
    let dir = next_app_in_git();
    fs::write(dir.path().join(".env.local"), "A=1\n").unwrap();
    git(dir.path(), &["add", ".env.local"]);
    let error = EnvWrite::prepare(dir.path(), dir.path(), &key(), None)
        .err()
        .unwrap();
    assert_eq!(error.code, "ENV_FILE_TRACKED");
}

#[test]
fn plain_dotenv_apps_get_their_dot_env() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("requirements.txt"), "workos\n").unwrap();
    let write = EnvWrite::prepare(dir.path(), dir.path(), &key(), None).unwrap();
    let preview = write.view();
    assert_eq!(preview.file, ".env");
}
