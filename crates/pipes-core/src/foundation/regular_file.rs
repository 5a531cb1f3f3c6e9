//! Opening a file of the user's project without ever waiting on it. A named pipe, a socket or a
//! device where a `.env` or a manifest should be makes a plain open or read wait forever; so the
//! type is checked before the open, and the open itself does not block (a file swapped for a
//! pipe in between still cannot hold a check up).

use std::fs::{File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// What a path turned out to be, in words a user reads in a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotRegular {
    Folder,
    NamedPipe,
    Socket,
    Device,
    Other,
}

impl NotRegular {
    pub fn describe(self) -> &'static str {
        match self {
            Self::Folder => "a folder",
            Self::NamedPipe => "a named pipe (FIFO)",
            Self::Socket => "a socket",
            Self::Device => "a device",
            Self::Other => "not a regular file",
        }
    }
}

#[derive(Debug)]
pub enum OpenError {
    NotRegular(NotRegular),
    Io(io::Error),
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotRegular(kind) => write!(f, "is {}, not a regular file", kind.describe()),
            Self::Io(e) => write!(f, "{e}"),
        }
    }
}

/// `None` for a regular file (symlinks followed), otherwise what it is instead.
pub fn not_regular(meta: &Metadata) -> Option<NotRegular> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some(NotRegular::Folder);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some(NotRegular::NamedPipe);
        }
        if kind.is_socket() {
            return Some(NotRegular::Socket);
        }
        if kind.is_block_device() || kind.is_char_device() {
            return Some(NotRegular::Device);
        }
    }
    Some(NotRegular::Other)
}

/// Opens `path` for reading if, and only if, it is a regular file; never blocks.
pub fn open_regular(path: &Path) -> Result<(File, Metadata), OpenError> {
    let before = std::fs::metadata(path).map_err(OpenError::Io)?;
    if let Some(kind) = not_regular(&before) {
        return Err(OpenError::NotRegular(kind));
    }
    let file = open_nonblocking(path).map_err(OpenError::Io)?;
    let meta = file.metadata().map_err(OpenError::Io)?;
    match not_regular(&meta) {
        Some(kind) => Err(OpenError::NotRegular(kind)),
        None => Ok((file, meta)),
    }
}

/// Reads at most `cap` bytes of a regular file; `Ok(None)` when it does not exist.
pub fn read_regular(path: &Path, cap: u64) -> Result<Option<Vec<u8>>, OpenError> {
    let (file, meta) = match open_regular(path) {
        Err(OpenError::Io(e)) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
        other => other?,
    };
    let mut bytes = Vec::with_capacity(meta.len().min(cap) as usize);
    file.take(cap)
        .read_to_end(&mut bytes)
        .map_err(OpenError::Io)?;
    Ok(Some(bytes))
}

/// Why a file could not be read as text.
#[derive(Debug)]
pub enum TextError {
    Open(OpenError),
    /// More than the cap the caller gave.
    TooLarge,
    NotUtf8,
}

impl std::fmt::Display for TextError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Open(e) => write!(f, "{e}"),
            Self::TooLarge => write!(f, "too large"),
            Self::NotUtf8 => write!(f, "not UTF-8 text"),
        }
    }
}

/// Reads a regular file of at most `cap` bytes as UTF-8 text; `Ok(None)` when it does not exist.
pub fn read_regular_text(path: &Path, cap: u64) -> Result<Option<String>, TextError> {
    let Some(bytes) = read_regular(path, cap + 1).map_err(TextError::Open)? else {
        return Ok(None);
    };
    if bytes.len() as u64 > cap {
        return Err(TextError::TooLarge);
    }
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| TextError::NotUtf8)
}

#[cfg(unix)]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_nonblocking(path: &Path) -> io::Result<File> {
    File::open(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_opens_and_reads_up_to_the_cap() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".env");
        std::fs::write(&path, "A=1\nB=2\n").unwrap();
        assert_eq!(read_regular(&path, 4).unwrap().unwrap(), b"A=1\n");
        assert!(
            read_regular(&dir.path().join("missing"), 4)
                .unwrap()
                .is_none()
        );
    }

    #[test]
    fn text_past_the_cap_or_not_utf8_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".gitignore");
        std::fs::write(&path, "abcd").unwrap();
        assert_eq!(
            read_regular_text(&path, 4).unwrap().as_deref(),
            Some("abcd")
        );
        assert!(matches!(
            read_regular_text(&path, 3),
            Err(TextError::TooLarge)
        ));
        std::fs::write(&path, b"caf\xe9").unwrap();
        assert!(matches!(
            read_regular_text(&path, 9),
            Err(TextError::NotUtf8)
        ));
    }

    #[test]
    fn a_folder_is_named_as_one() {
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            open_regular(dir.path()),
            Err(OpenError::NotRegular(NotRegular::Folder))
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_named_pipe_is_refused_at_once_without_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".env");
        make_fifo(&path);
        let started = std::time::Instant::now();
        let error = read_regular(&path, 1024).unwrap_err();
        assert!(matches!(
            error,
            OpenError::NotRegular(NotRegular::NamedPipe)
        ));
        assert_eq!(
            error.to_string(),
            "is a named pipe (FIFO), not a regular file"
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused() {
        let error = open_regular(Path::new("/dev/zero")).unwrap_err();
        assert!(matches!(error, OpenError::NotRegular(NotRegular::Device)));
    }

    #[cfg(unix)]
    pub(crate) fn make_fifo(path: &Path) {
        use std::os::unix::ffi::OsStrExt;
        let c = std::ffi::CString::new(path.as_os_str().as_bytes()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o600) }, 0);
    }
}
