//! The receiver the window started, kept while the app runs: what it received (the newest
//! [`FEED_KEPT`]), and the test events a local WorkOS (the demo, fake-workos) can send to it.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use tokio::task::JoinHandle;
use ts_rs::TS;

use super::receiver::{ReceivedDelivery, ReceiverOptions, WebhookReceiver};
use crate::foundation::error::{AppError, AppResult};
use crate::foundation::sensitive::Sensitive;
use crate::workos::target::WorkosTarget;

/// Deliveries kept for the window; older ones drop off.
pub const FEED_KEPT: usize = 200;

/// A running receiver and its feed. Dropping it stops the receiver.
pub struct ListeningSession {
    receiver: WebhookReceiver,
    feed: Arc<Mutex<VecDeque<ReceivedDelivery>>>,
    drain: JoinHandle<()>,
}

impl ListeningSession {
    /// Listens on 127.0.0.1 (a free port). Until a secret is set, every delivery is judged
    /// against none, so it is rejected with that reason rather than trusted.
    pub async fn start() -> AppResult<Self> {
        let (receiver, mut deliveries) =
            WebhookReceiver::start(Sensitive::new(String::new()), ReceiverOptions::default())
                .await?;
        let feed = Arc::new(Mutex::new(VecDeque::with_capacity(FEED_KEPT)));
        let kept = feed.clone();
        let drain = tokio::spawn(async move {
            while let Some(delivery) = deliveries.recv().await {
                log::info!(
                    "webhook {} {}: {}",
                    delivery.event_type.as_deref().unwrap_or("?"),
                    delivery.event_id.as_deref().unwrap_or("?"),
                    delivery.verdict.code.as_deref().unwrap_or("verified")
                );
                let mut feed = kept.lock().unwrap_or_else(|e| e.into_inner());
                if feed.len() == FEED_KEPT {
                    feed.pop_front();
                }
                feed.push_back(delivery);
            }
        });
        Ok(Self {
            receiver,
            feed,
            drain,
        })
    }

    pub fn url(&self) -> &str {
        self.receiver.url()
    }

    pub fn set_secret(&self, secret: Sensitive<String>) {
        self.receiver.set_secret(secret);
    }

    /// What arrived, oldest first.
    pub fn feed(&self) -> Vec<ReceivedDelivery> {
        let feed = self.feed.lock().unwrap_or_else(|e| e.into_inner());
        feed.iter().cloned().collect()
    }
}

impl Drop for ListeningSession {
    fn drop(&mut self) {
        self.receiver.stop();
        self.drain.abort();
    }
}

/// What a local WorkOS said about the test event it sent.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize, TS)]
pub struct TestEventSent {
    pub event: String,
    pub event_id: String,
    pub endpoint_url: String,
    /// The receiver's answer; `None` when it could not be reached.
    pub status: Option<u16>,
    pub error: Option<String>,
}

/// Whether `target` is a WorkOS on this machine (the demo or fake-workos), which can send
/// test events on a click; WorkOS itself sends them from its Dashboard only.
pub fn sends_test_events(target: &WorkosTarget) -> bool {
    crate::workos::target::is_local(target)
}

/// Asks a local WorkOS to send a signed `event` to the endpoint `endpoint_id`.
pub async fn send_test_event(
    target: &WorkosTarget,
    endpoint_id: &str,
    event: &str,
) -> AppResult<TestEventSent> {
    if !sends_test_events(target) {
        return Err(AppError::new(
            crate::codes::WebhooksCode::TestEventsUnavailable,
            "WorkOS sends test events from its Dashboard (Webhooks → your endpoint → Send test event); the app sends them only on the demo or a local fake-workos.",
        ));
    }
    if !super::PIPES_EVENTS.contains(&event) {
        return Err(AppError::new(
            crate::codes::WebhooksCode::TestEventsUnavailable,
            format!("{event} is not one of the nine Pipes events."),
        ));
    }
    let url = format!(
        "{}/__admin/webhook-test",
        target.base_url().trim_end_matches('/')
    );
    let body = serde_json::json!({"endpoint_id": endpoint_id, "event": event});
    let response = target
        .connection()
        .http()
        .post(url)
        .json(&body)
        .send()
        .await
        .map_err(|e| {
            AppError::new(
                crate::codes::LiveCode::Unreachable,
                format!("The local WorkOS could not be reached: {e}"),
            )
        })?;
    let status = response.status();
    if !status.is_success() {
        let text = response.text().await.unwrap_or_default();
        return Err(AppError::new(
            crate::codes::WebhooksCode::TestEventsUnavailable,
            format!("The local WorkOS did not send it ({status}): {text}"),
        ));
    }
    response.json().await.map_err(|e| {
        AppError::new(
            crate::codes::WorkosCode::UnexpectedAnswer,
            format!("The local WorkOS answered in a shape this app does not know: {e}"),
        )
    })
}

/// One poll of `GET /events`, as the window shows it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct PollView {
    pub events: Vec<super::poll::PolledEvent>,
    pub more: bool,
    /// WorkOS asked to wait this long before the next poll.
    #[ts(type = "number | null")]
    pub retry_after_ms: Option<u64>,
}

impl From<super::poll::PollOutcome> for PollView {
    fn from(outcome: super::poll::PollOutcome) -> Self {
        match outcome {
            super::poll::PollOutcome::Page { events, more } => Self {
                events,
                more,
                retry_after_ms: None,
            },
            super::poll::PollOutcome::RateLimited { retry_after } => Self {
                events: Vec::new(),
                more: false,
                retry_after_ms: Some(retry_after.as_millis() as u64),
            },
        }
    }
}

/// Step 6 at a glance: the receiver, the environment's endpoints (or why they cannot be
/// read), and whether test events can be sent from here.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct WebhooksOverview {
    pub receiver_url: Option<String>,
    pub endpoints: Vec<super::registration::ListedEndpoint>,
    /// Why the endpoints could not be listed (no API access: the Dashboard path).
    pub endpoints_problem: Option<String>,
    pub sends_test_events: bool,
    pub events: Vec<String>,
    pub dashboard_steps: Vec<String>,
}

pub async fn overview(
    target: &WorkosTarget,
    registrations: &super::registration::AppRegistrations,
    receiver_url: Option<String>,
) -> WebhooksOverview {
    let listed = super::registration::list_endpoints(target, registrations).await;
    let (endpoints, endpoints_problem) = match listed {
        Ok(endpoints) => (endpoints, None),
        Err(e) => (Vec::new(), Some(e.message)),
    };
    WebhooksOverview {
        dashboard_steps: super::registration::dashboard_steps(receiver_url.as_deref()),
        receiver_url,
        endpoints,
        endpoints_problem,
        sends_test_events: sends_test_events(target),
        events: super::PIPES_EVENTS.iter().map(|e| e.to_string()).collect(),
    }
}
