//! The codes of `keychain`: see [`crate::foundation::code`].

use ts_rs::TS;

use crate::foundation::code::codes;

codes! {
    /// A keychain failure, the type of [`KeychainError::code`](super::KeychainError).
    #[derive(TS)]
    pub enum KeychainErrorCode {
        /// No credential store: no D-Bus session, no Secret Service provider.
        Unavailable = "KEYCHAIN_UNAVAILABLE",
        Locked = "KEYCHAIN_LOCKED",
        Timeout = "KEYCHAIN_TIMEOUT",
        NotFound = "KEYCHAIN_NOT_FOUND",
        BadData = "KEYCHAIN_BAD_DATA",
        InvalidProfile = "KEYCHAIN_INVALID_PROFILE",
        EmptySecret = "KEYCHAIN_EMPTY_SECRET",
        /// The canary read back something other than what was written.
        CanaryMismatch = "KEYCHAIN_CANARY_MISMATCH",
        Failed = "KEYCHAIN_FAILED",
    }

    /// The keychain check that passed; its failures are [`KeychainErrorCode`].
    pub enum KeychainCode {
        Ok = "KEYCHAIN_OK",
    }
}
