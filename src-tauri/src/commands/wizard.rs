//! The wizard around the steps: the rail, the user's progress, and which WorkOS the app is on
//! (the demo banner).

use pipes_core::AppResult;
use pipes_core::steps::wizard::{self, StepId, StepInfo, WizardProgress};
use pipes_core::workos::account;
use pipes_core::workos::target::TargetInfo;
use tauri::State;

use crate::blocking::blocking;
use crate::state::AppState;

#[tauri::command]
pub fn wizard_steps() -> Vec<StepInfo> {
    wizard::steps()
}

#[tauri::command]
pub async fn load_progress(state: State<'_, AppState>) -> AppResult<WizardProgress> {
    state.restored().await;
    Ok(state.progress_here(state.progress.snapshot()))
}

#[tauri::command]
pub async fn go_to_step(state: State<'_, AppState>, step: StepId) -> AppResult<WizardProgress> {
    let progress = state.progress.clone();
    let visited = blocking(move || progress.visit(step)).await?;
    Ok(state.progress_here(visited))
}

/// Which WorkOS the app talks to, for the banner and the key card.
#[tauri::command]
pub async fn workos_target(state: State<'_, AppState>) -> AppResult<TargetInfo> {
    state.restored().await;
    Ok(state.target_info())
}

/// Back on the built-in demo WorkOS; the saved key stays in the keychain.
#[tauri::command]
pub async fn use_demo(state: State<'_, AppState>) -> AppResult<TargetInfo> {
    let settings = state.settings.clone();
    blocking(move || account::forget_account(&settings)).await?;
    Ok(state.use_demo())
}
