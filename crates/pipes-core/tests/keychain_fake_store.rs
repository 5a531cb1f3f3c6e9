//! Keychain logic over fake stores: the timeout against a store that hangs forever, and
//! that no type of the keychain module lets a secret out through Debug or an error message.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::local::keychain::{
    Keychain, KeychainErrorCode, ProfileId, SecretKind, SecretStore, StoreError,
};

/// Blocks every call until the test process ends: a keychain daemon that never answers.
struct HangingStore;

impl HangingStore {
    fn hang<T>() -> T {
        loop {
            std::thread::park();
        }
    }
}

impl SecretStore for HangingStore {
    fn set(&self, _: &str, _: &str, _: &Sensitive<String>) -> Result<(), StoreError> {
        Self::hang()
    }
    fn get(&self, _: &str, _: &str) -> Result<Sensitive<String>, StoreError> {
        Self::hang()
    }
    fn delete(&self, _: &str, _: &str) -> Result<(), StoreError> {
        Self::hang()
    }
}

#[derive(Default)]
struct MemoryStore(Mutex<HashMap<(String, String), Sensitive<String>>>);

impl SecretStore for MemoryStore {
    fn set(
        &self,
        service: &str,
        account: &str,
        secret: &Sensitive<String>,
    ) -> Result<(), StoreError> {
        self.0
            .lock()
            .unwrap()
            .insert((service.into(), account.into()), secret.clone());
        Ok(())
    }
    fn get(&self, service: &str, account: &str) -> Result<Sensitive<String>, StoreError> {
        self.0
            .lock()
            .unwrap()
            .get(&(service.into(), account.into()))
            .cloned()
            .ok_or(StoreError::NotFound)
    }
    fn delete(&self, service: &str, account: &str) -> Result<(), StoreError> {
        self.0
            .lock()
            .unwrap()
            .remove(&(service.into(), account.into()))
            .map(|_| ())
            .ok_or(StoreError::NotFound)
    }
}

/// Fails every call with a fixed error, to look at the error messages.
struct FailingStore(StoreError);

impl SecretStore for FailingStore {
    fn set(&self, _: &str, _: &str, _: &Sensitive<String>) -> Result<(), StoreError> {
        Err(self.0.clone())
    }
    fn get(&self, _: &str, _: &str) -> Result<Sensitive<String>, StoreError> {
        Err(self.0.clone())
    }
    fn delete(&self, _: &str, _: &str) -> Result<(), StoreError> {
        Err(self.0.clone())
    }
}

const SECRET: &str = "sk_test_NEVERSHOWTHIS0000000000c0de";

fn profile() -> ProfileId {
    ProfileId::new("fake/sandbox").unwrap()
}

#[tokio::test]
async fn a_hanging_store_times_out_instead_of_hanging() {
    let keychain =
        Keychain::with_store(Arc::new(HangingStore)).with_timeout(Duration::from_millis(300));
    let started = Instant::now();
    let err = keychain.read_api_key(&profile()).await.unwrap_err();
    let waited = started.elapsed();
    assert_eq!(err.code, KeychainErrorCode::Timeout);
    assert!(
        waited >= Duration::from_millis(300) && waited < Duration::from_secs(2),
        "{waited:?}"
    );
    assert!(err.message.contains("0.3 s"), "{}", err.message);
}

#[tokio::test]
async fn every_operation_of_a_hanging_store_times_out() {
    let keychain =
        Keychain::with_store(Arc::new(HangingStore)).with_timeout(Duration::from_millis(100));
    let secret = Sensitive::new(SECRET.to_string());
    assert_eq!(
        keychain
            .store_api_key(&profile(), &secret)
            .await
            .unwrap_err()
            .code,
        KeychainErrorCode::Timeout
    );
    assert_eq!(
        keychain
            .delete_webhook_secret(&profile())
            .await
            .unwrap_err()
            .code,
        KeychainErrorCode::Timeout
    );
    let finding = keychain.self_test().await;
    assert_eq!(finding.code, "KEYCHAIN_TIMEOUT");
    assert!(finding.remediation.is_some());
}

#[tokio::test]
async fn the_default_timeout_is_three_seconds() {
    let keychain = Keychain::with_store(Arc::new(HangingStore));
    let started = Instant::now();
    let err = keychain.read_api_key(&profile()).await.unwrap_err();
    assert_eq!(err.code, KeychainErrorCode::Timeout);
    let waited = started.elapsed();
    assert!(
        waited >= Duration::from_secs(3) && waited < Duration::from_secs(4),
        "{waited:?}"
    );
}

#[tokio::test]
async fn empty_secrets_are_refused() {
    let keychain = Keychain::with_store(Arc::new(MemoryStore::default()));
    let err = keychain
        .store_api_key(&profile(), &Sensitive::new(String::new()))
        .await
        .unwrap_err();
    assert_eq!(err.code, KeychainErrorCode::EmptySecret);
}

#[tokio::test]
async fn canary_over_a_working_store_passes_and_leaves_nothing_behind() {
    let store = Arc::new(MemoryStore::default());
    let finding = Keychain::with_store(store.clone()).self_test().await;
    assert_eq!(finding.code, "KEYCHAIN_OK");
    assert!(store.0.lock().unwrap().is_empty());
}

#[tokio::test]
async fn the_secret_never_appears_in_debug_or_error_output() {
    let store = Arc::new(MemoryStore::default());
    let keychain = Keychain::with_store(store.clone());
    let secret = Sensitive::new(SECRET.to_string());
    let mut printed = Vec::new();

    let stored = keychain.store_api_key(&profile(), &secret).await;
    printed.push(format!(
        "{stored:?} {:?}",
        serde_json::to_string(stored.as_ref().unwrap()).unwrap()
    ));
    let read = keychain.read_api_key(&profile()).await;
    printed.push(format!("{read:?}"));
    assert_eq!(read.unwrap().expose(), SECRET);
    let fingerprint = keychain
        .secret_fingerprint(&profile(), SecretKind::ApiKey)
        .await;
    printed.push(format!("{fingerprint:?}"));
    printed.push(format!("{keychain:?} {:?}", Keychain::system()));

    let failures = [
        StoreError::Unavailable("no bus".into()),
        StoreError::Locked("prompt dismissed".into()),
        StoreError::NotFound,
        StoreError::BadData,
        StoreError::Failed("boom".into()),
    ];
    for failure in failures {
        let failing = Keychain::with_store(Arc::new(FailingStore(failure)));
        let err = failing
            .store_api_key(&profile(), &secret)
            .await
            .unwrap_err();
        let app: pipes_core::AppError = err.clone().into();
        printed.push(format!(
            "{err:?} {err} {app:?} {app} {:?}",
            err.to_finding()
        ));
        printed.push(format!("{:?}", failing.self_test().await));
    }
    let timed_out =
        Keychain::with_store(Arc::new(HangingStore)).with_timeout(Duration::from_millis(50));
    printed.push(format!(
        "{:?}",
        timed_out.store_api_key(&profile(), &secret).await
    ));

    for text in printed {
        assert!(!text.contains("NEVERSHOWTHIS"), "secret leaked: {text}");
    }
}

/// Tauri runs commands on a multi-threaded runtime: keychain futures must be `Send`.
#[test]
fn keychain_futures_are_send() {
    fn assert_send<T: Send>(_: &T) {}
    let keychain = Keychain::with_store(Arc::new(MemoryStore::default()));
    let profile = profile();
    let secret = Sensitive::new(SECRET.to_string());
    assert_send(&keychain.store_api_key(&profile, &secret));
    assert_send(&keychain.read_webhook_secret(&profile));
    assert_send(&keychain.self_test());
}
