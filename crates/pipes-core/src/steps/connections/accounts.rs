//! One user's providers, each with every connected account (read with
//! `supports_multiple_connections`, so the standard connections are there too).

use serde::Serialize;
use ts_rs::TS;

use super::codes::ConnectionsCode;
use super::words;
use crate::checks::finding::Finding;
use crate::foundation::error::AppResult;
use crate::steps::dashboard::catalog;
use crate::workos::WorkosConnection;
use crate::workos::crate_3_5_gaps::{self, ConnectedAccount, DataProvider};

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ConnectionsOverview {
    pub user_id: String,
    pub organization_id: Option<String>,
    pub providers: Vec<ProviderConnections>,
    /// A connection that needs the user (reauthorize, reconnect), one finding each.
    pub findings: Vec<Finding>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProviderConnections {
    pub slug: String,
    pub name: String,
    /// `user` or `organization`, when WorkOS says.
    pub connection_owner: Option<String>,
    pub accounts: Vec<AccountView>,
}

/// One connection, as far as it may be shown (its token never is).
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AccountView {
    pub id: String,
    pub state: String,
    pub state_words: String,
    pub state_reason: Option<String>,
    pub state_reason_words: Option<String>,
    pub role: Option<String>,
    pub role_words: Option<String>,
    pub display_name: Option<String>,
    pub account_identifier: Option<String>,
    pub scopes: Vec<String>,
    pub created_at: Option<String>,
    pub updated_at: Option<String>,
}

/// Every provider the user can connect, with each of their connections.
pub async fn load(
    connection: &WorkosConnection,
    user_id: &str,
    organization_id: Option<&str>,
) -> AppResult<ConnectionsOverview> {
    let providers = crate_3_5_gaps::user_data_providers(connection, user_id, organization_id)
        .await?
        .into_iter()
        .map(provider_view)
        .collect::<Vec<_>>();
    let findings = providers.iter().flat_map(attention).collect();
    Ok(ConnectionsOverview {
        user_id: user_id.to_string(),
        organization_id: organization_id.map(str::to_string),
        providers,
        findings,
    })
}

fn provider_view(provider: DataProvider) -> ProviderConnections {
    let mut accounts = provider.connected_accounts;
    // An answer without the plural list still names the compatibility connection.
    if accounts.is_empty()
        && let Some(only) = provider.connected_account
    {
        accounts.push(only);
    }
    ProviderConnections {
        name: provider
            .name
            .unwrap_or_else(|| catalog::display_name(&provider.slug)),
        slug: provider.slug,
        connection_owner: provider.connection_owner,
        accounts: accounts.into_iter().map(account_view).collect(),
    }
}

pub(super) fn account_view(account: ConnectedAccount) -> AccountView {
    AccountView {
        state_words: words::state(&account.state).to_string(),
        state_reason_words: account.state_reason.as_deref().map(words::state_reason),
        role_words: account
            .connection_role
            .as_deref()
            .map(|r| words::role(r).to_string()),
        id: account.id,
        state: account.state,
        state_reason: account.state_reason,
        role: account.connection_role,
        display_name: account.account_display_name,
        account_identifier: account.account_identifier,
        scopes: account.scopes,
        created_at: account.created_at,
        updated_at: account.updated_at,
    }
}

/// A finding for each connection the user has to act on.
fn attention(provider: &ProviderConnections) -> Vec<Finding> {
    provider
        .accounts
        .iter()
        .filter_map(|account| {
            let label = label(provider, account);
            let reason = account.state_reason_words.clone().unwrap_or_default();
            match account.state.as_str() {
                "needs_reauthorization" => Some(
                    Finding::warn(
                        ConnectionsCode::NeedsReauthorization,
                        format!("{label} needs reauthorization"),
                        format!("The provider no longer accepts its token. {reason}").trim_end().to_string(),
                    )
                    .with_remediation("Reauthorize it here: the user signs in at the provider again and the connection keeps its id, so your app needs no change."),
                ),
                "disconnected" => Some(
                    Finding::warn(
                        ConnectionsCode::Disconnected,
                        format!("{label} is disconnected"),
                        format!("WorkOS holds no token for it. {reason}").trim_end().to_string(),
                    )
                    .with_remediation("Reauthorize it, or disconnect it for good."),
                ),
                _ => None,
            }
        })
        .collect()
}

/// `GitHub · Ada (personal)`, or the id when the connection has no name.
pub(super) fn label(provider: &ProviderConnections, account: &AccountView) -> String {
    let name = account
        .display_name
        .clone()
        .or_else(|| account.account_identifier.clone())
        .unwrap_or_else(|| account.id.clone());
    format!("{} · {name}", provider.name)
}
