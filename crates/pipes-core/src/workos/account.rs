//! The user's own WorkOS account: the key kept in the keychain per project and environment,
//! and which profile the app uses (remembered in the settings, which hold no secret).

use std::path::Path;

use crate::codes::KeyCode;
use crate::foundation::error::{AppError, AppResult};
use crate::foundation::sensitive::Sensitive;
use crate::local::envfiles::{self, Framework};
use crate::local::keychain::{Keychain, ProfileId};
use crate::local::settings::{AccountProfile, SettingsStore};
use crate::workos::key::{NOT_A_KEY_MESSAGE, key_environment};
use crate::workos::target::WorkosTarget;

/// Checks the key's shape, stores it in the keychain under the project's profile for its
/// environment, and remembers that profile. Answers the target that uses it.
pub async fn save_api_key(
    keychain: &Keychain,
    settings: &SettingsStore,
    project: &Path,
    key: Sensitive<String>,
    base_url: &str,
) -> AppResult<WorkosTarget> {
    let key = Sensitive::new(key.expose().trim().to_string());
    let environment = key_environment(key.expose()).ok_or_else(|| {
        AppError::new(
            KeyCode::FormatInvalid,
            format!("That is not a WorkOS API key. {NOT_A_KEY_MESSAGE}"),
        )
    })?;
    let profile = ProfileId::for_project(project, environment);
    let stored = keychain.store_api_key(&profile, &key).await?;
    settings.update(|s| {
        s.account = Some(AccountProfile {
            project: project.to_string_lossy().into_owned(),
            profile: profile.as_str().to_string(),
            key_fingerprint: stored.fingerprint.clone(),
        })
    })?;
    Ok(WorkosTarget::profile(profile.as_str(), base_url, key))
}

/// The remembered account's target, its key read back from the keychain. `None` when no
/// account was saved; an error when the keychain cannot give the key back.
pub async fn restore(
    keychain: &Keychain,
    settings: &SettingsStore,
    base_url: &str,
) -> Option<AppResult<WorkosTarget>> {
    let account = settings.snapshot().account?;
    let profile = match ProfileId::new(account.profile.clone()) {
        Ok(profile) => profile,
        Err(error) => return Some(Err(error.into())),
    };
    let target = keychain
        .read_api_key(&profile)
        .await
        .map(|key| WorkosTarget::profile(profile.as_str(), base_url, key))
        .map_err(AppError::from);
    Some(target)
}

/// The key the project's env files define (the winning definition in the framework's first
/// mode), for "Import from .env": read here so it never passes through the window.
pub fn key_from_env_files(app_dir: &Path) -> Option<Sensitive<String>> {
    let report = envfiles::load(app_dir, Framework::detect(app_dir));
    let mode = report.modes.first()?;
    report
        .value_in_mode(&mode.mode, envfiles::API_KEY_VAR)
        .cloned()
}

/// Back to the demo: forgets which profile to use (the key stays in the keychain).
pub fn forget_account(settings: &SettingsStore) -> AppResult<()> {
    settings.update(|s| s.account = None).map(|_| ())
}
