//! Step 1: the official Pipes pages, and where the old setup guide is wrong.

use serde::Serialize;
use ts_rs::TS;

/// An official page the user can open in their browser. Opened by id, so the webview can
/// never ask the app to open an arbitrary URL.
#[derive(Debug, Clone, Serialize, TS)]
pub struct DocLink {
    pub id: &'static str,
    pub title: &'static str,
    pub url: &'static str,
    pub description: &'static str,
}

/// One place where the old setup guide disagrees with the official API.
#[derive(Debug, Clone, Serialize, TS)]
pub struct GuideCorrection {
    pub topic: &'static str,
    pub old_guide: &'static str,
    pub reality: &'static str,
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct DocsCatalog {
    pub links: Vec<DocLink>,
    pub corrections: Vec<GuideCorrection>,
}

const LINKS: &[DocLink] = &[
    DocLink {
        id: "pipes",
        title: "WorkOS Pipes",
        url: "https://workos.com/docs/pipes",
        description: "What Pipes does, how connected accounts and access tokens work, and the quick start.",
    },
    DocLink {
        id: "pipes-providers",
        title: "Pipes providers",
        url: "https://workos.com/docs/pipes/providers",
        description: "Every provider Pipes supports, its scopes, and how to create its OAuth app.",
    },
    DocLink {
        id: "api-reference",
        title: "WorkOS API reference",
        url: "https://workos.com/docs/reference",
        description: "The endpoints this app calls, with their exact requests and answers.",
    },
    DocLink {
        id: "dashboard",
        title: "WorkOS Dashboard",
        url: "https://dashboard.workos.com",
        description: "Where you enable providers, set credentials and find your API keys.",
    },
];

const CORRECTIONS: &[GuideCorrection] = &[
    GuideCorrection {
        topic: "Redirect URI",
        old_guide: "One fixed redirect URI, https://api.workos.com/sso/oauth/redirect, for every provider.",
        reality: "Each data integration has its own redirect URI, returned as redirect_uri by GET /data-integrations/{slug} and shaped https://api.workos.com/data-integrations/{slug}/dik_…/callback. Copy it from the API or the Dashboard; never hard-code it.",
    },
    GuideCorrection {
        topic: "Webhook event names",
        old_guide: "pipe.connection.activated and pipe.connection.deactivated.",
        reality: "pipes.connected_account.connected, pipes.connected_account.connection_failed, pipes.connected_account.disconnected and pipes.connected_account.reauthorization_needed. connection.activated/deactivated are SSO events.",
    },
    GuideCorrection {
        topic: "SDK methods",
        old_guide: "pipes.listProviders() and pipes.makeRequest({connectionId}).",
        reality: "workos.pipes.listUserDataProviders({userId}) and workos.pipes.getAccessToken({provider, userId, organizationId}); your code then calls the provider's API with that token.",
    },
    GuideCorrection {
        topic: "Ids and states",
        old_guide: "Connections with conn_… ids and status: \"active\".",
        reality: "Connected accounts with data_installation_… ids and state: connected, needs_reauthorization or disconnected.",
    },
    GuideCorrection {
        topic: "Rate limits",
        old_guide: "Pipes proxies your API calls and handles the provider's rate limits.",
        reality: "Pipes hands out fresh access tokens and refreshes them. Your code calls the provider directly and must handle the provider's rate limits itself.",
    },
    GuideCorrection {
        topic: "Missing scopes",
        old_guide: "A connected account either works or it does not.",
        reality: "An access token can be active with missing_scopes. Calls that need those scopes fail with provider 403s: treat it like needs_reauthorization and ask the user to reconnect.",
    },
];

pub fn catalog() -> DocsCatalog {
    DocsCatalog {
        links: LINKS.to_vec(),
        corrections: CORRECTIONS.to_vec(),
    }
}

pub fn link(id: &str) -> Option<&'static DocLink> {
    LINKS.iter().find(|l| l.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pipes_pages_are_official_https_links_with_unique_ids() {
        let catalog = catalog();
        assert!(
            catalog
                .links
                .iter()
                .any(|l| l.url == "https://workos.com/docs/pipes")
        );
        assert!(
            catalog
                .links
                .iter()
                .any(|l| l.url == "https://workos.com/docs/pipes/providers")
        );
        let mut ids: Vec<_> = catalog.links.iter().map(|l| l.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), catalog.links.len());
        assert!(catalog.links.iter().all(|l| l.url.starts_with("https://")));
    }

    #[test]
    fn corrections_name_the_real_event_names_and_redirect_shape() {
        let text: String = catalog().corrections.iter().map(|c| c.reality).collect();
        assert!(text.contains("pipes.connected_account.connected"));
        assert!(text.contains("/data-integrations/{slug}/dik_"));
        assert!(text.contains("getAccessToken"));
    }

    #[test]
    fn unknown_link_ids_are_refused() {
        assert!(link("pipes").is_some());
        assert!(link("https://evil.example").is_none());
    }
}
