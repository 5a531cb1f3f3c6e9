//! Writing the key and client id into the app's local env file, with consent: a preview first
//! (the key shown as its fingerprint), the file made git-ignored before the secret goes in, then
//! one atomic write that keeps every other line and comment.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use super::findings::{API_KEY_VAR, CLIENT_ID_VAR};
use super::git::{GIT_TIMEOUT, GitFacts, git_facts};
use super::gitignore::{GitignoreChange, GitignorePreview};
use super::precedence::Framework;
use crate::codes::EnvCode;
use crate::foundation::atomic_file::write_atomic;
use crate::foundation::error::{AppError, AppResult};
use crate::foundation::regular_file::{TextError, read_regular_text};
use crate::foundation::sensitive::{Sensitive, fingerprint};

const MAX_ENV_BYTES: u64 = 1024 * 1024;

/// What the write would do, as the window shows it. Holds no secret: the key appears as its
/// fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct EnvWritePreview {
    pub path: String,
    pub file: String,
    pub creates_file: bool,
    /// The file after the change, the key masked.
    pub after_masked: String,
    /// The .gitignore change made first, when the file is not ignored yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub gitignore: Option<GitignorePreview>,
}

/// The write, computed in Rust and kept there until the user agrees: which file, what it held,
/// which key and client id go in, and the .gitignore change that comes first.
pub struct EnvWrite {
    app_dir: PathBuf,
    project_root: PathBuf,
    path: PathBuf,
    file: &'static str,
    before: Option<String>,
    key: Sensitive<String>,
    client_id: Option<String>,
    gitignore: Option<GitignoreChange>,
}

/// The file the framework reads local secrets from: `.env.local` for Next.js and Vite, `.env`
/// for plain dotenv (which reads nothing else).
pub fn local_env_file(framework: Framework) -> &'static str {
    match framework {
        Framework::Dotenv => ".env",
        Framework::NextJs | Framework::Vite => ".env.local",
    }
}

impl EnvWrite {
    /// Refuses a file git tracks: a key written there would be committed.
    pub fn prepare(
        app_dir: &Path,
        project_root: &Path,
        key: &Sensitive<String>,
        client_id: Option<&str>,
    ) -> AppResult<Self> {
        let file = local_env_file(Framework::detect(app_dir));
        let path = app_dir.join(file);
        let before = read_env(&path)?;
        let git = git_of(app_dir, project_root, file);
        refuse_tracked(&git, file)?;
        let gitignore = if git.is_ignored(file) {
            None
        } else {
            Some(GitignoreChange::prepare(app_dir, file)?)
        };
        Ok(Self {
            app_dir: app_dir.to_path_buf(),
            project_root: project_root.to_path_buf(),
            path,
            file,
            before,
            key: key.clone(),
            client_id: client_id
                .map(str::trim)
                .filter(|id| !id.is_empty())
                .map(str::to_string),
            gitignore,
        })
    }

    pub fn view(&self) -> EnvWritePreview {
        let shown_key = fingerprint(self.key.expose());
        let masked = vars(&shown_key, self.client_id.as_deref());
        EnvWritePreview {
            path: self.path.to_string_lossy().into_owned(),
            file: self.file.to_string(),
            creates_file: self.before.is_none(),
            after_masked: with_vars(self.before.as_deref().unwrap_or(""), &masked),
            gitignore: self.gitignore.as_ref().map(GitignoreChange::view),
        }
    }

    /// Re-checks everything the preview checked (the same key, the file unchanged, not tracked
    /// by git, git-ignored or about to be), makes the file git-ignored, checks git agrees, and
    /// only then writes the real values.
    pub fn apply(&self, current_key: &Sensitive<String>) -> AppResult<()> {
        if current_key.expose() != self.key.expose() {
            return Err(AppError::new(
                EnvCode::WriteKeyChanged,
                "The saved API key changed since the preview; look at the new preview and try again.",
            ));
        }
        if read_env(&self.path)? != self.before {
            return Err(AppError::new(
                EnvCode::FileChanged,
                format!(
                    "{} changed since the preview; look at the new preview and try again.",
                    self.file
                ),
            ));
        }
        let git = git_of(&self.app_dir, &self.project_root, self.file);
        refuse_tracked(&git, self.file)?;
        match &self.gitignore {
            Some(change) => {
                change.apply()?;
                self.refuse_unignored(&git_of(&self.app_dir, &self.project_root, self.file))?;
            }
            None => self.refuse_unignored(&git)?,
        }
        self.write()
    }

    fn refuse_unignored(&self, git: &GitFacts) -> AppResult<()> {
        if git.is_ignored(self.file) {
            return Ok(());
        }
        Err(AppError::new(
            EnvCode::FileNotIgnored,
            format!(
                "git does not ignore {} any more, so the key was not written. Look at a new preview.",
                self.file
            ),
        ))
    }

    fn write(&self) -> AppResult<()> {
        let after = with_vars(
            self.before.as_deref().unwrap_or(""),
            &vars(self.key.expose(), self.client_id.as_deref()),
        );
        write_atomic(&self.path, after.as_bytes()).map_err(|e| {
            AppError::new(
                EnvCode::WriteFailed,
                format!("Could not write {}: {e}", self.path.display()),
            )
        })?;
        restrict_new_file(&self.path, self.before.is_none());
        Ok(())
    }
}

fn git_of(app_dir: &Path, project_root: &Path, file: &str) -> GitFacts {
    git_facts(app_dir, project_root, &[file.to_string()], GIT_TIMEOUT)
}

fn refuse_tracked(git: &GitFacts, file: &str) -> AppResult<()> {
    if !git.is_tracked(file) {
        return Ok(());
    }
    Err(AppError::new(
        EnvCode::FileTracked,
        format!(
            "git tracks {file}: a key written there would be committed. Run `git rm --cached {file}` first."
        ),
    ))
}

fn vars<'a>(key: &'a str, client_id: Option<&'a str>) -> Vec<(&'static str, &'a str)> {
    let mut vars = vec![(API_KEY_VAR, key)];
    if let Some(id) = client_id.map(str::trim).filter(|id| !id.is_empty()) {
        vars.push((CLIENT_ID_VAR, id));
    }
    vars
}

/// Sets each variable: replaces the value of an existing (uncommented) definition, keeping an
/// `export ` prefix, or appends it. Every other line, comment and the line ending stay.
pub fn with_vars(before: &str, vars: &[(&str, &str)]) -> String {
    let newline = if before.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut lines: Vec<String> = before.lines().map(str::to_string).collect();
    for (name, value) in vars {
        let definition = lines.iter().position(|line| defines(line, name));
        match definition {
            Some(index) => {
                let export = if lines[index].trim_start().starts_with("export ") {
                    "export "
                } else {
                    ""
                };
                lines[index] = format!("{export}{name}={value}");
            }
            None => lines.push(format!("{name}={value}")),
        }
    }
    let mut out = lines.join(newline);
    out.push_str(newline);
    out
}

fn defines(line: &str, name: &str) -> bool {
    let line = line.trim_start();
    let line = line.strip_prefix("export ").unwrap_or(line).trim_start();
    line.strip_prefix(name)
        .is_some_and(|rest| rest.trim_start().starts_with('='))
}

fn read_env(path: &Path) -> AppResult<Option<String>> {
    read_regular_text(path, MAX_ENV_BYTES).map_err(|e| match e {
        TextError::TooLarge => AppError::new(
            EnvCode::FileTooLarge,
            format!("{} is over 1 MiB.", path.display()),
        ),
        other => AppError::new(
            EnvCode::FileUnreadable,
            format!("{}: {other}", path.display()),
        ),
    })
}

/// A file we create to hold a secret is readable by its owner only.
fn restrict_new_file(path: &Path, created: bool) {
    #[cfg(unix)]
    if created {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o600));
    }
    #[cfg(not(unix))]
    let _ = (path, created);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_definition_in_place_and_keeps_everything_else() {
        let before = "# local\nexport WORKOS_API_KEY=sk_test_old\nOTHER=1\n";
        let after = with_vars(
            before,
            &[(API_KEY_VAR, "sk_test_new"), (CLIENT_ID_VAR, "client_1")],
        );
        assert_eq!(
            after,
            "# local\nexport WORKOS_API_KEY=sk_test_new\nOTHER=1\nWORKOS_CLIENT_ID=client_1\n"
        );
    }

    #[test]
    fn leaves_commented_definitions_and_crlf_alone() {
        let before = "#WORKOS_API_KEY=x\r\nA=1";
        assert_eq!(
            with_vars(before, &[(API_KEY_VAR, "k")]),
            "#WORKOS_API_KEY=x\r\nA=1\r\nWORKOS_API_KEY=k\r\n"
        );
    }

    #[test]
    fn does_not_mistake_a_longer_name() {
        assert!(!defines("WORKOS_API_KEY_OLD=1", API_KEY_VAR));
        assert!(defines("  WORKOS_API_KEY = 1", API_KEY_VAR));
    }
}
