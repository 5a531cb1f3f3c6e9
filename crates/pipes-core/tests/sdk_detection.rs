//! SDK detection over the fixture projects in tests/fixtures/sdk (one per ecosystem, old and
//! new releases), copied to a temp dir so tests can add what git does not keep (node_modules,
//! .venv, vendor).

use std::fs;
use std::path::{Path, PathBuf};

use pipes_core::checks::finding::{Fix, Severity};
use pipes_core::local::sdk::{Ecosystem, PackageManager, SdkReport, SdkStatus, detect_sdk};

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/sdk")
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A fresh copy of a fixture project.
fn project(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixtures().join(name), dir.path());
    dir
}

fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

fn install_node_module(dir: &Path, package: &str, version: &str) {
    write(
        dir,
        &format!("node_modules/{package}/package.json"),
        &format!("{{\"name\":\"{package}\",\"version\":\"{version}\"}}"),
    );
}

fn codes(report: &SdkReport) -> Vec<&str> {
    report.findings.iter().map(|f| f.code.as_str()).collect()
}

/// Asserts the one detection of `ecosystem`: package manager, status, judged version, finding code.
fn expect(
    report: &SdkReport,
    ecosystem: Ecosystem,
    pm: PackageManager,
    status: SdkStatus,
    version: &str,
    code: &str,
) {
    let detection = report
        .detection(ecosystem)
        .unwrap_or_else(|| panic!("no {ecosystem:?} detection: {report:#?}"));
    assert_eq!(detection.package_manager, pm, "{detection:#?}");
    assert_eq!(detection.status, status, "{detection:#?}");
    assert_eq!(
        detection.effective_version.as_deref(),
        Some(version),
        "{detection:#?}"
    );
    assert!(
        codes(report).contains(&code),
        "{:?} lacks {code}",
        codes(report)
    );
}

fn scan(name: &str) -> SdkReport {
    let dir = project(name);
    detect_sdk(dir.path())
}

#[test]
fn node_npm_new_installed_is_ok() {
    let dir = project("node-npm-new");
    install_node_module(dir.path(), "@workos-inc/node", "7.81.2");
    let report = detect_sdk(dir.path());
    expect(
        &report,
        Ecosystem::Node,
        PackageManager::Npm,
        SdkStatus::Ok,
        "7.81.2",
        "SDK_OK",
    );
    let detection = report.detection(Ecosystem::Node).unwrap();
    assert_eq!(detection.declared.as_ref().unwrap().requirement, "^7.80.0");
    assert_eq!(detection.locked.as_ref().unwrap().file, "package-lock.json");
    assert_eq!(
        detection.installed.as_ref().unwrap().file,
        "node_modules/@workos-inc/node/package.json"
    );
    assert_eq!(report.findings[0].severity, Severity::Pass);
}

#[test]
fn node_locked_but_without_node_modules_is_not_installed() {
    let report = scan("node-npm-new");
    expect(
        &report,
        Ecosystem::Node,
        PackageManager::Npm,
        SdkStatus::NotInstalled,
        "7.81.2",
        "SDK_NOT_INSTALLED",
    );
    let finding = report.finding("SDK_NOT_INSTALLED").unwrap();
    assert!(
        finding
            .remediation
            .as_deref()
            .unwrap()
            .contains("npm install")
    );
    assert!(matches!(&finding.fix, Some(Fix::InstallSdk { ecosystem, .. }) if ecosystem == "node"));
}

#[test]
fn node_npm_old_is_too_old_with_an_install_fix() {
    let report = scan("node-npm-old");
    expect(
        &report,
        Ecosystem::Node,
        PackageManager::Npm,
        SdkStatus::TooOldForPipes,
        "7.50.1",
        "SDK_TOO_OLD_FOR_PIPES",
    );
    let finding = report.finding("SDK_TOO_OLD_FOR_PIPES").unwrap();
    assert_eq!(finding.severity, Severity::Error);
    assert!(finding.message.contains("7.77.0"), "{}", finding.message);
    assert!(
        finding
            .remediation
            .as_deref()
            .unwrap()
            .contains("npm install @workos-inc/node@latest")
    );
    assert!(matches!(&finding.fix, Some(Fix::InstallSdk { ecosystem, .. }) if ecosystem == "node"));
}

#[test]
fn node_yarn_from_package_manager_field_and_yarn_lock() {
    let dir = project("node-yarn-new");
    install_node_module(dir.path(), "@workos-inc/node", "7.79.0");
    let report = detect_sdk(dir.path());
    expect(
        &report,
        Ecosystem::Node,
        PackageManager::Yarn,
        SdkStatus::Ok,
        "7.79.0",
        "SDK_OK",
    );
    assert_eq!(
        report
            .detection(Ecosystem::Node)
            .unwrap()
            .locked
            .as_ref()
            .unwrap()
            .file,
        "yarn.lock"
    );
}

#[test]
fn node_pnpm_lock_old() {
    let report = scan("node-pnpm-old");
    expect(
        &report,
        Ecosystem::Node,
        PackageManager::Pnpm,
        SdkStatus::TooOldForPipes,
        "7.40.3",
        "SDK_TOO_OLD_FOR_PIPES",
    );
}

#[test]
fn node_bun_lock_and_widgets() {
    let report = scan("node-bun-new");
    expect(
        &report,
        Ecosystem::Node,
        PackageManager::Bun,
        SdkStatus::NotInstalled,
        "8.1.0",
        "SDK_NOT_INSTALLED",
    );
    assert_eq!(report.widgets.as_ref().unwrap().version, "1.2.3");
    assert!(codes(&report).contains(&"SDK_WIDGETS_FOUND"));
}

#[test]
fn node_without_the_sdk_is_not_found_with_install_fix() {
    let report = scan("node-no-sdk");
    assert!(report.detections.is_empty());
    assert_eq!(report.ecosystems, vec![Ecosystem::Node]);
    let finding = report.finding("SDK_NOT_FOUND").unwrap();
    assert!(matches!(&finding.fix, Some(Fix::InstallSdk { ecosystem, .. }) if ecosystem == "node"));
    assert!(
        finding
            .remediation
            .as_deref()
            .unwrap()
            .contains("npm install @workos-inc/node@latest")
    );
}

#[test]
fn python_pip_requirement_pin_too_old() {
    let report = scan("python-pip-old");
    expect(
        &report,
        Ecosystem::Python,
        PackageManager::Pip,
        SdkStatus::TooOldForPipes,
        "5.20.0",
        "SDK_TOO_OLD_FOR_PIPES",
    );
    assert_eq!(
        report
            .detection(Ecosystem::Python)
            .unwrap()
            .declared
            .as_ref()
            .unwrap()
            .file,
        "requirements.txt"
    );
}

#[test]
fn python_poetry_lock_new() {
    let report = scan("python-poetry-new");
    expect(
        &report,
        Ecosystem::Python,
        PackageManager::Poetry,
        SdkStatus::Ok,
        "5.40.0",
        "SDK_OK",
    );
}

#[test]
fn python_uv_lock_new() {
    let report = scan("python-uv-new");
    expect(
        &report,
        Ecosystem::Python,
        PackageManager::Uv,
        SdkStatus::Ok,
        "5.39.1",
        "SDK_OK",
    );
    assert_eq!(
        report
            .detection(Ecosystem::Python)
            .unwrap()
            .declared
            .as_ref()
            .unwrap()
            .requirement,
        ">=5.38,<6"
    );
}

#[test]
fn python_pipfile_lock_old() {
    let report = scan("python-pipenv-old");
    expect(
        &report,
        Ecosystem::Python,
        PackageManager::Pipenv,
        SdkStatus::TooOldForPipes,
        "5.10.0",
        "SDK_TOO_OLD_FOR_PIPES",
    );
}

#[test]
fn python_venv_dist_info_is_the_installed_version() {
    let dir = project("python-venv");
    write(dir.path(), ".venv/pyvenv.cfg", "home = /usr/bin\n");
    write(
        dir.path(),
        ".venv/lib/python3.12/site-packages/workos-5.41.0.dist-info/METADATA",
        "Name: workos\n",
    );
    let report = detect_sdk(dir.path());
    expect(
        &report,
        Ecosystem::Python,
        PackageManager::Pip,
        SdkStatus::Ok,
        "5.41.0",
        "SDK_OK",
    );
    let installed = report
        .detection(Ecosystem::Python)
        .unwrap()
        .installed
        .clone()
        .unwrap();
    assert_eq!(
        installed.file,
        ".venv/lib/python3.12/site-packages/workos-5.41.0.dist-info"
    );
}

#[test]
fn python_venv_without_the_package_is_not_installed() {
    let dir = project("python-venv");
    write(dir.path(), ".venv/pyvenv.cfg", "home = /usr/bin\n");
    fs::create_dir_all(dir.path().join(".venv/lib/python3.12/site-packages")).unwrap();
    let report = detect_sdk(dir.path());
    expect(
        &report,
        Ecosystem::Python,
        PackageManager::Pip,
        SdkStatus::NotInstalled,
        "5.38.0",
        "SDK_NOT_INSTALLED",
    );
}

#[test]
fn python_requirement_alone_judges_the_lowest_admitted() {
    let report = scan("python-venv");
    expect(
        &report,
        Ecosystem::Python,
        PackageManager::Pip,
        SdkStatus::Ok,
        "5.38.0",
        "SDK_OK",
    );
    assert_eq!(
        report
            .detection(Ecosystem::Python)
            .unwrap()
            .declared
            .as_ref()
            .unwrap()
            .lowest
            .as_deref(),
        Some("5.38.0")
    );
}

#[test]
fn go_module_major_and_go_sum() {
    let report = scan("go-new");
    expect(
        &report,
        Ecosystem::Go,
        PackageManager::Go,
        SdkStatus::Ok,
        "6.4.0",
        "SDK_OK",
    );
    let detection = report.detection(Ecosystem::Go).unwrap();
    assert_eq!(detection.package, "github.com/workos/workos-go/v6");
    assert_eq!(detection.locked.as_ref().unwrap().file, "go.sum");

    let old = scan("go-old");
    expect(
        &old,
        Ecosystem::Go,
        PackageManager::Go,
        SdkStatus::TooOldForPipes,
        "4.2.0",
        "SDK_TOO_OLD_FOR_PIPES",
    );
    let remediation = old
        .finding("SDK_TOO_OLD_FOR_PIPES")
        .unwrap()
        .remediation
        .clone()
        .unwrap();
    assert!(
        remediation.contains("go get github.com/workos/workos-go/v4@latest"),
        "{remediation}"
    );
}

#[test]
fn ruby_gemfile_lock() {
    expect(
        &scan("ruby-new"),
        Ecosystem::Ruby,
        PackageManager::Bundler,
        SdkStatus::Ok,
        "7.1.0",
        "SDK_OK",
    );
    expect(
        &scan("ruby-old"),
        Ecosystem::Ruby,
        PackageManager::Bundler,
        SdkStatus::TooOldForPipes,
        "4.8.0",
        "SDK_TOO_OLD_FOR_PIPES",
    );
}

#[test]
fn ruby_gemfile_without_lock_is_not_installed() {
    let dir = project("ruby-new");
    fs::remove_file(dir.path().join("Gemfile.lock")).unwrap();
    let report = detect_sdk(dir.path());
    expect(
        &report,
        Ecosystem::Ruby,
        PackageManager::Bundler,
        SdkStatus::NotInstalled,
        "7.0.0",
        "SDK_NOT_INSTALLED",
    );
    assert!(
        report
            .finding("SDK_NOT_INSTALLED")
            .unwrap()
            .remediation
            .as_deref()
            .unwrap()
            .contains("bundle install")
    );
}

#[test]
fn php_composer_lock_and_vendor() {
    let dir = project("php-new");
    let before = detect_sdk(dir.path());
    expect(
        &before,
        Ecosystem::Php,
        PackageManager::Composer,
        SdkStatus::NotInstalled,
        "5.1.0",
        "SDK_NOT_INSTALLED",
    );
    write(
        dir.path(),
        "vendor/composer/installed.json",
        r#"{"packages":[{"name":"workos/workos-php","version":"v5.1.0"}]}"#,
    );
    let after = detect_sdk(dir.path());
    expect(
        &after,
        Ecosystem::Php,
        PackageManager::Composer,
        SdkStatus::Ok,
        "5.1.0",
        "SDK_OK",
    );
    expect(
        &scan("php-old"),
        Ecosystem::Php,
        PackageManager::Composer,
        SdkStatus::TooOldForPipes,
        "4.3.0",
        "SDK_TOO_OLD_FOR_PIPES",
    );
}

#[test]
fn jvm_maven_property_and_gradle_kotlin_dsl() {
    expect(
        &scan("java-maven-new"),
        Ecosystem::Jvm,
        PackageManager::Maven,
        SdkStatus::Ok,
        "5.1.0",
        "SDK_OK",
    );
    let old = scan("kotlin-gradle-old");
    expect(
        &old,
        Ecosystem::Jvm,
        PackageManager::Gradle,
        SdkStatus::TooOldForPipes,
        "4.0.0",
        "SDK_TOO_OLD_FOR_PIPES",
    );
    // No command adds a Gradle dependency: the finding says what to edit instead of offering a click.
    let finding = old.finding("SDK_TOO_OLD_FOR_PIPES").unwrap();
    assert_eq!(finding.fix, None);
    assert!(
        finding
            .remediation
            .as_deref()
            .unwrap()
            .contains("build.gradle")
    );
}

#[test]
fn dotnet_package_reference() {
    expect(
        &scan("dotnet-new"),
        Ecosystem::Dotnet,
        PackageManager::Dotnet,
        SdkStatus::Ok,
        "3.1.0",
        "SDK_OK",
    );
    expect(
        &scan("dotnet-old"),
        Ecosystem::Dotnet,
        PackageManager::Dotnet,
        SdkStatus::TooOldForPipes,
        "2.5.0",
        "SDK_TOO_OLD_FOR_PIPES",
    );
}

#[test]
fn elixir_has_no_pipes_yet() {
    let report = scan("elixir");
    expect(
        &report,
        Ecosystem::Elixir,
        PackageManager::Mix,
        SdkStatus::NoPipesYet,
        "1.1.2",
        "SDK_ELIXIR_NO_PIPES",
    );
    let finding = report.finding("SDK_ELIXIR_NO_PIPES").unwrap();
    assert!(
        finding
            .remediation
            .as_deref()
            .unwrap()
            .contains("/data-integrations/{slug}/token")
    );
    assert_eq!(finding.fix, None);
}

#[test]
fn rust_cargo_lock_and_old_requirement() {
    expect(
        &scan("rust-new"),
        Ecosystem::Rust,
        PackageManager::Cargo,
        SdkStatus::Ok,
        "3.5.2",
        "SDK_OK",
    );
    expect(
        &scan("rust-old"),
        Ecosystem::Rust,
        PackageManager::Cargo,
        SdkStatus::TooOldForPipes,
        "0.4.0",
        "SDK_TOO_OLD_FOR_PIPES",
    );
}

#[test]
fn a_folder_without_manifests() {
    let report = scan("empty");
    assert!(report.ecosystems.is_empty());
    assert_eq!(codes(&report), vec!["SDK_NO_MANIFEST"]);
}

#[test]
fn findings_serialize_to_the_contract_shape() {
    let report = scan("node-npm-old");
    let json = serde_json::to_value(&report).unwrap();
    assert_eq!(json["detections"][0]["status"], "too_old_for_pipes");
    assert_eq!(json["detections"][0]["package_manager"], "npm");
    assert_eq!(json["findings"][0]["fix"]["kind"], "install_sdk");
    assert_eq!(json["findings"][0]["fix"]["ecosystem"], "node");
}

#[test]
fn remediation_names_the_command_the_fix_would_run() {
    let dir = project("node-no-sdk");
    write(dir.path(), "pnpm-lock.yaml", "lockfileVersion: '9.0'\n");
    let report = detect_sdk(dir.path());
    let remediation = report
        .finding("SDK_NOT_FOUND")
        .unwrap()
        .remediation
        .clone()
        .unwrap();
    assert!(
        remediation.contains("`pnpm add @workos-inc/node@latest`"),
        "{remediation}"
    );

    let venv = project("python-pip-old");
    write(venv.path(), ".venv/pyvenv.cfg", "home = /usr/bin\n");
    let report = detect_sdk(venv.path());
    let remediation = report
        .finding("SDK_TOO_OLD_FOR_PIPES")
        .unwrap()
        .remediation
        .clone()
        .unwrap();
    assert!(
        remediation.contains(".venv/bin/python -m pip install --upgrade workos"),
        "{remediation}"
    );
}

/// A pnpm monorepo: one lockfile and a hoisted node_modules at the repository root.
fn pnpm_monorepo(with_git: bool) -> tempfile::TempDir {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    if with_git {
        fs::create_dir(dir.join(".git")).unwrap();
    }
    write(dir, "package.json", r#"{"name":"mono","private":true}"#);
    write(dir, "pnpm-workspace.yaml", "packages:\n  - 'apps/*'\n");
    write(
        dir,
        "pnpm-lock.yaml",
        "lockfileVersion: '9.0'\n\npackages:\n\n  '@workos-inc/node@7.85.0':\n    resolution: {integrity: x}\n",
    );
    install_node_module(dir, "@workos-inc/node", "7.85.0");
    write(
        dir,
        "apps/web/package.json",
        r#"{"name":"web","dependencies":{"@workos-inc/node":"^7.80.0"}}"#,
    );
    root
}

#[test]
fn a_workspace_member_uses_the_root_lockfile_and_hoisted_node_modules() {
    let root = pnpm_monorepo(true);
    let app = root.path().join("apps/web");
    let report = detect_sdk(&app);
    expect(
        &report,
        Ecosystem::Node,
        PackageManager::Pnpm,
        SdkStatus::Ok,
        "7.85.0",
        "SDK_OK",
    );
    let node = report.detection(Ecosystem::Node).unwrap();
    assert_eq!(node.locked.as_ref().unwrap().file, "../../pnpm-lock.yaml");
    assert_eq!(
        node.installed.as_ref().unwrap().file,
        "../../node_modules/@workos-inc/node/package.json"
    );
    let plan = pipes_core::local::sdk::plan_install(&app, Ecosystem::Node).unwrap();
    assert_eq!(plan.command(), "pnpm add @workos-inc/node@latest");
}

#[test]
fn outside_a_repository_nothing_above_the_app_folder_counts() {
    let root = pnpm_monorepo(false);
    let report = detect_sdk(&root.path().join("apps/web"));
    expect(
        &report,
        Ecosystem::Node,
        PackageManager::Npm,
        SdkStatus::NotInstalled,
        "7.80.0",
        "SDK_NOT_INSTALLED",
    );
}

#[test]
fn a_parent_lockfile_that_is_not_a_workspace_root_is_ignored() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    fs::create_dir(dir.join(".git")).unwrap();
    write(
        dir,
        "package.json",
        r#"{"name":"other-app","dependencies":{"@workos-inc/node":"7.50.0"}}"#,
    );
    fs::copy(
        fixtures().join("node-npm-old/package-lock.json"),
        dir.join("package-lock.json"),
    )
    .unwrap();
    write(
        dir,
        "tools/admin/package.json",
        r#"{"name":"admin","dependencies":{"@workos-inc/node":"^7.80.0"}}"#,
    );
    write(dir, "tools/admin/yarn.lock", "");
    let report = detect_sdk(&dir.join("tools/admin"));
    let node = report.detection(Ecosystem::Node).unwrap();
    assert_eq!(node.locked, None, "{node:#?}");
    assert_eq!(node.package_manager, PackageManager::Yarn);
    assert_eq!(node.status, SdkStatus::NotInstalled);
}

#[test]
fn a_cargo_workspace_member_uses_the_workspace_lockfile() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path();
    fs::create_dir(dir.join(".git")).unwrap();
    write(
        dir,
        "Cargo.toml",
        "[workspace]\nmembers = [\"crates/app\"]\n",
    );
    fs::copy(
        fixtures().join("rust-new/Cargo.lock"),
        dir.join("Cargo.lock"),
    )
    .unwrap();
    write(
        dir,
        "crates/app/Cargo.toml",
        "[package]\nname = \"app\"\n\n[dependencies]\nworkos = \"3\"\n",
    );
    let report = detect_sdk(&dir.join("crates/app"));
    expect(
        &report,
        Ecosystem::Rust,
        PackageManager::Cargo,
        SdkStatus::Ok,
        "3.5.2",
        "SDK_OK",
    );
    assert_eq!(
        report
            .detection(Ecosystem::Rust)
            .unwrap()
            .locked
            .as_ref()
            .unwrap()
            .file,
        "../../Cargo.lock"
    );
}

#[test]
fn an_installed_but_undeclared_sdk_works_and_says_to_declare_it() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "package.json",
        r#"{"name":"shop","dependencies":{}}"#,
    );
    install_node_module(dir.path(), "@workos-inc/node", "8.0.0");
    let report = detect_sdk(dir.path());
    let node = &report.detections[0];
    assert_eq!(
        (node.status, node.declared.is_none()),
        (SdkStatus::Ok, true)
    );
    assert_eq!(codes(&report), ["SDK_NOT_DECLARED"]);
    let finding = &report.findings[0];
    assert_eq!(finding.severity, Severity::Warn);
    assert!(
        finding.message.contains("8.0.0 (installed"),
        "{}",
        finding.message
    );
    let remediation = finding.remediation.as_deref().unwrap();
    assert!(
        remediation.contains("npm install @workos-inc/node"),
        "{remediation}"
    );

    // Without it in node_modules either, it is simply not there.
    fs::remove_dir_all(dir.path().join("node_modules")).unwrap();
    assert_eq!(codes(&detect_sdk(dir.path())), ["SDK_NOT_FOUND"]);
}
