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

#[cfg(test)]
mod tests {
    use pipes_core::Finding;
    use pipes_core::checks::CheckResult;

    use super::*;
    use pipes_core::codes::{KeyCode, LiveCode};

    fn report_of(status: CheckStatus, findings: Vec<Finding>) -> Report {
        let result = CheckResult {
            id: "c".into(),
            title: "C".into(),
            status,
            findings,
            reason: None,
            duration_ms: 1,
        };
        Report {
            project: "/p".into(),
            app: ".".into(),
            base_url: "http://127.0.0.1:1".into(),
            offline: false,
            key: None,
            summary: RunSummary::new(vec![result], 1),
        }
    }

    #[test]
    fn warnings_and_skips_exit_zero() {
        let warned = report_of(
            CheckStatus::Warned,
            vec![Finding::warn(LiveCode::RateLimited, "w", "w")],
        );
        assert_eq!(warned.exit_code(), EXIT_OK);
        assert_eq!(report_of(CheckStatus::Skipped, vec![]).exit_code(), EXIT_OK);
    }

    #[test]
    fn an_error_finding_or_an_unfinished_check_exits_one() {
        let failed = report_of(
            CheckStatus::Failed,
            vec![Finding::error(KeyCode::Missing, "e", "e")],
        );
        assert_eq!(failed.exit_code(), EXIT_PROBLEMS);
        assert_eq!(
            report_of(CheckStatus::Errored, vec![]).exit_code(),
            EXIT_PROBLEMS
        );
        assert_eq!(
            report_of(CheckStatus::TimedOut, vec![]).exit_code(),
            EXIT_PROBLEMS
        );
    }
}
