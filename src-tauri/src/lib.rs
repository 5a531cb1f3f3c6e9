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
            app.manage(state::AppState::new(&data_dir, fake, demo_target));
            // The keychain can take seconds to answer (or time out): the window opens at once
            // and only the question "which WorkOS?" waits for this.
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                let state = handle.state::<state::AppState>();
                if !demo::forced() {
                    restore_account(&state).await;
                }
                state.mark_restored();
            });
            Ok(())
        })
        .invoke_handler(include!("commands/list.rs"))
        .run(tauri::generate_context!())
        .expect("error while running Pipes Setup");
}

/// Back on the account the user saved, if any; when the keychain cannot give the key back,
/// the demo with a notice that says why.
async fn restore_account(state: &state::AppState) {
    let restored = account::restore(&state.keychain, &state.settings, &state.base_url).await;
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
