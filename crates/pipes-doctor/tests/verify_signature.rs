//! `pipes-doctor verify-signature`: the real binary, its verdicts, exit codes, and a secret
//! that never shows.

use std::io::Write;
use std::process::{Command, Output, Stdio};
use std::time::{SystemTime, UNIX_EPOCH};

use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::steps::webhooks::signature::sign;
use serde_json::Value;

const SECRET: &str = "whsec_0123456789abcdef0123456789abcdef";
const BODY: &str = r#"{"id":"event_1","event":"pipes.connected_account.connected","data":{}}"#;

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as u64
}

fn header_for(body: &str, signed_at_ms: u64) -> String {
    sign(
        &Sensitive::new(SECRET.to_string()),
        signed_at_ms,
        body.as_bytes(),
    )
}

fn verify(header: &str, body: &str, secret: Option<&str>, extra: &[&str]) -> Output {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("body.json");
    std::fs::write(&file, body).unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_pipes-doctor"));
    command
        .args(["verify-signature", "--header", header, "--body-file"])
        .arg(&file)
        .args(extra)
        .env_remove("WORKOS_WEBHOOK_SECRET");
    if let Some(secret) = secret {
        command.env("WORKOS_WEBHOOK_SECRET", secret);
    }
    command.output().expect("pipes-doctor runs")
}

fn shown(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn a_fresh_signature_is_valid() {
    let output = verify(&header_for(BODY, now_ms()), BODY, Some(SECRET), &[]);
    assert_eq!(output.status.code(), Some(0), "{}", shown(&output));
    assert!(shown(&output).starts_with("VALID"));
    assert!(!shown(&output).contains(SECRET));
}

#[test]
fn each_failure_exits_1_with_its_reason_and_never_the_secret() {
    let fresh = header_for(BODY, now_ms());
    let cases = [
        (
            header_for(BODY, now_ms() - 600_000),
            BODY.to_string(),
            SECRET,
            "WEBHOOK_TIMESTAMP_TOO_OLD",
        ),
        (
            header_for(BODY, now_ms() + 600_000),
            BODY.to_string(),
            SECRET,
            "WEBHOOK_TIMESTAMP_IN_FUTURE",
        ),
        (
            fresh.clone(),
            BODY.to_string(),
            "whsec_other_secret_000000",
            "WEBHOOK_SIGNATURE_MISMATCH",
        ),
        (
            fresh.clone(),
            BODY.replace("event_1", "event_2"),
            SECRET,
            "WEBHOOK_SIGNATURE_MISMATCH",
        ),
        (
            fresh.clone(),
            format!("{BODY}\n"),
            SECRET,
            "WEBHOOK_BODY_RESERIALIZED",
        ),
        (
            fresh.clone(),
            BODY.replace(",", ", ").replace(":", ": "),
            SECRET,
            "WEBHOOK_BODY_RESERIALIZED",
        ),
        (
            "garbage".to_string(),
            BODY.to_string(),
            SECRET,
            "WEBHOOK_SIGNATURE_HEADER_MALFORMED",
        ),
        (
            format!("t={}", now_ms()),
            BODY.to_string(),
            SECRET,
            "WEBHOOK_SIGNATURE_NO_V1",
        ),
        (
            fresh,
            BODY.to_string(),
            "sk_test_0000000000000000000000000abcd",
            "WEBHOOK_SECRET_IS_API_KEY",
        ),
    ];
    for (header, body, secret, code) in cases {
        let output = verify(&header, &body, Some(secret), &[]);
        let text = shown(&output);
        assert_eq!(output.status.code(), Some(1), "{code}: {text}");
        assert!(text.contains(&format!("INVALID  {code}")), "{code}: {text}");
        assert!(text.contains('→'), "a next step: {text}");
        assert!(!text.contains(secret), "{text}");
    }
}

#[test]
fn json_carries_the_verdict_and_reads_stdin() {
    let header = header_for(BODY, now_ms() - 420_000);
    let mut child = Command::new(env!("CARGO_BIN_EXE_pipes-doctor"))
        .args([
            "verify-signature",
            "--header",
            &header,
            "--body-file",
            "-",
            "--json",
        ])
        .env("WORKOS_WEBHOOK_SECRET", SECRET)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(BODY.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let document: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(document["schema"], 1);
    let verdict = &document["verdict"];
    assert_eq!(verdict["valid"], false);
    assert_eq!(verdict["code"], "WEBHOOK_TIMESTAMP_TOO_OLD");
    assert_eq!(verdict["rejection"]["kind"], "timestamp_too_old");
    assert!((419..=421).contains(&verdict["rejection"]["seconds"].as_u64().unwrap()));
    assert!(!String::from_utf8_lossy(&output.stdout).contains(SECRET));
}

#[test]
fn no_secret_or_a_missing_argument_is_a_usage_error() {
    let output = verify(&header_for(BODY, now_ms()), BODY, None, &[]);
    assert_eq!(output.status.code(), Some(2));
    assert!(shown(&output).contains("WORKOS_WEBHOOK_SECRET"));
    let missing = Command::new(env!("CARGO_BIN_EXE_pipes-doctor"))
        .args(["verify-signature", "--header", "t=1, v1=00"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}
