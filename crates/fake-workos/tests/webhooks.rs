//! Real webhook deliveries to a local receiver: the official `WebhookVerifier` accepts
//! them, failures are retried with backoff, and the delivery log shows every attempt.

mod common;

use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use common::*;
use fake_workos::DeliveryState;
use reqwest::Method;
use serde_json::json;
use workos::webhook_verification::WebhookVerifier;

#[derive(Clone, Default)]
struct Receiver {
    received: Arc<Mutex<Vec<(String, String)>>>,
    /// Statuses to answer, in order; 200 once they run out.
    script: Arc<Mutex<Vec<u16>>>,
}

async fn receive(State(receiver): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let signature = headers
        .get("workos-signature")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    receiver
        .received
        .lock()
        .unwrap()
        .push((signature, String::from_utf8_lossy(&body).into_owned()));
    let mut script = receiver.script.lock().unwrap();
    let status = if script.is_empty() {
        200
    } else {
        script.remove(0)
    };
    StatusCode::from_u16(status).unwrap()
}

async fn start_receiver(script: Vec<u16>) -> (String, Receiver) {
    let receiver = Receiver {
        script: Arc::new(Mutex::new(script)),
        ..Default::default()
    };
    let app = axum::Router::new()
        .route("/hooks", post(receive))
        .with_state(receiver.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hooks", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (url, receiver)
}

async fn register(api: &Api, url: &str, events: serde_json::Value) -> String {
    let created = api
        .post(
            "/webhook_endpoints",
            "/webhook_endpoints",
            json!({"endpoint_url": url, "events": events}),
        )
        .await;
    assert_eq!(created.status, 201);
    created.body["secret"].as_str().unwrap().to_string()
}

async fn disconnect_ada_github(api: &Api) {
    let path = format!("/user_management/users/{ADA}/connected_accounts/github");
    let deleted = api
        .call(
            Method::DELETE,
            "/user_management/users/{user_id}/connected_accounts/{slug}",
            &path,
            None,
        )
        .await;
    assert_eq!(deleted.status, 204);
}

#[tokio::test]
async fn the_official_verifier_accepts_real_deliveries() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let (url, receiver) = start_receiver(vec![]).await;
    let secret = register(&api, &url, json!(["pipes.connected_account.disconnected"])).await;
    disconnect_ada_github(&api).await;

    let delivered = fake
        .state()
        .wait_until(Duration::from_secs(5), |s| {
            s.deliveries
                .iter()
                .any(|d| d.state == DeliveryState::Succeeded)
        })
        .await;
    assert!(delivered, "delivery log: {:?}", fake.state().deliveries());
    let (signature, body) = receiver.received.lock().unwrap()[0].clone();
    assert!(
        signature.starts_with("t=") && signature.contains(", v1="),
        "{signature}"
    );

    let event = WebhookVerifier::new(secret.clone())
        .construct_event(&signature, &body)
        .expect("signature verifies");
    assert_eq!(event.event, "pipes.connected_account.disconnected");
    assert_eq!(event.data["provider_slug"], "github");
    assert_eq!(event.data["user_id"], ADA);
    assert!(event.id.starts_with("event_"));

    let tampered = body.replace("github", "gitlab");
    assert!(
        WebhookVerifier::new(secret)
            .verify_payload(&signature, &tampered)
            .is_err()
    );
    assert!(
        WebhookVerifier::new("whsec_other")
            .verify_payload(&signature, &body)
            .is_err()
    );

    let delivery = &fake.state().deliveries()[0];
    assert_eq!(delivery.attempts.len(), 1);
    assert_eq!(delivery.attempts[0].status, Some(200));
    assert_eq!(delivery.event_id, event.id);
}

#[tokio::test]
async fn failed_deliveries_are_retried_then_given_up() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let (url, receiver) = start_receiver(vec![500, 503]).await;
    register(&api, &url, json!(["pipes.connected_account.disconnected"])).await;
    // A closed port: every attempt fails to connect.
    register(
        &api,
        "http://127.0.0.1:9/closed",
        json!(["pipes.connected_account.disconnected"]),
    )
    .await;
    // Subscribed to another event only: gets nothing.
    let (other_url, other) = start_receiver(vec![]).await;
    register(
        &api,
        &other_url,
        json!(["pipes.connected_account.connected"]),
    )
    .await;
    disconnect_ada_github(&api).await;

    let settled = fake
        .state()
        .wait_until(Duration::from_secs(5), |s| {
            s.deliveries.len() == 2
                && s.deliveries
                    .iter()
                    .all(|d| d.state != DeliveryState::Pending)
        })
        .await;
    let deliveries = fake.state().deliveries();
    assert!(settled, "{deliveries:#?}");
    let to_receiver = deliveries.iter().find(|d| d.endpoint_url == url).unwrap();
    let statuses: Vec<Option<u16>> = to_receiver.attempts.iter().map(|a| a.status).collect();
    assert_eq!(statuses, [Some(500), Some(503), Some(200)]);
    assert_eq!(to_receiver.state, DeliveryState::Succeeded);
    assert_eq!(receiver.received.lock().unwrap().len(), 3);

    let to_closed = deliveries
        .iter()
        .find(|d| d.endpoint_url.ends_with("/closed"))
        .unwrap();
    assert_eq!(to_closed.state, DeliveryState::Failed);
    assert_eq!(
        to_closed.attempts.len(),
        3,
        "WebhookConfig::fast allows 3 attempts"
    );
    assert!(
        to_closed
            .attempts
            .iter()
            .all(|a| a.status.is_none() && a.error.is_some())
    );
    assert!(other.received.lock().unwrap().is_empty());

    let log = api
        .admin(Method::GET, "/deliveries", None)
        .await
        .json::<serde_json::Value>()
        .await
        .unwrap();
    assert_eq!(log["data"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_test_delivery_of_each_pipes_event_verifies_with_the_official_sdk() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let (url, receiver) = start_receiver(vec![]).await;
    let events = json!(fake_workos::event_names::PIPES_EVENTS);
    let created = api
        .post(
            "/webhook_endpoints",
            "/webhook_endpoints",
            json!({"endpoint_url": url, "events": events}),
        )
        .await;
    let (endpoint_id, secret) = (
        created.body["id"].as_str().unwrap().to_string(),
        created.body["secret"].as_str().unwrap().to_string(),
    );

    for name in fake_workos::event_names::PIPES_EVENTS {
        let sent = api
            .admin(
                Method::POST,
                "/webhook-test",
                Some(json!({"endpoint_id": endpoint_id, "event": name})),
            )
            .await;
        assert_eq!(sent.status(), 200);
        let answer: serde_json::Value = sent.json().await.unwrap();
        assert_eq!(answer["status"], 200, "{answer}");
        assert_eq!(answer["event"], name);
        let (signature, body) = receiver.received.lock().unwrap().last().unwrap().clone();
        let event = WebhookVerifier::new(secret.clone())
            .construct_event(&signature, &body)
            .expect("signature verifies");
        assert_eq!(event.event, name);
        assert_eq!(event.id, answer["event_id"].as_str().unwrap());
        let failed = name.ends_with("connection_failed") || name.ends_with("add_failed");
        let object = if failed {
            "connection_failed"
        } else {
            "connected_account"
        };
        assert_eq!(event.data["object"], object, "{name}");
    }
    assert_eq!(fake.state().deliveries().len(), 9);
    assert!(
        fake.state().events("sandbox").is_empty(),
        "test events stay out of GET /events"
    );
}

#[tokio::test]
async fn a_test_delivery_goes_to_a_url_and_follows_the_fakes_clock() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let (url, receiver) = start_receiver(vec![]).await;
    api.admin(
        Method::POST,
        "/clock",
        Some(json!({"advance_seconds": -600})),
    )
    .await;
    let request = json!({"url": url, "secret": "whsec_given", "event": "pipes.account_connection.add_failed"});
    let sent = api
        .admin(Method::POST, "/webhook-test", Some(request))
        .await;
    assert_eq!(sent.status(), 200);
    let (signature, body) = receiver.received.lock().unwrap()[0].clone();
    let verifier = WebhookVerifier::new("whsec_given");
    assert!(
        verifier.verify_payload(&signature, &body).is_err(),
        "signed ten minutes ago"
    );
    let now_then = std::time::SystemTime::now() - Duration::from_secs(600);
    assert!(
        verifier
            .with_clock(move || now_then)
            .verify_payload(&signature, &body)
            .is_ok()
    );

    let unknown = json!({"url": url, "secret": "s", "event": "connection.activated"});
    let refused = api
        .admin(Method::POST, "/webhook-test", Some(unknown))
        .await;
    assert_eq!(refused.status(), 422);
    let no_secret = json!({"url": url, "event": "pipes.connected_account.connected"});
    let refused = api
        .admin(Method::POST, "/webhook-test", Some(no_secret))
        .await;
    assert_eq!(refused.status(), 422);
    let missing = json!({"endpoint_id": "we_nope", "event": "pipes.connected_account.connected"});
    let refused = api
        .admin(Method::POST, "/webhook-test", Some(missing))
        .await;
    assert_eq!(refused.status(), 404);
}
