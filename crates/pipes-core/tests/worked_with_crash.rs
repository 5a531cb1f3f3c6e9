//! The local store of connections survives a kill during a write: a child process rewrites it
//! as fast as it can and is killed (SIGKILL) at a random moment, 100 times; after each kill
//! the file is whole JSON, the old contents or the new.

use std::process::{Command, Stdio};
use std::time::Duration;

use pipes_core::local::worked_with::{self, WorkedWith, WorkedWithStore};
use pipes_core::steps::connections::{AccountView, ConnectionsOverview, ProviderConnections};

const STORE_ENV: &str = "PIPES_CRASH_STORE";

fn overview(round: u64) -> ConnectionsOverview {
    let accounts = (0..50)
        .map(|i| AccountView {
            id: format!("data_installation_{round}_{i:04}"),
            state: "connected".into(),
            state_words: "x".repeat(200),
            state_reason: None,
            state_reason_words: None,
            role: Some("standard".into()),
            role_words: None,
            display_name: Some(format!("Account {i} of round {round}")),
            account_identifier: None,
            scopes: vec!["repo".into(), "read:user".into()],
            created_at: None,
            updated_at: None,
        })
        .collect();
    ConnectionsOverview {
        user_id: "user_crash".into(),
        organization_id: None,
        findings: Vec::new(),
        providers: vec![ProviderConnections {
            slug: "github".into(),
            name: "GitHub".into(),
            connection_owner: None,
            accounts,
        }],
    }
}

/// The child: rewrites the store forever. Run only by the test below (it is ignored otherwise).
#[test]
#[ignore = "the child process of every_kill_leaves_a_whole_file"]
fn child_writes_forever() {
    let Ok(path) = std::env::var(STORE_ENV) else {
        return;
    };
    let store = WorkedWithStore::open(path.into());
    for round in 0.. {
        worked_with::remember(&store, "demo", &overview(round), round).unwrap();
    }
}

#[test]
fn every_kill_leaves_a_whole_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("worked-with.json");
    let me = std::env::current_exe().unwrap();
    let mut seed = 0x9E37_79B9_7F4A_7C15_u64;
    let mut corrupt = 0;
    for kill in 0..100 {
        let mut child = Command::new(&me)
            .args([
                "--ignored",
                "--exact",
                "child_writes_forever",
                "--test-threads=1",
            ])
            .env(STORE_ENV, &path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // A pseudo-random moment between 5 and 40 ms in.
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        std::thread::sleep(Duration::from_millis(5 + seed % 36));
        child.kill().unwrap();
        child.wait().unwrap();
        if let Ok(text) = std::fs::read_to_string(&path)
            && serde_json::from_str::<WorkedWith>(&text).is_err()
        {
            corrupt += 1;
            eprintln!("kill {kill}: not whole JSON ({} bytes)", text.len());
        }
    }
    assert_eq!(corrupt, 0, "corrupt files after 100 kills");
    let text = std::fs::read_to_string(&path).expect("the child wrote at least once");
    let kept: WorkedWith = serde_json::from_str(&text).unwrap();
    assert_eq!(kept.connections.len(), 50, "one whole round, not a mix");
    let names = || -> Vec<String> {
        std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };
    // Killed writes leave their temporary files, named after the store; the next open
    // clears them.
    assert!(
        names()
            .iter()
            .all(|n| n == "worked-with.json" || n.starts_with(".worked-with.json.")),
        "{:?}",
        names()
    );
    let reopened = WorkedWithStore::open(path.clone());
    assert_eq!(reopened.snapshot(), kept);
    assert_eq!(names(), ["worked-with.json"]);
}
