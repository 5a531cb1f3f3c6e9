//! Reading an app folder's files with caps: a huge, binary or odd file is a problem to
//! report, never a panic or a stall.

use crate::foundation::regular_file::{OpenError, read_regular};
use std::fs;
use std::path::{Path, PathBuf};

/// Manifests are hand-written; anything bigger is not one.
pub(super) const MANIFEST_CAP: u64 = 1024 * 1024;
/// Lockfiles of large monorepos run to tens of megabytes.
pub(super) const LOCKFILE_CAP: u64 = 32 * 1024 * 1024;
/// Enough directory entries for any real app folder; more and we stop listing.
const MAX_DIR_ENTRIES: usize = 10_000;

/// What kind of file could not be read; decides the finding code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FileRole {
    Manifest,
    Lockfile,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FileProblem {
    pub role: FileRole,
    pub path: String,
    pub reason: String,
}

/// One app folder being scanned, with the problems met so far.
pub(super) struct AppFolder {
    root: PathBuf,
    names: Vec<String>,
    workspace_prefixes: Vec<String>,
    pub problems: Vec<FileProblem>,
}

/// How far up a workspace root (the repository root) may be above an app folder.
const MAX_WORKSPACE_DEPTH: usize = 8;

impl AppFolder {
    pub fn open(root: &Path) -> Self {
        Self {
            root: root.to_path_buf(),
            names: list_file_names(root),
            workspace_prefixes: workspace_prefixes(root),
            problems: Vec::new(),
        }
    }

    /// `""`, then `"../"`, `"../../"`… up to the repository root (the first folder with
    /// `.git`): where a workspace keeps its shared lockfile and hoisted `node_modules`.
    /// Outside a repository only the app folder itself, so an unrelated lockfile higher up
    /// (a home folder's) is never taken for the app's.
    pub fn workspace_prefixes(&self) -> &[String] {
        &self.workspace_prefixes
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn has(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    pub fn is_dir(&self, rel: &str) -> bool {
        self.path(rel).is_dir()
    }

    /// Names of the folder's top-level entries that satisfy `pred`, sorted.
    pub fn names_matching(&self, pred: impl Fn(&str) -> bool) -> Vec<String> {
        self.names.iter().filter(|n| pred(n)).cloned().collect()
    }

    /// The file's text; `None` when it is absent, or unreadable (then recorded as a problem).
    pub fn read(&mut self, rel: &str, role: FileRole) -> Option<String> {
        let cap = match role {
            FileRole::Manifest => MANIFEST_CAP,
            FileRole::Lockfile => LOCKFILE_CAP,
        };
        match read_capped(&self.path(rel), cap) {
            Ok(text) => text,
            Err(reason) => {
                self.problem(role, rel, reason);
                None
            }
        }
    }

    /// Like [`Self::read`], for files outside the app that only hint at something: an
    /// unreadable one is not the app's problem and is not reported.
    pub fn read_quietly(&self, rel: &str) -> Option<String> {
        read_capped(&self.path(rel), MANIFEST_CAP).ok().flatten()
    }

    pub fn problem(&mut self, role: FileRole, rel: &str, reason: impl Into<String>) {
        self.problems.push(FileProblem {
            role,
            path: rel.to_string(),
            reason: reason.into(),
        });
    }
}

/// Parsers that recurse (TOML, XML) overflow the stack on absurdly nested input; real
/// manifests nest a handful of levels.
const MAX_NESTING: usize = 256;

/// `Err(reason)` when brackets or tags nest deeper than any real manifest does.
pub(super) fn check_nesting(text: &str) -> Result<(), String> {
    let mut depth: usize = 0;
    let mut previous = ' ';
    for c in text.chars() {
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => depth = depth.saturating_sub(1),
            '<' => depth += 1,
            // `</x>` closes a tag; `<!-- -->`, `<?xml ?>` and `<!DOCTYPE>` open none.
            '/' if previous == '<' => depth = depth.saturating_sub(2),
            '!' | '?' if previous == '<' => depth = depth.saturating_sub(1),
            '>' if previous == '/' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth > MAX_NESTING {
            return Err(format!("nests deeper than {MAX_NESTING} levels"));
        }
        previous = c;
    }
    Ok(())
}

/// `Ok(None)` when the file does not exist; `Err(reason)` when it exists but is not usable text.
pub(super) fn read_capped(path: &Path, cap: u64) -> Result<Option<String>, String> {
    let bytes = match read_regular(path, cap + 1) {
        Ok(None) => return Ok(None),
        Ok(Some(bytes)) => bytes,
        Err(OpenError::Io(e)) => return Err(format!("cannot be read: {e}")),
        Err(not_regular) => return Err(not_regular.to_string()),
    };
    if bytes.len() as u64 > cap {
        return Err(format!(
            "is more than the {} MB a scan reads",
            cap / 1_000_000
        ));
    }
    if bytes.contains(&0) {
        return Err("is binary, not text".into());
    }
    let text = String::from_utf8(bytes).map_err(|_| "is not UTF-8 text".to_string())?;
    Ok(Some(
        text.strip_prefix('\u{feff}')
            .map(str::to_string)
            .unwrap_or(text),
    ))
}

fn workspace_prefixes(root: &Path) -> Vec<String> {
    let mut prefixes = vec![String::new()];
    if root.join(".git").exists() {
        return prefixes;
    }
    let mut prefix = String::new();
    for ancestor in root.ancestors().skip(1).take(MAX_WORKSPACE_DEPTH) {
        prefix.push_str("../");
        prefixes.push(prefix.clone());
        if ancestor.join(".git").exists() {
            return prefixes;
        }
    }
    vec![String::new()]
}

fn list_file_names(root: &Path) -> Vec<String> {
    let Ok(entries) = fs::read_dir(root) else {
        return Vec::new();
    };
    let mut names: Vec<String> = entries
        .take(MAX_DIR_ENTRIES)
        .flatten()
        .filter_map(|e| e.file_name().into_string().ok())
        .collect();
    names.sort();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_is_none_and_oddities_are_reasons() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(read_capped(&dir.path().join("nope"), 10), Ok(None));
        assert!(
            read_capped(dir.path(), 10)
                .unwrap_err()
                .contains("not a regular file")
        );
        std::fs::write(dir.path().join("big"), "x".repeat(100)).unwrap();
        assert!(
            read_capped(&dir.path().join("big"), 10)
                .unwrap_err()
                .contains("MB")
        );
        std::fs::write(dir.path().join("bin"), b"PK\x03\x04\0\0").unwrap();
        assert!(
            read_capped(&dir.path().join("bin"), 100)
                .unwrap_err()
                .contains("binary")
        );
        std::fs::write(dir.path().join("latin1"), b"caf\xe9").unwrap();
        assert!(
            read_capped(&dir.path().join("latin1"), 100)
                .unwrap_err()
                .contains("UTF-8")
        );
        std::fs::write(dir.path().join("bom"), "\u{feff}{}").unwrap();
        assert_eq!(
            read_capped(&dir.path().join("bom"), 100),
            Ok(Some("{}".into()))
        );
    }

    #[test]
    fn nesting_guard() {
        assert!(check_nesting("[a]\nb = { c = [1, [2]] }\n<x><y/><z>t</z></x>").is_ok());
        assert!(check_nesting(&"[".repeat(300)).is_err());
        assert!(check_nesting(&"<a>".repeat(300)).is_err());
        assert!(check_nesting(&"<a></a>".repeat(3000)).is_ok());
        assert!(check_nesting(&"<!-- note -->\n".repeat(3000)).is_ok());
    }
}
