//! `pipes-doctor snippet LANGUAGE PROVIDER RETURN_URL`: the code for the user's app.

use std::io::Write;

use pipes_core::steps::sdk_integration::snippets::{self, SnippetLanguage};

use crate::report::{EXIT_INTERNAL, EXIT_OK};

pub fn run(language: &str, provider: &str, return_url: &str) -> u8 {
    let language = match language {
        "node" => SnippetLanguage::Node,
        "python" => SnippetLanguage::Python,
        other => {
            eprintln!("pipes-doctor: no snippet for {other:?}; choose node or python");
            return EXIT_INTERNAL;
        }
    };
    match snippets::snippet(language, provider, return_url) {
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
