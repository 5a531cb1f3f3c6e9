//! Randomness from the OS, for ids and secrets the window must not guess.

use crate::codes::FoundationCode;
use crate::foundation::error::{AppError, AppResult};

/// Fills `bytes` from the OS; no randomness is an error, never a weak fallback.
pub fn fill(bytes: &mut [u8]) -> AppResult<()> {
    getrandom::fill(bytes).map_err(|e| {
        AppError::new(
            FoundationCode::RandomUnavailable,
            format!("No randomness: {e}"),
        )
    })
}
