//! The codes of `webhooks`: see [`crate::foundation::code`].

use crate::foundation::code::codes;

codes! {
    /// Step 6, Webhooks: signatures, the local receiver, endpoint registration.
    pub enum WebhooksCode {
        SecretMissing = "WEBHOOK_SECRET_MISSING",
        SecretIsApiKey = "WEBHOOK_SECRET_IS_API_KEY",
        SignatureHeaderMissing = "WEBHOOK_SIGNATURE_HEADER_MISSING",
        SignatureHeaderMalformed = "WEBHOOK_SIGNATURE_HEADER_MALFORMED",
        SignatureNoV1 = "WEBHOOK_SIGNATURE_NO_V1",
        TimestampInSeconds = "WEBHOOK_TIMESTAMP_IN_SECONDS",
        TimestampTooOld = "WEBHOOK_TIMESTAMP_TOO_OLD",
        TimestampInFuture = "WEBHOOK_TIMESTAMP_IN_FUTURE",
        BodyReserialized = "WEBHOOK_BODY_RESERIALIZED",
        SignatureMismatch = "WEBHOOK_SIGNATURE_MISMATCH",
        Replayed = "WEBHOOK_REPLAYED",
        BodyTooLarge = "WEBHOOK_BODY_TOO_LARGE",
        PeerNotLoopback = "WEBHOOK_PEER_NOT_LOOPBACK",
        ReceiverPathInvalid = "WEBHOOK_RECEIVER_PATH_INVALID",
        ReceiverBindFailed = "WEBHOOK_RECEIVER_BIND_FAILED",
        UrlInvalid = "WEBHOOK_URL_INVALID",
        UrlNotPublic = "WEBHOOK_URL_NOT_PUBLIC",
        UrlNotHttps = "WEBHOOK_URL_NOT_HTTPS",
        RegistrationUnavailable = "WEBHOOK_REGISTRATION_UNAVAILABLE",
        EndpointExists = "WEBHOOK_ENDPOINT_EXISTS",
        EndpointNotMadeByApp = "WEBHOOK_ENDPOINT_NOT_MADE_BY_APP",
        SecretInvalid = "WEBHOOK_SECRET_INVALID",
        TestEventsUnavailable = "WEBHOOK_TEST_EVENTS_UNAVAILABLE",
        ReceiverNotRunning = "WEBHOOK_RECEIVER_NOT_RUNNING",
    }
}
