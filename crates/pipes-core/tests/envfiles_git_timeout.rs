//! A `git` that hangs is killed after the timeout. Its own test binary, because it puts a fake
//! `git` first on PATH for the whole process.
#![cfg(unix)]

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::time::{Duration, Instant};

use pipes_core::local::envfiles::{Framework, GitSource, check};

#[test]
fn a_hanging_git_is_killed_after_the_timeout() {
    let bin = tempfile::tempdir().unwrap();
    let fake_git = bin.path().join("git");
    fs::write(&fake_git, "#!/bin/sh\nexec sleep 30\n").unwrap();
    fs::set_permissions(&fake_git, fs::Permissions::from_mode(0o755)).unwrap();
    let path = format!(
        "{}:{}",
        bin.path().display(),
        std::env::var("PATH").unwrap_or_default()
    );
    // SAFETY: the only test in this binary, so no other thread reads the environment meanwhile.
    unsafe { std::env::set_var("PATH", path) };

    let app = tempfile::tempdir().unwrap();
    fs::write(
        app.path().join(".env"),
        "WORKOS_API_KEY=sk_test_a1B2c3D4e5F6g7H8i9J0k\n",
    )
    .unwrap();
    let started = Instant::now();
    let result = check(
        app.path(),
        app.path(),
        Framework::Dotenv,
        Duration::from_millis(300),
    );
    let elapsed = started.elapsed();
    assert!(
        elapsed >= Duration::from_millis(300) && elapsed < Duration::from_secs(5),
        "{elapsed:?}"
    );
    assert_eq!(result.git.source, GitSource::GitignoreFiles);
    assert_eq!(
        result.git.note.as_deref(),
        Some("git did not answer in time")
    );
    assert!(
        result
            .findings
            .iter()
            .any(|f| f.code == "ENV_SECRET_NOT_GITIGNORED")
    );
}
