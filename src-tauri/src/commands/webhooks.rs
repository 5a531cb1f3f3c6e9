//! Step 6, Webhooks: the local receiver and its live feed, the environment's endpoints,
//! registering and removing one (asked first), test events from a local WorkOS, polling
//! `GET /events`, and the signature tester.

use pipes_core::codes::WebhooksCode;
use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::local::keychain::ProfileId;
use pipes_core::local::keychain::StoredSecret;
use pipes_core::runtime::Proposal;
use pipes_core::steps::sdk_integration::snippets::{self, Snippet, SnippetLanguage};
use pipes_core::steps::webhooks::poll::EventPoller;
use pipes_core::steps::webhooks::receiver::ReceivedDelivery;
use pipes_core::steps::webhooks::registration::{
    self, EndpointRegistration, EndpointRemoval, RegisteredEndpoint, RegistrationView, RemovalView,
};
use pipes_core::steps::webhooks::session::{
    self, ListeningSession, PollView, TestEventSent, WebhooksOverview,
};
use pipes_core::steps::webhooks::signature;
use pipes_core::steps::webhooks::verdict::VerdictView;
use pipes_core::workos::Confirmation;
use pipes_core::workos::target::{TargetKind, WorkosTarget};
use pipes_core::{AppError, AppResult};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub async fn webhooks_overview(state: State<'_, AppState>) -> AppResult<WebhooksOverview> {
    let url = state.webhooks.receiver_url();
    Ok(session::overview(&state.target(), &state.webhooks.registrations, url).await)
}

/// Starts the local receiver (127.0.0.1, a free port) if it is not running; answers its URL.
#[tauri::command]
pub async fn start_webhook_receiver(state: State<'_, AppState>) -> AppResult<String> {
    if let Some(url) = state.webhooks.receiver_url() {
        return Ok(url);
    }
    let started = ListeningSession::start().await?;
    let target = state.target();
    if let Ok(secret) = state
        .keychain
        .read_webhook_secret(&secret_profile(&target)?)
        .await
    {
        started.set_secret(secret);
    }
    Ok(state.webhooks.keep(started))
}

#[tauri::command]
pub fn stop_webhook_receiver(state: State<'_, AppState>) {
    state.webhooks.stop();
}

/// Everything the receiver judged, oldest first.
#[tauri::command]
pub fn webhook_feed(state: State<'_, AppState>) -> Vec<ReceivedDelivery> {
    state.webhooks.feed()
}

/// Prepares registering `endpoint_url` (the receiver's when absent) for the nine events.
#[tauri::command]
pub async fn prepare_webhook_registration(
    state: State<'_, AppState>,
    endpoint_url: Option<String>,
) -> AppResult<Proposal<RegistrationView>> {
    let target = state.target();
    let url = endpoint_url
        .or_else(|| state.webhooks.receiver_url())
        .ok_or_else(not_running)?;
    let (registration, view) =
        EndpointRegistration::prepare(&url, &target, secret_profile(&target)?)?;
    state.pending.propose(registration, view)
}

/// Registers, once; the secret goes to the keychain and into the receiver.
#[tauri::command]
pub async fn apply_webhook_registration(
    state: State<'_, AppState>,
    id: String,
) -> AppResult<RegisteredEndpoint> {
    let registration = state.pending.take::<EndpointRegistration>(&id)?;
    let target = state.target();
    let registered = registration
        .apply(
            &target,
            Confirmation::Confirmed,
            &state.keychain,
            &state.webhooks.registrations,
        )
        .await?;
    let secret = state
        .keychain
        .read_webhook_secret(&secret_profile(&target)?)
        .await?;
    state.webhooks.set_secret(secret);
    Ok(registered)
}

#[tauri::command]
pub fn prepare_webhook_removal(
    state: State<'_, AppState>,
    endpoint_id: String,
) -> AppResult<Proposal<RemovalView>> {
    let (removal, view) =
        EndpointRemoval::prepare(&endpoint_id, &state.target(), &state.webhooks.registrations)?;
    state.pending.propose(removal, view)
}

#[tauri::command]
pub async fn apply_webhook_removal(state: State<'_, AppState>, id: String) -> AppResult<()> {
    let removal = state.pending.take::<EndpointRemoval>(&id)?;
    removal
        .apply(
            &state.target(),
            Confirmation::Confirmed,
            &state.keychain,
            &state.webhooks.registrations,
        )
        .await
}

/// A signed test delivery of `event` to the endpoint, from the demo or a local fake-workos.
#[tauri::command]
pub async fn send_test_webhook(
    state: State<'_, AppState>,
    endpoint_id: String,
    event: String,
) -> AppResult<TestEventSent> {
    session::send_test_event(&state.target(), &endpoint_id, &event).await
}

/// One page of the Pipes events after the cursor kept since the last poll.
#[tauri::command]
pub async fn poll_webhook_events(state: State<'_, AppState>) -> AppResult<PollView> {
    let target = state.target();
    let mut poller = state.webhooks.poller.lock().await;
    let identity = target.identity();
    if poller.as_ref().is_none_or(|(on, _)| *on != identity) {
        *poller = Some((identity, EventPoller::new(target.connection())));
    }
    let (_, poller) = poller.as_mut().expect("set above");
    Ok(poller.poll_once().await?.into())
}

/// The Dashboard path: keeps the endpoint's secret pasted from the Dashboard in the keychain
/// (refusing an API key), and verifies the receiver's deliveries with it from now on.
#[tauri::command]
pub async fn store_webhook_secret(
    state: State<'_, AppState>,
    secret: String,
) -> AppResult<StoredSecret> {
    let target = state.target();
    let secret = Sensitive::new(secret);
    let stored =
        registration::store_pasted_secret(&state.keychain, &secret_profile(&target)?, &secret)
            .await?;
    state
        .webhooks
        .set_secret(Sensitive::new(secret.expose().trim().to_string()));
    Ok(stored)
}

/// The webhook route for the user's app, verified with the official SDK on the raw body.
#[tauri::command]
pub fn webhook_snippet(language: SnippetLanguage, path: String) -> AppResult<Snippet> {
    snippets::webhook_snippet(language, &path)
}

/// The signature tester: the verdict and its reason, never the secret back.
#[tauri::command]
pub fn test_webhook_signature(header: String, body: String, secret: String) -> VerdictView {
    signature::verify(
        &header,
        body.as_bytes(),
        &Sensitive::new(secret),
        std::time::SystemTime::now(),
    )
    .view()
}

/// The keychain profile a webhook secret is kept under: the API key's, or `demo`.
fn secret_profile(target: &WorkosTarget) -> AppResult<ProfileId> {
    let name = match &target.kind {
        TargetKind::Demo => "demo",
        TargetKind::Profile(profile) => profile.as_str(),
    };
    ProfileId::new(name.to_string()).map_err(AppError::from)
}

fn not_running() -> AppError {
    AppError::new(
        WebhooksCode::ReceiverNotRunning,
        "Start the local receiver first, or give the public URL of your app's webhook route.",
    )
}
