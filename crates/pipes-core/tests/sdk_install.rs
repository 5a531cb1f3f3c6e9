//! Installing the SDK: a real `npm install` into a real npm project, and the runner's
//! cancel, timeout, failure and missing-program paths with stand-in package managers.

use std::ffi::OsString;
use std::fs;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use pipes_core::local::sdk::{
    Ecosystem, InstallLine, InstallOptions, InstallStatus, OutputStream, SdkStatus, install_sdk,
    plan_install,
};
use tokio_util::sync::CancellationToken;

fn npm_project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("package.json"),
        r#"{"name":"pipes-install-test","version":"1.0.0","private":true}"#,
    )
    .unwrap();
    dir
}

/// A folder holding a stand-in `npm` shell script; returns the PATH to run it with.
fn fake_npm(script_body: &str) -> (tempfile::TempDir, OsString) {
    let bin = tempfile::tempdir().unwrap();
    let npm = bin.path().join("npm");
    fs::write(&npm, format!("#!/bin/sh\n{script_body}\n")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&npm, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let path =
        std::env::join_paths([bin.path(), Path::new("/usr/bin"), Path::new("/bin")]).unwrap();
    (bin, path)
}

fn collector() -> (
    Arc<Mutex<Vec<InstallLine>>>,
    impl Fn(InstallLine) + Send + Sync + 'static,
) {
    let lines = Arc::new(Mutex::new(Vec::new()));
    let sink = lines.clone();
    (lines, move |line| sink.lock().unwrap().push(line))
}

/// Whether a process is still running (a zombie or a missing /proc entry counts as gone).
#[cfg(target_os = "linux")]
fn alive(pid: u32) -> bool {
    match fs::read_to_string(format!("/proc/{pid}/stat")) {
        Ok(stat) => {
            stat.rsplit(')')
                .next()
                .and_then(|rest| rest.split_whitespace().next())
                != Some("Z")
        }
        Err(_) => false,
    }
}

#[tokio::test]
async fn real_npm_install_streams_output_and_detects_the_sdk() {
    let dir = npm_project();
    let (lines, on_line) = collector();
    let options = InstallOptions {
        timeout: Duration::from_secs(240),
        ..InstallOptions::default()
    };
    let outcome = install_sdk(
        dir.path(),
        Ecosystem::Node,
        options,
        CancellationToken::new(),
        on_line,
    )
    .await;
    let lines = lines.lock().unwrap();
    eprintln!(
        "`{}` took {} ms, {} lines; last: {:?}",
        outcome.command.as_deref().unwrap_or(""),
        outcome.duration_ms,
        lines.len(),
        lines.last()
    );

    assert_eq!(
        outcome.status,
        InstallStatus::Succeeded,
        "{:#?}",
        outcome.findings
    );
    assert_eq!(
        outcome.command.as_deref(),
        Some("npm install @workos-inc/node@latest --no-fund --no-audit")
    );
    assert!(!lines.is_empty(), "no output lines were streamed");
    assert_eq!(lines.len(), outcome.lines);
    assert!(lines.iter().any(|l| l.line.contains("added")), "{lines:#?}");
    assert!(lines.windows(2).all(|w| w[0].elapsed_ms <= w[1].elapsed_ms));
    assert_eq!(outcome.findings[0].code, "SDK_INSTALL_OK");

    let report = outcome.report.as_ref().unwrap();
    let node = report.detection(Ecosystem::Node).unwrap();
    assert_eq!(node.status, SdkStatus::Ok, "{node:#?}");
    let installed = node.installed.as_ref().unwrap();
    eprintln!("installed @workos-inc/node {}", installed.version);
    let on_disk: serde_json::Value = serde_json::from_str(
        &fs::read_to_string(
            dir.path()
                .join("node_modules/@workos-inc/node/package.json"),
        )
        .unwrap(),
    )
    .unwrap();
    assert_eq!(installed.version, on_disk["version"].as_str().unwrap());
    assert!(
        outcome
            .findings
            .iter()
            .any(|f| f.code == "SDK_OK" && f.title.contains(&installed.version))
    );
    // npm wrote the requirement into package.json too.
    assert!(
        fs::read_to_string(dir.path().join("package.json"))
            .unwrap()
            .contains("@workos-inc/node")
    );
}

#[cfg(target_os = "linux")]
#[tokio::test]
async fn cancel_kills_the_install_and_what_it_started() {
    let dir = npm_project();
    let pids = dir.path().join("pids");
    let (_bin, path) = fake_npm(&format!(
        "sleep 300 &\necho $$ $! > {}\necho \"resolving @workos-inc/node\"\nwait",
        pids.display()
    ));
    let cancel = CancellationToken::new();
    let trigger = cancel.clone();
    let (lines, collect) = collector();
    let on_line = move |line: InstallLine| {
        collect(line);
        trigger.cancel();
    };
    let options = InstallOptions {
        timeout: Duration::from_secs(60),
        search_path: Some(path),
        create_python_venv: false,
    };
    let started = Instant::now();
    let outcome = install_sdk(dir.path(), Ecosystem::Node, options, cancel, on_line).await;

    assert_eq!(
        outcome.status,
        InstallStatus::Cancelled,
        "{:#?}",
        outcome.findings
    );
    assert!(
        started.elapsed() < Duration::from_secs(10),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(outcome.findings[0].code, "SDK_INSTALL_CANCELLED");
    assert_eq!(lines.lock().unwrap()[0].line, "resolving @workos-inc/node");
    let recorded = fs::read_to_string(&pids).unwrap();
    let ids: Vec<u32> = recorded
        .split_whitespace()
        .map(|p| p.parse().unwrap())
        .collect();
    assert_eq!(outcome.pid, Some(ids[0]));
    // The shell and its background `sleep` (same process group) are both gone.
    std::thread::sleep(Duration::from_millis(200));
    for pid in ids {
        assert!(!alive(pid), "process {pid} survived the cancel");
    }
    // The scan after a cancelled install still runs.
    assert!(outcome.report.is_some());
}

#[tokio::test]
async fn a_missing_package_manager_is_a_finding_with_a_next_step() {
    let dir = npm_project();
    let empty_path = tempfile::tempdir().unwrap();
    let options = InstallOptions {
        timeout: Duration::from_secs(10),
        search_path: Some(empty_path.path().into()),
        create_python_venv: false,
    };
    let started = Instant::now();
    let outcome = install_sdk(
        dir.path(),
        Ecosystem::Node,
        options,
        CancellationToken::new(),
        |_| {},
    )
    .await;
    assert_eq!(outcome.status, InstallStatus::ProgramMissing);
    assert!(started.elapsed() < Duration::from_secs(2));
    let finding = &outcome.findings[0];
    assert_eq!(finding.code, "SDK_INSTALL_PROGRAM_MISSING");
    assert!(
        finding
            .remediation
            .as_deref()
            .unwrap()
            .contains("https://nodejs.org")
    );
    // The project still gets scanned: the SDK is still missing.
    assert!(outcome.findings.iter().any(|f| f.code == "SDK_NOT_FOUND"));
}

#[tokio::test]
async fn a_failing_install_reports_exit_code_and_last_lines() {
    let dir = npm_project();
    let (_bin, path) =
        fake_npm("echo 'npm error code E404' >&2\necho 'npm error 404 Not Found' >&2\nexit 1");
    let (lines, on_line) = collector();
    let options = InstallOptions {
        timeout: Duration::from_secs(30),
        search_path: Some(path),
        create_python_venv: false,
    };
    let outcome = install_sdk(
        dir.path(),
        Ecosystem::Node,
        options,
        CancellationToken::new(),
        on_line,
    )
    .await;
    assert_eq!(outcome.status, InstallStatus::Failed);
    assert_eq!(outcome.exit_code, Some(1));
    let finding = &outcome.findings[0];
    assert_eq!(finding.code, "SDK_INSTALL_FAILED");
    let details = finding.details.as_ref().unwrap();
    assert_eq!(details["last_lines"][1], "npm error 404 Not Found");
    assert!(
        lines
            .lock()
            .unwrap()
            .iter()
            .all(|l| l.stream == OutputStream::Stderr)
    );
}

/// Debian's own Python refuses `pip install` outside a virtual environment (PEP 668): the most
/// common way a Python install fails on Linux. Then the fix it offers makes a `.venv` and
/// installs there. This runs the real interpreter, venv and pip (the second half downloads
/// from PyPI).
#[cfg(unix)]
#[tokio::test]
async fn the_system_python_refusal_offers_a_virtualenv_and_installs_there() {
    let system_python = Path::new("/usr/bin/python3");
    let marked = fs::read_dir("/usr/lib")
        .unwrap()
        .flatten()
        .any(|d| d.path().join("EXTERNALLY-MANAGED").exists());
    assert!(
        system_python.exists() && marked,
        "needs Debian 12's python3, python3-venv and python3-pip (scripts/lib/setup.sh installs them)"
    );
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("requirements.txt"), "flask\n").unwrap();
    let bin = tempfile::tempdir().unwrap();
    std::os::unix::fs::symlink(system_python, bin.path().join("python3")).unwrap();
    let search_path = std::env::join_paths([bin.path(), Path::new("/usr/bin")]).unwrap();
    let options = InstallOptions {
        timeout: Duration::from_secs(60),
        search_path: Some(search_path.clone()),
        create_python_venv: false,
    };
    let outcome = install_sdk(
        dir.path(),
        Ecosystem::Python,
        options,
        CancellationToken::new(),
        |_| {},
    )
    .await;
    assert_eq!(outcome.status, InstallStatus::Failed);
    let finding = &outcome.findings[0];
    assert_eq!(finding.code, "SDK_INSTALL_SYSTEM_PYTHON", "{finding:?}");
    assert!(
        finding
            .message
            .contains("python3 -m pip install --upgrade workos")
    );
    let remediation = finding.remediation.as_deref().unwrap();
    assert!(
        remediation.contains("python3 -m venv .venv"),
        "{remediation}"
    );
    let expected_fix = pipes_core::Fix::InstallSdkInNewVenv {
        project: dir.path().to_string_lossy().into_owned(),
    };
    assert_eq!(finding.fix.as_ref(), Some(&expected_fix));
    assert!(
        !dir.path().join(".venv").exists(),
        "nothing created before the user asks"
    );

    // The fix: a `.venv` of the app's own, ignored by git from inside, and a real pip install
    // from PyPI into it.
    let (lines, on_line) = collector();
    let options = InstallOptions {
        timeout: Duration::from_secs(240),
        search_path: Some(search_path),
        create_python_venv: true,
    };
    let outcome = install_sdk(
        dir.path(),
        Ecosystem::Python,
        options,
        CancellationToken::new(),
        on_line,
    )
    .await;
    assert_eq!(
        outcome.status,
        InstallStatus::Succeeded,
        "{:?}",
        outcome.findings
    );
    assert!(
        outcome
            .command
            .unwrap()
            .contains(".venv/bin/python -m pip install")
    );
    assert!(dir.path().join(".venv/pyvenv.cfg").exists());
    let ignore = fs::read_to_string(dir.path().join(".venv/.gitignore")).unwrap();
    assert!(ignore.lines().any(|l| l == "*"), "{ignore}");
    assert!(
        !dir.path().join(".gitignore").exists(),
        "the app's own .gitignore is not touched"
    );
    assert!(
        lines
            .lock()
            .unwrap()
            .iter()
            .any(|l| l.line.contains("Successfully installed"))
    );
    let report = outcome.report.expect("a scan after the install");
    let python = report
        .detections
        .iter()
        .find(|d| d.ecosystem == Ecosystem::Python);
    assert!(
        python.is_some_and(|d| d.installed.is_some() && d.status == SdkStatus::Ok),
        "the scan finds the SDK in .venv: {report:?}"
    );
    // pip installed it but requirements.txt does not list it: say so, with the line to add.
    let undeclared = report
        .findings
        .iter()
        .find(|f| f.code == "SDK_NOT_DECLARED");
    let remediation = undeclared
        .and_then(|f| f.remediation.as_deref())
        .unwrap_or_default();
    assert!(remediation.contains("`workos>="), "{:?}", report.findings);
}

#[tokio::test]
async fn a_hanging_install_times_out() {
    let dir = npm_project();
    let (_bin, path) = fake_npm("echo fetching\nsleep 300");
    let options = InstallOptions {
        timeout: Duration::from_millis(800),
        search_path: Some(path),
        create_python_venv: false,
    };
    let started = Instant::now();
    let outcome = install_sdk(
        dir.path(),
        Ecosystem::Node,
        options,
        CancellationToken::new(),
        |_| {},
    )
    .await;
    assert_eq!(outcome.status, InstallStatus::TimedOut);
    assert_eq!(outcome.findings[0].code, "SDK_INSTALL_TIMED_OUT");
    assert!(
        started.elapsed() < Duration::from_secs(6),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn detection_after_the_install_sees_the_new_version() {
    let dir = npm_project();
    let (_bin, path) = fake_npm(
        "mkdir -p node_modules/@workos-inc/node\n\
         echo '{\"name\":\"@workos-inc/node\",\"version\":\"7.90.1\"}' > node_modules/@workos-inc/node/package.json\n\
         echo '{\"name\":\"x\",\"version\":\"1.0.0\",\"dependencies\":{\"@workos-inc/node\":\"^7.90.1\"}}' > package.json\n\
         echo 'added 1 package'",
    );
    let options = InstallOptions {
        timeout: Duration::from_secs(30),
        search_path: Some(path),
        create_python_venv: false,
    };
    let outcome = install_sdk(
        dir.path(),
        Ecosystem::Node,
        options,
        CancellationToken::new(),
        |_| {},
    )
    .await;
    assert_eq!(outcome.status, InstallStatus::Succeeded);
    let node = outcome
        .report
        .as_ref()
        .unwrap()
        .detection(Ecosystem::Node)
        .unwrap()
        .clone();
    assert_eq!(node.status, SdkStatus::Ok);
    assert_eq!(node.installed.unwrap().version, "7.90.1");
}

#[tokio::test]
async fn gradle_and_elixir_installs_are_manual() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sdk");
    let gradle = plan_install(&fixtures.join("kotlin-gradle-old"), Ecosystem::Jvm).unwrap_err();
    assert_eq!(gradle.code, "SDK_INSTALL_UNSUPPORTED");
    assert!(
        gradle
            .remediation
            .as_deref()
            .unwrap()
            .contains("com.workos:workos")
    );
    let outcome = install_sdk(
        &fixtures.join("elixir"),
        Ecosystem::Elixir,
        InstallOptions::default(),
        CancellationToken::new(),
        |_| {},
    )
    .await;
    assert_eq!(outcome.status, InstallStatus::Unsupported);
    assert_eq!(outcome.findings[0].code, "SDK_INSTALL_UNSUPPORTED");
}

#[test]
fn plans_follow_the_project_package_manager() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sdk");
    let cases = [
        (
            "node-yarn-new",
            Ecosystem::Node,
            "yarn add @workos-inc/node@latest",
        ),
        (
            "node-pnpm-old",
            Ecosystem::Node,
            "pnpm add @workos-inc/node@latest",
        ),
        (
            "node-bun-new",
            Ecosystem::Node,
            "bun add @workos-inc/node@latest",
        ),
        (
            "python-poetry-new",
            Ecosystem::Python,
            "poetry add workos@latest",
        ),
        (
            "python-uv-new",
            Ecosystem::Python,
            "uv add workos --upgrade-package workos",
        ),
        (
            "python-pipenv-old",
            Ecosystem::Python,
            "pipenv install workos",
        ),
        (
            "python-pip-old",
            Ecosystem::Python,
            "python3 -m pip install --upgrade workos",
        ),
        (
            "go-old",
            Ecosystem::Go,
            "go get github.com/workos/workos-go/v4@latest",
        ),
        ("ruby-old", Ecosystem::Ruby, "bundle update workos"),
        (
            "php-old",
            Ecosystem::Php,
            "composer require workos/workos-php",
        ),
        (
            "dotnet-old",
            Ecosystem::Dotnet,
            "dotnet add package WorkOS.net",
        ),
        ("rust-old", Ecosystem::Rust, "cargo add workos"),
    ];
    for (fixture, ecosystem, command) in cases {
        let plan = plan_install(&fixtures.join(fixture), ecosystem).unwrap();
        assert_eq!(plan.command(), command, "{fixture}");
    }
}

#[test]
fn pip_installs_into_the_project_virtualenv() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("requirements.txt"), "workos>=5.38\n").unwrap();
    fs::create_dir_all(dir.path().join(".venv/bin")).unwrap();
    fs::write(dir.path().join(".venv/pyvenv.cfg"), "home = /usr/bin\n").unwrap();
    let plan = plan_install(dir.path(), Ecosystem::Python).unwrap();
    let python = dir.path().join(".venv/bin/python");
    assert_eq!(
        plan.command(),
        format!("{} -m pip install --upgrade workos", python.display())
    );
}

/// Tauri runs commands on a multi-threaded runtime: the install future must be `Send`.
#[test]
fn the_install_future_is_send() {
    fn assert_send<T: Send>(_: &T) {}
    let future = install_sdk(
        Path::new("."),
        Ecosystem::Node,
        InstallOptions::default(),
        CancellationToken::new(),
        |_| {},
    );
    assert_send(&future);
}
