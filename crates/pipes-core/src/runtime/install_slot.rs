//! One SDK install at a time per app, and a way to cancel the one running.

use std::sync::Mutex;

use tokio_util::sync::CancellationToken;

use crate::foundation::error::{AppError, AppResult};

#[derive(Default)]
pub struct InstallSlot {
    running: Mutex<Option<CancellationToken>>,
}

impl InstallSlot {
    /// Claims the slot; an install already running is an error, not a second install.
    pub fn begin(&self) -> AppResult<CancellationToken> {
        let mut running = self.running.lock().unwrap_or_else(|e| e.into_inner());
        if running.is_some() {
            return Err(AppError::new(
                "INSTALL_RUNNING",
                "An install is already running; wait for it or cancel it.",
            ));
        }
        let token = CancellationToken::new();
        *running = Some(token.clone());
        Ok(token)
    }

    pub fn end(&self) {
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
        assert_eq!(slot.begin().unwrap_err().code, "INSTALL_RUNNING");
        slot.cancel();
        assert!(first.is_cancelled());
        slot.end();
        assert!(slot.begin().is_ok());
    }
}
