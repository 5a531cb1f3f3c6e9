//! Where each provider's own API is, and a few calls worth trying with a fresh token. On the
//! built-in demo (or any local WorkOS) the provider is fake-workos's small provider API.

use serde::Serialize;
use ts_rs::TS;

use crate::workos::target::{WorkosTarget, is_local};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ProviderApi {
    pub slug: String,
    /// Everything before the path the user types.
    pub base_url: String,
    /// Paths (with their query) that read something harmless.
    pub examples: Vec<String>,
    /// The fake provider API of a local WorkOS, not the provider itself.
    pub simulated: bool,
}

/// `(slugs, base, example paths)`; a slug ending in `-` is a prefix (`google-` covers Drive…).
const APIS: &[(&str, &str, &[&str])] = &[
    (
        "github",
        "https://api.github.com",
        &["/user", "/user/repos?per_page=5"],
    ),
    (
        "slack",
        "https://slack.com/api",
        &["/auth.test", "/conversations.list?limit=5"],
    ),
    (
        "google-",
        "https://www.googleapis.com",
        &["/drive/v3/files?pageSize=5", "/oauth2/v3/userinfo"],
    ),
    (
        "gmail",
        "https://gmail.googleapis.com",
        &["/gmail/v1/users/me/profile"],
    ),
    ("notion", "https://api.notion.com", &["/v1/users/me"]),
    (
        "hubspot",
        "https://api.hubapi.com",
        &["/crm/v3/objects/contacts?limit=5"],
    ),
    (
        "atlassian",
        "https://api.atlassian.com",
        &["/me", "/oauth/token/accessible-resources"],
    ),
    ("microsoft-", "https://graph.microsoft.com/v1.0", &["/me"]),
    ("gitlab", "https://gitlab.com/api/v4", &["/user"]),
    ("asana", "https://app.asana.com/api/1.0", &["/users/me"]),
    (
        "dropbox",
        "https://api.dropboxapi.com/2",
        &["/users/get_current_account"],
    ),
];

/// The API the request console calls for `slug` on `target`'s WorkOS. `None` for a provider
/// whose API address the app does not know (Salesforce's is per customer, for one).
pub fn provider_api(target: &WorkosTarget, slug: &str) -> Option<ProviderApi> {
    let known = APIS
        .iter()
        .find(|(key, _, _)| *key == slug || key.ends_with('-') && slug.starts_with(*key));
    let examples = known.map_or_else(
        || vec!["/user".to_string()],
        |(_, _, paths)| paths.iter().map(|p| p.to_string()).collect(),
    );
    if is_local(target) {
        return Some(ProviderApi {
            slug: slug.to_string(),
            base_url: format!(
                "{}/provider-api/{slug}",
                target.base_url().trim_end_matches('/')
            ),
            examples,
            simulated: true,
        });
    }
    known.map(|(_, base, _)| ProviderApi {
        slug: slug.to_string(),
        base_url: base.to_string(),
        examples,
        simulated: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundation::sensitive::Sensitive;

    fn target(base: &str) -> WorkosTarget {
        WorkosTarget::profile("p", base, Sensitive::new("sk_test_x".into()))
    }

    #[test]
    fn a_real_workos_calls_the_providers_own_api() {
        let api = provider_api(&target("https://api.workos.com"), "github").unwrap();
        assert_eq!(api.base_url, "https://api.github.com");
        assert!(!api.simulated);
        let drive = provider_api(&target("https://api.workos.com"), "google-drive").unwrap();
        assert_eq!(drive.base_url, "https://www.googleapis.com");
        assert!(provider_api(&target("https://api.workos.com"), "salesforce").is_none());
    }

    #[test]
    fn a_local_workos_calls_its_own_provider_api() {
        for base in [
            "http://127.0.0.1:4460",
            "http://localhost:4460/",
            "http://[::1]:4460",
        ] {
            let api = provider_api(&target(base), "github").unwrap();
            assert!(api.simulated, "{base}");
            assert!(
                api.base_url.ends_with(":4460/provider-api/github"),
                "{}",
                api.base_url
            );
        }
        assert!(provider_api(&target("http://127.0.0.1:1"), "salesforce").is_some());
    }
}
