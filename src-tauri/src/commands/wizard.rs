//! The wizard around the steps: the rail, the user's progress, and which WorkOS the app is on
//! (the demo banner).

use pipes_core::AppResult;
use pipes_core::steps::wizard::{self, StepId, StepInfo, WizardProgress};
use pipes_core::workos::account;
use pipes_core::workos::target::TargetInfo;
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

/// Which WorkOS the app talks to, for the banner and the key card.
#[tauri::command]
pub fn workos_target(state: State<'_, AppState>) -> TargetInfo {
    state.target_info()
}

/// Back on the built-in demo WorkOS; the saved key stays in the keychain.
#[tauri::command]
pub fn use_demo(state: State<'_, AppState>) -> AppResult<TargetInfo> {
    account::forget_account(&state.settings)?;
    Ok(state.use_demo())
}
