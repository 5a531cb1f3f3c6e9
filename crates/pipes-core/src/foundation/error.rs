//! Errors as they cross IPC and the command line: a stable code and a human message.

use serde::Serialize;
use ts_rs::TS;

/// `{code, message}`: what every failed command answers. Codes are stable SCREAMING_SNAKE names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{code}: {message}")]
pub struct AppError {
    pub code: String,
    pub message: String,
}

impl AppError {
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            code: code.into(),
            message: message.into(),
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;
