//! The scan of one app folder: declared, locked and installed SDK per ecosystem, and a status.

use std::path::Path;

use semver::Version;

use super::ecosystems::{ALL, Ecosystem, NODE_WIDGETS_PACKAGE, pipes_since, sdk_package};
use super::files::AppFolder;
use super::installed::{InstallState, install_state};
use super::lockfiles::{Resolved, locked};
use super::manifests::{Declared, declared, manifest_files};
use super::package_manager::{PackageManager, detect as detect_package_manager};
use super::versions::{Lowest, lowest_admitted, parse_version};
use super::{DeclaredRequirement, SdkDetection, SdkReport, SdkStatus, VersionSource, findings};

/// Scans `app_dir` (one app, not a monorepo root: the project scan finds the apps). Blocking.
pub fn detect_sdk(app_dir: &Path) -> SdkReport {
    let mut folder = AppFolder::open(app_dir);
    let ecosystems: Vec<Ecosystem> = ALL
        .into_iter()
        .filter(|e| !manifest_files(&folder, *e).is_empty())
        .collect();
    let detections: Vec<SdkDetection> = ecosystems
        .iter()
        .filter_map(|e| detect_one(&mut folder, *e))
        .collect();
    let widgets = ecosystems
        .contains(&Ecosystem::Node)
        .then(|| widgets(&mut folder))
        .flatten();
    let findings = findings::for_scan(
        app_dir,
        &ecosystems,
        &detections,
        widgets.as_ref(),
        &folder.problems,
    );
    SdkReport {
        app_dir: app_dir.to_string_lossy().into_owned(),
        ecosystems,
        detections,
        widgets,
        findings,
    }
}

/// The SDK when a manifest declares it, or when it is installed without being declared (a
/// plain `pip install` into the app's virtualenv lists it nowhere).
fn detect_one(folder: &mut AppFolder, ecosystem: Ecosystem) -> Option<SdkDetection> {
    let package = sdk_package(ecosystem);
    let install = install_state(folder, ecosystem, package);
    let declared = declared(folder, ecosystem, package);
    if declared.is_none() && !matches!(install, InstallState::Installed(_)) {
        return None;
    }
    let module = declared.as_ref().and_then(|d| d.module.as_deref());
    let locked = locked(folder, ecosystem, package, module);
    let package_manager = detect_package_manager(folder, ecosystem);
    Some(evaluate(
        ecosystem,
        package_manager,
        declared,
        locked,
        install,
    ))
}

fn evaluate(
    ecosystem: Ecosystem,
    package_manager: PackageManager,
    declared: Option<Declared>,
    locked: Option<Resolved>,
    install: InstallState,
) -> SdkDetection {
    let lowest = match declared.as_ref().map(|d| lowest_admitted(&d.requirement)) {
        Some(Lowest::Version(v)) => Some(v),
        _ => None,
    };
    let installed = match &install {
        InstallState::Installed(resolved) => Some(resolved.clone()),
        _ => None,
    };
    let effective: Option<Version> = installed
        .iter()
        .chain(locked.iter())
        .find_map(|r| parse_version(&r.version))
        .or_else(|| lowest.clone());
    let not_installed = match &install {
        InstallState::Installed(_) => false,
        InstallState::Missing { .. } => true,
        InstallState::Unknowable => expects_lockfile(package_manager) && locked.is_none(),
    };
    let pipes = pipes_since(ecosystem);
    let status = match (&pipes, &effective) {
        (None, _) => SdkStatus::NoPipesYet,
        (Some(pipes), Some(version)) if version < pipes => SdkStatus::TooOldForPipes,
        _ if not_installed => SdkStatus::NotInstalled,
        (_, None) => SdkStatus::VersionUnknown,
        _ => SdkStatus::Ok,
    };
    SdkDetection {
        ecosystem,
        package: declared
            .as_ref()
            .and_then(|d| d.module.clone())
            .unwrap_or_else(|| sdk_package(ecosystem).to_string()),
        package_manager,
        declared: declared.map(|d| DeclaredRequirement {
            requirement: d.requirement,
            file: d.file,
            lowest: lowest.map(|v| v.to_string()),
        }),
        locked: locked.map(source),
        installed: installed.map(source),
        effective_version: effective.map(|v| v.to_string()),
        pipes_since: pipes.map(|v| v.to_string()),
        status,
    }
}

/// Package managers whose apps cannot run before a lockfile exists (`bundle exec`, `mix`,
/// `poetry run`…). npm and PHP are judged by their install folders instead; Go and Cargo
/// resolve on the first build by themselves.
fn expects_lockfile(package_manager: PackageManager) -> bool {
    matches!(
        package_manager,
        PackageManager::Bundler
            | PackageManager::Mix
            | PackageManager::Poetry
            | PackageManager::Uv
            | PackageManager::Pipenv
    )
}

fn source(resolved: Resolved) -> VersionSource {
    VersionSource {
        version: resolved.version,
        file: resolved.file,
    }
}

fn widgets(folder: &mut AppFolder) -> Option<VersionSource> {
    let declared = declared(folder, Ecosystem::Node, NODE_WIDGETS_PACKAGE)?;
    let installed = match install_state(folder, Ecosystem::Node, NODE_WIDGETS_PACKAGE) {
        InstallState::Installed(resolved) => Some(resolved),
        _ => None,
    };
    let resolved =
        installed.or_else(|| locked(folder, Ecosystem::Node, NODE_WIDGETS_PACKAGE, None));
    Some(resolved.map(source).unwrap_or(VersionSource {
        version: declared.requirement,
        file: declared.file,
    }))
}
