//! Renaming or disconnecting one exact connection: prepared in Rust with the question the
//! user answers (which connection, what it does and does not do), applied once, by its id.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::accounts::{AccountView, account_view};
use super::codes::ConnectionsCode;
use crate::foundation::error::{AppError, AppResult};
use crate::steps::dashboard::catalog;
use crate::workos::app_error;
use crate::workos::crate_3_5_gaps;
use crate::workos::target::WorkosTarget;

/// One connection: the user (and organization) it belongs to, the provider, and its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConnectionTarget {
    pub slug: String,
    pub user_id: String,
    pub organization_id: Option<String>,
    pub account_id: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConnectionChangeKind {
    Rename { display_name: String },
    Disconnect,
}

/// A previewed change to one connection, kept as a pending action.
pub struct ConnectionChange {
    which: ConnectionTarget,
    kind: ConnectionChangeKind,
    target_identity: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ConnectionChangeView {
    pub which: ConnectionTarget,
    pub kind: ConnectionChangeKind,
    /// The connection as WorkOS holds it now.
    pub account: AccountView,
    pub question: String,
    /// What the change does not do, said before the user says yes.
    pub caveat: Option<String>,
    pub needs_confirmation: bool,
}

const MAX_NAME_CHARS: usize = 100;

impl ConnectionChange {
    /// Reads the connection (so the question names the one that exists now) and prepares the
    /// change; nothing is sent yet.
    pub async fn prepare(
        which: ConnectionTarget,
        kind: ConnectionChangeKind,
        target: &WorkosTarget,
    ) -> AppResult<(Self, ConnectionChangeView)> {
        if let ConnectionChangeKind::Rename { display_name } = &kind {
            check_name(display_name)?;
        }
        let account = crate_3_5_gaps::user_connected_account(
            &target.connection(),
            &which.user_id,
            &which.slug,
            Some(&which.account_id),
        )
        .await
        .map(account_view)?;
        let provider = catalog::display_name(&which.slug);
        let label = account
            .display_name
            .clone()
            .or_else(|| account.account_identifier.clone())
            .unwrap_or_else(|| account.id.clone());
        let (question, caveat) = match &kind {
            ConnectionChangeKind::Rename { display_name } => (
                format!(
                    "Rename the {provider} connection \"{label}\" ({}) to \"{display_name}\"?",
                    account.id
                ),
                None,
            ),
            ConnectionChangeKind::Disconnect => (
                format!(
                    "Disconnect the {provider} connection \"{label}\" ({})? WorkOS deletes it and its tokens; your app can no longer get a token for it.",
                    account.id
                ),
                Some(format!(
                    "This does not revoke access at {provider}: the user (or an admin) removes the app in {provider}'s own settings for that."
                )),
            ),
        };
        let view = ConnectionChangeView {
            which: which.clone(),
            kind: kind.clone(),
            account,
            question,
            caveat,
            needs_confirmation: crate::workos::needs_confirmation(target.info().environment),
        };
        let change = Self {
            which,
            kind,
            target_identity: target.identity(),
        };
        Ok((change, view))
    }

    /// Sends the change, once, to the WorkOS it was prepared against, through the SDK.
    pub async fn apply(self, target: &WorkosTarget) -> AppResult<()> {
        target.still_is(&self.target_identity, "this change")?;
        let connection = target.connection();
        let pipes = connection.sdk().pipes();
        let which = &self.which;
        match self.kind {
            ConnectionChangeKind::Rename { display_name } => {
                let body = workos::ConnectedAccountInput {
                    account_display_name: Some(display_name),
                    account_identifier: None,
                    access_token: None,
                    refresh_token: None,
                    expires_at: None,
                    scopes: None,
                    state: None,
                };
                let mut params = workos::pipes::UpdateUserConnectedAccountParams::new(body);
                params.connected_account_id = Some(which.account_id.clone());
                params.organization_id = which.organization_id.clone();
                pipes
                    .update_user_connected_account(&which.user_id, &which.slug, params)
                    .await
                    .map(|_| ())
            }
            ConnectionChangeKind::Disconnect => {
                let params = workos::pipes::DeleteUserConnectedAccountParams {
                    connected_account_id: Some(which.account_id.clone()),
                    organization_id: which.organization_id.clone(),
                    supports_multiple_connections: Some(true),
                };
                pipes
                    .delete_user_connected_account(&which.user_id, &which.slug, params)
                    .await
            }
        }
        .map_err(|e| app_error(&e))
    }
}

fn check_name(name: &str) -> AppResult<()> {
    let trimmed = name.trim();
    if trimmed.is_empty()
        || trimmed != name
        || name.chars().count() > MAX_NAME_CHARS
        || name.chars().any(char::is_control)
    {
        return Err(AppError::new(
            ConnectionsCode::NameInvalid,
            format!(
                "A connection's name is 1 to {MAX_NAME_CHARS} characters, without spaces around it or line breaks."
            ),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_with_spaces_around_line_breaks_or_too_long_are_refused() {
        assert!(check_name("Ada (work)").is_ok());
        for bad in ["", " Ada", "Ada\n", &"x".repeat(101)] {
            assert_eq!(
                check_name(bad).unwrap_err().code,
                "CONNECTION_NAME_INVALID",
                "{bad:?}"
            );
        }
    }
}
