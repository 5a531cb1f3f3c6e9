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
        crate::foundation::browser::OpenOutcome,
        crate::checks::CheckEvent,
        crate::checks::CheckResult,
        crate::checks::CheckStatus,
        crate::checks::RunSummary,
        crate::checks::RunCounts,
        crate::steps::docs::DocLink,
        crate::steps::docs::DocsCatalog,
        crate::steps::docs::GuideCorrection,
        crate::steps::wizard::StepId,
        crate::steps::wizard::StepInfo,
        crate::steps::wizard::StepStatus,
        crate::steps::wizard::WizardProgress,
        crate::steps::dashboard::catalog::CatalogEntry,
        crate::steps::dashboard::catalog::CatalogField,
        crate::steps::dashboard::catalog::CatalogScope,
        crate::steps::dashboard::checklist::ChecklistItem,
        crate::steps::dashboard::credentials::CredentialsChangeView,
        crate::steps::dashboard::overview::DashboardOverview,
        crate::steps::dashboard::overview::IntegrationView,
        crate::steps::dashboard::return_url::ReturnUrlCandidate,
        crate::steps::dashboard::scopes::ScopeComparison,
        crate::steps::dashboard::scopes::ScopeRow,
        crate::steps::dashboard::redirect_uri::RedirectComparison,
        crate::steps::dashboard::redirect_uri::RedirectRule,
        crate::steps::dashboard::redirect_uri::RuleCitation,
        crate::steps::dashboard::redirect_uri::Verdict,
        crate::steps::dashboard::redirect_uri::Difference,
        crate::steps::dashboard::redirect_uri::DifferenceKind,
        crate::steps::dashboard::redirect_uri::DiffSegment,
        crate::steps::dashboard::redirect_uri::SegmentKind,
        crate::steps::sdk_integration::test_connection::ConnectedSummary,
        crate::steps::sdk_integration::test_connection::Leg,
        crate::steps::sdk_integration::test_connection::TestConnectionEvent,
        crate::steps::sdk_integration::test_connection::TestConnectionPlanView,
        crate::steps::sdk_integration::test_connection::TestConnectionReport,
        crate::steps::sdk_integration::test_connection::StopReason,
        crate::steps::sdk_integration::test_users::TestUser,
        crate::steps::sdk_integration::snippets::Snippet,
        crate::steps::sdk_integration::snippets::SnippetLanguage,
        crate::steps::sdk_integration::snippets::SdkWithoutSecureFlow,
        crate::steps::sdk_integration::snippets::OtherSdks,
        crate::steps::sdk_integration::test_connection::ConnectionIntent,
        crate::steps::connections::ConnectionsOverview,
        crate::steps::connections::ProviderConnections,
        crate::steps::connections::AccountView,
        crate::steps::connections::ConnectionTarget,
        crate::steps::connections::ConnectionChangeKind,
        crate::steps::connections::ConnectionChangeView,
        crate::steps::connections::OrganizationChoice,
        crate::steps::connections::TokenStatus,
        crate::steps::connections::TokenStatusView,
        crate::workos::target::TargetInfo,
        crate::workos::key::KeyEnvironment,
        crate::runtime::Proposal<()>,
        crate::local::envfiles::GitignorePreview,
        crate::local::envfiles::EnvWritePreview,
        crate::local::envfiles::EnvEntry,
        crate::local::envfiles::EnvFile,
        crate::local::envfiles::EnvReport,
        crate::local::envfiles::Framework,
        crate::local::envfiles::ModeResolution,
        crate::local::envfiles::ParseProblem,
        crate::local::envfiles::QuoteKind,
        crate::local::envfiles::ReadIssue,
        crate::local::envfiles::ResolvedVar,
        crate::local::envfiles::VarSource,
        crate::local::project::App,
        crate::local::project::Ecosystem,
        crate::local::project::ManifestFile,
        crate::local::project::ManifestKind,
        crate::local::project::ProjectScan,
        crate::local::project::RecentProject,
        crate::local::project::RecentProjects,
        crate::local::project::ScanStats,
        crate::local::project::WorkspaceInfo,
        crate::local::sdk::DeclaredRequirement,
        crate::local::sdk::InstallLine,
        crate::local::sdk::InstallOutcome,
        crate::local::sdk::InstallStatus,
        crate::local::sdk::OutputStream,
        crate::local::sdk::PackageManager,
        crate::local::sdk::SdkDetection,
        crate::local::sdk::SdkReport,
        crate::local::sdk::SdkStatus,
        crate::local::sdk::VersionSource,
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
