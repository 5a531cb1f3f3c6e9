//! Huge, binary, broken and pathological manifests and lockfiles: findings, never a panic.

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use pipes_core::local::sdk::{Ecosystem, SdkStatus, detect_sdk};

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn codes(dir: &Path) -> Vec<String> {
    detect_sdk(dir)
        .findings
        .into_iter()
        .map(|f| f.code)
        .collect()
}

#[test]
fn a_half_merged_package_json_is_unreadable_not_missing_sdk() {
    let dir = tempfile::tempdir().unwrap();
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/sdk/node-broken/package.json");
    fs::copy(fixture, dir.path().join("package.json")).unwrap();
    let report = detect_sdk(dir.path());
    let finding = report.finding("SDK_MANIFEST_UNREADABLE").unwrap();
    assert!(
        finding.message.contains("package.json is not valid JSON"),
        "{}",
        finding.message
    );
    assert!(
        report.finding("SDK_NOT_FOUND").is_none(),
        "an unreadable manifest must not claim the SDK is absent"
    );
}

#[test]
fn a_huge_manifest_is_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("{\"dependencies\":{\"@workos-inc/node\":\"^7.80.0\"},\"x\":\"");
    text.push_str(&"a".repeat(3 * 1024 * 1024));
    text.push_str("\"}");
    write(dir.path(), "package.json", text);
    let started = Instant::now();
    let report = detect_sdk(dir.path());
    assert!(started.elapsed() < Duration::from_secs(2));
    let finding = report.finding("SDK_MANIFEST_UNREADABLE").unwrap();
    assert!(finding.message.contains("MB"), "{}", finding.message);
}

#[test]
fn binary_manifests_and_lockfiles() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Cargo.toml", b"\x7fELF\x02\x01\x01\0\0\0\0\0");
    write(
        dir.path(),
        "composer.json",
        b"{\"require\":{\"workos/workos-php\":\"^5.0\"}}",
    );
    write(dir.path(), "composer.lock", b"\xff\xfe{\0\"\0");
    let report = detect_sdk(dir.path());
    assert!(
        report
            .finding("SDK_MANIFEST_UNREADABLE")
            .unwrap()
            .message
            .contains("binary")
    );
    assert!(report.finding("SDK_LOCKFILE_UNREADABLE").is_some());
    // The readable manifest still counts.
    assert!(report.detection(Ecosystem::Php).is_some());
}

#[test]
fn a_broken_lockfile_does_not_hide_the_declared_requirement() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "Gemfile", "gem 'workos', '~> 7.0'\n");
    write(dir.path(), "Cargo.toml", "[dependencies]\nworkos = \"3\"\n");
    write(dir.path(), "Cargo.lock", "[[package]\nname = ");
    let report = detect_sdk(dir.path());
    assert!(
        report
            .finding("SDK_LOCKFILE_UNREADABLE")
            .unwrap()
            .message
            .contains("Cargo.lock")
    );
    assert_eq!(
        report
            .detection(Ecosystem::Rust)
            .unwrap()
            .effective_version
            .as_deref(),
        Some("3.0.0")
    );
    assert_eq!(
        report.detection(Ecosystem::Ruby).unwrap().status,
        SdkStatus::NotInstalled
    );
}

#[test]
fn deeply_nested_documents_do_not_overflow_the_stack() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "package.json", "[".repeat(500_000));
    write(
        dir.path(),
        "Cargo.toml",
        format!("a = {}", "[".repeat(500_000)),
    );
    write(dir.path(), "pom.xml", "<a>".repeat(200_000));
    write(dir.path(), "composer.json", "{\"a\":".repeat(200_000));
    let found = codes(dir.path());
    assert!(
        found
            .iter()
            .filter(|c| *c == "SDK_MANIFEST_UNREADABLE")
            .count()
            >= 3,
        "{found:?}"
    );
}

#[test]
fn a_directory_named_like_a_manifest() {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("package.json")).unwrap();
    assert!(codes(dir.path()).contains(&"SDK_MANIFEST_UNREADABLE".to_string()));
}

#[test]
fn a_missing_folder_reports_no_manifest() {
    assert_eq!(
        codes(Path::new("/nonexistent/pipes-setup/app")),
        vec!["SDK_NO_MANIFEST".to_string()]
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_symlink_loop_never_blocks_the_scan() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("package.json");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink("Gemfile", dir.path().join("Gemfile.tmp")).unwrap();
    std::os::unix::fs::symlink("Gemfile.tmp", dir.path().join("Gemfile")).unwrap();
    let started = Instant::now();
    let found = codes(dir.path());
    assert!(started.elapsed() < Duration::from_secs(2));
    assert!(
        found.contains(&"SDK_MANIFEST_UNREADABLE".to_string()),
        "{found:?}"
    );
}
