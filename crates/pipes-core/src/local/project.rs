//! Pre-flight, local half: the project folder the user picked, the apps inside it, and the
//! manifests and `.env*` files each app has.
//!
//! [`scan`] is blocking (it walks the disk); call it from `tokio::task::spawn_blocking`.

mod candidates;
pub mod codes;
mod manifests;
mod monorepo;
mod recent;
mod user_path;
mod walk;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::checks::finding::{Finding, Severity};
use crate::codes::ProjectCode;

pub use candidates::{Candidate, rank as rank_candidates};
pub(crate) use manifests::read_small as read_small_file;
pub use manifests::{Ecosystem, ManifestKind, declared_name};
pub use monorepo::WorkspaceInfo;
pub use recent::{MAX_RECENT_PROJECTS, RecentProject, RecentProjects};
use user_path::folder_to_open;
pub use walk::{SKIPPED_DIRS, display_path, is_env_file_name};

/// Limits that keep a scan of a huge or odd folder (a home directory, a network mount) short.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ScanOptions {
    /// Folder levels below the root that are still entered.
    pub max_depth: usize,
    /// Folders and candidate files the walk looks at before it stops.
    pub max_entries: usize,
}

impl Default for ScanOptions {
    fn default() -> Self {
        Self {
            max_depth: 12,
            max_entries: 200_000,
        }
    }
}

/// How much the walk looked at. Files other than manifests, `.env*` and workspace files are
/// skipped by name without being opened, so they are in no count.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct ScanStats {
    /// Folders + candidate files + walk errors; what `ScanOptions::max_entries` caps.
    pub entries_seen: usize,
    pub dirs_seen: usize,
    /// Candidate files only (manifests, `.env*`, workspace files), not every file in the tree.
    pub files_seen: usize,
    pub truncated_by_depth: bool,
    pub truncated_by_entry_cap: bool,
    #[ts(type = "number")]
    pub elapsed_ms: u64,
}

/// One manifest file; `path` is relative to the project root, `/`-separated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ManifestFile {
    pub path: String,
    pub kind: ManifestKind,
    pub ecosystem: Ecosystem,
}

/// A folder with at least one manifest: something the user can pick as "the app".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct App {
    /// Relative to the project root; `.` for the root itself.
    pub path: String,
    /// Declared in a manifest (`name` in package.json, …) or else the folder name.
    pub name: String,
    pub manifests: Vec<ManifestFile>,
    /// Sorted, without duplicates.
    pub ecosystems: Vec<Ecosystem>,
    /// `.env*` files directly in this folder, relative to the project root.
    pub env_files: Vec<String>,
    /// Matched by the root's workspace globs (npm/pnpm/lerna/cargo/go work).
    pub workspace_member: bool,
    /// The root of a declared monorepo: usually not the app the user means.
    pub workspace_root: bool,
    /// The app's absolute folder.
    pub dir: String,
}

/// Everything the scan learnt about the picked folder.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ProjectScan {
    /// The folder as picked, for display.
    pub root: String,
    #[serde(skip)]
    #[ts(skip)]
    root_path: PathBuf,
    /// Root first, then by path.
    pub apps: Vec<App>,
    pub workspace: WorkspaceInfo,
    pub manifests: Vec<ManifestFile>,
    /// Every `.env*` file found, relative to the root.
    pub env_files: Vec<String>,
    pub findings: Vec<Finding>,
    pub stats: ScanStats,
    /// The checks can run on it: no finding about the path itself is an error.
    pub usable: bool,
}

impl ProjectScan {
    pub fn root_path(&self) -> &Path {
        &self.root_path
    }

    /// The absolute folder of one of this scan's apps.
    pub fn app_dir(&self, app: &App) -> PathBuf {
        if app.path == "." {
            self.root_path.clone()
        } else {
            self.root_path.join(&app.path)
        }
    }

    pub fn app(&self, path: &str) -> Option<&App> {
        self.apps.iter().find(|a| a.path == path)
    }

    /// More than one app to choose from (the workspace root itself does not count).
    pub fn is_monorepo(&self) -> bool {
        self.apps.iter().filter(|a| !a.workspace_root).count() > 1
    }

    /// The app to preselect: the only one, if there is exactly one that is not a workspace root.
    pub fn suggested_app(&self) -> Option<&App> {
        let mut candidates = self.apps.iter().filter(|a| !a.workspace_root);
        match (candidates.next(), candidates.next()) {
            (Some(only), None) => Some(only),
            _ => None,
        }
    }
}

/// Scans what the user typed, pasted or dropped: `~` is their home, and a file means its folder.
pub fn open(input: &str, home: Option<&Path>, options: &ScanOptions) -> ProjectScan {
    let (folder, note) = folder_to_open(input, home);
    let mut result = scan(&folder, options);
    result.findings.splice(0..0, note);
    result.usable = is_usable(&result.findings);
    result
}

fn is_usable(findings: &[Finding]) -> bool {
    findings.iter().all(|f| f.severity != Severity::Error)
}

/// Scans the folder the user picked. Never panics on odd trees: trouble becomes findings.
pub fn scan(root: &Path, options: &ScanOptions) -> ProjectScan {
    let started = Instant::now();
    let mut result = empty_scan(root);
    if let Some(finding) = check_is_folder(root) {
        result.findings.push(finding);
        return result;
    }
    let walked = walk::walk(root, options);
    result.workspace = monorepo::detect(root);
    result.apps = group_into_apps(root, &walked, &result.workspace);
    result.manifests = walked
        .manifests
        .iter()
        .map(|(p, k)| manifest_file(p, *k))
        .collect();
    result.env_files = walked.env_files.iter().map(|p| display_path(p)).collect();
    result.env_files.sort();
    result.findings = walked.findings;
    result.stats = walked.stats;
    result.findings.extend(summary_findings(&result));
    result.stats.elapsed_ms = u64::try_from(started.elapsed().as_millis()).unwrap_or(u64::MAX);
    result.usable = is_usable(&result.findings);
    result
}

fn empty_scan(root: &Path) -> ProjectScan {
    ProjectScan {
        root: root.to_string_lossy().into_owned(),
        root_path: root.to_path_buf(),
        apps: Vec::new(),
        workspace: WorkspaceInfo::default(),
        manifests: Vec::new(),
        env_files: Vec::new(),
        findings: Vec::new(),
        stats: ScanStats::default(),
        usable: false,
    }
}

fn check_is_folder(root: &Path) -> Option<Finding> {
    let shown = root.to_string_lossy();
    let problem = match std::fs::metadata(root) {
        Ok(meta) if meta.is_dir() => return None,
        Ok(_) => format!("`{shown}` is a file, not a folder."),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            format!("`{shown}` does not exist.")
        }
        Err(err) => format!("`{shown}` cannot be opened: {err}."),
    };
    Some(
        Finding::error(ProjectCode::NotAFolder, "Not a project folder", problem).with_remediation(
            "Pick the folder that holds your app (the one with package.json, go.mod, …).",
        ),
    )
}

fn manifest_file(path: &Path, kind: ManifestKind) -> ManifestFile {
    ManifestFile {
        path: display_path(path),
        kind,
        ecosystem: kind.ecosystem(),
    }
}

fn parent_of(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}

fn group_into_apps(root: &Path, walked: &walk::WalkOutput, workspace: &WorkspaceInfo) -> Vec<App> {
    let mut by_dir: BTreeMap<String, Vec<ManifestFile>> = BTreeMap::new();
    for (path, kind) in &walked.manifests {
        by_dir
            .entry(display_path(&parent_of(path)))
            .or_default()
            .push(manifest_file(path, *kind));
    }
    let matcher = monorepo::MemberMatcher::new(&workspace.patterns);
    let mut apps: Vec<App> = by_dir
        .into_iter()
        .map(|(dir, manifests)| build_app(root, dir, manifests, walked, workspace, &matcher))
        .collect();
    apps.sort_by(|a, b| (a.path != ".", &a.path).cmp(&(b.path != ".", &b.path)));
    apps
}

fn build_app(
    root: &Path,
    dir: String,
    mut manifests: Vec<ManifestFile>,
    walked: &walk::WalkOutput,
    workspace: &WorkspaceInfo,
    matcher: &monorepo::MemberMatcher,
) -> App {
    manifests.sort_by(|a, b| a.path.cmp(&b.path));
    let abs = if dir == "." {
        root.to_path_buf()
    } else {
        root.join(&dir)
    };
    let kinds: Vec<ManifestKind> = manifests.iter().map(|m| m.kind).collect();
    let mut ecosystems: Vec<Ecosystem> = manifests.iter().map(|m| m.ecosystem).collect();
    ecosystems.sort();
    ecosystems.dedup();
    let mut env_files: Vec<String> = walked
        .env_files
        .iter()
        .filter(|p| display_path(&parent_of(p)) == dir)
        .map(|p| display_path(p))
        .collect();
    env_files.sort();
    App {
        name: declared_name(&abs, &kinds).unwrap_or_else(|| folder_name(&abs)),
        dir: abs.to_string_lossy().into_owned(),
        workspace_member: dir != "." && matcher.is_member(&dir),
        workspace_root: dir == "." && workspace.is_declared(),
        path: dir,
        manifests,
        ecosystems,
        env_files,
    }
}

fn folder_name(dir: &Path) -> String {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    canonical.file_name().map_or_else(
        || "project".to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn summary_findings(scan: &ProjectScan) -> Vec<Finding> {
    let mut findings = Vec::new();
    if scan.apps.is_empty() {
        findings.push(
            Finding::warn(
                ProjectCode::NoManifest,
                "No app found in this folder",
                "No package.json, requirements.txt, pyproject.toml, go.mod, Gemfile, composer.json, \
                 pom.xml, build.gradle, *.csproj, mix.exs or Cargo.toml was found.",
            )
            .with_remediation("Pick the folder of your app, or create its manifest first (for example `npm init`)."),
        );
    }
    if scan.stats.truncated_by_entry_cap || scan.stats.truncated_by_depth {
        findings.push(truncation_finding(&scan.stats));
    }
    findings
}

fn truncation_finding(stats: &ScanStats) -> Finding {
    let why = if stats.truncated_by_entry_cap {
        format!("the scan stopped after {} entries", stats.entries_seen)
    } else {
        "folders deeper than the depth limit were not entered".to_string()
    };
    Finding::warn(
        ProjectCode::ScanTruncated,
        "Only part of the folder was scanned",
        format!("This folder is very large: {why}. Some apps or .env files may be missing from the list."),
    )
    .with_remediation("Pick the app's own folder rather than a parent folder.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn a_missing_folder_is_a_finding() {
        let scan = scan(Path::new("/definitely/not/here"), &ScanOptions::default());
        assert_eq!(scan.findings[0].code, "PROJECT_NOT_A_FOLDER");
        assert!(scan.apps.is_empty());
    }

    #[test]
    fn single_app_is_suggested_and_not_a_monorepo() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("package.json"), r#"{"name":"web"}"#).unwrap();
        fs::write(dir.path().join(".env"), "A=1\n").unwrap();
        let scan = scan(dir.path(), &ScanOptions::default());
        assert!(!scan.is_monorepo());
        let app = scan.suggested_app().unwrap();
        assert_eq!((app.path.as_str(), app.name.as_str()), (".", "web"));
        assert_eq!(app.env_files, [".env"]);
    }

    #[test]
    fn depth_cap_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let deep = dir.path().join("a/b/c/d");
        fs::create_dir_all(&deep).unwrap();
        fs::write(deep.join("package.json"), "{}").unwrap();
        let scan = scan(
            dir.path(),
            &ScanOptions {
                max_depth: 2,
                ..ScanOptions::default()
            },
        );
        assert!(scan.apps.is_empty());
        assert!(
            scan.findings
                .iter()
                .any(|f| f.code == "PROJECT_SCAN_TRUNCATED")
        );
    }
}
