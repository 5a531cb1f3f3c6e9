//! Step 5, Connections: one user's connections, and the changes to one of them by its id.
//! Reauthorize and "add another" run through step 4's test connection (prepare_test_connection
//! with an intent).

use pipes_core::AppResult;
use pipes_core::runtime::Proposal;
use pipes_core::steps::connections::{
    self, ConnectionChange, ConnectionChangeKind, ConnectionChangeView, ConnectionTarget,
    ConnectionsOverview, OrganizationChoice, TokenStatusView,
};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn connections_overview(
    state: State<'_, AppState>,
    user_id: String,
    organization_id: Option<String>,
) -> AppResult<ConnectionsOverview> {
    let connection = state.target().connection();
    connections::load(&connection, &user_id, organization_id.as_deref()).await
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
