//! A faithful local WorkOS (Pipes subset): the REST endpoints of the spec subset in
//! `spec/workos-pipes-openapi.yaml`, a consent screen and a simulated provider, signed
//! webhook deliveries, and injectable faults. Used by tests, benchmarks and demo mode.
//!
//! ```no_run
//! # async fn run() -> Result<(), fake_workos::StartError> {
//! let fake = fake_workos::FakeWorkos::start(fake_workos::Config::demo()).await?;
//! println!("WORKOS_BASE_URL={}", fake.base_url());
//! fake.shutdown().await;
//! # Ok(()) }
//! ```

mod auth;
mod connections;
mod errors;
pub mod event_names;
mod fake_state;
pub mod faults;
mod html;
pub mod ids;
mod pkce;
pub mod providers;
mod record;
mod return_urls;
mod routes;
pub mod seed;
mod server;
pub mod state;
mod views;
mod webhooks;

use std::net::{Ipv4Addr, SocketAddr};
use std::time::Duration;

use tokio::sync::watch;

pub use errors::FieldError;
pub use fake_state::{FakeState, TokenState, TokenStateChange};
pub use faults::Fault;
pub use seed::{Seed, SeedError};
pub use state::{
    AccountState, ConnectedAccount, Delivery, DeliveryAttempt, DeliveryState, Environment,
    EnvironmentKind, Event, Integration, KeyBehaviour, Organization, Store, User, WebhookEndpoint,
};
pub use webhooks::test_event::{TestDelivery, TestDeliveryError, TestDeliveryRequest};

/// How webhook deliveries are retried: `max_attempts` tries in all, waiting
/// `initial_backoff`, then twice as long, and so on, between them.
#[derive(Clone, Debug)]
pub struct WebhookConfig {
    pub max_attempts: u32,
    pub initial_backoff: Duration,
    pub timeout: Duration,
}

impl Default for WebhookConfig {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            initial_backoff: Duration::from_secs(1),
            timeout: Duration::from_secs(10),
        }
    }
}

impl WebhookConfig {
    /// Quick retries for tests: 3 attempts, 20 ms apart at first, 2 s timeout.
    pub fn fast() -> Self {
        Self {
            max_attempts: 3,
            initial_backoff: Duration::from_millis(20),
            timeout: Duration::from_secs(2),
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    pub seed: Seed,
    /// Faults active from the start, on top of the seed's.
    pub faults: Vec<Fault>,
    pub webhooks: WebhookConfig,
    /// Requests per key per 60 s before 429 (the real API allows 6,000); off when `None`.
    pub rate_limit_per_minute: Option<u32>,
    /// Appends every JSON answer to this file, one JSON line each (see `record.rs`).
    pub record_exchanges: Option<std::path::PathBuf>,
}

impl Config {
    pub fn demo() -> Self {
        Self {
            seed: Seed::demo(),
            ..Self::default()
        }
    }

    pub fn with_seed(seed: Seed) -> Self {
        Self {
            seed,
            ..Self::default()
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Seed(#[from] SeedError),
    #[error("cannot bind 127.0.0.1:{port}: {source}")]
    Bind { port: u16, source: std::io::Error },
    #[error("cannot open the record file {path}: {source}")]
    Record {
        path: std::path::PathBuf,
        source: std::io::Error,
    },
    #[error("cannot start the fake's runtime: {0}")]
    Runtime(std::io::Error),
}

pub struct FakeWorkos;

impl FakeWorkos {
    /// Binds 127.0.0.1 and serves on the current tokio runtime until `shutdown`
    /// (or until the returned handle is dropped).
    pub async fn start(config: Config) -> Result<RunningFake, StartError> {
        let mut store = config.seed.build_store()?;
        store
            .faults
            .extend(config.faults.iter().cloned().map(seed::with_fault_id));
        let listener = tokio::net::TcpListener::bind((Ipv4Addr::LOCALHOST, config.port))
            .await
            .map_err(|source| StartError::Bind {
                port: config.port,
                source,
            })?;
        let addr = listener.local_addr().map_err(|source| StartError::Bind {
            port: config.port,
            source,
        })?;
        let base_url = format!("http://{addr}");
        let (shutdown_tx, shutdown_rx) = watch::channel(false);
        let recorder = match &config.record_exchanges {
            None => None,
            Some(path) => {
                Some(
                    record::Recorder::open(path).map_err(|source| StartError::Record {
                        path: path.clone(),
                        source,
                    })?,
                )
            }
        };
        let state = FakeState::new(store, &config, base_url.clone(), shutdown_rx, recorder);
        let finished = server::spawn(listener, state.clone());
        Ok(RunningFake {
            base_url,
            addr,
            state,
            shutdown_tx,
            finished,
        })
    }

    /// Like [`FakeWorkos::start`], on a single-threaded runtime in a thread of its own:
    /// for callers without a runtime, or to keep the fake on one core.
    pub fn start_on_own_thread(config: Config) -> Result<RunningFake, StartError> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(StartError::Runtime)?;
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::Builder::new()
            .name("fake-workos".into())
            .spawn(move || {
                runtime.block_on(async move {
                    match FakeWorkos::start(config).await {
                        Ok(fake) => {
                            let mut finished = fake.finished.clone();
                            let _ = tx.send(Ok(fake));
                            let _ = finished.wait_for(|done| *done).await;
                        }
                        Err(e) => {
                            let _ = tx.send(Err(e));
                        }
                    }
                })
            })
            .map_err(StartError::Runtime)?;
        rx.recv().map_err(|_| {
            StartError::Runtime(std::io::Error::other("the fake's thread ended early"))
        })?
    }
}

/// A fake serving on 127.0.0.1. Dropping it stops the server without waiting.
pub struct RunningFake {
    base_url: String,
    addr: SocketAddr,
    state: FakeState,
    shutdown_tx: watch::Sender<bool>,
    finished: watch::Receiver<bool>,
}

impl RunningFake {
    /// `http://127.0.0.1:PORT`, no trailing slash: what `WORKOS_BASE_URL` should hold.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Seed, inspect and steer the live state.
    pub fn state(&self) -> &FakeState {
        &self.state
    }

    /// Stops accepting, ends hanging requests and pending webhook retries, and waits
    /// (at most 5 s) for in-flight requests to finish.
    pub async fn shutdown(self) {
        let _ = self.shutdown_tx.send(true);
        let mut finished = self.finished.clone();
        let _ = tokio::time::timeout(Duration::from_secs(5), finished.wait_for(|done| *done)).await;
    }
}

impl Drop for RunningFake {
    fn drop(&mut self) {
        let _ = self.shutdown_tx.send(true);
    }
}
