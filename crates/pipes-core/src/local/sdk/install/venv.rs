//! A virtual environment for a Python app that has none, so that pip installs into the app
//! and not into a Python the operating system manages (PEP 668 refuses that on Debian, Ubuntu
//! and Homebrew). Runs `python3 -m venv .venv`, streamed like an install.

use std::path::Path;

use tokio_util::sync::CancellationToken;

use super::runner::{self, RunEnd, RunSpec};
use super::{InstallLine, InstallOptions, InstallStatus};
use crate::checks::finding::Finding;
use crate::codes::SdkInstallCode;

const VENV_DIR: &str = ".venv";

/// Why no virtual environment was made, as the install reports it.
pub(super) type Failure = Box<(InstallStatus, Finding)>;

/// Creates `app_dir/.venv` and makes git ignore it from inside (as Python 3.13+ does), so the
/// user's own `.gitignore` is not touched. `Err` carries the finding that says what to do.
pub(super) async fn create(
    app_dir: &Path,
    options: &InstallOptions,
    cancel: &CancellationToken,
    on_line: &(dyn Fn(InstallLine) + Send + Sync),
) -> Result<(), Failure> {
    let python = if cfg!(windows) { "python" } else { "python3" };
    let args = ["-m", "venv", VENV_DIR].map(str::to_string);
    let command = format!("{python} {}", args.join(" "));
    let spec = RunSpec {
        program: python,
        args: &args,
        dir: app_dir,
        path: options.search_path.as_deref(),
        timeout: options.timeout,
    };
    let result = runner::run(spec, cancel, on_line).await;
    match result.end {
        RunEnd::Exited(Some(0)) => ignore_in_git(&app_dir.join(VENV_DIR)),
        RunEnd::Cancelled => Err(Box::new((InstallStatus::Cancelled, cancelled(&command)))),
        RunEnd::TimedOut => Err(Box::new((
            InstallStatus::TimedOut,
            failed(&command, &result.tail),
        ))),
        RunEnd::ProgramMissing => Err(Box::new((InstallStatus::ProgramMissing, no_python(python)))),
        _ => Err(Box::new((
            InstallStatus::Failed,
            failed(&command, &result.tail),
        ))),
    }
}

fn ignore_in_git(venv: &Path) -> Result<(), Failure> {
    let marker = venv.join(".gitignore");
    if marker.exists() {
        return Ok(());
    }
    std::fs::write(
        &marker,
        "# Created by Pipes Setup: git ignores this virtual environment.\n*\n",
    )
    .map_err(|e| {
        let finding = Finding::error(
            SdkInstallCode::VenvFailed,
            "The virtual environment is not ignored by git",
            format!("`{}` could not be written: {e}.", marker.display()),
        )
        .with_remediation("Add `.venv/` to the app's .gitignore, then click Install again.");
        Box::new((InstallStatus::Failed, finding))
    })
}

fn failed(command: &str, tail: &[String]) -> Finding {
    let output = tail.join("\n");
    // Debian and Ubuntu ship `venv`'s pip bootstrap in a separate package.
    let remediation = if output.contains("ensurepip is not available")
        || output.contains("python3-venv")
    {
        "Your system's Python needs its venv package: run `sudo apt install python3-venv` (the message above names the exact package), then try again."
    } else {
        "Read the output above; in the app folder, `python3 -m venv .venv` shows the same error."
    };
    Finding::error(
        SdkInstallCode::VenvFailed,
        "The virtual environment could not be created",
        format!("`{command}` failed."),
    )
    .with_remediation(remediation)
    .with_details(serde_json::json!({ "command": command, "last_lines": tail }))
}

fn cancelled(command: &str) -> Finding {
    Finding::info(
        SdkInstallCode::Cancelled,
        "SDK install cancelled",
        format!("`{command}` was stopped; the `.venv` folder may be half made."),
    )
    .with_remediation("Delete the `.venv` folder in the app, then try again.")
}

fn no_python(python: &str) -> Finding {
    Finding::error(
        SdkInstallCode::ProgramMissing,
        "Python is not installed",
        format!("Creating a virtual environment needs `{python}`, which was not found on PATH."),
    )
    .with_remediation("Install Python 3 from https://www.python.org/downloads/ or your system's packages, then try again.")
}
