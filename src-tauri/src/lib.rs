//! The thin shell: a window, the app's state, and one small function per command.
//! Everything the commands do lives in pipes-core.

mod commands;
mod demo;
mod state;

use pipes_core::workos::account;
use tauri::Manager;

use commands::preflight::{checks, fixes, key, project};
use commands::{docs, wizard};

pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let data_dir = app.path().app_data_dir()?;
            let (fake, demo_target) = demo::start()?;
            let state = state::AppState::new(&data_dir, fake, demo_target);
            if !demo::forced() {
                restore_account(&state);
            }
            app.manage(state);
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            wizard::wizard_steps,
            wizard::load_progress,
            wizard::go_to_step,
            docs::docs_catalog,
            docs::open_doc,
            wizard::workos_target,
            key::save_api_key,
            key::import_api_key,
            wizard::use_demo,
            key::preview_env_write,
            key::apply_env_write,
            project::pick_project_folder,
            project::open_project,
            project::recent_projects,
            project::forget_recent_project,
            project::env_report,
            checks::run_preflight,
            fixes::preview_gitignore_fix,
            fixes::apply_gitignore_fix,
            fixes::install_sdk,
            fixes::cancel_install,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Pipes Setup");
}

/// Back on the account the user saved, if any; when the keychain cannot give the key back,
/// the demo with a notice that says why.
fn restore_account(state: &state::AppState) {
    let restored = tauri::async_runtime::block_on(account::restore(
        &state.keychain,
        &state.settings,
        &state.base_url,
    ));
    match restored {
        Some(Ok(target)) => {
            state.use_target(target);
        }
        Some(Err(error)) => state.set_notice(format!(
            "Your saved API key could not be read from the keychain ({}: {}). Showing the demo until it can.",
            error.code, error.message
        )),
        None => {}
    }
}
