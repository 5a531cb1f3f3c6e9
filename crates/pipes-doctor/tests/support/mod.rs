//! Fixture projects, a fake WorkOS, and a way to run the real `pipes-doctor` binary.

use std::fs;
use std::net::TcpListener;
use std::path::Path;
use std::process::{Command, Output};

pub use fake_workos::{Config, FakeWorkos, RunningFake};
use serde_json::Value;

pub const DEMO_KEY: &str = "sk_test_demo_0000000000000000000000000000fake";
pub const DEMO_CLIENT_ID: &str = "client_01JDEM0SANDB0X000000000000";
pub const WRONG_KEY: &str = "sk_test_wrong_0000000000000000000000000000bad";

/// A Node app with the WorkOS SDK installed and the demo key in a git-ignored `.env.local`.
pub fn configured_node_app(dir: &Path) {
    fs::write(
        dir.join("package.json"),
        r#"{"name":"shop","dependencies":{"@workos-inc/node":"^7.80.0","next":"15.0.0"}}"#,
    )
    .unwrap();
    fs::write(
        dir.join(".env.local"),
        format!("WORKOS_API_KEY={DEMO_KEY}\nWORKOS_CLIENT_ID={DEMO_CLIENT_ID}\n"),
    )
    .unwrap();
    fs::write(dir.join(".gitignore"), ".env*.local\nnode_modules\n").unwrap();
    let sdk = dir.join("node_modules/@workos-inc/node");
    fs::create_dir_all(&sdk).unwrap();
    fs::write(
        sdk.join("package.json"),
        r#"{"name":"@workos-inc/node","version":"7.80.0"}"#,
    )
    .unwrap();
}

/// A monorepo with two Node apps; only `apps/web` is configured.
pub fn monorepo(dir: &Path) {
    fs::write(
        dir.join("package.json"),
        r#"{"name":"root","private":true,"workspaces":["apps/*"]}"#,
    )
    .unwrap();
    let web = dir.join("apps/web");
    let api = dir.join("apps/api");
    fs::create_dir_all(&web).unwrap();
    fs::create_dir_all(&api).unwrap();
    configured_node_app(&web);
    fs::write(
        api.join("package.json"),
        r#"{"name":"api","dependencies":{"express":"4.0.0"}}"#,
    )
    .unwrap();
    fs::write(dir.join(".gitignore"), ".env*.local\nnode_modules\n").unwrap();
}

const NO_BUS: &str = "unix:path=/nonexistent/pipes-doctor-test-bus";

/// Whether the tests run under scripts/with-keyring.sh, with a real Secret Service.
pub fn in_keyring_script() -> bool {
    std::env::var("PIPES_KEYRING_SCRIPT").is_ok_and(|v| v == "1")
}

pub fn start_fake() -> RunningFake {
    FakeWorkos::start_on_own_thread(Config::demo()).expect("fake-workos starts")
}

/// Runs the binary with `args`, WorkOS at `base_url`, and no key in the environment unless
/// `api_key` is given. Colour and progress are off because stdout/stderr are pipes.
pub fn doctor(args: &[&str], base_url: &str, api_key: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pipes-doctor"));
    command
        .args(args)
        .env("WORKOS_BASE_URL", base_url)
        .env_remove("WORKOS_API_KEY")
        .env_remove("NO_COLOR");
    if !in_keyring_script() {
        // Keep the keychain self-test away from a developer's real keyring.
        command.env("DBUS_SESSION_BUS_ADDRESS", NO_BUS);
    }
    if let Some(key) = api_key {
        command.env("WORKOS_API_KEY", key);
    }
    command.output().expect("pipes-doctor runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

pub fn exit_code(output: &Output) -> i32 {
    output.status.code().expect("exited, not killed")
}

/// Parses stdout as exactly one JSON document.
pub fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "stdout is one JSON document ({e}):\n{}\nstderr:\n{}",
            stdout(output),
            stderr(output)
        )
    })
}

/// Neither the demo key nor the wrong key may ever be printed, only their fingerprints.
pub fn assert_no_secret(output: &Output) {
    for secret in [DEMO_KEY, WRONG_KEY, "0000000000000000000000000000fake"] {
        assert!(!stdout(output).contains(secret), "stdout leaks a key");
        assert!(!stderr(output).contains(secret), "stderr leaks a key");
    }
}

pub fn check<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["checks"]
        .as_array()
        .expect("checks is an array")
        .iter()
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no check {id} in {report:#}"))
}

pub fn codes(report: &Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .expect("findings is an array")
        .iter()
        .map(|f| f["code"].as_str().expect("a code").to_string())
        .collect()
}

/// A port that accepts connections and counts them, to prove nothing was contacted.
pub struct CountingPort {
    listener: TcpListener,
}

impl CountingPort {
    pub fn new() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        Self { listener }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.listener.local_addr().unwrap())
    }

    /// Connections made so far (they wait in the backlog until accepted here).
    pub fn connections(&self) -> usize {
        std::iter::from_fn(|| self.listener.accept().ok()).count()
    }
}
