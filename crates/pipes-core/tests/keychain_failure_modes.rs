//! Keychain failure modes against real infrastructure: no D-Bus session, a locked keyring.
//! Each case runs in a child process (this test binary, re-executed) because the store's
//! environment (bus address) is fixed per process.

use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::local::keychain::{Keychain, KeychainErrorCode, ProfileId};

const CHILD_ENV: &str = "PIPES_KEYCHAIN_CHILD";

fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Re-runs one test of this binary as a child; the child sees `PIPES_KEYCHAIN_CHILD=1`.
fn child(test: &str) -> Command {
    let mut cmd = Command::new(std::env::current_exe().unwrap());
    cmd.args(["--exact", test, "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, "1");
    cmd
}

fn in_child() -> bool {
    std::env::var(CHILD_ENV).as_deref() == Ok("1")
}

fn assert_child_passed(output: std::process::Output) {
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    eprintln!("--- child output ---\n{text}");
    assert!(output.status.success(), "child failed:\n{text}");
    assert!(
        text.contains("1 passed"),
        "child did not run its test:\n{text}"
    );
}

fn gnome_keyring_present() -> bool {
    let found = ["dbus-run-session", "gnome-keyring-daemon", "dbus-send"]
        .iter()
        .all(|tool| {
            Command::new("sh")
                .args(["-c", &format!("command -v {tool}")])
                .output()
                .is_ok_and(|o| o.status.success())
        });
    if !found && std::env::var("PIPES_SKIP_KEYCHAIN_TESTS").as_deref() != Ok("1") {
        panic!(
            "this test needs gnome-keyring, dbus-run-session and dbus-send \
             (apt-get install -y --no-install-recommends gnome-keyring dbus), \
             or PIPES_SKIP_KEYCHAIN_TESTS=1 to skip it deliberately"
        );
    }
    found
}

#[test]
fn no_session_bus_is_keychain_unavailable_and_fast() {
    let empty_runtime = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let output = child("child_without_bus")
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env("XDG_RUNTIME_DIR", empty_runtime.path())
        .output()
        .unwrap();
    assert_child_passed(output);
    assert!(started.elapsed() < Duration::from_secs(10));
}

#[tokio::test]
async fn child_without_bus() {
    if !in_child() {
        return;
    }
    let keychain = Keychain::system().with_service("dev.pipes-setup.test.nobus");
    let profile = ProfileId::new("nobus/sandbox").unwrap();
    let started = Instant::now();
    let err = keychain.read_api_key(&profile).await.unwrap_err();
    eprintln!(
        "no bus answered in {} ms: {err}",
        started.elapsed().as_millis()
    );
    assert_eq!(err.code, KeychainErrorCode::Unavailable, "{err}");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "no bus must fail fast, not time out"
    );
    assert!(err.remediation.contains("gnome-keyring") || !cfg!(target_os = "linux"));

    let finding = keychain.self_test().await;
    assert_eq!(finding.code, "KEYCHAIN_UNAVAILABLE");
    assert!(finding.remediation.is_some());

    let stored = keychain
        .store_api_key(
            &profile,
            &Sensitive::new("sk_test_nobus0000000000000000".into()),
        )
        .await;
    assert_eq!(stored.unwrap_err().code, KeychainErrorCode::Unavailable);
}

#[test]
fn locked_keyring_is_keychain_locked() {
    if !gnome_keyring_present() {
        return;
    }
    let output = Command::new(repo_root().join("scripts/with-keyring.sh"))
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_with_locked_keyring",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, "1")
        .output()
        .unwrap();
    assert_child_passed(output);
}

/// Locks the default collection over D-Bus; gnome-keyring's Lock needs no prompt.
fn lock_login_collection() {
    let status = Command::new("dbus-send")
        .args([
            "--session",
            "--print-reply",
            "--dest=org.freedesktop.secrets",
            "/org/freedesktop/secrets",
            "org.freedesktop.Secret.Service.Lock",
            "array:objpath:/org/freedesktop/secrets/collection/login",
        ])
        .status()
        .unwrap();
    assert!(status.success(), "dbus-send Lock failed");
}

#[tokio::test]
async fn child_with_locked_keyring() {
    if !in_child() {
        return;
    }
    let keychain = Keychain::system().with_service("dev.pipes-setup.test.locked");
    let profile = ProfileId::new("locked/sandbox").unwrap();
    let secret = Sensitive::new("sk_test_locked00000000000000lllll".to_string());
    keychain.store_api_key(&profile, &secret).await.unwrap();

    lock_login_collection();

    let started = Instant::now();
    let read = keychain.read_api_key(&profile).await.unwrap_err();
    eprintln!(
        "locked read answered in {} ms: {read}",
        started.elapsed().as_millis()
    );
    assert_eq!(read.code, KeychainErrorCode::Locked, "{read}");
    assert!(read.remediation.to_lowercase().contains("unlock"));

    let write = keychain.store_api_key(&profile, &secret).await.unwrap_err();
    eprintln!("locked write: {write}");
    assert_eq!(write.code, KeychainErrorCode::Locked, "{write}");

    let finding = keychain.self_test().await;
    assert_eq!(finding.code, "KEYCHAIN_LOCKED", "{finding:?}");
}

/// A session bus with no keyring running: D-Bus activates gnome-keyring on demand, which
/// has no login keyring and cannot show the prompt to create one. Must fail fast, not hang.
#[test]
fn bus_without_a_keyring_fails_fast_without_hanging() {
    if !gnome_keyring_present() {
        return;
    }
    let scratch = tempfile::tempdir().unwrap();
    let runtime = scratch.path().join("runtime");
    std::fs::create_dir_all(&runtime).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&runtime, std::fs::Permissions::from_mode(0o700)).unwrap();
    }
    let output = Command::new("dbus-run-session")
        .arg("--")
        .arg(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "child_with_bus_but_no_keyring",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_ENV, "1")
        .env("XDG_RUNTIME_DIR", &runtime)
        .env("XDG_DATA_HOME", scratch.path().join("data"))
        .output()
        .unwrap();
    assert_child_passed(output);
}

#[tokio::test]
async fn child_with_bus_but_no_keyring() {
    if !in_child() {
        return;
    }
    let keychain = Keychain::system().with_service("dev.pipes-setup.test.nokeyring");
    let profile = ProfileId::new("nokeyring/sandbox").unwrap();
    let started = Instant::now();
    let stored = keychain
        .store_api_key(
            &profile,
            &Sensitive::new("sk_test_nokeyring000000000000".into()),
        )
        .await;
    eprintln!(
        "store without a keyring answered in {} ms: {stored:?}",
        started.elapsed().as_millis()
    );
    let err = stored.unwrap_err();
    assert!(
        matches!(
            err.code,
            KeychainErrorCode::Locked | KeychainErrorCode::Unavailable
        ),
        "{err}"
    );
    let finding = keychain.self_test().await;
    eprintln!("self-test: {} {}", finding.code, finding.message);
    assert_ne!(finding.code, "KEYCHAIN_OK");
    assert_ne!(finding.code, "KEYCHAIN_TIMEOUT");
}
