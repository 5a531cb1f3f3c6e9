//! The live state behind a running fake, shared by the handlers and the library API.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use tokio::sync::{Notify, watch};

use crate::errors::{ApiError, ApiResult};
use crate::faults::Fault;
use crate::ids::{new_id, now_iso};
use crate::seed::{Seed, with_fault_id};
use crate::state::{
    AccountState, AuthMethod, ConnectedAccount, Delivery, Environment, Event, Integration,
    KeyBehaviour, KeyInfo, Store, User, WebhookEndpoint,
};
use crate::webhooks::test_event::{TestDelivery, TestDeliveryError, TestDeliveryRequest};
use crate::{Config, WebhookConfig, views, webhooks};

/// What happened to a connection, as the Pipes event names end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AccountEvent {
    Connected,
    Disconnected,
    ReauthorizationNeeded,
}

impl AccountEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Connected => "connected",
            Self::Disconnected => "disconnected",
            Self::ReauthorizationNeeded => "reauthorization_needed",
        }
    }
}

/// The token state a user's connected account should produce at `POST …/token`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenState {
    Active,
    NotInstalled,
    NeedsReauthorization,
}

/// Admin request: put one user's account for one integration into a token state.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct TokenStateChange {
    /// Environment name; the first sandbox environment when absent.
    #[serde(default)]
    pub environment: Option<String>,
    pub user_id: String,
    pub slug: String,
    #[serde(default)]
    pub organization_id: Option<String>,
    pub state: TokenState,
    /// With `active`: scopes reported in `missing_scopes`.
    #[serde(default)]
    pub missing_scopes: Vec<String>,
}

#[derive(Clone)]
pub struct FakeState {
    inner: Arc<Inner>,
}

struct Inner {
    store: Mutex<Store>,
    initial_store: Store,
    base_url: String,
    webhooks: WebhookConfig,
    rate_limit: Option<u32>,
    rate_windows: Mutex<HashMap<String, (Instant, u32)>>,
    /// The provider API's own limit, per token (routes/provider_api.rs).
    provider_windows: Mutex<HashMap<String, (Instant, u32)>>,
    http: reqwest::Client,
    runtime: tokio::runtime::Handle,
    shutdown: watch::Receiver<bool>,
    changed: Notify,
    recorder: Option<crate::record::Recorder>,
}

impl FakeState {
    pub(crate) fn new(
        store: Store,
        config: &Config,
        base_url: String,
        shutdown: watch::Receiver<bool>,
        recorder: Option<crate::record::Recorder>,
    ) -> Self {
        let http = reqwest::Client::builder()
            .timeout(config.webhooks.timeout)
            .build()
            .unwrap_or_default();
        Self {
            inner: Arc::new(Inner {
                initial_store: store.clone(),
                store: Mutex::new(store),
                base_url,
                webhooks: config.webhooks.clone(),
                rate_limit: config.rate_limit_per_minute,
                rate_windows: Mutex::new(HashMap::new()),
                provider_windows: Mutex::new(HashMap::new()),
                http,
                runtime: tokio::runtime::Handle::current(),
                shutdown,
                changed: Notify::new(),
                recorder,
            }),
        }
    }

    pub fn base_url(&self) -> &str {
        &self.inner.base_url
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Store> {
        self.inner.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn mutate<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        let result = f(&mut self.lock());
        self.inner.changed.notify_waiters();
        result
    }

    // ---- inspection ----

    /// A copy of everything: environments, faults, authorizations, deliveries.
    pub fn snapshot(&self) -> Store {
        self.lock().clone()
    }

    pub fn environment(&self, name: &str) -> Option<Environment> {
        self.lock().environments.get(name).cloned()
    }

    pub fn environment_names(&self) -> Vec<String> {
        self.lock().environments.keys().cloned().collect()
    }

    /// The first sandbox environment, else the first one: where admin calls that name
    /// no environment apply.
    pub fn default_environment(&self) -> Option<String> {
        let store = self.lock();
        let sandbox = store
            .environments
            .values()
            .find(|e| e.kind == crate::EnvironmentKind::Sandbox);
        sandbox
            .or_else(|| store.environments.values().next())
            .map(|e| e.name.clone())
    }

    pub fn users(&self, env: &str) -> Vec<User> {
        self.environment(env).map(|e| e.users).unwrap_or_default()
    }

    pub fn integrations(&self, env: &str) -> Vec<Integration> {
        self.environment(env)
            .map(|e| e.integrations)
            .unwrap_or_default()
    }

    pub fn connected_accounts(&self, env: &str) -> Vec<ConnectedAccount> {
        self.environment(env)
            .map(|e| e.connected_accounts)
            .unwrap_or_default()
    }

    pub fn events(&self, env: &str) -> Vec<Event> {
        self.environment(env).map(|e| e.events).unwrap_or_default()
    }

    pub fn webhook_endpoints(&self, env: &str) -> Vec<WebhookEndpoint> {
        self.environment(env)
            .map(|e| e.webhook_endpoints)
            .unwrap_or_default()
    }

    pub fn deliveries(&self) -> Vec<Delivery> {
        self.lock().deliveries.clone()
    }

    pub fn faults(&self) -> Vec<Fault> {
        self.lock().faults.clone()
    }

    /// `sk_test_…fake`-style fingerprints of the registered keys, by environment.
    pub fn key_fingerprints(&self) -> Vec<(String, String, KeyBehaviour)> {
        self.lock()
            .keys
            .iter()
            .map(|(key, info)| {
                (
                    fingerprint(key),
                    info.environment.clone(),
                    info.behaviour.clone(),
                )
            })
            .collect()
    }

    /// Waits until `done` holds for the state (checked after every change), or `timeout`.
    pub async fn wait_until(&self, timeout: Duration, done: impl Fn(&Store) -> bool) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.inner.changed.notified();
            if done(&self.lock()) {
                return true;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                return done(&self.lock());
            }
        }
    }

    // ---- steering ----

    /// Registers (or re-points) an API key. The environment is created empty if new.
    pub fn register_key(&self, key: &str, env: &str, behaviour: KeyBehaviour) {
        self.mutate(|store| {
            ensure_environment(store, env, key);
            store.keys.insert(
                key.to_string(),
                KeyInfo {
                    environment: env.to_string(),
                    behaviour,
                },
            );
        });
    }

    /// Replaces all data with `seed`'s (deliveries and authorizations are cleared).
    pub fn load_seed(&self, seed: &Seed) -> Result<(), crate::SeedError> {
        let fresh = seed.build_store()?;
        self.mutate(|store| *store = fresh);
        Ok(())
    }

    /// Back to the data the fake started with.
    pub fn reset(&self) {
        let initial = self.inner.initial_store.clone();
        self.mutate(|store| *store = initial);
    }

    pub fn add_fault(&self, fault: Fault) -> String {
        let fault = with_fault_id(fault);
        let id = fault.id.clone();
        self.mutate(|store| store.faults.push(fault));
        id
    }

    pub fn remove_fault(&self, id: &str) -> bool {
        self.mutate(|store| {
            let before = store.faults.len();
            store.faults.retain(|f| f.id != id);
            before != store.faults.len()
        })
    }

    pub fn clear_faults(&self) {
        self.mutate(|store| store.faults.clear());
    }

    /// Sets the redirect URI "registered at the provider" for an integration;
    /// `None` registers the integration's own redirect URI (the correct one).
    pub fn set_provider_redirect_uri(
        &self,
        env: &str,
        slug: &str,
        uri: Option<String>,
    ) -> Result<(), String> {
        self.mutate(|store| {
            let integration = store
                .environments
                .get_mut(env)
                .and_then(|e| e.integration_mut(slug))
                .ok_or_else(|| format!("no integration {slug} in environment {env}"))?;
            integration.provider_redirect_uri = uri;
            Ok(())
        })
    }

    pub fn set_multiple_connections(&self, env: &str, enabled: bool) -> Result<(), String> {
        self.mutate(|store| {
            let environment = store
                .environments
                .get_mut(env)
                .ok_or_else(|| format!("no environment {env}"))?;
            environment.multiple_connections = enabled;
            Ok(())
        })
    }

    pub fn set_token_state(&self, change: &TokenStateChange) -> Result<(), String> {
        let env = match &change.environment {
            Some(env) => env.clone(),
            None => self
                .default_environment()
                .ok_or("the fake has no environment")?,
        };
        let event = self.mutate(|store| {
            let environment = store
                .environments
                .get_mut(&env)
                .ok_or_else(|| format!("no environment {env}"))?;
            apply_token_state(environment, change)
        })?;
        if let Some((event, account)) = event {
            self.record_account_event(&env, event, &account);
        }
        Ok(())
    }

    // ---- crate-internal ----

    pub(crate) fn key_info(&self, key: &str) -> Option<KeyInfo> {
        self.lock().keys.get(key).cloned()
    }

    /// Runs `f` on the key's environment; 401 if the environment vanished (reset).
    pub(crate) fn with_env<R>(
        &self,
        env: &str,
        f: impl FnOnce(&mut Environment) -> R,
    ) -> ApiResult<R> {
        self.mutate(|store| {
            store
                .environments
                .get_mut(env)
                .map(f)
                .ok_or_else(ApiError::unauthorized)
        })
    }

    /// Moves the clock used for connect-code expiry and webhook signatures; returns the new
    /// offset.
    pub fn advance_clock(&self, seconds: i64) -> i64 {
        self.mutate(|s| {
            s.clock_offset_secs += seconds;
            s.clock_offset_secs
        })
    }

    /// Unix milliseconds on the fake's clock: the wall clock moved by [`Self::advance_clock`].
    pub fn clock_millis(&self) -> u128 {
        let offset_ms = i128::from(self.lock().clock_offset_secs) * 1000;
        (crate::ids::unix_millis() as i128 + offset_ms).max(0) as u128
    }

    /// Signs and sends one test event of a Pipes type (see `POST /__admin/webhook-test`).
    pub async fn send_test_delivery(
        &self,
        request: &TestDeliveryRequest,
    ) -> Result<TestDelivery, TestDeliveryError> {
        webhooks::test_event::send(self, request).await
    }

    pub(crate) fn log_delivery(&self, delivery: Delivery) {
        self.mutate(|store| store.deliveries.push(delivery));
    }

    pub(crate) fn with_store<R>(&self, f: impl FnOnce(&mut Store) -> R) -> R {
        self.mutate(f)
    }

    /// Records an event in `env` and sends it to every subscribed, enabled endpoint.
    pub(crate) fn record_event(&self, env: &str, name: &str, data: Value) -> Option<Event> {
        let event = Event {
            id: new_id("event_"),
            event: name.to_string(),
            data,
            created_at: now_iso(),
        };
        let targets = self.mutate(|store| {
            let environment = store.environments.get_mut(env)?;
            environment.events.push(event.clone());
            Some(webhooks::delivery::targets(environment, &event))
        })?;
        for endpoint in targets {
            webhooks::delivery::start(self, env, &endpoint, &event);
        }
        Some(event)
    }

    /// Records what happened to a connection: `pipes.account_connection.*` for every
    /// connection, and `pipes.connected_account.*` too for the compatibility one.
    pub(crate) fn record_account_event(
        &self,
        env: &str,
        event: AccountEvent,
        account: &ConnectedAccount,
    ) {
        let data = views::pipes_account_event_data(account);
        if account.labels.role() == "compatibility" {
            self.record_event(
                env,
                &format!("pipes.connected_account.{}", event.as_str()),
                data.clone(),
            );
        }
        self.record_event(
            env,
            &format!("pipes.account_connection.{}", event.as_str()),
            data,
        );
    }

    /// The first matching fault, its remaining count decremented.
    pub(crate) fn take_fault(&self, method: &str, path: &str) -> Option<Fault> {
        let mut store = self.lock();
        let index = store.faults.iter().position(|f| f.matches(method, path))?;
        let fault = store.faults[index].clone();
        match fault.times {
            Some(n) if n <= 1 => {
                store.faults.remove(index);
            }
            Some(n) => store.faults[index].times = Some(n - 1),
            None => {}
        }
        Some(fault)
    }

    /// `Err(retry_after_seconds)` once a key used up its requests for the minute.
    pub(crate) fn check_rate(&self, key: &str) -> Result<(), u64> {
        let Some(limit) = self.inner.rate_limit else {
            return Ok(());
        };
        let mut windows = self
            .inner
            .rate_windows
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let window = windows.entry(key.to_string()).or_insert((now, 0));
        if now.duration_since(window.0) >= Duration::from_secs(60) {
            *window = (now, 0);
        }
        window.1 += 1;
        if window.1 > limit {
            let left = 60u64.saturating_sub(now.duration_since(window.0).as_secs());
            return Err(left.max(1));
        }
        Ok(())
    }

    /// Counts one provider API call for `token` in its minute: `(used, seconds to reset)`.
    pub(crate) fn count_provider_call(&self, token: &str) -> (u32, u64) {
        let mut windows = self
            .inner
            .provider_windows
            .lock()
            .unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let window = windows.entry(token.to_string()).or_insert((now, 0));
        if now.duration_since(window.0) >= Duration::from_secs(60) {
            *window = (now, 0);
        }
        window.1 += 1;
        let reset = 60u64.saturating_sub(now.duration_since(window.0).as_secs());
        (window.1, reset.max(1))
    }

    pub(crate) fn recorder(&self) -> Option<&crate::record::Recorder> {
        self.inner.recorder.as_ref()
    }

    pub(crate) fn webhook_config(&self) -> &WebhookConfig {
        &self.inner.webhooks
    }

    pub(crate) fn http(&self) -> &reqwest::Client {
        &self.inner.http
    }

    pub(crate) fn runtime(&self) -> &tokio::runtime::Handle {
        &self.inner.runtime
    }

    pub(crate) fn shutdown_signal(&self) -> watch::Receiver<bool> {
        self.inner.shutdown.clone()
    }

    pub(crate) fn notify_changed(&self) {
        self.inner.changed.notify_waiters();
    }
}

/// `sk_test_…fake`: enough to recognise a key, never enough to use it.
pub fn fingerprint(key: &str) -> String {
    let prefix: String = key.chars().take(12).collect();
    format!("{prefix}…{}", crate::ids::last_four(key))
}

fn ensure_environment(store: &mut Store, env: &str, key: &str) {
    if store.environments.contains_key(env) {
        return;
    }
    let kind = if key.starts_with("sk_live_") {
        crate::EnvironmentKind::Production
    } else {
        crate::EnvironmentKind::Sandbox
    };
    store.environments.insert(
        env.to_string(),
        Environment::new(env, kind, new_id("client_")),
    );
}

type PendingEvent = Option<(AccountEvent, ConnectedAccount)>;

fn apply_token_state(
    env: &mut Environment,
    change: &TokenStateChange,
) -> Result<PendingEvent, String> {
    let integration = env
        .integration(&change.slug)
        .ok_or_else(|| format!("no integration {}", change.slug))?
        .clone();
    if env.user(&change.user_id).is_none() {
        return Err(format!("no user {}", change.user_id));
    }
    let owner = crate::connections::Owner::User {
        user_id: change.user_id.clone(),
        org: change.organization_id.clone(),
    };
    let index = env.compatibility(&owner, &change.slug);
    if change.state == TokenState::NotInstalled {
        if let Some(i) = index {
            env.connected_accounts.remove(i);
        }
        return Ok(None);
    }
    let index = index.unwrap_or_else(|| {
        let account = new_account(
            &integration,
            &change.user_id,
            change.organization_id.clone(),
        );
        env.connected_accounts.push(account);
        env.connected_accounts.len() - 1
    });
    let account = &mut env.connected_accounts[index];
    account.updated_at = now_iso();
    if change.state == TokenState::NeedsReauthorization {
        account.state = AccountState::NeedsReauthorization;
        return Ok(Some((AccountEvent::ReauthorizationNeeded, account.clone())));
    }
    account.state = AccountState::Connected;
    account.forced_missing_scopes = change.missing_scopes.clone();
    Ok(None)
}

/// A fresh OAuth account holding the integration's scopes.
pub(crate) fn new_account(
    integration: &Integration,
    user_id: &str,
    organization_id: Option<String>,
) -> ConnectedAccount {
    let now = now_iso();
    ConnectedAccount {
        id: new_id("data_installation_"),
        data_integration_id: integration.id.clone(),
        slug: integration.slug.clone(),
        user_id: user_id.to_string(),
        organization_id,
        scopes: integration.scopes.clone().unwrap_or_default(),
        auth_method: AuthMethod::Oauth,
        state: AccountState::Connected,
        forced_missing_scopes: Vec::new(),
        secret: None,
        client_id: None,
        access_token: None,
        refresh_token: None,
        expires_at: None,
        config: BTreeMap::new(),
        owner: crate::state::Ownership::User,
        labels: crate::state::AccountLabels {
            established_by_user_id: Some(user_id.to_string()),
            ..Default::default()
        },
        created_at: now.clone(),
        updated_at: now,
    }
}
