use std::path::Path;

use pipes_core::wizard::ProgressStore;

/// Everything the commands share, created once at start-up.
pub struct AppState {
    pub progress: ProgressStore,
}

impl AppState {
    pub fn load(data_dir: &Path) -> Self {
        Self {
            progress: ProgressStore::open(data_dir.join("progress.json")),
        }
    }
}
