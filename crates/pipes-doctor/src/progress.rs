//! Live progress on stderr while the checks run, so stdout stays clean for `--json`.

use std::io::{IsTerminal, Write};

use pipes_core::checks::CheckEvent;

use crate::output::{format_duration, mark};

pub struct Progress {
    enabled: bool,
}

impl Progress {
    /// Shows progress only when stderr is a terminal: logs and CI output stay quiet.
    pub fn on_stderr() -> Self {
        Self {
            enabled: std::io::stderr().is_terminal(),
        }
    }

    pub fn show(&self, event: &CheckEvent) {
        if self.enabled {
            // Progress is a courtesy: a closed stderr must not stop the run.
            let _ = write_event(&mut std::io::stderr().lock(), event);
        }
    }
}

fn write_event(out: &mut impl Write, event: &CheckEvent) -> std::io::Result<()> {
    match event {
        CheckEvent::Started { title, .. } => writeln!(out, "  … {title}"),
        CheckEvent::Finished { result } => {
            // A skipped, errored or timed-out check says why; the others how long they took.
            let note = match &result.reason {
                Some(reason) => reason.clone(),
                None => format_duration(result.duration_ms),
            };
            writeln!(out, "  {} {} ({note})", mark(result.status), result.title)
        }
    }
}

#[cfg(test)]
mod tests {
    use pipes_core::checks::{CheckResult, CheckStatus};

    use super::*;

    fn line(event: &CheckEvent) -> String {
        let mut out = Vec::new();
        write_event(&mut out, event).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn shows_starts_and_finishes_with_their_mark() {
        let started = CheckEvent::Started {
            id: "sdk".into(),
            title: "WorkOS SDK".into(),
        };
        assert_eq!(line(&started), "  … WorkOS SDK\n");
        let finished = CheckEvent::Finished {
            result: CheckResult {
                id: "sdk".into(),
                title: "WorkOS SDK".into(),
                status: CheckStatus::Failed,
                findings: Vec::new(),
                reason: None,
                duration_ms: 1500,
            },
        };
        assert_eq!(line(&finished), "  ✘ WorkOS SDK (1.5 s)\n");
    }

    #[test]
    fn a_skipped_check_shows_its_reason() {
        let skipped = CheckEvent::Finished {
            result: CheckResult {
                id: "health".into(),
                title: "WorkOS reachable".into(),
                status: CheckStatus::Skipped,
                findings: Vec::new(),
                reason: Some("skipped: offline".into()),
                duration_ms: 0,
            },
        };
        assert_eq!(line(&skipped), "  – WorkOS reachable (skipped: offline)\n");
    }
}
