//! The "recent projects" list: most recent first, one entry per folder, at most ten.
//! The app persists it (as JSON, through `atomic_file::write_atomic`); this type only keeps order.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub const MAX_RECENT_PROJECTS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecentProject {
    /// Absolute folder path as the user picked it.
    pub path: String,
    /// What the list shows: the app's declared name or the folder name.
    pub name: String,
    /// Milliseconds since the Unix epoch.
    #[ts(type = "number")]
    pub opened_at_ms: u64,
    /// In a monorepo, the app (its path inside the folder) the checks last ran on.
    #[serde(default)]
    pub app: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RecentProjects {
    pub entries: Vec<RecentProject>,
}

impl RecentProjects {
    /// Puts `project` first, dropping an older entry for the same folder (but keeping the app
    /// chosen in it) and the oldest past ten.
    pub fn touch(&mut self, mut project: RecentProject) {
        let key = folder_key(&project.path);
        if let Some(old) = self.entries.iter().find(|e| folder_key(&e.path) == key) {
            project.app = project.app.or_else(|| old.app.clone());
        }
        self.entries.retain(|e| folder_key(&e.path) != key);
        self.entries.insert(0, project);
        self.entries.truncate(MAX_RECENT_PROJECTS);
    }

    /// The app last checked in the monorepo at `path`, if one was remembered.
    pub fn chosen_app(&self, path: &str) -> Option<&str> {
        let key = folder_key(path);
        self.entries
            .iter()
            .find(|e| folder_key(&e.path) == key)
            .and_then(|e| e.app.as_deref())
    }

    /// Remembers which app of the monorepo at `path` the user checked; `false` if the folder is
    /// not in the list.
    pub fn choose_app(&mut self, path: &str, app: &str) -> bool {
        let key = folder_key(path);
        match self.entries.iter_mut().find(|e| folder_key(&e.path) == key) {
            Some(entry) => {
                entry.app = Some(app.to_string());
                true
            }
            None => false,
        }
    }

    pub fn remove(&mut self, path: &str) {
        let key = folder_key(path);
        self.entries.retain(|e| folder_key(&e.path) != key);
    }

    /// Reads a saved list; a missing, broken or oversized file is an empty list, not an error,
    /// because losing the recent list must never block the wizard.
    pub fn from_json(text: &str) -> Self {
        let mut list: Self = serde_json::from_str(text).unwrap_or_default();
        let mut seen = std::collections::HashSet::new();
        list.entries
            .retain(|e| seen.insert(folder_key(&e.path).to_string()));
        list.entries.truncate(MAX_RECENT_PROJECTS);
        list
    }

    /// Where the folder picker opens: the folder around the newest recent project that still
    /// exists (its siblings are usually the other projects), else `home`.
    pub fn folder_to_browse_from(&self, home: Option<&Path>) -> Option<PathBuf> {
        self.entries
            .iter()
            .filter_map(|e| Path::new(folder_key(&e.path)).parent())
            .find(|parent| !parent.as_os_str().is_empty() && parent.is_dir())
            .map(Path::to_path_buf)
            .or_else(|| home.filter(|h| h.is_dir()).map(Path::to_path_buf))
    }

    /// Whether `folder` is one of these projects or inside one, after resolving `..` and
    /// symlinks on both sides: the window may name only folders of projects the user opened.
    pub fn holds(&self, folder: &Path) -> bool {
        let Ok(folder) = folder.canonicalize() else {
            return false;
        };
        self.entries
            .iter()
            .filter_map(|e| Path::new(&e.path).canonicalize().ok())
            .any(|project| folder.starts_with(project))
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data always serializes")
    }
}

/// `/a/b/` and `/a/b` are the same folder.
fn folder_key(path: &str) -> &str {
    let trimmed = path.trim_end_matches(['/', '\\']);
    if trimmed.is_empty() { path } else { trimmed }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project(path: &str, at: u64) -> RecentProject {
        RecentProject {
            path: path.into(),
            name: path.rsplit('/').next().unwrap().into(),
            opened_at_ms: at,
            app: None,
        }
    }

    #[test]
    fn the_picker_opens_next_to_the_newest_project_that_still_exists() {
        let root = tempfile::tempdir().unwrap();
        let kept = root.path().join("code");
        std::fs::create_dir_all(kept.join("shop")).unwrap();
        let mut list = RecentProjects::default();
        list.touch(project(kept.join("shop").to_str().unwrap(), 1));
        list.touch(project(root.path().join("gone/app/").to_str().unwrap(), 2));
        assert_eq!(list.folder_to_browse_from(None), Some(kept));
    }

    #[test]
    fn the_picker_opens_at_home_without_a_usable_recent_project() {
        let home = tempfile::tempdir().unwrap();
        let mut list = RecentProjects::default();
        assert_eq!(
            list.folder_to_browse_from(Some(home.path())),
            Some(home.path().to_path_buf())
        );
        list.touch(project("/", 1));
        list.touch(project("/nowhere/at/all", 2));
        assert_eq!(
            list.folder_to_browse_from(Some(home.path())),
            Some(home.path().to_path_buf())
        );
        assert_eq!(
            list.folder_to_browse_from(Some(Path::new("/nowhere"))),
            None
        );
    }

    #[test]
    fn the_chosen_app_is_kept_when_the_project_is_opened_again() {
        let mut list = RecentProjects::default();
        list.touch(project("/p/mono", 1));
        assert!(list.choose_app("/p/mono/", "apps/web"));
        assert!(!list.choose_app("/p/other", "apps/web"));
        assert_eq!(list.chosen_app("/p/mono"), Some("apps/web"));
        assert_eq!(list.chosen_app("/p/other"), None);
        list.touch(project("/p/b", 2));
        list.touch(project("/p/mono", 3));
        assert_eq!(list.entries[0].app.as_deref(), Some("apps/web"));
        let reloaded = RecentProjects::from_json(&list.to_json());
        assert_eq!(reloaded.entries[0].app.as_deref(), Some("apps/web"));
        // Lists saved before apps were remembered still load.
        let old = r#"{"entries":[{"path":"/p/a","name":"a","opened_at_ms":1}]}"#;
        assert_eq!(RecentProjects::from_json(old).entries[0].app, None);
    }

    #[test]
    fn most_recent_first_without_duplicates() {
        let mut list = RecentProjects::default();
        list.touch(project("/p/a", 1));
        list.touch(project("/p/b", 2));
        list.touch(project("/p/a/", 3));
        let paths: Vec<_> = list.entries.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, ["/p/a/", "/p/b"]);
        assert_eq!(list.entries[0].opened_at_ms, 3);
    }

    #[test]
    fn keeps_at_most_ten() {
        let mut list = RecentProjects::default();
        for i in 0..15 {
            list.touch(project(&format!("/p/{i}"), i));
        }
        assert_eq!(list.entries.len(), MAX_RECENT_PROJECTS);
        assert_eq!(list.entries[0].path, "/p/14");
        assert_eq!(list.entries[9].path, "/p/5");
    }

    #[test]
    fn round_trips_and_survives_a_broken_file() {
        let mut list = RecentProjects::default();
        list.touch(project("/p/a", 1));
        assert_eq!(RecentProjects::from_json(&list.to_json()), list);
        assert!(RecentProjects::from_json("{ broken").entries.is_empty());
    }

    #[test]
    fn remove_forgets_a_folder() {
        let mut list = RecentProjects::default();
        list.touch(project("/p/a", 1));
        list.touch(project("/p/b", 2));
        list.remove("/p/a/");
        assert_eq!(list.entries.len(), 1);
        assert_eq!(list.entries[0].path, "/p/b");
    }

    #[test]
    fn holds_only_opened_projects_and_their_folders() {
        let dir = tempfile::tempdir().unwrap();
        let shop = dir.path().join("shop");
        std::fs::create_dir_all(shop.join("apps/web")).unwrap();
        let mut recent = RecentProjects::default();
        recent.touch(project(&shop.to_string_lossy(), 1));
        assert!(recent.holds(&shop));
        assert!(recent.holds(&shop.join("apps/web")));
        assert!(!recent.holds(dir.path()));
        assert!(!recent.holds(&shop.join("..")));
        assert!(!recent.holds(&shop.join("missing")));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path(), shop.join("out")).unwrap();
            assert!(!recent.holds(&shop.join("out")), "a symlink out is outside");
        }
    }
}
