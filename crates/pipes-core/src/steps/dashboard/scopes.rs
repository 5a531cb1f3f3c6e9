//! Scopes, three ways: requested on the WorkOS side, configured on the provider side (as the
//! user pasted them), and granted to a connection (`missing_scopes` after the test). Each
//! scope missing somewhere is named with what it means.

use serde::Serialize;
use ts_rs::TS;

use super::catalog;
use crate::checks::finding::Finding;
use crate::codes::DashboardCode;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ScopeRow {
    pub scope: String,
    pub meaning: Option<String>,
    pub requested: bool,
    /// `None` when the provider side was not given.
    pub configured: Option<bool>,
    /// `None` when no connection was checked.
    pub granted: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ScopeComparison {
    pub rows: Vec<ScopeRow>,
    pub findings: Vec<Finding>,
}

/// Splits pasted scopes on spaces, commas and line breaks (providers list them every way).
pub fn parse_scopes(text: &str) -> Vec<String> {
    let mut scopes: Vec<String> = Vec::new();
    for scope in text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|s| !s.is_empty())
    {
        if !scopes.iter().any(|s| s == scope) {
            scopes.push(scope.to_string());
        }
    }
    scopes
}

pub fn compare_scopes(
    slug: &str,
    requested: &[String],
    configured: Option<&[String]>,
    missing_after_connect: Option<&[String]>,
) -> ScopeComparison {
    let meanings = catalog::entry_for(slug)
        .map(|e| e.scopes)
        .unwrap_or_default();
    let meaning = |scope: &str| {
        meanings
            .iter()
            .find(|m| m.scope == scope)
            .map(|m| m.meaning.clone())
    };
    let mut names: Vec<String> = requested.to_vec();
    for scope in configured.unwrap_or_default() {
        if !names.contains(scope) {
            names.push(scope.clone());
        }
    }
    let rows: Vec<ScopeRow> = names
        .iter()
        .map(|scope| ScopeRow {
            scope: scope.clone(),
            meaning: meaning(scope),
            requested: requested.contains(scope),
            configured: configured.map(|c| c.contains(scope)),
            granted: missing_after_connect.map(|m| requested.contains(scope) && !m.contains(scope)),
        })
        .collect();
    let findings = findings(&rows);
    ScopeComparison { rows, findings }
}

fn findings(rows: &[ScopeRow]) -> Vec<Finding> {
    let named = |pick: &dyn Fn(&ScopeRow) -> bool| -> Vec<String> {
        rows.iter()
            .filter(|r| pick(r))
            .map(|r| match &r.meaning {
                Some(m) => format!("{} ({m})", r.scope),
                None => r.scope.clone(),
            })
            .collect()
    };
    let mut out = Vec::new();
    let unconfigured = named(&|r| r.requested && r.configured == Some(false));
    if !unconfigured.is_empty() {
        out.push(
            Finding::warn(
                DashboardCode::ScopesNotConfiguredAtProvider,
                "Requested scopes the provider's app does not have",
                format!("WorkOS asks for {}, but the provider's OAuth app does not list them: the consent fails or grants less.", unconfigured.join(", ")),
            )
            .with_remediation("Add them to the OAuth app at the provider, or remove them from the integration's scopes."),
        );
    }
    let ungranted = named(&|r| r.granted == Some(false));
    if !ungranted.is_empty() {
        out.push(
            Finding::warn(
                DashboardCode::ScopesNotGranted,
                "The connection lacks requested scopes",
                format!("The token does not carry {}.", ungranted.join(", ")),
            )
            .with_remediation("Existing connections keep their old scopes until they are reauthorized: reauthorize the connection (step 5) after fixing the scopes."),
        );
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(scopes: &[&str]) -> Vec<String> {
        scopes.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn pasted_scopes_are_split_every_way_and_deduplicated() {
        assert_eq!(
            parse_scopes("repo, read:user\nrepo  user:email"),
            list(&["repo", "read:user", "user:email"])
        );
        assert!(parse_scopes(" , \n").is_empty());
    }

    #[test]
    fn each_missing_scope_is_named_with_its_meaning() {
        let requested = list(&["repo", "read:org"]);
        let configured = list(&["repo", "workflow"]);
        let report = compare_scopes("github", &requested, Some(&configured), None);
        let codes: Vec<&str> = report.findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(codes, ["SCOPES_NOT_CONFIGURED_AT_PROVIDER"]);
        assert!(
            report.findings[0]
                .message
                .contains("read:org (read organization and team membership)")
        );
        let workflow = report.rows.iter().find(|r| r.scope == "workflow").unwrap();
        assert!(!workflow.requested && workflow.configured == Some(true));
    }

    #[test]
    fn scopes_missing_after_the_connection_say_reauthorize() {
        let requested = list(&["repo", "read:user"]);
        let report = compare_scopes("github", &requested, None, Some(&list(&["read:user"])));
        assert_eq!(report.findings.len(), 1);
        assert_eq!(report.findings[0].code, "SCOPES_NOT_GRANTED");
        assert!(
            report.findings[0]
                .remediation
                .as_deref()
                .unwrap()
                .contains("reauthorized")
        );
        assert_eq!(report.rows[0].granted, Some(true));
        assert_eq!(report.rows[1].granted, Some(false));
        assert!(
            compare_scopes("github", &requested, Some(&requested), Some(&[]))
                .findings
                .is_empty()
        );
    }
}
