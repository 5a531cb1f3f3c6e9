//! The recovery guides: one per failure the old setup guide lists, and the ones today's API
//! adds. Each names what the user sees, the causes that produce it with how to tell them
//! apart, and what fixes each. Findings link here by their code ([`guide_for`]).

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Guide {
    pub id: String,
    pub title: String,
    /// What the user sees when this goes wrong.
    pub symptom: String,
    pub causes: Vec<Cause>,
    /// Whether the app can run the checks that tell the causes apart ([`super::diagnose`]).
    pub diagnosable: bool,
    /// The finding codes that open this guide.
    pub codes: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Cause {
    pub id: String,
    pub title: String,
    /// How to tell this cause from the others.
    pub how_to_tell: String,
    pub fix: String,
}

struct Entry {
    id: &'static str,
    title: &'static str,
    symptom: &'static str,
    diagnosable: bool,
    codes: &'static [&'static str],
    causes: &'static [(&'static str, &'static str, &'static str, &'static str)],
}

const GUIDES: &[Entry] = &[
    Entry {
        id: "invalid-api-key",
        title: "WorkOS refuses the API key (401)",
        symptom: "Calls to WorkOS answer 401 Unauthorized, or the SDK throws UnauthorizedException.",
        diagnosable: true,
        codes: &[
            "LIVE_KEY_INVALID",
            "WORKOS_UNAUTHORIZED",
            "KEY_FORMAT_INVALID",
            "ENV_API_KEY_BAD_PREFIX",
            "KEY_PLACEHOLDER",
        ],
        causes: &[
            (
                "typo",
                "The key is cut short or mistyped",
                "It does not start with sk_test_ or sk_live_, or is shorter than a real key.",
                "Copy the whole secret key again from Dashboard → API Keys.",
            ),
            (
                "placeholder",
                "A template's placeholder is used as the key",
                "The value is like sk_test_xxx or your_api_key_here.",
                "Paste a real key from Dashboard → API Keys.",
            ),
            (
                "other-key",
                "Your app loads another key than the one checked",
                "The key in your env files and the key the app checks differ (compare their last four characters).",
                "Keep one key: update the env file, or save the env file's key in Pre-flight.",
            ),
            (
                "revoked",
                "The key was revoked or belongs to another environment",
                "It is well formed but WorkOS still answers 401.",
                "Create a key in the right environment in Dashboard → API Keys, and revoke the old one.",
            ),
        ],
    },
    Entry {
        id: "key-forbidden",
        title: "WorkOS accepts the key but refuses the call (403)",
        symptom: "403 Forbidden on Pipes calls with a key that works elsewhere.",
        diagnosable: false,
        codes: &["LIVE_KEY_FORBIDDEN", "WORKOS_FORBIDDEN"],
        causes: &[
            (
                "permissions",
                "The key lacks the permission",
                "A restricted key: its permissions in Dashboard → API Keys omit Pipes.",
                "Use a key with Pipes permissions.",
            ),
            (
                "feature",
                "Pipes is not on for this environment",
                "Every Pipes route answers 403 or 404 with any key.",
                "Enable Pipes for the environment in the Dashboard, or ask WorkOS support.",
            ),
        ],
    },
    Entry {
        id: "provider-not-configured",
        title: "The provider is not configured",
        symptom: "Authorize answers 404 or 422, or the provider is missing from the list of integrations.",
        diagnosable: false,
        codes: &[
            "NO_INTEGRATIONS",
            "INTEGRATION_DISABLED",
            "PRODUCTION_SHARED_CREDENTIALS",
            "MANAGEMENT_API_UNAVAILABLE",
            "WORKOS_ENTITY_NOT_FOUND",
        ],
        causes: &[
            (
                "missing",
                "No integration for this provider",
                "Step 3 does not list it.",
                "Dashboard → Pipes → Add provider, then check step 3 again.",
            ),
            (
                "disabled",
                "The integration is disabled",
                "Step 3 shows it as disabled.",
                "Enable it in Dashboard → Pipes.",
            ),
            (
                "shared-in-production",
                "Production with WorkOS's shared credentials",
                "The key is sk_live_ (or unknown) and the integration uses shared credentials.",
                "Create your own OAuth app at the provider and set its client id and secret (step 3).",
            ),
        ],
    },
    Entry {
        id: "redirect-uri-mismatch",
        title: "The provider says redirect_uri_mismatch",
        symptom: "The provider's page shows redirect_uri_mismatch (or \"The redirect_uri is not associated with this application\") instead of the consent.",
        diagnosable: false,
        codes: &[
            "TEST_CONNECTION_REDIRECT_URI_MISMATCH",
            "TEST_CONNECTION_TIMED_OUT",
        ],
        causes: &[
            (
                "old-guide-uri",
                "The provider app holds the old guide's fixed URI",
                "It is https://api.workos.com/sso/oauth/redirect or similar: each integration has its own.",
                "Paste the integration's redirect URI from step 3 into the provider app, exactly.",
            ),
            (
                "near-miss",
                "Almost the right URI",
                "Step 3's comparison names the difference: a trailing slash, http vs https, a port, host case.",
                "Fix the one difference step 3 names.",
            ),
            (
                "other-app",
                "Another OAuth app's settings were edited",
                "The client id in step 3 is not the one of the app you changed.",
                "Edit the OAuth app whose client id step 3 shows.",
            ),
        ],
    },
    Entry {
        id: "return-url-not-registered",
        title: "The return URL is not registered with WorkOS",
        symptom: "Authorize answers invalid_return_to or return_to_requires_exact_match.",
        diagnosable: false,
        codes: &[
            "TEST_CONNECTION_RETURN_URL_NOT_REGISTERED",
            "WORKOS_INVALID_RETURN_TO",
            "WORKOS_RETURN_TO_REQUIRES_EXACT_MATCH",
        ],
        causes: &[
            (
                "not-listed",
                "Not in Dashboard → Redirects",
                "Step 3's app leg finds no registered URI that accepts it.",
                "Add it exactly: no query, no fragment, no trailing slash unless your route has one.",
            ),
            (
                "near-miss",
                "Registered with a difference",
                "Step 3's app leg names the difference.",
                "Register the URL your app really sends, or change the app.",
            ),
        ],
    },
    Entry {
        id: "connect-code",
        title: "The connect code expired or was already used",
        symptom: "Finish answers authorization_state_expired or invalid_connect_code.",
        diagnosable: false,
        codes: &[
            "TEST_CONNECTION_CODE_EXPIRED",
            "TEST_CONNECTION_CODE_REJECTED",
            "WORKOS_AUTHORIZATION_STATE_EXPIRED",
            "WORKOS_INVALID_CONNECT_CODE",
        ],
        causes: &[
            (
                "slow",
                "Finished after 90 s",
                "The return URL route waits (a queue, a retry) before it finishes.",
                "Finish right when the browser comes back.",
            ),
            (
                "twice",
                "Finished twice",
                "A reload of the return URL, or a retry, sends the same code again.",
                "Finish once and redirect away; treat a second call as done.",
            ),
            (
                "verifier",
                "Another authorization's verifier",
                "The verifier in the session is not the one of this state.",
                "Keep verifier and state together in the server session, one pair per authorization.",
            ),
        ],
    },
    Entry {
        id: "connection-inactive",
        title: "The connection is inactive",
        symptom: "The token call answers active: false with needs_reauthorization or not_installed.",
        diagnosable: false,
        codes: &[
            "CONNECTION_NEEDS_REAUTHORIZATION",
            "CONNECTION_DISCONNECTED",
            "TEST_CONNECTION_TOKEN_INACTIVE",
            "PROVIDER_CALL_NO_TOKEN",
            "PROVIDER_TOKEN_REJECTED",
        ],
        causes: &[
            (
                "reauthorization",
                "The provider revoked the token",
                "State needs_reauthorization in step 5.",
                "Reauthorize it in step 5; the connection keeps its id.",
            ),
            (
                "member-left",
                "The member who connected it left the organization",
                "state_reason establishing_member_membership_ended.",
                "An organization admin reconnects it.",
            ),
            (
                "gone",
                "Disconnected",
                "not_installed: step 5 does not list it.",
                "Connect it again.",
            ),
        ],
    },
    Entry {
        id: "sdk-method-missing",
        title: "The SDK has no such method",
        symptom: "TypeError: workos.pipes.… is not a function, or AttributeError in Python.",
        diagnosable: false,
        codes: &[
            "SDK_TOO_OLD_FOR_PIPES",
            "SDK_NOT_INSTALLED",
            "SDK_NOT_FOUND",
            "SDK_VERSION_UNKNOWN",
            "SDK_ELIXIR_NO_PIPES",
        ],
        causes: &[
            (
                "too-old",
                "The installed SDK predates Pipes or the secure flow",
                "Pre-flight shows the version below @workos-inc/node 12 / workos 10.",
                "Upgrade from Pre-flight (Install the SDK).",
            ),
            (
                "old-guide-method",
                "A method from the old guide",
                "pipes.listProviders, pipes.makeRequest, connections.getConnection: none exist.",
                "Use the calls of step 4's code.",
            ),
        ],
    },
    Entry {
        id: "insufficient-scopes",
        title: "The provider answers 403: insufficient scopes",
        symptom: "A provider call fails with 403 and names scopes the token lacks.",
        diagnosable: false,
        codes: &[
            "PROVIDER_SCOPES_INSUFFICIENT",
            "TEST_CONNECTION_MISSING_SCOPES",
            "SCOPES_NOT_GRANTED",
            "SCOPES_NOT_CONFIGURED_AT_PROVIDER",
        ],
        causes: &[
            (
                "not-requested",
                "The integration does not ask for it",
                "Step 3's scopes do not list it.",
                "Add it to the integration's scopes, then reauthorize.",
            ),
            (
                "not-granted",
                "Asked for, not granted",
                "missing_scopes in step 5's probe names it.",
                "Reauthorize: existing connections keep their old scopes until then.",
            ),
            (
                "provider-app",
                "The provider app does not allow it",
                "Step 3's provider column lacks it.",
                "Enable the scope in the provider's app settings.",
            ),
        ],
    },
    Entry {
        id: "rate-limited",
        title: "Rate limited (429)",
        symptom: "WorkOS or the provider answers 429 Too Many Requests.",
        diagnosable: false,
        codes: &[
            "LIVE_RATE_LIMITED",
            "PROVIDER_RATE_LIMITED",
            "WORKOS_RATE_LIMITED",
        ],
        causes: &[
            (
                "burst",
                "Too many calls at once",
                "Retry-After is short; it happens under load.",
                "Honour Retry-After, back off exponentially with jitter, as step 5's console does.",
            ),
            (
                "token-per-call",
                "A token fetched for every call",
                "Your app calls /token before each provider call.",
                "Reuse the token until it expires.",
            ),
        ],
    },
    Entry {
        id: "account-selection-required",
        title: "Several connections and none named (409)",
        symptom: "The token call answers 409 account_selection_required.",
        diagnosable: false,
        codes: &["WORKOS_ACCOUNT_SELECTION_REQUIRED"],
        causes: &[(
            "no-id",
            "The call names no connection",
            "The user has several connections to the provider (step 5).",
            "Pass connected_account_id on every token call.",
        )],
    },
    Entry {
        id: "multiple-connections-unavailable",
        title: "Several connections per provider are not on yet",
        symptom: "Adding another account answers 404 multiple_connections_unavailable.",
        diagnosable: false,
        codes: &[
            "TEST_CONNECTION_MULTIPLE_CONNECTIONS_UNAVAILABLE",
            "WORKOS_MULTIPLE_CONNECTIONS_UNAVAILABLE",
        ],
        causes: &[(
            "feature-off",
            "WorkOS has not enabled it for the team",
            "Any add for a user who has a connection answers 404.",
            "Reauthorize the existing one, or disconnect it first; ask WorkOS to enable multiple connections.",
        )],
    },
    Entry {
        id: "webhook-signature",
        title: "Webhook signatures do not verify",
        symptom: "Your webhook route rejects WorkOS's deliveries, or the SDK throws SignatureVerificationException.",
        diagnosable: false,
        codes: &[
            "WEBHOOK_SIGNATURE_MISMATCH",
            "WEBHOOK_BODY_RESERIALIZED",
            "WEBHOOK_TIMESTAMP_TOO_OLD",
            "WEBHOOK_TIMESTAMP_IN_FUTURE",
            "WEBHOOK_SECRET_IS_API_KEY",
            "WEBHOOK_SIGNATURE_HEADER_MALFORMED",
            "WEBHOOK_SIGNATURE_HEADER_MISSING",
            "WEBHOOK_SIGNATURE_NO_V1",
            "WEBHOOK_TIMESTAMP_IN_SECONDS",
            "WEBHOOK_SECRET_MISSING",
        ],
        causes: &[
            (
                "parsed-body",
                "The body was parsed and serialized again",
                "The tester in step 6 says body re-serialized.",
                "Verify the raw bytes (express.raw, request.get_data()).",
            ),
            (
                "wrong-secret",
                "Another endpoint's secret, or the API key",
                "The tester says mismatch with your secret, or that it is an sk_ key.",
                "Use this endpoint's whsec_ secret from the Dashboard.",
            ),
            (
                "clock",
                "A clock off by minutes, or verifying later from a queue",
                "The tester says too old or in the future.",
                "Verify as the request arrives; sync the clock (NTP).",
            ),
        ],
    },
    Entry {
        id: "keychain",
        title: "The keychain is not available",
        symptom: "The app cannot save or read the API key: no Secret Service, locked, or not answering.",
        diagnosable: true,
        codes: &[
            "KEYCHAIN_UNAVAILABLE",
            "KEYCHAIN_LOCKED",
            "KEYCHAIN_TIMEOUT",
            "KEYCHAIN_FAILED",
            "KEYCHAIN_CANARY_MISMATCH",
            "KEYCHAIN_BAD_DATA",
        ],
        causes: &[
            (
                "no-service",
                "No Secret Service on this desktop",
                "The keychain check says unavailable.",
                "Install and start gnome-keyring (or KeePassXC with Secret Service), then check again.",
            ),
            (
                "locked",
                "The keyring is locked",
                "The check says locked.",
                "Unlock it (log in again, or Seahorse → unlock).",
            ),
            (
                "hung",
                "The keyring does not answer",
                "The check times out after 3 s.",
                "Restart the keyring daemon; the app never falls back to a plain-text file.",
            ),
        ],
    },
    Entry {
        id: "workos-unreachable",
        title: "WorkOS cannot be reached",
        symptom: "Every live check fails with a network error: DNS, TLS, refused or timed out.",
        diagnosable: false,
        codes: &[
            "LIVE_UNREACHABLE",
            "LIVE_DNS_FAILED",
            "LIVE_TLS_ERROR",
            "LIVE_TIMEOUT",
            "LIVE_NETWORK_DOWN",
            "LIVE_NETWORK_ERROR",
            "LIVE_SERVER_ERROR",
        ],
        causes: &[
            (
                "offline",
                "No network",
                "Other sites do not load either.",
                "Reconnect, or use the built-in demo meanwhile.",
            ),
            (
                "proxy",
                "A proxy or firewall in the way",
                "DNS works but TLS fails or the connection is reset.",
                "Set HTTPS_PROXY, or allow api.workos.com.",
            ),
            (
                "base-url",
                "WORKOS_BASE_URL points somewhere else",
                "The address shown is not https://api.workos.com.",
                "Unset WORKOS_BASE_URL unless you mean a local WorkOS.",
            ),
        ],
    },
];

pub fn all() -> Vec<Guide> {
    GUIDES.iter().map(view).collect()
}

pub fn guide(id: &str) -> Option<Guide> {
    GUIDES.iter().find(|g| g.id == id).map(view)
}

/// The guide a finding or error with `code` opens, if one covers it.
pub fn guide_for(code: &str) -> Option<&'static str> {
    GUIDES
        .iter()
        .find(|g| g.codes.contains(&code))
        .map(|g| g.id)
}

fn view(entry: &Entry) -> Guide {
    Guide {
        id: entry.id.into(),
        title: entry.title.into(),
        symptom: entry.symptom.into(),
        diagnosable: entry.diagnosable,
        codes: entry.codes.iter().map(|c| c.to_string()).collect(),
        causes: entry
            .causes
            .iter()
            .map(|(id, title, how_to_tell, fix)| Cause {
                id: id.to_string(),
                title: title.to_string(),
                how_to_tell: how_to_tell.to_string(),
                fix: fix.to_string(),
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::lookup;

    #[test]
    fn every_code_a_guide_names_is_a_code_the_app_has_and_opens_only_that_guide() {
        let mut seen = std::collections::HashSet::new();
        for guide in GUIDES {
            for code in guide.codes {
                assert!(
                    lookup(code).is_some(),
                    "{}: {code} is not one of the app's codes",
                    guide.id
                );
                assert!(seen.insert(*code), "{code} opens two guides");
            }
        }
    }

    #[test]
    fn the_failures_of_the_old_guide_and_of_todays_api_each_have_a_guide() {
        for code in [
            "LIVE_KEY_INVALID",
            "NO_INTEGRATIONS",
            "TEST_CONNECTION_REDIRECT_URI_MISMATCH",
            "CONNECTION_NEEDS_REAUTHORIZATION",
            "SDK_TOO_OLD_FOR_PIPES",
            "PROVIDER_SCOPES_INSUFFICIENT",
            "PROVIDER_RATE_LIMITED",
            "TEST_CONNECTION_RETURN_URL_NOT_REGISTERED",
            "TEST_CONNECTION_CODE_EXPIRED",
            "WORKOS_ACCOUNT_SELECTION_REQUIRED",
            "TEST_CONNECTION_MULTIPLE_CONNECTIONS_UNAVAILABLE",
            "WEBHOOK_SIGNATURE_MISMATCH",
            "KEYCHAIN_UNAVAILABLE",
        ] {
            assert!(guide_for(code).is_some(), "{code}");
        }
    }

    #[test]
    fn guides_have_causes_with_a_way_to_tell_them_apart() {
        for guide in all() {
            assert!(!guide.causes.is_empty(), "{}", guide.id);
            assert!(
                guide
                    .causes
                    .iter()
                    .all(|c| !c.how_to_tell.is_empty() && !c.fix.is_empty())
            );
        }
    }
}
