//! `pipes-doctor compare-redirect`: the real binary, its verdicts and exit codes.

use std::process::{Command, Output};

use serde_json::Value;

fn compare(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pipes-doctor"))
        .arg("compare-redirect")
        .args(args)
        .output()
        .expect("pipes-doctor runs")
}

fn text(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

const CALLBACK: &str =
    "https://api.workos.com/data-integrations/github/dik_01JDEM0SBGITHUB00000000000/callback";

#[test]
fn the_old_guides_redirect_uri_will_fail_and_says_where() {
    let output = compare(&[
        CALLBACK,
        "https://api.workos.com/sso/oauth/redirect",
        "--provider",
        "github",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let shown = text(&output);
    assert!(shown.contains("Verdict   WILL FAIL"), "{shown}");
    assert!(shown.contains("[+sso/oauth/redirect]"), "{shown}");
    assert!(shown.contains("GitHub OAuth app callback URL"), "{shown}");
}

#[test]
fn identical_is_an_exact_match_and_a_github_sub_path_is_accepted() {
    let same = compare(&[CALLBACK, CALLBACK]);
    assert_eq!(same.status.code(), Some(0));
    assert!(text(&same).contains("EXACT MATCH"));
    let sub = compare(&[
        "http://example.com/path/sub",
        "http://example.com/path",
        "--provider",
        "github",
    ]);
    assert_eq!(sub.status.code(), Some(0), "{}", text(&sub));
    let google = compare(&[
        "http://example.com/path/sub",
        "http://example.com/path",
        "--provider",
        "google-drive",
    ]);
    assert_eq!(google.status.code(), Some(1), "Google wants an exact match");
}

#[test]
fn json_names_every_difference_with_its_kind() {
    let output = compare(&[
        "https://app.example/cb",
        "https://app.example:443/cb/ ",
        "--json",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["schema"], 1);
    let comparison = &document["comparison"];
    assert_eq!(comparison["verdict"], "will_fail");
    let kinds: Vec<&str> = comparison["differences"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["whitespace", "default_port_written", "trailing_slash"]
    );
}

#[test]
fn a_return_url_with_a_query_never_matches_workos() {
    let url = "http://127.0.0.1/callback?next=/";
    let output = compare(&[url, url, "--return-url"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(text(&output).contains("never matches"));
    let loopback = compare(&[
        "http://127.0.0.1/callback",
        "http://127.0.0.1:3000/callback",
        "--return-url",
    ]);
    assert_eq!(loopback.status.code(), Some(0));
}

#[test]
fn a_missing_argument_is_a_usage_error() {
    let output = compare(&["https://only.one"]);
    assert_eq!(output.status.code(), Some(2));
}
