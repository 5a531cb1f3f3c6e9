//! What is actually installed in the app folder, where an ecosystem installs into it.

use std::path::Path;

use super::ecosystems::Ecosystem;
use super::files::{AppFolder, FileRole};
use super::lockfiles::{Resolved, search_prefixes};

/// Whether the folder shows the installed SDK.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum InstallState {
    Installed(Resolved),
    /// The folder is where the SDK would be installed, and it is not there.
    Missing {
        reason: String,
    },
    /// Installs go somewhere global (a gem or module cache): the folder cannot tell.
    Unknowable,
}

pub(super) fn install_state(
    folder: &mut AppFolder,
    ecosystem: Ecosystem,
    package: &str,
) -> InstallState {
    match ecosystem {
        Ecosystem::Node => node_modules(folder, package),
        Ecosystem::Python => python_venv(folder, package),
        Ecosystem::Php => composer_vendor(folder, package),
        _ => InstallState::Unknowable,
    }
}

/// Node resolves a package from the nearest `node_modules` up the tree, so a workspace's
/// hoisted `node_modules` at the repository root counts.
fn node_modules(folder: &mut AppFolder, package: &str) -> InstallState {
    for prefix in folder.workspace_prefixes().to_vec() {
        let file = format!("{prefix}node_modules/{package}/package.json");
        let version = folder.read(&file, FileRole::Lockfile).and_then(|text| {
            let doc: serde_json::Value = serde_json::from_str(&text).ok()?;
            doc.get("version")?.as_str().map(str::to_string)
        });
        if let Some(version) = version {
            return InstallState::Installed(Resolved { version, file });
        }
    }
    let reason = if folder.is_dir("node_modules") {
        format!("node_modules has no {package}")
    } else {
        "there is no node_modules folder".to_string()
    };
    InstallState::Missing { reason }
}

const VENV_DIRS: [&str; 2] = [".venv", "venv"];

/// The project's own virtualenv (`.venv` or `venv`, relative to the app folder), nearest
/// first: a uv workspace keeps one at its root.
pub(super) fn venv_dir(folder: &AppFolder) -> Option<String> {
    search_prefixes(folder, Ecosystem::Python)
        .iter()
        .find_map(|prefix| {
            VENV_DIRS
                .iter()
                .map(|dir| format!("{prefix}{dir}"))
                .find(|venv| folder.has(&format!("{venv}/pyvenv.cfg")))
        })
}

fn python_venv(folder: &mut AppFolder, package: &str) -> InstallState {
    let Some(venv) = venv_dir(folder) else {
        return InstallState::Unknowable;
    };
    let found = site_packages(&folder.path(&venv))
        .into_iter()
        .find_map(|dir| dist_info_version(&dir, package).map(|v| (dir, v)));
    match found {
        Some((dir, version)) => {
            let shown = dir
                .strip_prefix(folder.root())
                .unwrap_or(&dir)
                .to_string_lossy()
                .replace('\\', "/");
            let file = format!("{shown}/{package}-{version}.dist-info");
            InstallState::Installed(Resolved { version, file })
        }
        None => InstallState::Missing {
            reason: format!("the {venv} virtualenv has no {package} package"),
        },
    }
}

/// `lib/python3.*/site-packages` (Unix) and `Lib/site-packages` (Windows).
fn site_packages(venv: &Path) -> Vec<std::path::PathBuf> {
    let mut dirs = vec![venv.join("Lib/site-packages")];
    if let Ok(entries) = std::fs::read_dir(venv.join("lib")) {
        dirs.extend(
            entries
                .flatten()
                .take(50)
                .map(|e| e.path().join("site-packages")),
        );
    }
    dirs.into_iter().filter(|d| d.is_dir()).collect()
}

/// `workos-5.40.0.dist-info` → `5.40.0`.
fn dist_info_version(site_packages: &Path, package: &str) -> Option<String> {
    let prefix = format!("{package}-");
    std::fs::read_dir(site_packages)
        .ok()?
        .flatten()
        .take(20_000)
        .find_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let version = name.strip_suffix(".dist-info")?;
            let version = version
                .strip_prefix(&prefix)
                .or_else(|| version.strip_prefix(&prefix.to_uppercase()))?;
            version
                .starts_with(|c: char| c.is_ascii_digit())
                .then(|| version.to_string())
        })
}

/// Composer 2 writes `vendor/composer/installed.json` (`{"packages": […]}`; Composer 1: a list).
fn composer_vendor(folder: &mut AppFolder, package: &str) -> InstallState {
    let file = "vendor/composer/installed.json";
    let Some(text) = folder.read(file, FileRole::Lockfile) else {
        return InstallState::Missing {
            reason: "there is no vendor folder (composer install has not run)".into(),
        };
    };
    let doc: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
    let list = doc
        .get("packages")
        .unwrap_or(&doc)
        .as_array()
        .cloned()
        .unwrap_or_default();
    let version = list
        .iter()
        .find(|p| p.get("name").and_then(|n| n.as_str()) == Some(package))
        .and_then(|p| p.get("version")?.as_str());
    match version {
        Some(v) => InstallState::Installed(Resolved {
            version: v.to_string(),
            file: file.to_string(),
        }),
        None => InstallState::Missing {
            reason: format!("vendor has no {package}"),
        },
    }
}
