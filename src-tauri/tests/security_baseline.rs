//! The window's security baseline, read from the files Tauri builds from: a strict CSP, and a
//! capability that grants exactly the app's own commands plus event listening.

use std::collections::BTreeSet;

fn read_json(path: &str) -> serde_json::Value {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&full).unwrap()).unwrap()
}

fn app_commands() -> Vec<String> {
    let build = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/build.rs")).unwrap();
    let list = build
        .split("commands(&[")
        .nth(1)
        .unwrap()
        .split("])")
        .next()
        .unwrap();
    list.split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

#[test]
fn csp_forbids_eval_inline_scripts_and_foreign_connections() {
    let config = read_json("tauri.conf.json");
    let csp = &config["app"]["security"]["csp"];
    let script = csp["script-src"].as_str().unwrap();
    assert!(
        !script.contains("unsafe-eval") && !script.contains("unsafe-inline"),
        "script-src: {script}"
    );
    assert_eq!(csp["connect-src"], "ipc: http://ipc.localhost");
    assert_eq!(csp["default-src"], "'self'");
    assert_eq!(csp["object-src"], "'none'");
}

#[test]
fn the_one_capability_allows_only_the_app_commands_and_events() {
    let capability = read_json("capabilities/main-window.json");
    assert_eq!(capability["windows"], serde_json::json!(["main"]));
    let granted: BTreeSet<String> = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_string())
        .collect();
    let mut expected: BTreeSet<String> = app_commands()
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    expected.insert("core:event:allow-listen".into());
    expected.insert("core:event:allow-unlisten".into());
    assert_eq!(granted, expected);
    assert!(
        granted
            .iter()
            .all(|p| !p.starts_with("shell:") && !p.starts_with("opener:"))
    );
}

#[test]
fn every_registered_command_is_under_the_acl() {
    let lib = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/src/lib.rs")).unwrap();
    let handler = lib
        .split("generate_handler![")
        .nth(1)
        .unwrap()
        .split(']')
        .next()
        .unwrap();
    let registered: BTreeSet<String> = handler
        .split(',')
        .map(|s| s.trim().rsplit("::").next().unwrap_or_default().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    let listed: BTreeSet<String> = app_commands().into_iter().collect();
    assert_eq!(
        registered, listed,
        "generate_handler! and the AppManifest in build.rs must list the same commands"
    );
}
