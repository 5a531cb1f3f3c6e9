//! Reading one env file defensively: at most [`MAX_ENV_FILE_BYTES`], no binary, lossy UTF-8.

use std::io::Read;
use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use crate::foundation::regular_file::{OpenError, open_regular};

/// A real env file is a few KiB; past this the file is read only this far.
pub const MAX_ENV_FILE_BYTES: u64 = 1024 * 1024;

/// Why a file was not (fully) read as text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReadIssue {
    /// Only the first `read_bytes` of `size_bytes` were read (cut back to the last full line).
    TooLarge {
        #[ts(type = "number")]
        size_bytes: u64,
        #[ts(type = "number")]
        read_bytes: u64,
    },
    /// Contains NUL bytes: not a text file, not parsed.
    Binary,
    /// Not valid UTF-8 from `line` on; bad bytes were replaced with U+FFFD.
    NotUtf8 {
        line: usize,
    },
    /// A named pipe, a socket, a device or a folder where a file should be: never opened, so
    /// it cannot hold the check up. `what` says which, in words ("a named pipe (FIFO)").
    NotAFile {
        what: String,
    },
    Unreadable {
        message: String,
    },
}

#[derive(Debug, Default)]
pub struct ReadOutcome {
    /// None when the file could not be used as text at all.
    pub text: Option<String>,
    pub size_bytes: u64,
    pub issues: Vec<ReadIssue>,
}

pub fn read_env_file(path: &Path) -> ReadOutcome {
    let mut outcome = ReadOutcome::default();
    let bytes = match read_capped(path, &mut outcome) {
        Ok(bytes) => bytes,
        Err(OpenError::NotRegular(kind)) => {
            outcome.issues.push(ReadIssue::NotAFile {
                what: kind.describe().to_string(),
            });
            return outcome;
        }
        Err(OpenError::Io(err)) => {
            outcome.issues.push(ReadIssue::Unreadable {
                message: err.to_string(),
            });
            return outcome;
        }
    };
    if bytes.contains(&0) {
        outcome.issues.push(ReadIssue::Binary);
        return outcome;
    }
    outcome.text = Some(match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(err) => {
            let valid = err.utf8_error().valid_up_to();
            let bytes = err.into_bytes();
            let line = 1 + bytes[..valid].iter().filter(|b| **b == b'\n').count();
            outcome.issues.push(ReadIssue::NotUtf8 { line });
            String::from_utf8_lossy(&bytes).into_owned()
        }
    });
    outcome
}

fn read_capped(path: &Path, outcome: &mut ReadOutcome) -> Result<Vec<u8>, OpenError> {
    let (file, meta) = open_regular(path)?;
    outcome.size_bytes = meta.len();
    let mut bytes = Vec::with_capacity(meta.len().min(MAX_ENV_FILE_BYTES) as usize);
    // One byte past the cap tells "exactly at the cap" from "larger" even if the size lied.
    file.take(MAX_ENV_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(OpenError::Io)?;
    if bytes.len() as u64 > MAX_ENV_FILE_BYTES {
        bytes.truncate(MAX_ENV_FILE_BYTES as usize);
        let cut = bytes.iter().rposition(|b| *b == b'\n').map_or(0, |i| i + 1);
        bytes.truncate(cut);
        outcome.issues.push(ReadIssue::TooLarge {
            size_bytes: outcome.size_bytes.max(MAX_ENV_FILE_BYTES + 1),
            read_bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn reads_plain_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".env");
        fs::write(&path, "A=1\n").unwrap();
        let outcome = read_env_file(&path);
        assert_eq!(outcome.text.as_deref(), Some("A=1\n"));
        assert!(outcome.issues.is_empty());
    }

    #[test]
    fn nul_bytes_mean_binary() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".env");
        fs::write(&path, b"A=1\n\0\x01\x02").unwrap();
        let outcome = read_env_file(&path);
        assert_eq!(outcome.text, None);
        assert_eq!(outcome.issues, [ReadIssue::Binary]);
    }

    #[test]
    fn invalid_utf8_is_read_lossily_with_the_line() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".env");
        fs::write(&path, b"A=1\nB=caf\xe9\n").unwrap();
        let outcome = read_env_file(&path);
        assert_eq!(outcome.issues, [ReadIssue::NotUtf8 { line: 2 }]);
        assert!(outcome.text.unwrap().contains("B=caf\u{fffd}"));
    }

    #[test]
    fn oversized_file_is_cut_at_a_line_end_within_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".env");
        let line = "K=0123456789abcdef\n";
        let text = line.repeat((MAX_ENV_FILE_BYTES as usize / line.len()) + 10);
        fs::write(&path, &text).unwrap();
        let outcome = read_env_file(&path);
        let read = outcome.text.unwrap();
        assert!(read.len() as u64 <= MAX_ENV_FILE_BYTES);
        assert!(read.ends_with('\n'));
        assert!(
            matches!(outcome.issues[..], [ReadIssue::TooLarge { size_bytes, .. }] if size_bytes == text.len() as u64)
        );
    }

    #[test]
    fn a_folder_is_not_a_file_not_a_crash() {
        let dir = tempfile::tempdir().unwrap();
        let outcome = read_env_file(dir.path());
        assert!(
            matches!(&outcome.issues[..], [ReadIssue::NotAFile { what }] if what == "a folder")
        );
    }

    #[test]
    fn a_missing_file_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let outcome = read_env_file(&dir.path().join(".env"));
        assert!(matches!(outcome.issues[..], [ReadIssue::Unreadable { .. }]));
    }
}
