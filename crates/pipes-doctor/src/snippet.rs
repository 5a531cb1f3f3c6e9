//! `pipes-doctor snippet LANGUAGE PROVIDER RETURN_URL`: the code for the user's app.

use std::io::Write;

use pipes_core::steps::sdk_integration::snippets::{self, SnippetLanguage};

use crate::report::{EXIT_INTERNAL, EXIT_OK};

pub fn run(language: &str, provider: &str, return_url: &str) -> u8 {
    let Some(language) = language_of(language) else {
        eprintln!("pipes-doctor: {}", no_snippet(language));
        return EXIT_INTERNAL;
    };
    print(snippets::snippet(language, provider, return_url))
}

/// `pipes-doctor webhook-snippet LANGUAGE [PATH]`: the app's verified webhook route.
pub fn run_webhook(language: &str, path: &str) -> u8 {
    let Some(language) = language_of(language) else {
        eprintln!("pipes-doctor: {}", no_snippet(language));
        return EXIT_INTERNAL;
    };
    print(snippets::webhook_snippet(language, path))
}

fn language_of(name: &str) -> Option<SnippetLanguage> {
    match name {
        "node" => Some(SnippetLanguage::Node),
        "python" => Some(SnippetLanguage::Python),
        _ => None,
    }
}

fn print(snippet: pipes_core::AppResult<snippets::Snippet>) -> u8 {
    match snippet {
        Ok(snippet) => {
            let _ = std::io::stdout().write_all(snippet.code.as_bytes());
            EXIT_OK
        }
        Err(error) => {
            eprintln!("pipes-doctor: {}", error.message);
            EXIT_INTERNAL
        }
    }
}

/// Why there is no snippet for `language`: an SDK without the secure flow is named with the
/// version checked and what to do instead.
fn no_snippet(language: &str) -> String {
    let wanted = language.to_ascii_lowercase();
    let known = snippets::sdks_without_secure_flow()
        .into_iter()
        .find(|sdk| {
            sdk.language
                .to_ascii_lowercase()
                .split('/')
                .any(|name| name == wanted || name.trim_start_matches('.') == wanted)
        });
    match known {
        Some(sdk) => format!(
            "no {} snippet: {} {} has {} but not the secure flow (no code challenge on authorize, no finish call). {}",
            sdk.language,
            sdk.package,
            sdk.checked_version,
            sdk.has,
            snippets::WITHOUT_SECURE_FLOW_ADVICE
        ),
        None => format!("no snippet for {language:?}; choose node or python"),
    }
}
