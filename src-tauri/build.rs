/// The names of src/commands/list.rs, the one list of the app's commands.
macro_rules! app_commands {
    ($($($segment:ident)::+),* $(,)?) => {
        &[$(last_segment!($($segment)::+)),*]
    };
}

macro_rules! last_segment {
    ($first:ident) => { stringify!($first) };
    ($first:ident :: $($rest:ident)::+) => { last_segment!($($rest)::+) };
}

const COMMANDS: &[&str] = include!("src/commands/list.rs");

fn main() {
    println!("cargo:rerun-if-changed=src/commands/list.rs");
    // Every app command falls under the ACL: a command the window's capability does not allow
    // cannot be called from the webview.
    let manifest = tauri_build::AppManifest::new().commands(COMMANDS);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run tauri-build");
}
