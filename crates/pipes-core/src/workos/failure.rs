use std::error::Error as StdError;
use std::time::Duration;

use crate::checks::finding::Finding;
use crate::codes::LiveCode;

/// Why a live request did not get the answer it wanted, in the user's terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveFailure {
    Unauthorized,
    Forbidden,
    RateLimited { retry_after: Option<Duration> },
    ServerError { status: u16 },
    UnexpectedStatus { status: u16, message: String },
    Timeout,
    ConnectionRefused,
    DnsFailed,
    TlsFailed,
    Network(String),
}

/// Sorts an SDK error into a [`LiveFailure`].
pub fn classify(error: &workos::Error) -> LiveFailure {
    match error {
        workos::Error::Api(api) => classify_status(api.status, api.retry_after, &api.message),
        workos::Error::Network(transport) => classify_transport(transport),
        other => LiveFailure::Network(other.to_string()),
    }
}

/// An SDK error as `{code, message}`: WorkOS's own code for an error answer (as
/// `WORKOS_<CODE>`), `LIVE_UNREACHABLE` when no answer came.
pub fn app_error(error: &workos::Error) -> crate::foundation::error::AppError {
    match error {
        workos::Error::Api(api) => super::crate_3_5_gaps::workos_answer_error(
            api.status,
            api.code.as_deref(),
            &api.message,
        ),
        other => crate::foundation::error::AppError::new(
            super::codes::LiveCode::Unreachable,
            format!("WorkOS could not be reached: {other}"),
        ),
    }
}

pub(crate) fn classify_status(
    status: u16,
    retry_after: Option<Duration>,
    message: &str,
) -> LiveFailure {
    match status {
        401 => LiveFailure::Unauthorized,
        403 => LiveFailure::Forbidden,
        429 => LiveFailure::RateLimited { retry_after },
        500..=599 => LiveFailure::ServerError { status },
        _ => LiveFailure::UnexpectedStatus {
            status,
            message: message.to_string(),
        },
    }
}

/// Reads the error chain, because reqwest and the SDK wrap the cause (an io error, a DNS
/// failure, a rustls alert) several layers deep.
pub(crate) fn classify_transport(error: &(dyn StdError + 'static)) -> LiveFailure {
    let mut chain_text = String::new();
    let mut current: Option<&(dyn StdError + 'static)> = Some(error);
    while let Some(err) = current {
        if let Some(reqwest_error) = err.downcast_ref::<reqwest::Error>()
            && reqwest_error.is_timeout()
        {
            return LiveFailure::Timeout;
        }
        if let Some(io) = err.downcast_ref::<std::io::Error>() {
            match io.kind() {
                std::io::ErrorKind::ConnectionRefused => return LiveFailure::ConnectionRefused,
                std::io::ErrorKind::TimedOut => return LiveFailure::Timeout,
                _ => {}
            }
        }
        chain_text.push_str(&err.to_string().to_lowercase());
        chain_text.push_str(" | ");
        current = err.source();
    }
    let mentions = |words: &[&str]| words.iter().any(|w| chain_text.contains(w));
    if mentions(&[
        "dns error",
        "failed to lookup",
        "name or service not known",
        "no such host",
    ]) {
        LiveFailure::DnsFailed
    } else if mentions(&[
        "certificate",
        "tls",
        "handshake",
        "invalidcontenttype",
        "corrupt message",
        "ssl",
    ]) {
        LiveFailure::TlsFailed
    } else if mentions(&["timed out", "timeout"]) {
        LiveFailure::Timeout
    } else if mentions(&["connection refused"]) {
        LiveFailure::ConnectionRefused
    } else {
        LiveFailure::Network(chain_text.trim_end_matches(" | ").to_string())
    }
}

impl LiveFailure {
    /// The finding for this failure while doing `what` (e.g. "check the API key") at `base_url`.
    pub fn finding(&self, what: &str, base_url: &str) -> Finding {
        let host = host_of(base_url);
        match self {
            LiveFailure::Unauthorized => Finding::error(
                LiveCode::KeyInvalid,
                "WorkOS does not accept this API key",
                format!("{host} answered 401 Unauthorized when we tried to {what}."),
            )
            .with_remediation(
                "Copy the key again from the WorkOS Dashboard (API Keys), check it belongs to the environment you \
                 mean, and that it was not rolled or deleted.",
            )
            .with_docs("https://dashboard.workos.com/api-keys"),
            LiveFailure::Forbidden => Finding::error(
                LiveCode::KeyForbidden,
                "This API key lacks permission",
                format!("{host} answered 403 Forbidden when we tried to {what}."),
            )
            .with_remediation("Use a key with full API access, or ask your WorkOS admin to grant it."),
            LiveFailure::RateLimited { retry_after } => Finding::warn(
                LiveCode::RateLimited,
                "WorkOS is rate limiting this key",
                format!(
                    "{host} answered 429 Too Many Requests when we tried to {what}{}.",
                    retry_after.map(|d| format!("; it asks to wait {} s", d.as_secs())).unwrap_or_default()
                ),
            )
            .with_remediation(
                "Wait a moment and run the checks again. WorkOS allows 6,000 requests per minute per key: \
                 something else may be using this key heavily.",
            ),
            LiveFailure::ServerError { status } => Finding::error(
                LiveCode::ServerError,
                "WorkOS had a problem",
                format!("{host} answered {status} when we tried to {what}."),
            )
            .with_remediation("Try again in a minute; if it persists, check https://status.workos.com."),
            LiveFailure::UnexpectedStatus { status, message } => Finding::error(
                LiveCode::UnexpectedStatus,
                "WorkOS gave an unexpected answer",
                format!("{host} answered {status} when we tried to {what}: {message}"),
            )
            .with_remediation("Check that the base URL points at the WorkOS API."),
            LiveFailure::Timeout => Finding::error(
                LiveCode::Timeout,
                "WorkOS did not answer in time",
                format!("No answer from {host} when we tried to {what}."),
            )
            .with_remediation("Check your connection, VPN or proxy, then run the checks again."),
            LiveFailure::ConnectionRefused => Finding::error(
                LiveCode::NetworkDown,
                "Could not connect to WorkOS",
                format!("The connection to {host} was refused when we tried to {what}."),
            )
            .with_remediation(
                "Check that you are online. If you set WORKOS_BASE_URL, check that the server it names is running.",
            ),
            LiveFailure::DnsFailed => Finding::error(
                LiveCode::DnsFailed,
                "Could not find the WorkOS server",
                format!("The name {host} could not be resolved when we tried to {what}."),
            )
            .with_remediation("Check that you are online and that your DNS works; check WORKOS_BASE_URL for typos."),
            LiveFailure::TlsFailed => Finding::error(
                LiveCode::TlsError,
                "A secure connection to WorkOS failed",
                format!("The TLS handshake with {host} failed when we tried to {what}."),
            )
            .with_remediation(
                "A proxy or antivirus may be intercepting HTTPS, or the base URL uses https:// for a server that \
                 speaks plain HTTP.",
            ),
            LiveFailure::Network(detail) => Finding::error(
                LiveCode::NetworkError,
                "Could not reach WorkOS",
                format!("Reaching {host} failed when we tried to {what}: {detail}"),
            )
            .with_remediation("Check your connection and WORKOS_BASE_URL, then run the checks again."),
        }
    }
}

fn host_of(base_url: &str) -> String {
    reqwest::Url::parse(base_url)
        .ok()
        .and_then(|u| u.host_str().map(|h| h.to_string()))
        .unwrap_or_else(|| base_url.to_string())
}
