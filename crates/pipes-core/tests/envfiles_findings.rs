//! `envfiles::check` over the fixture projects (copied to temp dirs, outside any git repo) and
//! over generated nasty files.

#[path = "project_fixture_support.rs"]
mod support;

use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use pipes_core::local::envfiles::{
    EnvCheck, Framework, GitSource, MAX_ENV_FILE_BYTES, VarSource, check, load, prepare_fix,
};
use pipes_core::{Fix, Severity};
use support::{all, codes, copy_fixture, only};

fn check_dir(dir: &Path) -> EnvCheck {
    check(dir, dir, Framework::detect(dir), Duration::from_secs(5))
}

#[test]
fn next_app_precedence_conflict_and_gitignore_fix() {
    let dir = copy_fixture("next-app");
    let result = check_dir(dir.path());
    assert_eq!(result.report.framework, Framework::NextJs);
    assert_eq!(
        result.git.source,
        GitSource::GitignoreFiles,
        "a temp dir is no git repository"
    );

    let dev = result.report.mode("development").unwrap();
    let key = dev
        .variables
        .iter()
        .find(|v| v.key == "WORKOS_API_KEY")
        .unwrap();
    assert_eq!(
        key.from,
        VarSource {
            file: ".env.local".into(),
            line: 2
        }
    );
    assert_eq!(
        key.shadowed,
        [VarSource {
            file: ".env".into(),
            line: 1
        }]
    );
    let test = result.report.mode("test").unwrap();
    assert_eq!(
        test.variables
            .iter()
            .find(|v| v.key == "WORKOS_API_KEY")
            .unwrap()
            .from
            .file,
        ".env"
    );

    let found = only(&result.findings, "ENV_API_KEY_FOUND");
    assert_eq!(found.severity, Severity::Pass);
    assert!(found.message.contains("sk_test_…0002") && found.message.contains(".env.local line 2"));
    assert!(found.message.contains("sandbox"));

    let conflict = only(&result.findings, "ENV_VALUE_CONFLICT");
    assert_eq!(conflict.severity, Severity::Warn);
    assert!(
        conflict.message.contains(".env line 1") && conflict.message.contains(".env.local line 2")
    );
    assert!(
        conflict.message.contains(".env.local wins"),
        "{}",
        conflict.message
    );

    // .env.local is ignored by `.env*.local`; .env holds a key and is not ignored.
    let not_ignored = only(&result.findings, "ENV_SECRET_NOT_GITIGNORED");
    assert_eq!(not_ignored.severity, Severity::Error);
    let fix = not_ignored.fix.clone().unwrap();
    assert_eq!(
        fix,
        Fix::AddToGitignore {
            project: dir.path().to_string_lossy().into(),
            line: ".env".into()
        }
    );
    // The template's placeholder key is neither a secret nor a value check target.
    assert!(!codes(&result.findings).contains(&"ENV_SECRET_TRACKED_BY_GIT"));

    let change = prepare_fix(&fix, |_| true).unwrap();
    let preview = change.view();
    assert!(!preview.before.ends_with('\n'));
    assert_eq!(preview.after, format!("{}\n.env\n", preview.before));
    assert!(
        preview.after.starts_with("# stored without the dot"),
        "comments are kept"
    );
    change.apply().unwrap();
    assert_eq!(
        fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
        preview.after
    );

    let after = check_dir(dir.path());
    assert!(!codes(&after.findings).contains(&"ENV_SECRET_NOT_GITIGNORED"));
    assert!(
        only(&after.findings, "ENV_SECRETS_GITIGNORED")
            .message
            .contains(".env, .env.local")
    );
}

#[test]
fn vite_app_mixed_environments_public_key_and_missing_client_id() {
    let dir = copy_fixture("vite-app");
    let result = check_dir(dir.path());
    assert_eq!(result.report.framework, Framework::Vite);
    let prod = result.report.mode("production").unwrap();
    assert_eq!(prod.files, [".env.production"]);

    let mixed = only(&result.findings, "ENV_API_KEY_MIXED_ENVIRONMENTS");
    assert!(
        mixed.message.contains(".env.development") && mixed.message.contains(".env.production")
    );
    let conflict = only(&result.findings, "ENV_VALUE_CONFLICT");
    assert_eq!(
        conflict.severity,
        Severity::Info,
        "development and production never load together"
    );
    let public = only(&result.findings, "ENV_API_KEY_PUBLIC");
    assert_eq!(public.severity, Severity::Error);
    assert!(public.message.contains("VITE_WORKOS_API_KEY"));
    assert_eq!(
        only(&result.findings, "ENV_CLIENT_ID_MISSING").severity,
        Severity::Warn
    );
    assert!(codes(&result.findings).contains(&"ENV_SECRETS_GITIGNORED"));
    assert!(
        !codes(&result.findings).contains(&"ENV_API_KEY_PRODUCTION"),
        "development uses the sandbox key"
    );
}

#[test]
fn swapped_values_have_the_wrong_prefixes() {
    let dir = copy_fixture("bad-prefix");
    let result = check_dir(dir.path());
    let key = only(&result.findings, "ENV_API_KEY_BAD_PREFIX");
    assert_eq!(key.severity, Severity::Error);
    assert!(key.message.contains("swapped"));
    let client = only(&result.findings, "ENV_CLIENT_ID_BAD_PREFIX");
    assert!(client.message.contains("API key"));
}

#[test]
fn stray_quotes_trailing_spaces_and_project_prefix() {
    let dir = copy_fixture("stray-values");
    let result = check_dir(dir.path());
    let quotes = only(&result.findings, "ENV_VALUE_STRAY_QUOTES");
    assert!(quotes.message.contains(".env line 1"));
    assert_eq!(quotes.details.as_ref().unwrap()["key"], "WORKOS_API_KEY");
    let spaces = only(&result.findings, "ENV_VALUE_STRAY_WHITESPACE");
    assert_eq!(spaces.details.as_ref().unwrap()["key"], "WORKOS_CLIENT_ID");
    assert_eq!(
        only(&result.findings, "ENV_CLIENT_ID_PROJECT_PREFIX").severity,
        Severity::Warn
    );
    assert!(
        !codes(&result.findings).contains(&"ENV_API_KEY_BAD_PREFIX"),
        "the key is fine once unquoted"
    );
}

#[test]
fn unknown_environment_and_duplicate_key_in_one_file() {
    let dir = copy_fixture("unknown-env");
    let result = check_dir(dir.path());
    assert_eq!(result.report.framework, Framework::Dotenv);
    assert_eq!(
        all(&result.findings, "ENV_API_KEY_UNKNOWN_ENVIRONMENT").len(),
        2
    );
    let duplicate = only(&result.findings, "ENV_DUPLICATE_KEY");
    assert_eq!(duplicate.severity, Severity::Warn);
    assert_eq!(
        duplicate.details.as_ref().unwrap()["lines"],
        serde_json::json!([1, 4])
    );
    let found = only(&result.findings, "ENV_API_KEY_FOUND");
    assert!(
        found.message.contains("line 4"),
        "the last definition wins: {}",
        found.message
    );
}

#[test]
fn a_project_without_env_files() {
    let dir = copy_fixture("no-env");
    let result = check_dir(dir.path());
    assert_eq!(
        codes(&result.findings),
        [
            "ENV_NO_FILES",
            "ENV_API_KEY_MISSING",
            "ENV_CLIENT_ID_MISSING"
        ]
    );
    assert_eq!(
        only(&result.findings, "ENV_API_KEY_MISSING").severity,
        Severity::Error
    );
}

#[test]
fn a_key_only_in_a_template_or_another_mode_is_missing_and_says_where_it_is() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("package.json"),
        r#"{"dependencies":{"next":"15"}}"#,
    )
    .unwrap();
    fs::write(
        dir.path().join(".env.example"),
        "WORKOS_API_KEY=sk_test_a1B2c3D4e5F6g7H8i9J0k\n",
    )
    .unwrap();
    fs::write(
        dir.path().join(".env.production"),
        "WORKOS_CLIENT_ID=client_01PRODONLY\n",
    )
    .unwrap();
    fs::write(dir.path().join(".env"), "WORKOS_API_KEY=\n").unwrap();
    let result = check_dir(dir.path());
    let key = only(&result.findings, "ENV_API_KEY_MISSING");
    assert!(key.message.contains("empty"), "{}", key.message);
    let client = only(&result.findings, "ENV_CLIENT_ID_MISSING");
    assert!(
        client.message.contains(".env.production"),
        "{}",
        client.message
    );
    // A real-looking key in a template that git would commit is still a leak.
    let leak = only(&result.findings, "ENV_SECRET_NOT_GITIGNORED");
    assert_eq!(leak.details.as_ref().unwrap()["file"], ".env.example");
}

#[test]
fn parse_edge_cases_with_line_numbers() {
    let dir = copy_fixture("parse-edge");
    let report = load(dir.path(), Framework::Dotenv);
    let env = report.file(".env").unwrap();
    let lines: Vec<(&str, usize)> = env
        .entries
        .iter()
        .map(|e| (e.key.as_str(), e.line))
        .collect();
    assert_eq!(
        lines,
        [
            ("WORKOS_CLIENT_ID", 2),
            ("SINGLE", 3),
            ("DOUBLE", 4),
            ("BACKTICK", 5),
            ("PRIVATE_KEY", 6),
            ("WORKOS_API_KEY", 9),
            ("EMPTY", 11)
        ]
    );
    let value = |key: &str| {
        env.entries
            .iter()
            .find(|e| e.key == key)
            .unwrap()
            .value
            .expose()
            .clone()
    };
    assert_eq!(value("WORKOS_CLIENT_ID"), "client_01FAKEPARSEEDGE00000000");
    assert_eq!(value("SINGLE"), "single # kept");
    assert_eq!(value("DOUBLE"), "line one\nline two");
    assert_eq!(value("BACKTICK"), "it's \"quoted\"");
    assert_eq!(
        value("PRIVATE_KEY"),
        "-----BEGIN FAKE-----\nabc\n-----END FAKE-----"
    );
    assert_eq!(env.problems.len(), 1);
    assert_eq!(env.problems[0].line, 10);
    let result = check_dir(dir.path());
    assert!(
        only(&result.findings, "ENV_PARSE_ERROR")
            .message
            .contains(".env line 10")
    );
    assert_eq!(
        only(&result.findings, "ENV_API_KEY_FOUND").severity,
        Severity::Pass
    );
}

#[test]
fn crlf_and_bom_parse_the_same_as_lf() {
    let lf = "WORKOS_API_KEY=sk_test_a1B2c3D4e5F6g7H8i9J0k\nMULTI=\"a\nb\"\nWORKOS_CLIENT_ID='client_01X'\n";
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(".env"), lf).unwrap();
    let expected = load(dir.path(), Framework::Dotenv).files[0].entries.clone();
    let crlf = format!("\u{feff}{}", lf.replace('\n', "\r\n"));
    fs::write(dir.path().join(".env"), crlf).unwrap();
    let entries = load(dir.path(), Framework::Dotenv).files[0].entries.clone();
    assert_eq!(entries, expected);
    assert_eq!(
        entries[0].key, "WORKOS_API_KEY",
        "the BOM is not part of the first key"
    );
    assert_eq!(entries[1].value.expose(), "a\nb");
    assert_eq!(entries[2].line, 4);
}

#[test]
fn a_50_mib_env_file_is_read_only_up_to_the_cap() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(".env");
    let head = "WORKOS_API_KEY=sk_test_a1B2c3D4e5F6g7H8i9J0k\nWORKOS_CLIENT_ID=client_01BIG\n";
    let mut content = String::with_capacity(50 * 1024 * 1024 + head.len());
    content.push_str(head);
    let filler = "FILLER_VARIABLE=0123456789abcdef0123456789abcdef0123456789abcdef\n";
    while content.len() < 50 * 1024 * 1024 {
        content.push_str(filler);
    }
    fs::write(&path, &content).unwrap();
    let started = Instant::now();
    let result = check_dir(dir.path());
    assert!(
        started.elapsed() < Duration::from_secs(20),
        "took {:?}",
        started.elapsed()
    );
    let finding = only(&result.findings, "ENV_FILE_TOO_LARGE");
    let details = finding.details.as_ref().unwrap();
    assert_eq!(details["size_bytes"], content.len() as u64);
    assert!(details["read_bytes"].as_u64().unwrap() <= MAX_ENV_FILE_BYTES);
    assert!(finding.message.contains("1 MiB"));
    let file = &result.report.files[0];
    assert!(file.entries.len() < (MAX_ENV_FILE_BYTES as usize / filler.len()) + 3);
    assert!(codes(&result.findings).contains(&"ENV_API_KEY_FOUND"));
    assert!(file.problems.is_empty(), "the cut falls on a line end");
}

#[test]
fn invalid_utf8_is_a_finding_and_the_rest_still_parses() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(".env"),
        b"OK=1\nNAME=caf\xe9\nWORKOS_CLIENT_ID=client_01UTF\n",
    )
    .unwrap();
    let result = check_dir(dir.path());
    let finding = only(&result.findings, "ENV_FILE_NOT_UTF8");
    assert_eq!(finding.details.as_ref().unwrap()["line"], 2);
    assert_eq!(result.report.files[0].entries.len(), 3);
    assert!(codes(&result.findings).contains(&"ENV_CLIENT_ID_FOUND"));
}

#[test]
fn a_binary_file_is_a_finding_and_not_parsed() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(".env"),
        b"WORKOS_API_KEY=sk_test_a1B2c3D4e5F6g7H8i9J0k\n\0\x7fELF",
    )
    .unwrap();
    let result = check_dir(dir.path());
    only(&result.findings, "ENV_FILE_BINARY");
    assert!(result.report.files[0].entries.is_empty());
    assert!(codes(&result.findings).contains(&"ENV_API_KEY_MISSING"));
}

#[test]
fn a_production_key_is_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(".env"),
        "WORKOS_API_KEY=sk_live_a1B2c3D4e5F6g7H8i9J0k\n",
    )
    .unwrap();
    fs::write(dir.path().join(".gitignore"), ".env\n").unwrap();
    let result = check_dir(dir.path());
    let finding = only(&result.findings, "ENV_API_KEY_PRODUCTION");
    assert_eq!(finding.severity, Severity::Info);
    assert!(
        finding.message.contains("sk_live_…9J0k"),
        "{}",
        finding.message
    );
    assert!(
        only(&result.findings, "ENV_API_KEY_FOUND")
            .message
            .contains("production key")
    );
}

#[cfg(unix)]
#[test]
fn a_dangling_env_link_is_unreadable_not_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join(".env"), "WORKOS_CLIENT_ID=client_01OK\n").unwrap();
    std::os::unix::fs::symlink(dir.path().join("gone"), dir.path().join(".env.local")).unwrap();
    let result = check_dir(dir.path());
    let finding = only(&result.findings, "ENV_FILE_UNREADABLE");
    assert!(
        finding.message.starts_with(".env.local:"),
        "{}",
        finding.message
    );
    assert!(codes(&result.findings).contains(&"ENV_CLIENT_ID_FOUND"));
}

/// A named pipe never ends and a device never stops: neither may hold the env check up.
#[cfg(unix)]
#[test]
fn a_named_pipe_or_a_device_as_env_file_is_a_finding_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join(".env");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink("/dev/zero", dir.path().join(".env.local")).unwrap();
    let started = Instant::now();
    let result = check_dir(dir.path());
    assert!(
        started.elapsed() < Duration::from_secs(3),
        "took {:?}",
        started.elapsed()
    );
    let not_files = all(&result.findings, "ENV_FILE_NOT_A_FILE");
    assert_eq!(not_files.len(), 2, "{:#?}", result.findings);
    let pipe = not_files
        .iter()
        .find(|f| f.message.starts_with(".env "))
        .unwrap();
    assert!(
        pipe.message.contains("a named pipe (FIFO)"),
        "{}",
        pipe.message
    );
    assert!(pipe.remediation.as_deref().unwrap().contains("rm .env"));
    let device = not_files
        .iter()
        .find(|f| f.message.starts_with(".env.local "))
        .unwrap();
    assert!(device.message.contains("a device"), "{}", device.message);
}

#[test]
fn a_missing_app_folder_is_one_error() {
    let dir = tempfile::tempdir().unwrap();
    let gone = dir.path().join("gone");
    let result = check(&gone, dir.path(), Framework::Dotenv, Duration::from_secs(5));
    assert_eq!(
        only(&result.findings, "ENV_DIR_UNREADABLE").severity,
        Severity::Error
    );
    assert!(result.report.files.is_empty());
}
