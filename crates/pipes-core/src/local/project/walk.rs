//! The folder walk: .gitignore-aware, never inside dependency or build folders, capped in depth
//! and entry count, and every trouble on the way (symlink loop, unreadable folder) a Finding.

use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use ignore::overrides::{Override, OverrideBuilder};
use ignore::{DirEntry, ParallelVisitor, ParallelVisitorBuilder, WalkBuilder, WalkState};

use super::manifests::ManifestKind;
use super::{ScanOptions, ScanStats};
use crate::checks::finding::Finding;
use crate::codes::ProjectCode;

/// Folders that hold dependencies, caches or build output: never entered, whatever .gitignore says.
pub const SKIPPED_DIRS: &[&str] = &[
    "node_modules",
    "bower_components",
    "target",
    ".venv",
    "venv",
    "__pycache__",
    ".git",
    "vendor",
    "dist",
    "build",
    "out",
    "obj",
    "coverage",
    ".next",
    ".nuxt",
    ".svelte-kit",
    ".turbo",
    ".cache",
    ".gradle",
    "_build",
    "deps",
];

/// Root-level files that describe a monorepo.
pub const WORKSPACE_FILES: &[&str] = &[
    "pnpm-workspace.yaml",
    "lerna.json",
    "nx.json",
    "turbo.json",
    "go.work",
];

/// The only files the walk yields. Whitelist overrides also beat .gitignore and the hidden-file
/// rule, which is what lets a git-ignored `.env.local` be seen.
const WANTED_FILES: &[&str] = &[
    ".env",
    ".env.*",
    "package.json",
    "requirements*.txt",
    "pyproject.toml",
    "setup.py",
    "Pipfile",
    "go.mod",
    "Gemfile",
    "composer.json",
    "pom.xml",
    "build.gradle",
    "build.gradle.kts",
    "*.csproj",
    "mix.exs",
    "Cargo.toml",
    "pnpm-workspace.yaml",
    "lerna.json",
    "nx.json",
    "turbo.json",
    "go.work",
];

/// What the walk saw, paths relative to the root.
#[derive(Debug, Default)]
pub struct WalkOutput {
    pub manifests: Vec<(PathBuf, ManifestKind)>,
    pub env_files: Vec<PathBuf>,
    pub workspace_files: Vec<PathBuf>,
    pub findings: Vec<Finding>,
    pub stats: ScanStats,
}

/// Entries a walk on one thread may see before the walk starts over on every core: a small
/// project is done well before its threads would have started, a monorepo pays for at most
/// this many entries twice (about 1 ms of its 30).
const SEQUENTIAL_ENTRIES: usize = 64;

/// The walk, in path order whichever way it ran: on one thread if the folder is small, else on
/// every core.
pub fn walk(root: &Path, options: &ScanOptions) -> WalkOutput {
    walk_sequential(root, options, SEQUENTIAL_ENTRIES)
        .unwrap_or_else(|| walk_parallel(root, options))
}

/// On this thread, or `None` once more than `budget` entries show up (and the cap is further).
fn walk_sequential(root: &Path, options: &ScanOptions, budget: usize) -> Option<WalkOutput> {
    let mut out = WalkOutput::default();
    let outside_links = SharedPaths::default();
    for result in build_walker(root, options, &outside_links).build() {
        if out.stats.entries_seen >= options.max_entries {
            out.stats.truncated_by_entry_cap = true;
            break;
        }
        if out.stats.entries_seen >= budget {
            return None;
        }
        out.stats.entries_seen += 1;
        match result {
            Ok(entry) => record_entry(root, &entry, options, &mut out),
            Err(err) => out.findings.push(finding_for_error(root, &err)),
        }
    }
    sort_output(&mut out);
    let mut outside = std::mem::take(&mut *outside_links.lock().unwrap_or_else(|e| e.into_inner()));
    outside.sort();
    out.findings.extend(outside_links_finding(root, &outside));
    Some(out)
}

/// On every core (`ignore`'s parallel walker: one thread per core, at most 12), each thread into
/// a [`WalkOutput`] of its own; these are merged and sorted by path at the end, so the result
/// does not depend on which thread saw what.
fn walk_parallel(root: &Path, options: &ScanOptions) -> WalkOutput {
    let outside_links = SharedPaths::default();
    let walker = build_walker(root, options, &outside_links).build_parallel();
    let shared = Shared {
        root,
        options,
        entries: AtomicUsize::new(0),
        truncated: AtomicBool::new(false),
        parts: Mutex::new(Vec::new()),
    };
    walker.visit(&mut VisitorBuilder { shared: &shared });
    let parts = shared.parts.into_inner().unwrap_or_else(|e| e.into_inner());
    let mut out = merge(parts);
    out.stats.truncated_by_entry_cap = shared.truncated.into_inner();
    let mut outside = std::mem::take(&mut *outside_links.lock().unwrap_or_else(|e| e.into_inner()));
    outside.sort();
    out.findings.extend(outside_links_finding(root, &outside));
    out
}

/// What the walker threads share: the entry cap's count and where each puts its output.
struct Shared<'a> {
    root: &'a Path,
    options: &'a ScanOptions,
    /// Entries claimed so far by all threads; only the first `max_entries` are recorded.
    entries: AtomicUsize,
    truncated: AtomicBool,
    parts: Mutex<Vec<WalkOutput>>,
}

struct VisitorBuilder<'s> {
    shared: &'s Shared<'s>,
}

impl<'s> ParallelVisitorBuilder<'s> for VisitorBuilder<'s> {
    fn build(&mut self) -> Box<dyn ParallelVisitor + 's> {
        Box::new(Visitor {
            shared: self.shared,
            out: WalkOutput::default(),
        })
    }
}

/// One walker thread's view, handed over to [`Shared::parts`] when the thread is done.
struct Visitor<'s> {
    shared: &'s Shared<'s>,
    out: WalkOutput,
}

impl ParallelVisitor for Visitor<'_> {
    fn visit(&mut self, result: Result<DirEntry, ignore::Error>) -> WalkState {
        let shared = self.shared;
        // A slot under the cap is claimed first: exactly `max_entries` entries are recorded,
        // and the first one over it stops every thread.
        if shared.entries.fetch_add(1, Ordering::Relaxed) >= shared.options.max_entries {
            shared.truncated.store(true, Ordering::Relaxed);
            return WalkState::Quit;
        }
        self.out.stats.entries_seen += 1;
        match result {
            Ok(entry) => record_entry(shared.root, &entry, shared.options, &mut self.out),
            Err(err) => self.out.findings.push(finding_for_error(shared.root, &err)),
        }
        WalkState::Continue
    }
}

impl Drop for Visitor<'_> {
    fn drop(&mut self) {
        let out = std::mem::take(&mut self.out);
        self.shared
            .parts
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(out);
    }
}

/// All threads' outputs as one, in path order (findings by code, then message, which names the
/// path), whatever thread saw what.
fn merge(parts: Vec<WalkOutput>) -> WalkOutput {
    let mut out = WalkOutput::default();
    for part in parts {
        out.manifests.extend(part.manifests);
        out.env_files.extend(part.env_files);
        out.workspace_files.extend(part.workspace_files);
        out.findings.extend(part.findings);
        out.stats.entries_seen += part.stats.entries_seen;
        out.stats.dirs_seen += part.stats.dirs_seen;
        out.stats.files_seen += part.stats.files_seen;
        out.stats.truncated_by_depth |= part.stats.truncated_by_depth;
    }
    sort_output(&mut out);
    out
}

fn sort_output(out: &mut WalkOutput) {
    out.manifests.sort();
    out.env_files.sort();
    out.workspace_files.sort();
    out.findings
        .sort_by(|a, b| (&a.code, &a.message).cmp(&(&b.code, &b.message)));
}

/// Symlinked folders found by the walk's filter, which runs inside the walker.
type SharedPaths = Arc<Mutex<Vec<PathBuf>>>;

fn build_walker(root: &Path, options: &ScanOptions, outside_links: &SharedPaths) -> WalkBuilder {
    let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let outside_links = Arc::clone(outside_links);
    let mut builder = WalkBuilder::new(root);
    builder
        .hidden(true)
        .git_ignore(true)
        .git_exclude(true)
        .git_global(false)
        .require_git(false)
        .parents(false)
        .ignore(false)
        .follow_links(true)
        .max_depth(Some(options.max_depth))
        .overrides(wanted_files(root))
        .filter_entry(move |entry| {
            !is_skipped_dir(entry) && !leaves_the_project(entry, &canonical_root, &outside_links)
        });
    builder
}

fn wanted_files(root: &Path) -> Override {
    let mut builder = OverrideBuilder::new(root);
    for glob in WANTED_FILES {
        builder.add(glob).expect("static globs are valid");
    }
    builder.build().expect("static globs are valid")
}

/// A symlinked folder that points outside the project (`data -> /mnt/disk`, `up -> ../..`) is not
/// followed: it is not part of the app, and following it could walk a whole disk.
fn leaves_the_project(entry: &DirEntry, canonical_root: &Path, outside: &SharedPaths) -> bool {
    if entry.depth() == 0
        || !entry.path_is_symlink()
        || !entry.file_type().is_some_and(|t| t.is_dir())
    {
        return false;
    }
    let leaves = entry
        .path()
        .canonicalize()
        .is_ok_and(|target| !target.starts_with(canonical_root));
    if leaves {
        outside
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(entry.path().to_path_buf());
    }
    leaves
}

fn outside_links_finding(root: &Path, links: &[PathBuf]) -> Option<Finding> {
    let shown: Vec<String> = links
        .iter()
        .take(10)
        .map(|p| display_path(&relative_to(root, p)))
        .collect();
    let first = shown.first()?;
    Some(
        Finding::info(
            ProjectCode::LinkOutsideSkipped,
            "Links leaving the project were not followed",
            match links.len() {
                1 => format!("`{first}` points outside the project folder; the scan stayed inside."),
                n => format!("`{first}` and {} other links point outside the project folder; the scan stayed inside.", n - 1),
            },
        )
        .with_details(serde_json::json!({ "links": shown, "count": links.len() })),
    )
}

fn is_skipped_dir(entry: &DirEntry) -> bool {
    entry.depth() > 0
        && entry.file_type().is_some_and(|t| t.is_dir())
        && entry
            .file_name()
            .to_str()
            .is_some_and(|name| SKIPPED_DIRS.contains(&name))
}

fn record_entry(root: &Path, entry: &DirEntry, options: &ScanOptions, out: &mut WalkOutput) {
    let Some(file_type) = entry.file_type() else {
        return;
    };
    let relative = relative_to(root, entry.path());
    if file_type.is_dir() {
        out.stats.dirs_seen += 1;
        if entry.depth() == options.max_depth && entry.depth() > 0 {
            out.stats.truncated_by_depth = true;
        }
        return;
    }
    out.stats.files_seen += 1;
    let Some(name) = entry.file_name().to_str() else {
        return;
    };
    if is_env_file_name(name) {
        out.env_files.push(relative);
    } else if let Some(kind) = ManifestKind::from_file_name(name) {
        out.manifests.push((relative, kind));
    } else if WORKSPACE_FILES.contains(&name) {
        out.workspace_files.push(relative);
    }
}

/// `.env` and `.env.<anything>`; `.envrc` (direnv, a shell script) is not a dotenv file.
pub fn is_env_file_name(name: &str) -> bool {
    name == ".env" || (name.starts_with(".env.") && name.len() > ".env.".len())
}

pub fn relative_to(root: &Path, path: &Path) -> PathBuf {
    path.strip_prefix(root)
        .map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
}

/// Forward slashes whatever the OS: these strings go to the UI and the report.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    if text.is_empty() {
        ".".to_string()
    } else {
        text
    }
}

fn finding_for_error(root: &Path, err: &ignore::Error) -> Finding {
    if let Some((ancestor, child)) = find_loop(err) {
        let child = display_path(&relative_to(root, child));
        let ancestor = display_path(&relative_to(root, ancestor));
        return Finding::warn(
            ProjectCode::SymlinkLoop,
            "Symbolic link loop skipped",
            format!("`{child}` links back to `{ancestor}`, so the scan did not follow it."),
        )
        .with_remediation("Nothing to do unless your app lives behind that link; if it does, pick the real folder.")
        .with_details(serde_json::json!({ "path": child, "target": ancestor }));
    }
    let path = find_path(err).map(|p| display_path(&relative_to(root, p)));
    let shown = path.clone().unwrap_or_else(|| "a folder".to_string());
    match find_io(err).map(io::Error::kind) {
        Some(io::ErrorKind::PermissionDenied) => Finding::warn(
            ProjectCode::UnreadableDir,
            "A folder could not be read",
            format!("Permission denied for `{shown}`; files inside it were not scanned."),
        )
        .with_remediation("Give your user read access to that folder, or ignore this if the app does not live there.")
        .with_details(serde_json::json!({ "path": path })),
        _ => Finding::warn(
            ProjectCode::UnreadableDir,
            "Part of the project could not be read",
            format!("`{shown}` could not be read: {}", io_message(err)),
        )
        .with_details(serde_json::json!({ "path": path })),
    }
}

fn find_loop(err: &ignore::Error) -> Option<(&Path, &Path)> {
    match err {
        ignore::Error::Loop { ancestor, child } => Some((ancestor, child)),
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => find_loop(err),
        ignore::Error::Partial(errs) => errs.iter().find_map(find_loop),
        _ => None,
    }
}

fn find_path(err: &ignore::Error) -> Option<&Path> {
    match err {
        ignore::Error::WithPath { path, .. } => Some(path),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            find_path(err)
        }
        ignore::Error::Partial(errs) => errs.iter().find_map(find_path),
        _ => None,
    }
}

fn find_io(err: &ignore::Error) -> Option<&io::Error> {
    err.io_error()
}

fn io_message(err: &ignore::Error) -> String {
    find_io(err).map_or_else(|| err.to_string(), io::Error::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_file_names() {
        for yes in [
            ".env",
            ".env.local",
            ".env.development.local",
            ".env.example",
        ] {
            assert!(is_env_file_name(yes), "{yes}");
        }
        for no in [".envrc", ".env.", "env", ".environment", "x.env"] {
            assert!(!is_env_file_name(no), "{no}");
        }
    }

    /// 300 folders: past the one-thread budget, so the parallel walk and its shared cap.
    fn wide_tree() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..300 {
            std::fs::create_dir_all(dir.path().join(format!("d{i:03}/app"))).unwrap();
            std::fs::write(dir.path().join(format!("d{i:03}/app/package.json")), "{}").unwrap();
        }
        dir
    }

    #[test]
    fn the_parallel_walk_finds_what_one_thread_finds_in_the_same_order() {
        let dir = wide_tree();
        let options = ScanOptions::default();
        let one = walk_sequential(dir.path(), &options, usize::MAX).unwrap();
        let all = walk_parallel(dir.path(), &options);
        assert_eq!(all.manifests.len(), 300);
        assert_eq!(one.manifests, all.manifests);
        assert_eq!(one.stats, all.stats);
        assert!(walk_sequential(dir.path(), &options, SEQUENTIAL_ENTRIES).is_none());
    }

    #[test]
    fn the_parallel_walk_stops_at_the_entry_cap_exactly() {
        let dir = wide_tree();
        let options = ScanOptions {
            max_entries: 200,
            ..ScanOptions::default()
        };
        let out = walk(dir.path(), &options);
        assert_eq!(out.stats.entries_seen, 200);
        assert!(out.stats.truncated_by_entry_cap);
    }

    #[test]
    fn display_path_uses_dot_for_the_root() {
        assert_eq!(display_path(Path::new("")), ".");
        assert_eq!(display_path(Path::new("apps/web")), "apps/web");
    }
}
