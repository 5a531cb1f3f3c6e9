//! Step 7, Verify: the old guide's checklist, automated. Each line is checked live, inferred
//! from what the app proved in another step, or confirmed by the user, and says which and
//! when. The connect route is fetched without following its redirect; the app's build is
//! run by `build`.

pub mod build;
pub mod codes;
mod connect_url;

use std::path::Path;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use connect_url::{ConnectUrlAnswer, check_connect_url};

use crate::checks::finding::Severity;
use crate::foundation::clock::now_ms;
use crate::local::sdk::{SdkStatus, detect_sdk};
use crate::steps::dashboard::overview;
use crate::steps::wizard::{StepId, StepStatus, WizardProgress};
use crate::workos::check_key;
use crate::workos::target::WorkosTarget;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum LineStatus {
    Pass,
    Fail,
    Warn,
    NotChecked,
}

/// How a line was established.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Evidence {
    Live,
    Inferred,
    Confirmed,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VerifyLine {
    pub id: String,
    pub title: String,
    pub status: LineStatus,
    pub evidence: Evidence,
    pub detail: String,
    #[ts(type = "number")]
    pub at_ms: u64,
    /// The recovery guide for a failing line.
    pub guide: Option<String>,
}

/// What Verify needs to know: where the app is, the project's app folder, its connect URL.
pub struct VerifyInput<'a> {
    pub target: &'a WorkosTarget,
    pub app_dir: Option<&'a Path>,
    pub connect_url: &'a str,
    pub progress: &'a WizardProgress,
    /// The user's ticks for the manual lines, on this WorkOS.
    pub confirmed: &'a [String],
}

/// The manual lines of the old guide, ticked by the user or by what the app proved itself.
pub const MANUAL: &[(&str, &str)] = &[
    (
        "verify:connect-button",
        "The Connect button is visible in your app",
    ),
    (
        "verify:redirects-to-provider",
        "Clicking it redirects to the provider",
    ),
    (
        "verify:connection-in-dashboard",
        "The connection appears in the WorkOS Dashboard",
    ),
    (
        "verify:api-call-returns-data",
        "A provider API call returns data",
    ),
];

/// Every line except the build, which runs on its own (it takes long and streams output).
pub async fn check(input: &VerifyInput<'_>) -> Vec<VerifyLine> {
    let connection = input.target.connection();
    let (key, providers, connect) = tokio::join!(
        check_key(&connection),
        overview::load(&connection, input.target.info().environment, None),
        check_connect_url(input.connect_url),
    );
    let mut lines = vec![line(
        "credentials",
        "Credentials present and valid",
        if key.severity == Severity::Pass {
            LineStatus::Pass
        } else {
            LineStatus::Fail
        },
        Evidence::Live,
        key.message.clone(),
        key.guide.clone(),
    )];
    lines.push(sdk_line(input.app_dir));
    let enabled = providers.integrations.iter().filter(|i| i.enabled).count();
    lines.push(line(
        "provider",
        "At least one provider configured and enabled",
        if enabled > 0 {
            LineStatus::Pass
        } else {
            LineStatus::Fail
        },
        Evidence::Live,
        format!("{enabled} enabled integration(s) in this environment."),
        (enabled == 0).then(|| "provider-not-configured".into()),
    ));
    let proven = input.progress.statuses.get(&StepId::SdkIntegration) == Some(&StepStatus::Done);
    lines.push(line(
        "redirect-legs",
        "Both redirect legs verified",
        if proven { LineStatus::Pass } else { LineStatus::NotChecked },
        Evidence::Inferred,
        if proven {
            "Step 4's test connection went through the provider's redirect URI and your return URL on this WorkOS.".into()
        } else {
            "Run step 4's test connection: it proves both legs.".into()
        },
        None,
    ));
    lines.push(connect.into_line());
    lines.extend(manual_lines(input, proven));
    lines
}

fn sdk_line(app_dir: Option<&Path>) -> VerifyLine {
    let Some(dir) = app_dir else {
        return line(
            "sdk",
            "SDK installed at a Pipes-capable version",
            LineStatus::NotChecked,
            Evidence::Live,
            "Open your project in Pre-flight first.".into(),
            None,
        );
    };
    let report = detect_sdk(dir);
    let ok = !report.detections.is_empty()
        && report.detections.iter().all(|d| d.status == SdkStatus::Ok);
    line(
        "sdk",
        "SDK installed at a Pipes-capable version",
        if ok {
            LineStatus::Pass
        } else {
            LineStatus::Fail
        },
        Evidence::Live,
        report.findings.first().map_or_else(
            || "No WorkOS SDK is declared in the app's manifest.".to_string(),
            |f| f.message.clone(),
        ),
        (!ok).then(|| "sdk-method-missing".into()),
    )
}

fn manual_lines(input: &VerifyInput<'_>, test_connection_ok: bool) -> Vec<VerifyLine> {
    let api_call_ok = input.progress.statuses.get(&StepId::Connections) == Some(&StepStatus::Done);
    MANUAL
        .iter()
        .map(|(id, title)| {
            let proven = match *id {
                "verify:redirects-to-provider" | "verify:connection-in-dashboard" => {
                    test_connection_ok
                }
                "verify:api-call-returns-data" => api_call_ok,
                _ => false,
            };
            let ticked = input.confirmed.iter().any(|c| c == id);
            let (status, evidence, detail) = if proven {
                (
                    LineStatus::Pass,
                    Evidence::Inferred,
                    "Proven by the app (a test connection, or a provider call that returned data).",
                )
            } else if ticked {
                (LineStatus::Pass, Evidence::Confirmed, "You confirmed it.")
            } else {
                (
                    LineStatus::NotChecked,
                    Evidence::Confirmed,
                    "Look in your app, then tick it.",
                )
            };
            line(id, title, status, evidence, detail.into(), None)
        })
        .collect()
}

pub(crate) fn line(
    id: &str,
    title: &str,
    status: LineStatus,
    evidence: Evidence,
    detail: String,
    guide: Option<String>,
) -> VerifyLine {
    VerifyLine {
        id: id.into(),
        title: title.into(),
        status,
        evidence,
        detail,
        at_ms: now_ms(),
        guide,
    }
}

/// Whether `id` is one of the manual lines (the page may tick nothing else).
pub fn is_manual(id: &str) -> bool {
    MANUAL.iter().any(|(m, _)| *m == id)
}
