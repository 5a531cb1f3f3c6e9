//! Keychain errors: stable codes, a message, and what the user can do about it.

use std::time::Duration;

use serde::Serialize;
use ts_rs::TS;

use super::store::StoreError;
use crate::checks::finding::{Finding, Severity};
use crate::foundation::error::AppError;

pub use super::codes::KeychainErrorCode;

impl KeychainErrorCode {
    fn title(self) -> &'static str {
        match self {
            Self::Unavailable => "No keychain available",
            Self::Locked => "The keychain is locked",
            Self::Timeout => "The keychain did not answer",
            Self::NotFound => "Nothing stored for this profile",
            Self::BadData => "The stored value is unreadable",
            Self::InvalidProfile => "Invalid profile name",
            Self::EmptySecret => "Empty secret",
            Self::CanaryMismatch => "The keychain returned a different value",
            Self::Failed => "The keychain failed",
        }
    }

    fn remediation(self) -> &'static str {
        match self {
            Self::Unavailable => platform::UNAVAILABLE,
            Self::Locked => platform::LOCKED,
            Self::Timeout => platform::TIMEOUT,
            Self::NotFound => "Save the key again on the Pre-flight step.",
            Self::BadData => {
                "Something other than Pipes Setup wrote this entry. Save the key again to replace it."
            }
            Self::InvalidProfile => "Use letters, digits, '.', '_', '-' or '/' in profile names.",
            Self::EmptySecret => "Paste the full key or secret.",
            Self::CanaryMismatch | Self::Failed => platform::FAILED,
        }
    }
}

/// A keychain failure as the wizard shows it. Never carries the secret.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, thiserror::Error)]
#[error("{}: {message}", code.as_str())]
pub struct KeychainError {
    pub code: KeychainErrorCode,
    pub message: String,
    pub remediation: String,
}

impl KeychainError {
    pub fn new(code: KeychainErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            remediation: code.remediation().to_string(),
        }
    }

    pub(super) fn timed_out(limit: Duration) -> Self {
        Self::new(
            KeychainErrorCode::Timeout,
            format!(
                "The keychain did not answer within {} s.",
                limit.as_secs_f32()
            ),
        )
    }

    pub fn to_finding(&self) -> Finding {
        let severity = match self.code {
            KeychainErrorCode::NotFound => Severity::Info,
            _ => Severity::Error,
        };
        Finding::new(self.code, severity, self.code.title(), self.message.clone())
            .with_remediation(self.remediation.clone())
            .with_fix(crate::checks::finding::Fix::OpenGuide {
                guide: "keychain".to_string(),
            })
    }
}

impl From<StoreError> for KeychainError {
    fn from(err: StoreError) -> Self {
        let code = match &err {
            StoreError::Unavailable(_) => KeychainErrorCode::Unavailable,
            StoreError::Locked(_) => KeychainErrorCode::Locked,
            StoreError::NotFound => KeychainErrorCode::NotFound,
            StoreError::BadData => KeychainErrorCode::BadData,
            StoreError::Failed(_) => KeychainErrorCode::Failed,
        };
        Self::new(code, capitalize(&err.to_string()))
    }
}

/// Over IPC the remediation rides in the message: `{code, message}` is the contract.
impl From<KeychainError> for AppError {
    fn from(err: KeychainError) -> Self {
        AppError::new(err.code, format!("{} {}", err.message, err.remediation))
    }
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(target_os = "macos")]
mod platform {
    pub const UNAVAILABLE: &str = "macOS Keychain Services did not respond. Open Keychain Access to check that your login keychain exists, then try again.";
    pub const LOCKED: &str = "Unlock your login keychain (Keychain Access → File → Unlock Keychain \"login\"), then try again.";
    pub const TIMEOUT: &str = "A keychain prompt may be waiting behind another window: answer it, or open Keychain Access and unlock the login keychain, then try again.";
    pub const FAILED: &str = "Open Keychain Access and run Keychain First Aid, then try again.";
}

#[cfg(target_os = "windows")]
mod platform {
    pub const UNAVAILABLE: &str = "Windows Credential Manager is not available. Check that the \"Credential Manager\" service is running (services.msc), then try again.";
    pub const LOCKED: &str = "Windows refused access to Credential Manager. Sign in to your Windows account normally (not a guest or restricted session), then try again.";
    pub const TIMEOUT: &str = "Credential Manager did not answer. Restart the \"Credential Manager\" service or sign out and in again, then try again.";
    pub const FAILED: &str = "Open Credential Manager (Control Panel → Credential Manager) and check the Windows Credentials list, then try again.";
}

#[cfg(not(any(target_os = "macos", target_os = "windows")))]
mod platform {
    pub const UNAVAILABLE: &str = "Pipes Setup keeps keys in the Secret Service, and none is running. Install and start one: GNOME Keyring (`sudo apt install gnome-keyring`, then log out and in) or KeePassXC with Settings → Secret Service Integration enabled. Without a desktop session, start one with `dbus-run-session` and `gnome-keyring-daemon --unlock`.";
    pub const LOCKED: &str = "Unlock your login keyring (Seahorse / \"Passwords and Keys\": right-click \"Login\" → Unlock, or unlock the database in KeePassXC), or create one if you have none, then try again. The unlock prompt needs a desktop session: without one, unlock it with `gnome-keyring-daemon --unlock`.";
    pub const TIMEOUT: &str = "The Secret Service did not answer within 3 seconds. An unlock prompt may be waiting: answer it. Otherwise restart gnome-keyring-daemon (or KeePassXC) and try again.";
    pub const FAILED: &str =
        "Restart your Secret Service provider (gnome-keyring-daemon or KeePassXC) and try again.";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_errors_map_to_stable_codes() {
        let cases = [
            (
                StoreError::Unavailable("no bus".into()),
                "KEYCHAIN_UNAVAILABLE",
            ),
            (StoreError::Locked("locked".into()), "KEYCHAIN_LOCKED"),
            (StoreError::NotFound, "KEYCHAIN_NOT_FOUND"),
            (StoreError::BadData, "KEYCHAIN_BAD_DATA"),
            (StoreError::Failed("x".into()), "KEYCHAIN_FAILED"),
        ];
        for (store_error, code) in cases {
            let err = KeychainError::from(store_error);
            assert_eq!(err.code.as_str(), code);
            assert_eq!(serde_json::to_value(err.code).unwrap(), code);
            assert!(!err.remediation.is_empty());
        }
    }

    #[test]
    fn app_error_carries_code_and_remediation() {
        let app: AppError = KeychainError::new(KeychainErrorCode::Locked, "Locked.").into();
        assert_eq!(app.code, "KEYCHAIN_LOCKED");
        assert!(app.message.starts_with("Locked. "));
    }
}
