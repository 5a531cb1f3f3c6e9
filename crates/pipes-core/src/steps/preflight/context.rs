use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use crate::foundation::sensitive::Sensitive;
use crate::local::envfiles::{API_KEY_VAR, CLIENT_ID_VAR, EnvCheck};
use crate::local::keychain::Keychain;
use crate::local::project::ProjectScan;
use crate::local::sdk::SdkReport;

/// Where the key that the live checks use came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeySource {
    /// The built-in demo WorkOS's sandbox key.
    Demo,
    /// The OS keychain, under this profile.
    Keychain(String),
    /// The process environment (WORKOS_API_KEY).
    ProcessEnv,
    /// The winning definition in the project's env files, e.g. `.env.local`.
    EnvFile(String),
}

impl KeySource {
    pub fn describe(&self) -> String {
        match self {
            KeySource::Demo => "the built-in demo WorkOS".to_string(),
            KeySource::Keychain(profile) => format!("the keychain (profile {profile})"),
            KeySource::ProcessEnv => "the WORKOS_API_KEY environment variable".to_string(),
            KeySource::EnvFile(file) => file.clone(),
        }
    }
}

#[derive(Debug, Clone)]
pub struct ResolvedKey {
    pub key: Sensitive<String>,
    pub source: KeySource,
}

/// What a pre-flight run is asked to check.
#[derive(Debug, Clone)]
pub struct PreflightInput {
    /// The folder the user picked.
    pub project_root: PathBuf,
    /// The app inside a monorepo (its path relative to the root); `None` takes the only app,
    /// or the root.
    pub app_path: Option<String>,
    /// A key given by the caller (demo, keychain, process env); without one, the env files' key.
    pub key: Option<ResolvedKey>,
    pub base_url: String,
    /// Skip every check that needs the network.
    pub offline: bool,
    /// Run the keychain self-test with this keychain.
    pub keychain: Option<Keychain>,
}

/// The input plus what earlier checks found, for the checks that depend on them.
pub struct PreflightContext {
    pub input: PreflightInput,
    pub(super) scan: OnceLock<ProjectScan>,
    pub(super) env: OnceLock<EnvCheck>,
    pub(super) sdk: OnceLock<SdkReport>,
    pub(super) key: OnceLock<ResolvedKey>,
}

impl PreflightContext {
    pub fn new(input: PreflightInput) -> Self {
        Self {
            input,
            scan: OnceLock::new(),
            env: OnceLock::new(),
            sdk: OnceLock::new(),
            key: OnceLock::new(),
        }
    }

    pub fn scan(&self) -> Option<&ProjectScan> {
        self.scan.get()
    }

    pub fn env(&self) -> Option<&EnvCheck> {
        self.env.get()
    }

    pub fn sdk(&self) -> Option<&SdkReport> {
        self.sdk.get()
    }

    /// The key the live checks used, once the API key check has run.
    pub fn resolved_key(&self) -> Option<&ResolvedKey> {
        self.key.get()
    }

    /// A monorepo whose app the user has not chosen yet: its root is no app to check.
    pub fn waiting_for_app(&self) -> bool {
        self.input.app_path.is_none() && self.scan.get().is_some_and(ProjectScan::is_monorepo)
    }

    /// The folder of the app being checked.
    pub fn app_dir(&self) -> PathBuf {
        let Some(scan) = self.scan.get() else {
            return self.input.project_root.clone();
        };
        let chosen = match &self.input.app_path {
            Some(path) => scan.app(path),
            None => scan.suggested_app(),
        };
        chosen.map_or_else(|| scan.root_path().to_path_buf(), |app| scan.app_dir(app))
    }

    /// The key the live checks use: the caller's, else the env files' winning definition.
    pub(super) fn resolve_key(&self) -> Option<ResolvedKey> {
        if let Some(key) = &self.input.key {
            return Some(key.clone());
        }
        let env = self.env.get()?;
        let mode = env.report.modes.first()?;
        let var = mode.variables.iter().find(|v| v.key == API_KEY_VAR)?;
        let value = env.report.value_in_mode(&mode.mode, API_KEY_VAR)?;
        Some(ResolvedKey {
            key: value.clone(),
            source: KeySource::EnvFile(var.from.file.clone()),
        })
    }

    pub(super) fn client_id(&self) -> Option<String> {
        let env = self.env.get()?;
        let mode = env.report.modes.first()?;
        env.report
            .value_in_mode(&mode.mode, CLIENT_ID_VAR)
            .map(|v| v.expose().clone())
    }

    pub fn project_root(&self) -> &Path {
        &self.input.project_root
    }
}
