use std::path::Path;
use std::sync::RwLock;

use fake_workos::RunningFake;
use pipes_core::wizard::ProgressStore;
use pipes_core::workos_target::WorkosTarget;

/// Everything the commands share, created once at start-up.
pub struct AppState {
    pub progress: ProgressStore,
    pub target: RwLock<WorkosTarget>,
    /// Kept alive for as long as the app runs in demo mode.
    pub _demo: Option<RunningFake>,
}

impl AppState {
    pub fn new(data_dir: &Path, target: WorkosTarget, demo: Option<RunningFake>) -> Self {
        Self {
            progress: ProgressStore::open(data_dir.join("progress.json")),
            target: RwLock::new(target),
            _demo: demo,
        }
    }

    pub fn target(&self) -> WorkosTarget {
        self.target
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }
}
