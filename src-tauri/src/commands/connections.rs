//! Step 5, Connections: one user's connections, and the changes to one of them by its id.
//! Reauthorize and "add another" run through step 4's test connection (prepare_test_connection
//! with an intent).

use pipes_core::AppError;
use pipes_core::AppResult;
use pipes_core::codes::ConnectionsCode;
use pipes_core::foundation::clock::now_ms;
use pipes_core::local::worked_with::{self, WorkedWith};
use pipes_core::runtime::Proposal;
use pipes_core::steps::connections::{
    self, ConnectionChange, ConnectionChangeKind, ConnectionChangeView, ConnectionTarget,
    ConnectionsOverview, OrganizationChoice, ProviderApi, ProviderCallEvent, ProviderCallReport,
    ProviderRequest, RetryPolicy, TokenStatusView,
};
use pipes_core::steps::wizard::StepId;
use tauri::ipc::Channel;
use tauri::{AppHandle, State, WebviewWindow};

use crate::blocking::blocking;
use crate::save_file::save_text;
use crate::state::AppState;

#[tauri::command]
pub async fn connections_overview(
    state: State<'_, AppState>,
    user_id: String,
    organization_id: Option<String>,
) -> AppResult<ConnectionsOverview> {
    let target = state.target();
    let overview =
        connections::load(&target.connection(), &user_id, organization_id.as_deref()).await?;
    let store = state.worked_with.clone();
    let (identity, seen) = (target.identity(), overview.clone());
    let remembered =
        blocking(move || worked_with::remember(&store, &identity, &seen, now_ms())).await;
    // The list of what was worked with is a convenience: a full disk must not hide the overview.
    if let Err(e) = remembered {
        log::warn!("connections not remembered: {}: {}", e.code, e.message);
    }
    Ok(overview)
}

/// The connections worked with, on every WorkOS, most recent first.
#[tauri::command]
pub fn worked_with(state: State<'_, AppState>) -> WorkedWith {
    state.worked_with.snapshot()
}

/// Saves the list as versioned JSON where the user picks (the native dialog, from Rust), written
/// atomically. `None` when they cancelled.
#[tauri::command]
pub async fn export_worked_with(
    app: AppHandle,
    window: WebviewWindow,
    state: State<'_, AppState>,
) -> AppResult<Option<String>> {
    let json = worked_with::export(&state.worked_with)?;
    let title = "Save the connections you worked with";
    save_text(&app, &window, title, "pipes-connections.json", json).await
}

#[tauri::command]
pub async fn connection_organizations(
    state: State<'_, AppState>,
) -> AppResult<Vec<OrganizationChoice>> {
    connections::organizations(&state.target().connection()).await
}

/// Whether WorkOS would hand out a token for this connection now (the token is never shown).
#[tauri::command]
pub async fn probe_connection(
    state: State<'_, AppState>,
    which: ConnectionTarget,
) -> AppResult<TokenStatusView> {
    let connection = state.target().connection();
    connections::probe(
        &connection,
        &which.slug,
        &which.user_id,
        Some(&which.account_id),
    )
    .await
}

/// Prepares renaming or disconnecting one connection; the page gets the question and an id.
#[tauri::command]
pub async fn prepare_connection_change(
    state: State<'_, AppState>,
    which: ConnectionTarget,
    change: ConnectionChangeKind,
) -> AppResult<Proposal<ConnectionChangeView>> {
    let (change, view) = ConnectionChange::prepare(which, change, &state.target()).await?;
    state.pending.propose(change, view)
}

/// Sends the prepared change, once; calling it with the id is the user's yes.
#[tauri::command]
pub async fn apply_connection_change(state: State<'_, AppState>, id: String) -> AppResult<()> {
    let change = state.pending.take::<ConnectionChange>(&id)?;
    change.apply(&state.target()).await
}

/// Where the request console calls for this provider, with calls worth trying.
#[tauri::command]
pub fn provider_api(state: State<'_, AppState>, slug: String) -> AppResult<ProviderApi> {
    connections::provider_api(&state.target(), &slug).ok_or_else(|| {
        AppError::new(
            ConnectionsCode::ProviderApiUnknown,
            format!(
                "The app does not know where {slug}'s API is; call it from your app with the token."
            ),
        )
    })
}

/// A fresh token for the connection, then one read-only call to the provider (retried on
/// limits, cancellable); the token never comes back.
#[tauri::command]
pub async fn call_provider(
    state: State<'_, AppState>,
    request: ProviderRequest,
    on_event: Channel<ProviderCallEvent>,
) -> AppResult<ProviderCallReport> {
    let slot = state.provider_calls.begin()?;
    let report = connections::call_provider(
        &state.target(),
        request,
        RetryPolicy::default(),
        slot.token(),
        move |event| {
            let _ = on_event.send(event);
        },
    )
    .await;
    drop(slot);
    if let Ok(report) = &report
        && report.status.is_some_and(|s| (200..300).contains(&s))
    {
        // Verify's "a provider API call returns data", proven on this WorkOS.
        state
            .progress
            .record_outcome(StepId::Connections, true, &state.target().identity())?;
    }
    if let Ok(report) = &report {
        log::info!(
            "provider call {:?} {}: {:?} after {} attempt(s)",
            report.method,
            report.url,
            report.status,
            report.attempts
        );
    }
    report
}

#[tauri::command]
pub fn cancel_provider_call(state: State<'_, AppState>) {
    state.provider_calls.cancel();
}
