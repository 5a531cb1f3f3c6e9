//! The fake's data: environments (one per API key family), their objects, and the
//! cross-environment bits (keys, faults, pending authorizations, webhook deliveries).

use std::collections::{BTreeMap, HashMap};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::faults::Fault;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EnvironmentKind {
    Sandbox,
    Production,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CredentialsType {
    /// WorkOS-managed OAuth app; sandbox only.
    Shared,
    Custom,
    Organization,
}

impl CredentialsType {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Shared => "shared",
            Self::Custom => "custom",
            Self::Organization => "organization",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    Oauth,
    ApiKey,
    ClientCredentials,
}

impl AuthMethod {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Oauth => "oauth",
            Self::ApiKey => "api_key",
            Self::ClientCredentials => "client_credentials",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AccountState {
    Connected,
    NeedsReauthorization,
    Disconnected,
}

impl AccountState {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Connected => "connected",
            Self::NeedsReauthorization => "needs_reauthorization",
            Self::Disconnected => "disconnected",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EndpointStatus {
    Enabled,
    Disabled,
}

#[derive(Clone, Debug, Serialize)]
pub struct Organization {
    pub id: String,
    pub name: String,
    pub external_id: Option<String>,
    pub metadata: BTreeMap<String, String>,
    pub domains: Vec<OrganizationDomain>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct OrganizationDomain {
    pub id: String,
    pub domain: String,
    /// `pending` or `verified`.
    pub state: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct User {
    pub id: String,
    pub email: String,
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub organization_id: Option<String>,
    pub created_at: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Integration {
    pub id: String,
    pub slug: String,
    pub name: String,
    pub description: Option<String>,
    pub enabled: bool,
    pub scopes: Option<Vec<String>>,
    pub auth_methods: Vec<AuthMethod>,
    pub credentials_type: CredentialsType,
    pub client_id: Option<String>,
    #[serde(skip_serializing)]
    pub client_secret: Option<String>,
    /// The `dik_<ULID>` segment of the redirect URI.
    pub redirect_key: String,
    /// The redirect URI registered in the provider's OAuth app; `None` means it was
    /// registered correctly (equal to the integration's own redirect URI).
    pub provider_redirect_uri: Option<String>,
    pub config: BTreeMap<String, String>,
    pub custom_provider: Option<Value>,
    /// `user` (per-user connections) or `organization` (shared by an organization's members).
    pub ownership: Ownership,
    pub created_at: String,
    pub updated_at: String,
}

/// Who a data integration's connections belong to; also a connection's `connection_owner`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Ownership {
    #[default]
    User,
    Organization,
}

impl Ownership {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::User => "user",
            Self::Organization => "organization",
        }
    }
}

impl Integration {
    pub fn redirect_uri(&self, base_url: &str) -> String {
        format!(
            "{base_url}/data-integrations/{}/{}/callback",
            self.slug, self.redirect_key
        )
    }

    pub fn registered_redirect_uri(&self, base_url: &str) -> String {
        self.provider_redirect_uri
            .clone()
            .unwrap_or_else(|| self.redirect_uri(base_url))
    }

    pub fn supports(&self, method: AuthMethod) -> bool {
        self.auth_methods.contains(&method)
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct ConnectedAccount {
    pub id: String,
    pub data_integration_id: String,
    pub slug: String,
    /// `organization`: shared by the organization's members; `user_id` is then the member
    /// who established it (the API answers `user_id: null`).
    pub owner: Ownership,
    pub user_id: String,
    pub organization_id: Option<String>,
    pub scopes: Vec<String>,
    pub auth_method: AuthMethod,
    pub state: AccountState,
    /// Scopes the token endpoint reports missing on top of those the integration asks for.
    pub forced_missing_scopes: Vec<String>,
    #[serde(skip_serializing)]
    pub secret: Option<String>,
    pub client_id: Option<String>,
    #[serde(skip_serializing)]
    pub access_token: Option<String>,
    #[serde(skip_serializing)]
    pub refresh_token: Option<String>,
    pub expires_at: Option<String>,
    pub config: BTreeMap<String, String>,
    #[serde(flatten)]
    pub labels: AccountLabels,
    pub created_at: String,
    pub updated_at: String,
}

/// Today's descriptive fields on a connected account (all optional in the seed).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct AccountLabels {
    /// `compatibility` (the default, the slot v0.61.0 clients see) or `standard`.
    #[serde(default)]
    pub connection_role: Option<String>,
    #[serde(default)]
    pub account_identifier: Option<String>,
    #[serde(default)]
    pub account_display_name: Option<String>,
    #[serde(default)]
    pub state_reason: Option<String>,
    #[serde(default)]
    pub established_by_user_id: Option<String>,
}

impl AccountLabels {
    pub fn role(&self) -> &str {
        self.connection_role.as_deref().unwrap_or("compatibility")
    }
}

/// An organization's own settings (and OAuth app) for an integration whose credentials
/// type is `organization`.
#[derive(Clone, Debug, Serialize)]
pub struct OrgConfiguration {
    pub id: String,
    pub organization_id: String,
    pub slug: String,
    pub enabled: bool,
    pub scopes: Option<Vec<String>>,
    pub client_id: Option<String>,
    #[serde(skip_serializing)]
    pub client_secret: Option<String>,
    pub config: BTreeMap<String, String>,
    pub created_at: String,
    pub updated_at: String,
}

impl OrgConfiguration {
    pub fn has_credentials(&self) -> bool {
        self.client_id.is_some() && self.client_secret.is_some()
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct WebhookEndpoint {
    pub id: String,
    pub endpoint_url: String,
    #[serde(skip_serializing)]
    pub secret: String,
    pub status: EndpointStatus,
    pub events: Vec<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Event {
    pub id: String,
    pub event: String,
    pub data: Value,
    pub created_at: String,
}

#[derive(Clone, Debug, Serialize)]
pub struct Environment {
    pub name: String,
    pub kind: EnvironmentKind,
    pub client_id: String,
    pub organizations: Vec<Organization>,
    pub users: Vec<User>,
    pub integrations: Vec<Integration>,
    pub connected_accounts: Vec<ConnectedAccount>,
    pub org_configurations: Vec<OrgConfiguration>,
    pub webhook_endpoints: Vec<WebhookEndpoint>,
    pub events: Vec<Event>,
    /// Redirect URIs registered on the environment's applications (User Management).
    pub redirect_uris: Vec<RedirectUri>,
    /// Whether WorkOS enabled several connections per owner and provider for the team.
    pub multiple_connections: bool,
    /// `Idempotency-Key` → (request fingerprint, the connected account it created).
    #[serde(skip_serializing)]
    pub idempotency: HashMap<String, (String, String)>,
}

/// A redirect URI registered through `POST /user_management/redirect_uris` or the seed.
#[derive(Clone, Debug, Serialize)]
pub struct RedirectUri {
    pub id: String,
    pub uri: String,
    pub default: bool,
    pub created_at: String,
    pub updated_at: String,
}

impl Environment {
    pub fn new(name: &str, kind: EnvironmentKind, client_id: String) -> Self {
        Self {
            name: name.to_string(),
            kind,
            client_id,
            organizations: Vec::new(),
            users: Vec::new(),
            integrations: Vec::new(),
            connected_accounts: Vec::new(),
            org_configurations: Vec::new(),
            webhook_endpoints: Vec::new(),
            events: Vec::new(),
            redirect_uris: Vec::new(),
            multiple_connections: true,
            idempotency: HashMap::new(),
        }
    }

    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub fn organization(&self, id: &str) -> Option<&Organization> {
        self.organizations.iter().find(|o| o.id == id)
    }

    /// The user-owned root for `slug` (what `GET /data-integrations/{slug}` answers).
    pub fn integration(&self, slug: &str) -> Option<&Integration> {
        self.root(slug, Ownership::User)
    }

    pub fn root(&self, slug: &str, ownership: Ownership) -> Option<&Integration> {
        self.integrations
            .iter()
            .find(|i| i.slug == slug && i.ownership == ownership)
    }

    pub fn org_configuration(&self, org: &str, slug: &str) -> Option<&OrgConfiguration> {
        self.org_configurations
            .iter()
            .find(|c| c.organization_id == org && c.slug == slug)
    }

    pub fn integration_mut(&mut self, slug: &str) -> Option<&mut Integration> {
        self.root_mut(slug, Ownership::User)
    }

    pub fn root_mut(&mut self, slug: &str, ownership: Ownership) -> Option<&mut Integration> {
        self.integrations
            .iter_mut()
            .find(|i| i.slug == slug && i.ownership == ownership)
    }
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum KeyBehaviour {
    /// A valid key: requests are served from its environment.
    Valid,
    /// A real key without the needed permission: every call answers 403.
    Forbidden,
}

#[derive(Clone, Debug, Serialize)]
pub struct KeyInfo {
    pub environment: String,
    pub behaviour: KeyBehaviour,
}

/// A consent in progress: created by `POST …/authorize`, finished by the callback.
#[derive(Clone, Debug, Serialize)]
pub struct Authorization {
    pub id: String,
    pub environment: String,
    pub slug: String,
    pub user_id: String,
    pub organization_id: Option<String>,
    pub return_to: Option<String>,
    pub scopes: Vec<String>,
    pub code: Option<String>,
    /// The `state` handed to the app; echoed to `return_to`.
    pub client_state: String,
    /// With PKCE, the S256 challenge: the connection waits for `POST …/finish`.
    pub code_challenge: Option<String>,
    pub owner: crate::connections::Owner,
    pub intent: crate::connections::Intent,
    pub account_display_name: Option<String>,
}

/// A `connect_code` sent to `return_to`, redeemed once by `POST /data-integrations/finish`.
#[derive(Clone, Debug)]
pub struct ConnectCode {
    pub authorization: Authorization,
    /// Seconds on the fake's clock (see `Store::clock_offset_secs`).
    pub issued_at: i64,
}

#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DeliveryState {
    Pending,
    Succeeded,
    Failed,
}

#[derive(Clone, Debug, Serialize)]
pub struct DeliveryAttempt {
    pub at: String,
    pub status: Option<u16>,
    pub error: Option<String>,
    pub duration_ms: u64,
}

#[derive(Clone, Debug, Serialize)]
pub struct Delivery {
    pub id: String,
    pub environment: String,
    pub endpoint_id: String,
    pub endpoint_url: String,
    pub event_id: String,
    pub event: String,
    pub state: DeliveryState,
    pub attempts: Vec<DeliveryAttempt>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct Store {
    pub environments: BTreeMap<String, Environment>,
    #[serde(skip_serializing)]
    pub keys: BTreeMap<String, KeyInfo>,
    pub faults: Vec<Fault>,
    pub authorizations: HashMap<String, Authorization>,
    pub deliveries: Vec<Delivery>,
    #[serde(skip_serializing)]
    pub connect_codes: HashMap<String, ConnectCode>,
    /// Added to the wall clock for connect-code expiry; moved by `POST /__admin/clock`.
    pub clock_offset_secs: i64,
}

impl Store {
    /// The fake's clock, in Unix seconds.
    pub fn now_secs(&self) -> i64 {
        chrono::Utc::now().timestamp() + self.clock_offset_secs
    }
}
