//! What a webhook delivery was judged: valid, or rejected for one named reason, each with a
//! stable code, a one-line message and a one-line next step.

use crate::codes::WebhooksCode;
use serde::Serialize;
use ts_rs::TS;

/// Why a delivery (or a pasted header, body and secret) was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Rejection {
    /// No secret was given to verify with.
    SecretMissing,
    /// An API key (`sk_…`) where the endpoint's `whsec_` secret belongs.
    SecretIsApiKey,
    /// The request carried no `WorkOS-Signature` header (or the tester got an empty one).
    HeaderMissing,
    /// The header is not `t=<unix ms>, v1=<hex>`; `detail` says what is wrong.
    HeaderMalformed { detail: String },
    /// The header has a timestamp but no `v1=` signature.
    NoV1Signature,
    /// `t=` is in seconds; WorkOS signs with milliseconds.
    TimestampInSeconds,
    /// Signed `seconds` ago, more than the tolerance allows.
    TimestampTooOld {
        seconds: u64,
        tolerance_seconds: u64,
    },
    /// Signed `seconds` in the future, more than the tolerance allows.
    TimestampInFuture {
        seconds: u64,
        tolerance_seconds: u64,
    },
    /// The signature matches the body written another way (`form`): the body was parsed and
    /// written again before it was verified.
    BodyReserialized { form: String },
    /// The HMAC does not match: another secret signed it, or the body changed.
    SignatureMismatch,
    /// A valid delivery seen before (same event id or same signature).
    Replayed,
    /// The body is larger than the receiver accepts.
    BodyTooLarge { size: u64, limit: u64 },
    /// The request came from an address other than 127.0.0.1.
    PeerNotLoopback { peer: String },
}

impl Rejection {
    /// The stable SCREAMING_SNAKE code.
    pub fn code(&self) -> WebhooksCode {
        match self {
            Self::SecretMissing => WebhooksCode::SecretMissing,
            Self::SecretIsApiKey => WebhooksCode::SecretIsApiKey,
            Self::HeaderMissing => WebhooksCode::SignatureHeaderMissing,
            Self::HeaderMalformed { .. } => WebhooksCode::SignatureHeaderMalformed,
            Self::NoV1Signature => WebhooksCode::SignatureNoV1,
            Self::TimestampInSeconds => WebhooksCode::TimestampInSeconds,
            Self::TimestampTooOld { .. } => WebhooksCode::TimestampTooOld,
            Self::TimestampInFuture { .. } => WebhooksCode::TimestampInFuture,
            Self::BodyReserialized { .. } => WebhooksCode::BodyReserialized,
            Self::SignatureMismatch => WebhooksCode::SignatureMismatch,
            Self::Replayed => WebhooksCode::Replayed,
            Self::BodyTooLarge { .. } => WebhooksCode::BodyTooLarge,
            Self::PeerNotLoopback { .. } => WebhooksCode::PeerNotLoopback,
        }
    }

    /// What is wrong, in one line.
    pub fn message(&self) -> String {
        match self {
            Self::SecretMissing => "No webhook secret was given.".into(),
            Self::SecretIsApiKey => {
                "This is an API key (sk_…), not the endpoint's webhook secret (whsec_…).".into()
            }
            Self::HeaderMissing => "The WorkOS-Signature header is missing or empty.".into(),
            Self::HeaderMalformed { detail } => {
                format!("The WorkOS-Signature header is malformed: {detail}.")
            }
            Self::NoV1Signature => "The WorkOS-Signature header has no v1= signature.".into(),
            Self::TimestampInSeconds => {
                "The header's t= is in seconds; WorkOS signs with Unix milliseconds.".into()
            }
            Self::TimestampTooOld {
                seconds,
                tolerance_seconds,
            } => format!(
                "The timestamp is {seconds} s old; signatures are valid for {tolerance_seconds} s."
            ),
            Self::TimestampInFuture {
                seconds,
                tolerance_seconds,
            } => format!(
                "The timestamp is {seconds} s in the future; at most {tolerance_seconds} s is allowed."
            ),
            Self::BodyReserialized { form } => format!(
                "The signature matches this body {form}: it was parsed and written again before it was verified."
            ),
            Self::SignatureMismatch => {
                "Signature does not match: wrong secret or the body changed.".into()
            }
            Self::Replayed => "This delivery was already received once (replayed).".into(),
            Self::BodyTooLarge { size, limit } => {
                format!("The body is {size} bytes; the receiver accepts at most {limit}.")
            }
            Self::PeerNotLoopback { peer } => {
                format!("The request came from {peer}, not from this machine (127.0.0.1).")
            }
        }
    }

    /// What to do about it, in one line.
    pub fn next_step(&self) -> &'static str {
        match self {
            Self::SecretMissing => {
                "Copy the endpoint's secret (whsec_…) from the WorkOS Dashboard → Webhooks."
            }
            Self::SecretIsApiKey => {
                "Use the secret shown for the webhook endpoint (Dashboard → Webhooks → the endpoint → Secret), not WORKOS_API_KEY."
            }
            Self::HeaderMissing => {
                "Read the header named WorkOS-Signature from the request (header names are case-insensitive)."
            }
            Self::HeaderMalformed { .. } | Self::NoV1Signature => {
                "Pass the header's value exactly as received, e.g. t=1700000000000, v1=5f2b…"
            }
            Self::TimestampInSeconds => {
                "Compare t= with the current time in milliseconds (Date.now(), time.time() * 1000)."
            }
            Self::TimestampTooOld { .. } => {
                "Verify as the request arrives (not from a queue later), check this machine's clock, or send a fresh test event."
            }
            Self::TimestampInFuture { .. } => {
                "Check this machine's clock (enable automatic time sync)."
            }
            Self::BodyReserialized { .. } => {
                "Verify the raw request bytes before parsing JSON (express.raw(), request.get_data()), not JSON.stringify(req.body)."
            }
            Self::SignatureMismatch => {
                "Use the secret of this endpoint (after a rotation, the new one) and verify the raw body exactly as received."
            }
            Self::Replayed => {
                "Nothing to fix if WorkOS retried; otherwise someone re-sent a captured delivery. Process each event id once."
            }
            Self::BodyTooLarge { .. } => {
                "Pipes events are small; check what is posting to this receiver."
            }
            Self::PeerNotLoopback { .. } => {
                "Only local deliveries are accepted; for WorkOS to reach you, register a public URL or poll events instead."
            }
        }
    }
}

/// The verdict of one signature check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureVerdict {
    /// The signature matches the body and the timestamp is within the tolerance.
    Valid {
        signed_at_ms: u64,
    },
    Rejected(Rejection),
}

impl SignatureVerdict {
    pub fn is_valid(&self) -> bool {
        matches!(self, Self::Valid { .. })
    }

    pub fn rejection(&self) -> Option<&Rejection> {
        match self {
            Self::Valid { .. } => None,
            Self::Rejected(rejection) => Some(rejection),
        }
    }

    /// What the window and `pipes-doctor --json` show.
    pub fn view(&self) -> VerdictView {
        match self {
            Self::Valid { signed_at_ms } => VerdictView {
                valid: true,
                code: None,
                message: "Valid: the signature matches the body and the timestamp is fresh.".into(),
                next_step: None,
                signed_at_ms: Some(*signed_at_ms),
                rejection: None,
            },
            Self::Rejected(rejection) => VerdictView::rejected(rejection.clone()),
        }
    }
}

/// A verdict as shown: valid or not, and for a rejection its code, reason and next step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VerdictView {
    pub valid: bool,
    pub code: Option<String>,
    pub message: String,
    pub next_step: Option<String>,
    #[ts(type = "number | null")]
    pub signed_at_ms: Option<u64>,
    pub rejection: Option<Rejection>,
}

impl VerdictView {
    pub fn rejected(rejection: Rejection) -> Self {
        Self {
            valid: false,
            code: Some(rejection.code().as_str().to_string()),
            message: rejection.message(),
            next_step: Some(rejection.next_step().to_string()),
            signed_at_ms: None,
            rejection: Some(rejection),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rejection_has_a_code_a_message_and_a_next_step() {
        let all = [
            Rejection::SecretMissing,
            Rejection::SecretIsApiKey,
            Rejection::HeaderMissing,
            Rejection::HeaderMalformed { detail: "x".into() },
            Rejection::NoV1Signature,
            Rejection::TimestampInSeconds,
            Rejection::TimestampTooOld {
                seconds: 300,
                tolerance_seconds: 180,
            },
            Rejection::TimestampInFuture {
                seconds: 300,
                tolerance_seconds: 180,
            },
            Rejection::BodyReserialized {
                form: "pretty".into(),
            },
            Rejection::SignatureMismatch,
            Rejection::Replayed,
            Rejection::BodyTooLarge { size: 2, limit: 1 },
            Rejection::PeerNotLoopback {
                peer: "10.0.0.2".into(),
            },
        ];
        let codes: std::collections::HashSet<&str> =
            all.iter().map(|r| r.code().as_str()).collect();
        assert_eq!(codes.len(), all.len(), "codes are distinct");
        for rejection in &all {
            assert!(rejection.code().as_str().starts_with("WEBHOOK_"));
            assert!(!rejection.message().contains('\n'));
            assert!(!rejection.next_step().is_empty());
        }
    }

    #[test]
    fn the_view_names_the_seconds_and_serializes_the_kind() {
        let view = SignatureVerdict::Rejected(Rejection::TimestampTooOld {
            seconds: 420,
            tolerance_seconds: 180,
        })
        .view();
        assert!(!view.valid);
        assert_eq!(view.code.as_deref(), Some("WEBHOOK_TIMESTAMP_TOO_OLD"));
        assert!(view.message.contains("420 s old"), "{}", view.message);
        let json = serde_json::to_value(&view).unwrap();
        assert_eq!(json["rejection"]["kind"], "timestamp_too_old");
        assert_eq!(json["rejection"]["seconds"], 420);
    }
}
