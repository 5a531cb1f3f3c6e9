//! One doctor run: build the pre-flight input from the flags and the environment, run the
//! check graph, and gather what the output needs.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use pipes_core::checks::{RunSummary, run_checks};
use pipes_core::local::keychain::Keychain;
use pipes_core::local::project::{self, ScanOptions};
use pipes_core::steps::preflight::{self, PreflightContext, PreflightInput};
use pipes_core::workos::WorkosConnection;

use crate::args::Args;
use crate::key;
use crate::progress::Progress;
use crate::report::Report;

/// Runs the checks. `Err` is a usage or internal error, reported with exit code 2.
pub fn run(args: &Args) -> Result<Report, String> {
    let ctx = Arc::new(PreflightContext::new(input(args)?));
    let summary = run_graph(&ctx)?;
    Ok(Report {
        project: ctx.project_root().display().to_string(),
        app: checked_app(&ctx),
        base_url: ctx.input.base_url.clone(),
        offline: ctx.input.offline,
        key: key::describe(&ctx),
        summary,
    })
}

fn run_graph(ctx: &Arc<PreflightContext>) -> Result<RunSummary, String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("internal error: could not start the async runtime: {e}"))?;
    let checks = preflight::checks(ctx);
    let progress = Progress::on_stderr();
    let summary = runtime.block_on(run_checks(checks, ctx.clone(), move |event| {
        progress.show(&event)
    }));
    // A timed-out check may leave a blocking call (git, keychain) running; the report is
    // complete, so do not wait for it.
    runtime.shutdown_background();
    summary.map_err(|e| format!("internal error: the check graph did not build: {e}"))
}

fn input(args: &Args) -> Result<PreflightInput, String> {
    let project_root = absolute(&args.project);
    let app_path = args.app_path();
    if let Some(app) = &app_path {
        ensure_app_exists(&project_root, app)?;
    }
    Ok(PreflightInput {
        project_root,
        app_path,
        key: key::from_process_env(),
        base_url: WorkosConnection::base_url_from_env(),
        offline: args.offline,
        keychain: args.keychain.then(Keychain::system),
    })
}

fn absolute(path: &Path) -> PathBuf {
    std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf())
}

/// pipes-core quietly falls back to the project root for an unknown `--app`; a typo there
/// would check the wrong folder, so it is a usage error here. A missing project folder is
/// left to the project check, which reports it as a finding.
fn ensure_app_exists(root: &Path, app: &str) -> Result<(), String> {
    if app == "." || !root.is_dir() {
        return Ok(());
    }
    let scan = project::scan(root, &ScanOptions::default());
    if scan.app(app).is_some() {
        return Ok(());
    }
    let apps: Vec<&str> = scan.apps.iter().map(|a| a.path.as_str()).collect();
    let found = if apps.is_empty() {
        "none".to_string()
    } else {
        apps.join(", ")
    };
    Err(format!(
        "--app {app}: no app at that path in {} (apps found: {found})",
        root.display()
    ))
}

/// The app the checks looked at, as the project scan names it.
fn checked_app(ctx: &PreflightContext) -> String {
    if let Some(app) = &ctx.input.app_path {
        return app.clone();
    }
    if ctx.waiting_for_app() {
        return "none chosen (a monorepo: pass --app)".to_string();
    }
    ctx.scan()
        .and_then(|scan| scan.suggested_app())
        .map_or_else(|| ".".to_string(), |app| app.path.clone())
}
