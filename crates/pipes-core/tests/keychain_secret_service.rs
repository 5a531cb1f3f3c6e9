//! The keychain against the REAL Secret Service (gnome-keyring on a private D-Bus session).
//! Run through `scripts/with-keyring.sh cargo test -p pipes-core --test keychain_secret_service`.

use std::time::{Duration, Instant};

use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::local::keychain::{Keychain, KeychainErrorCode, ProfileId, SecretKind};
use pipes_core::workos::key::KeyEnvironment;

/// True when running inside scripts/with-keyring.sh. Outside it, fails loudly unless
/// PIPES_SKIP_KEYCHAIN_TESTS=1, so a CI that forgot the script cannot pass silently.
fn inside_keyring_script() -> bool {
    if std::env::var("PIPES_KEYRING_SCRIPT").as_deref() == Ok("1") {
        return true;
    }
    if std::env::var("PIPES_SKIP_KEYCHAIN_TESTS").as_deref() == Ok("1") {
        eprintln!("skipped: PIPES_SKIP_KEYCHAIN_TESTS=1");
        return false;
    }
    panic!(
        "keychain tests need a real Secret Service: run them as \
         `scripts/with-keyring.sh cargo test -p pipes-core --test keychain_secret_service` \
         (or set PIPES_SKIP_KEYCHAIN_TESTS=1 to skip them deliberately)"
    );
}

/// A keychain under a service name of its own, so tests never touch real entries or each other.
fn test_keychain(test: &str) -> Keychain {
    Keychain::system().with_service(format!(
        "dev.pipes-setup.test.{test}.{}",
        std::process::id()
    ))
}

fn key(value: &str) -> Sensitive<String> {
    Sensitive::new(value.to_string())
}

#[tokio::test]
async fn api_key_round_trip_store_read_delete() {
    if !inside_keyring_script() {
        return;
    }
    let keychain = test_keychain("round-trip");
    let profile = ProfileId::new("0123456789abcdef/sandbox").unwrap();
    let secret = key("sk_test_roundtrip0000000000001a2b");

    let started = Instant::now();
    let stored = keychain.store_api_key(&profile, &secret).await.unwrap();
    let read = keychain.read_api_key(&profile).await.unwrap();
    keychain.delete_api_key(&profile).await.unwrap();
    eprintln!(
        "set/get/delete round trip: {} ms",
        started.elapsed().as_millis()
    );

    assert_eq!(read, secret);
    assert_eq!(stored.fingerprint, "sk_test_…1a2b");
    assert_eq!(stored.profile, "0123456789abcdef/sandbox");
    let gone = keychain.read_api_key(&profile).await.unwrap_err();
    assert_eq!(gone.code, KeychainErrorCode::NotFound);
}

#[tokio::test]
async fn a_second_store_replaces_the_first() {
    if !inside_keyring_script() {
        return;
    }
    let keychain = test_keychain("replace");
    let profile = ProfileId::new("acme/sandbox").unwrap();
    keychain
        .store_api_key(&profile, &key("sk_test_first00000000000000aaaa"))
        .await
        .unwrap();
    keychain
        .store_api_key(&profile, &key("sk_test_second0000000000000bbbb"))
        .await
        .unwrap();
    assert_eq!(
        keychain.read_api_key(&profile).await.unwrap(),
        key("sk_test_second0000000000000bbbb")
    );
    keychain.delete_api_key(&profile).await.unwrap();
}

#[tokio::test]
async fn profiles_and_kinds_are_isolated() {
    if !inside_keyring_script() {
        return;
    }
    let keychain = test_keychain("isolation");
    let project = tempfile::tempdir().unwrap();
    let sandbox = ProfileId::for_project(project.path(), KeyEnvironment::Sandbox);
    let production = ProfileId::for_project(project.path(), KeyEnvironment::Production);
    let other_project = ProfileId::new("other-project/sandbox").unwrap();

    keychain
        .store_api_key(&sandbox, &key("sk_test_sandbox000000000000s111"))
        .await
        .unwrap();
    keychain
        .store_api_key(&production, &key("sk_live_production000000000p222"))
        .await
        .unwrap();
    keychain
        .store_webhook_secret(&sandbox, &key("whsec_webhook0000000000000w333"))
        .await
        .unwrap();

    assert_eq!(
        keychain.read_api_key(&sandbox).await.unwrap(),
        key("sk_test_sandbox000000000000s111")
    );
    assert_eq!(
        keychain.read_api_key(&production).await.unwrap(),
        key("sk_live_production000000000p222")
    );
    assert_eq!(
        keychain.read_webhook_secret(&sandbox).await.unwrap(),
        key("whsec_webhook0000000000000w333")
    );
    let missing = keychain.read_api_key(&other_project).await.unwrap_err();
    assert_eq!(missing.code, KeychainErrorCode::NotFound);
    let no_webhook = keychain.read_webhook_secret(&production).await.unwrap_err();
    assert_eq!(no_webhook.code, KeychainErrorCode::NotFound);

    // Deleting one entry leaves the others alone.
    keychain.delete_api_key(&sandbox).await.unwrap();
    assert_eq!(
        keychain.read_webhook_secret(&sandbox).await.unwrap(),
        key("whsec_webhook0000000000000w333")
    );
    assert_eq!(
        keychain.read_api_key(&production).await.unwrap(),
        key("sk_live_production000000000p222")
    );

    keychain.delete_api_key(&production).await.unwrap();
    keychain.delete_webhook_secret(&sandbox).await.unwrap();
}

#[tokio::test]
async fn fingerprints_without_the_secret() {
    if !inside_keyring_script() {
        return;
    }
    let keychain = test_keychain("fingerprint");
    let profile = ProfileId::new("fp/production").unwrap();
    assert_eq!(
        keychain
            .secret_fingerprint(&profile, SecretKind::ApiKey)
            .await
            .unwrap(),
        None
    );

    keychain
        .store_api_key(&profile, &key("sk_live_fingerprinted000000z9y8"))
        .await
        .unwrap();
    let shown = keychain
        .secret_fingerprint(&profile, SecretKind::ApiKey)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(shown.fingerprint, "sk_live_…z9y8");
    let json = serde_json::to_string(&shown).unwrap();
    assert!(!json.contains("fingerprinted"), "{json}");
    keychain.delete_api_key(&profile).await.unwrap();
}

#[tokio::test]
async fn deleting_twice_is_not_found() {
    if !inside_keyring_script() {
        return;
    }
    let keychain = test_keychain("delete");
    let profile = ProfileId::new("del/sandbox").unwrap();
    keychain
        .store_api_key(&profile, &key("sk_test_delete00000000000000dddd"))
        .await
        .unwrap();
    keychain.delete_api_key(&profile).await.unwrap();
    let again = keychain.delete_api_key(&profile).await.unwrap_err();
    assert_eq!(again.code, KeychainErrorCode::NotFound);
}

#[tokio::test]
async fn canary_self_test_passes_with_round_trip_time() {
    if !inside_keyring_script() {
        return;
    }
    let keychain = test_keychain("canary");
    // The first test connects to the Secret Service (D-Bus + DH session); the second reuses it.
    for run in ["cold", "warm"] {
        let finding = keychain.self_test().await;
        assert_eq!(finding.code, "KEYCHAIN_OK", "{finding:?}");
        let ms = finding.details.as_ref().unwrap()["round_trip_ms"]
            .as_u64()
            .unwrap();
        eprintln!("canary round trip ({run}): {ms} ms");
        assert!(ms < 3_000);
    }
}

#[tokio::test]
async fn keychain_answers_well_within_its_timeout() {
    if !inside_keyring_script() {
        return;
    }
    let keychain = test_keychain("timing").with_timeout(Duration::from_secs(3));
    let profile = ProfileId::new("timing/sandbox").unwrap();
    let started = Instant::now();
    let err = keychain.read_api_key(&profile).await.unwrap_err();
    assert_eq!(err.code, KeychainErrorCode::NotFound);
    assert!(started.elapsed() < Duration::from_secs(2));
}
