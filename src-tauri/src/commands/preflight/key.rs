//! Pre-flight's key card: the API key saved to the keychain (typed or imported from the
//! project), and written into the project's env file with consent.

use std::path::PathBuf;

use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::local::envfiles::{self, EnvWritePreview};
use pipes_core::workos::account;
use pipes_core::workos::target::{TargetInfo, TargetKind};
use pipes_core::{AppError, AppResult};
use tauri::State;

use crate::state::AppState;

/// The key comes in from the window once, is stored in the keychain, and only its
/// fingerprint goes back.
#[tauri::command]
pub async fn save_api_key(
    state: State<'_, AppState>,
    project: PathBuf,
    key: String,
) -> AppResult<TargetInfo> {
    let target = account::save_api_key(
        &state.keychain,
        &state.settings,
        &project,
        Sensitive::new(key),
        &state.base_url,
    )
    .await?;
    Ok(state.use_target(target))
}

/// Imports the key the project's env files define, without it passing through the window.
#[tauri::command]
pub async fn import_api_key(
    state: State<'_, AppState>,
    project: PathBuf,
    app_dir: PathBuf,
) -> AppResult<TargetInfo> {
    let key = tauri::async_runtime::spawn_blocking(move || account::key_from_env_files(&app_dir))
        .await
        .map_err(|e| AppError::new("IMPORT_FAILED", e.to_string()))?
        .ok_or_else(|| {
            AppError::new(
                "ENV_API_KEY_MISSING",
                "The project's env files define no WORKOS_API_KEY.",
            )
        })?;
    let target = account::save_api_key(
        &state.keychain,
        &state.settings,
        &project,
        key,
        &state.base_url,
    )
    .await?;
    Ok(state.use_target(target))
}

/// What writing the saved key (and the client id) into the app's local env file would change,
/// the key masked. The key itself stays in Rust.
#[tauri::command]
pub fn preview_env_write(
    state: State<'_, AppState>,
    project: PathBuf,
    app_dir: PathBuf,
    client_id: Option<String>,
) -> AppResult<EnvWritePreview> {
    let key = account_key(&state)?;
    envfiles::preview_env_write(&app_dir, &project, &key, client_id.as_deref())
}

/// Writes exactly what was previewed: the file is git-ignored first, then written atomically.
#[tauri::command]
pub fn apply_env_write(
    state: State<'_, AppState>,
    preview: EnvWritePreview,
    client_id: Option<String>,
) -> AppResult<()> {
    let key = account_key(&state)?;
    envfiles::apply_env_write(&preview, &key, client_id.as_deref())
}

fn account_key(state: &AppState) -> AppResult<Sensitive<String>> {
    let target = state.target();
    if target.kind == TargetKind::Demo {
        return Err(AppError::new(
            "DEMO_KEY_NOT_WRITTEN",
            "The demo key is not written into projects. Save your own key first.",
        ));
    }
    Ok(target.key().clone())
}
