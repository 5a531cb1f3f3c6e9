//! Step 4's proof: a real connection through today's secure flow.
//!
//! authorize with a PKCE challenge and a one-shot loopback return URL → the user consents in
//! the browser → the return URL receives `connect_code` + `state` → finish with the verifier
//! (within WorkOS's 90 s) → confirm through the connected account and the token call.
//! Every way this can break ends in a report naming the leg that broke and what to do.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checks::finding::Finding;
use crate::codes::{SdkIntegrationCode, WorkosAnswerCode, WorkosCode};
use crate::foundation::browser::OpenOutcome;
use crate::foundation::error::AppError;
use crate::runtime::return_listener::{ReturnListener, ReturnOutcome};
use crate::workos::crate_3_5_gaps::{self, AuthorizeRequest, ConnectedAccount, Pkce, TokenProbe};
use crate::workos::key::KeyEnvironment;
use crate::workos::target::WorkosTarget;
use crate::workos::{Confirmation, WorkosConnection};
use tokio_util::sync::CancellationToken;

/// The path of the app's loopback return URL. WorkOS accepts `http://127.0.0.1{path}` on any
/// port once that URL is registered (Dashboard → Redirects).
pub const RETURN_PATH: &str = "/pipes-setup/callback";
const SECURE_FLOW_DOCS: &str = "https://workos.com/docs/pipes/securing-authorizations";
const REDIRECTS_DOCS: &str = "https://workos.com/docs/user-management/redirect-uris";

/// The legs of the flow, in order, as the picture draws them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Leg {
    /// The app asks WorkOS for the authorization URL.
    Authorize,
    /// The user's browser at WorkOS and the provider's consent screen.
    Consent,
    /// WorkOS sends the browser back to the app's return URL.
    ReturnUrl,
    /// The app finishes the connection with the verifier.
    Finish,
    /// The app reads the connection and its token back.
    Confirm,
}

/// What the window hears while a test connection runs.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TestConnectionEvent {
    /// WorkOS gave the authorization URL; the return URL is listening.
    Started {
        authorize_url: String,
        return_url: String,
    },
    /// What happened when the browser was asked to open it.
    Browser { outcome: OpenOutcome },
}

/// Why the user stopped a test that was waiting for the browser: what the browser showed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StopReason {
    Cancelled,
    /// The provider's page says redirect_uri_mismatch (or "redirect URI is not registered").
    RedirectUriMismatch,
    /// The provider or WorkOS shows another error page.
    ProviderError,
}

/// What the user said when stopping the test, read once by the run that was stopped.
#[derive(Debug, Default)]
pub struct StopNote(std::sync::Mutex<Option<StopReason>>);

impl StopNote {
    pub fn set(&self, reason: StopReason) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(reason);
    }

    pub fn take(&self) -> StopReason {
        self.0
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take()
            .unwrap_or(StopReason::Cancelled)
    }
}

/// The report for a test the user stopped; nothing was finished or saved.
pub fn stopped(reason: StopReason, slug: &str) -> TestConnectionReport {
    let finding = match reason {
        StopReason::Cancelled => Finding::info(
            SdkIntegrationCode::TestConnectionCancelled,
            "Test connection cancelled",
            "The return URL was closed; nothing was saved. A consent finished in the browser now leads nowhere.",
        ),
        StopReason::RedirectUriMismatch => Finding::error(
            SdkIntegrationCode::TestConnectionRedirectUriMismatch,
            "The provider refused the redirect URI",
            format!(
                "The {slug} OAuth app holds another callback URL than this integration's redirect URI, so the provider stopped before the consent. Each integration has its own redirect URI; the old guide's https://api.workos.com/sso/oauth/redirect is not it."
            ),
        )
        .with_remediation(format!(
            "Step 3 → {slug}: copy the integration's redirect URI into the provider's OAuth app (or paste what it holds to see every difference), save there, then start again."
        )),
        StopReason::ProviderError => Finding::error(
            SdkIntegrationCode::TestConnectionProviderPageError,
            "The provider showed an error",
            format!("The browser stopped at an error page of {slug} or WorkOS before coming back."),
        )
        .with_remediation("Read the error on the page: a wrong client id or secret, a disabled OAuth app, or scopes the app may not ask for are the usual causes. Fix it in step 3, then start again."),
    };
    TestConnectionReport::broke(Leg::Consent, finding)
}

/// What to connect, for whom.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TestConnectionRequest {
    pub slug: String,
    pub user_id: String,
    pub organization_id: Option<String>,
    pub intent: ConnectionIntent,
}

/// What the browser flow does to the user's connections to the provider.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConnectionIntent {
    /// The plain flow: WorkOS makes or replaces the compatibility connection.
    #[default]
    Connect,
    /// Another account beside the ones the user has (`connection_intent: add`).
    Add,
    /// The user signs in again for this connection, which keeps its id.
    Reauthorize { connected_account_id: String },
}

impl ConnectionIntent {
    fn apply_to(&self, authorize: &mut AuthorizeRequest) {
        match self {
            Self::Connect => {}
            Self::Add => authorize.connection_intent = Some("add"),
            Self::Reauthorize {
                connected_account_id,
            } => {
                authorize.connection_intent = Some("reauthorize");
                authorize.connected_account_id = Some(connected_account_id.clone());
            }
        }
    }

    /// The flow in the words of the question: "connect a real GitHub account", …
    fn words(&self, provider: &str) -> String {
        match self {
            Self::Connect => format!("Connect a real {provider} account"),
            Self::Add => format!("Add another {provider} account"),
            Self::Reauthorize {
                connected_account_id,
            } => format!("Reauthorize the {provider} connection {connected_account_id}"),
        }
    }
}

/// The connection the test made, as far as it may be shown (never a token).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ConnectedSummary {
    pub id: String,
    pub state: String,
    pub connection_role: Option<String>,
    pub account_display_name: Option<String>,
    pub account_identifier: Option<String>,
    pub scopes: Vec<String>,
    pub missing_scopes: Vec<String>,
    pub token_expires_at: Option<String>,
}

/// How the test connection ended.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TestConnectionReport {
    pub ok: bool,
    /// The leg that broke; `None` when everything worked.
    pub broke_at: Option<Leg>,
    pub findings: Vec<Finding>,
    pub connected: Option<ConnectedSummary>,
}

impl TestConnectionReport {
    /// What the run proves for step 4: worked, failed, or nothing (the user cancelled it).
    pub fn outcome(&self) -> Option<bool> {
        let cancelled = self
            .findings
            .iter()
            .any(|f| f.has_code(SdkIntegrationCode::TestConnectionCancelled));
        (!cancelled).then_some(self.ok)
    }

    fn broke(leg: Leg, finding: Finding) -> Self {
        Self {
            ok: false,
            broke_at: Some(leg),
            findings: vec![finding],
            connected: None,
        }
    }
}

/// A test connection the user was shown and may start: kept in Rust as a pending action, so
/// the page can only say "go" for exactly this one, on the WorkOS it was prepared against.
pub struct TestConnectionPlan {
    pub request: TestConnectionRequest,
    /// [`crate::workos::target::WorkosTarget::identity`] at preparation.
    pub target_identity: String,
}

/// What the window shows before the test starts.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TestConnectionPlanView {
    pub slug: String,
    pub user_id: String,
    pub environment: Option<KeyEnvironment>,
    /// A production (or unknown) key: the window asks first, with `question`.
    pub needs_confirmation: bool,
    pub question: String,
}

impl TestConnectionPlan {
    /// `user_label` names the user in the question (their email), when known.
    pub fn new(
        request: TestConnectionRequest,
        target: &WorkosTarget,
        user_label: Option<&str>,
    ) -> (Self, TestConnectionPlanView) {
        let environment = target.info().environment;
        let needs_confirmation = crate::workos::needs_confirmation(environment);
        let view = TestConnectionPlanView {
            question: format!(
                "{} for {} in your {} WorkOS environment? This saves a connection there.",
                request
                    .intent
                    .words(&crate::steps::dashboard::catalog::display_name(
                        &request.slug
                    )),
                user_label.unwrap_or(&request.user_id),
                environment.map_or("unknown", KeyEnvironment::as_str)
            ),
            slug: request.slug.clone(),
            user_id: request.user_id.clone(),
            environment,
            needs_confirmation,
        };
        let plan = Self {
            request,
            target_identity: target.identity(),
        };
        (plan, view)
    }

    /// Refuses a plan made against another WorkOS than the one the app is on now.
    pub fn still_for(&self, target: &WorkosTarget) -> Result<(), AppError> {
        target.still_is(&self.target_identity, "this test")
    }
}

/// An authorization waiting for the browser. Dropping it closes the return URL.
pub struct StartedConnection {
    pub authorize_url: String,
    pub return_url: String,
    state: String,
    pkce: Pkce,
    listener: ReturnListener,
    request: TestConnectionRequest,
}

/// Opens the return URL and asks WorkOS for the authorization URL. Against production the
/// user confirms first (a test connection saves a real connection).
pub async fn start(
    connection: &WorkosConnection,
    request: TestConnectionRequest,
    confirmation: Confirmation,
) -> Result<StartedConnection, TestConnectionReport> {
    let change = format!(
        "connect a {} account for the user {}",
        request.slug, request.user_id
    );
    connection
        .allow_change(&change, confirmation)
        .map_err(|e| TestConnectionReport::broke(Leg::Authorize, confirmation_finding(&e)))?;
    let listener = ReturnListener::bind(RETURN_PATH)
        .await
        .map_err(|e| TestConnectionReport::broke(Leg::ReturnUrl, app_error_finding(&e)))?;
    let pkce = Pkce::new()
        .map_err(|e| TestConnectionReport::broke(Leg::Authorize, app_error_finding(&e)))?;
    let mut authorize = AuthorizeRequest::secure(&request.user_id, listener.url(), &pkce);
    authorize.organization_id = request.organization_id.clone();
    request.intent.apply_to(&mut authorize);
    let answer = crate_3_5_gaps::authorize(connection, &request.slug, &authorize)
        .await
        .map_err(|e| {
            TestConnectionReport::broke(Leg::Authorize, authorize_finding(&e, listener.url()))
        })?;
    let Some(state) = answer.state else {
        return Err(TestConnectionReport::broke(
            Leg::Authorize,
            Finding::error(
                SdkIntegrationCode::TestConnectionNoState,
                "WorkOS sent no state",
                "The authorization answer has no state, so the return could not be checked. The app did not open the browser.",
            ),
        ));
    };
    Ok(StartedConnection {
        authorize_url: answer.url,
        return_url: listener.url().to_string(),
        state,
        pkce,
        listener,
        request,
    })
}

impl StartedConnection {
    /// [`Self::complete`], unless `stop` fires first; then the report says why, in the words
    /// of what the user saw (`reason`, asked once the stop came).
    pub async fn complete_unless_stopped(
        self,
        connection: &WorkosConnection,
        deadline: Duration,
        stop: CancellationToken,
        reason: impl FnOnce() -> StopReason,
    ) -> TestConnectionReport {
        let slug = self.request.slug.clone();
        tokio::select! {
            report = self.complete(connection, deadline) => report,
            () = stop.cancelled() => stopped(reason(), &slug),
        }
    }

    /// Waits for the browser (up to `deadline`), finishes, and confirms.
    pub async fn complete(
        self,
        connection: &WorkosConnection,
        deadline: Duration,
    ) -> TestConnectionReport {
        let outcome = self.listener.wait(&self.state, deadline).await;
        let connect_code = match outcome {
            ReturnOutcome::Code { connect_code } => connect_code,
            other => return returned_without_code(other, deadline),
        };
        let finished = crate_3_5_gaps::finish(
            connection,
            connect_code.expose(),
            &self.pkce.verifier,
            Some(&self.state),
        )
        .await;
        match finished {
            Ok(account) => confirm(connection, &self.request, account).await,
            Err(e) => TestConnectionReport::broke(Leg::Finish, finish_finding(&e)),
        }
    }
}

async fn confirm(
    connection: &WorkosConnection,
    request: &TestConnectionRequest,
    finished: ConnectedAccount,
) -> TestConnectionReport {
    let user = &request.user_id;
    let read =
        crate_3_5_gaps::user_connected_account(connection, user, &request.slug, Some(&finished.id))
            .await;
    let account = match read {
        Ok(account) => account,
        Err(e) => return TestConnectionReport::broke(Leg::Confirm, read_back_finding(&e)),
    };
    let probe =
        crate_3_5_gaps::probe_token(connection, &request.slug, user, Some(&account.id)).await;
    let (expires_at, scopes, missing_scopes) = match probe {
        Ok(TokenProbe::Active {
            expires_at,
            scopes,
            missing_scopes,
        }) => (expires_at, scopes, missing_scopes),
        Ok(TokenProbe::Inactive { error }) => {
            return TestConnectionReport::broke(Leg::Confirm, inactive_token_finding(&error));
        }
        Err(e) => return TestConnectionReport::broke(Leg::Confirm, read_back_finding(&e)),
    };
    let summary = ConnectedSummary {
        id: account.id.clone(),
        state: account.state.clone(),
        connection_role: account.connection_role.clone(),
        account_display_name: account.account_display_name.clone(),
        account_identifier: account.account_identifier.clone(),
        scopes,
        missing_scopes,
        token_expires_at: expires_at,
    };
    let mut findings = vec![connected_finding(&request.slug, &summary)];
    if !summary.missing_scopes.is_empty() {
        findings.push(missing_scopes_finding(&summary.missing_scopes));
    }
    TestConnectionReport {
        ok: true,
        broke_at: None,
        findings,
        connected: Some(summary),
    }
}

fn returned_without_code(outcome: ReturnOutcome, deadline: Duration) -> TestConnectionReport {
    match outcome {
        ReturnOutcome::Error { error, description } => consent_error(&error, description.as_deref()),
        ReturnOutcome::WrongState => TestConnectionReport::broke(
            Leg::ReturnUrl,
            Finding::error(
                SdkIntegrationCode::TestConnectionWrongState,
                "The return did not belong to this test",
                "The return URL was called with a state this test connection did not start (an old browser tab, or a forged call). Nothing was saved.",
            )
            .with_remediation("Close old consent tabs and start the test connection again."),
        ),
        ReturnOutcome::TimedOut => TestConnectionReport::broke(
            Leg::Consent,
            Finding::error(
                SdkIntegrationCode::TestConnectionTimedOut,
                "The browser did not come back",
                format!(
                    "Nothing reached the return URL within {} s.",
                    deadline.as_secs()
                ),
            )
            .with_remediation(
                "Look at the browser tab. If the provider shows redirect_uri_mismatch, the provider's OAuth app holds another callback than the integration's redirect_uri: copy it from step 3 into the provider's settings. Otherwise finish the consent, or start again.",
            ),
        ),
        ReturnOutcome::TooManyRequests => TestConnectionReport::broke(
            Leg::ReturnUrl,
            Finding::error(
                SdkIntegrationCode::TestConnectionReturnFlooded,
                "The return URL got too many stray requests",
                "The return URL closed after many requests without a state. Nothing was saved.",
            )
            .with_remediation("Start the test connection again."),
        ),
        ReturnOutcome::Code { .. } => consent_error("missing_code", None),
    }
}

fn consent_error(error: &str, description: Option<&str>) -> TestConnectionReport {
    let said = description.map(|d| format!(" ({d})")).unwrap_or_default();
    let finding = match error {
        "access_denied" => Finding::error(
            SdkIntegrationCode::TestConnectionDenied,
            "Consent was denied",
            format!("The consent screen answered access_denied{said}. Nothing was saved."),
        )
        .with_remediation("Start again and choose Allow. If you did, check the scopes: some providers refuse scopes the OAuth app may not ask for."),
        _ => Finding::error(
            SdkIntegrationCode::TestConnectionProviderError,
            "The provider or WorkOS refused the connection",
            format!("The return URL received error={error}{said}."),
        )
        .with_remediation("Check the provider's OAuth app (client id and secret, scopes, redirect URI) in step 3, then start again."),
    };
    TestConnectionReport::broke(Leg::Consent, finding)
}

fn authorize_finding(error: &AppError, return_url: &str) -> Finding {
    let not_registered = [
        WorkosAnswerCode::ReturnToRequiresExactMatch,
        WorkosAnswerCode::InvalidReturnTo,
    ];
    if not_registered.into_iter().any(|code| error.has_code(code)) {
        Finding::error(
            SdkIntegrationCode::TestConnectionReturnUrlNotRegistered,
            "The return URL is not registered with WorkOS",
            format!(
                "WorkOS only sends the browser back to a registered redirect URI. {return_url} needs http://127.0.0.1{RETURN_PATH} in the list (loopback matches on any port). {}",
                error.message
            ),
        )
        .with_remediation(format!(
            "Dashboard → Redirects: add http://127.0.0.1{RETURN_PATH} exactly (no query, no trailing slash), then start again."
        ))
        .with_docs(REDIRECTS_DOCS)
    } else if error.has_code(WorkosAnswerCode::MultipleConnectionsUnavailable) {
        Finding::error(
            SdkIntegrationCode::TestConnectionMultipleUnavailable,
            "Several connections per provider are not on for this WorkOS team yet",
            format!("WorkOS refused to add a second account (404 multiple_connections_unavailable). {}", error.message),
        )
        .with_remediation("Until WorkOS enables multiple connections for your team, a user has one connection per provider: reauthorize it instead, or disconnect it and connect the other account.")
    } else if error.has_code(WorkosCode::FinishNotOffered) {
        Finding::error(
            SdkIntegrationCode::TestConnectionFinishNotOffered,
            "WorkOS did not offer the secure finish",
            error.message.clone(),
        )
        .with_docs(SECURE_FLOW_DOCS)
    } else {
        app_error_finding(error)
    }
}

fn finish_finding(error: &AppError) -> Finding {
    let (code, title, remediation) = match WorkosAnswerCode::from_code(&error.code) {
        Some(WorkosAnswerCode::AuthorizationStateExpired) => (
            SdkIntegrationCode::TestConnectionCodeExpired,
            "The connect code expired",
            "WorkOS keeps a connect code for 90 s after the redirect. Start again; your app must finish right when the browser comes back.",
        ),
        Some(WorkosAnswerCode::InvalidConnectCode) => (
            SdkIntegrationCode::TestConnectionCodeRejected,
            "WorkOS refused the connect code",
            "A connect code works once, with the verifier of the same authorization; a wrong verifier uses it up. Start again.",
        ),
        _ => (
            SdkIntegrationCode::TestConnectionFinishFailed,
            "Finishing the connection failed",
            "Start again. If it fails the same way, open the guide for the code below.",
        ),
    };
    Finding::error(code, title, error.message.clone())
        .with_remediation(remediation)
        .with_docs(SECURE_FLOW_DOCS)
        .with_details(serde_json::json!({"workos_code": error.code}))
}

fn read_back_finding(error: &AppError) -> Finding {
    Finding::error(
        SdkIntegrationCode::TestConnectionReadBackFailed,
        "The new connection could not be read back",
        error.message.clone(),
    )
    .with_details(serde_json::json!({"workos_code": error.code}))
}

fn inactive_token_finding(error: &str) -> Finding {
    Finding::error(
        SdkIntegrationCode::TestConnectionTokenInactive,
        "The new connection gives no access token",
        format!("The token call answered active: false ({error})."),
    )
    .with_remediation("Reauthorize the connection in step 5, or start the test again.")
}

fn connected_finding(slug: &str, summary: &ConnectedSummary) -> Finding {
    let name = summary
        .account_display_name
        .as_deref()
        .or(summary.account_identifier.as_deref())
        .unwrap_or(&summary.id);
    let expiry = summary
        .token_expires_at
        .as_deref()
        .map(|at| format!(", the token expires at {at}"))
        .unwrap_or_default();
    Finding::pass(
        SdkIntegrationCode::TestConnectionOk,
        "Test connection works",
        format!(
            "{name} is connected to {slug} ({}), with scopes {}{expiry}.",
            summary.state,
            list_or_none(&summary.scopes)
        ),
    )
}

fn missing_scopes_finding(missing: &[String]) -> Finding {
    Finding::warn(
        SdkIntegrationCode::TestConnectionMissingScopes,
        "Some requested scopes were not granted",
        format!("The provider did not grant {}.", missing.join(", ")),
    )
    .with_remediation(
        "Add the scopes to the provider's OAuth app, then reauthorize. Existing connections keep their old scopes until they are reauthorized.",
    )
}

/// The production question, as a finding the window turns into "Connect in production? Yes / No".
fn confirmation_finding(error: &AppError) -> Finding {
    // `allow_change` refuses with this one code only.
    Finding::warn(
        WorkosCode::ProductionChangeNeedsConfirmation,
        "Confirm a production change",
        error.message.clone(),
    )
}

fn app_error_finding(error: &AppError) -> Finding {
    Finding::error(
        SdkIntegrationCode::TestConnectionFailed,
        "The test connection could not start",
        error.message.clone(),
    )
    .with_details(serde_json::json!({"code": error.code}))
}

fn list_or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}
