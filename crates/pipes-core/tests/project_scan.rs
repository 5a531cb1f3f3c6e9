//! `project::scan` over the fixture projects and over generated nasty trees.

#[path = "project_fixture_support.rs"]
mod support;

use std::fs;
use std::path::Path;
#[cfg(unix)]
use std::time::{Duration, Instant};

use pipes_core::local::project::{App, Ecosystem, ManifestKind, ProjectScan, ScanOptions, scan};
use support::{codes, copy_fixture, only};

fn scan_default(root: &Path) -> ProjectScan {
    scan(root, &ScanOptions::default())
}

fn app<'a>(scan: &'a ProjectScan, path: &str) -> &'a App {
    scan.app(path)
        .unwrap_or_else(|| panic!("no app {path} in {:?}", app_paths(scan)))
}

fn app_paths(scan: &ProjectScan) -> Vec<&str> {
    scan.apps.iter().map(|a| a.path.as_str()).collect()
}

#[test]
fn npm_monorepo_lists_its_apps_and_marks_workspace_members() {
    let dir = copy_fixture("monorepo-npm");
    let scan = scan_default(dir.path());
    assert_eq!(
        app_paths(&scan),
        [
            ".",
            "apps/api",
            "apps/legacy",
            "apps/web",
            "apps/worker",
            "tools/scripts"
        ]
    );
    assert_eq!(scan.workspace.tools, ["npm workspaces", "turbo"]);
    let members: Vec<&str> = scan
        .apps
        .iter()
        .filter(|a| a.workspace_member)
        .map(|a| a.path.as_str())
        .collect();
    assert_eq!(
        members,
        ["apps/api", "apps/web", "apps/worker"],
        "!apps/legacy excludes, tools/ is not declared"
    );
    assert!(app(&scan, ".").workspace_root);
    assert!(scan.is_monorepo());
    assert!(scan.suggested_app().is_none());
    assert!(
        !codes(&scan.findings).contains(&"PROJECT_MONOREPO"),
        "the list of apps is the pre-flight's one finding, not the scan's"
    );

    let web = app(&scan, "apps/web");
    assert_eq!(web.name, "@acme/web");
    assert_eq!(web.ecosystems, [Ecosystem::Node]);
    // .env*.local is in the fixture's .gitignore: the walk must still see it.
    assert_eq!(web.env_files, ["apps/web/.env.local"]);
    assert_eq!(scan.env_files, ["apps/web/.env.local"]);

    let api = app(&scan, "apps/api");
    assert_eq!(api.name, "acme-api");
    let kinds: Vec<ManifestKind> = api.manifests.iter().map(|m| m.kind).collect();
    assert_eq!(
        kinds,
        [ManifestKind::PyprojectToml, ManifestKind::RequirementsTxt]
    );
    assert_eq!(app(&scan, "apps/worker").name, "github.com/acme/worker");
    assert_eq!(app(&scan, "tools/scripts").ecosystems, [Ecosystem::Ruby]);
}

#[test]
fn pnpm_workspace_members_come_from_pnpm_workspace_yaml() {
    let dir = copy_fixture("monorepo-pnpm");
    let scan = scan_default(dir.path());
    assert_eq!(scan.workspace.tools, ["pnpm"]);
    assert_eq!(scan.workspace.patterns, ["packages/*"]);
    assert!(app(&scan, "packages/site").workspace_member);
    assert!(app(&scan, "packages/docs").workspace_member);
    assert!(!app(&scan, "examples/demo").workspace_member);
    assert!(app(&scan, ".").workspace_root);
}

#[test]
fn cargo_workspace_members_and_names() {
    let dir = copy_fixture("cargo-workspace");
    let scan = scan_default(dir.path());
    assert_eq!(scan.workspace.tools, ["cargo"]);
    assert_eq!(app_paths(&scan), [".", "crates/cli", "crates/server"]);
    assert_eq!(app(&scan, "crates/server").name, "acme-server");
    assert!(app(&scan, "crates/cli").workspace_member);
    assert_eq!(app(&scan, "crates/cli").ecosystems, [Ecosystem::Rust]);
}

#[test]
fn every_ecosystem_manifest_is_recognised() {
    let dir = copy_fixture("ecosystems");
    let scan = scan_default(dir.path());
    let expected = [
        ("dotnet", ManifestKind::Csproj, Ecosystem::Dotnet),
        ("elixir", ManifestKind::MixExs, Ecosystem::Elixir),
        ("go", ManifestKind::GoMod, Ecosystem::Go),
        ("java-gradle", ManifestKind::BuildGradle, Ecosystem::Jvm),
        ("java-maven", ManifestKind::PomXml, Ecosystem::Jvm),
        (
            "kotlin-gradle",
            ManifestKind::BuildGradleKts,
            Ecosystem::Jvm,
        ),
        ("node", ManifestKind::PackageJson, Ecosystem::Node),
        ("php", ManifestKind::ComposerJson, Ecosystem::Php),
        ("python-pipenv", ManifestKind::Pipfile, Ecosystem::Python),
        (
            "python-pyproject",
            ManifestKind::PyprojectToml,
            Ecosystem::Python,
        ),
        (
            "python-requirements",
            ManifestKind::RequirementsTxt,
            Ecosystem::Python,
        ),
        (
            "python-requirements-dev",
            ManifestKind::RequirementsTxt,
            Ecosystem::Python,
        ),
        ("python-setup", ManifestKind::SetupPy, Ecosystem::Python),
        ("ruby", ManifestKind::Gemfile, Ecosystem::Ruby),
        ("rust", ManifestKind::CargoToml, Ecosystem::Rust),
    ];
    assert_eq!(scan.apps.len(), expected.len(), "{:?}", app_paths(&scan));
    for (path, kind, ecosystem) in expected {
        let app = app(&scan, path);
        assert_eq!(app.manifests[0].kind, kind, "{path}");
        assert_eq!(app.ecosystems, [ecosystem], "{path}");
    }
    assert_eq!(app(&scan, "python-pyproject").name, "eco-poetry");
    assert_eq!(app(&scan, "php").name, "acme/eco-php");
    assert_eq!(
        app(&scan, "ruby").name,
        "ruby",
        "no declared name: the folder name"
    );
    assert!(!codes(&scan.findings).contains(&"PROJECT_NO_MANIFEST"));
    assert!(
        scan.is_monorepo(),
        "several apps side by side, even without a workspace file"
    );
}

#[test]
fn never_enters_dependency_or_build_folders_but_sees_ignored_env_files() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::write(root.join("package.json"), r#"{"name":"app"}"#).unwrap();
    fs::write(root.join(".gitignore"), "generated/\n.env.local\n").unwrap();
    fs::write(root.join(".env.local"), "A=1\n").unwrap();
    for skipped in [
        "node_modules/dep",
        "target/debug",
        ".venv/lib",
        "venv",
        "vendor/x",
        ".git",
        "dist",
        "build",
        "generated",
    ] {
        let folder = root.join(skipped);
        fs::create_dir_all(&folder).unwrap();
        fs::write(folder.join("package.json"), "{}").unwrap();
        fs::write(folder.join(".env"), "A=1\n").unwrap();
    }
    let scan = scan_default(root);
    assert_eq!(app_paths(&scan), ["."]);
    assert_eq!(scan.env_files, [".env.local"]);
    assert_eq!(scan.suggested_app().map(|a| a.name.as_str()), Some("app"));
}

#[cfg(unix)]
#[test]
fn symlink_loops_become_findings_and_the_scan_ends() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("app/sub")).unwrap();
    fs::write(root.join("app/package.json"), "{}").unwrap();
    symlink(root.join("app"), root.join("app/sub/back-to-app")).unwrap();
    symlink(".", root.join("self")).unwrap();
    let started = Instant::now();
    let scan = scan_default(root);
    assert!(started.elapsed() < Duration::from_secs(10));
    let loops: Vec<_> = scan
        .findings
        .iter()
        .filter(|f| f.code == "PROJECT_SYMLINK_LOOP")
        .collect();
    assert_eq!(loops.len(), 2, "{:?}", codes(&scan.findings));
    assert!(
        loops
            .iter()
            .any(|f| f.message.contains("app/sub/back-to-app"))
    );
    assert_eq!(app_paths(&scan), ["app"]);
}

#[cfg(unix)]
#[test]
fn a_dangling_symlink_is_a_finding_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("package.json"), "{}").unwrap();
    // A dangling link with an uninteresting name is simply not looked at; one named like an
    // env file is reported, since the user probably expects that file to be read.
    std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join("dangling")).unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone.env"), dir.path().join(".env.local")).unwrap();
    let scan = scan_default(dir.path());
    let finding = only(&scan.findings, "PROJECT_UNREADABLE_DIR");
    assert!(
        finding.message.contains(".env.local"),
        "{}",
        finding.message
    );
    assert_eq!(app_paths(&scan), ["."]);
}

#[cfg(unix)]
#[test]
fn an_unreadable_folder_is_a_finding() {
    use std::os::unix::fs::PermissionsExt;
    if support::running_as_root() {
        eprintln!("skipped: root reads every folder, so permissions cannot make one unreadable");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let locked = dir.path().join("locked");
    fs::create_dir(&locked).unwrap();
    fs::write(locked.join("package.json"), "{}").unwrap();
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
    let scan = scan_default(dir.path());
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o755)).unwrap();
    let finding = only(&scan.findings, "PROJECT_UNREADABLE_DIR");
    assert!(finding.message.contains("Permission denied"));
}

#[test]
fn a_file_or_a_missing_path_is_not_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("package.json");
    fs::write(&file, "{}").unwrap();
    for path in [file.clone(), dir.path().join("missing")] {
        let scan = scan_default(&path);
        assert_eq!(codes(&scan.findings), ["PROJECT_NOT_A_FOLDER"]);
        assert_eq!(scan.findings[0].severity, pipes_core::Severity::Error);
    }
}

#[test]
fn an_empty_folder_has_no_manifest() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("README.md"), "hi").unwrap();
    let scan = scan_default(dir.path());
    assert_eq!(codes(&scan.findings), ["PROJECT_NO_MANIFEST"]);
}

#[test]
fn the_entry_cap_stops_the_walk_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..300 {
        fs::create_dir_all(dir.path().join(format!("d{i:03}"))).unwrap();
    }
    let scan = scan(
        dir.path(),
        &ScanOptions {
            max_entries: 50,
            ..ScanOptions::default()
        },
    );
    assert_eq!(scan.stats.entries_seen, 50);
    assert!(scan.stats.truncated_by_entry_cap);
    assert!(
        only(&scan.findings, "PROJECT_SCAN_TRUNCATED")
            .message
            .contains("50 entries")
    );
}

#[test]
fn serialized_scan_uses_relative_slash_paths() {
    let dir = copy_fixture("monorepo-npm");
    let scan = scan_default(dir.path());
    let json = serde_json::to_value(&scan).unwrap();
    let root = dir.path().to_string_lossy().into_owned();
    assert_eq!(json["root"], root.as_str());
    for app in json["apps"].as_array().unwrap() {
        assert!(!app["path"].as_str().unwrap().starts_with('/'));
        for manifest in app["manifests"].as_array().unwrap() {
            assert!(!manifest["path"].as_str().unwrap().contains(&root));
        }
    }
    assert_eq!(json["apps"][1]["manifests"][0]["kind"], "pyproject_toml");
    assert_eq!(json["apps"][1]["ecosystems"][0], "python");
}

#[cfg(unix)]
#[test]
fn symlinked_folders_outside_the_project_are_not_followed() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    fs::write(
        outside.path().join("package.json"),
        r#"{"name":"elsewhere"}"#,
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("project");
    fs::create_dir_all(root.join("inside")).unwrap();
    fs::write(root.join("inside/package.json"), r#"{"name":"inside"}"#).unwrap();
    symlink(outside.path(), root.join("linked-away")).unwrap();
    symlink("..", root.join("up")).unwrap();
    symlink(root.join("inside"), root.join("linked-inside")).unwrap();
    let scan = scan_default(&root);
    assert_eq!(
        app_paths(&scan),
        ["inside", "linked-inside"],
        "links within the project are followed"
    );
    let finding = only(&scan.findings, "PROJECT_LINK_OUTSIDE_SKIPPED");
    assert_eq!(
        finding.details.as_ref().unwrap()["links"],
        serde_json::json!(["linked-away"])
    );
    assert!(
        finding.message.starts_with("`linked-away` points outside"),
        "{}",
        finding.message
    );
    // `up -> ..` contains the project itself, so the walker reports it as a loop first.
    assert!(
        only(&scan.findings, "PROJECT_SYMLINK_LOOP")
            .message
            .starts_with("`up`")
    );
}
