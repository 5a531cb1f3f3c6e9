//! "The application builds": the build command the project's manifest names, run in the app
//! folder with live output, a time limit and Cancel (the same runner as the SDK install).

use std::path::Path;
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::{Evidence, LineStatus, VerifyLine, line};
use crate::local::sdk::InstallLine;
use crate::local::sdk::install::runner::{self, RunEnd, RunSpec};

/// A build that takes longer than this is stopped and reported.
pub const TIME_LIMIT: Duration = Duration::from_secs(10 * 60);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BuildPlan {
    pub program: String,
    pub args: Vec<String>,
}

impl BuildPlan {
    pub fn shown(&self) -> String {
        std::iter::once(self.program.as_str())
            .chain(self.args.iter().map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// The build command from the app's manifest: a package.json `build` script (with the
/// package manager its lockfile names), `cargo build`, `go build ./...`, or a Python byte
/// compile. `None` when the project declares no build.
pub fn plan(app_dir: &Path) -> Option<BuildPlan> {
    let node = |program: &str| BuildPlan {
        program: program.into(),
        args: vec!["run".into(), "build".into()],
    };
    if let Some(manifest) = read_small(&app_dir.join("package.json")) {
        let json: serde_json::Value = serde_json::from_str(&manifest).ok()?;
        json["scripts"]["build"].as_str()?;
        let program = if app_dir.join("pnpm-lock.yaml").exists() {
            "pnpm"
        } else if app_dir.join("yarn.lock").exists() {
            "yarn"
        } else if app_dir.join("bun.lockb").exists() || app_dir.join("bun.lock").exists() {
            "bun"
        } else {
            "npm"
        };
        return Some(node(program));
    }
    let plan = |program: &str, args: &[&str]| BuildPlan {
        program: program.into(),
        args: args.iter().map(|a| a.to_string()).collect(),
    };
    if app_dir.join("Cargo.toml").is_file() {
        return Some(plan("cargo", &["build"]));
    }
    if app_dir.join("go.mod").is_file() {
        return Some(plan("go", &["build", "./..."]));
    }
    if app_dir.join("pyproject.toml").is_file() || app_dir.join("requirements.txt").is_file() {
        return Some(plan("python3", &["-m", "compileall", "-q", "."]));
    }
    None
}

fn read_small(path: &Path) -> Option<String> {
    let meta = std::fs::metadata(path).ok()?;
    (meta.is_file() && meta.len() < 1024 * 1024)
        .then(|| std::fs::read_to_string(path).ok())
        .flatten()
}

/// Runs the build and says how it went, with the last lines of output when it failed.
pub async fn run(
    app_dir: &Path,
    build: &BuildPlan,
    cancel: &CancellationToken,
    on_line: &(dyn Fn(InstallLine) + Send + Sync),
) -> VerifyLine {
    let spec = RunSpec {
        program: &build.program,
        args: &build.args,
        dir: app_dir,
        path: None,
        timeout: TIME_LIMIT,
    };
    let result = runner::run(spec, cancel, on_line).await;
    let took = format!("{:.1} s", result.elapsed.as_secs_f64());
    let (status, detail) = match result.end {
        RunEnd::Exited(Some(0)) => (
            LineStatus::Pass,
            format!("`{}` succeeded in {took}.", build.shown()),
        ),
        RunEnd::Exited(code) => (
            LineStatus::Fail,
            format!(
                "`{}` failed (exit {}) after {took}:\n{}",
                build.shown(),
                code.map_or_else(|| "by a signal".to_string(), |c| c.to_string()),
                result.tail.join("\n")
            ),
        ),
        RunEnd::Cancelled => (
            LineStatus::NotChecked,
            format!("`{}` was cancelled.", build.shown()),
        ),
        RunEnd::TimedOut => (
            LineStatus::Fail,
            format!(
                "`{}` ran longer than {} minutes and was stopped.",
                build.shown(),
                TIME_LIMIT.as_secs() / 60
            ),
        ),
        RunEnd::ProgramMissing => (
            LineStatus::Fail,
            format!("`{}` is not installed on this machine.", build.program),
        ),
        RunEnd::SpawnFailed(why) => (
            LineStatus::Fail,
            format!("`{}` could not start: {why}", build.shown()),
        ),
    };
    line(
        "build",
        "The application builds",
        status,
        Evidence::Live,
        detail,
        None,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_script_runs_with_the_lockfiles_package_manager() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("package.json"),
            r#"{"scripts":{"build":"node --check server.mjs"}}"#,
        )
        .unwrap();
        assert_eq!(plan(dir.path()).unwrap().shown(), "npm run build");
        std::fs::write(dir.path().join("pnpm-lock.yaml"), "").unwrap();
        assert_eq!(plan(dir.path()).unwrap().shown(), "pnpm run build");
    }

    #[test]
    fn no_build_script_is_no_build() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("package.json"),
            r#"{"scripts":{"start":"node ."}}"#,
        )
        .unwrap();
        assert_eq!(plan(dir.path()), None);
        std::fs::write(dir.path().join("package.json"), "not json").unwrap();
        assert_eq!(plan(dir.path()), None);
    }

    #[tokio::test]
    async fn a_failing_build_fails_with_its_last_lines() {
        let dir = tempfile::tempdir().unwrap();
        let build = BuildPlan {
            program: "sh".into(),
            args: vec![
                "-c".into(),
                "echo compiling; echo 'error: missing semicolon' >&2; exit 3".into(),
            ],
        };
        let line = run(dir.path(), &build, &CancellationToken::new(), &|_| {}).await;
        assert_eq!(line.status, LineStatus::Fail);
        assert!(
            line.detail.contains("exit 3") && line.detail.contains("missing semicolon"),
            "{}",
            line.detail
        );
        let ok = BuildPlan {
            program: "true".into(),
            args: vec![],
        };
        assert_eq!(
            run(dir.path(), &ok, &CancellationToken::new(), &|_| {})
                .await
                .status,
            LineStatus::Pass
        );
    }
}
