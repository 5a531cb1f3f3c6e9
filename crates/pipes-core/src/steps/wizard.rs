//! The eight steps of the wizard and the user's progress through them, remembered on disk.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checks::{CheckStatus, RunSummary};
use crate::foundation::error::AppResult;
use crate::foundation::json_store::JsonStore;

/// The steps of the left rail, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepId {
    Docs,
    Preflight,
    Dashboard,
    SdkIntegration,
    Connections,
    Webhooks,
    Verify,
    Troubleshoot,
}

impl StepId {
    pub const ALL: [StepId; 8] = [
        StepId::Docs,
        StepId::Preflight,
        StepId::Dashboard,
        StepId::SdkIntegration,
        StepId::Connections,
        StepId::Webhooks,
        StepId::Verify,
        StepId::Troubleshoot,
    ];
}

/// What the rail shows for one step.
#[derive(Debug, Clone, Serialize, TS)]
pub struct StepInfo {
    pub id: StepId,
    pub number: u8,
    pub title: &'static str,
    pub summary: &'static str,
}

pub fn steps() -> Vec<StepInfo> {
    StepId::ALL
        .iter()
        .zip(1u8..)
        .map(|(&id, number)| {
            let (title, summary) = describe(id);
            StepInfo {
                id,
                number,
                title,
                summary,
            }
        })
        .collect()
}

fn describe(step: StepId) -> (&'static str, &'static str) {
    match step {
        StepId::Docs => (
            "Docs",
            "The official Pipes pages, and what changed since the old setup guide.",
        ),
        StepId::Preflight => (
            "Pre-flight",
            "Your project, its .env files, your API key and the WorkOS SDK.",
        ),
        StepId::Dashboard => (
            "Dashboard configuration",
            "Sandbox or production, credentials, each provider's OAuth app and its redirect URI.",
        ),
        StepId::SdkIntegration => (
            "SDK integration",
            "A real test connection: authorization URL, browser consent, callback, access token.",
        ),
        StepId::Connections => (
            "Connections",
            "Connected accounts, their state and scopes, reauthorize or disconnect.",
        ),
        StepId::Webhooks => (
            "Webhooks",
            "Register an endpoint, watch verified events arrive, test signatures.",
        ),
        StepId::Verify => (
            "Verify",
            "Every check and confirmation in one checklist, exportable as a report.",
        ),
        StepId::Troubleshoot => (
            "Troubleshoot",
            "Every recovery guide, opened from the finding that needs it.",
        ),
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    NotStarted,
    InProgress,
    Done,
    NeedsAttention,
    /// Its checks ran, but against another WorkOS (the demo, another account or environment)
    /// than the one the app is on now: not checked here yet.
    CheckedElsewhere,
}

/// Where the user is and how far each step got. Saved as JSON in the app's data folder.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct WizardProgress {
    pub current: StepId,
    pub statuses: BTreeMap<StepId, StepStatus>,
    /// For a status earned by checks: the WorkOS they ran against (see `WorkosTarget::identity`).
    #[serde(default)]
    #[ts(skip)]
    pub earned_on: BTreeMap<StepId, String>,
    /// The Dashboard checklist items the user marked done, per WorkOS they were done on.
    #[serde(default)]
    #[ts(skip)]
    pub confirmed: BTreeMap<String, BTreeSet<String>>,
}

impl Default for WizardProgress {
    fn default() -> Self {
        let statuses = StepId::ALL
            .iter()
            .map(|&s| (s, StepStatus::NotStarted))
            .collect();
        Self {
            current: StepId::Docs,
            statuses,
            earned_on: BTreeMap::new(),
            confirmed: BTreeMap::new(),
        }
    }
}

impl WizardProgress {
    pub fn status(&self, step: StepId) -> StepStatus {
        self.statuses
            .get(&step)
            .copied()
            .unwrap_or(StepStatus::NotStarted)
    }

    /// Moves to `step`; a step seen for the first time becomes "in progress".
    pub fn visit(&mut self, step: StepId) {
        self.current = step;
        if self.status(step) == StepStatus::NotStarted {
            self.statuses.insert(step, StepStatus::InProgress);
        }
    }

    pub fn set_status(&mut self, step: StepId, status: StepStatus) {
        self.statuses.insert(step, status);
    }

    /// The progress as the user on `workos` sees it: a result earned against another WorkOS
    /// shows as checked elsewhere, not as done here.
    pub fn as_seen_on(mut self, workos: &str) -> Self {
        for (step, earned) in &self.earned_on {
            if earned != workos {
                self.statuses.insert(*step, StepStatus::CheckedElsewhere);
            }
        }
        self
    }
}

/// Progress shared by the app's commands, saved on every change.
pub type ProgressStore = JsonStore<WizardProgress>;

impl JsonStore<WizardProgress> {
    pub fn visit(&self, step: StepId) -> AppResult<WizardProgress> {
        self.update(|p| p.visit(step))
    }

    /// A step whose checks ran against `workos` is done there when none failed, and needs
    /// attention otherwise.
    pub fn record_check_run(
        &self,
        step: StepId,
        summary: &RunSummary,
        workos: &str,
    ) -> AppResult<WizardProgress> {
        let passed = summary
            .results
            .iter()
            .all(|r| r.status.lets_dependents_run() || r.status == CheckStatus::Skipped);
        self.record_outcome(step, passed, workos)
    }

    /// A step proven by one outcome (step 4's test connection) against `workos`.
    pub fn record_outcome(
        &self,
        step: StepId,
        ok: bool,
        workos: &str,
    ) -> AppResult<WizardProgress> {
        let status = if ok {
            StepStatus::Done
        } else {
            StepStatus::NeedsAttention
        };
        self.update(|p| {
            p.set_status(step, status);
            p.earned_on.insert(step, workos.to_string());
        })
    }

    /// Marks a Dashboard checklist item done (or not) on `workos`.
    pub fn confirm(&self, item: &str, done: bool, workos: &str) -> AppResult<WizardProgress> {
        self.update(|p| {
            let marks = p.confirmed.entry(workos.to_string()).or_default();
            if done {
                marks.insert(item.to_string());
            } else {
                marks.remove(item);
            }
        })
    }

    /// Step 1 is done once the user has opened an official page.
    pub fn mark_docs_read(&self) -> AppResult<WizardProgress> {
        self.update(|p| p.set_status(StepId::Docs, StepStatus::Done))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eight_steps_numbered_in_rail_order() {
        let steps = steps();
        let titles: Vec<_> = steps.iter().map(|s| s.title).collect();
        assert_eq!(
            titles,
            [
                "Docs",
                "Pre-flight",
                "Dashboard configuration",
                "SDK integration",
                "Connections",
                "Webhooks",
                "Verify",
                "Troubleshoot"
            ]
        );
        assert_eq!(steps.last().unwrap().number, 8);
    }

    #[test]
    fn visiting_marks_new_steps_in_progress_but_keeps_done() {
        let mut progress = WizardProgress::default();
        progress.set_status(StepId::Docs, StepStatus::Done);
        progress.visit(StepId::Docs);
        progress.visit(StepId::Webhooks);
        assert_eq!(progress.status(StepId::Docs), StepStatus::Done);
        assert_eq!(progress.status(StepId::Webhooks), StepStatus::InProgress);
        assert_eq!(progress.current, StepId::Webhooks);
    }

    #[test]
    fn a_check_run_marks_its_step_done_or_needing_attention() {
        use crate::checks::CheckResult;
        let result = |status| CheckResult {
            id: "x".into(),
            title: "X".into(),
            status,
            findings: vec![],
            reason: None,
            duration_ms: 0,
        };
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::open(dir.path().join("p.json"));
        let good = RunSummary::new(
            vec![result(CheckStatus::Passed), result(CheckStatus::Skipped)],
            1,
        );
        assert_eq!(
            store
                .record_check_run(StepId::Preflight, &good, "demo")
                .unwrap()
                .status(StepId::Preflight),
            StepStatus::Done
        );
        let bad = RunSummary::new(
            vec![result(CheckStatus::Passed), result(CheckStatus::TimedOut)],
            1,
        );
        let status = store
            .record_check_run(StepId::Preflight, &bad, "demo")
            .unwrap()
            .status(StepId::Preflight);
        assert_eq!(status, StepStatus::NeedsAttention);
    }

    #[test]
    fn the_store_saves_every_change_before_answering() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.json");
        let store = ProgressStore::open(path.clone());
        store.visit(StepId::Preflight).unwrap();
        store.mark_docs_read().unwrap();
        let reopened = ProgressStore::open(path).snapshot();
        assert_eq!(reopened.current, StepId::Preflight);
        assert_eq!(reopened.status(StepId::Docs), StepStatus::Done);
    }

    #[test]
    fn a_result_earned_on_another_workos_shows_as_checked_elsewhere() {
        let dir = tempfile::tempdir().unwrap();
        let store = ProgressStore::open(dir.path().join("p.json"));
        store.mark_docs_read().unwrap();
        let passed = RunSummary::new(vec![], 1);
        let progress = store
            .record_check_run(StepId::Preflight, &passed, "demo")
            .unwrap();
        assert_eq!(
            progress
                .clone()
                .as_seen_on("demo")
                .status(StepId::Preflight),
            StepStatus::Done
        );
        let elsewhere = progress.as_seen_on("account:abc/production");
        assert_eq!(
            elsewhere.status(StepId::Preflight),
            StepStatus::CheckedElsewhere
        );
        assert_eq!(
            elsewhere.status(StepId::Docs),
            StepStatus::Done,
            "reading docs holds everywhere"
        );
        let reopened = ProgressStore::open(dir.path().join("p.json")).snapshot();
        assert_eq!(
            reopened
                .earned_on
                .get(&StepId::Preflight)
                .map(String::as_str),
            Some("demo")
        );
    }
}
