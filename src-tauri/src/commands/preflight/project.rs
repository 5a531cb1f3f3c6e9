use std::path::PathBuf;

use pipes_core::codes::{EnvCode, FoundationCode, ProjectCode};
use pipes_core::local::envfiles::{self, EnvReport, Framework};
use pipes_core::local::project::{self, ProjectScan, RecentProjects, ScanOptions};
use pipes_core::local::settings;
use pipes_core::{AppError, AppResult};
use tauri::{AppHandle, Manager, State, WebviewWindow};
use tauri_plugin_dialog::DialogExt;

use crate::blocking::blocking;
use crate::state::AppState;

/// The native folder picker, run from Rust so the window needs no dialog permission. It opens
/// next to the last project, or at home.
#[tauri::command]
pub async fn pick_project_folder(
    app: AppHandle,
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> AppResult<Option<String>> {
    let home = app.path().home_dir().ok();
    let start = state
        .settings
        .snapshot()
        .recent
        .folder_to_browse_from(home.as_deref());
    let dialog = app
        .dialog()
        .file()
        .set_title("Choose your project folder")
        .set_parent(&window);
    let dialog = match start {
        Some(folder) => dialog.set_directory(folder),
        None => dialog,
    };
    let picked = tauri::async_runtime::spawn_blocking(move || dialog.blocking_pick_folder())
        .await
        .map_err(|e| AppError::new(FoundationCode::DialogFailed, e.to_string()))?;
    Ok(picked
        .and_then(|p| p.into_path().ok())
        .map(|p| p.to_string_lossy().into_owned()))
}

/// Scans a typed, picked or dropped path (apps, manifests, env files) and puts it first in
/// the recent list.
#[tauri::command]
pub async fn open_project(
    app: AppHandle,
    state: State<'_, AppState>,
    path: String,
) -> AppResult<ProjectScan> {
    let home = app.path().home_dir().ok();
    let scan = tauri::async_runtime::spawn_blocking(move || {
        project::open(&path, home.as_deref(), &ScanOptions::default())
    })
    .await
    .map_err(|e| AppError::new(ProjectCode::ScanFailed, e.to_string()))?;
    if scan.usable {
        settings::remember_project(&state.settings, &scan)?;
    }
    Ok(scan)
}

#[tauri::command]
pub fn recent_projects(state: State<'_, AppState>) -> RecentProjects {
    state.settings.snapshot().recent
}

#[tauri::command]
pub async fn forget_recent_project(
    state: State<'_, AppState>,
    path: String,
) -> AppResult<RecentProjects> {
    let settings = state.settings.clone();
    blocking(move || settings::forget_project(&settings, &path)).await
}

/// Every env file of the app and, per mode, which file each variable comes from. Values
/// appear as fingerprints only.
#[tauri::command]
pub async fn env_report(app_dir: PathBuf) -> AppResult<EnvReport> {
    tauri::async_runtime::spawn_blocking(move || {
        envfiles::load(&app_dir, Framework::detect(&app_dir))
    })
    .await
    .map_err(|e| AppError::new(EnvCode::ReadFailed, e.to_string()))
}
