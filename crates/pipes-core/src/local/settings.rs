//! The app's settings file: which account profile to use and the recent projects.
//! Never holds a secret: only where to find one.

use crate::foundation::clock::now_ms;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::foundation::error::AppResult;
use crate::foundation::json_store::JsonStore;
use crate::local::project::{ProjectScan, RecentProject, RecentProjects};

/// The app's settings file. Never holds a secret: only where to find one.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct AppSettings {
    pub account: Option<AccountProfile>,
    pub recent: RecentProjects,
    /// Presenter mode: larger type, fingerprints without their last four, the demo scenarios.
    pub presenter: bool,
}

/// Which keychain entry the app uses.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AccountProfile {
    pub project: String,
    pub profile: String,
    pub key_fingerprint: String,
}

pub type SettingsStore = JsonStore<AppSettings>;

/// Puts the scanned project first in the recent list.
pub fn remember_project(settings: &SettingsStore, scan: &ProjectScan) -> AppResult<RecentProjects> {
    let name = std::path::Path::new(&scan.root)
        .file_name()
        .map_or_else(|| scan.root.clone(), |n| n.to_string_lossy().into_owned());
    let opened_at_ms = now_ms();
    let project = RecentProject {
        path: scan.root.clone(),
        name,
        opened_at_ms,
        app: None,
    };
    Ok(settings.update(|s| s.recent.touch(project))?.recent)
}

/// Takes a folder off the recent list (it may be gone, or the user is done with it).
pub fn forget_project(settings: &SettingsStore, path: &str) -> AppResult<RecentProjects> {
    Ok(settings.update(|s| s.recent.remove(path))?.recent)
}

/// Remembers the monorepo app the checks ran on, so reopening the project selects it again.
pub fn remember_app(settings: &SettingsStore, project: &str, app: &str) -> AppResult<()> {
    // Every check run calls this: write the file only when the choice changed.
    if settings.snapshot().recent.chosen_app(project) == Some(app) {
        return Ok(());
    }
    settings.update(|s| {
        s.recent.choose_app(project, app);
    })?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundation::sensitive::fingerprint;

    #[test]
    fn settings_never_hold_the_key() {
        let key = "sk_test_abcdefghijklmnop1234";
        let settings = AppSettings {
            account: Some(AccountProfile {
                project: "/p".into(),
                profile: "0123/sandbox".into(),
                key_fingerprint: fingerprint(key),
            }),
            ..Default::default()
        };
        assert!(!serde_json::to_string(&settings).unwrap().contains(key));
    }

    #[test]
    fn the_app_choice_is_written_only_when_it_changes() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("settings.json");
        let store = SettingsStore::open(file.clone());
        store
            .update(|s| {
                s.recent.touch(crate::local::project::RecentProject {
                    path: "/p/mono".into(),
                    name: "mono".into(),
                    opened_at_ms: 1,
                    app: None,
                })
            })
            .unwrap();
        remember_app(&store, "/p/mono", "apps/web").unwrap();
        std::fs::remove_file(&file).unwrap();
        remember_app(&store, "/p/mono", "apps/web").unwrap();
        assert!(!file.exists(), "the same choice again writes nothing");
        remember_app(&store, "/p/mono", "apps/admin").unwrap();
        let saved = std::fs::read_to_string(&file).unwrap();
        assert!(saved.contains("apps/admin"), "{saved}");
    }
}
