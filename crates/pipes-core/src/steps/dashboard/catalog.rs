//! What the app knows about each provider's own OAuth app: where to create it, what to fill
//! in, common scopes and what they mean, and whose redirect-matching rule applies.

use serde::Serialize;
use ts_rs::TS;

use super::redirect_uri::{RedirectRule, rule_for_provider};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CatalogField {
    pub label: String,
    pub what_to_enter: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CatalogScope {
    pub scope: String,
    pub meaning: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CatalogEntry {
    pub id: String,
    pub name: String,
    /// Where the OAuth app is created (opened in the browser by `open_provider_console`).
    pub console_url: String,
    pub steps: Vec<String>,
    pub fields: Vec<CatalogField>,
    pub scopes: Vec<CatalogScope>,
    pub redirect_rule: RedirectRule,
}

struct Entry {
    id: &'static str,
    /// Integration slugs this entry is for: exact, or a prefix ending in `-`.
    slugs: &'static [&'static str],
    name: &'static str,
    console_url: &'static str,
    steps: &'static [&'static str],
    fields: &'static [(&'static str, &'static str)],
    scopes: &'static [(&'static str, &'static str)],
}

const REDIRECT: &str = "the integration's redirect URI, copied from this page";

const ENTRIES: &[Entry] = &[
    Entry {
        id: "github",
        slugs: &["github"],
        name: "GitHub",
        console_url: "https://github.com/settings/developers",
        steps: &[
            "Developer settings → OAuth Apps → New OAuth App.",
            "Register it, then Generate a new client secret and copy it at once (GitHub shows it once).",
        ],
        fields: &[
            ("Application name", "your app's name, as users will see it"),
            ("Homepage URL", "your app's address"),
            ("Authorization callback URL", REDIRECT),
        ],
        scopes: &[
            ("repo", "read and write private and public repositories"),
            ("read:user", "read the user's profile"),
            ("user:email", "read the user's email addresses"),
            ("read:org", "read organization and team membership"),
            ("workflow", "change GitHub Actions workflow files"),
        ],
    },
    Entry {
        id: "slack",
        slugs: &["slack"],
        name: "Slack",
        console_url: "https://api.slack.com/apps",
        steps: &[
            "Create New App → From scratch, pick a workspace.",
            "OAuth & Permissions → Redirect URLs → Add New Redirect URL, then Save URLs.",
            "Basic Information → App Credentials: the Client ID and Client Secret.",
        ],
        fields: &[
            ("Redirect URLs", REDIRECT),
            (
                "Scopes (Bot or User Token Scopes)",
                "the scopes below your app needs",
            ),
        ],
        scopes: &[
            ("channels:read", "list the public channels"),
            ("chat:write", "post messages as the app"),
            ("users:read", "see the people in the workspace"),
            ("channels:history", "read messages in public channels"),
            ("files:read", "read files shared in channels"),
        ],
    },
    Entry {
        id: "google",
        slugs: &["google-"],
        name: "Google (Drive, Calendar, Gmail)",
        console_url: "https://console.cloud.google.com/apis/credentials",
        steps: &[
            "APIs & Services → enable the API (e.g. Google Drive API).",
            "OAuth consent screen: set it up and add the scopes.",
            "Credentials → Create credentials → OAuth client ID → Web application.",
        ],
        fields: &[
            ("Authorized redirect URIs", REDIRECT),
            (
                "Authorized JavaScript origins",
                "leave empty: WorkOS does the exchange",
            ),
        ],
        scopes: &[
            (
                "https://www.googleapis.com/auth/drive.readonly",
                "read every file in the user's Drive",
            ),
            (
                "https://www.googleapis.com/auth/drive.file",
                "only files the app created or the user opened with it",
            ),
            (
                "https://www.googleapis.com/auth/calendar.readonly",
                "read the user's calendars",
            ),
            (
                "https://www.googleapis.com/auth/gmail.readonly",
                "read the user's mail (a restricted scope: Google reviews it)",
            ),
        ],
    },
    Entry {
        id: "notion",
        slugs: &["notion"],
        name: "Notion",
        console_url: "https://www.notion.so/profile/integrations",
        steps: &[
            "New integration → type Public.",
            "Fill in the company details Notion asks for public integrations.",
            "Copy the OAuth client ID and secret from the integration's Configuration tab.",
        ],
        fields: &[
            ("Redirect URIs", REDIRECT),
            (
                "Capabilities",
                "read, update or insert content; read user information",
            ),
        ],
        scopes: &[
            (
                "read content",
                "Notion grants capabilities, not scopes: read the pages the user shares",
            ),
            ("insert content", "create pages and blocks"),
            (
                "read user information including email addresses",
                "see who connected",
            ),
        ],
    },
    Entry {
        id: "salesforce",
        slugs: &["salesforce"],
        name: "Salesforce",
        console_url: "https://login.salesforce.com/lightning/setup/NavigationMenus/home",
        steps: &[
            "Setup → App Manager → New Connected App (or External Client App).",
            "Enable OAuth Settings, fill in the Callback URL, choose the scopes.",
            "Manage Consumer Details: the Consumer Key and Consumer Secret.",
        ],
        fields: &[
            ("Callback URL", REDIRECT),
            ("Selected OAuth Scopes", "the scopes below"),
        ],
        scopes: &[
            ("api", "read and write the org's data through the APIs"),
            (
                "refresh_token offline_access",
                "stay connected when the user is away",
            ),
            ("id", "read the user's identity"),
        ],
    },
    Entry {
        id: "hubspot",
        slugs: &["hubspot"],
        name: "HubSpot",
        console_url: "https://app.hubspot.com/developer",
        steps: &[
            "Apps → Create app (a public app).",
            "Auth tab: the Redirect URL and the scopes; the Client ID and Client secret are there too.",
        ],
        fields: &[("Redirect URL", REDIRECT)],
        scopes: &[
            ("oauth", "required by every HubSpot app"),
            ("crm.objects.contacts.read", "read contacts"),
            ("crm.objects.deals.read", "read deals"),
            ("crm.objects.companies.read", "read companies"),
        ],
    },
    Entry {
        id: "linear",
        slugs: &["linear"],
        name: "Linear",
        console_url: "https://linear.app/settings/api/applications/new",
        steps: &[
            "Settings → API → OAuth applications → New.",
            "Copy the Client ID and Client secret.",
        ],
        fields: &[("Callback URLs", REDIRECT)],
        scopes: &[
            ("read", "read the workspace's issues, projects and teams"),
            ("write", "change anything the user can"),
            ("issues:create", "create issues only"),
            ("comments:create", "comment only"),
        ],
    },
    Entry {
        id: "atlassian",
        slugs: &["atlassian", "jira", "confluence"],
        name: "Atlassian (Jira, Confluence)",
        console_url: "https://developer.atlassian.com/console/myapps/",
        steps: &[
            "Create → OAuth 2.0 integration.",
            "Permissions: add the Jira or Confluence API and its scopes.",
            "Authorization → OAuth 2.0 (3LO) → Callback URL.",
            "Settings: the Client ID and Secret.",
        ],
        fields: &[("Callback URL", REDIRECT)],
        scopes: &[
            ("read:jira-work", "read issues and projects"),
            ("write:jira-work", "create and edit issues"),
            ("read:jira-user", "read user profiles"),
            ("read:confluence-content.all", "read Confluence pages"),
            ("offline_access", "stay connected (a refresh token)"),
        ],
    },
    Entry {
        id: "microsoft",
        slugs: &[
            "microsoft",
            "microsoft-",
            "outlook",
            "outlook-",
            "onedrive",
            "sharepoint",
            "teams",
        ],
        name: "Microsoft (Outlook, Teams, OneDrive)",
        console_url: "https://entra.microsoft.com/#view/Microsoft_AAD_RegisteredApps/ApplicationsListBlade",
        steps: &[
            "App registrations → New registration; supported account types as your users need.",
            "Redirect URI: platform Web.",
            "Certificates & secrets → New client secret: copy its Value (not the Secret ID).",
            "API permissions: add the Microsoft Graph permissions below.",
        ],
        fields: &[
            ("Redirect URI (Web)", REDIRECT),
            ("Application (client) ID", "the client ID WorkOS needs"),
        ],
        scopes: &[
            ("User.Read", "sign in and read the user's profile"),
            ("Mail.Read", "read the user's mail"),
            ("Calendars.Read", "read the user's calendars"),
            ("Files.Read", "read the user's OneDrive files"),
            ("offline_access", "stay connected (a refresh token)"),
        ],
    },
];

/// The catalog entry for an integration slug, if the app has one.
pub fn entry_for(slug: &str) -> Option<CatalogEntry> {
    let slug = slug.to_ascii_lowercase();
    ENTRIES
        .iter()
        .find(|entry| {
            entry
                .slugs
                .iter()
                .any(|pattern| match pattern.strip_suffix('-') {
                    Some(prefix) => slug.starts_with(&format!("{prefix}-")),
                    None => slug == *pattern,
                })
        })
        .map(|entry| view(entry, &slug))
}

/// A readable name for an integration slug when the API gives none (`GET /data-integrations`
/// has no name): `google-drive` → "Google Drive", with the brands' own spelling.
pub fn display_name(slug: &str) -> String {
    const BRANDS: &[(&str, &str)] = &[
        ("github", "GitHub"),
        ("gitlab", "GitLab"),
        ("hubspot", "HubSpot"),
        ("onedrive", "OneDrive"),
        ("sharepoint", "SharePoint"),
        ("clickup", "ClickUp"),
    ];
    slug.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|word| match BRANDS.iter().find(|(w, _)| *w == word) {
            Some((_, brand)) => brand.to_string(),
            None => {
                let mut chars = word.chars();
                chars
                    .next()
                    .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every entry, for the catalog shown before any integration exists.
pub fn all() -> Vec<CatalogEntry> {
    ENTRIES
        .iter()
        .map(|e| view(e, e.slugs[0].trim_end_matches('-')))
        .collect()
}

/// The console URL of a catalog entry, by its id (what `open_provider_console` opens).
pub fn console_url(id: &str) -> Option<&'static str> {
    ENTRIES.iter().find(|e| e.id == id).map(|e| e.console_url)
}

fn view(entry: &Entry, slug: &str) -> CatalogEntry {
    CatalogEntry {
        id: entry.id.into(),
        name: entry.name.into(),
        console_url: entry.console_url.into(),
        steps: entry.steps.iter().map(|s| s.to_string()).collect(),
        fields: entry
            .fields
            .iter()
            .map(|(label, what)| CatalogField {
                label: label.to_string(),
                what_to_enter: what.to_string(),
            })
            .collect(),
        scopes: entry
            .scopes
            .iter()
            .map(|(scope, meaning)| CatalogScope {
                scope: scope.to_string(),
                meaning: meaning.to_string(),
            })
            .collect(),
        redirect_rule: rule_for_provider(slug),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nine_providers_are_there_with_scopes_and_a_rule() {
        for slug in [
            "github",
            "slack",
            "google-drive",
            "notion",
            "salesforce",
            "hubspot",
            "linear",
            "jira",
            "microsoft-teams",
        ] {
            let entry = entry_for(slug).unwrap_or_else(|| panic!("no entry for {slug}"));
            assert!(
                !entry.scopes.is_empty() && !entry.fields.is_empty(),
                "{slug}"
            );
            assert!(entry.console_url.starts_with("https://"), "{slug}");
            assert!(
                entry.fields.iter().any(|f| f.what_to_enter == REDIRECT),
                "{slug}: where the redirect URI goes"
            );
        }
        assert_eq!(
            entry_for("github").unwrap().redirect_rule,
            RedirectRule::Github
        );
        assert_eq!(
            entry_for("outlook-calendar").unwrap().redirect_rule,
            RedirectRule::Microsoft
        );
        assert_eq!(entry_for("google-calendar").unwrap().id, "google");
        assert!(entry_for("googlex").is_none());
        assert!(entry_for("airtable").is_none());
        assert_eq!(all().len(), 9);
        assert_eq!(console_url("slack"), Some("https://api.slack.com/apps"));
        assert_eq!(console_url("https://evil.example"), None);
        assert_eq!(display_name("google-drive"), "Google Drive");
        assert_eq!(display_name("github"), "GitHub");
        assert_eq!(display_name("microsoft-onedrive"), "Microsoft OneDrive");
    }
}
