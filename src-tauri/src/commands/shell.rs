//! The shell around the steps: the log folder, and the project a command line asked for.

use pipes_core::codes::FoundationCode;
use pipes_core::foundation::browser::{OpenOutcome, open_in_browser};
use pipes_core::{AppError, AppResult};
use tauri::{AppHandle, Manager, State};

use crate::state::AppState;

/// Opens the app's own log folder in the file manager (no path comes from the page).
#[tauri::command]
pub async fn open_log_folder(app: AppHandle) -> AppResult<OpenOutcome> {
    let dir = app
        .path()
        .app_log_dir()
        .map_err(|e| AppError::new(FoundationCode::LogFolderUnknown, e.to_string()))?;
    // The folder exists once the first line is written; make sure of it for a fresh start.
    let _ = std::fs::create_dir_all(&dir);
    Ok(open_in_browser(&dir.to_string_lossy()).await)
}

/// The project named on the command line (this launch's, or a second launch's), once.
#[tauri::command]
pub fn take_launch_project(state: State<'_, AppState>) -> Option<String> {
    state.launch.take()
}
