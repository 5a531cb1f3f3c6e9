//! Step 1: the official Pipes pages, and where the old setup guide is wrong.

pub mod codes;

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
        id: "pipes-securing-authorizations",
        title: "Securing authorizations",
        url: "https://workos.com/docs/pipes/securing-authorizations",
        description: "Today's secure flow: a code challenge, a registered return URL, and finishing the connection from your server.",
    },
    DocLink {
        id: "pipes-multiple-connections",
        title: "Multiple connections",
        url: "https://workos.com/docs/pipes/multiple-connections",
        description: "Several accounts of one provider per user: adding, reauthorizing and choosing the one a token is for.",
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
        reality: "Nine Pipes events: pipes.connected_account.connected, pipes.connected_account.connection_failed, pipes.connected_account.disconnected, pipes.connected_account.reauthorization_needed, and the newer pipes.account_connection.connected, pipes.account_connection.disconnected, pipes.account_connection.reauthorization_needed, pipes.account_connection.connection_failed and pipes.account_connection.add_failed. Subscribe to both families. connection.activated/deactivated are SSO events.",
    },
    GuideCorrection {
        topic: "Finishing a connection",
        old_guide: "Send the user to the authorization URL; the connection is saved when they come back.",
        reality: "Today's secure flow: send a code_challenge (PKCE, S256) and a registered return_to with the authorize call. WorkOS answers state and completion: finish_required, then redirects to return_to with connect_code and state. Your server checks state and POSTs /data-integrations/finish with the connect_code and the code_verifier within 90 seconds; the code works once. Without a code_challenge your users first see a Pipes confirmation screen.",
    },
    GuideCorrection {
        topic: "Return URL",
        old_guide: "return_to can be any page of your app.",
        reality: "With the secure flow return_to must match a redirect URI registered with WorkOS exactly: no wildcards, never a query or fragment; a loopback URL (127.0.0.1, localhost) matches on any port.",
    },
    GuideCorrection {
        topic: "Accounts per provider",
        old_guide: "Each user has one connected account per provider.",
        reality: "A user can connect several accounts of one provider. Read connected_accounts[] with supports_multiple_connections=true (connected_account is only the compatibility slot: null does not mean none), add one with connection_intent: add, reauthorize exactly one with connection_intent: reauthorize and its connected_account_id, and pass connected_account_id to /token when WorkOS answers 409 account_selection_required.",
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
    fn corrections_say_what_todays_api_adds() {
        let text: String = catalog().corrections.iter().map(|c| c.reality).collect();
        for news in [
            "pipes.account_connection.add_failed",
            "/data-integrations/finish",
            "code_challenge",
            "supports_multiple_connections",
            "account_selection_required",
            "registered with WorkOS exactly",
        ] {
            assert!(text.contains(news), "{news}");
        }
    }

    #[test]
    fn unknown_link_ids_are_refused() {
        assert!(link("pipes").is_some());
        assert!(link("https://evil.example").is_none());
    }
}
