//! The codes of `workos`: see [`crate::foundation::code`].

use crate::foundation::code::codes;

codes! {
    /// The API key itself: its format and the environment its prefix names.
    pub enum KeyCode {
        Missing = "KEY_MISSING",
        FormatInvalid = "KEY_FORMAT_INVALID",
        Placeholder = "KEY_PLACEHOLDER",
        EnvSandbox = "KEY_ENV_SANDBOX",
        EnvProduction = "KEY_ENV_PRODUCTION",
        EnvUnknown = "KEY_ENV_UNKNOWN",
    }

    /// The client ID's format.
    pub enum ClientIdCode {
        Ok = "CLIENT_ID_OK",
        Missing = "CLIENT_ID_MISSING",
        Invalid = "CLIENT_ID_INVALID",
        OldPrefix = "CLIENT_ID_OLD_PREFIX",
    }

    /// The live checks against WorkOS: reachability and whether it accepts the key.
    pub enum LiveCode {
        HealthOk = "LIVE_HEALTH_OK",
        KeyValid = "LIVE_KEY_VALID",
        KeyInvalid = "LIVE_KEY_INVALID",
        KeyForbidden = "LIVE_KEY_FORBIDDEN",
        RateLimited = "LIVE_RATE_LIMITED",
        ServerError = "LIVE_SERVER_ERROR",
        UnexpectedStatus = "LIVE_UNEXPECTED_STATUS",
        DnsFailed = "LIVE_DNS_FAILED",
        TlsError = "LIVE_TLS_ERROR",
        Timeout = "LIVE_TIMEOUT",
        NetworkDown = "LIVE_NETWORK_DOWN",
        NetworkError = "LIVE_NETWORK_ERROR",
        Unreachable = "LIVE_UNREACHABLE",
    }

    /// The app's own rules around WorkOS calls: confirming production changes, the target
    /// still being the one the user chose, answers the app cannot use.
    pub enum WorkosCode {
        ProductionChangeNeedsConfirmation = "PRODUCTION_CHANGE_NEEDS_CONFIRMATION",
        TargetChanged = "TARGET_CHANGED",
        FinishNotOffered = "FINISH_NOT_OFFERED",
        UnexpectedAnswer = "WORKOS_UNEXPECTED_ANSWER",
    }

    /// WorkOS's own error codes, passed on as `WORKOS_` + the code upper-cased: the ones the
    /// app acts on, and the ones it names itself when an error answer has no code (by HTTP
    /// status). Any other code WorkOS sends is passed on as it is, unlisted (see
    /// `AppError::unlisted_workos_answer`).
    pub enum WorkosAnswerCode {
        Unauthorized = "WORKOS_UNAUTHORIZED",
        Forbidden = "WORKOS_FORBIDDEN",
        NotFound = "WORKOS_NOT_FOUND",
        RateLimited = "WORKOS_RATE_LIMITED",
        Error = "WORKOS_ERROR",
        EntityNotFound = "WORKOS_ENTITY_NOT_FOUND",
        InvalidReturnTo = "WORKOS_INVALID_RETURN_TO",
        ReturnToRequiresExactMatch = "WORKOS_RETURN_TO_REQUIRES_EXACT_MATCH",
        AuthorizationStateExpired = "WORKOS_AUTHORIZATION_STATE_EXPIRED",
        InvalidConnectCode = "WORKOS_INVALID_CONNECT_CODE",
        MultipleConnectionsUnavailable = "WORKOS_MULTIPLE_CONNECTIONS_UNAVAILABLE",
        AccountSelectionRequired = "WORKOS_ACCOUNT_SELECTION_REQUIRED",
        DuplicateEndpoint = "WORKOS_DUPLICATE_ENDPOINT",
    }
}
