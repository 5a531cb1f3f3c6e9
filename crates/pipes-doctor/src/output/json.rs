//! `--json`: one versioned document on stdout. It holds fingerprints only, never a secret.

use pipes_core::Finding;
use pipes_core::checks::CheckResult;
use serde::Serialize;

use crate::key::KeyInfo;
use crate::report::Report;

/// Bumped only when a field changes meaning or goes away; new fields keep schema 1.
pub const SCHEMA: u32 = 1;

#[derive(Serialize)]
struct JsonReport<'a> {
    schema: u32,
    tool: &'static str,
    version: &'static str,
    project: &'a str,
    app: &'a str,
    base_url: &'a str,
    offline: bool,
    key: Option<&'a KeyInfo>,
    duration_ms: u64,
    findings: Vec<&'a Finding>,
    checks: &'a [CheckResult],
}

pub fn render(report: &Report) -> String {
    let document = JsonReport {
        schema: SCHEMA,
        tool: "pipes-doctor",
        version: env!("CARGO_PKG_VERSION"),
        project: &report.project,
        app: &report.app,
        base_url: &report.base_url,
        offline: report.offline,
        key: report.key.as_ref(),
        duration_ms: report.summary.duration_ms,
        findings: report.summary.findings().collect(),
        checks: &report.summary.results,
    };
    // Plain structs with string keys: serializing cannot fail.
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
