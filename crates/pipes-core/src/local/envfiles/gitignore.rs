//! The `AddToGitignore` fix: prepared in Rust (the UI shows before/after), then one atomic
//! write of exactly what was shown.

use std::path::{Path, PathBuf};

use serde::Serialize;
use ts_rs::TS;

use crate::checks::finding::Fix;
use crate::codes::GitignoreCode;
use crate::foundation::atomic_file::write_atomic;
use crate::foundation::error::{AppError, AppResult};
use crate::foundation::regular_file::{TextError, read_regular_text};
use crate::local::project::is_env_file_name;

const MAX_GITIGNORE_BYTES: u64 = 1024 * 1024;

/// What applying the fix would change, as the window shows it. Holds no secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GitignorePreview {
    /// The `.gitignore` that gets the line (absolute).
    pub path: String,
    pub line: String,
    pub before: String,
    pub after: String,
    /// The file does not exist yet and will be created.
    pub creates_file: bool,
    /// The exact line is already there: applying changes nothing.
    pub already_present: bool,
}

/// A `.gitignore` change computed in Rust and kept there until the user agrees to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitignoreChange {
    path: PathBuf,
    line: String,
    /// `None`: the file does not exist yet.
    before: Option<String>,
    after: String,
}

/// Prepares a `Fix::AddToGitignore` the window asked for. The window is not trusted: the
/// folder must be inside a project the user opened (`is_opened`), and the line must be an env
/// file's name, the only line the checks propose.
pub fn prepare_fix(fix: &Fix, is_opened: impl Fn(&Path) -> bool) -> AppResult<GitignoreChange> {
    let Fix::AddToGitignore { project, line } = fix else {
        return Err(AppError::new(
            GitignoreCode::FixNotGitignore,
            "This fix does not change .gitignore.",
        ));
    };
    let dir = Path::new(project);
    if !dir.is_absolute() || !is_opened(dir) {
        return Err(AppError::new(
            GitignoreCode::FixOutsideProject,
            "This .gitignore is not in a project you opened; open the project in Pre-flight first.",
        ));
    }
    let line = line.trim();
    if !is_env_file_name(line) || line.contains(['/', '\\']) {
        return Err(AppError::new(
            GitignoreCode::BadLine,
            "Only an env file's name (such as .env.local) is added to .gitignore from here.",
        ));
    }
    GitignoreChange::prepare(dir, line)
}

impl GitignoreChange {
    /// The change that adds `line` to `dir/.gitignore`, keeping every byte already there.
    pub fn prepare(dir: &Path, line: &str) -> AppResult<Self> {
        let line = validate_line(line)?;
        let path = dir.join(".gitignore");
        let before = read_gitignore(&path)?;
        let after = match &before {
            Some(text) if has_line(text, line) => text.clone(),
            other => with_line_added(other.as_deref().unwrap_or(""), line),
        };
        Ok(Self {
            path,
            line: line.to_string(),
            before,
            after,
        })
    }

    pub fn view(&self) -> GitignorePreview {
        GitignorePreview {
            path: self.path.to_string_lossy().into_owned(),
            line: self.line.clone(),
            before: self.before.clone().unwrap_or_default(),
            after: self.after.clone(),
            creates_file: self.before.is_none(),
            already_present: self.already_present(),
        }
    }

    fn already_present(&self) -> bool {
        self.before
            .as_deref()
            .is_some_and(|text| has_line(text, &self.line))
    }

    /// Writes the previewed file, but only if it still holds what the preview read: the user
    /// approved that exact change, not a change to a file someone edited since.
    pub fn apply(&self) -> AppResult<()> {
        if self.already_present() {
            return Ok(());
        }
        if read_gitignore(&self.path)? != self.before {
            return Err(AppError::new(
                GitignoreCode::Changed,
                ".gitignore changed since the preview was made; look at the new preview and try again.",
            ));
        }
        write_atomic(&self.path, self.after.as_bytes()).map_err(|e| {
            AppError::new(
                GitignoreCode::WriteFailed,
                format!("Could not write {}: {e}", self.path.display()),
            )
        })
    }
}

fn has_line(text: &str, line: &str) -> bool {
    text.lines().any(|l| l.trim() == line)
}

/// Keeps every existing byte, adds the newline the file lacked, then the line.
/// Follows the file's own line ending (CRLF or LF).
pub fn with_line_added(before: &str, line: &str) -> String {
    let newline = if before.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut after = String::with_capacity(before.len() + line.len() + 2);
    after.push_str(before);
    if !before.is_empty() && !before.ends_with('\n') {
        after.push_str(newline);
    }
    after.push_str(line);
    after.push_str(newline);
    after
}

fn validate_line(line: &str) -> AppResult<&str> {
    let line = line.trim();
    let bad = line.is_empty()
        || line.len() > 255
        || line.contains(['\n', '\r', '\0'])
        || line.starts_with('#');
    if bad {
        return Err(AppError::new(
            GitignoreCode::BadLine,
            "The line to add to .gitignore is not a single pattern.",
        ));
    }
    Ok(line)
}

fn read_gitignore(path: &Path) -> AppResult<Option<String>> {
    read_regular_text(path, MAX_GITIGNORE_BYTES).map_err(|e| {
        let why = match e {
            TextError::TooLarge => "larger than 1 MiB".to_string(),
            other => other.to_string(),
        };
        AppError::new(
            GitignoreCode::Unreadable,
            format!("{}: {why}", path.display()),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn adds_a_line_keeping_comments_and_fixing_the_last_newline() {
        assert_eq!(
            with_line_added("# deps\nnode_modules", ".env.local"),
            "# deps\nnode_modules\n.env.local\n"
        );
        assert_eq!(with_line_added("a\n", ".env"), "a\n.env\n");
        assert_eq!(with_line_added("", ".env"), ".env\n");
        assert_eq!(with_line_added("a\r\nb", ".env"), "a\r\nb\r\n.env\r\n");
    }

    #[test]
    fn preview_then_apply_writes_exactly_the_preview() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join(".gitignore"), "# keep me\nnode_modules").unwrap();
        let change = GitignoreChange::prepare(dir.path(), ".env.local").unwrap();
        let preview = change.view();
        assert_eq!(preview.before, "# keep me\nnode_modules");
        assert!(!preview.creates_file && !preview.already_present);
        change.apply().unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
            preview.after
        );
        assert!(
            GitignoreChange::prepare(dir.path(), ".env.local")
                .unwrap()
                .view()
                .already_present
        );
    }

    #[test]
    fn creates_a_missing_gitignore() {
        let dir = tempfile::tempdir().unwrap();
        let change = prepare_fix(
            &Fix::AddToGitignore {
                project: dir.path().to_string_lossy().into(),
                line: ".env".into(),
            },
            |_| true,
        )
        .unwrap();
        assert!(change.view().creates_file);
        change.apply().unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
            ".env\n"
        );
    }

    #[test]
    fn refuses_when_the_file_changed_after_the_preview() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(".gitignore");
        fs::write(&file, "a\n").unwrap();
        let change = GitignoreChange::prepare(dir.path(), ".env").unwrap();
        fs::write(&file, "a\nb\n").unwrap();
        assert_eq!(change.apply().unwrap_err().code, "GITIGNORE_CHANGED");
        assert_eq!(fs::read_to_string(&file).unwrap(), "a\nb\n");
    }

    #[test]
    fn rejects_lines_that_are_not_one_pattern() {
        let dir = tempfile::tempdir().unwrap();
        for line in ["", "a\nb", "# comment"] {
            assert_eq!(
                GitignoreChange::prepare(dir.path(), line).unwrap_err().code,
                "GITIGNORE_BAD_LINE"
            );
        }
    }

    #[test]
    fn refuses_a_fix_outside_the_opened_projects_or_for_another_file() {
        let dir = tempfile::tempdir().unwrap();
        let fix = |project: &Path, line: &str| Fix::AddToGitignore {
            project: project.to_string_lossy().into(),
            line: line.into(),
        };
        let opened = dir.path().join("shop");
        fs::create_dir(&opened).unwrap();
        let inside = |p: &Path| p.starts_with(&opened);
        let outside = prepare_fix(&fix(dir.path(), ".env"), inside).unwrap_err();
        assert_eq!(outside.code, "FIX_OUTSIDE_PROJECT");
        let relative = prepare_fix(&fix(Path::new("shop"), ".env"), |_| true).unwrap_err();
        assert_eq!(relative.code, "FIX_OUTSIDE_PROJECT");
        for line in ["[Desktop Entry]", "../.env", "*"] {
            let bad = prepare_fix(&fix(&opened, line), inside).unwrap_err();
            assert_eq!(bad.code, "GITIGNORE_BAD_LINE", "{line}");
        }
        assert!(prepare_fix(&fix(&opened, ".env.local"), inside).is_ok());
        assert!(!dir.path().join(".gitignore").exists());
    }
}
