//! Which `return_to` a session-bound (PKCE) authorization may use: an exact match of a
//! redirect URI registered on the environment; loopback hosts match on any port;
//! wildcards are not honored; a query or fragment never matches.

use url::Url;

/// Why a `return_to` was refused, as the API's error code.
#[derive(Debug, PartialEq, Eq)]
pub enum Refusal {
    /// Not an absolute http(s) URL.
    Invalid,
    /// Well formed, but no registered URI matches it exactly.
    NotRegistered,
}

impl Refusal {
    pub fn code(&self) -> &'static str {
        match self {
            Refusal::Invalid => "invalid_return_to",
            Refusal::NotRegistered => "return_to_requires_exact_match",
        }
    }
}

fn is_loopback(url: &Url) -> bool {
    matches!(
        url.host_str(),
        Some("127.0.0.1") | Some("localhost") | Some("[::1]")
    )
}

fn same_ignoring_port(a: &Url, b: &Url) -> bool {
    a.scheme() == b.scheme() && a.host_str() == b.host_str() && a.path() == b.path()
}

fn matches_one(registered: &str, wanted: &Url) -> bool {
    if registered.contains('*') {
        return false;
    }
    let Ok(registered) = Url::parse(registered) else {
        return false;
    };
    if is_loopback(wanted) && is_loopback(&registered) {
        return same_ignoring_port(&registered, wanted) && registered.query().is_none();
    }
    registered == *wanted
}

/// Checks `return_to` against the registered URIs.
pub fn check(registered: &[String], return_to: &str) -> Result<(), Refusal> {
    let url = Url::parse(return_to).map_err(|_| Refusal::Invalid)?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(Refusal::Invalid);
    }
    if url.query().is_some() || url.fragment().is_some() || return_to.contains('#') {
        return Err(Refusal::NotRegistered);
    }
    if registered.iter().any(|r| matches_one(r, &url)) {
        Ok(())
    } else {
        Err(Refusal::NotRegistered)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reg() -> Vec<String> {
        vec![
            "http://127.0.0.1/callback".into(),
            "https://app.example.com/pipes/done".into(),
            "https://*.example.com/cb".into(),
        ]
    }

    #[test]
    fn loopback_matches_on_any_port() {
        assert_eq!(check(&reg(), "http://127.0.0.1:53123/callback"), Ok(()));
        assert_eq!(check(&reg(), "http://127.0.0.1/callback"), Ok(()));
        assert_eq!(
            check(&reg(), "http://127.0.0.1:5/other"),
            Err(Refusal::NotRegistered)
        );
    }

    #[test]
    fn other_hosts_match_exactly_and_wildcards_never() {
        assert_eq!(check(&reg(), "https://app.example.com/pipes/done"), Ok(()));
        assert_eq!(
            check(&reg(), "https://app.example.com:8443/pipes/done"),
            Err(Refusal::NotRegistered)
        );
        assert_eq!(
            check(&reg(), "https://a.example.com/cb"),
            Err(Refusal::NotRegistered)
        );
    }

    #[test]
    fn query_or_fragment_never_matches() {
        assert_eq!(
            check(&reg(), "http://127.0.0.1:9/callback?x=1"),
            Err(Refusal::NotRegistered)
        );
        assert_eq!(
            check(&reg(), "http://127.0.0.1:9/callback#f"),
            Err(Refusal::NotRegistered)
        );
        assert_eq!(check(&reg(), "not a url"), Err(Refusal::Invalid));
    }
}
