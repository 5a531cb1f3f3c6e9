//! The `AddToGitignore` fix: preview first (the UI shows before/after), then an atomic write.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checks::finding::Fix;
use crate::foundation::atomic_file::write_atomic;
use crate::foundation::error::{AppError, AppResult};

const MAX_GITIGNORE_BYTES: u64 = 1024 * 1024;

/// What applying the fix would change. Holds no secret: a .gitignore has none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
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

/// Preview for a `Fix::AddToGitignore`; any other fix is an error.
pub fn preview_fix(fix: &Fix) -> AppResult<GitignorePreview> {
    match fix {
        Fix::AddToGitignore { project, line } => preview_gitignore_fix(Path::new(project), line),
        _ => Err(AppError::new(
            "FIX_NOT_GITIGNORE",
            "This fix does not change .gitignore.",
        )),
    }
}

pub fn preview_gitignore_fix(dir: &Path, line: &str) -> AppResult<GitignorePreview> {
    let line = validate_line(line)?;
    let path = dir.join(".gitignore");
    let before = read_gitignore(&path)?;
    let already_present = before
        .as_deref()
        .is_some_and(|text| text.lines().any(|l| l.trim() == line));
    let before_text = before.clone().unwrap_or_default();
    let after = if already_present {
        before_text.clone()
    } else {
        with_line_added(&before_text, line)
    };
    Ok(GitignorePreview {
        path: path.to_string_lossy().into_owned(),
        line: line.to_string(),
        before: before_text,
        after,
        creates_file: before.is_none(),
        already_present,
    })
}

/// Writes `preview.after`, but only if the file still holds `preview.before`: the user approved
/// that exact change, not a change to a file someone edited since.
pub fn apply_gitignore_fix(preview: &GitignorePreview) -> AppResult<()> {
    if preview.already_present {
        return Ok(());
    }
    let path = PathBuf::from(&preview.path);
    let current = read_gitignore(&path)?;
    if current.is_some() == preview.creates_file || current.unwrap_or_default() != preview.before {
        return Err(AppError::new(
            "GITIGNORE_CHANGED",
            ".gitignore changed since the preview was made; look at the new preview and try again.",
        ));
    }
    write_atomic(&path, preview.after.as_bytes()).map_err(|e| {
        AppError::new(
            "GITIGNORE_WRITE_FAILED",
            format!("Could not write {}: {e}", preview.path),
        )
    })
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
            "GITIGNORE_BAD_LINE",
            "The line to add to .gitignore is not a single pattern.",
        ));
    }
    Ok(line)
}

fn read_gitignore(path: &Path) -> AppResult<Option<String>> {
    let unreadable =
        |why: String| AppError::new("GITIGNORE_UNREADABLE", format!("{}: {why}", path.display()));
    match std::fs::metadata(path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(unreadable(e.to_string())),
        Ok(meta) if !meta.is_file() => return Err(unreadable("not a regular file".into())),
        Ok(meta) if meta.len() > MAX_GITIGNORE_BYTES => {
            return Err(unreadable("larger than 1 MiB".into()));
        }
        Ok(_) => {}
    }
    let bytes = std::fs::read(path).map_err(|e| unreadable(e.to_string()))?;
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| unreadable("not UTF-8 text".into()))
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
        let preview = preview_gitignore_fix(dir.path(), ".env.local").unwrap();
        assert_eq!(preview.before, "# keep me\nnode_modules");
        assert!(!preview.creates_file && !preview.already_present);
        apply_gitignore_fix(&preview).unwrap();
        assert_eq!(
            fs::read_to_string(dir.path().join(".gitignore")).unwrap(),
            preview.after
        );
        assert!(
            preview_gitignore_fix(dir.path(), ".env.local")
                .unwrap()
                .already_present
        );
    }

    #[test]
    fn creates_a_missing_gitignore() {
        let dir = tempfile::tempdir().unwrap();
        let preview = preview_fix(&Fix::AddToGitignore {
            project: dir.path().to_string_lossy().into(),
            line: ".env".into(),
        })
        .unwrap();
        assert!(preview.creates_file);
        apply_gitignore_fix(&preview).unwrap();
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
        let preview = preview_gitignore_fix(dir.path(), ".env").unwrap();
        fs::write(&file, "a\nb\n").unwrap();
        assert_eq!(
            apply_gitignore_fix(&preview).unwrap_err().code,
            "GITIGNORE_CHANGED"
        );
        assert_eq!(fs::read_to_string(&file).unwrap(), "a\nb\n");
    }

    #[test]
    fn rejects_lines_that_are_not_one_pattern() {
        let dir = tempfile::tempdir().unwrap();
        for line in ["", "a\nb", "# comment"] {
            assert_eq!(
                preview_gitignore_fix(dir.path(), line).unwrap_err().code,
                "GITIGNORE_BAD_LINE"
            );
        }
    }
}
