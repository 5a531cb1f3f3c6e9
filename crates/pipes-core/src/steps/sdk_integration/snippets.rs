//! The code for the user's own app: today's secure flow with the official SDK, the provider
//! and return URL filled in, ready to copy. The templates sit beside this file and are run
//! against fake-workos by tests/sdk-conformance (node/test/snippet.test.mjs, python/tests/test_snippet.py).

use serde::Serialize;
use ts_rs::TS;

use crate::codes::SdkIntegrationCode;
use crate::foundation::error::{AppError, AppResult};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SnippetLanguage {
    Node,
    Python,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Snippet {
    pub language: SnippetLanguage,
    pub file_name: String,
    pub install: String,
    pub code: String,
}

/// An official SDK whose newest version we checked cannot run today's secure flow: the app
/// says so rather than print code that would not work.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SdkWithoutSecureFlow {
    pub language: String,
    pub package: String,
    /// The newest version whose source was read.
    pub checked_version: String,
    /// The Pipes calls it does have.
    pub has: String,
}

/// Go, Ruby, PHP, Java/Kotlin and .NET, as read in each SDK's source (snapshots of July and
/// August 2026): each has authorize and the access token, none has a code challenge on
/// authorize, the finish call or `connected_account_id` on the token call.
pub fn sdks_without_secure_flow() -> Vec<SdkWithoutSecureFlow> {
    [
        (
            "Go",
            "github.com/workos/workos-go/v10",
            "10.1.1",
            "AuthorizeDataIntegration, GetAccessToken",
        ),
        (
            "Ruby",
            "workos (gem)",
            "10.2.1",
            "authorize_data_integration, get_access_token",
        ),
        (
            "PHP",
            "workos/workos-php",
            "9.0.0",
            "authorizeDataIntegration, getAccessToken",
        ),
        (
            "Java/Kotlin",
            "com.workos:workos",
            "7.2.0",
            "authorizeDataIntegration, getAccessToken",
        ),
        (
            ".NET",
            "WorkOS.net",
            "6.2.0",
            "AuthorizeDataIntegration, GetAccessToken",
        ),
    ]
    .into_iter()
    .map(|(language, package, version, has)| SdkWithoutSecureFlow {
        language: language.into(),
        package: package.into(),
        checked_version: version.into(),
        has: has.into(),
    })
    .collect()
}

/// The SDKs without the secure flow and what to do instead, as step 4 shows them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OtherSdks {
    pub sdks: Vec<SdkWithoutSecureFlow>,
    pub advice: String,
}

pub fn other_sdks() -> OtherSdks {
    OtherSdks {
        sdks: sdks_without_secure_flow(),
        advice: WITHOUT_SECURE_FLOW_ADVICE.into(),
    }
}

/// What to do instead, for the app and `pipes-doctor snippet`.
pub const WITHOUT_SECURE_FLOW_ADVICE: &str = "Run the connect flow from a small Node or Python service (the snippets here), or call the API over HTTP: POST /data-integrations/{slug}/authorize with code_challenge, code_challenge_method=S256 and return_to, check state on your return URL, then POST /data-integrations/finish with the code and the verifier within 90 seconds.";

const NODE: &str = include_str!("snippets/node.mjs");
const NODE_WEBHOOK: &str = include_str!("snippets/node-webhook.mjs");
const PYTHON_WEBHOOK: &str = include_str!("snippets/python_webhook.py");

/// The webhook route for the user's app: verify on the raw body with the official SDK, then
/// one branch per Pipes event. `path` is the route (`/webhooks/workos`).
pub fn webhook_snippet(language: SnippetLanguage, path: &str) -> AppResult<Snippet> {
    let plain_path = path.starts_with('/')
        && path.len() <= 256
        && path
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b"/-_.".contains(&b));
    if !plain_path {
        return Err(AppError::new(
            SdkIntegrationCode::SnippetPathInvalid,
            "The route is a path like /webhooks/workos: letters, digits, / - _ and . only.",
        ));
    }
    let (template, file_name, install) = match language {
        SnippetLanguage::Node => (
            NODE_WEBHOOK,
            "pipes-webhook.mjs",
            "npm install @workos-inc/node@^12",
        ),
        SnippetLanguage::Python => (
            PYTHON_WEBHOOK,
            "pipes_webhook.py",
            "pip install 'workos>=10,<11'",
        ),
    };
    Ok(Snippet {
        language,
        file_name: file_name.into(),
        install: install.into(),
        code: template.replace("{{PATH}}", path),
    })
}
const PYTHON: &str = include_str!("snippets/python.py");

/// The snippet for `language`, for `provider` (an integration slug) and the app's `return_url`.
pub fn snippet(language: SnippetLanguage, provider: &str, return_url: &str) -> AppResult<Snippet> {
    if !is_slug(provider) {
        return Err(AppError::new(
            SdkIntegrationCode::SnippetProviderInvalid,
            format!("{provider:?} is not an integration slug."),
        ));
    }
    if !is_plain_url(return_url) {
        return Err(AppError::new(
            SdkIntegrationCode::SnippetReturnUrlInvalid,
            "The return URL must be an absolute http(s) URL without quotes, backslashes or spaces.",
        ));
    }
    let (template, file_name, install) = match language {
        SnippetLanguage::Node => (
            NODE,
            "pipes-connect.mjs",
            "npm install @workos-inc/node@^12",
        ),
        SnippetLanguage::Python => (PYTHON, "pipes_connect.py", "pip install 'workos>=10,<11'"),
    };
    Ok(Snippet {
        language,
        file_name: file_name.into(),
        install: install.into(),
        code: template
            .replace("{{PROVIDER}}", provider)
            .replace("{{RETURN_URL}}", return_url),
    })
}

fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 64
        && text
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_')
}

/// Nothing that could end the string literal it is pasted into.
fn is_plain_url(text: &str) -> bool {
    (text.starts_with("http://") || text.starts_with("https://"))
        && text.len() <= 2048
        && text
            .chars()
            .all(|c| c.is_ascii_graphic() && !"'\"\\`".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_provider_and_return_url_are_filled_in() {
        let node = snippet(
            SnippetLanguage::Node,
            "github",
            "https://shop.example/pipes/callback",
        )
        .unwrap();
        assert!(node.code.contains("export const PROVIDER = 'github';"));
        assert!(node.code.contains("'https://shop.example/pipes/callback'"));
        assert!(!node.code.contains("{{"));
        let python = snippet(
            SnippetLanguage::Python,
            "google-drive",
            "http://127.0.0.1:3000/cb",
        )
        .unwrap();
        assert!(python.code.contains("PROVIDER = \"google-drive\""));
        assert!(python.code.contains("code_challenge_method=\"S256\""));
    }

    #[test]
    fn values_that_could_break_out_of_the_string_are_refused() {
        assert!(snippet(SnippetLanguage::Node, "git'hub", "https://x.example/cb").is_err());
        for url in [
            "https://x.example/cb'); evil('",
            "javascript:alert(1)",
            "https://x.example/a b",
            "https://x.example/\"",
            "https://x.example/\\",
        ] {
            assert!(
                snippet(SnippetLanguage::Python, "github", url).is_err(),
                "{url}"
            );
        }
    }
}
