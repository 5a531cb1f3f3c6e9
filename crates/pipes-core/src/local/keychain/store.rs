//! The seam between the keychain logic and an actual credential store.

use crate::foundation::sensitive::Sensitive;

/// Why a store call failed. Messages come from the platform and never contain the secret.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// No credential store to talk to (no D-Bus session, no Secret Service provider).
    #[error("no credential store is available: {0}")]
    Unavailable(String),
    /// The store is there but locked, or the user dismissed the unlock prompt.
    #[error(
        "the keyring is locked, or its unlock prompt was dismissed or could not be shown ({0})"
    )]
    Locked(String),
    #[error("no such entry")]
    NotFound,
    /// The stored value is not text (written by something else).
    #[error("the stored value is not valid text")]
    BadData,
    #[error("the credential store failed: {0}")]
    Failed(String),
}

/// A blocking credential store. Implementations may block or hang; [`super::Keychain`] runs
/// every call on its own thread under a timeout.
pub trait SecretStore: Send + Sync + 'static {
    fn set(
        &self,
        service: &str,
        account: &str,
        secret: &Sensitive<String>,
    ) -> Result<(), StoreError>;
    fn get(&self, service: &str, account: &str) -> Result<Sensitive<String>, StoreError>;
    fn delete(&self, service: &str, account: &str) -> Result<(), StoreError>;
}
