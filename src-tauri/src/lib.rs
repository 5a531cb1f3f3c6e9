//! The thin shell: a window, the app's state, and one small function per command.
//! Everything the commands do lives in pipes-core.

mod blocking;
mod commands;
mod demo;
mod last_results;
mod save_file;
mod state;
mod webhooks_state;
mod window_placement;

use pipes_core::foundation::app_log::AppLog;
use pipes_core::runtime::launch;
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
            start_log(app.path().app_log_dir()?);
            let data_dir = app.path().app_data_dir()?;
            let (fake, demo_target) = demo::start()?;
            let state = state::AppState::new(&data_dir, fake, demo_target);
            pipes_core::foundation::sensitive::set_presenting(state.settings.snapshot().presenter);
            if let Some(project) = launch::project_from_args(&args(), &cwd()) {
                state.launch.ask(project);
            }
            if let Some(window) = app.get_webview_window("main") {
                window_placement::restore_and_track(&window, state.window_placement.clone());
            }
            app.manage(state);
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

fn args() -> Vec<String> {
    std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect()
}

fn cwd() -> std::path::PathBuf {
    std::env::current_dir().unwrap_or_default()
}

/// The redacted, rotating log file in the app's log folder. A second logger (never expected)
/// is not worth failing start-up for.
fn start_log(dir: std::path::PathBuf) {
    let shown = dir.display().to_string();
    if AppLog::new(dir).install().is_ok() {
        log::info!(
            "Pipes Setup {} started; log folder {shown}",
            env!("CARGO_PKG_VERSION")
        );
    }
}

/// Back on the account the user saved, if any; when the keychain cannot give the key back,
/// the demo with a notice that says why.
async fn restore_account(state: &state::AppState) {
    let restored = account::restore(&state.keychain, &state.settings, &state.base_url).await;
    match restored {
        Some(Ok(target)) => {
            state.use_target(target);
        }
        Some(Err(error)) => {
            log::warn!(
                "saved account not restored: {}: {}",
                error.code,
                error.message
            );
            state.set_notice(format!(
            "Your saved API key could not be read from the keychain ({}: {}). Showing the demo until it can.",
            error.code, error.message
        ))
        }
        None => {}
    }
}
