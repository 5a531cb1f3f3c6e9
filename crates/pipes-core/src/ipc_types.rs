//! The TypeScript mirror of every type that crosses IPC, generated from the Rust types.
//! `ui/src/lib/ipc/bindings.ts` is this function's output; a test fails when it is stale.

use ts_rs::{Config, TS};

macro_rules! declarations {
    ($cfg:expr, $($ty:ty),* $(,)?) => {
        vec![$(format!("export {}", <$ty as TS>::decl($cfg))),*]
    };
}

pub fn typescript_bindings() -> String {
    let cfg = Config::new().with_large_int("number");
    let decls = declarations!(
        &cfg,
        crate::AppError,
        crate::Finding,
        crate::Fix,
        crate::Severity,
        crate::browser::OpenOutcome,
        crate::checks::CheckEvent,
        crate::checks::CheckResult,
        crate::checks::CheckStatus,
        crate::checks::RunSummary,
        crate::docs::DocLink,
        crate::docs::DocsCatalog,
        crate::docs::GuideCorrection,
        crate::wizard::StepId,
        crate::wizard::StepInfo,
        crate::wizard::StepStatus,
        crate::wizard::WizardProgress,
        crate::workos_target::TargetInfo,
        crate::envfiles::KeyEnvironment,
        crate::envfiles::GitignorePreview,
        crate::envfiles::EnvWritePreview,
        crate::envfiles::EnvEntry,
        crate::envfiles::EnvFile,
        crate::envfiles::EnvReport,
        crate::envfiles::Framework,
        crate::envfiles::ModeResolution,
        crate::envfiles::ParseProblem,
        crate::envfiles::QuoteKind,
        crate::envfiles::ReadIssue,
        crate::envfiles::ResolvedVar,
        crate::envfiles::VarSource,
        crate::project::App,
        crate::project::Ecosystem,
        crate::project::ManifestFile,
        crate::project::ManifestKind,
        crate::project::ProjectScan,
        crate::project::RecentProject,
        crate::project::RecentProjects,
        crate::project::ScanStats,
        crate::project::WorkspaceInfo,
        crate::sdk::DeclaredRequirement,
        crate::sdk::InstallLine,
        crate::sdk::InstallOutcome,
        crate::sdk::InstallStatus,
        crate::sdk::OutputStream,
        crate::sdk::PackageManager,
        crate::sdk::SdkDetection,
        crate::sdk::SdkReport,
        crate::sdk::SdkStatus,
        crate::sdk::VersionSource,
    );
    let mut out = String::from(
        "// Generated from the Rust types by pipes-core (ipc_types.rs). Do not edit by hand:\n\
         // run `UPDATE_IPC_BINDINGS=1 cargo test -p pipes-core --test ipc_bindings`.\n\n",
    );
    for decl in decls {
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}
