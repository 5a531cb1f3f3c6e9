//! Step 6's long-lived parts: the receiver the window started (it keeps listening while the
//! user visits other steps), the endpoints the app registered, and the events cursor.

use std::sync::Mutex;

use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::steps::webhooks::poll::EventPoller;
use pipes_core::steps::webhooks::receiver::ReceivedDelivery;
use pipes_core::steps::webhooks::registration::AppRegistrations;
use pipes_core::steps::webhooks::session::ListeningSession;

#[derive(Default)]
pub struct WebhooksState {
    session: Mutex<Option<ListeningSession>>,
    pub registrations: AppRegistrations,
    /// The poller and the WorkOS (identity) its cursor belongs to.
    pub poller: tokio::sync::Mutex<Option<(String, EventPoller)>>,
}

impl WebhooksState {
    pub fn receiver_url(&self) -> Option<String> {
        self.lock().as_ref().map(|s| s.url().to_string())
    }

    /// Keeps `started` unless another start won the race; answers the running one's URL.
    pub fn keep(&self, started: ListeningSession) -> String {
        let mut session = self.lock();
        session.get_or_insert(started).url().to_string()
    }

    pub fn stop(&self) {
        self.lock().take();
    }

    pub fn set_secret(&self, secret: Sensitive<String>) {
        if let Some(session) = self.lock().as_ref() {
            session.set_secret(secret);
        }
    }

    pub fn feed(&self) -> Vec<ReceivedDelivery> {
        self.lock()
            .as_ref()
            .map(ListeningSession::feed)
            .unwrap_or_default()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<ListeningSession>> {
        self.session.lock().unwrap_or_else(|e| e.into_inner())
    }
}
