//! The thin shell: a window, the app's state, and one small function per command.
//! Everything the commands do lives in pipes-core.

mod blocking;
mod commands;
mod demo;
mod state;

use pipes_core::workos::account;
use tauri::Manager;

/// Registers the handlers of src/commands/list.rs, the one list of the app's commands.
macro_rules! app_commands {
    ($($($segment:ident)::+),* $(,)?) => {
        tauri::generate_handler![$(commands::$($segment)::+),*]
    };
}

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
        .invoke_handler(include!("commands/list.rs"))
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
