//! Step 4, SDK integration: the test connection through the secure flow.

use std::time::Duration;

use pipes_core::AppResult;
use pipes_core::foundation::browser::open_in_browser;
use pipes_core::runtime::Proposal;
use pipes_core::steps::sdk_integration::snippets::{self, OtherSdks, Snippet, SnippetLanguage};
use pipes_core::steps::sdk_integration::test_connection::{
    self, ConnectionIntent, StopReason, TestConnectionEvent, TestConnectionPlan,
    TestConnectionPlanView, TestConnectionReport, TestConnectionRequest,
};
use pipes_core::steps::sdk_integration::test_users::{self, TestUser};
use pipes_core::steps::wizard::StepId;
use pipes_core::workos::Confirmation;
use tauri::State;
use tauri::ipc::Channel;

use crate::last_results;
use crate::state::AppState;

/// How long the user has in the browser.
const CONSENT_DEADLINE: Duration = Duration::from_secs(5 * 60);

#[tauri::command]
pub async fn test_users(state: State<'_, AppState>) -> AppResult<Vec<TestUser>> {
    test_users::list(&state.target().connection()).await
}

/// Prepares a test connection and keeps it in Rust; the page gets its id and what it will do
/// (with the production question when the key is not a sandbox key).
#[tauri::command]
pub async fn prepare_test_connection(
    state: State<'_, AppState>,
    slug: String,
    user_id: String,
    organization_id: Option<String>,
    intent: Option<ConnectionIntent>,
) -> AppResult<Proposal<TestConnectionPlanView>> {
    let target = state.target();
    // The question names the user by email when the users can be read; the id otherwise.
    let users = test_users::list(&target.connection())
        .await
        .unwrap_or_default();
    let email = users.into_iter().find(|u| u.id == user_id).map(|u| u.email);
    let request = TestConnectionRequest {
        slug,
        user_id,
        organization_id,
        intent: intent.unwrap_or_default(),
    };
    let (plan, view) = TestConnectionPlan::new(request, &target, email.as_deref());
    state.pending.propose(plan, view)
}

/// Runs the prepared test once: the return URL listens, the browser opens, and the answer is
/// the report. Calling it with the id is the user's yes to the question they were shown.
#[tauri::command]
pub async fn run_test_connection(
    state: State<'_, AppState>,
    id: String,
    on_event: Channel<TestConnectionEvent>,
) -> AppResult<TestConnectionReport> {
    let plan = state.pending.take::<TestConnectionPlan>(&id)?;
    let target = state.target();
    plan.still_for(&target)?;
    let slot = state.test_connections.begin()?;
    state.test_connection_stop.take();
    let connection = target.connection();
    let plan_slug = plan.request.slug.clone();
    let started =
        match test_connection::start(&connection, plan.request, Confirmation::Confirmed).await {
            Ok(started) => started,
            Err(report) => return Ok(report),
        };
    let _ = on_event.send(TestConnectionEvent::Started {
        authorize_url: started.authorize_url.clone(),
        return_url: started.return_url.clone(),
    });
    let outcome = open_in_browser(&started.authorize_url).await;
    let _ = on_event.send(TestConnectionEvent::Browser { outcome });
    let stops = &state.test_connection_stop;
    let report = started
        .complete_unless_stopped(&connection, CONSENT_DEADLINE, slot.token(), || stops.take())
        .await;
    drop(slot);
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
    log::info!(
        "test connection ({}): ok={} broke_at={:?} findings={codes:?}",
        plan_slug,
        report.ok,
        report.broke_at
    );
    last_results::keep(&state.last.test_connection, Some(report.clone()));
    // A result for the rail, earned on this WorkOS.
    if let Some(ok) = report.outcome() {
        state
            .progress
            .record_outcome(StepId::SdkIntegration, ok, &target.identity())?;
    }
    Ok(report)
}

/// The code for the user's app, with the provider and their return URL filled in.
#[tauri::command]
pub fn code_snippet(
    language: SnippetLanguage,
    provider: String,
    return_url: String,
) -> AppResult<Snippet> {
    snippets::snippet(language, &provider, &return_url)
}

/// The official SDKs that cannot run the secure flow yet, with the version checked.
#[tauri::command]
pub fn sdks_without_secure_flow() -> OtherSdks {
    snippets::other_sdks()
}

/// Stops the test waiting for the browser, saying what the browser shows.
#[tauri::command]
pub fn stop_test_connection(state: State<'_, AppState>, reason: StopReason) {
    state.test_connection_stop.set(reason);
    state.test_connections.cancel();
}
