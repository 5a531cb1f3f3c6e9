//! The codes of `sdk_integration`: see [`crate::foundation::code`].

use crate::foundation::code::codes;

codes! {
    /// Step 4, SDK integration: the snippets, the test users and the test connection.
    pub enum SdkIntegrationCode {
        SnippetProviderInvalid = "SNIPPET_PROVIDER_INVALID",
        SnippetReturnUrlInvalid = "SNIPPET_RETURN_URL_INVALID",
        SnippetPathInvalid = "SNIPPET_PATH_INVALID",
        TestUsersUnreadable = "TEST_USERS_UNREADABLE",
        TestConnectionOk = "TEST_CONNECTION_OK",
        TestConnectionCancelled = "TEST_CONNECTION_CANCELLED",
        TestConnectionFailed = "TEST_CONNECTION_FAILED",
        TestConnectionTimedOut = "TEST_CONNECTION_TIMED_OUT",
        TestConnectionReturnFlooded = "TEST_CONNECTION_RETURN_FLOODED",
        TestConnectionNoState = "TEST_CONNECTION_NO_STATE",
        TestConnectionWrongState = "TEST_CONNECTION_WRONG_STATE",
        TestConnectionDenied = "TEST_CONNECTION_DENIED",
        TestConnectionProviderError = "TEST_CONNECTION_PROVIDER_ERROR",
        TestConnectionProviderPageError = "TEST_CONNECTION_PROVIDER_PAGE_ERROR",
        TestConnectionRedirectUriMismatch = "TEST_CONNECTION_REDIRECT_URI_MISMATCH",
        TestConnectionReturnUrlNotRegistered = "TEST_CONNECTION_RETURN_URL_NOT_REGISTERED",
        TestConnectionFinishNotOffered = "TEST_CONNECTION_FINISH_NOT_OFFERED",
        TestConnectionCodeExpired = "TEST_CONNECTION_CODE_EXPIRED",
        TestConnectionCodeRejected = "TEST_CONNECTION_CODE_REJECTED",
        TestConnectionFinishFailed = "TEST_CONNECTION_FINISH_FAILED",
        TestConnectionReadBackFailed = "TEST_CONNECTION_READ_BACK_FAILED",
        TestConnectionTokenInactive = "TEST_CONNECTION_TOKEN_INACTIVE",
        TestConnectionMissingScopes = "TEST_CONNECTION_MISSING_SCOPES",
        TestConnectionMultipleUnavailable = "TEST_CONNECTION_MULTIPLE_CONNECTIONS_UNAVAILABLE",
    }
}
