//! One long task of a kind at a time per app (an SDK install, a test connection), and a way
//! to cancel the one running.

use std::sync::Mutex;

use tokio_util::sync::CancellationToken;

use crate::codes::RuntimeCode;
use crate::foundation::error::{AppError, AppResult};

pub struct TaskSlot {
    running: Mutex<Option<CancellationToken>>,
    /// The error for a second task while one runs: code and message.
    busy: (RuntimeCode, &'static str),
}

/// Holds the slot while an install runs and frees it when dropped: at the end, on an error, on a
/// panic, or when the window that started it goes away.
pub struct TaskGuard<'a> {
    slot: &'a TaskSlot,
    token: CancellationToken,
}

impl TaskGuard<'_> {
    pub fn token(&self) -> CancellationToken {
        self.token.clone()
    }
}

impl Drop for TaskGuard<'_> {
    fn drop(&mut self) {
        self.slot.end();
    }
}

impl TaskSlot {
    pub fn for_installs() -> Self {
        Self::new(
            RuntimeCode::InstallRunning,
            "An install is already running; wait for it or cancel it.",
        )
    }

    pub fn for_test_connections() -> Self {
        Self::new(
            RuntimeCode::TestConnectionRunning,
            "A test connection is already waiting for the browser; finish or cancel it first.",
        )
    }

    pub fn for_builds() -> Self {
        Self::new(
            RuntimeCode::BuildRunning,
            "The app's build is already running; wait for it or cancel it first.",
        )
    }

    pub fn for_provider_calls() -> Self {
        Self::new(
            RuntimeCode::ProviderCallRunning,
            "A provider call is still waiting; wait for it or cancel it first.",
        )
    }

    fn new(code: RuntimeCode, message: &'static str) -> Self {
        Self {
            running: Mutex::new(None),
            busy: (code, message),
        }
    }

    /// Claims the slot until the guard is dropped; a task already running is an error, not
    /// a second task.
    pub fn begin(&self) -> AppResult<TaskGuard<'_>> {
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        if running.is_some() {
            return Err(AppError::new(self.busy.0, self.busy.1));
        }
        let token = CancellationToken::new();
        *running = Some(token.clone());
        Ok(TaskGuard { slot: self, token })
    }

    fn end(&self) {
        *self.running.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    pub fn cancel(&self) {
        if let Some(token) = self
            .running
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .as_ref()
        {
            token.cancel();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_install_waits_for_the_first_to_end() {
        let slot = TaskSlot::for_installs();
        let first = slot.begin().unwrap();
        assert!(matches!(slot.begin(), Err(e) if e.code == "INSTALL_RUNNING"));
        slot.cancel();
        assert!(first.token().is_cancelled());
        drop(first);
        assert!(slot.begin().is_ok());
    }

    #[test]
    fn a_panicking_install_frees_the_slot() {
        let slot = TaskSlot::for_installs();
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _guard = slot.begin().unwrap();
            panic!("the installer blew up");
        }));
        assert!(panicked.is_err());
        assert!(slot.begin().is_ok(), "the slot is free again");
    }
}
