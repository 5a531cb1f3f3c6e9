//! What a user types, pastes or drops into a project folder: `~` expanded, quotes and a
//! `file://` prefix taken off, and a file (say `package.json` or `.env`) turned into its folder.

use std::path::{Path, PathBuf};

use crate::checks::finding::Finding;
use crate::codes::ProjectCode;

/// The folder to scan for `input`, and a note when it is not literally what was given.
pub(super) fn folder_to_open(input: &str, home: Option<&Path>) -> (PathBuf, Option<Finding>) {
    let path = expand(input, home);
    match std::fs::metadata(&path) {
        Ok(meta) if meta.is_file() => match path.parent().filter(|p| !p.as_os_str().is_empty()) {
            Some(folder) => {
                let note = file_picked_note(&path, folder);
                (folder.to_path_buf(), Some(note))
            }
            None => (path, None),
        },
        _ => (path, None),
    }
}

/// `~/x` → `$HOME/x`; `'a b'` and `"a b"` → `a b`; `file:///a%20b` → `/a b`.
fn expand(input: &str, home: Option<&Path>) -> PathBuf {
    let trimmed = strip_quotes(input.trim());
    let unprefixed = trimmed
        .strip_prefix("file://")
        .map(percent_decode)
        .unwrap_or_else(|| trimmed.to_string());
    match (unprefixed.as_str(), home) {
        ("~", Some(home)) => home.to_path_buf(),
        (rest, Some(home)) if rest.starts_with("~/") => home.join(&rest[2..]),
        (other, _) => PathBuf::from(other),
    }
}

fn strip_quotes(text: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = text.strip_prefix(quote).and_then(|t| t.strip_suffix(quote)) {
            return inner;
        }
    }
    text
}

/// Decodes `%XX` escapes; a malformed escape is kept as written.
fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn file_picked_note(file: &Path, folder: &Path) -> Finding {
    let name = file.file_name().unwrap_or_default().to_string_lossy();
    Finding::info(
        ProjectCode::FilePicked,
        "Checking the file's folder",
        format!(
            "`{name}` is a file, so Pipes Setup checks the folder it is in: `{}`.",
            folder.display()
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn home_quotes_and_file_urls_become_plain_paths() {
        let home = Path::new("/home/ada");
        assert_eq!(expand("~", Some(home)), home);
        assert_eq!(
            expand("  ~/code/shop \n", Some(home)),
            home.join("code/shop")
        );
        assert_eq!(expand("~bob/x", Some(home)), PathBuf::from("~bob/x"));
        assert_eq!(expand("~/x", None), PathBuf::from("~/x"));
        assert_eq!(expand("'/a b/c'", Some(home)), PathBuf::from("/a b/c"));
        assert_eq!(expand("\"/a b\"", Some(home)), PathBuf::from("/a b"));
        assert_eq!(
            expand("file:///a%20b/%C3%A9t%C3%A9", None),
            PathBuf::from("/a b/été")
        );
        assert_eq!(expand("file:///100%", None), PathBuf::from("/100%"));
    }

    #[test]
    fn a_file_opens_its_folder_with_a_note() {
        let dir = tempfile::tempdir().unwrap();
        let manifest = dir.path().join("package.json");
        std::fs::write(&manifest, "{}").unwrap();
        let (folder, note) = folder_to_open(manifest.to_str().unwrap(), None);
        assert_eq!(folder, dir.path());
        let note = note.expect("a note says the folder was used");
        assert_eq!(note.code, "PROJECT_FILE_PICKED");
        assert!(note.message.contains("package.json"), "{}", note.message);
    }

    #[test]
    fn a_folder_or_a_missing_path_is_left_as_it_is() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            folder_to_open(dir.path().to_str().unwrap(), None),
            (dir.path().to_path_buf(), None)
        );
        let missing = dir.path().join("gone");
        assert_eq!(
            folder_to_open(missing.to_str().unwrap(), None),
            (missing, None)
        );
    }
}
