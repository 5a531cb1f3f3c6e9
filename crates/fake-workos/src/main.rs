//! `fake-workos --port N --seed demo|empty|FILE`: a local WorkOS (Pipes subset).

use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use fake_workos::{Config, FakeWorkos, Fault, KeyBehaviour, Seed, WebhookConfig};

#[derive(Parser, Debug)]
#[command(
    version,
    about = "A faithful local WorkOS (Pipes subset) for tests and demos"
)]
struct Args {
    /// Port on 127.0.0.1 (0 picks a free one).
    #[arg(long, default_value_t = 0)]
    port: u16,
    /// `demo`, `empty`, or a path to a JSON seed file.
    #[arg(long, default_value = "demo")]
    seed: String,
    /// A fault active from the start: '[METHOD ]PATH ACTION[,ACTION]', where an action is a
    /// status code, hang, flag-off, latency=MS, retry-after=S or times=N. Repeatable.
    #[arg(long = "fault", value_name = "SPEC")]
    faults: Vec<String>,
    /// Requests per key per minute before 429 (the real API allows 6000).
    #[arg(long)]
    rate_limit: Option<u32>,
    /// Append every JSON answer (method, path, status, body) to FILE as JSON lines.
    #[arg(long, value_name = "FILE")]
    record: Option<std::path::PathBuf>,
    /// Webhook delivery attempts per event and endpoint.
    #[arg(long, default_value_t = 5)]
    webhook_attempts: u32,
    /// Wait before the first webhook retry, in milliseconds (doubles each time).
    #[arg(long, default_value_t = 1000)]
    webhook_backoff_ms: u64,
}

#[tokio::main]
async fn main() -> ExitCode {
    let args = Args::parse();
    match run(args).await {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("fake-workos: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run(args: Args) -> Result<(), String> {
    let config = config_from(&args)?;
    let keys = fake_keys(&config.seed);
    let fake = FakeWorkos::start(config).await.map_err(|e| e.to_string())?;
    println!("fake-workos listening on {}", fake.base_url());
    println!("WORKOS_BASE_URL={}", fake.base_url());
    for (fingerprint, env, behaviour) in fake.state().key_fingerprints() {
        println!("key {fingerprint} -> environment {env} ({behaviour:?})");
    }
    for (key, env) in keys {
        println!("FAKE TEST KEY (not a real secret, safe to copy) [{env}]: {key}");
    }
    println!(
        "admin API: {}/__admin/state   (Ctrl-C to stop)",
        fake.base_url()
    );
    stop_requested().await;
    fake.shutdown().await;
    Ok(())
}

/// Ctrl-C, or SIGTERM on Unix (how test harnesses and the app stop a child).
async fn stop_requested() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        if let Ok(mut terminate) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {}
                _ = terminate.recv() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

fn config_from(args: &Args) -> Result<Config, String> {
    let seed = Seed::by_name_or_path(&args.seed).map_err(|e| e.to_string())?;
    let faults = args
        .faults
        .iter()
        .map(|spec| Fault::parse_cli(spec))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Config {
        port: args.port,
        seed,
        faults,
        webhooks: WebhookConfig {
            max_attempts: args.webhook_attempts.max(1),
            initial_backoff: Duration::from_millis(args.webhook_backoff_ms),
            ..WebhookConfig::default()
        },
        rate_limit_per_minute: args.rate_limit,
        record_exchanges: args.record.clone(),
    })
}

/// Only the built-in demo keys are printed in full: they are fake and documented.
fn fake_keys(seed: &Seed) -> Vec<(String, String)> {
    seed.environments
        .iter()
        .flat_map(|env| {
            env.api_keys
                .iter()
                .filter(|k| k.key.starts_with("sk_test_demo") || k.key.starts_with("sk_live_demo"))
                .filter(|k| k.behaviour == KeyBehaviour::Valid)
                .map(|k| (k.key.clone(), env.name.clone()))
                .collect::<Vec<_>>()
        })
        .collect()
}
