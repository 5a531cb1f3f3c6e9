//! The report: everything the app found, as versioned JSON, Markdown or a self-contained HTML
//! page, for a support request. Keys appear as fingerprints only, and every export is scanned
//! for secrets before it is handed out ([`find_secrets`]); one found stops the export.

use serde::Serialize;
use ts_rs::TS;

use crate::checks::RunSummary;
use crate::checks::finding::Finding;
use crate::steps::sdk_integration::test_connection::TestConnectionReport;
use crate::steps::verify::VerifyLine;
use crate::steps::webhooks::receiver::ReceivedDelivery;
use crate::steps::wizard::WizardProgress;
use crate::workos::target::TargetInfo;

pub const SCHEMA: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum ReportFormat {
    Json,
    Markdown,
    Html,
}

impl ReportFormat {
    pub fn extension(self) -> &'static str {
        match self {
            Self::Json => "json",
            Self::Markdown => "md",
            Self::Html => "html",
        }
    }
}

/// What the app knows now, gathered by the shell from its steps.
#[derive(Debug, Clone, Serialize)]
pub struct ReportInput {
    pub app_version: String,
    pub generated_at: String,
    pub workos: TargetInfo,
    pub progress: WizardProgress,
    pub preflight: Option<RunSummary>,
    pub test_connection: Option<TestConnectionReport>,
    pub verify: Vec<VerifyLine>,
    pub webhook_deliveries: Vec<ReceivedDelivery>,
}

/// The report in `format`, or the secrets found in it (never exported then).
pub fn render(input: &ReportInput, format: ReportFormat) -> Result<String, Vec<String>> {
    let text = match format {
        ReportFormat::Json => json(input),
        ReportFormat::Markdown => markdown(input),
        ReportFormat::Html => html(&markdown_lines(input)),
    };
    let found = find_secrets(&text);
    if found.is_empty() {
        Ok(text)
    } else {
        Err(found)
    }
}

fn json(input: &ReportInput) -> String {
    #[derive(Serialize)]
    struct Versioned<'a> {
        schema: u32,
        #[serde(flatten)]
        report: &'a ReportInput,
    }
    serde_json::to_string_pretty(&Versioned {
        schema: SCHEMA,
        report: input,
    })
    .unwrap_or_default()
}

fn markdown(input: &ReportInput) -> String {
    markdown_lines(input).join("\n") + "\n"
}

fn markdown_lines(input: &ReportInput) -> Vec<String> {
    let mut out = vec![
        "# Pipes Setup report".to_string(),
        String::new(),
        format!("- App: Pipes Setup {}", input.app_version),
        format!("- Generated: {}", input.generated_at),
        format!(
            "- WorkOS: {} at {} with key {} ({})",
            if input.workos.demo {
                "the built-in demo"
            } else {
                "an account"
            },
            input.workos.base_url,
            input.workos.key_fingerprint,
            input
                .workos
                .environment
                .map_or("unknown environment", |e| e.as_str()),
        ),
        String::new(),
        "## Steps".to_string(),
    ];
    for (step, status) in &input.progress.statuses {
        out.push(format!("- {step:?}: {status:?}"));
    }
    if let Some(run) = &input.preflight {
        out.push(String::new());
        out.push(format!(
            "## Pre-flight ({} passed, {} warned, {} failed)",
            run.counts.passed, run.counts.warned, run.counts.failed
        ));
        for result in &run.results {
            out.extend(result.findings.iter().map(finding_line));
        }
    }
    if let Some(test) = &input.test_connection {
        out.push(String::new());
        out.push(format!(
            "## Test connection: {}",
            if test.ok { "works" } else { "failed" }
        ));
        if let Some(leg) = &test.broke_at {
            out.push(format!("- Broke at: {leg:?}"));
        }
        out.extend(test.findings.iter().map(finding_line));
    }
    if !input.verify.is_empty() {
        out.push(String::new());
        out.push("## Verify".to_string());
        for line in &input.verify {
            out.push(format!(
                "- {:?} · {} ({:?}): {}",
                line.status, line.title, line.evidence, line.detail
            ));
        }
    }
    if !input.webhook_deliveries.is_empty() {
        out.push(String::new());
        out.push("## Webhook deliveries".to_string());
        for delivery in &input.webhook_deliveries {
            out.push(format!(
                "- {} {}: {}",
                delivery.event_type.as_deref().unwrap_or("?"),
                delivery.event_id.as_deref().unwrap_or(""),
                if delivery.verdict.valid {
                    "verified".to_string()
                } else {
                    format!(
                        "rejected, {}",
                        delivery.verdict.code.as_deref().unwrap_or("?")
                    )
                }
            ));
        }
    }
    out
}

fn finding_line(finding: &Finding) -> String {
    format!(
        "- [{:?}] `{}` {}: {}",
        finding.severity, finding.code, finding.title, finding.message
    )
}

/// A self-contained page (no script, no remote resource) from the Markdown lines.
fn html(lines: &[String]) -> String {
    let mut body = String::new();
    let mut in_list = false;
    for line in lines {
        let escaped = escape(line);
        if let Some(item) = escaped.strip_prefix("- ") {
            if !in_list {
                body.push_str("<ul>\n");
                in_list = true;
            }
            body.push_str(&format!("<li>{item}</li>\n"));
            continue;
        }
        if in_list {
            body.push_str("</ul>\n");
            in_list = false;
        }
        if let Some(title) = escaped.strip_prefix("## ") {
            body.push_str(&format!("<h2>{title}</h2>\n"));
        } else if let Some(title) = escaped.strip_prefix("# ") {
            body.push_str(&format!("<h1>{title}</h1>\n"));
        }
    }
    if in_list {
        body.push_str("</ul>\n");
    }
    format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\"><title>Pipes Setup report</title><style>body{{font:15px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}}code{{font-family:monospace}}</style></head><body>\n{body}</body></html>\n"
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Anything in `text` that looks like a secret: an API key, a webhook secret, a client
/// secret's value or a provider token. Fingerprints (`sk_test_…1a2b`) are not secrets.
pub fn find_secrets(text: &str) -> Vec<String> {
    const PREFIXES: &[&str] = &[
        "sk_test_",
        "sk_live_",
        "whsec_",
        "gho_",
        "ghp_",
        "xoxp-",
        "xoxb-",
        "ya29.",
        "ntn_",
        "lin_oauth_",
        "GOCSPX-",
    ];
    let mut found = Vec::new();
    for prefix in PREFIXES {
        let mut rest = text;
        while let Some(at) = rest.find(prefix) {
            let tail = &rest[at + prefix.len()..];
            let body: String = tail
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-'))
                .collect();
            if body.len() >= 8 {
                found.push(format!("{prefix}{}…", &body[..4]));
            }
            rest = &rest[at + prefix.len()..];
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::steps::wizard::WizardProgress;

    fn input(message: &str) -> ReportInput {
        let finding = Finding::error(crate::codes::LiveCode::KeyInvalid, "Refused", message);
        ReportInput {
            app_version: "0.1.0".into(),
            generated_at: "2026-12-04T22:30:00Z".into(),
            workos: TargetInfo {
                demo: true,
                base_url: "http://127.0.0.1:4460".into(),
                key_fingerprint: "sk_test_…fake".into(),
                environment: None,
                notice: None,
            },
            progress: WizardProgress::default(),
            preflight: None,
            test_connection: Some(TestConnectionReport {
                ok: false,
                broke_at: None,
                findings: vec![finding],
                connected: None,
            }),
            verify: Vec::new(),
            webhook_deliveries: Vec::new(),
        }
    }

    #[test]
    fn every_format_renders_the_findings_with_keys_as_fingerprints() {
        let report = input("sk_test_…fake was refused");
        for format in [
            ReportFormat::Json,
            ReportFormat::Markdown,
            ReportFormat::Html,
        ] {
            let text = render(&report, format).unwrap();
            assert!(text.contains("LIVE_KEY_INVALID"), "{format:?}");
            assert!(text.contains("sk_test_…fake"), "{format:?}");
        }
        assert!(
            render(&report, ReportFormat::Json)
                .unwrap()
                .contains("\"schema\": 1")
        );
        assert!(
            render(&report, ReportFormat::Html)
                .unwrap()
                .starts_with("<!doctype html>")
        );
    }

    #[test]
    fn a_secret_that_slipped_into_a_message_stops_the_export() {
        let report = input("the key sk_live_abcdefghijklmnop1234 was refused");
        for format in [
            ReportFormat::Json,
            ReportFormat::Markdown,
            ReportFormat::Html,
        ] {
            assert_eq!(
                render(&report, format).unwrap_err(),
                ["sk_live_abcd…"],
                "{format:?}"
            );
        }
    }

    #[test]
    fn the_scan_knows_tokens_and_secrets_and_leaves_fingerprints_alone() {
        assert_eq!(
            find_secrets("whsec_0123456789abcdef and gho_0123456789abcdef").len(),
            2
        );
        assert!(find_secrets("sk_test_…1a2b whsec_…cdef and sk_test_demo").is_empty());
        assert_eq!(find_secrets("GOCSPX-demo-sandbox-secret-fake1234").len(), 1);
    }

    #[test]
    fn html_is_escaped() {
        let page = html(&["- <script>alert(1)</script>".to_string()]);
        assert!(page.contains("&lt;script&gt;"));
        assert!(!page.contains("<script>alert"));
    }
}
