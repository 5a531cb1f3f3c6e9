//! Disk, git and keychain work runs on the blocking pool, never on the window's main thread.

use pipes_core::codes::FoundationCode;
use pipes_core::{AppError, AppResult};

/// Runs `work` on the blocking pool; a panic in it becomes an `INTERNAL_ERROR`, not a crash.
pub async fn blocking<T, F>(work: F) -> AppResult<T>
where
    F: FnOnce() -> AppResult<T> + Send + 'static,
    T: Send + 'static,
{
    tauri::async_runtime::spawn_blocking(work)
        .await
        .map_err(|e| {
            AppError::new(
                FoundationCode::InternalError,
                format!("The work stopped: {e}"),
            )
        })?
}
