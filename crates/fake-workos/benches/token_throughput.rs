//! Throughput of `POST /data-integrations/{slug}/token` with the fake on ONE core:
//! the server runs on a current-thread runtime in its own thread, the client on another
//! current-thread runtime in a second thread, over keep-alive connections.
//!
//! `cargo bench -p fake-workos --bench token_throughput` (env: `REQUESTS`, default 20000).

use std::time::{Duration, Instant};

use fake_workos::{Config, FakeWorkos};

const KEY: &str = "sk_test_demo_0000000000000000000000000000fake";
const ADA: &str = "user_01JDEM0ADA0000000000000000";

fn main() {
    let requests: usize = std::env::var("REQUESTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(20_000);
    let fake = FakeWorkos::start_on_own_thread(Config::demo()).expect("fake starts");
    let url = format!("{}/data-integrations/github/token", fake.base_url());
    println!("token endpoint, server on one current-thread runtime, {requests} requests per run");
    for connections in [1, 8, 32] {
        let url = url.clone();
        let elapsed = std::thread::spawn(move || drive(&url, requests, connections))
            .join()
            .expect("client thread");
        let per_second = requests as f64 / elapsed.as_secs_f64();
        println!(
            "  {connections:>2} keep-alive connection(s): {per_second:>9.0} requests/s ({:.1} µs/request)",
            elapsed.as_secs_f64() * 1e6 / requests as f64
        );
    }
}

/// Sends `total` token requests over `connections` concurrent keep-alive streams.
fn drive(url: &str, total: usize, connections: usize) -> Duration {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("client runtime");
    runtime.block_on(async {
        let client = reqwest::Client::builder()
            .pool_max_idle_per_host(connections)
            .build()
            .expect("client");
        let body = format!(r#"{{"user_id":"{ADA}"}}"#);
        let send = |client: reqwest::Client, count: usize| {
            let (url, body) = (url.to_string(), body.clone());
            async move {
                for _ in 0..count {
                    let response = client
                        .post(&url)
                        .bearer_auth(KEY)
                        .header("content-type", "application/json")
                        .body(body.clone())
                        .send()
                        .await
                        .expect("request");
                    assert_eq!(response.status(), 200);
                    response.bytes().await.expect("body");
                }
            }
        };
        send(client.clone(), 200).await;
        let started = Instant::now();
        let tasks: Vec<_> = (0..connections)
            .map(|_| tokio::spawn(send(client.clone(), total / connections)))
            .collect();
        for task in tasks {
            task.await.expect("client task");
        }
        started.elapsed()
    })
}
