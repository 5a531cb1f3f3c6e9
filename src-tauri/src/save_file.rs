//! "Save as…": the native dialog, run from Rust (the window has no file permission), then the
//! text written atomically where the user picked.

use pipes_core::codes::FoundationCode;
use pipes_core::foundation::atomic_file::write_atomic;
use pipes_core::{AppError, AppResult};
use tauri::{AppHandle, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::blocking::blocking;

/// Asks where to save `text` (suggesting `file_name`) and writes it there; the path, or `None`
/// when the user cancelled.
pub async fn save_text(
    app: &AppHandle,
    window: &WebviewWindow,
    title: &str,
    file_name: &str,
    text: String,
) -> AppResult<Option<String>> {
    let dialog = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(file_name)
        .set_parent(window);
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_save_file())
        .await
        .map_err(|e| AppError::new(FoundationCode::DialogFailed, e.to_string()))?;
    let Some(path) = picked.and_then(|p| p.into_path().ok()) else {
        return Ok(None);
    };
    let target = path.clone();
    blocking(move || {
        write_atomic(&target, text.as_bytes()).map_err(|e| {
            AppError::new(
                FoundationCode::StateNotSaved,
                format!("Could not save {}: {e}", target.display()),
            )
        })
    })
    .await?;
    Ok(Some(path.to_string_lossy().into_owned()))
}
