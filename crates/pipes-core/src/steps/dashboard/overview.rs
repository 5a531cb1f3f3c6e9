//! Step 3's picture of the environment: the decision (sandbox or production, shared or custom
//! credentials), every integration with its state, ownership, credentials and redirect URI,
//! and the findings that follow from them.

use serde::Serialize;
use ts_rs::TS;

use super::catalog::{self, CatalogEntry};
use crate::checks::finding::Finding;
use crate::codes::{DashboardCode, WorkosAnswerCode};
use crate::workos::WorkosConnection;
use crate::workos::crate_3_5_gaps::{self, DataIntegration};
use crate::workos::key::KeyEnvironment;

const CREDENTIALS_DOCS: &str = "https://workos.com/docs/pipes/providers";

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct IntegrationView {
    pub slug: String,
    pub name: String,
    /// `user` or `organization`.
    pub ownership: String,
    /// `shared`, `custom` or `organization`.
    pub credentials_type: String,
    pub enabled: bool,
    pub state: Option<String>,
    pub auth_methods: Vec<String>,
    pub scopes: Vec<String>,
    /// The provider's callback for this integration; empty for API-key integrations.
    pub redirect_uri: String,
    pub catalog: Option<CatalogEntry>,
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct DashboardOverview {
    /// Where the user stands in the decision tree; `None` when the key says nothing.
    pub environment: Option<KeyEnvironment>,
    /// Whether the management API answered (`false`: configure in the Dashboard instead).
    pub management_api: bool,
    pub integrations: Vec<IntegrationView>,
    pub findings: Vec<Finding>,
    /// Providers the app can guide, for those not set up yet.
    pub catalog: Vec<CatalogEntry>,
}

/// The integrations of the environment. `GET /data-integrations` may leave out WorkOS's shared
/// ones, so with a `test_user` their `data_providers` add every provider enabled for them.
pub async fn load(
    connection: &WorkosConnection,
    environment: Option<KeyEnvironment>,
    test_user: Option<&str>,
) -> DashboardOverview {
    let catalog = catalog::all();
    match crate_3_5_gaps::list_data_integrations(connection).await {
        Ok(mut rows) => {
            if let Some(user) = test_user {
                add_shared_providers(connection, user, &mut rows).await;
            }
            let integrations: Vec<IntegrationView> =
                rows.into_iter().map(|row| view(row, environment)).collect();
            let findings = overall_findings(&integrations, environment);
            DashboardOverview {
                environment,
                management_api: true,
                integrations,
                findings,
                catalog,
            }
        }
        Err(error) => DashboardOverview {
            environment,
            management_api: false,
            integrations: Vec::new(),
            findings: vec![unavailable_finding(&error.code, &error.message)],
            catalog,
        },
    }
}

async fn add_shared_providers(
    connection: &WorkosConnection,
    user: &str,
    rows: &mut Vec<DataIntegration>,
) {
    let Ok(providers) = crate_3_5_gaps::user_data_providers(connection, user, None).await else {
        return;
    };
    for provider in providers {
        let ownership = provider
            .connection_owner
            .clone()
            .unwrap_or_else(|| "user".into());
        let known = rows.iter().any(|r| {
            r.slug == provider.slug && r.ownership.as_deref().unwrap_or("user") == ownership
        });
        if known {
            continue;
        }
        let shared = provider.credentials_type.as_deref().unwrap_or("shared") == "shared";
        rows.push(DataIntegration {
            id: provider.slug.clone(),
            name: provider.name.clone(),
            ownership: Some(ownership),
            enabled: Some(true),
            state: None,
            scopes: provider.scopes.clone(),
            // data_providers carries no redirect URI: a shared app's callback is WorkOS's own.
            redirect_uri: None,
            auth_methods: vec!["oauth".into()],
            credentials: (!shared).then(|| crate_3_5_gaps::IntegrationCredentials {
                kind: provider.credentials_type.clone().unwrap_or_default(),
                client_id: None,
            }),
            slug: provider.slug,
        });
    }
}

fn view(row: DataIntegration, environment: Option<KeyEnvironment>) -> IntegrationView {
    let credentials_type = row
        .credentials
        .as_ref()
        .map_or("shared".to_string(), |c| c.kind.clone());
    let mut view = IntegrationView {
        name: row
            .name
            .clone()
            .filter(|name| name != &row.slug)
            .unwrap_or_else(|| catalog::display_name(&row.slug)),
        ownership: row.ownership.clone().unwrap_or_else(|| "user".into()),
        enabled: row.enabled.unwrap_or(true),
        state: row.state.clone(),
        auth_methods: row.auth_methods.clone(),
        scopes: row.scopes.clone().unwrap_or_default(),
        redirect_uri: row.redirect_uri.clone().unwrap_or_default(),
        catalog: catalog::entry_for(&row.slug),
        findings: Vec::new(),
        credentials_type,
        slug: row.slug,
    };
    view.findings = integration_findings(&view, environment);
    view
}

fn integration_findings(i: &IntegrationView, environment: Option<KeyEnvironment>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let production = environment.is_some_and(|e| e != KeyEnvironment::Sandbox);
    if production && i.credentials_type == "shared" {
        findings.push(
            Finding::error(
                DashboardCode::ProductionSharedCredentials,
                format!("{} uses shared credentials in production", i.name),
                "WorkOS's shared OAuth apps are for sandbox only: in production each provider needs your own OAuth app (custom credentials), or the organization's.",
            )
            .with_remediation(format!(
                "Create an OAuth app at {}, then set its client id and secret on this integration (Dashboard → Pipes → {} → Credentials).",
                i.catalog.as_ref().map_or("the provider", |c| c.console_url.as_str()),
                i.name
            ))
            .with_docs(CREDENTIALS_DOCS),
        );
    }
    if !i.enabled {
        findings.push(Finding::warn(
            DashboardCode::IntegrationDisabled,
            format!("{} is disabled", i.name),
            "Users cannot connect it until it is enabled in the Dashboard.",
        ));
    }
    if i.redirect_uri.is_empty() && i.credentials_type == "shared" {
        findings.push(Finding::info(
            DashboardCode::IntegrationSharedApp,
            format!("{} uses WorkOS's shared OAuth app", i.name),
            "There is nothing to register at the provider: WorkOS's own app and callback are used. That is for sandbox only: before production, create your own OAuth app (custom credentials).",
        ));
    } else if i.redirect_uri.is_empty() {
        findings.push(Finding::info(
            DashboardCode::IntegrationNoRedirectUri,
            format!("{} has no redirect URI", i.name),
            "It connects with an API key or client credentials, not through an OAuth consent, so there is no callback to register at the provider.",
        ));
    }
    findings
}

fn overall_findings(
    integrations: &[IntegrationView],
    environment: Option<KeyEnvironment>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    if integrations.is_empty() {
        findings.push(Finding::warn(
            DashboardCode::NoIntegrations,
            "No provider is set up yet",
            "Add one in the Dashboard (Pipes → Add provider); the catalog below says what each provider needs.",
        ));
    }
    if environment == Some(KeyEnvironment::Unknown) {
        findings.push(crate::workos::unknown_environment_finding(None));
    }
    findings
}

fn unavailable_finding(code: &str, message: &str) -> Finding {
    let feature_off = matches!(
        WorkosAnswerCode::from_code(code),
        Some(
            WorkosAnswerCode::NotFound
                | WorkosAnswerCode::Forbidden
                | WorkosAnswerCode::EntityNotFound
        )
    );
    if feature_off {
        Finding::warn(
            DashboardCode::ManagementApiUnavailable,
            "The integrations cannot be read through the API here",
            format!("{message}. The Pipes management API is not enabled for this environment or key."),
        )
        .with_remediation("Use the Dashboard: Pipes → your provider. Check each item below there and mark it done; the app remembers.")
    } else {
        Finding::error(
            DashboardCode::IntegrationsUnreadable,
            "The integrations could not be read",
            message.to_string(),
        )
        .with_details(serde_json::json!({"code": code}))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shared(slug: &str) -> IntegrationView {
        IntegrationView {
            slug: slug.into(),
            name: "Linear".into(),
            ownership: "user".into(),
            credentials_type: "shared".into(),
            enabled: true,
            state: None,
            auth_methods: vec!["oauth".into()],
            scopes: vec![],
            redirect_uri: String::new(),
            catalog: catalog::entry_for(slug),
            findings: vec![],
        }
    }

    fn codes(findings: &[Finding]) -> Vec<String> {
        findings.iter().map(|f| f.code.clone()).collect()
    }

    #[test]
    fn shared_credentials_are_an_error_in_production_and_unknown_environments() {
        for environment in [KeyEnvironment::Production, KeyEnvironment::Unknown] {
            let findings = integration_findings(&shared("linear"), Some(environment));
            assert_eq!(
                codes(&findings),
                ["PRODUCTION_SHARED_CREDENTIALS", "INTEGRATION_SHARED_APP"]
            );
            assert!(findings[0].message.contains("sandbox only"));
            assert!(
                findings[0]
                    .remediation
                    .as_deref()
                    .unwrap()
                    .contains("linear.app")
            );
        }
        let sandbox = integration_findings(&shared("linear"), Some(KeyEnvironment::Sandbox));
        assert_eq!(codes(&sandbox), ["INTEGRATION_SHARED_APP"]);
        let custom = IntegrationView {
            credentials_type: "custom".into(),
            redirect_uri: "https://x/cb".into(),
            ..shared("linear")
        };
        assert!(integration_findings(&custom, Some(KeyEnvironment::Production)).is_empty());
    }
}
