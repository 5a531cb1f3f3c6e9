//! A small JSON file of app state (progress, settings) kept in memory and saved atomically
//! on every change, before the change is answered.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::codes::FoundationCode;
use crate::foundation::atomic_file::{remove_stale_temps, write_atomic};
use crate::foundation::error::{AppError, AppResult};

/// The largest state file read back; anything bigger is not ours and starts fresh.
const MAX_STATE_BYTES: u64 = 4 * 1024 * 1024;

pub struct JsonStore<T> {
    path: PathBuf,
    value: Mutex<T>,
}

impl<T: Serialize + DeserializeOwned + Default + Clone> JsonStore<T> {
    /// Reads the saved state. A missing, oversized or unreadable file starts fresh: app state
    /// is a convenience, never a reason to refuse to open.
    pub fn open(path: PathBuf) -> Self {
        // A write killed before its rename leaves a temporary file; the app is one instance,
        // so nothing else is writing this store now.
        remove_stale_temps(&path);
        let value = Mutex::new(read(&path).unwrap_or_default());
        Self { path, value }
    }

    pub fn snapshot(&self) -> T {
        self.lock().clone()
    }

    /// Applies `change`, saves, and only then keeps it. A failed save changes nothing.
    pub fn update(&self, change: impl FnOnce(&mut T)) -> AppResult<T> {
        let mut value = self.lock();
        let mut next = value.clone();
        change(&mut next);
        let json = serde_json::to_vec_pretty(&next).map_err(|e| self.not_saved(e))?;
        write_atomic(&self.path, &json).map_err(|e| self.not_saved(e))?;
        *value = next.clone();
        Ok(next)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn not_saved(&self, error: impl std::fmt::Display) -> AppError {
        AppError::new(
            FoundationCode::StateNotSaved,
            format!("Could not save {}: {error}", self.path.display()),
        )
    }

    fn lock(&self) -> MutexGuard<'_, T> {
        // A panic elsewhere while holding the lock leaves valid data behind; keep going.
        self.value.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn read<T: DeserializeOwned>(path: &Path) -> Option<T> {
    if fs::metadata(path).ok()?.len() > MAX_STATE_BYTES {
        return None;
    }
    serde_json::from_slice(&fs::read(path).ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_update_is_on_disk_before_it_is_answered() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.json");
        let store: JsonStore<Vec<u32>> = JsonStore::open(path.clone());
        store.update(|v| v.push(7)).unwrap();
        assert_eq!(JsonStore::<Vec<u32>>::open(path).snapshot(), vec![7]);
    }

    #[test]
    fn a_failed_save_is_an_error_and_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("file");
        fs::write(&blocker, "").unwrap();
        let store: JsonStore<Vec<u32>> = JsonStore::open(blocker.join("n.json"));
        assert_eq!(
            store.update(|v| v.push(1)).unwrap_err().code,
            "STATE_NOT_SAVED"
        );
        assert!(store.snapshot().is_empty());
    }

    #[test]
    fn a_corrupt_or_missing_file_starts_fresh() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("n.json");
        assert!(
            JsonStore::<Vec<u32>>::open(path.clone())
                .snapshot()
                .is_empty()
        );
        fs::write(&path, b"\x00not json").unwrap();
        assert!(JsonStore::<Vec<u32>>::open(path).snapshot().is_empty());
    }
}
