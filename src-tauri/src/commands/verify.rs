//! Step 7, Verify: the checklist (live, inferred or confirmed lines), the app's build with live
//! output, and the user's ticks for the lines only they can see.

use std::path::PathBuf;

use pipes_core::codes::VerifyCode;
use pipes_core::local::sdk::InstallLine;
use pipes_core::steps::verify::{self, VerifyInput, VerifyLine, build};
use pipes_core::steps::wizard::StepId;
use pipes_core::{AppError, AppResult};
use tauri::State;
use tauri::ipc::Channel;

use crate::last_results;
use crate::state::AppState;

/// The default connect route of the example app and of most quick starts.
const DEFAULT_CONNECT_URL: &str = "http://localhost:3000/connect";

#[tauri::command]
pub async fn verify_checklist(
    state: State<'_, AppState>,
    app_dir: Option<PathBuf>,
    connect_url: Option<String>,
) -> AppResult<Vec<VerifyLine>> {
    let target = state.target();
    let app_dir = app_dir.filter(|dir| state.is_opened_project(dir));
    let progress = state.progress_here(state.progress.snapshot());
    let confirmed: Vec<String> = progress
        .confirmed
        .get(&target.identity())
        .map(|marks| marks.iter().cloned().collect())
        .unwrap_or_default();
    let input = VerifyInput {
        target: &target,
        app_dir: app_dir.as_deref(),
        connect_url: connect_url.as_deref().unwrap_or(DEFAULT_CONNECT_URL),
        progress: &progress,
        confirmed: &confirmed,
    };
    let lines = verify::check(&input).await;
    last_results::keep(&state.last.verify, lines.clone());
    let all_pass = lines.iter().all(|l| l.status == verify::LineStatus::Pass);
    state
        .progress
        .record_outcome(StepId::Verify, all_pass, &target.identity())?;
    Ok(lines)
}

/// Runs the build the project's manifest names, streaming its output; Cancel stops it.
#[tauri::command]
pub async fn verify_build(
    state: State<'_, AppState>,
    app_dir: PathBuf,
    on_line: Channel<InstallLine>,
) -> AppResult<VerifyLine> {
    if !state.is_opened_project(&app_dir) {
        return Err(AppError::new(
            VerifyCode::NoProject,
            "Open the project in Pre-flight first.",
        ));
    }
    let plan = build::plan(&app_dir).ok_or_else(|| {
        AppError::new(
            VerifyCode::NoBuildCommand,
            "The project declares no build (no build script in package.json, no Cargo.toml, go.mod or Python project).",
        )
    })?;
    let slot = state.builds.begin()?;
    let line = build::run(&app_dir, &plan, &slot.token(), &move |line| {
        let _ = on_line.send(line);
    })
    .await;
    drop(slot);
    log::info!("verify build `{}`: {:?}", plan.shown(), line.status);
    Ok(line)
}

#[tauri::command]
pub fn cancel_verify_build(state: State<'_, AppState>) {
    state.builds.cancel();
}

/// Ticks (or unticks) one of the manual lines, on the WorkOS the app is on.
#[tauri::command]
pub fn confirm_verify_line(state: State<'_, AppState>, id: String, done: bool) -> AppResult<()> {
    if !verify::is_manual(&id) {
        return Err(AppError::new(
            VerifyCode::UnknownLine,
            "There is no such line.",
        ));
    }
    state
        .progress
        .confirm(&id, done, &state.target().identity())
        .map(|_| ())
}
