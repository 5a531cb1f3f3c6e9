use std::path::PathBuf;

use pipes_core::AppResult;
use pipes_core::checks::{CheckEvent, RunSummary};
use pipes_core::local::settings;
use pipes_core::steps::preflight::{self, PreflightInput};
use pipes_core::steps::wizard::StepId;
use tauri::State;
use tauri::ipc::Channel;

use crate::last_results;
use crate::state::AppState;

/// Runs the pre-flight checks on the project, streaming each start and finish to `on_event`.
#[tauri::command]
pub async fn run_preflight(
    state: State<'_, AppState>,
    project: PathBuf,
    app_path: Option<String>,
    on_event: Channel<CheckEvent>,
) -> AppResult<RunSummary> {
    let target = state.target();
    if let Some(app) = &app_path {
        // Only a convenience for the next visit: a settings file that cannot be written must
        // not stop the checks.
        let _ = settings::remember_app(&state.settings, &project.to_string_lossy(), app);
    }
    let input = PreflightInput {
        project_root: project,
        app_path,
        key: Some(target.resolved_key()),
        base_url: target.base_url().to_string(),
        offline: false,
        keychain: Some(state.keychain.clone()),
    };
    let summary = preflight::run(input, move |event| {
        // A closed window is not an error for the run.
        let _ = on_event.send(event);
    })
    .await?;
    let counts = &summary.counts;
    log::info!(
        "pre-flight ran in {} ms: {} passed, {} warned, {} failed",
        summary.duration_ms,
        counts.passed,
        counts.warned,
        counts.failed
    );
    last_results::keep(&state.last.preflight, Some(summary.clone()));
    state
        .progress
        .record_check_run(StepId::Preflight, &summary, &target.identity())?;
    Ok(summary)
}
