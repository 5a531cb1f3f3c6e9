//! Which env files a framework loads, in which order, and so which definition of a variable wins.
//!
//! In every case a variable already set in the shell that starts the app wins over all files.
//! - Next.js (`@next/env`): mode = NODE_ENV (`development` for `next dev`, `production` for
//!   build/start, `test`); `.env.$(mode).local` > `.env.local` (skipped in `test`) > `.env.$(mode)` > `.env`.
//! - Vite (`loadEnv`, also SvelteKit and Astro): mode from `--mode`; `.env.[mode].local` >
//!   `.env.[mode]` > `.env.local` > `.env`. Note `.env.[mode]` beats `.env.local` here, the
//!   opposite of Next.js, and `.env.local` is loaded in every mode.
//! - plain dotenv: only `.env`.
//!
//! Templates (`.env.example`, `.env.sample`, `.env.template`, `.env.dist`, `.env.defaults`) are never loaded.

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{EnvFile, VarSource};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Framework {
    NextJs,
    Vite,
    Dotenv,
}

pub const TEMPLATE_SUFFIXES: &[&str] = &["example", "sample", "template", "dist", "defaults"];

impl Framework {
    /// From the app's package.json dependencies; anything else is plain dotenv.
    pub fn detect(app_dir: &Path) -> Self {
        let Some(text) = crate::local::project::read_small_file(&app_dir.join("package.json"))
        else {
            return Self::Dotenv;
        };
        let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
            return Self::Dotenv;
        };
        let depends_on = |name: &str| {
            ["dependencies", "devDependencies", "peerDependencies"]
                .iter()
                .any(|section| json.get(section).and_then(|deps| deps.get(name)).is_some())
        };
        if depends_on("next") {
            Self::NextJs
        } else if ["vite", "@sveltejs/kit", "astro"]
            .iter()
            .any(|d| depends_on(d))
        {
            Self::Vite
        } else {
            Self::Dotenv
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Self::NextJs => "Next.js",
            Self::Vite => "Vite",
            Self::Dotenv => "dotenv",
        }
    }

    /// One sentence for the UI, highest priority first.
    pub fn precedence_note(self) -> &'static str {
        match self {
            Self::NextJs => {
                "Next.js: .env.$(NODE_ENV).local, then .env.local (not when NODE_ENV=test), then \
                 .env.$(NODE_ENV), then .env; the first file that defines a variable wins, and a \
                 variable already set in the shell wins over every file."
            }
            Self::Vite => {
                "Vite: .env.[mode].local, then .env.[mode], then .env.local, then .env; the first \
                 file that defines a variable wins, and a variable already set in the shell wins \
                 over every file."
            }
            Self::Dotenv => {
                "dotenv: only .env is read, and a variable already set in the shell wins over it."
            }
        }
    }

    /// The modes worth showing: the framework's usual ones plus any a Vite file name implies.
    pub fn modes(self, files: &[EnvFile]) -> Vec<String> {
        match self {
            Self::NextJs => ["development", "production", "test"]
                .map(String::from)
                .to_vec(),
            Self::Vite => {
                let mut modes: Vec<String> =
                    ["development", "production"].map(String::from).to_vec();
                for mode in files.iter().filter_map(|f| mode_of(&f.name)) {
                    if !modes.contains(&mode) {
                        modes.push(mode);
                    }
                }
                modes
            }
            Self::Dotenv => vec!["default".to_string()],
        }
    }

    /// The file names loaded in `mode`, highest priority first.
    pub fn files_for_mode(self, mode: &str) -> Vec<String> {
        match self {
            Self::NextJs => {
                let mut files = vec![format!(".env.{mode}.local")];
                if mode != "test" {
                    files.push(".env.local".into());
                }
                files.extend([format!(".env.{mode}"), ".env".into()]);
                files
            }
            Self::Vite => vec![
                format!(".env.{mode}.local"),
                format!(".env.{mode}"),
                ".env.local".into(),
                ".env".into(),
            ],
            Self::Dotenv => vec![".env".into()],
        }
    }

    /// The mode a developer's first run uses (`next dev`, `vite`, `node -r dotenv/config`).
    pub fn primary_mode(self) -> &'static str {
        match self {
            Self::Dotenv => "default",
            Self::NextJs | Self::Vite => "development",
        }
    }
}

pub fn is_template(name: &str) -> bool {
    name.strip_prefix(".env.")
        .is_some_and(|rest| TEMPLATE_SUFFIXES.contains(&rest))
}

/// `.env.staging` → `staging`; `.env.staging.local` → `staging`; not `.env.local` or templates.
fn mode_of(name: &str) -> Option<String> {
    let rest = name.strip_prefix(".env.")?;
    let mode = rest.strip_suffix(".local").unwrap_or(rest);
    let valid = !mode.is_empty() && mode != "local" && !mode.contains('.') && !is_template(name);
    valid.then(|| mode.to_string())
}

/// Where a variable's value comes from in one mode, and the definitions it shadows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ResolvedVar {
    pub key: String,
    pub from: VarSource,
    pub fingerprint: String,
    /// Definitions of the same key that lose, highest priority first.
    pub shadowed: Vec<VarSource>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ModeResolution {
    pub mode: String,
    /// Existing files loaded in this mode, highest priority first.
    pub files: Vec<String>,
    /// Sorted by key.
    pub variables: Vec<ResolvedVar>,
}

pub fn resolve(framework: Framework, mode: &str, files: &[EnvFile]) -> ModeResolution {
    let loaded: Vec<&EnvFile> = framework
        .files_for_mode(mode)
        .iter()
        .filter_map(|name| files.iter().find(|f| &f.name == name))
        .collect();
    let mut variables: Vec<ResolvedVar> = Vec::new();
    for file in &loaded {
        // Within one file the last definition wins, so walk it backwards.
        for entry in file.entries.iter().rev() {
            let source = VarSource {
                file: file.name.clone(),
                line: entry.line,
            };
            match variables.iter_mut().find(|v| v.key == entry.key) {
                Some(existing) => existing.shadowed.push(source),
                None => variables.push(ResolvedVar {
                    key: entry.key.clone(),
                    from: source,
                    fingerprint: entry.fingerprint.clone(),
                    shadowed: Vec::new(),
                }),
            }
        }
    }
    variables.sort_by(|a, b| a.key.cmp(&b.key));
    ModeResolution {
        mode: mode.to_string(),
        files: loaded.iter().map(|f| f.name.clone()).collect(),
        variables,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_skips_env_local_in_test_mode() {
        assert_eq!(
            Framework::NextJs.files_for_mode("development"),
            [
                ".env.development.local",
                ".env.local",
                ".env.development",
                ".env"
            ]
        );
        assert_eq!(
            Framework::NextJs.files_for_mode("test"),
            [".env.test.local", ".env.test", ".env"]
        );
    }

    #[test]
    fn vite_puts_mode_file_above_env_local() {
        assert_eq!(
            Framework::Vite.files_for_mode("production"),
            [
                ".env.production.local",
                ".env.production",
                ".env.local",
                ".env"
            ]
        );
    }

    #[test]
    fn modes_from_file_names() {
        assert_eq!(mode_of(".env.staging.local").as_deref(), Some("staging"));
        assert_eq!(mode_of(".env.local"), None);
        assert_eq!(mode_of(".env.example"), None);
        assert!(is_template(".env.example"));
        assert!(!is_template(".env.production"));
    }

    #[test]
    fn detects_framework_from_dependencies() {
        let dir = tempfile::tempdir().unwrap();
        let pkg = dir.path().join("package.json");
        std::fs::write(&pkg, r#"{"dependencies":{"next":"15"}}"#).unwrap();
        assert_eq!(Framework::detect(dir.path()), Framework::NextJs);
        std::fs::write(&pkg, r#"{"devDependencies":{"vite":"6"}}"#).unwrap();
        assert_eq!(Framework::detect(dir.path()), Framework::Vite);
        std::fs::write(&pkg, r#"{"dependencies":{"express":"5"}}"#).unwrap();
        assert_eq!(Framework::detect(dir.path()), Framework::Dotenv);
        std::fs::remove_file(&pkg).unwrap();
        assert_eq!(Framework::detect(dir.path()), Framework::Dotenv);
    }
}
