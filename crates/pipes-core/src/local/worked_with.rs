//! The test users and connection ids the user worked with in step 5, per WorkOS, kept in the
//! app's data folder (`worked-with.json`, written atomically, so a kill mid-write leaves the
//! old file or the new one, never half of one), and exportable as versioned JSON.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::foundation::error::{AppError, AppResult};
use crate::foundation::json_store::JsonStore;
use crate::steps::connections::ConnectionsOverview;

/// The export's format version.
pub const SCHEMA: u32 = 1;
/// Connections remembered; the least recently seen drop off.
const KEPT: usize = 500;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct WorkedWith {
    pub connections: Vec<WorkedConnection>,
}

/// One connection as last seen. Holds ids and labels only: nothing secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct WorkedConnection {
    /// Which WorkOS: `demo`, or the key's profile and environment.
    pub workos: String,
    pub user_id: String,
    pub organization_id: Option<String>,
    pub slug: String,
    pub connected_account_id: String,
    pub display_name: Option<String>,
    pub state: String,
    #[ts(type = "number")]
    pub last_seen_ms: u64,
}

pub type WorkedWithStore = JsonStore<WorkedWith>;

/// Remembers every connection of a loaded overview (and forgets those of that user and
/// organization on that WorkOS that are gone).
pub fn remember(
    store: &WorkedWithStore,
    workos: &str,
    overview: &ConnectionsOverview,
    now_ms: u64,
) -> AppResult<WorkedWith> {
    let seen: Vec<WorkedConnection> = overview
        .providers
        .iter()
        .flat_map(|provider| {
            provider.accounts.iter().map(|account| WorkedConnection {
                workos: workos.to_string(),
                user_id: overview.user_id.clone(),
                organization_id: overview.organization_id.clone(),
                slug: provider.slug.clone(),
                connected_account_id: account.id.clone(),
                display_name: account.display_name.clone(),
                state: account.state.clone(),
                last_seen_ms: now_ms,
            })
        })
        .collect();
    store.update(|kept| {
        kept.connections.retain(|c| {
            !(c.workos == workos
                && c.user_id == overview.user_id
                && c.organization_id == overview.organization_id)
        });
        kept.connections.extend(seen);
        kept.connections
            .sort_by_key(|c| std::cmp::Reverse(c.last_seen_ms));
        kept.connections.truncate(KEPT);
    })
}

/// The store as the file a user saves: `{"schema": 1, "connections": […]}`.
pub fn export(store: &WorkedWithStore) -> AppResult<String> {
    #[derive(Serialize)]
    struct Export {
        schema: u32,
        connections: Vec<WorkedConnection>,
    }
    serde_json::to_string_pretty(&Export {
        schema: SCHEMA,
        connections: store.snapshot().connections,
    })
    .map_err(|e| AppError::new(crate::codes::FoundationCode::InternalError, e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::connections::{AccountView, ProviderConnections};

    fn overview(user: &str, accounts: &[&str]) -> ConnectionsOverview {
        ConnectionsOverview {
            user_id: user.into(),
            organization_id: None,
            findings: Vec::new(),
            providers: vec![ProviderConnections {
                slug: "github".into(),
                name: "GitHub".into(),
                connection_owner: None,
                accounts: accounts
                    .iter()
                    .map(|id| AccountView {
                        id: id.to_string(),
                        state: "connected".into(),
                        state_words: String::new(),
                        state_reason: None,
                        state_reason_words: None,
                        role: None,
                        role_words: None,
                        display_name: Some(format!("name of {id}")),
                        account_identifier: None,
                        scopes: Vec::new(),
                        created_at: None,
                        updated_at: None,
                    })
                    .collect(),
            }],
        }
    }

    #[test]
    fn a_users_connections_are_remembered_per_workos_and_replaced_when_read_again() {
        let dir = tempfile::tempdir().unwrap();
        let store = WorkedWithStore::open(dir.path().join("worked-with.json"));
        remember(&store, "demo", &overview("ada", &["a1", "a2"]), 1).unwrap();
        remember(&store, "profile:p:sandbox", &overview("ada", &["x1"]), 2).unwrap();
        let after = remember(&store, "demo", &overview("ada", &["a2"]), 3).unwrap();
        let ids: Vec<_> = after
            .connections
            .iter()
            .map(|c| (c.workos.as_str(), c.connected_account_id.as_str()))
            .collect();
        assert_eq!(
            ids,
            [("demo", "a2"), ("profile:p:sandbox", "x1")],
            "a1 was disconnected"
        );
        let reopened = WorkedWithStore::open(dir.path().join("worked-with.json")).snapshot();
        assert_eq!(reopened, after);
    }

    #[test]
    fn the_export_is_versioned_json_of_ids_and_labels() {
        let dir = tempfile::tempdir().unwrap();
        let store = WorkedWithStore::open(dir.path().join("worked-with.json"));
        remember(&store, "demo", &overview("ada", &["a1"]), 7).unwrap();
        let exported: serde_json::Value = serde_json::from_str(&export(&store).unwrap()).unwrap();
        assert_eq!(exported["schema"], 1);
        assert_eq!(exported["connections"][0]["connected_account_id"], "a1");
        assert_eq!(exported["connections"][0]["last_seen_ms"], 7);
    }
}
