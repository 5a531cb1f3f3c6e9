//! Presenter mode: on or off (remembered), the demo's scenarios (break, heal) and its reset.

use pipes_core::AppResult;
use pipes_core::foundation::sensitive::set_presenting;
use pipes_core::steps::presenter::{self, Scenario, ScenarioView};
use tauri::State;

use crate::blocking::blocking;
use crate::state::AppState;

#[tauri::command]
pub fn presenter_mode(state: State<'_, AppState>) -> bool {
    state.settings.snapshot().presenter
}

/// Turns presenter mode on or off; fingerprints lose their last four while it is on.
#[tauri::command]
pub async fn set_presenter_mode(state: State<'_, AppState>, on: bool) -> AppResult<bool> {
    let settings = state.settings.clone();
    blocking(move || settings.update(|s| s.presenter = on)).await?;
    set_presenting(on);
    log::info!("presenter mode {}", if on { "on" } else { "off" });
    Ok(on)
}

#[tauri::command]
pub fn presenter_scenarios() -> Vec<ScenarioView> {
    presenter::scenarios()
}

#[tauri::command]
pub async fn break_scenario(state: State<'_, AppState>, scenario: Scenario) -> AppResult<()> {
    let endpoint = app_endpoint(&state).await;
    presenter::apply(&state.target(), scenario, endpoint.as_deref()).await
}

#[tauri::command]
pub async fn heal_scenario(state: State<'_, AppState>, scenario: Scenario) -> AppResult<()> {
    let endpoint = app_endpoint(&state).await;
    presenter::heal(&state.target(), scenario, endpoint.as_deref()).await
}

/// The demo as it was at start; the app's own receiver and its feed are cleared too.
#[tauri::command]
pub async fn reset_demo(state: State<'_, AppState>) -> AppResult<()> {
    presenter::reset(&state.target()).await?;
    state.webhooks.stop();
    Ok(())
}

/// The endpoint the app registered for its receiver, if any.
async fn app_endpoint(state: &AppState) -> Option<String> {
    let target = state.target();
    let url = state.webhooks.receiver_url()?;
    let listed = pipes_core::steps::webhooks::registration::list_endpoints(
        &target,
        &state.webhooks.registrations,
    )
    .await
    .ok()?;
    listed
        .into_iter()
        .find(|e| e.endpoint.endpoint_url == url)
        .map(|e| e.endpoint.id)
}
