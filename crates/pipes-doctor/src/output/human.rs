//! The report for people: a header, one block per check in declaration order, a summary.

use std::fmt::Write;

use pipes_core::checks::{CheckResult, CheckStatus};
use pipes_core::{Finding, Severity};

use super::{BOLD, DIM, GREEN, RED, Style, YELLOW, format_duration, mark};
use crate::report::Report;

const INDENT: &str = "    ";
/// Lines under a finding start below its code, past "error  ".
const DETAIL_INDENT: &str = "           ";

pub fn render(report: &Report, style: Style) -> String {
    let mut out = String::new();
    header(&mut out, report, style);
    for result in &report.summary.results {
        check_block(&mut out, result, style);
    }
    out.push('\n');
    let _ = writeln!(out, "{}", summary_line(&report.summary.results));
    let _ = writeln!(
        out,
        "{}",
        style.paint(
            "For support, re-run with --json and attach the output (it holds key fingerprints only, never a key).",
            DIM,
        )
    );
    out
}

fn header(out: &mut String, report: &Report, style: Style) {
    let title = format!("pipes-doctor {}", env!("CARGO_PKG_VERSION"));
    let key = match &report.key {
        Some(key) => format!("{} (from {})", key.fingerprint, key.source),
        None => "none found".to_string(),
    };
    let base_url = if report.offline {
        format!("{} (offline: not contacted)", report.base_url)
    } else {
        report.base_url.clone()
    };
    let _ = writeln!(out, "{}", style.paint(&title, BOLD));
    for (label, value) in [
        ("project", report.project.as_str()),
        ("app", report.app.as_str()),
        ("base URL", base_url.as_str()),
        ("API key", key.as_str()),
    ] {
        let _ = writeln!(out, "  {label:<9} {value}");
    }
    out.push('\n');
}

fn check_block(out: &mut String, result: &CheckResult, style: Style) {
    let status = style.paint(mark(result.status), status_colour(result.status));
    let title = style.paint(&result.title, BOLD);
    // A skipped check never ran, so it has no duration worth showing.
    if result.status == CheckStatus::Skipped {
        let _ = writeln!(out, "{status} {title}");
    } else {
        let duration = format!("({})", format_duration(result.duration_ms));
        let _ = writeln!(out, "{status} {title} {}", style.paint(&duration, DIM));
    }
    for finding in &result.findings {
        finding_lines(out, finding, style);
    }
    if let Some(reason) = &result.reason {
        let _ = writeln!(out, "{INDENT}{reason}");
    }
}

fn finding_lines(out: &mut String, finding: &Finding, style: Style) {
    let label = format!("{:<6}", severity_label(finding.severity));
    let _ = writeln!(
        out,
        "{INDENT}{} {}  {}",
        style.paint(&label, severity_colour(finding.severity)),
        style.paint(&finding.code, BOLD),
        finding.title
    );
    indented(out, &finding.message, "");
    if let Some(remediation) = &finding.remediation {
        indented(out, remediation, "→ ");
    }
    if let Some(url) = &finding.docs_url {
        indented(out, url, "docs: ");
    }
}

/// Writes `text` under the finding, every line indented, the first one after `lead`.
fn indented(out: &mut String, text: &str, lead: &str) {
    for (i, line) in text.lines().enumerate() {
        let lead = if i == 0 { lead } else { "" };
        let _ = writeln!(out, "{INDENT}{DETAIL_INDENT}{lead}{line}");
    }
}

fn severity_label(severity: Severity) -> &'static str {
    match severity {
        Severity::Pass => "pass",
        Severity::Info => "info",
        Severity::Warn => "warn",
        Severity::Error => "error",
    }
}

fn severity_colour(severity: Severity) -> &'static str {
    match severity {
        Severity::Pass => GREEN,
        Severity::Info => DIM,
        Severity::Warn => YELLOW,
        Severity::Error => RED,
    }
}

fn status_colour(status: CheckStatus) -> &'static str {
    match status {
        CheckStatus::Passed => GREEN,
        CheckStatus::Warned | CheckStatus::TimedOut => YELLOW,
        CheckStatus::Failed | CheckStatus::Errored => RED,
        CheckStatus::Skipped => DIM,
    }
}

/// "8 checks: 5 passed, 1 warned, 1 failed, 1 skipped", leaving out the counts that are zero.
pub fn summary_line(results: &[CheckResult]) -> String {
    let count = |status| results.iter().filter(|r| r.status == status).count();
    let parts: Vec<String> = [
        (CheckStatus::Passed, "passed"),
        (CheckStatus::Warned, "warned"),
        (CheckStatus::Failed, "failed"),
        (CheckStatus::Errored, "errored"),
        (CheckStatus::TimedOut, "timed out"),
        (CheckStatus::Skipped, "skipped"),
    ]
    .into_iter()
    .map(|(status, word)| (count(status), word))
    .filter(|(n, _)| *n > 0)
    .map(|(n, word)| format!("{n} {word}"))
    .collect();
    let noun = if results.len() == 1 {
        "check"
    } else {
        "checks"
    };
    format!("{} {noun}: {}", results.len(), parts.join(", "))
}

#[cfg(test)]
mod tests {
    use pipes_core::checks::RunSummary;

    use super::*;
    use pipes_core::codes::KeyCode;

    fn result(id: &str, status: CheckStatus, findings: Vec<Finding>) -> CheckResult {
        CheckResult {
            id: id.into(),
            title: format!("Check {id}"),
            status,
            findings,
            reason: (status == CheckStatus::Skipped).then(|| "skipped: offline".to_string()),
            duration_ms: 12,
        }
    }

    fn report(results: Vec<CheckResult>) -> Report {
        Report {
            project: "/p".into(),
            app: ".".into(),
            base_url: "http://127.0.0.1:1".into(),
            offline: true,
            key: None,
            summary: RunSummary::new(results, 20),
        }
    }

    #[test]
    fn summary_counts_each_status_and_leaves_out_zeros() {
        let results = vec![
            result("a", CheckStatus::Passed, vec![]),
            result("b", CheckStatus::Passed, vec![]),
            result("c", CheckStatus::Warned, vec![]),
            result("d", CheckStatus::TimedOut, vec![]),
            result("e", CheckStatus::Skipped, vec![]),
        ];
        assert_eq!(
            summary_line(&results),
            "5 checks: 2 passed, 1 warned, 1 timed out, 1 skipped"
        );
    }

    #[test]
    fn a_block_shows_mark_findings_remediation_and_reason() {
        let finding = Finding::error(
            KeyCode::Missing,
            "No API key",
            "Nothing found.\nSecond line.",
        )
        .with_remediation("Add WORKOS_API_KEY.");
        let text = render(
            &report(vec![
                result("key", CheckStatus::Failed, vec![finding]),
                result("health", CheckStatus::Skipped, vec![]),
            ]),
            Style::PLAIN,
        );
        assert!(text.contains("✘ Check key (12 ms)\n"), "{text}");
        assert!(
            text.contains("    error  KEY_MISSING  No API key\n"),
            "{text}"
        );
        assert!(
            text.contains("               Nothing found.\n               Second line.\n"),
            "{text}"
        );
        assert!(
            text.contains("               → Add WORKOS_API_KEY.\n"),
            "{text}"
        );
        assert!(
            text.contains("– Check health\n    skipped: offline\n"),
            "{text}"
        );
        assert!(text.contains("API key   none found"), "{text}");
        assert!(!text.contains('\x1b'), "plain style has no colour codes");
    }
}
