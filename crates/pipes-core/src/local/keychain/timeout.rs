//! Runs a blocking store call on its own thread and gives up after a deadline.

use std::time::Duration;

use super::errors::{KeychainError, KeychainErrorCode};
use super::store::StoreError;

/// Runs `op` on a fresh OS thread. If it has not answered within `limit` the caller gets
/// `KEYCHAIN_TIMEOUT`; the thread is left to finish (or hang) on its own. A plain thread
/// rather than `spawn_blocking`, because a runtime waits for its blocking pool on shutdown
/// and a hung keychain call would then hang the app's exit.
pub(super) async fn run_with_timeout<T, F>(limit: Duration, op: F) -> Result<T, KeychainError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, StoreError> + Send + 'static,
{
    let (tx, rx) = tokio::sync::oneshot::channel();
    let spawned = std::thread::Builder::new()
        .name("keychain-call".into())
        .spawn(move || {
            let _ = tx.send(op());
        });
    if let Err(e) = spawned {
        return Err(KeychainError::new(
            KeychainErrorCode::Failed,
            format!("Could not start a thread for the keychain call: {e}"),
        ));
    }
    match tokio::time::timeout(limit, rx).await {
        Ok(Ok(result)) => result.map_err(KeychainError::from),
        Ok(Err(_)) => Err(KeychainError::new(
            KeychainErrorCode::Failed,
            "The keychain call ended without an answer (it panicked).",
        )),
        Err(_) => Err(KeychainError::timed_out(limit)),
    }
}
