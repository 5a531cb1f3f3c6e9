//! Step 6's registration and polling over real HTTP against fake-workos: register for the
//! nine events (a production key asks first), the secret into the keychain and only its
//! fingerprint back, remove only what the app made, the Dashboard path when the key cannot;
//! and `GET /events` polled oldest first with the cursor kept and a 429 honoured.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fake_workos::{Config, FakeWorkos, RunningFake};
use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::local::keychain::{Keychain, ProfileId, SecretStore, StoreError};
use pipes_core::steps::webhooks::PIPES_EVENTS;
use pipes_core::steps::webhooks::poll::{EventPoller, PollOutcome};
use pipes_core::steps::webhooks::registration::{
    AppRegistrations, EndpointRegistration, EndpointRemoval, list_endpoints, store_pasted_secret,
};
use pipes_core::workos::Confirmation;
use pipes_core::workos::target::WorkosTarget;
use serde_json::json;

const SANDBOX_KEY: &str = "sk_test_demo_0000000000000000000000000000fake";
const FORBIDDEN_KEY: &str = "sk_test_demo_readonly_0000000000000000000403";
const PRODUCTION_KEY: &str = "sk_live_demo_0000000000000000000000000000fake";
const ADA: &str = "user_01JDEM0ADA0000000000000000";
const PUBLIC_URL: &str = "https://shop.example/webhooks/workos";

#[derive(Default)]
struct MemoryStore(Mutex<HashMap<(String, String), Sensitive<String>>>);

impl SecretStore for MemoryStore {
    fn set(
        &self,
        service: &str,
        account: &str,
        secret: &Sensitive<String>,
    ) -> Result<(), StoreError> {
        let key = (service.to_string(), account.to_string());
        self.0.lock().unwrap().insert(key, secret.clone());
        Ok(())
    }
    fn get(&self, service: &str, account: &str) -> Result<Sensitive<String>, StoreError> {
        let key = (service.to_string(), account.to_string());
        let entries = self.0.lock().unwrap();
        entries.get(&key).cloned().ok_or(StoreError::NotFound)
    }
    fn delete(&self, service: &str, account: &str) -> Result<(), StoreError> {
        let key = (service.to_string(), account.to_string());
        let removed = self.0.lock().unwrap().remove(&key);
        removed.map(|_| ()).ok_or(StoreError::NotFound)
    }
}

fn keychain() -> Keychain {
    Keychain::with_store(Arc::new(MemoryStore::default()))
}

fn account(fake: &RunningFake, key: &str) -> WorkosTarget {
    WorkosTarget::profile("shop/sandbox", fake.base_url(), Sensitive::new(key.into()))
}

fn profile() -> ProfileId {
    ProfileId::new("shop/sandbox").unwrap()
}

#[tokio::test]
async fn a_registration_subscribes_the_nine_events_and_keeps_only_the_fingerprint() {
    let fake = FakeWorkos::start(Config::demo()).await.unwrap();
    let target = account(&fake, SANDBOX_KEY);
    let (keychain, made) = (keychain(), AppRegistrations::default());
    let (registration, view) =
        EndpointRegistration::prepare(PUBLIC_URL, &target, profile()).unwrap();
    assert!(!view.needs_confirmation);
    assert_eq!(view.events, PIPES_EVENTS);
    let registered = registration
        .apply(&target, Confirmation::NotAsked, &keychain, &made)
        .await
        .unwrap();

    let stored = &fake.state().webhook_endpoints("sandbox")[0];
    assert_eq!(stored.events, PIPES_EVENTS);
    assert_eq!(registered.endpoint.id, stored.id);
    let secret = keychain.read_webhook_secret(&profile()).await.unwrap();
    assert_eq!(secret.expose(), &stored.secret);
    assert!(registered.secret.fingerprint.starts_with("whsec_…"));
    let shown = serde_json::to_string(&registered).unwrap();
    assert!(!shown.contains(&stored.secret), "{shown}");

    let listed = list_endpoints(&target, &made).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert!(listed[0].made_by_app && listed[0].has_all_pipes_events);

    let (again, _) = EndpointRegistration::prepare(PUBLIC_URL, &target, profile()).unwrap();
    let duplicate = again
        .apply(&target, Confirmation::NotAsked, &keychain, &made)
        .await;
    assert_eq!(duplicate.unwrap_err().code, "WEBHOOK_ENDPOINT_EXISTS");
}

#[tokio::test]
async fn a_production_key_asks_before_registering_and_removing() {
    let fake = FakeWorkos::start(Config::demo()).await.unwrap();
    let target = account(&fake, PRODUCTION_KEY);
    let (keychain, made) = (keychain(), AppRegistrations::default());
    let (registration, view) =
        EndpointRegistration::prepare(PUBLIC_URL, &target, profile()).unwrap();
    assert!(view.needs_confirmation);
    assert!(view.question.contains("production"), "{}", view.question);
    let unasked = registration
        .apply(&target, Confirmation::NotAsked, &keychain, &made)
        .await;
    assert_eq!(
        unasked.unwrap_err().code,
        "PRODUCTION_CHANGE_NEEDS_CONFIRMATION"
    );
    assert!(fake.state().webhook_endpoints("production").is_empty());

    let (registration, _) = EndpointRegistration::prepare(PUBLIC_URL, &target, profile()).unwrap();
    let registered = registration
        .apply(&target, Confirmation::Confirmed, &keychain, &made)
        .await
        .unwrap();
    let (removal, view) =
        EndpointRemoval::prepare(&registered.endpoint.id, &target, &made).unwrap();
    assert!(view.needs_confirmation);
    removal
        .apply(&target, Confirmation::Confirmed, &keychain, &made)
        .await
        .unwrap();
    assert!(fake.state().webhook_endpoints("production").is_empty());
    assert!(
        keychain.read_webhook_secret(&profile()).await.is_err(),
        "the secret went too"
    );
}

#[tokio::test]
async fn only_what_the_app_registered_can_be_removed_by_it() {
    let fake = FakeWorkos::start(Config::demo()).await.unwrap();
    let target = account(&fake, SANDBOX_KEY);
    let by_hand = reqwest::Client::new()
        .post(format!("{}/webhook_endpoints", fake.base_url()))
        .bearer_auth(SANDBOX_KEY)
        .json(&json!({"endpoint_url": "https://other.example/hooks", "events": ["pipes.connected_account.connected"]}))
        .send()
        .await
        .unwrap()
        .json::<serde_json::Value>()
        .await
        .unwrap();
    let made = AppRegistrations::default();
    let refused = EndpointRemoval::prepare(by_hand["id"].as_str().unwrap(), &target, &made);
    assert_eq!(
        refused.err().unwrap().code,
        "WEBHOOK_ENDPOINT_NOT_MADE_BY_APP"
    );
    let listed = list_endpoints(&target, &made).await.unwrap();
    assert!(!listed[0].made_by_app && !listed[0].has_all_pipes_events);
}

#[tokio::test]
async fn without_a_public_url_or_api_access_the_dashboard_path_applies() {
    let fake = FakeWorkos::start(Config::demo()).await.unwrap();
    let target = account(&fake, SANDBOX_KEY);
    let local = EndpointRegistration::prepare("http://127.0.0.1:4000/hooks", &target, profile());
    assert_eq!(local.err().unwrap().code, "WEBHOOK_URL_NOT_PUBLIC");

    let forbidden = account(&fake, FORBIDDEN_KEY);
    let (registration, _) =
        EndpointRegistration::prepare(PUBLIC_URL, &forbidden, profile()).unwrap();
    let error = registration
        .apply(
            &forbidden,
            Confirmation::NotAsked,
            &keychain(),
            &AppRegistrations::default(),
        )
        .await
        .unwrap_err();
    assert_eq!(error.code, "WEBHOOK_REGISTRATION_UNAVAILABLE");
    assert!(
        error.message.contains("dashboard.workos.com/webhooks"),
        "{}",
        error.message
    );

    let keychain = keychain();
    let api_key = Sensitive::new(SANDBOX_KEY.to_string());
    let pasted = store_pasted_secret(&keychain, &profile(), &api_key).await;
    assert_eq!(pasted.unwrap_err().code, "WEBHOOK_SECRET_IS_API_KEY");
    let secret = Sensitive::new("whsec_0123456789abcdef".to_string());
    let stored = store_pasted_secret(&keychain, &profile(), &secret)
        .await
        .unwrap();
    assert_eq!(stored.fingerprint, "whsec_…cdef");
}

async fn change_ada_github(fake: &RunningFake) {
    let http = reqwest::Client::new();
    http.post(format!("{}/__admin/token-state", fake.base_url()))
        .json(&json!({"user_id": ADA, "slug": "github", "state": "needs_reauthorization"}))
        .send()
        .await
        .unwrap();
}

async fn page(poller: &mut EventPoller) -> Vec<String> {
    match poller.poll_once().await.unwrap() {
        PollOutcome::Page { events, .. } => events.into_iter().map(|e| e.event).collect(),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn polling_hands_out_each_pipes_event_once_oldest_first() {
    let fake = FakeWorkos::start(Config::demo()).await.unwrap();
    let mut poller = EventPoller::new(account(&fake, SANDBOX_KEY).connection());
    assert!(page(&mut poller).await.is_empty());
    change_ada_github(&fake).await;
    assert_eq!(
        page(&mut poller).await,
        [
            "pipes.connected_account.reauthorization_needed",
            "pipes.account_connection.reauthorization_needed"
        ]
    );
    let cursor = poller.cursor().unwrap().to_string();
    assert!(page(&mut poller).await.is_empty(), "nothing new");
    reqwest::Client::new()
        .delete(format!(
            "{}/user_management/users/{ADA}/connected_accounts/github",
            fake.base_url()
        ))
        .bearer_auth(SANDBOX_KEY)
        .send()
        .await
        .unwrap();
    let mut resumed = EventPoller::resume_after(account(&fake, SANDBOX_KEY).connection(), cursor);
    assert_eq!(
        page(&mut resumed).await,
        [
            "pipes.connected_account.disconnected",
            "pipes.account_connection.disconnected"
        ]
    );
}

#[tokio::test]
async fn a_429_is_honoured_before_the_next_request() {
    let fake = FakeWorkos::start(Config::demo()).await.unwrap();
    reqwest::Client::new()
        .post(format!("{}/__admin/faults", fake.base_url()))
        .json(&json!({"path": "/events", "method": "GET", "status": 429, "retry_after": 2, "times": 1}))
        .send()
        .await
        .unwrap();
    change_ada_github(&fake).await;
    let mut poller = EventPoller::new(account(&fake, SANDBOX_KEY).connection());
    assert_eq!(
        poller.poll_once().await.unwrap(),
        PollOutcome::RateLimited {
            retry_after: Duration::from_secs(2)
        }
    );
    match poller.poll_once().await.unwrap() {
        PollOutcome::RateLimited { retry_after } => assert!(retry_after <= Duration::from_secs(2)),
        other => panic!("asked again too early: {other:?}"),
    }
    assert!(poller.wait_before_next() > Duration::ZERO);
    tokio::time::sleep(poller.wait_before_next()).await;
    assert_eq!(page(&mut poller).await.len(), 2);
}
