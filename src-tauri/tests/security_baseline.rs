//! The window's security baseline, read from the files Tauri builds from: a strict CSP, and a
//! capability that grants exactly the app's own commands plus event listening.

use std::collections::BTreeSet;

fn read_json(path: &str) -> serde_json::Value {
    let full = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(&full).unwrap()).unwrap()
}

/// The command names of src/commands/list.rs, the one list of the app's commands.
fn app_commands() -> Vec<String> {
    let list = read("src/commands/list.rs");
    let body = list
        .split("app_commands![")
        .nth(1)
        .unwrap()
        .split(']')
        .next()
        .unwrap();
    body.split(',')
        .map(|s| s.trim().rsplit("::").next().unwrap_or_default().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
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
fn the_shell_registers_and_declares_the_one_list() {
    let lib = read("src/lib.rs");
    assert!(lib.contains(r#".invoke_handler(include!("commands/list.rs"))"#));
    let build = read("build.rs");
    assert!(build.contains(r#"include!("src/commands/list.rs")"#));
    assert!(build.contains("AppManifest::new().commands(COMMANDS)"));
}

#[test]
fn the_ui_wraps_exactly_the_listed_commands() {
    let wrappers = read("../ui/src/lib/ipc/commands.ts");
    let called: BTreeSet<String> = wrappers
        .split("call<")
        .skip(1)
        .filter_map(|rest| rest.split_once(">('").map(|(_, name)| name))
        .filter_map(|name| name.split('\'').next())
        .map(str::to_string)
        .collect();
    let listed: BTreeSet<String> = app_commands().into_iter().collect();
    assert_eq!(
        called, listed,
        "ui/src/lib/ipc/commands.ts must wrap exactly the commands of src/commands/list.rs"
    );
}
