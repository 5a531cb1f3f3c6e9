//! The app leg's starting point: the return URL the project already names in its env files
//! (`PIPES_RETURN_URL`, `WORKOS_REDIRECT_URI`, …), so the user need not type it.

use serde::Serialize;
use ts_rs::TS;

use crate::local::envfiles::EnvReport;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReturnUrlCandidate {
    pub name: String,
    pub value: String,
    pub file: String,
    pub line: usize,
}

/// URL-valued variables whose names say return, redirect or callback, from the files the app
/// loads (templates last). Values with a user or password in them are left out: they are secrets.
pub fn candidates(report: &EnvReport) -> Vec<ReturnUrlCandidate> {
    let mut found: Vec<(bool, bool, ReturnUrlCandidate)> = Vec::new();
    for file in &report.files {
        for entry in &file.entries {
            let name = entry.key.to_ascii_uppercase();
            let named = ["RETURN", "REDIRECT", "CALLBACK"]
                .iter()
                .any(|w| name.contains(w));
            let secret_name = ["SECRET", "KEY", "TOKEN", "PASSWORD"]
                .iter()
                .any(|w| name.contains(w));
            let value = entry.value.expose().trim();
            if !named || secret_name || !is_plain_url(value) {
                continue;
            }
            let candidate = ReturnUrlCandidate {
                name: entry.key.clone(),
                value: value.to_string(),
                file: file.name.clone(),
                line: entry.line,
            };
            found.push((file.template, !name.contains("PIPES"), candidate));
        }
    }
    found.sort_by_key(|(template, not_pipes, _)| (*template, *not_pipes));
    found.into_iter().map(|(_, _, c)| c).take(20).collect()
}

fn is_plain_url(value: &str) -> bool {
    let Some(rest) = value
        .strip_prefix("https://")
        .or_else(|| value.strip_prefix("http://"))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or("");
    value.len() <= 2048
        && !authority.contains('@')
        && !value.chars().any(|c| c.is_whitespace() || c.is_control())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::local::envfiles::{self, Framework};

    #[test]
    fn url_variables_named_for_a_return_are_found_pipes_first_and_secrets_left_out() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(".env"),
            "WORKOS_REDIRECT_URI=https://shop.example/auth/callback\nPIPES_RETURN_URL=https://shop.example/pipes/callback\nCALLBACK_SECRET=https://x.example/a\nOAUTH_CALLBACK=https://user:pw@shop.example/cb\nREDIRECT_AFTER=/home\n",
        )
        .unwrap();
        std::fs::write(
            dir.path().join(".env.example"),
            "PIPES_RETURN_URL=http://localhost:3000/pipes/callback\n",
        )
        .unwrap();
        let report = envfiles::load(dir.path(), Framework::Dotenv);
        let found: Vec<(String, String)> = candidates(&report)
            .into_iter()
            .map(|c| (c.file, c.name))
            .collect();
        assert_eq!(
            found,
            [
                (".env".to_string(), "PIPES_RETURN_URL".to_string()),
                (".env".to_string(), "WORKOS_REDIRECT_URI".to_string()),
                (".env.example".to_string(), "PIPES_RETURN_URL".to_string()),
            ]
        );
    }
}
