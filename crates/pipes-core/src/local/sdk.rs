//! Pre-flight, SDK half: which WorkOS SDK an app declares and has installed, whether that
//! release has Pipes, and installing it with the app's own package manager.
//!
//! [`detect_sdk`] reads files only (blocking, capped reads: call it from `spawn_blocking`);
//! [`install_sdk`] runs an allowlisted command and re-detects afterwards.

pub mod codes;
mod detect;
mod ecosystems;
mod files;
mod findings;
pub(crate) mod install;
mod installed;
mod lockfiles;
mod manifests;
mod package_manager;
mod versions;

use serde::Serialize;
use ts_rs::TS;

use crate::checks::finding::Finding;

pub use detect::detect_sdk;
pub use ecosystems::{Ecosystem, ecosystem_from_id, ecosystem_id, label, pipes_since, sdk_package};
pub use install::{
    InstallLine, InstallOptions, InstallOutcome, InstallPlan, InstallStatus, OutputStream,
    install_sdk, plan_install,
};
pub use package_manager::PackageManager;

/// A version and the file it was read from (relative to the app folder, `/`-separated).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct VersionSource {
    pub version: String,
    pub file: String,
}

/// The requirement a manifest declares, and the lowest version it admits when that is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DeclaredRequirement {
    /// As written; empty when the manifest gives no version.
    pub requirement: String,
    pub file: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub lowest: Option<String>,
}

/// How a detected SDK stands with respect to Pipes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SdkStatus {
    Ok,
    TooOldForPipes,
    NotInstalled,
    /// The ecosystem's SDK has no Pipes module at all (Elixir).
    NoPipesYet,
    VersionUnknown,
}

/// The WorkOS SDK of one ecosystem in the app folder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct SdkDetection {
    pub ecosystem: Ecosystem,
    pub package: String,
    pub package_manager: PackageManager,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub declared: Option<DeclaredRequirement>,
    /// What a lockfile resolved it to.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub locked: Option<VersionSource>,
    /// What is on disk in the app folder (node_modules, .venv, vendor).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub installed: Option<VersionSource>,
    /// The version the status was judged on: installed, else locked, else the lowest declared.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub effective_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub pipes_since: Option<String>,
    pub status: SdkStatus,
}

/// Everything the SDK scan of one app folder found.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct SdkReport {
    pub app_dir: String,
    /// Ecosystems with a manifest in the folder, whether or not they use WorkOS.
    pub ecosystems: Vec<Ecosystem>,
    pub detections: Vec<SdkDetection>,
    /// `@workos-inc/widgets`, when the Node app has it.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub widgets: Option<VersionSource>,
    pub findings: Vec<Finding>,
}

impl SdkReport {
    pub fn detection(&self, ecosystem: Ecosystem) -> Option<&SdkDetection> {
        self.detections.iter().find(|d| d.ecosystem == ecosystem)
    }

    pub fn finding(&self, code: &str) -> Option<&Finding> {
        self.findings.iter().find(|f| f.code == code)
    }
}

#[cfg(test)]
mod ts_tests {
    use ts_rs::{Config, TS};

    use super::*;

    /// The UI-facing types render as TypeScript (what ipc_types.rs collects).
    #[test]
    fn ui_types_render_as_typescript() {
        let cfg = Config::new().with_large_int("number");
        let decls = [
            SdkReport::decl(&cfg),
            SdkDetection::decl(&cfg),
            SdkStatus::decl(&cfg),
            DeclaredRequirement::decl(&cfg),
            VersionSource::decl(&cfg),
            PackageManager::decl(&cfg),
            InstallLine::decl(&cfg),
            InstallOutcome::decl(&cfg),
            InstallPlan::decl(&cfg),
            InstallStatus::decl(&cfg),
            OutputStream::decl(&cfg),
        ];
        let all = decls.join("\n");
        eprintln!("{all}");
        assert!(all.contains("type SdkStatus = \"ok\" | \"too_old_for_pipes\""));
        assert!(all.contains("elapsed_ms: number"));
        assert!(
            !all.contains("pid"),
            "InstallOutcome.pid is skipped by serde and must not be in the bindings"
        );
    }
}
