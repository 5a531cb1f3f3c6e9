//! The thin shell: a window, the app's state, and one small function per command.
//! Everything the commands do lives in pipes-core.

mod commands;
mod demo;
mod state;

use tauri::Manager;

pub fn run() {
    tauri::Builder::default()
        .setup(|app| {
            let data_dir = app.path().app_data_dir()?;
            // Until a key is stored (Pre-flight), the wizard runs on the built-in demo WorkOS.
            let (fake, target) = demo::start()?;
            app.manage(state::AppState::new(&data_dir, target, Some(fake)));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::wizard_steps,
            commands::load_progress,
            commands::go_to_step,
            commands::docs_catalog,
            commands::open_doc,
            commands::workos_target,
        ])
        .run(tauri::generate_context!())
        .expect("error while running Pipes Setup");
}
