fn main() {
    // Every app command is listed here so it falls under the ACL: a command the window's
    // capability does not allow cannot be called from the webview.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "wizard_steps",
        "load_progress",
        "go_to_step",
        "docs_catalog",
        "open_doc",
        "workos_target",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run tauri-build");
}
