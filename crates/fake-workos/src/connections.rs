//! Several connections per owner and provider: which connection a request means, and
//! when another may be added. The first connection of an owner fills the compatibility
//! slot (what v0.61.0 clients see); later ones are `standard`.

use axum::http::StatusCode;
use serde::Deserialize;

use crate::errors::{ApiError, ApiResult};
use crate::fake_state::new_account;
use crate::state::{ConnectedAccount, Environment, Integration, Ownership};

/// Connections one owner may hold for one provider.
pub const CONNECTION_LIMIT: usize = 10;

/// Whose connections a request is about.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Owner {
    /// A user's own connections, optionally scoped to one organization.
    User {
        user_id: String,
        org: Option<String>,
    },
    /// An organization's shared connections.
    Organization { org: String },
}

impl Owner {
    fn owns(&self, account: &ConnectedAccount) -> bool {
        match self {
            Self::User { user_id, .. } => {
                account.owner == Ownership::User && &account.user_id == user_id
            }
            Self::Organization { org } => {
                account.owner == Ownership::Organization
                    && account.organization_id.as_deref() == Some(org)
            }
        }
    }

    /// The root whose integration serves this owner.
    pub fn ownership(&self) -> Ownership {
        match self {
            Self::User { .. } => Ownership::User,
            Self::Organization { .. } => Ownership::Organization,
        }
    }

    pub fn org(&self) -> Option<&str> {
        match self {
            Self::User { org, .. } => org.as_deref(),
            Self::Organization { org } => Some(org),
        }
    }
}

/// What an authorization is for: the compatibility slot (created or refreshed), another
/// connection, or reauthorizing one named connection.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub enum Intent {
    #[default]
    Compatibility,
    Add,
    Reauthorize(String),
}

impl Intent {
    /// `connection_intent` + `connected_account_id` of an authorize request.
    pub fn parse(intent: Option<&str>, connected_account_id: Option<&str>) -> ApiResult<Self> {
        let invalid = |field: &str, message: &str| {
            ApiError::validation(vec![crate::errors::FieldError::new(
                field, "invalid", message,
            )])
        };
        match (intent, connected_account_id.filter(|id| !id.is_empty())) {
            (None, None) => Ok(Self::Compatibility),
            (Some("add"), None) => Ok(Self::Add),
            (Some("reauthorize"), Some(id)) => Ok(Self::Reauthorize(id.to_string())),
            (Some("reauthorize"), None) => Err(invalid(
                "connected_account_id",
                "connection_intent 'reauthorize' needs the connected_account_id to reauthorize.",
            )),
            (_, Some(_)) => Err(invalid(
                "connected_account_id",
                "connected_account_id is only accepted with connection_intent 'reauthorize'.",
            )),
            (Some(other), None) => Err(invalid(
                "connection_intent",
                &format!("connection_intent must be 'add' or 'reauthorize', not '{other}'."),
            )),
        }
    }
}

/// The selectors a request may carry (query or body, by endpoint).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Selector {
    #[serde(default)]
    pub connected_account_id: Option<String>,
    #[serde(default, deserialize_with = "crate::connections::lenient_bool")]
    pub supports_multiple_connections: bool,
}

impl Selector {
    pub fn from_query(query: &std::collections::HashMap<String, String>) -> Self {
        Self {
            connected_account_id: query
                .get("connected_account_id")
                .filter(|id| !id.is_empty())
                .cloned(),
            supports_multiple_connections: query
                .get("supports_multiple_connections")
                .is_some_and(|v| v == "true"),
        }
    }
}

/// `true`, `"true"` or absent: the SDKs send booleans in bodies, strings in queries.
pub fn lenient_bool<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    let value = Option::<serde_json::Value>::deserialize(d)?;
    Ok(matches!(value, Some(serde_json::Value::Bool(true))) || value == Some("true".into()))
}

pub fn account_not_found(slug: &str) -> ApiError {
    ApiError::coded(
        StatusCode::NOT_FOUND,
        "connected_account_not_found",
        format!("No matching connected account for provider '{slug}'."),
    )
}

impl Environment {
    /// Indices of `owner`'s connections for `slug`. Without an organization, a user's
    /// unscoped connections win over organization-scoped ones.
    pub fn connections_of(&self, owner: &Owner, slug: &str) -> Vec<usize> {
        let mine: Vec<usize> = (0..self.connected_accounts.len())
            .filter(|&i| {
                let a = &self.connected_accounts[i];
                a.slug == slug && owner.owns(a)
            })
            .collect();
        let scoped = |i: &usize| self.connected_accounts[*i].organization_id.as_deref();
        match owner {
            Owner::User { org: Some(org), .. } => mine
                .into_iter()
                .filter(|i| scoped(i) == Some(org))
                .collect(),
            Owner::User { org: None, .. } if mine.iter().any(|i| scoped(i).is_none()) => {
                mine.into_iter().filter(|i| scoped(i).is_none()).collect()
            }
            _ => mine,
        }
    }

    /// The compatibility connection, the one v0.61.0 clients read and write.
    pub fn compatibility(&self, owner: &Owner, slug: &str) -> Option<usize> {
        self.connections_of(owner, slug)
            .into_iter()
            .find(|&i| self.connected_accounts[i].labels.role() == "compatibility")
    }

    /// The connection a request means: the one named by id; with
    /// `supports_multiple_connections`, the only match (409 when several match);
    /// otherwise the compatibility connection. `None`: nothing matches.
    pub fn select(
        &self,
        owner: &Owner,
        slug: &str,
        selector: &Selector,
    ) -> ApiResult<Option<usize>> {
        let candidates = self.connections_of(owner, slug);
        if let Some(id) = &selector.connected_account_id {
            let found = candidates
                .into_iter()
                .find(|&i| &self.connected_accounts[i].id == id);
            return found.map(Some).ok_or_else(|| account_not_found(slug));
        }
        if !selector.supports_multiple_connections {
            return Ok(self.compatibility(owner, slug));
        }
        match candidates.as_slice() {
            [] => Ok(None),
            [only] => Ok(Some(*only)),
            _ => Err(ApiError::coded(
                StatusCode::CONFLICT,
                "account_selection_required",
                format!(
                    "{} connected accounts match provider '{slug}'; pass connected_account_id to choose one.",
                    candidates.len()
                ),
            )),
        }
    }

    /// The connections a read shows: all with `supports_multiple_connections`, else the
    /// compatibility slot only.
    pub fn visible(&self, owner: &Owner, slug: &str, multiple: bool) -> Vec<&ConnectedAccount> {
        let indices = match multiple {
            true => self.connections_of(owner, slug),
            false => self.compatibility(owner, slug).into_iter().collect(),
        };
        indices
            .into_iter()
            .map(|i| &self.connected_accounts[i])
            .collect()
    }

    /// 404 `multiple_connections_unavailable` without the feature (once the owner has a
    /// connection), 409 `connected_account_limit_reached` at the limit.
    pub fn check_can_add(&self, owner: &Owner, slug: &str) -> ApiResult<()> {
        let held = self.connections_of(owner, slug).len();
        if held > 0 && !self.multiple_connections {
            return Err(ApiError::coded(
                StatusCode::NOT_FOUND,
                "multiple_connections_unavailable",
                "Multiple connections are not enabled for this environment yet: contact WorkOS to turn them on.",
            ));
        }
        if held >= CONNECTION_LIMIT {
            return Err(ApiError::coded(
                StatusCode::CONFLICT,
                "connected_account_limit_reached",
                format!("At most {CONNECTION_LIMIT} connections per owner and provider."),
            ));
        }
        Ok(())
    }

    /// Where a consented authorization lands: an existing connection to refresh, or a new
    /// one (`None`). Errors when the intent can no longer be honoured.
    pub fn intent_target(
        &self,
        owner: &Owner,
        slug: &str,
        intent: &Intent,
    ) -> ApiResult<Option<usize>> {
        match intent {
            Intent::Compatibility => Ok(self.compatibility(owner, slug)),
            Intent::Add => self.check_can_add(owner, slug).map(|()| None),
            Intent::Reauthorize(id) => {
                let selector = Selector {
                    connected_account_id: Some(id.clone()),
                    supports_multiple_connections: true,
                };
                self.select(owner, slug, &selector)
            }
        }
    }

    /// Adds a new connection for `owner` (after `check_can_add`); `acting_user` is the
    /// user who authorized it. Returns its index.
    pub fn add_connection(
        &mut self,
        owner: &Owner,
        integration: &Integration,
        acting_user: &str,
    ) -> usize {
        let slot_taken = self.connected_accounts.iter().any(|a| {
            a.slug == integration.slug
                && owner.owns(a)
                && a.organization_id.as_deref() == owner.org()
                && a.labels.role() == "compatibility"
        });
        let role = if slot_taken {
            "standard"
        } else {
            "compatibility"
        };
        let mut account = new_account(integration, acting_user, owner.org().map(String::from));
        if let Owner::Organization { .. } = owner {
            account.owner = Ownership::Organization;
        }
        account.labels.connection_role = Some(role.to_string());
        self.connected_accounts.push(account);
        self.connected_accounts.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::seed::Seed;

    const ADA: &str = "user_01JDEM0ADA0000000000000000";

    fn sandbox() -> Environment {
        Seed::demo().build_store().unwrap().environments["sandbox"].clone()
    }

    fn ada() -> Owner {
        Owner::User {
            user_id: ADA.into(),
            org: None,
        }
    }

    #[test]
    fn the_compatibility_slot_is_what_old_clients_see() {
        let env = sandbox();
        let picked = env.select(&ada(), "github", &Selector::default()).unwrap();
        let account = &env.connected_accounts[picked.unwrap()];
        assert_eq!(account.labels.role(), "compatibility");
        assert_eq!(env.visible(&ada(), "github", false).len(), 1);
        assert_eq!(env.visible(&ada(), "github", true).len(), 2);
    }

    #[test]
    fn several_matches_need_a_selection_and_an_id_picks_one() {
        let env = sandbox();
        let multiple = Selector {
            supports_multiple_connections: true,
            ..Default::default()
        };
        let err = env.select(&ada(), "github", &multiple).unwrap_err();
        assert_eq!(err.status, StatusCode::CONFLICT);
        let standard = env.visible(&ada(), "github", true)[1].id.clone();
        let named = Selector {
            connected_account_id: Some(standard.clone()),
            ..multiple
        };
        let picked = env.select(&ada(), "github", &named).unwrap().unwrap();
        assert_eq!(env.connected_accounts[picked].id, standard);
        let unknown = Selector {
            connected_account_id: Some("data_installation_nope".into()),
            ..Default::default()
        };
        assert_eq!(
            env.select(&ada(), "github", &unknown).unwrap_err().status,
            StatusCode::NOT_FOUND
        );
    }

    #[test]
    fn adding_needs_the_feature_once_a_connection_exists() {
        let mut env = sandbox();
        env.multiple_connections = false;
        assert_eq!(
            env.check_can_add(&ada(), "github").unwrap_err().status,
            StatusCode::NOT_FOUND
        );
        assert!(
            env.check_can_add(&ada(), "slack").is_ok(),
            "a first one is fine"
        );
        env.multiple_connections = true;
        let github = env.integration("github").unwrap().clone();
        while env.check_can_add(&ada(), "github").is_ok() {
            let i = env.add_connection(&ada(), &github, ADA);
            assert_eq!(env.connected_accounts[i].labels.role(), "standard");
        }
        assert_eq!(env.connections_of(&ada(), "github").len(), CONNECTION_LIMIT);
    }
}
