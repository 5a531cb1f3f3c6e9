// The one list of the app's commands, as `module::command` under src/commands/.
// build.rs reads it to put every command under the ACL (the AppManifest), lib.rs to register
// the handlers, and tests/security_baseline.rs checks the window's capability and the UI's
// wrappers (ui/src/lib/ipc/commands.ts) against it. A command missing from here cannot be
// called; one listed here without a handler does not compile.
app_commands![
    wizard::wizard_steps,
    wizard::load_progress,
    wizard::go_to_step,
    wizard::workos_target,
    wizard::use_demo,
    docs::docs_catalog,
    docs::open_doc,
    preflight::key::save_api_key,
    preflight::key::import_api_key,
    preflight::key::preview_env_write,
    preflight::key::apply_env_write,
    preflight::project::pick_project_folder,
    preflight::project::open_project,
    preflight::project::recent_projects,
    preflight::project::forget_recent_project,
    preflight::project::env_report,
    preflight::checks::run_preflight,
    preflight::fixes::preview_gitignore_fix,
    preflight::fixes::apply_gitignore_fix,
    preflight::fixes::install_sdk,
    preflight::fixes::cancel_install,
    dashboard::dashboard_overview,
    dashboard::compare_redirect,
    dashboard::compare_return_url,
    dashboard::open_provider_console,
    dashboard::preview_credentials_change,
    dashboard::apply_credentials_change,
    sdk_integration::test_users,
    sdk_integration::prepare_test_connection,
    sdk_integration::run_test_connection,
    sdk_integration::stop_test_connection,
    sdk_integration::code_snippet,
]
