//! Writing the key and client id into the app's local env file, with consent: a preview first
//! (the key shown as its fingerprint), the file made git-ignored before the secret goes in, then
//! one atomic write that keeps every other line and comment.

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::findings::{API_KEY_VAR, CLIENT_ID_VAR};
use super::git::{GIT_TIMEOUT, git_facts};
use super::gitignore::{GitignorePreview, apply_gitignore_fix, preview_gitignore_fix};
use super::precedence::Framework;
use crate::foundation::atomic_file::write_atomic;
use crate::foundation::error::{AppError, AppResult};
use crate::foundation::sensitive::{Sensitive, fingerprint};

const MAX_ENV_BYTES: u64 = 1024 * 1024;

/// What the write would do. Holds no secret: the key appears as its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct EnvWritePreview {
    pub path: String,
    pub file: String,
    pub creates_file: bool,
    /// The file after the change, the key masked.
    pub after_masked: String,
    /// Identifies the file as previewed: the write happens only if it is still the same.
    pub before_digest: String,
    /// The .gitignore change made first, when the file is not ignored yet.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub gitignore: Option<GitignorePreview>,
}

/// The file the framework reads local secrets from: `.env.local` for Next.js and Vite, `.env`
/// for plain dotenv (which reads nothing else).
pub fn local_env_file(framework: Framework) -> &'static str {
    match framework {
        Framework::Dotenv => ".env",
        Framework::NextJs | Framework::Vite => ".env.local",
    }
}

pub fn preview_env_write(
    app_dir: &Path,
    project_root: &Path,
    key: &Sensitive<String>,
    client_id: Option<&str>,
) -> AppResult<EnvWritePreview> {
    let file = local_env_file(Framework::detect(app_dir));
    let path = app_dir.join(file);
    let before = read_env(&path)?;
    let git = git_facts(app_dir, project_root, &[file.to_string()], GIT_TIMEOUT);
    if git.is_tracked(file) {
        return Err(AppError::new(
            "ENV_FILE_TRACKED",
            format!(
                "git tracks {file}: a key written there would be committed. Run `git rm --cached {file}` first."
            ),
        ));
    }
    let gitignore = if git.is_ignored(file) {
        None
    } else {
        Some(preview_gitignore_fix(app_dir, file)?)
    };
    let shown_key = fingerprint(key.expose());
    let masked = vars(&shown_key, client_id);
    Ok(EnvWritePreview {
        path: path.to_string_lossy().into_owned(),
        file: file.to_string(),
        creates_file: before.is_none(),
        after_masked: with_vars(before.as_deref().unwrap_or(""), &masked),
        before_digest: digest(before.as_deref()),
        gitignore,
    })
}

/// Makes the file git-ignored (when the preview said so), then writes the real values.
pub fn apply_env_write(
    preview: &EnvWritePreview,
    key: &Sensitive<String>,
    client_id: Option<&str>,
) -> AppResult<()> {
    let path = Path::new(&preview.path);
    let before = read_env(path)?;
    if digest(before.as_deref()) != preview.before_digest {
        return Err(AppError::new(
            "ENV_FILE_CHANGED",
            format!(
                "{} changed since the preview; look at the new preview and try again.",
                preview.file
            ),
        ));
    }
    if let Some(gitignore) = &preview.gitignore {
        apply_gitignore_fix(gitignore)?;
    }
    let after = with_vars(
        before.as_deref().unwrap_or(""),
        &vars(key.expose(), client_id),
    );
    write_atomic(path, after.as_bytes()).map_err(|e| {
        AppError::new(
            "ENV_WRITE_FAILED",
            format!("Could not write {}: {e}", preview.path),
        )
    })?;
    restrict_new_file(path, before.is_none());
    Ok(())
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
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(AppError::new(
                "ENV_FILE_UNREADABLE",
                format!("{}: {e}", path.display()),
            ));
        }
        Ok(meta) if meta.len() > MAX_ENV_BYTES => {
            return Err(AppError::new(
                "ENV_FILE_TOO_LARGE",
                format!("{} is over 1 MiB.", path.display()),
            ));
        }
        Ok(_) => {}
    }
    std::fs::read_to_string(path)
        .map(Some)
        .map_err(|e| AppError::new("ENV_FILE_UNREADABLE", format!("{}: {e}", path.display())))
}

fn digest(contents: Option<&str>) -> String {
    let mut hasher = DefaultHasher::new();
    contents.hash(&mut hasher);
    format!("{:016x}", hasher.finish())
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
