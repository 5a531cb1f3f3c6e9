//! Faults (latency, forced statuses, hangs), the admin API, key registration, rate
//! limiting, and starting/stopping the fake from other runtimes.

mod common;

use std::time::{Duration, Instant};

use common::*;
use fake_workos::{Config, FakeWorkos, Fault, KeyBehaviour, Seed};
use reqwest::Method;
use serde_json::{Value, json};

fn fault(path: &str) -> Fault {
    Fault {
        path: path.into(),
        ..Default::default()
    }
}

#[tokio::test]
async fn forced_statuses_have_the_real_shapes_and_expire() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let state = fake.state();
    state.add_fault(Fault {
        status: Some(401),
        times: Some(1),
        ..fault("/organizations")
    });
    let unauthorized = api.get("/organizations", "/organizations").await;
    assert_eq!(unauthorized.status, 401);
    assert_eq!(unauthorized.body["message"], "Unauthorized");
    assert_eq!(
        api.get("/organizations", "/organizations").await.status,
        200,
        "times=1 used up"
    );

    state.add_fault(Fault {
        feature_flag_off: true,
        method: Some("POST".into()),
        ..fault("/data-integrations")
    });
    let off = api
        .post(
            "/data-integrations",
            "/data-integrations",
            json!({"provider": "asana"}),
        )
        .await;
    assert_eq!(off.status, 404);
    assert_eq!(off.body["message"], "Cannot POST /data-integrations");
    assert_eq!(
        api.get("/data-integrations", "/data-integrations")
            .await
            .status,
        200,
        "GET unaffected"
    );

    state.add_fault(Fault {
        status: Some(500),
        ..fault("/data-integrations/*/token")
    });
    let broken = api
        .post(
            "/data-integrations/{slug}/token",
            "/data-integrations/github/token",
            json!({"user_id": ADA}),
        )
        .await;
    assert_eq!(broken.status, 500);
    state.add_fault(Fault {
        status: Some(429),
        retry_after: Some(3),
        ..fault("/webhook_endpoints")
    });
    let limited = api.get("/webhook_endpoints", "/webhook_endpoints").await;
    assert_eq!(limited.status, 429);
    assert_eq!(limited.headers["retry-after"], "3");

    state.clear_faults();
    assert_eq!(
        api.get("/webhook_endpoints", "/webhook_endpoints")
            .await
            .status,
        200
    );
}

#[tokio::test]
async fn latency_and_hangs_and_shutdown_ends_hanging_requests() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    fake.state().add_fault(Fault {
        latency_ms: 250,
        ..fault("/organizations")
    });
    let started = Instant::now();
    assert_eq!(
        api.get("/organizations", "/organizations").await.status,
        200
    );
    assert!(started.elapsed() >= Duration::from_millis(250));
    fake.state().clear_faults();

    fake.state().add_fault(Fault {
        hang: true,
        ..fault("/health")
    });
    let quick = reqwest::Client::builder()
        .timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let timed_out = quick
        .get(format!("{}/health", fake.base_url()))
        .send()
        .await
        .unwrap_err();
    assert!(timed_out.is_timeout());

    let hanging = tokio::spawn(reqwest::get(format!("{}/health", fake.base_url())));
    tokio::time::sleep(Duration::from_millis(50)).await;
    let started = Instant::now();
    let base = fake.base_url().to_string();
    fake.shutdown().await;
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "shutdown waited {:?}",
        started.elapsed()
    );
    let ended = hanging.await.unwrap();
    assert!(
        ended.map(|r| r.status() == 503).unwrap_or(true),
        "the hang ends with the fake"
    );
    assert!(
        reqwest::get(format!("{base}/health")).await.is_err(),
        "no longer listening"
    );
}

#[tokio::test]
async fn admin_api_steers_and_inspects_the_state() {
    let fake = start_demo().await;
    let api = Api::new(&fake, SANDBOX_KEY);
    let state: Value = api
        .admin(Method::GET, "/state", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(state["base_url"], fake.base_url());
    assert!(
        state["environments"]["sandbox"]["integrations"]
            .as_array()
            .unwrap()
            .len()
            == 5
    );
    let text = state.to_string();
    assert!(
        !text.contains(SANDBOX_KEY),
        "full keys never leave the fake"
    );
    assert!(
        !text.contains("GOCSPX-demo-sandbox-secret-fake1234"),
        "nor client secrets"
    );
    assert!(text.contains("sk_test_demo…fake"));

    let created = api
        .admin(
            Method::POST,
            "/faults",
            Some(json!({"path": "/organizations", "status": 503})),
        )
        .await;
    assert_eq!(created.status(), 201);
    let id = created.json::<Value>().await.unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        api.get("/organizations", "/organizations").await.status,
        503
    );
    let listed: Value = api
        .admin(Method::GET, "/faults", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed[0]["id"], id.as_str());
    assert_eq!(
        api.admin(Method::DELETE, &format!("/faults/{id}"), None)
            .await
            .status(),
        204
    );
    assert_eq!(
        api.get("/organizations", "/organizations").await.status,
        200
    );

    let path = format!("/user_management/users/{ADA}/connected_accounts/github");
    api.call(
        Method::DELETE,
        "/user_management/users/{user_id}/connected_accounts/{slug}",
        &path,
        None,
    )
    .await;
    assert_eq!(
        fake.state().connected_accounts("sandbox").len(),
        3,
        "only Ada's compatibility GitHub connection is gone"
    );
    assert_eq!(api.admin(Method::POST, "/reset", None).await.status(), 204);
    assert_eq!(fake.state().connected_accounts("sandbox").len(), 4);
    assert!(fake.state().events("sandbox").is_empty());

    let registered = api
        .admin(
            Method::POST,
            "/keys",
            Some(json!({"key": "sk_live_other", "environment": "staging-2"})),
        )
        .await;
    assert_eq!(registered.status(), 204);
    let other = api
        .with_key("sk_live_other")
        .get("/organizations", "/organizations")
        .await;
    assert_eq!(other.status, 200);
    assert_eq!(other.body["data"], json!([]));
    assert_eq!(
        fake.state().environment("staging-2").unwrap().kind,
        fake_workos::EnvironmentKind::Production
    );

    let seeded = api
        .admin(Method::POST, "/seed", Some(json!({"environments": []})))
        .await;
    assert_eq!(seeded.status(), 204);
    assert_eq!(
        api.get("/organizations", "/organizations").await.status,
        401,
        "the key went with the seed"
    );
    let bad = api
        .admin(
            Method::POST,
            "/token-state",
            Some(json!({"user_id": ADA, "slug": "github", "state": "active"})),
        )
        .await;
    assert_eq!(bad.status(), 404);
}

#[tokio::test]
async fn rate_limit_answers_429_with_retry_after() {
    let fake = FakeWorkos::start(Config {
        rate_limit_per_minute: Some(2),
        ..Config::demo()
    })
    .await
    .unwrap();
    let api = Api::new(&fake, SANDBOX_KEY);
    assert_eq!(
        api.get("/organizations", "/organizations").await.status,
        200
    );
    assert_eq!(
        api.get("/organizations", "/organizations").await.status,
        200
    );
    let limited = api.get("/organizations", "/organizations").await;
    assert_eq!(limited.status, 429);
    let retry: u64 = limited.headers["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
    assert_eq!(
        api.with_key(PRODUCTION_KEY)
            .get("/organizations", "/organizations")
            .await
            .status,
        200,
        "per key"
    );
}

#[test]
fn runs_on_its_own_thread_for_callers_without_a_runtime() {
    let seed = Seed::from_json(
        r#"{"environments":[{"name":"e","kind":"sandbox","api_keys":[{"key":"sk_test_x"}],
        "users":[{"email":"a@b.example"}],"integrations":[{"slug":"github"}]}]}"#,
    )
    .unwrap();
    let fake = FakeWorkos::start_on_own_thread(Config::with_seed(seed)).unwrap();
    fake.state()
        .register_key("sk_test_forbidden", "e", KeyBehaviour::Forbidden);
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let api = Api::new(&fake, "sk_test_x");
        let user = fake.state().users("e")[0].id.clone();
        assert!(user.starts_with("user_"));
        let token = api
            .post(
                "/data-integrations/{slug}/token",
                "/data-integrations/github/token",
                json!({"user_id": user}),
            )
            .await;
        assert_eq!(token.body["error"], "not_installed");
        assert_eq!(
            api.with_key("sk_test_forbidden")
                .get("/organizations", "/organizations")
                .await
                .status,
            403
        );
        fake.shutdown().await;
    });
}

#[tokio::test]
async fn cli_faults_and_seed_files_load() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed.json");
    std::fs::write(&path, serde_json::to_string(&Seed::demo()).unwrap()).unwrap();
    let seed = Seed::by_name_or_path(path.to_str().unwrap()).unwrap();
    let config = Config {
        seed,
        faults: vec![Fault::parse_cli("GET /organizations 403").unwrap()],
        ..Config::default()
    };
    let fake = FakeWorkos::start(config).await.unwrap();
    let api = Api::new(&fake, SANDBOX_KEY);
    assert_eq!(
        api.get("/organizations", "/organizations").await.status,
        403
    );
    assert!(Seed::by_name_or_path("/no/such/seed.json").is_err());
}

#[tokio::test]
async fn a_taken_port_is_a_clear_start_error() {
    let first = start_demo().await;
    let taken = FakeWorkos::start(Config {
        port: first.port(),
        ..Config::demo()
    })
    .await;
    let error = taken.err().expect("the port is taken");
    assert!(matches!(error, fake_workos::StartError::Bind { .. }));
    assert!(
        error
            .to_string()
            .contains(&format!("127.0.0.1:{}", first.port()))
    );
}
