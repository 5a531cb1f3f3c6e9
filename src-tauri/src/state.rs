use std::path::Path;
use std::sync::{Arc, RwLock};

use tokio::sync::watch;

use fake_workos::RunningFake;
use pipes_core::local::keychain::Keychain;
use pipes_core::local::settings::SettingsStore;
use pipes_core::local::window_placement::PlacementStore;
use pipes_core::local::worked_with::WorkedWithStore;
use pipes_core::runtime::launch::LaunchRequest;
use pipes_core::runtime::{PendingActions, TaskSlot};
use pipes_core::steps::sdk_integration::test_connection::StopNote;
use pipes_core::steps::wizard::{ProgressStore, WizardProgress};
use pipes_core::workos::WorkosConnection;

use crate::last_results::LastResults;
use crate::webhooks_state::WebhooksState;
use pipes_core::workos::target::{TargetInfo, WorkosTarget};

/// Everything the commands share, created once at start-up.
pub struct AppState {
    pub progress: Arc<ProgressStore>,
    pub settings: Arc<SettingsStore>,
    pub keychain: Keychain,
    /// WORKOS_BASE_URL, or WorkOS's own API.
    pub base_url: String,
    pub installs: TaskSlot,
    /// The one test connection waiting for the browser (step 4), and why it was stopped.
    pub test_connections: TaskSlot,
    pub test_connection_stop: StopNote,
    /// The request console's one call to a provider (step 5).
    pub provider_calls: TaskSlot,
    /// Verify's one run of the app's build.
    pub builds: TaskSlot,
    /// Changes previewed for the user and waiting for their yes (the webview holds only ids).
    pub pending: PendingActions,
    /// The project a command line asked to open, until the window takes it.
    pub launch: LaunchRequest,
    pub window_placement: Arc<PlacementStore>,
    pub webhooks: WebhooksState,
    /// The test users and connection ids worked with in step 5.
    pub worked_with: Arc<WorkedWithStore>,
    /// The latest pre-flight run, test connection and Verify checklist, for the report.
    pub last: LastResults,
    /// The built-in WorkOS, kept alive for as long as the app runs.
    _demo: RunningFake,
    demo_target: WorkosTarget,
    target: RwLock<WorkosTarget>,
    /// Said once in the banner: why the app is not on the account the user left it on.
    notice: RwLock<Option<String>>,
    /// Becomes true once the saved account was restored (or found absent) at start-up. The
    /// window opens without waiting for it; only the answer about the target waits.
    restored: watch::Sender<bool>,
}

impl AppState {
    pub fn new(data_dir: &Path, demo: RunningFake, demo_target: WorkosTarget) -> Self {
        Self {
            progress: Arc::new(ProgressStore::open(data_dir.join("progress.json"))),
            settings: Arc::new(SettingsStore::open(data_dir.join("settings.json"))),
            keychain: Keychain::system(),
            base_url: WorkosConnection::base_url_from_env(),
            installs: TaskSlot::for_installs(),
            test_connections: TaskSlot::for_test_connections(),
            test_connection_stop: StopNote::default(),
            provider_calls: TaskSlot::for_provider_calls(),
            builds: TaskSlot::for_builds(),
            pending: PendingActions::default(),
            launch: LaunchRequest::default(),
            window_placement: Arc::new(PlacementStore::open(data_dir.join("window.json"))),
            webhooks: WebhooksState::default(),
            worked_with: Arc::new(WorkedWithStore::open(data_dir.join("worked-with.json"))),
            last: LastResults::default(),
            _demo: demo,
            target: RwLock::new(demo_target.clone()),
            demo_target,
            notice: RwLock::new(None),
            restored: watch::Sender::new(false),
        }
    }

    /// The saved progress as seen on the WorkOS the app is on now.
    pub fn progress_here(&self, progress: WizardProgress) -> WizardProgress {
        progress.as_seen_on(&self.target().identity())
    }

    pub fn mark_restored(&self) {
        self.restored.send_replace(true);
    }

    /// Waits until start-up has restored the saved account, if it has not yet.
    pub async fn restored(&self) {
        let mut restored = self.restored.subscribe();
        let _ = restored.wait_for(|done| *done).await;
    }

    pub fn target(&self) -> WorkosTarget {
        self.target
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    pub fn target_info(&self) -> TargetInfo {
        let mut info = self.target().info();
        info.notice = self
            .notice
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone();
        info
    }

    pub fn use_target(&self, target: WorkosTarget) -> TargetInfo {
        let info = target.info();
        log::info!(
            "now on {} at {} with key {} ({})",
            if info.demo {
                "the built-in demo WorkOS"
            } else {
                "a WorkOS account"
            },
            info.base_url,
            info.key_fingerprint,
            info.environment
                .map_or("unknown environment", |e| e.as_str()),
        );
        *self.target.write().unwrap_or_else(|e| e.into_inner()) = target;
        *self.notice.write().unwrap_or_else(|e| e.into_inner()) = None;
        self.target_info()
    }

    pub fn use_demo(&self) -> TargetInfo {
        self.use_target(self.demo_target.clone())
    }

    /// Whether `folder` belongs to a project the user opened in Pre-flight.
    pub fn is_opened_project(&self, folder: &Path) -> bool {
        self.settings.snapshot().recent.holds(folder)
    }

    pub fn set_notice(&self, notice: String) {
        *self.notice.write().unwrap_or_else(|e| e.into_inner()) = Some(notice);
    }
}
