use pipes_core::AppResult;
use pipes_core::steps::wizard::{self, StepId, StepInfo, WizardProgress};
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
