//! The binary: prints its base URL, key fingerprints and the marked fake demo keys,
//! honours `--fault`, and stops on SIGTERM.

#![cfg(unix)]

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

#[test]
fn binary_serves_the_demo_seed_and_prints_what_a_user_needs() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_fake-workos"))
        .args([
            "--port",
            "0",
            "--seed",
            "demo",
            "--fault",
            "GET /organizations 403,times=1",
        ])
        .stdout(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let mut printed = Vec::new();
    for line in lines.by_ref() {
        let line = line.unwrap();
        let done = line.starts_with("admin API:");
        printed.push(line);
        if done {
            break;
        }
    }
    let base = printed
        .iter()
        .find_map(|l| l.strip_prefix("WORKOS_BASE_URL="))
        .expect("base URL printed")
        .to_string();
    assert!(base.starts_with("http://127.0.0.1:"));
    assert!(
        printed
            .iter()
            .any(|l| l.contains("sk_test_demo…fake") && l.contains("sandbox"))
    );
    let full_keys: Vec<&String> = printed
        .iter()
        .filter(|l| l.contains("sk_test_demo_0000"))
        .collect();
    assert_eq!(full_keys.len(), 1);
    assert!(full_keys[0].starts_with("FAKE TEST KEY (not a real secret, safe to copy) [sandbox]:"));
    assert!(
        printed.iter().all(|l| !l.contains("readonly_0000")),
        "only valid demo keys in full"
    );

    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let statuses = runtime.block_on(async {
        let client = reqwest::Client::new();
        let mut statuses = Vec::new();
        for _ in 0..2 {
            let response = client
                .get(format!("{base}/organizations"))
                .bearer_auth("sk_test_demo_0000000000000000000000000000fake")
                .send()
                .await
                .unwrap();
            statuses.push(response.status().as_u16());
        }
        statuses
    });
    assert_eq!(statuses, [403, 200]);

    let terminated = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(terminated.success());
    assert!(child.wait().unwrap().success(), "clean exit on SIGTERM");
}
