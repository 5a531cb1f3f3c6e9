//! The Finding contract: what every check reports, in the UI, the report and `--json`.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::foundation::code::Code;

/// How bad a finding is. Ordered: `Pass < Info < Warn < Error`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Pass,
    Info,
    Warn,
    Error,
}

/// A safe action the app may run on a click. Anything destructive is remediation text instead.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fix {
    /// Append `line` to the project's `.gitignore` (created if missing).
    AddToGitignore { project: String, line: String },
    /// Install the WorkOS SDK with the project's own package manager.
    InstallSdk { project: String, ecosystem: String },
    /// Give a Python app its own `.venv` (git-ignored from inside), then install the SDK there.
    InstallSdkInNewVenv { project: String },
    /// Open one of the app's recovery guides.
    OpenGuide { guide: String },
}

/// One result of a check. `code` is a stable SCREAMING_SNAKE name that guides and tests key on:
/// a [`Code`] from an area's enum, kept as its string so the JSON shape stays the same.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Finding {
    pub code: String,
    pub severity: Severity,
    pub title: String,
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub remediation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub fix: Option<Fix>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub docs_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional, type = "Record<string, unknown>")]
    pub details: Option<serde_json::Value>,
    /// The recovery guide (step 8) a failure with this code opens; none for a pass.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub guide: Option<String>,
}

impl Finding {
    pub fn new(
        code: impl Into<Code>,
        severity: Severity,
        title: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        let code = code.into().as_str();
        let guide = (severity > Severity::Info)
            .then(|| crate::steps::troubleshoot::guide_for(code))
            .flatten();
        Self {
            code: code.to_string(),
            guide: guide.map(str::to_string),
            severity,
            title: title.into(),
            message: message.into(),
            remediation: None,
            fix: None,
            docs_url: None,
            details: None,
        }
    }

    pub fn pass(
        code: impl Into<Code>,
        title: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(code, Severity::Pass, title, message)
    }

    pub fn info(
        code: impl Into<Code>,
        title: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(code, Severity::Info, title, message)
    }

    pub fn warn(
        code: impl Into<Code>,
        title: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(code, Severity::Warn, title, message)
    }

    pub fn error(
        code: impl Into<Code>,
        title: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Self::new(code, Severity::Error, title, message)
    }

    /// Whether this finding has `code`.
    pub fn has_code(&self, code: impl Into<Code>) -> bool {
        self.code == code.into().as_str()
    }

    pub fn with_remediation(mut self, remediation: impl Into<String>) -> Self {
        self.remediation = Some(remediation.into());
        self
    }

    pub fn with_fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    pub fn with_docs(mut self, url: impl Into<String>) -> Self {
        self.docs_url = Some(url.into());
        self
    }

    pub fn with_details(mut self, details: serde_json::Value) -> Self {
        self.details = Some(details);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::codes::ClientIdCode;

    #[test]
    fn serializes_to_the_documented_shape_without_empty_fields() {
        let finding = Finding::warn(
            ClientIdCode::OldPrefix,
            "Old client id",
            "starts with project_",
        )
        .with_remediation("Copy the client_ id from the dashboard");
        let json = serde_json::to_value(&finding).unwrap();
        assert_eq!(json["severity"], "warn");
        assert_eq!(
            json["remediation"],
            "Copy the client_ id from the dashboard"
        );
        assert!(json.get("fix").is_none());
        assert!(json.get("docs_url").is_none());
    }

    #[test]
    fn severity_orders_from_pass_to_error() {
        assert!(Severity::Pass < Severity::Info);
        assert!(Severity::Warn < Severity::Error);
    }
}
