//! Saving the user's key for a project and getting it back after a restart, through the real
//! Secret Service (run inside scripts/with-keyring.sh).

use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::local::keychain::Keychain;
use pipes_core::local::settings::SettingsStore;
use pipes_core::workos::account;

fn inside_keyring_script() -> bool {
    if std::env::var("PIPES_KEYRING_SCRIPT").as_deref() == Ok("1") {
        return true;
    }
    if std::env::var("PIPES_SKIP_KEYCHAIN_TESTS").as_deref() == Ok("1") {
        return false;
    }
    panic!(
        "run through scripts/with-keyring.sh (or set PIPES_SKIP_KEYCHAIN_TESTS=1 to skip deliberately)"
    );
}

fn keychain() -> Keychain {
    Keychain::system().with_service(format!(
        "dev.pipes-setup.test.account.{}",
        std::process::id()
    ))
}

#[tokio::test]
async fn a_saved_key_comes_back_after_a_restart_and_the_settings_hold_only_its_fingerprint() {
    if !inside_keyring_script() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let settings_path = dir.path().join("settings.json");
    let project = dir.path().join("shop");
    std::fs::create_dir(&project).unwrap();
    let key = "sk_test_account_round_trip_9876";

    let settings = SettingsStore::open(settings_path.clone());
    let saved = account::save_api_key(
        &keychain(),
        &settings,
        &project,
        Sensitive::new(format!("  {key}\n")),
        "http://x",
    )
    .await
    .unwrap();
    assert_eq!(saved.key().expose(), key, "pasted whitespace is trimmed");
    assert!(saved.info().key_fingerprint.ends_with("9876"));

    let on_disk = std::fs::read_to_string(&settings_path).unwrap();
    assert!(!on_disk.contains(key) && on_disk.contains("sk_test_…9876"));

    let reopened = SettingsStore::open(settings_path);
    let restored = account::restore(&keychain(), &reopened, "http://x")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(restored.key().expose(), key);
    assert!(!restored.info().demo);

    account::forget_account(&reopened).unwrap();
    assert!(
        account::restore(&keychain(), &reopened, "http://x")
            .await
            .is_none()
    );
}

#[tokio::test]
async fn a_value_that_is_not_a_key_is_refused_before_the_keychain() {
    let dir = tempfile::tempdir().unwrap();
    let settings = SettingsStore::open(dir.path().join("settings.json"));
    let error = account::save_api_key(
        &keychain(),
        &settings,
        dir.path(),
        Sensitive::new("client_123".into()),
        "http://x",
    )
    .await
    .unwrap_err();
    assert_eq!(error.code, "KEY_FORMAT_INVALID");
    assert!(settings.snapshot().account.is_none());
}
