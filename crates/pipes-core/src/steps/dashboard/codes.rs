//! The codes of `dashboard`: see [`crate::foundation::code`].

use crate::foundation::code::codes;

codes! {
    /// Step 3, the Dashboard: integrations, their credentials and scopes, the checklist.
    pub enum DashboardCode {
        NoIntegrations = "NO_INTEGRATIONS",
        IntegrationsUnreadable = "INTEGRATIONS_UNREADABLE",
        ManagementApiUnavailable = "MANAGEMENT_API_UNAVAILABLE",
        IntegrationDisabled = "INTEGRATION_DISABLED",
        IntegrationNoRedirectUri = "INTEGRATION_NO_REDIRECT_URI",
        IntegrationSharedApp = "INTEGRATION_SHARED_APP",
        ProductionSharedCredentials = "PRODUCTION_SHARED_CREDENTIALS",
        CredentialsValueInvalid = "CREDENTIALS_VALUE_INVALID",
        CredentialsScopesInvalid = "CREDENTIALS_SCOPES_INVALID",
        ScopesNotGranted = "SCOPES_NOT_GRANTED",
        ScopesNotConfiguredAtProvider = "SCOPES_NOT_CONFIGURED_AT_PROVIDER",
        UnknownProvider = "UNKNOWN_PROVIDER",
        UnknownChecklistItem = "UNKNOWN_CHECKLIST_ITEM",
    }
}
