//! The request console: a fresh token from WorkOS for one connection, then a read-only call
//! to the provider's own API with it. Rate limits are retried with exponential backoff and
//! jitter, Retry-After honoured, and the wait can be cancelled. The token stays here: the
//! answer carries the status, the headers that matter and the body.

use std::time::Duration;

use serde::{Deserialize, Serialize};
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::changes::ConnectionTarget;
use super::codes::ConnectionsCode;
use super::provider_api::provider_api;
use crate::checks::finding::Finding;
use crate::foundation::error::{AppError, AppResult};
use crate::foundation::random;
use crate::foundation::sensitive::Sensitive;
use crate::steps::dashboard::catalog;
use crate::workos::app_error;
use crate::workos::target::WorkosTarget;

/// The console only reads, so trying a call can never change anything at the provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "UPPERCASE")]
pub enum ProviderMethod {
    Get,
    Head,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ProviderRequest {
    pub which: ConnectionTarget,
    pub method: ProviderMethod,
    /// The path and query after the provider API's address: `/user/repos?per_page=5`.
    pub path: String,
}

/// How rate limits and server errors are retried.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub retries: u32,
    pub base: Duration,
    pub cap: Duration,
    /// A Retry-After longer than this is reported, not waited for.
    pub longest_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            retries: 3,
            base: Duration::from_millis(500),
            cap: Duration::from_secs(8),
            longest_wait: Duration::from_secs(60),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ProviderCallEvent {
    Sending {
        attempt: u32,
        url: String,
    },
    Waiting {
        attempt: u32,
        #[ts(type = "number")]
        wait_ms: u64,
        /// `retry_after` when the provider said how long, `backoff` otherwise.
        because: String,
        status: u16,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct HeaderLine {
    pub name: String,
    pub value: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProviderCallReport {
    pub method: ProviderMethod,
    /// Without the token: it travels in the Authorization header only.
    pub url: String,
    pub simulated: bool,
    pub status: Option<u16>,
    pub attempts: u32,
    pub headers: Vec<HeaderLine>,
    pub body: String,
    pub body_truncated: bool,
    pub findings: Vec<Finding>,
}

const MAX_BODY_BYTES: usize = 64 * 1024;
const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// The headers worth showing: limits, scopes, content and request ids.
const SHOWN_HEADERS: &[&str] = &[
    "content-type",
    "retry-after",
    "x-ratelimit-limit",
    "x-ratelimit-remaining",
    "x-ratelimit-reset",
    "x-ratelimit-used",
    "x-oauth-scopes",
    "x-accepted-oauth-scopes",
    "www-authenticate",
    "x-request-id",
    "x-github-request-id",
];

/// Gets a fresh token for the connection and calls the provider with it.
pub async fn call(
    target: &WorkosTarget,
    request: ProviderRequest,
    policy: RetryPolicy,
    cancel: CancellationToken,
    on_event: impl Fn(ProviderCallEvent),
) -> AppResult<ProviderCallReport> {
    check_path(&request.path)?;
    let which = &request.which;
    let api = provider_api(target, &which.slug).ok_or_else(|| {
        AppError::new(
            ConnectionsCode::ProviderApiUnknown,
            format!(
                "The app does not know the address of {}'s API (it can be per customer, as Salesforce's is). Call it from your app with the token.",
                catalog::display_name(&which.slug)
            ),
        )
    })?;
    let url = format!("{}{}", api.base_url, request.path);
    let mut report = ProviderCallReport {
        method: request.method,
        url: url.clone(),
        simulated: api.simulated,
        status: None,
        attempts: 0,
        headers: Vec::new(),
        body: String::new(),
        body_truncated: false,
        findings: Vec::new(),
    };
    let token = match fresh_token(target, which).await? {
        Ok(token) => token,
        Err(finding) => {
            report.findings.push(finding);
            return Ok(report);
        }
    };
    let http = target.connection().http().clone();
    loop {
        report.attempts += 1;
        on_event(ProviderCallEvent::Sending {
            attempt: report.attempts,
            url: url.clone(),
        });
        let answer = tokio::select! {
            answer = send(&http, request.method, &url, &token) => answer,
            () = cancel.cancelled() => return Ok(cancelled(report)),
        };
        let answer = match answer {
            Ok(answer) => answer,
            Err(problem) => {
                report.findings.push(unreachable(&url, &problem));
                return Ok(report);
            }
        };
        let retry = retryable(&answer)
            .then(|| wait_before_retry(&answer, report.attempts, &policy))
            .flatten();
        if let Some((wait, because)) = retry.filter(|_| report.attempts <= policy.retries) {
            on_event(ProviderCallEvent::Waiting {
                attempt: report.attempts,
                wait_ms: wait.as_millis() as u64,
                because: because.into(),
                status: answer.status,
            });
            tokio::select! {
                () = tokio::time::sleep(wait) => continue,
                () = cancel.cancelled() => return Ok(cancelled(report)),
            }
        }
        return Ok(finish(report, answer, &which.slug));
    }
}

/// `Ok(Err(finding))` when WorkOS has no token to give for this connection.
async fn fresh_token(
    target: &WorkosTarget,
    which: &ConnectionTarget,
) -> AppResult<Result<Sensitive<String>, Finding>> {
    let mut body = workos::DataIntegrationsGetUserTokenRequest {
        user_id: which.user_id.clone(),
        organization_id: which.organization_id.clone(),
        connected_account_id: Some(which.account_id.clone()),
        connection_owner: None,
        supports_multiple_connections: Some(true),
    };
    body.organization_id = which.organization_id.clone();
    let answer = target
        .connection()
        .sdk()
        .pipes()
        .get_access_token(&which.slug, workos::pipes::GetAccessTokenParams::new(body))
        .await
        .map_err(|e| app_error(&e))?;
    match answer.access_token.filter(|_| answer.active != Some(false)) {
        Some(token) => Ok(Ok(Sensitive::new(token.access_token.expose().to_string()))),
        None => Ok(Err(Finding::error(
            ConnectionsCode::ProviderCallNoToken,
            "WorkOS has no token for this connection",
            format!(
                "The token call answered {}: reauthorize the connection, then call again.",
                answer
                    .error
                    .map_or_else(|| "inactive".to_string(), |e| format!("{e:?}"))
            ),
        ))),
    }
}

struct Answer {
    status: u16,
    headers: Vec<HeaderLine>,
    body: String,
    truncated: bool,
}

impl Answer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|h| h.name == name)
            .map(|h| h.value.as_str())
    }
}

async fn send(
    http: &reqwest::Client,
    method: ProviderMethod,
    url: &str,
    token: &Sensitive<String>,
) -> Result<Answer, String> {
    let builder = match method {
        ProviderMethod::Get => http.get(url),
        ProviderMethod::Head => http.head(url),
    };
    let response = builder
        .bearer_auth(token.expose())
        .header("accept", "application/json")
        .header("user-agent", "pipes-setup")
        .timeout(REQUEST_TIMEOUT)
        .send()
        .await
        .map_err(|e| e.to_string())?;
    let status = response.status().as_u16();
    let headers = SHOWN_HEADERS
        .iter()
        .filter_map(|name| {
            let value = response.headers().get(*name)?.to_str().ok()?;
            Some(HeaderLine {
                name: name.to_string(),
                value: value.to_string(),
            })
        })
        .collect();
    let bytes = response.bytes().await.map_err(|e| e.to_string())?;
    let truncated = bytes.len() > MAX_BODY_BYTES;
    let shown = &bytes[..bytes.len().min(MAX_BODY_BYTES)];
    Ok(Answer {
        status,
        headers,
        body: pretty(shown),
        truncated,
    })
}

/// JSON pretty-printed, anything else as text.
fn pretty(bytes: &[u8]) -> String {
    serde_json::from_slice::<serde_json::Value>(bytes)
        .ok()
        .and_then(|json| serde_json::to_string_pretty(&json).ok())
        .unwrap_or_else(|| String::from_utf8_lossy(bytes).into_owned())
}

/// A 429, a 5xx, or GitHub's 403 with no requests left.
fn retryable(answer: &Answer) -> bool {
    answer.status == 429
        || answer.status >= 500
        || answer.status == 403 && answer.header("x-ratelimit-remaining") == Some("0")
}

/// Retry-After when the provider gave one (never less), else capped exponential backoff with
/// equal jitter. `None` when the provider asks for longer than the policy waits.
fn wait_before_retry(
    answer: &Answer,
    attempt: u32,
    policy: &RetryPolicy,
) -> Option<(Duration, &'static str)> {
    if let Some(seconds) = answer
        .header("retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        let wait = Duration::from_secs(seconds);
        return (wait <= policy.longest_wait).then_some((wait, "retry_after"));
    }
    let exponential = policy.base.saturating_mul(1 << (attempt - 1).min(16));
    let ceiling = exponential.min(policy.cap);
    Some((ceiling / 2 + jitter(ceiling / 2), "backoff"))
}

fn jitter(up_to: Duration) -> Duration {
    let mut bytes = [0u8; 4];
    if random::fill(&mut bytes).is_err() {
        return Duration::ZERO;
    }
    up_to.mul_f64(f64::from(u32::from_le_bytes(bytes)) / f64::from(u32::MAX))
}

fn finish(mut report: ProviderCallReport, answer: Answer, slug: &str) -> ProviderCallReport {
    report.findings.push(answer_finding(&answer, slug));
    report.status = Some(answer.status);
    report.headers = answer.headers;
    report.body = answer.body;
    report.body_truncated = answer.truncated;
    report
}

fn answer_finding(answer: &Answer, slug: &str) -> Finding {
    let provider = catalog::display_name(slug);
    match answer.status {
        200..=299 => Finding::pass(
            ConnectionsCode::ProviderCallOk,
            format!("{provider} answered {}", answer.status),
            "The token WorkOS gave works at the provider.",
        ),
        401 => Finding::error(
            ConnectionsCode::ProviderTokenRejected,
            format!("{provider} refused the token"),
            "401: the provider does not accept the token WorkOS handed out (revoked at the provider?).",
        )
        .with_remediation("Reauthorize the connection in this step."),
        403 if answer.header("x-accepted-oauth-scopes").is_some() => missing_scopes(answer, slug),
        429 | 403 => Finding::error(
            ConnectionsCode::ProviderRateLimited,
            format!("{provider}'s rate limit is used up"),
            format!(
                "{} after the retries; the limit resets in {} s.",
                answer.status,
                answer
                    .header("retry-after")
                    .or_else(|| answer.header("x-ratelimit-reset"))
                    .unwrap_or("an unknown number of")
            ),
        )
        .with_remediation("Wait for the reset. In your app, honour Retry-After and back off with jitter, as this console does."),
        404 => Finding::warn(
            ConnectionsCode::ProviderCallFailed,
            format!("{provider} has nothing at this path"),
            "404: check the path against the provider's API reference.",
        ),
        status => Finding::error(
            ConnectionsCode::ProviderCallFailed,
            format!("{provider} answered {status}"),
            "See the body for what the provider says.",
        ),
    }
}

/// A 403 that names the scopes the call needs: each missing one, with what it allows.
fn missing_scopes(answer: &Answer, slug: &str) -> Finding {
    let split = |value: Option<&str>| -> Vec<String> {
        value
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    let granted = split(answer.header("x-oauth-scopes"));
    let meanings = catalog::entry_for(slug)
        .map(|e| e.scopes)
        .unwrap_or_default();
    let missing: Vec<String> = split(answer.header("x-accepted-oauth-scopes"))
        .into_iter()
        .filter(|s| !granted.contains(s))
        .map(|scope| match meanings.iter().find(|m| m.scope == scope) {
            Some(known) => format!("{scope} ({})", known.meaning),
            None => scope,
        })
        .collect();
    Finding::error(
        ConnectionsCode::ProviderScopesInsufficient,
        "The token lacks a scope this call needs",
        format!(
            "403: the call needs {}; the connection has {}.",
            missing.join(", "),
            if granted.is_empty() { "no scope".to_string() } else { granted.join(", ") }
        ),
    )
    .with_remediation("Add the scope to the integration (step 3), then reauthorize the connection here: existing connections keep their old scopes until then.")
}

fn unreachable(url: &str, problem: &str) -> Finding {
    Finding::error(
        ConnectionsCode::ProviderUnreachable,
        "The provider could not be reached",
        format!("{url}: {problem}"),
    )
}

fn cancelled(mut report: ProviderCallReport) -> ProviderCallReport {
    report.findings.push(Finding::info(
        ConnectionsCode::ProviderCallCancelled,
        "Cancelled",
        "The call was stopped before the provider answered.",
    ));
    report
}

/// A path on the provider's API, never another host: `/…`, printable, no `..`, no fragment.
fn check_path(path: &str) -> AppResult<()> {
    let fine = path.starts_with('/')
        && !path.starts_with("//")
        && path.len() <= 2048
        && !path.split(['/', '?']).any(|segment| segment == "..")
        && path
            .chars()
            .all(|c| c.is_ascii_graphic() && c != '#' && c != '\\');
    if fine {
        Ok(())
    } else {
        Err(AppError::new(
            ConnectionsCode::ProviderPathInvalid,
            "The path starts with / and stays on the provider's API: no spaces, no .., no #.",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, headers: &[(&str, &str)]) -> Answer {
        Answer {
            status,
            headers: headers
                .iter()
                .map(|(n, v)| HeaderLine {
                    name: n.to_string(),
                    value: v.to_string(),
                })
                .collect(),
            body: String::new(),
            truncated: false,
        }
    }

    #[test]
    fn paths_stay_on_the_providers_api() {
        assert!(check_path("/user/repos?per_page=5").is_ok());
        for bad in [
            "user",
            "//evil.example/x",
            "/a/../b",
            "/a b",
            "/a#b",
            "",
            "/a\\b",
            "http://x/",
        ] {
            assert!(check_path(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn retry_after_is_honoured_and_a_long_one_is_not_waited_for() {
        let policy = RetryPolicy::default();
        let wait = wait_before_retry(&answer(429, &[("retry-after", "2")]), 1, &policy);
        assert_eq!(wait, Some((Duration::from_secs(2), "retry_after")));
        assert_eq!(
            wait_before_retry(&answer(429, &[("retry-after", "3600")]), 1, &policy),
            None
        );
    }

    #[test]
    fn backoff_doubles_up_to_the_cap_with_jitter_in_the_upper_half() {
        let policy = RetryPolicy::default();
        for attempt in 1..=8 {
            let (wait, because) = wait_before_retry(&answer(503, &[]), attempt, &policy).unwrap();
            let ceiling = (policy.base * 2u32.pow(attempt - 1)).min(policy.cap);
            assert_eq!(because, "backoff");
            assert!(
                wait >= ceiling / 2 && wait <= ceiling,
                "attempt {attempt}: {wait:?} of {ceiling:?}"
            );
        }
    }

    #[test]
    fn only_limits_and_server_errors_are_retried() {
        assert!(retryable(&answer(429, &[])));
        assert!(retryable(&answer(502, &[])));
        assert!(retryable(&answer(403, &[("x-ratelimit-remaining", "0")])));
        assert!(!retryable(&answer(
            403,
            &[("x-accepted-oauth-scopes", "repo")]
        )));
        assert!(!retryable(&answer(401, &[])));
    }

    #[test]
    fn a_missing_scope_is_named_with_its_meaning() {
        let finding = answer_finding(
            &answer(
                403,
                &[
                    ("x-accepted-oauth-scopes", "repo"),
                    ("x-oauth-scopes", "read:user"),
                ],
            ),
            "github",
        );
        assert_eq!(finding.code, "PROVIDER_SCOPES_INSUFFICIENT");
        assert!(finding.message.contains("repo ("), "{}", finding.message);
        assert!(finding.message.contains("has read:user"));
    }
}
