//! One small function per command: parse, call pipes-core, answer.

use pipes_core::browser::{OpenOutcome, open_in_browser};
use pipes_core::docs::{self, DocsCatalog};
use pipes_core::wizard::{self, StepId, StepInfo, WizardProgress};
use pipes_core::workos_target::TargetInfo;
use pipes_core::{AppError, AppResult};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn wizard_steps() -> Vec<StepInfo> {
    wizard::steps()
}

#[tauri::command]
pub fn load_progress(state: State<'_, AppState>) -> WizardProgress {
    state.progress.snapshot()
}

#[tauri::command]
pub fn go_to_step(state: State<'_, AppState>, step: StepId) -> AppResult<WizardProgress> {
    state.progress.visit(step)
}

#[tauri::command]
pub fn docs_catalog() -> DocsCatalog {
    docs::catalog()
}

#[tauri::command]
pub async fn open_doc(state: State<'_, AppState>, id: String) -> AppResult<OpenOutcome> {
    let link = docs::link(&id)
        .ok_or_else(|| AppError::new("UNKNOWN_DOC", format!("No doc page with id {id}")))?;
    let outcome = open_in_browser(link.url).await;
    if outcome.opened {
        state.progress.mark_docs_read()?;
    }
    Ok(outcome)
}

#[tauri::command]
pub fn workos_target(state: State<'_, AppState>) -> TargetInfo {
    state.target().info()
}
