//! Installing or upgrading the WorkOS SDK with the app's own package manager.
//!
//! Codes: SDK_INSTALL_OK, SDK_INSTALL_FAILED (or, when the output shows why, one of the causes
//! in `diagnose`), SDK_INSTALL_CANCELLED, SDK_INSTALL_TIMED_OUT, SDK_INSTALL_PROGRAM_MISSING,
//! SDK_INSTALL_UNSUPPORTED; then the findings of a fresh scan.

mod diagnose;
pub(crate) mod plan;
pub(crate) mod runner;
mod venv;

use std::ffi::OsString;
use std::path::Path;
use std::time::Duration;

use serde::Serialize;
use serde_json::json;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::ecosystems::{Ecosystem, label, sdk_package};
use super::files::AppFolder;
use super::installed::venv_dir;
use super::manifests::declared;
use super::package_manager::{PackageManager, detect as detect_package_manager};
use super::{SdkReport, detect_sdk};
use crate::checks::finding::Finding;
use crate::codes::SdkInstallCode;
use plan::{PlanContext, program_and_args};
use runner::{RunEnd, RunResult, RunSpec};

/// The exact command an install would run. Only [`plan_install`] makes one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct InstallPlan {
    ecosystem: Ecosystem,
    package_manager: PackageManager,
    program: String,
    args: Vec<String>,
    /// The command line as shown to the user.
    command: String,
}

impl InstallPlan {
    pub fn ecosystem(&self) -> Ecosystem {
        self.ecosystem
    }

    pub fn package_manager(&self) -> PackageManager {
        self.package_manager
    }

    pub fn command(&self) -> &str {
        &self.command
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InstallOptions {
    /// The whole install, from spawn to exit.
    pub timeout: Duration,
    /// PATH to find the package manager on and to give it (GUI apps on macOS start with a
    /// minimal PATH); the app's own PATH when `None`.
    pub search_path: Option<OsString>,
    /// Python only: first create `.venv` in the app when it has no virtual environment.
    pub create_python_venv: bool,
}

impl Default for InstallOptions {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(300),
            search_path: None,
            create_python_venv: false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum OutputStream {
    Stdout,
    Stderr,
}

/// One line of the package manager's output, as it happens.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct InstallLine {
    pub stream: OutputStream,
    pub line: String,
    #[ts(type = "number")]
    pub elapsed_ms: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum InstallStatus {
    Succeeded,
    Failed,
    Cancelled,
    TimedOut,
    ProgramMissing,
    Unsupported,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct InstallOutcome {
    pub status: InstallStatus,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub command: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub exit_code: Option<i32>,
    #[ts(type = "number")]
    pub duration_ms: u64,
    /// How many output lines were streamed.
    pub lines: usize,
    /// The install's own finding first, then the findings of the scan that followed.
    pub findings: Vec<Finding>,
    /// The scan after the install (also after a failure: it may have half-worked).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub report: Option<SdkReport>,
    /// The package manager's process id while it ran (for diagnostics and tests).
    #[serde(skip)]
    pub pid: Option<u32>,
}

/// What would run to install the SDK of `ecosystem` in `app_dir`, or the finding that says
/// why nothing can (`SDK_INSTALL_UNSUPPORTED`, with the manual step). Blocking (reads files).
pub fn plan_install(app_dir: &Path, ecosystem: Ecosystem) -> Result<InstallPlan, Box<Finding>> {
    let mut folder = AppFolder::open(app_dir);
    let package_manager = detect_package_manager(&mut folder, ecosystem);
    let declared = declared(&mut folder, ecosystem, sdk_package(ecosystem));
    let csprojs = folder.names_matching(|n| n.ends_with(".csproj"));
    let ctx = PlanContext {
        declared: declared.is_some(),
        go_module: declared.and_then(|d| d.module),
        venv_python: venv_dir(&folder).map(|venv| venv_python(&folder, &venv)),
        csproj: (csprojs.len() > 1).then(|| csprojs[0].clone()),
    };
    let Some((program, args)) = program_and_args(ecosystem, package_manager, &ctx) else {
        return Err(Box::new(unsupported(ecosystem, package_manager)));
    };
    let command = plan::display(&program, &args);
    Ok(InstallPlan {
        ecosystem,
        package_manager,
        program,
        args,
        command,
    })
}

fn venv_python(folder: &AppFolder, venv: &str) -> std::path::PathBuf {
    let relative = if cfg!(windows) {
        format!("{venv}/Scripts/python.exe")
    } else {
        format!("{venv}/bin/python")
    };
    folder.path(&relative)
}

/// Installs (or upgrades to the latest) WorkOS SDK in `app_dir` with the app's package
/// manager, streaming output to `on_line`; `cancel` stops it. Afterwards the folder is
/// scanned again and the outcome carries the new findings.
pub async fn install_sdk(
    app_dir: &Path,
    ecosystem: Ecosystem,
    options: InstallOptions,
    cancel: CancellationToken,
    on_line: impl Fn(InstallLine) + Send + Sync,
) -> InstallOutcome {
    let wants_venv = options.create_python_venv
        && ecosystem == Ecosystem::Python
        && !has_virtualenv(app_dir).await;
    if wants_venv && let Err(failure) = venv::create(app_dir, &options, &cancel, &on_line).await {
        let (status, finding) = *failure;
        return not_run(status, finding);
    }
    let dir = app_dir.to_path_buf();
    let planned = tokio::task::spawn_blocking(move || plan_install(&dir, ecosystem)).await;
    let plan = match planned {
        Ok(Ok(plan)) => plan,
        Ok(Err(finding)) => return not_run(InstallStatus::Unsupported, *finding),
        Err(e) => {
            let finding = Finding::error(
                SdkInstallCode::Failed,
                "SDK install could not start",
                e.to_string(),
            );
            return not_run(InstallStatus::Failed, finding);
        }
    };
    let spec = RunSpec {
        program: &plan.program,
        args: &plan.args,
        dir: app_dir,
        path: options.search_path.as_deref(),
        timeout: options.timeout,
    };
    let result = runner::run(spec, &cancel, &on_line).await;
    let (status, finding) = outcome_finding(app_dir, &plan, &result, options.timeout);
    let report = rescan(app_dir).await;
    let mut findings = vec![finding];
    findings.extend(report.iter().flat_map(|r| r.findings.iter().cloned()));
    InstallOutcome {
        status,
        command: Some(plan.command.clone()),
        exit_code: match result.end {
            RunEnd::Exited(code) => code,
            _ => None,
        },
        duration_ms: result.elapsed.as_millis() as u64,
        lines: result.lines,
        findings,
        report,
        pid: result.pid,
    }
}

async fn rescan(app_dir: &Path) -> Option<SdkReport> {
    let dir = app_dir.to_path_buf();
    tokio::task::spawn_blocking(move || detect_sdk(&dir))
        .await
        .ok()
}

fn not_run(status: InstallStatus, finding: Finding) -> InstallOutcome {
    InstallOutcome {
        status,
        command: None,
        exit_code: None,
        duration_ms: 0,
        lines: 0,
        findings: vec![finding],
        report: None,
        pid: None,
    }
}

/// Whether the app has a virtualenv the plan installs into (the search `plan_install` makes).
async fn has_virtualenv(app_dir: &Path) -> bool {
    let dir = app_dir.to_path_buf();
    tokio::task::spawn_blocking(move || venv_dir(&AppFolder::open(&dir)).is_some())
        .await
        .unwrap_or(false)
}

fn outcome_finding(
    app_dir: &Path,
    plan: &InstallPlan,
    result: &RunResult,
    timeout: Duration,
) -> (InstallStatus, Finding) {
    let command = &plan.command;
    let secs = result.elapsed.as_secs_f32();
    let details = json!({ "command": command, "last_lines": result.tail, "duration_ms": result.elapsed.as_millis() as u64 });
    match &result.end {
        RunEnd::Exited(Some(0)) => (
            InstallStatus::Succeeded,
            Finding::pass(SdkInstallCode::Ok, "SDK installed", format!("`{command}` finished in {secs:.1} s.")),
        ),
        RunEnd::Exited(code) => (
            InstallStatus::Failed,
            diagnose::known_cause(&result.tail, command, app_dir).unwrap_or_else(|| {
                Finding::error(
                    SdkInstallCode::Failed,
                    "SDK install failed",
                    format!("`{command}` exited with {} after {secs:.1} s.", code.map_or("a signal".to_string(), |c| format!("code {c}"))),
                )
                .with_remediation("Read the last lines of its output below; run the same command in a terminal in the app folder to see it all.")
            })
            .with_details(details),
        ),
        RunEnd::Cancelled => (
            InstallStatus::Cancelled,
            Finding::info(SdkInstallCode::Cancelled, "SDK install cancelled", format!("`{command}` was stopped after {secs:.1} s."))
                .with_remediation(format!("The install may have left {} half-changed; run `{}` to settle it.", lockfile_hint(plan), plan.package_manager.install_all_command())),
        ),
        RunEnd::TimedOut => (
            InstallStatus::TimedOut,
            Finding::error(SdkInstallCode::TimedOut, "SDK install timed out", format!("`{command}` did not finish within {} s and was stopped.", timeout.as_secs()))
                .with_remediation("Check your network connection or registry proxy, then try again, or run the command in a terminal.")
                .with_details(details),
        ),
        RunEnd::ProgramMissing => (
            InstallStatus::ProgramMissing,
            Finding::error(
                SdkInstallCode::ProgramMissing,
                format!("{} is not installed", plan.package_manager.program()),
                format!("Installing the SDK needs `{}`, which was not found on PATH.", plan.program),
            )
            .with_remediation(format!("{}. Then try again.", plan.package_manager.how_to_get())),
        ),
        RunEnd::SpawnFailed(reason) => (
            InstallStatus::Failed,
            Finding::error(SdkInstallCode::Failed, "SDK install could not start", format!("`{command}` could not be started: {reason}.")),
        ),
    }
}

fn lockfile_hint(plan: &InstallPlan) -> &'static str {
    match plan.ecosystem {
        Ecosystem::Node => "node_modules and the lockfile",
        _ => "the dependencies",
    }
}

fn unsupported(ecosystem: Ecosystem, package_manager: PackageManager) -> Finding {
    let manual = match (ecosystem, package_manager) {
        (Ecosystem::Jvm, PackageManager::Maven) => {
            "Add to pom.xml: <dependency><groupId>com.workos</groupId><artifactId>workos</artifactId><version>5.0.0 or later</version></dependency>, then run `mvn dependency:resolve`."
        }
        (Ecosystem::Jvm, _) => {
            "Add to build.gradle(.kts): implementation(\"com.workos:workos:<5.0.0 or later>\"), then run `gradle dependencies`."
        }
        (Ecosystem::Elixir, _) => {
            "The Elixir SDK has no Pipes module yet: call the Pipes REST API directly (POST /data-integrations/{slug}/token)."
        }
        _ => "Install the SDK with your package manager.",
    };
    Finding::warn(
        SdkInstallCode::Unsupported,
        format!(
            "Pipes Setup cannot install the {} SDK for you",
            label(ecosystem)
        ),
        format!(
            "{} has no command that adds a dependency, so this step is manual.",
            package_manager.program()
        ),
    )
    .with_remediation(manual)
}
