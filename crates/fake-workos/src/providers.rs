//! The built-in provider catalog the fake knows (a small slice of WorkOS's 300+).

pub struct Provider {
    pub slug: &'static str,
    pub name: &'static str,
    /// Prefix of the fake access tokens, shaped like the provider's own.
    pub token_prefix: &'static str,
    /// Whether the provider's access tokens expire (GitHub OAuth app tokens do not).
    pub tokens_expire: bool,
}

pub const CATALOG: &[Provider] = &[
    provider("github", "GitHub", "gho_", false),
    provider("slack", "Slack", "xoxp-", true),
    provider("google-drive", "Google Drive", "ya29.", true),
    provider("google-calendar", "Google Calendar", "ya29.", true),
    provider("gmail", "Gmail", "ya29.", true),
    provider("notion", "Notion", "ntn_", false),
    provider("salesforce", "Salesforce", "00D", true),
    provider("hubspot", "HubSpot", "CO", true),
    provider("linear", "Linear", "lin_oauth_", true),
    provider("atlassian", "Atlassian", "atl_", true),
    provider("asana", "Asana", "2/", true),
    provider("airtable", "Airtable", "oaa", true),
    provider("gitlab", "GitLab", "glpat-", true),
    provider("dropbox", "Dropbox", "sl.", true),
    provider("zendesk", "Zendesk", "zd_", false),
    provider("intercom", "Intercom", "dG9r", false),
];

const fn provider(
    slug: &'static str,
    name: &'static str,
    token_prefix: &'static str,
    tokens_expire: bool,
) -> Provider {
    Provider {
        slug,
        name,
        token_prefix,
        tokens_expire,
    }
}

pub fn find(slug: &str) -> Option<&'static Provider> {
    CATALOG.iter().find(|p| p.slug == slug)
}

/// The provider's display name, or the slug title-cased for custom providers.
pub fn display_name(slug: &str) -> String {
    match find(slug) {
        Some(p) => p.name.to_string(),
        None => slug
            .split(['-', '_'])
            .map(|word| {
                let mut chars = word.chars();
                chars
                    .next()
                    .map(|c| c.to_uppercase().chain(chars).collect::<String>())
                    .unwrap_or_default()
            })
            .collect::<Vec<_>>()
            .join(" "),
    }
}

pub fn is_google(slug: &str) -> bool {
    slug.starts_with("google") || slug == "gmail"
}
