//! Probing one connection's token: whether the app would get one now, with which scopes and
//! which are missing. The token itself never leaves the answer's parser.

use serde::Serialize;
use ts_rs::TS;

use crate::codes::WorkosAnswerCode;
use crate::foundation::error::AppResult;
use crate::steps::dashboard::catalog::{self, CatalogScope};
use crate::workos::WorkosConnection;
use crate::workos::crate_3_5_gaps::{self, TokenProbe};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum TokenStatus {
    Active,
    NotInstalled,
    NeedsReauthorization,
    /// Several connections matched and none was named (409).
    AccountSelectionRequired,
    Other,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct TokenStatusView {
    pub status: TokenStatus,
    pub words: String,
    pub scopes: Vec<String>,
    /// Each missing scope with what it means, where the catalog knows.
    pub missing_scopes: Vec<CatalogScope>,
    pub expires_at: Option<String>,
}

/// Asks WorkOS for a token for one connection (`connected_account_id`), or for the user's
/// compatibility connection when `account_id` is `None`.
pub async fn probe(
    connection: &WorkosConnection,
    slug: &str,
    user_id: &str,
    account_id: Option<&str>,
) -> AppResult<TokenStatusView> {
    match crate_3_5_gaps::probe_token(connection, slug, user_id, account_id).await {
        Ok(TokenProbe::Active {
            expires_at,
            scopes,
            missing_scopes,
        }) => Ok(active(slug, scopes, missing_scopes, expires_at)),
        Ok(TokenProbe::Inactive { error }) => Ok(inactive(&error)),
        Err(e) if e.has_code(WorkosAnswerCode::AccountSelectionRequired) => Ok(view(
            TokenStatus::AccountSelectionRequired,
            "This user has several connections to this provider and the call named none (409 account_selection_required). Pass the connected_account_id of the one you mean: every token call of your app should.",
        )),
        Err(e) => Err(e),
    }
}

fn active(
    slug: &str,
    scopes: Vec<String>,
    missing: Vec<String>,
    expires_at: Option<String>,
) -> TokenStatusView {
    let words = if missing.is_empty() {
        "Active: WorkOS hands out a fresh token for this connection, with every scope the integration asks for.".to_string()
    } else {
        format!(
            "Active, but {} of the integration's scopes were not granted: calls that need them will get 403 from the provider until the user reauthorizes.",
            missing.len()
        )
    };
    let meanings = catalog::entry_for(slug)
        .map(|e| e.scopes)
        .unwrap_or_default();
    let missing_scopes = missing
        .into_iter()
        .map(|scope| CatalogScope {
            meaning: meanings
                .iter()
                .find(|known| known.scope == scope)
                .map_or_else(String::new, |known| known.meaning.clone()),
            scope,
        })
        .collect();
    TokenStatusView {
        status: TokenStatus::Active,
        words,
        scopes,
        missing_scopes,
        expires_at,
    }
}

fn inactive(error: &str) -> TokenStatusView {
    match error {
        "not_installed" => view(
            TokenStatus::NotInstalled,
            "Not installed: WorkOS has no connection for this user and provider (it was disconnected, or never made).",
        ),
        "needs_reauthorization" => view(
            TokenStatus::NeedsReauthorization,
            "Needs reauthorization: the provider no longer accepts the stored token. Reauthorize the connection.",
        ),
        other => view(
            TokenStatus::Other,
            &format!("No token: WorkOS says \"{other}\"."),
        ),
    }
}

fn view(status: TokenStatus, words: &str) -> TokenStatusView {
    TokenStatusView {
        status,
        words: words.to_string(),
        scopes: Vec::new(),
        missing_scopes: Vec::new(),
        expires_at: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_scopes_are_counted_and_explained() {
        let view = active(
            "github",
            vec!["read:user".into()],
            vec!["repo".into()],
            None,
        );
        assert!(view.words.contains("1 of the integration's scopes"));
        assert_eq!(view.missing_scopes[0].scope, "repo");
        assert!(
            !view.missing_scopes[0].meaning.is_empty(),
            "the catalog knows repo"
        );
    }

    #[test]
    fn each_inactive_answer_has_its_own_status() {
        assert_eq!(inactive("not_installed").status, TokenStatus::NotInstalled);
        assert_eq!(
            inactive("needs_reauthorization").status,
            TokenStatus::NeedsReauthorization
        );
        assert!(inactive("suspended").words.contains("suspended"));
    }
}
