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
        "save_api_key",
        "import_api_key",
        "use_demo",
        "preview_env_write",
        "apply_env_write",
        "pick_project_folder",
        "open_project",
        "recent_projects",
        "forget_recent_project",
        "env_report",
        "run_preflight",
        "preview_gitignore_fix",
        "apply_gitignore_fix",
        "install_sdk",
        "cancel_install",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run tauri-build");
}
