//! Step 8, Troubleshoot: the guides, and the diagnoses that tell a guide's causes apart.

use std::path::PathBuf;

use pipes_core::AppResult;
use pipes_core::steps::troubleshoot::{self, Diagnosis, Guide, guides};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn troubleshoot_guides() -> Vec<Guide> {
    guides::all()
}

/// Runs the checks of one guide; `app_dir` is the project's app folder when one is open.
#[tauri::command]
pub async fn diagnose_guide(
    state: State<'_, AppState>,
    guide: String,
    app_dir: Option<PathBuf>,
) -> AppResult<Diagnosis> {
    // Only a folder the user opened in Pre-flight is read.
    let app_dir = app_dir.filter(|dir| state.is_opened_project(dir));
    troubleshoot::diagnose(&guide, &state.target(), &state.keychain, app_dir.as_deref()).await
}
