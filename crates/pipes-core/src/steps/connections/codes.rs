//! The codes of `connections`: see [`crate::foundation::code`].

use crate::foundation::code::codes;

codes! {
    /// Step 5, Connections: one user's connected accounts and the changes to one of them.
    pub enum ConnectionsCode {
        NeedsReauthorization = "CONNECTION_NEEDS_REAUTHORIZATION",
        Disconnected = "CONNECTION_DISCONNECTED",
        NameInvalid = "CONNECTION_NAME_INVALID",
        ProviderApiUnknown = "PROVIDER_API_UNKNOWN",
        ProviderPathInvalid = "PROVIDER_PATH_INVALID",
        ProviderCallNoToken = "PROVIDER_CALL_NO_TOKEN",
        ProviderCallOk = "PROVIDER_CALL_OK",
        ProviderCallFailed = "PROVIDER_CALL_FAILED",
        ProviderCallCancelled = "PROVIDER_CALL_CANCELLED",
        ProviderTokenRejected = "PROVIDER_TOKEN_REJECTED",
        ProviderScopesInsufficient = "PROVIDER_SCOPES_INSUFFICIENT",
        ProviderRateLimited = "PROVIDER_RATE_LIMITED",
        ProviderUnreachable = "PROVIDER_UNREACHABLE",
    }
}
