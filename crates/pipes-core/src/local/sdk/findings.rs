//! Findings of an SDK scan, with stable codes.
//!
//! SDK_OK, SDK_TOO_OLD_FOR_PIPES, SDK_NOT_INSTALLED, SDK_VERSION_UNKNOWN, SDK_ELIXIR_NO_PIPES,
//! SDK_NOT_FOUND, SDK_NO_MANIFEST, SDK_WIDGETS_FOUND, SDK_MANIFEST_UNREADABLE, SDK_LOCKFILE_UNREADABLE.

use std::collections::HashSet;
use std::path::Path;

use serde_json::json;

use super::ecosystems::{Ecosystem, docs_url, ecosystem_id, label, sdk_package};
use super::files::{FileProblem, FileRole};
use super::install::plan_install;
use super::package_manager::PackageManager;
use super::{SdkDetection, SdkStatus, VersionSource};
use crate::checks::finding::{Finding, Fix};
use crate::codes::SdkCode;

pub(super) fn for_scan(
    app_dir: &Path,
    ecosystems: &[Ecosystem],
    detections: &[SdkDetection],
    widgets: Option<&VersionSource>,
    problems: &[FileProblem],
) -> Vec<Finding> {
    let mut findings: Vec<Finding> = detections
        .iter()
        .map(|d| for_detection(app_dir, d))
        .collect();
    // An unreadable manifest may well declare the SDK: say that, not "SDK not found".
    let manifest_unreadable = problems.iter().any(|p| p.role == FileRole::Manifest);
    if detections.is_empty() && !manifest_unreadable {
        findings.push(nothing_found(app_dir, ecosystems));
    }
    if let Some(widgets) = widgets {
        findings.push(widgets_found(widgets));
    }
    findings.extend(unreadable_files(problems));
    findings
}

fn for_detection(app_dir: &Path, d: &SdkDetection) -> Finding {
    let finding = match d.status {
        SdkStatus::Ok if d.declared.is_none() => not_declared(app_dir, d),
        SdkStatus::Ok => ok(d),
        SdkStatus::TooOldForPipes => too_old(app_dir, d),
        SdkStatus::NotInstalled => not_installed(app_dir, d),
        SdkStatus::VersionUnknown => version_unknown(app_dir, d),
        SdkStatus::NoPipesYet => elixir_no_pipes(d),
    };
    finding
        .with_docs(docs_url(d.ecosystem))
        .with_details(details(d))
}

fn details(d: &SdkDetection) -> serde_json::Value {
    serde_json::to_value(d).unwrap_or_default()
}

fn sdk_name(d: &SdkDetection) -> String {
    format!("WorkOS {} SDK", label(d.ecosystem))
}

/// Which version was judged, and where it came from, in words.
fn judged_version(d: &SdkDetection) -> String {
    let version = d.effective_version.as_deref().unwrap_or("?");
    if let Some(installed) = &d.installed {
        format!("{version} (installed, {})", installed.file)
    } else if let Some(locked) = &d.locked {
        format!("{version} (locked in {})", locked.file)
    } else if let Some(declared) = &d.declared {
        format!(
            "{version} (the lowest that `{}` in {} allows)",
            declared.requirement, declared.file
        )
    } else {
        version.to_string()
    }
}

fn install_fix(app_dir: &Path, ecosystem: Ecosystem) -> Option<Fix> {
    super::install::plan::is_installable(ecosystem).then(|| Fix::InstallSdk {
        project: app_dir.to_string_lossy().into_owned(),
        ecosystem: ecosystem_id(ecosystem),
    })
}

/// Exactly what the install fix would run in this folder, or the manual step.
fn install_command(app_dir: &Path, ecosystem: Ecosystem) -> String {
    plan_install(app_dir, ecosystem)
        .map(|plan| format!("`{}`", plan.command()))
        .unwrap_or_else(|_| manual_upgrade(ecosystem))
}

fn manual_upgrade(ecosystem: Ecosystem) -> String {
    match ecosystem {
        Ecosystem::Jvm => {
            "set com.workos:workos to 5.0.0 or later in pom.xml or build.gradle".into()
        }
        Ecosystem::Elixir => "edit the {:workos, …} entry in mix.exs, then `mix deps.get`".into(),
        other => format!("upgrade {} with your package manager", sdk_package(other)),
    }
}

fn ok(d: &SdkDetection) -> Finding {
    Finding::pass(
        SdkCode::Ok,
        format!(
            "{} {} supports Pipes",
            sdk_name(d),
            d.effective_version.as_deref().unwrap_or("")
        ),
        format!(
            "{} {} is at or above {}, the first release with Pipes.",
            d.package,
            judged_version(d),
            d.pipes_since.as_deref().unwrap_or("?")
        ),
    )
}

/// Installed in the app folder, but no manifest lists it: the next fresh install (a teammate,
/// CI, the deploy) will not have it.
fn not_declared(app_dir: &Path, d: &SdkDetection) -> Finding {
    let pipes = d.pipes_since.as_deref().unwrap_or("?");
    let remediation = match d.package_manager {
        PackageManager::Pip => format!(
            "Add `{}>={pipes}` to requirements.txt (or to pyproject.toml's dependencies).",
            d.package
        ),
        _ => format!(
            "Run {} so the manifest lists it.",
            install_command(app_dir, d.ecosystem)
        ),
    };
    Finding::warn(
        SdkCode::NotDeclared,
        format!("{} is installed but not listed as a dependency", sdk_name(d)),
        format!(
            "{} {} works here, but no manifest of this app lists it, so a fresh install of the app will not get it.",
            d.package,
            judged_version(d)
        ),
    )
    .with_remediation(remediation)
}

fn too_old(app_dir: &Path, d: &SdkDetection) -> Finding {
    let pipes = d.pipes_since.as_deref().unwrap_or("?");
    let mut remediation = format!(
        "Upgrade to {pipes} or later: {}.",
        install_command(app_dir, d.ecosystem)
    );
    if d.installed.is_none() && d.locked.is_none() {
        remediation.push_str(&format!(
            " Also raise the requirement in {} so it cannot resolve below {pipes}.",
            d.declared
                .as_ref()
                .map_or("the manifest", |x| x.file.as_str())
        ));
    }
    let finding = Finding::error(
        SdkCode::TooOldForPipes,
        format!("{} is too old for Pipes", sdk_name(d)),
        format!(
            "{} {} predates Pipes, which arrived in {pipes}.",
            d.package,
            judged_version(d)
        ),
    )
    .with_remediation(remediation);
    with_optional_fix(finding, install_fix(app_dir, d.ecosystem))
}

fn not_installed(app_dir: &Path, d: &SdkDetection) -> Finding {
    let declared = d.declared.as_ref();
    let requirement = declared.map_or(String::new(), |x| {
        if x.requirement.is_empty() {
            format!(" in {}", x.file)
        } else {
            format!(" as `{}` in {}", x.requirement, x.file)
        }
    });
    let finding = Finding::warn(
        SdkCode::NotInstalled,
        format!("{} is declared but not installed", sdk_name(d)),
        format!(
            "{} is declared{requirement}, but {}.",
            d.package,
            not_installed_reason(d)
        ),
    )
    .with_remediation(format!(
        "Run `{}` in the app folder.",
        d.package_manager.install_all_command()
    ));
    with_optional_fix(finding, install_fix(app_dir, d.ecosystem))
}

fn not_installed_reason(d: &SdkDetection) -> &'static str {
    match d.ecosystem {
        Ecosystem::Node => "node_modules does not have it",
        Ecosystem::Python => "the project's virtualenv does not have it (or no lockfile pins it)",
        Ecosystem::Php => "vendor/ does not have it",
        _ => "no lockfile pins it yet",
    }
}

fn version_unknown(app_dir: &Path, d: &SdkDetection) -> Finding {
    let requirement = d.declared.as_ref().map_or("", |x| x.requirement.as_str());
    let shown = if requirement.is_empty() {
        "without a version".to_string()
    } else {
        format!("as `{requirement}`")
    };
    let finding = Finding::warn(
        SdkCode::VersionUnknown,
        format!("Cannot tell which {} version is used", sdk_name(d)),
        format!(
            "{} is declared {shown} and no installed or locked version was found, so it is unknown whether it has Pipes (needs {} or later).",
            d.package,
            d.pipes_since.as_deref().unwrap_or("?")
        ),
    )
    .with_remediation(format!("Pin a version of at least {} or run `{}`.", d.pipes_since.as_deref().unwrap_or("?"), d.package_manager.install_all_command()));
    with_optional_fix(finding, install_fix(app_dir, d.ecosystem))
}

fn elixir_no_pipes(d: &SdkDetection) -> Finding {
    Finding::warn(
        SdkCode::ElixirNoPipes,
        "The Elixir SDK has no Pipes support yet",
        format!(
            "{} {} is declared for Elixir, but the workos Hex package has no Pipes module in any release.",
            d.package,
            d.effective_version.as_deref().unwrap_or("")
        ),
    )
    .with_remediation(
        "Call the Pipes REST API directly with your HTTP client (Req, Finch or Tesla): \
         POST https://api.workos.com/data-integrations/{slug}/token with {user_id, organization_id} \
         and `Authorization: Bearer <WORKOS_API_KEY>` returns a fresh access token.",
    )
}

fn nothing_found(app_dir: &Path, ecosystems: &[Ecosystem]) -> Finding {
    let Some(first) = ecosystems
        .iter()
        .copied()
        .find(|e| super::install::plan::is_installable(*e))
        .or(ecosystems.first().copied())
    else {
        return Finding::warn(
            SdkCode::NoManifest,
            "No app manifest in this folder",
            "This folder has no package.json, pyproject.toml, requirements.txt, go.mod, Gemfile, composer.json, pom.xml, build.gradle, *.csproj, mix.exs or Cargo.toml.",
        )
        .with_remediation("Pick the folder of the app itself (where its package manifest lives).");
    };
    let names: Vec<&str> = ecosystems.iter().map(|e| label(*e)).collect();
    let finding = Finding::warn(
        SdkCode::NotFound,
        "WorkOS SDK not found",
        format!(
            "This {} app does not depend on the WorkOS SDK ({}).",
            names.join(" + "),
            sdk_package(first)
        ),
    )
    .with_remediation(format!(
        "Install the {} SDK: {}.",
        label(first),
        install_command(app_dir, first)
    ))
    .with_docs(docs_url(first))
    .with_details(json!({ "ecosystems": ecosystems }));
    with_optional_fix(finding, install_fix(app_dir, first))
}

fn widgets_found(widgets: &VersionSource) -> Finding {
    Finding::info(
        SdkCode::WidgetsFound,
        "WorkOS widgets found",
        format!(
            "@workos-inc/widgets {} ({}) provides the Pipes widget for your UI.",
            widgets.version, widgets.file
        ),
    )
}

fn unreadable_files(problems: &[FileProblem]) -> Vec<Finding> {
    let mut seen = HashSet::new();
    problems
        .iter()
        .filter(|p| seen.insert(p.path.clone()))
        .map(|p| {
            let (code, what) = match p.role {
                FileRole::Manifest => (SdkCode::ManifestUnreadable, "manifest"),
                FileRole::Lockfile => (SdkCode::LockfileUnreadable, "lockfile"),
            };
            Finding::warn(code, format!("Cannot read {}", p.path), format!("The {what} {} {}.", p.path, p.reason))
                .with_remediation("Check the file is the real one (not a binary, a huge generated file or half-merged); the SDK check skipped it.")
                .with_details(json!({ "path": p.path, "reason": p.reason }))
        })
        .collect()
}

fn with_optional_fix(finding: Finding, fix: Option<Fix>) -> Finding {
    match fix {
        Some(fix) => finding.with_fix(fix),
        None => finding,
    }
}
