//! Pre-flight, local half: every `.env*` file of the chosen app, parsed with the dotenv rules the
//! app's framework really uses, which file each variable comes from and which one wins, and the
//! findings about `WORKOS_API_KEY` / `WORKOS_CLIENT_ID`.
//!
//! Values stay in [`Sensitive`]; everything that can reach the UI carries fingerprints only.
//! [`load`], [`git_facts`] and [`check`] block (disk, `git`): call them from `spawn_blocking`.

pub mod codes;
mod findings;
mod git;
mod gitignore;
mod parse;
mod precedence;
mod read;
mod write_local;

use std::path::Path;
use std::time::Duration;

use serde::Serialize;
use ts_rs::TS;

use crate::checks::finding::Finding;
use crate::foundation::sensitive::{Sensitive, fingerprint};
use crate::local::project::is_env_file_name;

pub use findings::{API_KEY_VAR, CLIENT_ID_VAR, findings};
pub use git::{GIT_TIMEOUT, GitFacts, GitSource, git_facts};
pub use gitignore::{GitignoreChange, GitignorePreview, prepare_fix, with_line_added};
pub use parse::{ParseProblem, QuoteKind};
/// The bare parser, for the conformance test against Node's `dotenv`
/// (`tests/envfiles_dotenv_conformance.rs`). Its values are plain `String`s, not [`Sensitive`]:
/// app code goes through [`load`], which wraps them.
pub use parse::{Parsed, ParsedEntry, parse as parse_dotenv};
pub use precedence::{Framework, ModeResolution, ResolvedVar, is_template, resolve};
pub use read::{MAX_ENV_FILE_BYTES, ReadIssue};
pub use write_local::{EnvWrite, EnvWritePreview, local_env_file, with_vars};

/// Where one definition sits: file name (inside the app folder) and 1-based line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VarSource {
    pub file: String,
    pub line: usize,
}

/// One `KEY=value`. The value never leaves this struct except through `value.expose()`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EnvEntry {
    pub key: String,
    #[serde(skip)]
    #[ts(skip)]
    pub value: Sensitive<String>,
    pub line: usize,
    pub quote: QuoteKind,
    pub trailing_whitespace: bool,
    /// For a WorkOS variable `sk_test_…a1b2`-style (see [`fingerprint`]); for any other
    /// variable (DATABASE_URL, …) only `set` or `empty`, and nothing more.
    pub fingerprint: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EnvFile {
    /// File name inside the app folder, e.g. `.env.local`.
    pub name: String,
    /// `.env.example` and friends: documentation, never loaded.
    pub template: bool,
    /// Modes in which the framework loads this file.
    pub loaded_in: Vec<String>,
    #[ts(type = "number")]
    pub size_bytes: u64,
    pub entries: Vec<EnvEntry>,
    pub problems: Vec<ParseProblem>,
    pub read_issues: Vec<ReadIssue>,
}

impl EnvFile {
    /// Definitions of `key` in file order.
    pub fn definitions<'a>(&'a self, key: &'a str) -> impl Iterator<Item = &'a EnvEntry> + 'a {
        self.entries.iter().filter(move |e| e.key == key)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EnvReport {
    pub app_dir: String,
    pub framework: Framework,
    /// The framework's load order in one sentence, for the UI.
    pub precedence: String,
    /// Sorted by name.
    pub files: Vec<EnvFile>,
    pub modes: Vec<ModeResolution>,
    /// The app folder itself could not be listed.
    pub dir_error: Option<String>,
}

impl EnvReport {
    pub fn file(&self, name: &str) -> Option<&EnvFile> {
        self.files.iter().find(|f| f.name == name)
    }

    pub fn mode(&self, mode: &str) -> Option<&ModeResolution> {
        self.modes.iter().find(|m| m.mode == mode)
    }

    /// The winning value of `key` in `mode`, for code that must use it (the live key check).
    pub fn value_in_mode(&self, mode: &str, key: &str) -> Option<&Sensitive<String>> {
        let var = self.mode(mode)?.variables.iter().find(|v| v.key == key)?;
        let file = self.file(&var.from.file)?;
        file.entries
            .iter()
            .find(|e| e.key == key && e.line == var.from.line)
            .map(|e| &e.value)
    }
}

/// Reads and parses every `.env*` file directly inside `app_dir`.
pub fn load(app_dir: &Path, framework: Framework) -> EnvReport {
    let (names, dir_error) = env_file_names(app_dir);
    let mut files: Vec<EnvFile> = names.iter().map(|name| load_file(app_dir, name)).collect();
    let modes: Vec<ModeResolution> = framework
        .modes(&files)
        .iter()
        .map(|mode| resolve(framework, mode, &files))
        .collect();
    for file in &mut files {
        file.loaded_in = modes
            .iter()
            .filter(|m| m.files.contains(&file.name))
            .map(|m| m.mode.clone())
            .collect();
    }
    EnvReport {
        app_dir: app_dir.to_string_lossy().into_owned(),
        framework,
        precedence: framework.precedence_note().to_string(),
        files,
        modes,
        dir_error,
    }
}

fn env_file_names(app_dir: &Path) -> (Vec<String>, Option<String>) {
    let entries = match std::fs::read_dir(app_dir) {
        Ok(entries) => entries,
        Err(err) => return (Vec::new(), Some(err.to_string())),
    };
    let mut names: Vec<String> = entries
        .flatten()
        .filter_map(|entry| entry.file_name().to_str().map(str::to_string))
        .filter(|name| is_env_file_name(name))
        .filter(|name| !app_dir.join(name).is_dir())
        .collect();
    names.sort();
    (names, None)
}

fn load_file(app_dir: &Path, name: &str) -> EnvFile {
    let outcome = read::read_env_file(&app_dir.join(name));
    let parsed = outcome
        .text
        .as_deref()
        .map(parse::parse)
        .unwrap_or_default();
    EnvFile {
        name: name.to_string(),
        template: is_template(name),
        loaded_in: Vec::new(),
        size_bytes: outcome.size_bytes,
        entries: parsed.entries.into_iter().map(into_entry).collect(),
        problems: parsed.problems,
        read_issues: outcome.issues,
    }
}

fn into_entry(parsed: parse::ParsedEntry) -> EnvEntry {
    EnvEntry {
        fingerprint: shown_value(&parsed.key, &parsed.value),
        key: parsed.key,
        value: Sensitive::new(parsed.value),
        line: parsed.line,
        quote: parsed.quote,
        trailing_whitespace: parsed.trailing_whitespace,
    }
}

/// What the window and the report may see of a value: a fingerprint for the variables this app
/// is about (names with `WORKOS`), nothing but set/empty for the rest.
fn shown_value(name: &str, value: &str) -> String {
    if name.to_ascii_uppercase().contains("WORKOS") {
        fingerprint(value)
    } else if value.is_empty() {
        "empty".to_string()
    } else {
        "set".to_string()
    }
}

/// Everything the pre-flight step needs about env files, in one blocking call.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct EnvCheck {
    pub report: EnvReport,
    pub git: GitFacts,
    pub findings: Vec<Finding>,
}

/// `load` + `git_facts` + `findings`. `project_root` bounds the `.gitignore` search when the
/// folder is not a git repository.
pub fn check(
    app_dir: &Path,
    project_root: &Path,
    framework: Framework,
    git_timeout: Duration,
) -> EnvCheck {
    let report = load(app_dir, framework);
    let names: Vec<String> = report.files.iter().map(|f| f.name.clone()).collect();
    let git = git_facts(app_dir, project_root, &names, git_timeout);
    let findings = findings(&report, &git);
    EnvCheck {
        report,
        git,
        findings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn next_js_precedence_per_mode_with_line_numbers() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".env"), "A=base\nB=base\n").unwrap();
        fs::write(dir.path().join(".env.local"), "# local\nA=local\n").unwrap();
        fs::write(dir.path().join(".env.test"), "A=test\n").unwrap();
        let report = load(dir.path(), Framework::NextJs);
        let dev = report.mode("development").unwrap();
        let a = dev.variables.iter().find(|v| v.key == "A").unwrap();
        assert_eq!(
            a.from,
            VarSource {
                file: ".env.local".into(),
                line: 2
            }
        );
        assert_eq!(
            a.shadowed,
            [VarSource {
                file: ".env".into(),
                line: 1
            }]
        );
        let test = report.mode("test").unwrap();
        assert_eq!(
            test.variables
                .iter()
                .find(|v| v.key == "A")
                .unwrap()
                .from
                .file,
            ".env.test"
        );
        assert_eq!(
            report.value_in_mode("development", "A").unwrap().expose(),
            "local"
        );
        assert_eq!(
            report.file(".env.local").unwrap().loaded_in,
            ["development", "production"]
        );
    }

    #[test]
    fn last_definition_in_a_file_wins() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".env"), "A=first\nA=second\n").unwrap();
        let report = load(dir.path(), Framework::Dotenv);
        assert_eq!(
            report.value_in_mode("default", "A").unwrap().expose(),
            "second"
        );
    }

    #[test]
    fn typescript_and_json_shapes_carry_no_value_field() {
        use ts_rs::TS;
        let decl = EnvEntry::decl(&ts_rs::Config::new());
        assert!(
            decl.contains("fingerprint") && !decl.contains("value"),
            "{decl}"
        );
        let entry = into_entry(
            parse::parse("WORKOS_API_KEY=sk_test_a1B2c3D4e5F6g7H8i9J0k")
                .entries
                .remove(0),
        );
        let json = serde_json::to_value(&entry).unwrap();
        assert!(json.get("value").is_none());
        assert_eq!(json["fingerprint"], "sk_test_…9J0k");
    }

    #[test]
    fn envrc_and_folders_named_like_env_files_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".envrc"), "export A=1\n").unwrap();
        fs::create_dir(dir.path().join(".env.d")).unwrap();
        assert!(load(dir.path(), Framework::Dotenv).files.is_empty());
    }
}
