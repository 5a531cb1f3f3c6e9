//! In a monorepo, which of its apps is most likely the one that talks to WorkOS: the ones with
//! WorkOS variables in their env files or the SDK in their manifest first, library packages
//! (no way to start them, only something to import) apart.

use serde::Serialize;

use super::manifests::read_small;
use super::{App, ManifestKind, ProjectScan};

/// One app the user could mean, and what ties it to WorkOS.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub path: String,
    pub ties: Vec<&'static str>,
    /// A package to import rather than an app to run (a package.json with no start, dev or
    /// serve script that exports something).
    #[serde(skip)]
    pub library: bool,
}

/// The apps of a monorepo, the most likely first: by how many ties to WorkOS, libraries last,
/// then by path. The workspace root is not a candidate.
pub fn rank(scan: &ProjectScan) -> Vec<Candidate> {
    let mut candidates: Vec<Candidate> = scan
        .apps
        .iter()
        .filter(|app| !app.workspace_root)
        .map(|app| candidate(scan, app))
        .collect();
    candidates.sort_by(|a, b| {
        b.ties
            .len()
            .cmp(&a.ties.len())
            .then(a.library.cmp(&b.library))
            .then(a.path.cmp(&b.path))
    });
    candidates
}

fn candidate(scan: &ProjectScan, app: &App) -> Candidate {
    let mut ties = Vec::new();
    if app.env_files.iter().any(|f| mentions(scan, f, "WORKOS_")) {
        ties.push("WorkOS variables in its env files");
    }
    if app
        .manifests
        .iter()
        .any(|m| mentions(scan, &m.path, "workos"))
    {
        ties.push("the WorkOS SDK in its manifest");
    }
    Candidate {
        path: app.path.clone(),
        library: ties.is_empty() && is_library(scan, app),
        ties,
    }
}

/// Whether the file at `relative` (to the project root) holds `needle`, ignoring case for
/// manifests (`WorkOS`, `workos`) and not for env variable names.
fn mentions(scan: &ProjectScan, relative: &str, needle: &str) -> bool {
    let Some(text) = read_small(&scan.root_path().join(relative)) else {
        return false;
    };
    if needle.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
        text.contains(needle)
    } else {
        text.to_ascii_lowercase().contains(needle)
    }
}

fn is_library(scan: &ProjectScan, app: &App) -> bool {
    if !app.env_files.is_empty() {
        return false;
    }
    let Some(manifest) = app
        .manifests
        .iter()
        .find(|m| m.kind == ManifestKind::PackageJson)
    else {
        return false;
    };
    let Some(text) = read_small(&scan.root_path().join(&manifest.path)) else {
        return false;
    };
    let Ok(json) = serde_json::from_str::<serde_json::Value>(&text) else {
        return false;
    };
    let runnable = ["start", "dev", "serve"]
        .iter()
        .any(|script| json["scripts"].get(script).is_some());
    let exports = ["main", "module", "exports", "types"]
        .iter()
        .any(|field| json.get(field).is_some());
    !runnable && exports
}
