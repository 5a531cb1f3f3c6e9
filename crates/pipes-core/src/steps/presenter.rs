//! Presenter mode, for a demo on a projector: scripted scenarios that break the built-in demo
//! WorkOS in a known way (through its admin API) so the audience watches the wizard find it,
//! a way to heal each, and a one-click reset. Only ever on the demo.

pub mod codes;

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use ts_rs::TS;

use crate::foundation::error::{AppError, AppResult};
use crate::workos::target::{TargetKind, WorkosTarget};
use codes::PresenterCode;

const ADA: &str = "user_01JDEM0ADA0000000000000000";
/// The old guide's one fixed redirect URI, which no integration has.
const OLD_GUIDE_REDIRECT: &str = "https://api.workos.com/sso/oauth/redirect";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Scenario {
    RedirectUriMismatch,
    MissingScope,
    RevokedConnection,
    WrongWebhookSecret,
    RateLimitedProvider,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScenarioView {
    pub scenario: Scenario,
    pub title: String,
    /// What breaks.
    pub breaks: String,
    /// Where the audience sees the wizard find it.
    pub watch: String,
    pub heal: String,
}

pub fn scenarios() -> Vec<ScenarioView> {
    use Scenario::*;
    [
        (
            RedirectUriMismatch,
            "A redirect URI mismatch",
            "GitHub's OAuth app gets the old guide's fixed redirect URI.",
            "Step 4: the test connection stops at the consent with redirect_uri_mismatch.",
            "The provider app gets the integration's own redirect URI back.",
        ),
        (
            MissingScope,
            "A missing scope",
            "Ada's GitHub connection loses the repo scope.",
            "Step 5: probe Ada (work): repo is missing, with what it allows.",
            "The scope is granted again (as after a reauthorization).",
        ),
        (
            RevokedConnection,
            "A revoked connection",
            "GitHub stops accepting Ada's compatibility connection's token.",
            "Step 5: Ada (work) needs reauthorization, with its guide.",
            "Reauthorize it in step 5, or heal it here.",
        ),
        (
            WrongWebhookSecret,
            "A webhook with the wrong secret",
            "A delivery to the app's endpoint is signed with another secret.",
            "Step 6: the delivery shows rejected, WEBHOOK_SIGNATURE_MISMATCH.",
            "A delivery signed with the endpoint's own secret arrives verified.",
        ),
        (
            RateLimitedProvider,
            "A rate-limited provider",
            "GitHub's API answers 429 (Retry-After 2 s) to the next two calls.",
            "Step 5's request console: the waits as Retry-After says, then 200.",
            "The console heals itself; healing also clears the limit now.",
        ),
    ]
    .into_iter()
    .map(|(scenario, title, breaks, watch, heal)| ScenarioView {
        scenario,
        title: title.into(),
        breaks: breaks.into(),
        watch: watch.into(),
        heal: heal.into(),
    })
    .collect()
}

/// Breaks the demo as `scenario` says. `endpoint_id`: the app's webhook endpoint, for the
/// webhook scenario.
pub async fn apply(
    target: &WorkosTarget,
    scenario: Scenario,
    endpoint_id: Option<&str>,
) -> AppResult<()> {
    let demo = Demo::of(target)?;
    match scenario {
        Scenario::RedirectUriMismatch => {
            demo.put(
                "/provider-redirect-uri",
                json!({"environment": "sandbox", "slug": "github", "uri": OLD_GUIDE_REDIRECT}),
            )
            .await
        }
        Scenario::MissingScope => demo.token_state("active", &["repo"]).await,
        Scenario::RevokedConnection => demo.token_state("needs_reauthorization", &[]).await,
        Scenario::WrongWebhookSecret => {
            let id = endpoint_id.ok_or_else(no_endpoint)?;
            demo.post("/webhook-test", json!({"endpoint_id": id, "event": "pipes.account_connection.disconnected", "secret": "whsec_someone_elses_secret_0000"})).await
        }
        Scenario::RateLimitedProvider => {
            demo.post(
                "/faults",
                json!({"path": "/provider-api/**", "status": 429, "retry_after": 2, "times": 2}),
            )
            .await
        }
    }
}

/// Undoes `scenario`, as the fix in the real world would.
pub async fn heal(
    target: &WorkosTarget,
    scenario: Scenario,
    endpoint_id: Option<&str>,
) -> AppResult<()> {
    let demo = Demo::of(target)?;
    match scenario {
        Scenario::RedirectUriMismatch => {
            demo.put(
                "/provider-redirect-uri",
                json!({"environment": "sandbox", "slug": "github", "uri": null}),
            )
            .await
        }
        Scenario::MissingScope | Scenario::RevokedConnection => {
            demo.token_state("active", &[]).await
        }
        Scenario::WrongWebhookSecret => {
            let id = endpoint_id.ok_or_else(no_endpoint)?;
            demo.post(
                "/webhook-test",
                json!({"endpoint_id": id, "event": "pipes.account_connection.connected"}),
            )
            .await
        }
        Scenario::RateLimitedProvider => demo.delete("/faults").await,
    }
}

/// The demo as it was at start: its seed, no faults, no events.
pub async fn reset(target: &WorkosTarget) -> AppResult<()> {
    Demo::of(target)?.post("/reset", json!({})).await
}

/// The built-in demo's admin API.
struct Demo {
    admin: String,
    http: reqwest::Client,
}

impl Demo {
    fn of(target: &WorkosTarget) -> AppResult<Self> {
        if target.kind != TargetKind::Demo {
            return Err(AppError::new(
                PresenterCode::DemoOnly,
                "Scenarios break the built-in demo only; the app is on your own WorkOS now (Pre-flight → Back to the demo).",
            ));
        }
        Ok(Self {
            admin: format!("{}/__admin", target.base_url().trim_end_matches('/')),
            http: target.connection().http().clone(),
        })
    }

    async fn token_state(&self, state: &str, missing: &[&str]) -> AppResult<()> {
        self.post(
            "/token-state",
            json!({"user_id": ADA, "slug": "github", "state": state, "missing_scopes": missing}),
        )
        .await
    }

    async fn post(&self, route: &str, body: Value) -> AppResult<()> {
        self.send(self.http.post(format!("{}{route}", self.admin)).json(&body))
            .await
    }

    async fn put(&self, route: &str, body: Value) -> AppResult<()> {
        self.send(self.http.put(format!("{}{route}", self.admin)).json(&body))
            .await
    }

    async fn delete(&self, route: &str) -> AppResult<()> {
        self.send(self.http.delete(format!("{}{route}", self.admin)))
            .await
    }

    async fn send(&self, request: reqwest::RequestBuilder) -> AppResult<()> {
        let response = request.send().await.map_err(|e| {
            AppError::new(
                PresenterCode::DemoUnreachable,
                format!("The demo did not answer: {e}"),
            )
        })?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let text = response.text().await.unwrap_or_default();
        Err(AppError::new(
            PresenterCode::DemoUnreachable,
            format!("The demo refused ({status}): {text}"),
        ))
    }
}

fn no_endpoint() -> AppError {
    AppError::new(
        PresenterCode::NeedsEndpoint,
        "Start the receiver and register it in step 6 first: the delivery goes to that endpoint.",
    )
}
