//! What one doctor run found, and the exit code it earns.

use pipes_core::Severity;
use pipes_core::checks::{CheckStatus, RunSummary};

use crate::key::KeyInfo;

pub const EXIT_OK: u8 = 0;
/// A finding is an error, or a check could not finish (errored or timed out).
pub const EXIT_PROBLEMS: u8 = 1;
/// A usage error (clap uses 2 too) or an internal error.
pub const EXIT_INTERNAL: u8 = 2;

#[derive(Debug, Clone)]
pub struct Report {
    /// The project folder, absolute.
    pub project: String,
    /// The app that was checked, relative to the project (`.` for the project itself).
    pub app: String,
    pub base_url: String,
    pub offline: bool,
    pub key: Option<KeyInfo>,
    pub summary: RunSummary,
}

impl Report {
    pub fn has_problems(&self) -> bool {
        let error_finding = self
            .summary
            .findings()
            .any(|f| f.severity == Severity::Error);
        let unfinished = self
            .summary
            .results
            .iter()
            .any(|r| matches!(r.status, CheckStatus::Errored | CheckStatus::TimedOut));
        error_finding || unfinished
    }

    pub fn exit_code(&self) -> u8 {
        if self.has_problems() {
            EXIT_PROBLEMS
        } else {
            EXIT_OK
        }
    }
}
