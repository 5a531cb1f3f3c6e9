//! Sends each event to its subscribed endpoints, retrying with exponential backoff,
//! and keeps a log of every attempt.

use std::time::{Duration, Instant};

use crate::fake_state::FakeState;
use crate::ids::{new_id, now_iso};
use crate::state::{
    Delivery, DeliveryAttempt, DeliveryState, EndpointStatus, Environment, Event, WebhookEndpoint,
};
use crate::views;
use crate::webhooks::signature;

/// Enabled endpoints of `env` subscribed to `event`.
pub fn targets(env: &Environment, event: &Event) -> Vec<WebhookEndpoint> {
    env.webhook_endpoints
        .iter()
        .filter(|e| e.status == EndpointStatus::Enabled && e.events.contains(&event.event))
        .cloned()
        .collect()
}

/// Logs a pending delivery and sends it in the background.
pub fn start(state: &FakeState, env: &str, endpoint: &WebhookEndpoint, event: &Event) {
    let delivery = Delivery {
        id: new_id("delivery_"),
        environment: env.to_string(),
        endpoint_id: endpoint.id.clone(),
        endpoint_url: endpoint.endpoint_url.clone(),
        event_id: event.id.clone(),
        event: event.event.clone(),
        state: DeliveryState::Pending,
        attempts: Vec::new(),
    };
    let delivery_id = delivery.id.clone();
    state.with_store(|store| store.deliveries.push(delivery));
    let body = views::event(event).to_string();
    let task = DeliveryTask {
        state: state.clone(),
        delivery_id,
        url: endpoint.endpoint_url.clone(),
        secret: endpoint.secret.clone(),
        body,
    };
    state.runtime().spawn(task.run());
}

/// One POST of `body` to `url`, signed with `secret` at the fake's clock (so moving the clock
/// through `/__admin/clock` makes stale or future signatures), timed and described.
pub async fn send_signed(
    state: &FakeState,
    url: &str,
    secret: &str,
    body: &str,
) -> DeliveryAttempt {
    let started = Instant::now();
    let at = now_iso();
    let header = signature::sign(secret, state.clock_millis(), body);
    let sent = state
        .http()
        .post(url)
        .header("Content-Type", "application/json")
        .header(signature::HEADER, header)
        .body(body.to_string())
        .send()
        .await;
    let (status, error) = match sent {
        Ok(response) => (Some(response.status().as_u16()), None),
        Err(e) => (None, Some(e.to_string())),
    };
    DeliveryAttempt {
        at,
        status,
        error,
        duration_ms: started.elapsed().as_millis() as u64,
    }
}

struct DeliveryTask {
    state: FakeState,
    delivery_id: String,
    url: String,
    secret: String,
    body: String,
}

impl DeliveryTask {
    async fn run(self) {
        let config = self.state.webhook_config().clone();
        let mut shutdown = self.state.shutdown_signal();
        let mut backoff = config.initial_backoff;
        for attempt in 1..=config.max_attempts.max(1) {
            let record = self.attempt().await;
            let delivered = record.status.is_some_and(|s| (200..300).contains(&s));
            let last = attempt == config.max_attempts.max(1);
            let outcome = match (delivered, last) {
                (true, _) => DeliveryState::Succeeded,
                (false, true) => DeliveryState::Failed,
                (false, false) => DeliveryState::Pending,
            };
            self.log(record, outcome.clone());
            if outcome != DeliveryState::Pending {
                return;
            }
            tokio::select! {
                _ = tokio::time::sleep(backoff) => {}
                _ = shutdown.wait_for(|stop| *stop) => return,
            }
            backoff = backoff.saturating_mul(2).min(Duration::from_secs(300));
        }
    }

    async fn attempt(&self) -> DeliveryAttempt {
        send_signed(&self.state, &self.url, &self.secret, &self.body).await
    }

    fn log(&self, attempt: DeliveryAttempt, outcome: DeliveryState) {
        self.state.with_store(|store| {
            if let Some(d) = store
                .deliveries
                .iter_mut()
                .find(|d| d.id == self.delivery_id)
            {
                d.attempts.push(attempt);
                d.state = outcome;
            }
        });
        self.state.notify_changed();
    }
}
