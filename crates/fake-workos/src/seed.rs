//! Seeds: the starting data of a fake, as JSON (`--seed FILE`) or built in (`demo`, `empty`).

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::faults::Fault;
use crate::ids::{new_id, now_iso};
use crate::providers;
use crate::state::{
    AccountState, AuthMethod, ConnectedAccount, CredentialsType, EndpointStatus, Environment,
    EnvironmentKind, Integration, KeyBehaviour, KeyInfo, Organization, Ownership, Store, User,
    WebhookEndpoint,
};

const DEMO_SEED: &str = include_str!("seeds/demo.json");

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Seed {
    #[serde(default)]
    pub environments: Vec<EnvironmentSeed>,
    #[serde(default)]
    pub faults: Vec<Fault>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EnvironmentSeed {
    pub name: String,
    pub kind: EnvironmentKind,
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default)]
    pub api_keys: Vec<KeySeed>,
    #[serde(default)]
    pub organizations: Vec<OrganizationSeed>,
    #[serde(default)]
    pub users: Vec<UserSeed>,
    #[serde(default)]
    pub integrations: Vec<IntegrationSeed>,
    /// Redirect URIs registered on the environment's applications.
    #[serde(default)]
    pub redirect_uris: Vec<String>,
    /// Whether WorkOS enabled several connections per owner and provider (default on).
    #[serde(default = "yes")]
    pub multiple_connections: bool,
    #[serde(default)]
    pub connected_accounts: Vec<AccountSeed>,
    #[serde(default)]
    pub webhook_endpoints: Vec<EndpointSeed>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct KeySeed {
    pub key: String,
    #[serde(default = "valid_key")]
    pub behaviour: KeyBehaviour,
}

fn valid_key() -> KeyBehaviour {
    KeyBehaviour::Valid
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct OrganizationSeed {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct UserSeed {
    #[serde(default)]
    pub id: Option<String>,
    pub email: String,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub organization_id: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct CredentialsSeed {
    #[serde(rename = "type")]
    pub kind: CredentialsType,
    #[serde(default)]
    pub client_id: Option<String>,
    #[serde(default)]
    pub client_secret: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct IntegrationSeed {
    #[serde(default)]
    pub id: Option<String>,
    pub slug: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default = "yes")]
    pub enabled: bool,
    #[serde(default)]
    pub scopes: Option<Vec<String>>,
    #[serde(default = "oauth_only")]
    pub auth_methods: Vec<AuthMethod>,
    /// Absent means WorkOS-managed shared credentials (sandbox only).
    #[serde(default)]
    pub credentials: Option<CredentialsSeed>,
    #[serde(default)]
    pub redirect_key: Option<String>,
    /// The redirect URI registered at the provider; absent means registered correctly.
    #[serde(default)]
    pub provider_redirect_uri: Option<String>,
    /// `user` (the default) or `organization`: which root this is.
    #[serde(default)]
    pub ownership: Ownership,
}

fn yes() -> bool {
    true
}

fn oauth_only() -> Vec<AuthMethod> {
    vec![AuthMethod::Oauth]
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct AccountSeed {
    #[serde(default)]
    pub id: Option<String>,
    pub user_id: String,
    pub slug: String,
    #[serde(default)]
    pub organization_id: Option<String>,
    #[serde(default)]
    pub scopes: Vec<String>,
    #[serde(default = "connected")]
    pub state: AccountState,
    #[serde(default)]
    pub missing_scopes: Vec<String>,
    /// `organization`: a connection shared by `organization_id`'s members, established
    /// by `user_id`.
    #[serde(default)]
    pub connection_owner: Ownership,
    #[serde(flatten, default)]
    pub labels: crate::state::AccountLabels,
}

fn connected() -> AccountState {
    AccountState::Connected
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct EndpointSeed {
    #[serde(default)]
    pub id: Option<String>,
    pub endpoint_url: String,
    #[serde(default)]
    pub secret: Option<String>,
    pub events: Vec<String>,
    #[serde(default = "yes")]
    pub enabled: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("cannot read seed file {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("invalid seed JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("invalid seed: {0}")]
    Invalid(String),
}

impl Seed {
    /// No environment, no key: every API call answers 401 until something is registered.
    pub fn empty() -> Self {
        Self::default()
    }

    /// A believable sandbox + production pair; see `src/seeds/demo.json`.
    pub fn demo() -> Self {
        serde_json::from_str(DEMO_SEED).unwrap_or_default()
    }

    pub fn from_json(json: &str) -> Result<Self, SeedError> {
        Ok(serde_json::from_str(json)?)
    }

    pub fn from_file(path: &Path) -> Result<Self, SeedError> {
        let json = std::fs::read_to_string(path).map_err(|source| SeedError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Self::from_json(&json)
    }

    /// `demo`, `empty`, or a path to a JSON seed file.
    pub fn by_name_or_path(value: &str) -> Result<Self, SeedError> {
        match value {
            "demo" => Ok(Self::demo()),
            "empty" => Ok(Self::empty()),
            path => Self::from_file(Path::new(path)),
        }
    }

    pub fn build_store(&self) -> Result<Store, SeedError> {
        let mut store = Store::default();
        for env_seed in &self.environments {
            let env = env_seed.build()?;
            for key in &env_seed.api_keys {
                store.keys.insert(
                    key.key.clone(),
                    KeyInfo {
                        environment: env.name.clone(),
                        behaviour: key.behaviour.clone(),
                    },
                );
            }
            store.environments.insert(env.name.clone(), env);
        }
        store.faults = self.faults.iter().cloned().map(with_fault_id).collect();
        Ok(store)
    }
}

pub fn with_fault_id(mut fault: Fault) -> Fault {
    if fault.id.is_empty() {
        fault.id = new_id("fault_");
    }
    fault
}

impl EnvironmentSeed {
    fn build(&self) -> Result<Environment, SeedError> {
        let client_id = self.client_id.clone().unwrap_or_else(|| new_id("client_"));
        let mut env = Environment::new(&self.name, self.kind, client_id);
        env.organizations = self
            .organizations
            .iter()
            .map(OrganizationSeed::build)
            .collect();
        env.users = self.users.iter().map(UserSeed::build).collect();
        env.multiple_connections = self.multiple_connections;
        env.redirect_uris = self
            .redirect_uris
            .iter()
            .map(|uri| crate::routes::redirect_uris::new_redirect_uri(uri))
            .collect();
        for seed in &self.integrations {
            env.integrations.push(seed.build(self.kind)?);
        }
        for seed in &self.connected_accounts {
            let account = seed.build(&env)?;
            env.connected_accounts.push(account);
        }
        env.webhook_endpoints = self
            .webhook_endpoints
            .iter()
            .map(EndpointSeed::build)
            .collect();
        Ok(env)
    }
}

impl OrganizationSeed {
    fn build(&self) -> Organization {
        let now = now_iso();
        Organization {
            id: self.id.clone().unwrap_or_else(|| new_id("org_")),
            name: self.name.clone(),
            external_id: None,
            metadata: BTreeMap::new(),
            domains: Vec::new(),
            created_at: now.clone(),
            updated_at: now,
        }
    }
}

impl UserSeed {
    fn build(&self) -> User {
        User {
            id: self.id.clone().unwrap_or_else(|| new_id("user_")),
            email: self.email.clone(),
            first_name: self.first_name.clone(),
            last_name: self.last_name.clone(),
            organization_id: self.organization_id.clone(),
            created_at: now_iso(),
        }
    }
}

impl IntegrationSeed {
    fn build(&self, kind: EnvironmentKind) -> Result<Integration, SeedError> {
        let credentials_type = self
            .credentials
            .as_ref()
            .map_or(CredentialsType::Shared, |c| c.kind);
        if credentials_type == CredentialsType::Shared && kind == EnvironmentKind::Production {
            return Err(SeedError::Invalid(format!(
                "integration {}: production environments need custom or organization credentials",
                self.slug
            )));
        }
        let now = now_iso();
        Ok(Integration {
            id: self
                .id
                .clone()
                .unwrap_or_else(|| new_id("data_integration_")),
            slug: self.slug.clone(),
            name: self
                .name
                .clone()
                .unwrap_or_else(|| providers::display_name(&self.slug)),
            description: self.description.clone(),
            enabled: self.enabled,
            scopes: self.scopes.clone(),
            auth_methods: self.auth_methods.clone(),
            credentials_type,
            client_id: self.credentials.as_ref().and_then(|c| c.client_id.clone()),
            client_secret: self
                .credentials
                .as_ref()
                .and_then(|c| c.client_secret.clone()),
            redirect_key: self.redirect_key.clone().unwrap_or_else(|| new_id("dik_")),
            provider_redirect_uri: self.provider_redirect_uri.clone(),
            config: BTreeMap::new(),
            custom_provider: None,
            ownership: self.ownership,
            created_at: now.clone(),
            updated_at: now,
        })
    }
}

impl AccountSeed {
    fn build(&self, env: &Environment) -> Result<ConnectedAccount, SeedError> {
        let integration = env.root(&self.slug, self.connection_owner).ok_or_else(|| {
            SeedError::Invalid(format!(
                "connected account for unknown integration {}",
                self.slug
            ))
        })?;
        let now = now_iso();
        Ok(ConnectedAccount {
            id: self
                .id
                .clone()
                .unwrap_or_else(|| new_id("data_installation_")),
            data_integration_id: integration.id.clone(),
            slug: self.slug.clone(),
            owner: self.connection_owner,
            user_id: self.user_id.clone(),
            organization_id: self.organization_id.clone(),
            scopes: self.scopes.clone(),
            auth_method: AuthMethod::Oauth,
            state: self.state,
            forced_missing_scopes: self.missing_scopes.clone(),
            secret: None,
            client_id: None,
            access_token: None,
            refresh_token: None,
            expires_at: None,
            config: BTreeMap::new(),
            labels: self.labels.clone(),
            created_at: now.clone(),
            updated_at: now,
        })
    }
}

impl EndpointSeed {
    fn build(&self) -> WebhookEndpoint {
        let now = now_iso();
        WebhookEndpoint {
            id: self.id.clone().unwrap_or_else(|| new_id("we_")),
            endpoint_url: self.endpoint_url.clone(),
            secret: self
                .secret
                .clone()
                .unwrap_or_else(crate::ids::webhook_secret),
            status: if self.enabled {
                EndpointStatus::Enabled
            } else {
                EndpointStatus::Disabled
            },
            events: self.events.clone(),
            created_at: now.clone(),
            updated_at: now,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_seed_builds_two_environments_with_keys() {
        let store = Seed::demo().build_store().unwrap();
        assert_eq!(store.environments.len(), 2);
        assert_eq!(store.keys.len(), 3);
        let sandbox = &store.environments["sandbox"];
        assert_eq!(sandbox.users.len(), 2);
        assert_eq!(
            sandbox.integrations.len(),
            5,
            "four user roots and slack's organization root"
        );
        assert_eq!(
            sandbox.connected_accounts.len(),
            4,
            "Ada's two GitHub and her Drive, Grace's Notion"
        );
        assert!(sandbox.multiple_connections);
        assert!(!store.environments["production"].multiple_connections);
        assert!(
            store.environments["production"]
                .integrations
                .iter()
                .all(|i| i.credentials_type == CredentialsType::Custom)
        );
    }

    #[test]
    fn production_rejects_shared_credentials() {
        let seed = Seed::from_json(
            r#"{"environments":[{"name":"p","kind":"production","integrations":[{"slug":"github"}]}]}"#,
        )
        .unwrap();
        assert!(matches!(seed.build_store(), Err(SeedError::Invalid(_))));
    }
}
