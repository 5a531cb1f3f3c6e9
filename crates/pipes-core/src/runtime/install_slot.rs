//! One SDK install at a time per app, and a way to cancel the one running.

use std::sync::Mutex;

use tokio_util::sync::CancellationToken;

use crate::foundation::error::{AppError, AppResult};

#[derive(Default)]
pub struct InstallSlot {
    running: Mutex<Option<CancellationToken>>,
}

/// Holds the slot while an install runs and frees it when dropped: at the end, on an error, on a
/// panic, or when the window that started it goes away.
pub struct InstallGuard<'a> {
    slot: &'a InstallSlot,
    token: CancellationToken,
}

impl InstallGuard<'_> {
    pub fn token(&self) -> CancellationToken {
        self.token.clone()
    }
}

impl Drop for InstallGuard<'_> {
    fn drop(&mut self) {
        self.slot.end();
    }
}

impl InstallSlot {
    /// Claims the slot until the guard is dropped; an install already running is an error, not
    /// a second install.
    pub fn begin(&self) -> AppResult<InstallGuard<'_>> {
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        if running.is_some() {
            return Err(AppError::new(
                "INSTALL_RUNNING",
                "An install is already running; wait for it or cancel it.",
            ));
        }
        let token = CancellationToken::new();
        *running = Some(token.clone());
        Ok(InstallGuard { slot: self, token })
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
        let slot = InstallSlot::default();
        let first = slot.begin().unwrap();
        assert!(matches!(slot.begin(), Err(e) if e.code == "INSTALL_RUNNING"));
        slot.cancel();
        assert!(first.token().is_cancelled());
        drop(first);
        assert!(slot.begin().is_ok());
    }

    #[test]
    fn a_panicking_install_frees_the_slot() {
        let slot = InstallSlot::default();
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            let _guard = slot.begin().unwrap();
            panic!("the installer blew up");
        }));
        assert!(panicked.is_err());
        assert!(slot.begin().is_ok(), "the slot is free again");
    }
}
