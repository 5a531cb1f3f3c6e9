//! `pipes-doctor snippet`: the real binary prints the secure flow for Node and Python, and for
//! an SDK without it says which version was checked and what to do instead.

use std::process::{Command, Output};

fn snippet(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_pipes-doctor"))
        .arg("snippet")
        .args(args)
        .output()
        .expect("pipes-doctor runs")
}

const RETURN_URL: &str = "http://127.0.0.1:3000/pipes/callback";

#[test]
fn node_gets_the_secure_flow_filled_in() {
    let output = snippet(&["node", "github", RETURN_URL]);
    assert_eq!(output.status.code(), Some(0));
    let code = String::from_utf8_lossy(&output.stdout);
    assert!(
        code.contains("'github'") || code.contains("\"github\""),
        "{code}"
    );
    assert!(code.contains(RETURN_URL));
}

#[test]
fn an_sdk_without_the_secure_flow_is_named_with_the_version_checked() {
    for (language, named) in [
        ("go", "workos-go/v10 10.1.1"),
        ("ruby", "10.2.1"),
        ("php", "workos-php 9.0.0"),
        ("java", "com.workos:workos 7.2.0"),
        ("kotlin", "com.workos:workos 7.2.0"),
        ("net", "WorkOS.net 6.2.0"),
    ] {
        let output = snippet(&[language, "github", RETURN_URL]);
        assert_eq!(output.status.code(), Some(2), "{language}");
        assert!(output.stdout.is_empty(), "{language}: no code printed");
        let said = String::from_utf8_lossy(&output.stderr);
        assert!(said.contains(named), "{language}: {said}");
        assert!(
            said.contains("POST /data-integrations/finish"),
            "{language}: {said}"
        );
    }
}

#[test]
fn an_unknown_language_lists_the_ones_there_are() {
    let output = snippet(&["cobol", "github", RETURN_URL]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("choose node or python"));
}

#[test]
fn the_webhook_route_verifies_the_raw_body_on_the_given_path() {
    let output = Command::new(env!("CARGO_BIN_EXE_pipes-doctor"))
        .args(["webhook-snippet", "python", "/hooks/workos"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let code = String::from_utf8_lossy(&output.stdout);
    assert!(code.contains("WEBHOOK_PATH = \"/hooks/workos\""), "{code}");
    assert!(code.contains("verify_event"));
    let refused = Command::new(env!("CARGO_BIN_EXE_pipes-doctor"))
        .args(["webhook-snippet", "node", "/hooks'; rm -rf /"])
        .output()
        .unwrap();
    assert_eq!(
        refused.status.code(),
        Some(2),
        "a path that could break out of the string"
    );
    assert!(refused.stdout.is_empty());
}
