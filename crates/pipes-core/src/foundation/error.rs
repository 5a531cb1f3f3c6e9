//! Errors as they cross IPC and the command line: a stable code and a human message.

use serde::Serialize;
use ts_rs::TS;

use crate::foundation::code::Code;

/// `{code, message}`: what every failed command answers. Codes are stable SCREAMING_SNAKE names:
/// a [`Code`] from an area's enum, kept as its string on the wire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{code}: {message}")]
pub struct AppError {
    pub code: String,
    pub message: String,
}

impl AppError {
    pub fn new(code: impl Into<Code>, message: impl Into<String>) -> Self {
        Self {
            code: code.into().as_str().to_string(),
            message: message.into(),
        }
    }

    /// The one code that is not ours: WorkOS's own error code in an answer the app does not
    /// list in [`WorkosAnswerCode`](crate::workos::codes::WorkosAnswerCode), passed on as
    /// `WORKOS_` + the code upper-cased (`code` is that whole string) so guides and the user
    /// see what WorkOS said. Known codes go through [`AppError::new`].
    pub(crate) fn unlisted_workos_answer(code: String, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// Whether this error has `code`.
    pub fn has_code(&self, code: impl Into<Code>) -> bool {
        self.code == code.into().as_str()
    }
}

pub type AppResult<T> = Result<T, AppError>;
