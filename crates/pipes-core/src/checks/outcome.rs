use serde::Serialize;
use ts_rs::TS;

use crate::checks::finding::{Finding, Severity};

/// How a check ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CheckStatus {
    Passed,
    Warned,
    Failed,
    /// The check itself broke (an internal error or a panic), not the thing it checks.
    Errored,
    TimedOut,
    Skipped,
}

impl CheckStatus {
    /// Whether checks that depend on this one may run.
    pub fn lets_dependents_run(self) -> bool {
        matches!(self, CheckStatus::Passed | CheckStatus::Warned)
    }

    /// Whether the check ran to the end, so checks that read its results may run.
    pub fn produced_results(self) -> bool {
        matches!(
            self,
            CheckStatus::Passed | CheckStatus::Warned | CheckStatus::Failed
        )
    }

    pub(crate) fn from_findings(findings: &[Finding]) -> Self {
        match findings.iter().map(|f| f.severity).max() {
            Some(Severity::Error) => CheckStatus::Failed,
            Some(Severity::Warn) => CheckStatus::Warned,
            _ => CheckStatus::Passed,
        }
    }
}

/// The end of one check: its findings, and for errored, timed-out or skipped checks, why.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CheckResult {
    pub id: String,
    pub title: String,
    pub status: CheckStatus,
    pub findings: Vec<Finding>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub reason: Option<String>,
    #[ts(type = "number")]
    pub duration_ms: u64,
}

/// Progress, streamed while a run goes on.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum CheckEvent {
    Started { id: String, title: String },
    Finished { result: CheckResult },
}

/// Every check's result, in the order the checks were declared.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RunSummary {
    pub results: Vec<CheckResult>,
    #[ts(type = "number")]
    pub duration_ms: u64,
    pub counts: RunCounts,
}

/// The run in three numbers, as the summary line shows it: a check that errored or timed out
/// counts as failed, a skipped one in none.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
pub struct RunCounts {
    pub passed: usize,
    pub warned: usize,
    pub failed: usize,
}

impl RunSummary {
    pub fn new(results: Vec<CheckResult>, duration_ms: u64) -> Self {
        let count =
            |pick: fn(CheckStatus) -> bool| results.iter().filter(|r| pick(r.status)).count();
        let counts = RunCounts {
            passed: count(|s| s == CheckStatus::Passed),
            warned: count(|s| s == CheckStatus::Warned),
            failed: count(|s| {
                matches!(
                    s,
                    CheckStatus::Failed | CheckStatus::Errored | CheckStatus::TimedOut
                )
            }),
        };
        Self {
            results,
            duration_ms,
            counts,
        }
    }

    pub fn result(&self, id: &str) -> Option<&CheckResult> {
        self.results.iter().find(|r| r.id == id)
    }

    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.results.iter().flat_map(|r| r.findings.iter())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn result(status: CheckStatus) -> CheckResult {
        CheckResult {
            id: format!("{status:?}"),
            title: String::new(),
            status,
            findings: vec![],
            reason: None,
            duration_ms: 0,
        }
    }

    #[test]
    fn counts_put_errored_and_timed_out_with_failed_and_skipped_nowhere() {
        let statuses = [
            CheckStatus::Passed,
            CheckStatus::Passed,
            CheckStatus::Warned,
            CheckStatus::Failed,
            CheckStatus::Errored,
            CheckStatus::TimedOut,
            CheckStatus::Skipped,
        ];
        let summary = RunSummary::new(statuses.map(result).to_vec(), 5);
        assert_eq!(
            summary.counts,
            RunCounts {
                passed: 2,
                warned: 1,
                failed: 3
            }
        );
    }
}
