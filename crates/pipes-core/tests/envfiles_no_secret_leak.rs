//! No value from any fixture's env files may appear in findings, serialized output or Debug
//! output of the scan and the env check: fingerprints only.

#[path = "project_fixture_support.rs"]
mod support;

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;
use std::time::Duration;

use pipes_core::local::envfiles::{Framework, check, load};
use pipes_core::local::project::{ScanOptions, scan};
use support::{copy_fixture, fixture_names, git};

/// Everything the scan and the check of every app under `root` would show or log.
fn outputs_for(root: &Path) -> Vec<String> {
    let scan = scan(root, &ScanOptions::default());
    let mut outputs = vec![serde_json::to_string(&scan).unwrap(), format!("{scan:?}")];
    let mut dirs: Vec<_> = scan.apps.iter().map(|a| scan.app_dir(a)).collect();
    dirs.push(root.to_path_buf());
    for dir in dirs {
        let result = check(&dir, root, Framework::detect(&dir), Duration::from_secs(10));
        outputs.push(serde_json::to_string(&result).unwrap());
        outputs.push(format!("{result:?}"));
        outputs.push(format!("{:#?}", result.report));
        for finding in &result.findings {
            outputs.push(serde_json::to_string(finding).unwrap());
        }
    }
    outputs
}

/// Every value (≥ 12 characters, so no `1` or `true`) in the env files under `root`'s apps.
fn secrets_in(root: &Path) -> BTreeSet<String> {
    let scan = scan(root, &ScanOptions::default());
    let mut dirs: Vec<_> = scan.apps.iter().map(|a| scan.app_dir(a)).collect();
    dirs.push(root.to_path_buf());
    let mut secrets = BTreeSet::new();
    for dir in dirs {
        for file in load(&dir, Framework::Dotenv)
            .files
            .into_iter()
            .chain(load(&dir, Framework::NextJs).files)
        {
            for entry in file.entries {
                let value = entry.value.expose();
                for candidate in [
                    value.as_str(),
                    value.trim().trim_matches(['"', '\'', '`']).trim(),
                ] {
                    if candidate.len() >= 12 {
                        secrets.insert(candidate.to_string());
                    }
                }
            }
        }
    }
    secrets
}

fn assert_no_leak(root: &Path, secrets: &BTreeSet<String>) -> String {
    let all = outputs_for(root).join("\n");
    for secret in secrets {
        assert!(
            !all.contains(secret.as_str()),
            "a value leaked from {}: …{}",
            root.display(),
            &secret[secret.len() - 4..]
        );
    }
    all
}

#[test]
fn no_fixture_value_appears_in_any_output() {
    let mut checked = BTreeSet::new();
    for name in fixture_names() {
        let dir = copy_fixture(&name);
        let secrets = secrets_in(dir.path());
        let all = assert_no_leak(dir.path(), &secrets);
        if name == "next-app" {
            assert!(
                secrets.contains("sk_test_FAKEnextLocal000000002"),
                "the test sees the real values"
            );
            assert!(
                all.contains("sk_test_…0002"),
                "fingerprints are shown instead"
            );
        }
        checked.extend(secrets);
    }
    for key in [
        "sk_test_FAKEviteDev00000000003",
        "sk_live_FAKEviteProd0000000004",
        "\"sk_test_FAKEquoted000000000006\"",
        "sk_prod_FAKEunknownEnv00000008",
        "client_01FAKESWAPPED0000000000",
        "-----BEGIN FAKE-----\nabc\n-----END FAKE-----",
    ] {
        assert!(
            checked.contains(key),
            "{key:?} was not among the values checked"
        );
    }
}

#[test]
fn no_value_leaks_from_a_tracked_crlf_env_file_in_a_git_repo() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q"]);
    fs::write(
        root.join(".env"),
        "\u{feff}WORKOS_API_KEY=\" sk_live_LEAKcheck0000000000001 \"\r\nWORKOS_CLIENT_ID=sk_test_LEAKcheckSwap00000002\r\nNEXT_PUBLIC_WORKOS_API_KEY=sk_test_LEAKcheckPublic000003\r\n",
    )
    .unwrap();
    fs::write(root.join(".env.local"), "WORKOS_API_KEY=sk_live_LEAKcheckOther00000004\nWORKOS_API_KEY=sk_live_LEAKcheckTwice00000005\nsk_live_LEAKcheckPastedAlone000006\n").unwrap();
    git(root, &["add", ".env"]);
    git(root, &["commit", "-q", "-m", "x"]);
    let mut secrets = secrets_in(root);
    assert!(secrets.len() >= 5, "{}", secrets.len());
    // Pasted alone on a line it is no KEY=value, so `secrets_in` cannot see it: name it here.
    secrets.insert("sk_live_LEAKcheckPastedAlone000006".to_string());
    let all = assert_no_leak(root, &secrets);
    for code in [
        "ENV_SECRET_TRACKED_BY_GIT",
        "ENV_VALUE_STRAY_WHITESPACE",
        "ENV_API_KEY_PUBLIC",
        "ENV_DUPLICATE_KEY",
        "ENV_VALUE_CONFLICT",
        "ENV_PARSE_ERROR",
    ] {
        assert!(
            all.contains(code),
            "{code} should be among the findings checked"
        );
    }
}

/// The env report the window gets shows fingerprints for WorkOS variables only: of any other
/// variable not even the last four characters.
#[test]
fn other_variables_show_only_whether_they_are_set() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join(".env"),
        "DATABASE_URL=postgres://ada:hunter2@db.example/shop\nEMPTY=\nWORKOS_API_KEY=sk_test_a1B2c3D4e5F6g7H8i9J0k\n",
    )
    .unwrap();
    let report = load(dir.path(), Framework::Dotenv);
    let shown: Vec<(&str, &str)> = report.files[0]
        .entries
        .iter()
        .map(|e| (e.key.as_str(), e.fingerprint.as_str()))
        .collect();
    assert_eq!(
        shown,
        [
            ("DATABASE_URL", "set"),
            ("EMPTY", "empty"),
            ("WORKOS_API_KEY", "sk_test_…9J0k"),
        ]
    );
    let json = serde_json::to_string(&report).unwrap();
    assert!(
        !json.contains("shop") && !json.contains("hunter2"),
        "{json}"
    );
}
