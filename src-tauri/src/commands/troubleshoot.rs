//! Step 8, Troubleshoot: the guides, and the diagnoses that tell a guide's causes apart.

use std::path::PathBuf;

use pipes_core::codes::TroubleshootCode;
use pipes_core::foundation::clock::utc_timestamp;
use pipes_core::steps::troubleshoot::report::{self, ReportFormat, ReportInput};
use pipes_core::steps::troubleshoot::{self, Diagnosis, Guide, guides};
use pipes_core::{AppError, AppResult};
use tauri::{AppHandle, State, WebviewWindow};

use crate::last_results::read;
use crate::save_file::save_text;
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

/// The whole report as Markdown, for "Copy for support".
#[tauri::command]
pub fn support_summary(state: State<'_, AppState>) -> AppResult<String> {
    rendered(&state, ReportFormat::Markdown)
}

/// Saves the report (JSON, Markdown or HTML) where the user picks, written atomically;
/// `None` when they cancelled.
#[tauri::command]
pub async fn export_report(
    app: AppHandle,
    window: WebviewWindow,
    state: State<'_, AppState>,
    format: ReportFormat,
) -> AppResult<Option<String>> {
    let text = rendered(&state, format)?;
    let name = format!("pipes-setup-report.{}", format.extension());
    save_text(&app, &window, "Save the Pipes Setup report", &name, text).await
}

fn rendered(state: &AppState, format: ReportFormat) -> AppResult<String> {
    let input = ReportInput {
        app_version: env!("CARGO_PKG_VERSION").into(),
        generated_at: utc_timestamp(std::time::SystemTime::now()),
        workos: state.target_info(),
        progress: state.progress_here(state.progress.snapshot()),
        preflight: read(&state.last.preflight),
        test_connection: read(&state.last.test_connection),
        verify: read(&state.last.verify),
        webhook_deliveries: state.webhooks.feed(),
    };
    report::render(&input, format).map_err(|found| {
        log::error!("report held back: {} secret(s) found in it", found.len());
        AppError::new(
            TroubleshootCode::ReportHoldsSecret,
            format!(
                "The report was not made: it would contain {} secret(s) ({}). Please report this as a bug.",
                found.len(),
                found.join(", ")
            ),
        )
    })
}
