//! Step 6's local receiver against the real fake-workos: the endpoint registered through the
//! app is the receiver; real signed deliveries (connection changes, and a test event of each
//! of the nine Pipes types) arrive verified; tampered, replayed, stale, re-serialized,
//! oversized and foreign requests are refused with the right reason.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use fake_workos::{Config, FakeWorkos, RunningFake};
use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::local::keychain::{Keychain, ProfileId, SecretStore, StoreError};
use pipes_core::steps::webhooks::PIPES_EVENTS;
use pipes_core::steps::webhooks::receiver::{ReceivedDelivery, ReceiverOptions, WebhookReceiver};
use pipes_core::steps::webhooks::registration::{AppRegistrations, EndpointRegistration};
use pipes_core::steps::webhooks::verdict::Rejection;
use pipes_core::workos::Confirmation;
use pipes_core::workos::target::WorkosTarget;
use serde_json::{Value, json};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::mpsc;

const SANDBOX_KEY: &str = "sk_test_demo_0000000000000000000000000000fake";
const ADA: &str = "user_01JDEM0ADA0000000000000000";
const WAIT: Duration = Duration::from_secs(10);

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
        self.0
            .lock()
            .unwrap()
            .get(&key)
            .cloned()
            .ok_or(StoreError::NotFound)
    }
    fn delete(&self, service: &str, account: &str) -> Result<(), StoreError> {
        let key = (service.to_string(), account.to_string());
        self.0
            .lock()
            .unwrap()
            .remove(&key)
            .map(|_| ())
            .ok_or(StoreError::NotFound)
    }
}

/// The demo fake, a receiver registered for the nine events through the app, its secret
/// from the keychain.
struct Setup {
    fake: RunningFake,
    receiver: WebhookReceiver,
    feed: mpsc::Receiver<ReceivedDelivery>,
    endpoint_id: String,
    http: reqwest::Client,
}

async fn setup() -> Setup {
    let fake = FakeWorkos::start(Config::demo()).await.unwrap();
    let (receiver, feed) =
        WebhookReceiver::start(Sensitive::new(String::new()), ReceiverOptions::default())
            .await
            .unwrap();
    let target = WorkosTarget::demo(fake.base_url(), Sensitive::new(SANDBOX_KEY.to_string()));
    let keychain = Keychain::with_store(Arc::new(MemoryStore::default()));
    let profile = ProfileId::new("demo").unwrap();
    let (registration, _view) =
        EndpointRegistration::prepare(receiver.url(), &target, profile.clone()).unwrap();
    let registered = registration
        .apply(
            &target,
            Confirmation::NotAsked,
            &keychain,
            &AppRegistrations::default(),
        )
        .await
        .expect("a sandbox registration needs no yes");
    receiver.set_secret(keychain.read_webhook_secret(&profile).await.unwrap());
    Setup {
        fake,
        receiver,
        feed,
        endpoint_id: registered.endpoint.id,
        http: reqwest::Client::new(),
    }
}

impl Setup {
    async fn admin(&self, path: &str, body: Value) -> Value {
        let url = format!("{}/__admin{path}", self.fake.base_url());
        let answer = self.http.post(url).json(&body).send().await.unwrap();
        answer.json().await.unwrap_or(Value::Null)
    }

    async fn send_test_event(&self, event: &str) -> Value {
        self.admin(
            "/webhook-test",
            json!({"endpoint_id": self.endpoint_id, "event": event}),
        )
        .await
    }

    async fn next(&mut self) -> ReceivedDelivery {
        tokio::time::timeout(WAIT, self.feed.recv())
            .await
            .expect("a delivery in time")
            .expect("the feed is open")
    }

    async fn post_raw(&self, signature: &str, body: impl Into<reqwest::Body>) -> u16 {
        self.http
            .post(self.receiver.url())
            .header("WorkOS-Signature", signature)
            .header("Content-Type", "application/json")
            .body(body)
            .send()
            .await
            .unwrap()
            .status()
            .as_u16()
    }
}

#[tokio::test]
async fn a_test_event_of_each_of_the_nine_types_arrives_verified() {
    let mut setup = setup().await;
    for event in PIPES_EVENTS {
        let sent = setup.send_test_event(event).await;
        assert_eq!(sent["status"], 200, "{event}: {sent}");
        let delivery = setup.next().await;
        assert!(delivery.verdict.valid, "{event}: {delivery:?}");
        assert_eq!(delivery.event_type.as_deref(), Some(event));
        assert_eq!(delivery.event_id.as_deref(), sent["event_id"].as_str());
        assert_eq!(delivery.status, 200);
        assert!(delivery.size > 0 && delivery.received_at_ms > 0);
    }
}

#[tokio::test]
async fn real_connection_changes_reach_the_receiver_verified() {
    let mut setup = setup().await;
    let needs_reauth = json!({"user_id": ADA, "slug": "github", "state": "needs_reauthorization"});
    setup.admin("/token-state", needs_reauth).await;
    let path = format!(
        "{}/user_management/users/{ADA}/connected_accounts/github",
        setup.fake.base_url()
    );
    let deleted = setup
        .http
        .delete(path)
        .bearer_auth(SANDBOX_KEY)
        .send()
        .await
        .unwrap();
    assert_eq!(deleted.status(), 204);

    let mut seen = Vec::new();
    for _ in 0..4 {
        let delivery = setup.next().await;
        assert!(delivery.verdict.valid, "{delivery:?}");
        seen.push(delivery.event_type.unwrap());
    }
    seen.sort();
    assert_eq!(
        seen,
        [
            "pipes.account_connection.disconnected",
            "pipes.account_connection.reauthorization_needed",
            "pipes.connected_account.disconnected",
            "pipes.connected_account.reauthorization_needed",
        ]
    );
}

/// One real delivery from the fake, caught before it reaches the receiver: its signature
/// header and raw body.
async fn capture_one(setup: &Setup, event: &str) -> (String, String) {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/catch", listener.local_addr().unwrap());
    let catcher = tokio::spawn(async move {
        let (mut stream, _) = listener.accept().await.unwrap();
        let mut raw = Vec::new();
        let mut chunk = [0u8; 4096];
        loop {
            let read = stream.read(&mut chunk).await.unwrap();
            raw.extend_from_slice(&chunk[..read]);
            let text = String::from_utf8_lossy(&raw).to_string();
            if let Some((head, body)) = text.split_once("\r\n\r\n") {
                let length: usize = head
                    .lines()
                    .find_map(|l| {
                        l.to_ascii_lowercase()
                            .strip_prefix("content-length:")
                            .map(|v| v.trim().parse().unwrap())
                    })
                    .unwrap();
                if body.len() >= length || read == 0 {
                    let signature = head
                        .lines()
                        .find_map(|l| {
                            l.strip_prefix("workos-signature: ")
                                .or_else(|| l.strip_prefix("WorkOS-Signature: "))
                        })
                        .unwrap()
                        .to_string();
                    let _ = stream
                        .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n")
                        .await;
                    return (signature, body.to_string());
                }
            }
        }
    });
    let secret = setup.fake.state().webhook_endpoints("sandbox")[0]
        .secret
        .clone();
    setup
        .admin(
            "/webhook-test",
            json!({"url": url, "secret": secret, "event": event}),
        )
        .await;
    catcher.await.unwrap()
}

#[tokio::test]
async fn tampered_replayed_and_reserialized_deliveries_are_refused_with_the_reason() {
    let mut setup = setup().await;
    let (signature, body) = capture_one(&setup, "pipes.connected_account.connection_failed").await;

    let tampered = body.replace("access_denied", "granted");
    assert_ne!(tampered, body);
    assert_eq!(setup.post_raw(&signature, tampered).await, 400);
    let delivery = setup.next().await;
    assert_eq!(delivery.rejection(), Some(&Rejection::SignatureMismatch));
    assert_eq!(
        delivery.event_type.as_deref(),
        Some("pipes.connected_account.connection_failed"),
        "what it claims is shown"
    );

    let pretty =
        serde_json::to_string_pretty(&serde_json::from_str::<Value>(&body).unwrap()).unwrap();
    assert_eq!(setup.post_raw(&signature, pretty).await, 400);
    assert!(matches!(
        setup.next().await.rejection(),
        Some(Rejection::BodyReserialized { .. })
    ));

    assert_eq!(setup.post_raw(&signature, body.clone()).await, 200);
    assert!(setup.next().await.verdict.valid);
    assert_eq!(setup.post_raw(&signature, body).await, 409);
    let replayed = setup.next().await;
    assert_eq!(replayed.rejection(), Some(&Rejection::Replayed));
    assert_eq!(replayed.verdict.code.as_deref(), Some("WEBHOOK_REPLAYED"));

    let wrong = json!({"endpoint_id": setup.endpoint_id, "secret": "whsec_not_this_one", "event": "pipes.account_connection.add_failed"});
    let sent = setup.admin("/webhook-test", wrong).await;
    assert_eq!(sent["status"], 400);
    assert_eq!(
        setup.next().await.rejection(),
        Some(&Rejection::SignatureMismatch)
    );
}

#[tokio::test]
async fn stale_and_future_signatures_are_named_with_their_seconds() {
    let mut setup = setup().await;
    setup
        .admin("/clock", json!({"advance_seconds": -600}))
        .await;
    let sent = setup
        .send_test_event("pipes.connected_account.connected")
        .await;
    assert_eq!(sent["status"], 400);
    match setup.next().await.rejection() {
        Some(Rejection::TimestampTooOld {
            seconds,
            tolerance_seconds: 180,
        }) => {
            assert!((599..=602).contains(seconds), "{seconds}")
        }
        other => panic!("{other:?}"),
    }
    setup
        .admin("/clock", json!({"advance_seconds": 1200}))
        .await;
    setup
        .send_test_event("pipes.connected_account.connected")
        .await;
    assert!(matches!(
        setup.next().await.rejection(),
        Some(Rejection::TimestampInFuture {
            tolerance_seconds: 180,
            ..
        })
    ));
}

#[tokio::test]
async fn an_oversized_body_is_refused_with_413_before_it_is_read() {
    let mut setup = setup().await;
    let huge = vec![b'x'; 300 * 1024];
    assert_eq!(setup.post_raw("t=1, v1=00", huge).await, 413);
    let delivery = setup.next().await;
    assert_eq!(
        delivery.rejection(),
        Some(&Rejection::BodyTooLarge {
            size: 300 * 1024,
            limit: 256 * 1024
        })
    );
    assert_eq!(delivery.status, 413);
}

#[tokio::test]
async fn a_request_from_another_address_is_refused() {
    let mut setup = setup().await;
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind("127.0.0.2:0".parse().unwrap()).unwrap();
    let address = format!("127.0.0.1:{}", setup.receiver.port())
        .parse()
        .unwrap();
    let mut stream = socket.connect(address).await.unwrap();
    stream
        .write_all(b"POST /webhooks/workos HTTP/1.1\r\nContent-Length: 2\r\n\r\n{}")
        .await
        .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer).await;
    assert!(answer.starts_with("HTTP/1.1 403"), "{answer}");
    assert_eq!(
        setup.next().await.rejection(),
        Some(&Rejection::PeerNotLoopback {
            peer: "127.0.0.2".into()
        })
    );
}

#[tokio::test]
async fn other_paths_and_methods_are_not_deliveries_and_a_dropped_receiver_stops() {
    let setup = setup().await;
    let base = format!("http://127.0.0.1:{}", setup.receiver.port());
    let other = setup
        .http
        .post(format!("{base}/other"))
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), 404);
    let get = setup.http.get(setup.receiver.url()).send().await.unwrap();
    assert_eq!(get.status(), 405);
    let Setup { receiver, http, .. } = setup;
    let url = receiver.url().to_string();
    drop(receiver);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(
        http.post(url).body("{}").send().await.is_err(),
        "nothing listens any more"
    );
}
