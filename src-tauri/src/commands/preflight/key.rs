//! Pre-flight's key card: the API key saved to the keychain (typed or imported from the
//! project), and written into the project's env file with consent.

use std::path::PathBuf;

use pipes_core::codes::{EnvCode, PreflightCode};
use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::local::envfiles::{EnvWrite, EnvWritePreview};
use pipes_core::runtime::Proposal;
use pipes_core::workos::account;
use pipes_core::workos::target::{TargetInfo, TargetKind};
use pipes_core::{AppError, AppResult};
use tauri::State;

use crate::blocking::blocking;
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
        .map_err(|e| AppError::new(PreflightCode::ImportFailed, e.to_string()))?
        .ok_or_else(|| {
            AppError::new(
                EnvCode::ApiKeyMissing,
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
/// the key masked. The change is kept in Rust; the window gets its id.
#[tauri::command]
pub async fn preview_env_write(
    state: State<'_, AppState>,
    project: PathBuf,
    app_dir: PathBuf,
    client_id: Option<String>,
) -> AppResult<Proposal<EnvWritePreview>> {
    let key = account_key(&state)?;
    if !state.is_opened_project(&project) || !state.is_opened_project(&app_dir) {
        return Err(AppError::new(
            EnvCode::WriteOutsideProject,
            "The key is written only into a project you opened in Pre-flight.",
        ));
    }
    let write =
        blocking(move || EnvWrite::prepare(&app_dir, &project, &key, client_id.as_deref())).await?;
    let view = write.view();
    state.pending.propose(write, view)
}

/// Writes exactly what was previewed, once: with the same key, the file unchanged and still
/// untracked; git-ignored first, then written atomically.
#[tauri::command]
pub async fn apply_env_write(state: State<'_, AppState>, id: String) -> AppResult<()> {
    let write = state.pending.take::<EnvWrite>(&id)?;
    let key = account_key(&state)?;
    blocking(move || write.apply(&key)).await
}

fn account_key(state: &AppState) -> AppResult<Sensitive<String>> {
    let target = state.target();
    if target.kind == TargetKind::Demo {
        return Err(AppError::new(
            PreflightCode::DemoKeyNotWritten,
            "The demo key is not written into projects. Save your own key first.",
        ));
    }
    Ok(target.key().clone())
}
