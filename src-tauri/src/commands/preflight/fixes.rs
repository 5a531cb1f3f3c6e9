use std::path::PathBuf;

use pipes_core::codes::SdkCode;
use pipes_core::local::envfiles::{self, GitignoreChange, GitignorePreview};
use pipes_core::local::sdk::{self, InstallLine, InstallOptions, InstallOutcome};
use pipes_core::runtime::Proposal;
use pipes_core::{AppError, AppResult, Fix};
use tauri::State;
use tauri::ipc::Channel;

use crate::blocking::blocking;
use crate::state::AppState;

/// Prepares a `.gitignore` fix in Rust and answers what it would change, for the user to see
/// before anything is written.
#[tauri::command]
pub async fn preview_gitignore_fix(
    state: State<'_, AppState>,
    fix: Fix,
) -> AppResult<Proposal<GitignorePreview>> {
    let opened = state.settings.snapshot().recent;
    let change = blocking(move || envfiles::prepare_fix(&fix, |dir| opened.holds(dir))).await?;
    let view = change.view();
    state.pending.propose(change, view)
}

/// Writes exactly the previewed change, once, atomically; refuses if the file changed since.
#[tauri::command]
pub async fn apply_gitignore_fix(state: State<'_, AppState>, id: String) -> AppResult<()> {
    let change = state.pending.take::<GitignoreChange>(&id)?;
    blocking(move || change.apply()).await
}

/// Installs the WorkOS SDK with the project's own package manager (a fixed allowlist in
/// pipes-core), streaming its output; one install at a time. `new_venv`: a Python app first
/// gets its own `.venv`.
#[tauri::command]
pub async fn install_sdk(
    state: State<'_, AppState>,
    app_dir: PathBuf,
    ecosystem: String,
    new_venv: bool,
    on_line: Channel<InstallLine>,
) -> AppResult<InstallOutcome> {
    let ecosystem = sdk::ecosystem_from_id(&ecosystem).ok_or_else(|| {
        AppError::new(
            SdkCode::UnknownEcosystem,
            format!("No SDK for '{ecosystem}'"),
        )
    })?;
    let slot = state.installs.begin()?;
    let outcome = sdk::install_sdk(
        &app_dir,
        ecosystem,
        InstallOptions {
            create_python_venv: new_venv,
            ..InstallOptions::default()
        },
        slot.token(),
        move |line| {
            let _ = on_line.send(line);
        },
    )
    .await;
    drop(slot);
    log::info!(
        "SDK install in {}: {:?} ({}) after {} ms",
        app_dir.display(),
        outcome.status,
        outcome.command.as_deref().unwrap_or("not started"),
        outcome.duration_ms
    );
    Ok(outcome)
}

#[tauri::command]
pub fn cancel_install(state: State<'_, AppState>) {
    state.installs.cancel();
}
