//! The OS credential store through keyring-core: Secret Service on Linux and the BSDs,
//! Keychain Services on macOS, Credential Manager on Windows.

use std::sync::{Arc, Mutex};

use keyring_core::api::CredentialStore;
use keyring_core::{Entry, Error};

use super::store::{SecretStore, StoreError};
use crate::foundation::sensitive::Sensitive;

/// The platform store, connected on first use and reconnected after a failure, so starting
/// or unlocking the keyring and pressing "try again" works without restarting the app.
#[derive(Default)]
pub struct SystemStore {
    connected: Mutex<Option<Arc<CredentialStore>>>,
}

impl std::fmt::Debug for SystemStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SystemStore").finish_non_exhaustive()
    }
}

impl SystemStore {
    pub fn new() -> Self {
        Self::default()
    }

    fn store(&self) -> Result<Arc<CredentialStore>, StoreError> {
        if let Some(store) = self.lock().as_ref() {
            return Ok(store.clone());
        }
        // Connect without holding the lock: a D-Bus activation can take long.
        let store = connect().map_err(|e| StoreError::Unavailable(e.to_string()))?;
        *self.lock() = Some(store.clone());
        Ok(store)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<Arc<CredentialStore>>> {
        self.connected
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn entry(&self, service: &str, account: &str) -> Result<Entry, StoreError> {
        let store = self.store()?;
        Entry::new_in_store(&store, service, account).map_err(|e| self.classify(e))
    }

    /// Maps an error, and forgets the connection when it may be dead.
    fn classify(&self, err: Error) -> StoreError {
        let mapped = map_error(err);
        if matches!(mapped, StoreError::Unavailable(_) | StoreError::Failed(_)) {
            *self.lock() = None;
        }
        mapped
    }
}

impl SecretStore for SystemStore {
    fn set(
        &self,
        service: &str,
        account: &str,
        secret: &Sensitive<String>,
    ) -> Result<(), StoreError> {
        let entry = self.entry(service, account)?;
        entry
            .set_password(secret.expose())
            .map_err(|e| self.classify(e))
    }

    fn get(&self, service: &str, account: &str) -> Result<Sensitive<String>, StoreError> {
        let entry = self.entry(service, account)?;
        entry
            .get_password()
            .map(Sensitive::new)
            .map_err(|e| self.classify(e))
    }

    fn delete(&self, service: &str, account: &str) -> Result<(), StoreError> {
        let entry = self.entry(service, account)?;
        entry.delete_credential().map_err(|e| self.classify(e))
    }
}

/// D-Bus errors that mean "nobody provides the Secret Service here".
const NO_PROVIDER_MARKERS: [&str; 3] = [
    "ServiceUnknown",
    "NameHasNoOwner",
    "no such file or directory",
];

/// Never formats the error with `{:?}` or keeps its payload: `BadEncoding` carries the secret's bytes.
fn map_error(err: Error) -> StoreError {
    match err {
        Error::NoEntry => StoreError::NotFound,
        Error::NoStorageAccess(e) => StoreError::Locked(e.to_string()),
        Error::NoDefaultStore => StoreError::Unavailable("no default credential store".into()),
        Error::BadEncoding(_) | Error::BadDataFormat(..) => StoreError::BadData,
        Error::Ambiguous(entries) => {
            StoreError::Failed(format!("{} entries match this profile", entries.len()))
        }
        Error::PlatformFailure(e) => {
            let text = e.to_string();
            if NO_PROVIDER_MARKERS
                .iter()
                .any(|m| text.to_lowercase().contains(&m.to_lowercase()))
            {
                StoreError::Unavailable(text)
            } else {
                StoreError::Failed(text)
            }
        }
        other => StoreError::Failed(other.to_string()),
    }
}

#[cfg(all(
    unix,
    not(any(target_os = "macos", target_os = "ios", target_os = "android"))
))]
fn connect() -> keyring_core::Result<Arc<CredentialStore>> {
    Ok(zbus_secret_service_keyring_store::Store::new()?)
}

#[cfg(target_os = "macos")]
fn connect() -> keyring_core::Result<Arc<CredentialStore>> {
    Ok(apple_native_keyring_store::keychain::Store::new()?)
}

#[cfg(target_os = "windows")]
fn connect() -> keyring_core::Result<Arc<CredentialStore>> {
    Ok(windows_native_keyring_store::Store::new()?)
}

#[cfg(not(any(unix, windows)))]
fn connect() -> keyring_core::Result<Arc<CredentialStore>> {
    Err(Error::NoDefaultStore)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_encoding_never_keeps_the_bytes() {
        let mapped = map_error(Error::BadEncoding(b"sk_test_secret".to_vec()));
        assert_eq!(mapped, StoreError::BadData);
        assert!(!format!("{mapped:?} {mapped}").contains("sk_test"));
    }

    #[test]
    fn missing_provider_is_unavailable_not_a_generic_failure() {
        let err =
            Error::PlatformFailure("org.freedesktop.DBus.Error.ServiceUnknown: no owner".into());
        assert!(matches!(map_error(err), StoreError::Unavailable(_)));
        assert!(matches!(
            map_error(Error::NoStorageAccess("locked".into())),
            StoreError::Locked(_)
        ));
        assert_eq!(map_error(Error::NoEntry), StoreError::NotFound);
    }
}
