//! Redirect URI verification, both legs, under the rule of whoever does the matching:
//!
//! - the provider leg: the integration's own `redirect_uri` (what WorkOS sends) against what
//!   the provider's OAuth app holds, under that provider's rule (GitHub accepts a sub-path on
//!   the same host and port; Google and Microsoft want an exact match);
//! - the app leg: the app's return URL against the redirect URIs registered with WorkOS
//!   (exact match, loopback on any port, no wildcard, never a query or fragment).
//!
//! The same comparison backs the Dashboard step and `pipes-doctor compare-redirect`.

mod char_diff;
mod differences;
mod parts;

use serde::Serialize;
use ts_rs::TS;

pub use char_diff::{DiffSegment, SegmentKind, char_diff};
pub use differences::{Difference, DifferenceKind, differences};
use parts::UriParts;

/// Who matches the URI, and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum RedirectRule {
    /// Byte for byte (Google, and any provider without a documented looser rule).
    Exact,
    /// Same host (or a subdomain) and port, the path at or below the callback's; loopback on any port.
    Github,
    /// Exact, paths case-sensitive; `http://localhost` on any port.
    Microsoft,
    /// WorkOS's registered return URLs: exact, loopback on any port, no wildcard, no query or fragment.
    WorkosReturnUrl,
}

/// The rule in words, with where it is written down.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RuleCitation {
    pub rule: RedirectRule,
    pub name: String,
    pub summary: String,
    pub source_url: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The two strings are identical.
    ExactMatch,
    /// Not identical, but the matcher's rule accepts it.
    Accepted,
    WillFail,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct RedirectComparison {
    pub expected: String,
    pub actual: String,
    pub verdict: Verdict,
    pub differences: Vec<Difference>,
    pub diff: Vec<DiffSegment>,
    pub rule: RuleCitation,
}

/// The rule for a comparison as asked: WorkOS's return-URL rule, a provider's, or exact.
pub fn rule_for(provider: Option<&str>, return_url: bool) -> RedirectRule {
    match (return_url, provider) {
        (true, _) => RedirectRule::WorkosReturnUrl,
        (false, Some(slug)) => rule_for_provider(slug),
        (false, None) => RedirectRule::Exact,
    }
}

/// The rule of the provider behind an integration slug (`github`, `google-drive`, …).
pub fn rule_for_provider(slug: &str) -> RedirectRule {
    let slug = slug.to_ascii_lowercase();
    if slug == "github" {
        RedirectRule::Github
    } else if ["microsoft", "outlook", "onedrive", "sharepoint", "teams"]
        .iter()
        .any(|name| slug.contains(name))
    {
        RedirectRule::Microsoft
    } else {
        RedirectRule::Exact
    }
}

pub fn citation(rule: RedirectRule) -> RuleCitation {
    let (name, summary, url) = match rule {
        RedirectRule::Exact => (
            "Exact match",
            "The redirect URI must match a registered one character for character: scheme, host, port, path, trailing slash and case. Google documents this (\"must exactly match one of the authorized redirect URIs\"); for providers without a documented looser rule the app assumes it.",
            "https://developers.google.com/identity/protocols/oauth2/web-server#uri-validation",
        ),
        RedirectRule::Github => (
            "GitHub OAuth app callback URL",
            "The redirect_uri's host (or a subdomain of it) and port must exactly match the callback URL, and its path must be the callback's path or a subdirectory of it. For loopback (127.0.0.1) callbacks any port is accepted.",
            "https://docs.github.com/en/apps/oauth-apps/building-oauth-apps/authorizing-oauth-apps#redirect-urls",
        ),
        RedirectRule::Microsoft => (
            "Microsoft identity platform",
            "The redirect URI must match a registered one exactly, and paths are case-sensitive. For http://localhost the port is ignored (RFC 8252 §7.3).",
            "https://learn.microsoft.com/en-us/entra/identity-platform/reply-url",
        ),
        RedirectRule::WorkosReturnUrl => (
            "WorkOS registered return URL",
            "With a code challenge, return_to must exactly match a redirect URI registered with WorkOS. Loopback URLs (127.0.0.1, [::1], localhost) match on any port (RFC 8252 §7.3); wildcards are not honoured, and a URL with a query or fragment never matches.",
            "https://workos.com/docs/pipes/securing-authorizations",
        ),
    };
    RuleCitation {
        rule,
        name: name.into(),
        summary: summary.into(),
        source_url: url.into(),
    }
}

/// Compares the value that must be accepted (`expected`) with the one given (`actual`).
pub fn compare_redirect(expected: &str, actual: &str, rule: RedirectRule) -> RedirectComparison {
    let mut found = differences(expected, actual);
    if rule == RedirectRule::WorkosReturnUrl {
        found.extend(workos_violations(expected, "registered"));
        found.extend(workos_violations(actual, "return"));
    }
    let verdict = if found.is_empty() && expected == actual {
        Verdict::ExactMatch
    } else if accepted(rule, expected, actual, &found) {
        Verdict::Accepted
    } else {
        Verdict::WillFail
    };
    RedirectComparison {
        expected: expected.to_string(),
        actual: actual.to_string(),
        verdict,
        differences: found,
        diff: char_diff(expected, actual),
        rule: citation(rule),
    }
}

/// The app's return URL against every URI registered with WorkOS: the one that accepts it,
/// else the closest one, so its differences can be shown. `None` when nothing is registered.
pub fn best_registered_match(
    return_url: &str,
    registered: &[String],
) -> Option<RedirectComparison> {
    registered
        .iter()
        .map(|uri| compare_redirect(uri, return_url, RedirectRule::WorkosReturnUrl))
        .min_by_key(|c| (c.verdict == Verdict::WillFail, c.differences.len()))
}

fn workos_violations(uri: &str, label: &str) -> Vec<Difference> {
    let mut found = Vec::new();
    let violation = |message: String| Difference {
        kind: DifferenceKind::RuleViolation,
        message,
    };
    if uri.contains('*') {
        found.push(violation(format!(
            "The {label} URL has a wildcard (*); WorkOS does not honour wildcards for return URLs."
        )));
    }
    if let Some(parts) = UriParts::split(uri.trim()) {
        if parts.query.is_some() {
            found.push(violation(format!(
                "The {label} URL has a query (?…); a return URL with a query never matches. Put state in the state parameter."
            )));
        }
        if parts.fragment.is_some() {
            found.push(violation(format!(
                "The {label} URL has a fragment (#…); a return URL with a fragment never matches."
            )));
        }
    }
    found
}

/// Whether the rule lets the differences through.
fn accepted(rule: RedirectRule, expected: &str, actual: &str, found: &[Difference]) -> bool {
    let (Some(e), Some(a)) = (UriParts::split(expected), UriParts::split(actual)) else {
        return false;
    };
    let only = |allowed: &[DifferenceKind]| found.iter().all(|d| allowed.contains(&d.kind));
    let both_loopback = e.is_loopback() && a.is_loopback() && e.host.eq_ignore_ascii_case(a.host);
    match rule {
        RedirectRule::Exact => false,
        RedirectRule::WorkosReturnUrl => both_loopback && only(&[DifferenceKind::Port]),
        RedirectRule::Microsoft => {
            e.host.eq_ignore_ascii_case("localhost")
                && both_loopback
                && only(&[DifferenceKind::Port])
        }
        RedirectRule::Github => {
            let port_ok = e.effective_port() == a.effective_port() || both_loopback;
            let allowed = [
                DifferenceKind::Port,
                DifferenceKind::Subdomain,
                DifferenceKind::HostCase,
                DifferenceKind::SubPath,
                DifferenceKind::DefaultPortWritten,
            ];
            let host_ok = e.host.eq_ignore_ascii_case(a.host)
                || e.host
                    .to_ascii_lowercase()
                    .ends_with(&format!(".{}", a.host.to_ascii_lowercase()));
            port_ok && host_ok && only(&allowed) && differences::is_sub_path(e.path, a.path)
        }
    }
}

#[cfg(test)]
mod tests;
