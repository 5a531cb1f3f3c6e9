//! The app's log file: `pipes-setup.log` in the app's log folder, redacted line by line,
//! rotated by size so it never grows without bound. It is the sink for the `log` facade, so
//! pipes-core logs with `log::info!` and the shell decides where it goes.

use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::SystemTime;

use super::clock::utc_timestamp;
use super::redact::redact;

pub const FILE_NAME: &str = "pipes-setup.log";
/// Past this size the file is rotated: `pipes-setup.log` → `pipes-setup.1.log` → … .
const ROTATE_AT_BYTES: u64 = 512 * 1024;
/// Rotated files kept beside the current one.
const KEEP_ROTATED: usize = 3;

pub struct AppLog {
    dir: PathBuf,
    file: Mutex<Option<File>>,
    rotate_at: u64,
}

impl AppLog {
    /// A log in `dir` (created when missing). Nothing is opened until the first line.
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self::with_rotation(dir, ROTATE_AT_BYTES)
    }

    fn with_rotation(dir: impl Into<PathBuf>, rotate_at: u64) -> Self {
        Self {
            dir: dir.into(),
            file: Mutex::new(None),
            rotate_at,
        }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Makes this log the sink of the `log` facade: our crates from Info, others from Warn.
    /// Fails when a logger is already installed (a second call, or a test harness's).
    pub fn install(self) -> Result<(), log::SetLoggerError> {
        log::set_boxed_logger(Box::new(self))?;
        log::set_max_level(log::LevelFilter::Info);
        Ok(())
    }

    /// Appends one redacted line. A log that cannot be written never stops the app.
    pub fn write_line(&self, level: log::Level, target: &str, message: &str) {
        let line = format!(
            "{} {:<5} {}: {}\n",
            utc_timestamp(SystemTime::now()),
            level,
            target,
            redact(message).replace('\n', "\n    ")
        );
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        if file.is_none() || self.current_size() >= self.rotate_at {
            *file = None;
            self.rotate_if_full();
            *file = self.open();
        }
        if let Some(handle) = file.as_mut() {
            let _ = handle.write_all(line.as_bytes());
        }
    }

    fn path(&self, generation: usize) -> PathBuf {
        match generation {
            0 => self.dir.join(FILE_NAME),
            n => self.dir.join(format!("pipes-setup.{n}.log")),
        }
    }

    fn current_size(&self) -> u64 {
        fs::metadata(self.path(0)).map_or(0, |m| m.len())
    }

    fn rotate_if_full(&self) {
        if self.current_size() < self.rotate_at {
            return;
        }
        let _ = fs::remove_file(self.path(KEEP_ROTATED));
        for generation in (0..KEEP_ROTATED).rev() {
            let _ = fs::rename(self.path(generation), self.path(generation + 1));
        }
    }

    fn open(&self) -> Option<File> {
        fs::create_dir_all(&self.dir).ok()?;
        let mut options = OpenOptions::new();
        options.create(true).append(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        options.open(self.path(0)).ok()
    }
}

impl log::Log for AppLog {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        let ours = ["pipes_core", "pipes_setup", "fake_workos"]
            .iter()
            .any(|crate_name| metadata.target().starts_with(crate_name));
        metadata.level()
            <= if ours {
                log::Level::Info
            } else {
                log::Level::Warn
            }
    }

    fn log(&self, record: &log::Record) {
        if self.enabled(record.metadata()) {
            self.write_line(record.level(), record.target(), &record.args().to_string());
        }
    }

    fn flush(&self) {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_redacted_before_they_reach_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let log = AppLog::new(dir.path().join("logs"));
        log.write_line(
            log::Level::Info,
            "pipes_core::workos",
            "saved sk_test_abcdefghijkl1234 as the key",
        );
        let text = fs::read_to_string(dir.path().join("logs").join(FILE_NAME)).unwrap();
        assert!(text.contains("INFO  pipes_core::workos: saved sk_test_…1234 as the key"));
        assert!(!text.contains("abcdefghijkl1234"));
    }

    #[test]
    fn a_full_file_rotates_and_only_three_old_ones_are_kept() {
        let dir = tempfile::tempdir().unwrap();
        let log = AppLog::with_rotation(dir.path(), 200);
        for n in 0..40 {
            log.write_line(
                log::Level::Warn,
                "pipes_setup",
                &format!("line {n:03} {}", "x".repeat(60)),
            );
        }
        let mut names: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        assert_eq!(
            names,
            [
                "pipes-setup.1.log",
                "pipes-setup.2.log",
                "pipes-setup.3.log",
                "pipes-setup.log"
            ]
        );
        let newest = fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
        assert!(newest.contains("line 039"), "{newest}");
        assert!(fs::metadata(dir.path().join(FILE_NAME)).unwrap().len() < 400);
    }

    #[test]
    fn a_log_folder_that_cannot_be_made_loses_the_line_not_the_app() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("not-a-folder");
        fs::write(&blocker, "x").unwrap();
        let log = AppLog::new(blocker.join("logs"));
        log.write_line(log::Level::Error, "pipes_setup", "still running");
        assert_eq!(fs::read_to_string(&blocker).unwrap(), "x");
    }

    #[test]
    fn other_crates_log_only_warnings_and_errors() {
        let log = AppLog::new("/nonexistent");
        let meta = |target, level| log::Metadata::builder().target(target).level(level).build();
        use log::Log;
        assert!(log.enabled(&meta("pipes_core::steps", log::Level::Info)));
        assert!(!log.enabled(&meta("tao::platform", log::Level::Info)));
        assert!(log.enabled(&meta("tao::platform", log::Level::Warn)));
        assert!(!log.enabled(&meta("pipes_core::steps", log::Level::Debug)));
    }
}
