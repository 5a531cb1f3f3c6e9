//! The codes of `runtime`: see [`crate::foundation::code`].

use crate::foundation::code::codes;

codes! {
    /// Long-lived work while the window is open: pending actions, task slots, the loopback
    /// return URL.
    pub enum RuntimeCode {
        ActionUnknown = "ACTION_UNKNOWN",
        ActionExpired = "ACTION_EXPIRED",
        InstallRunning = "INSTALL_RUNNING",
        TestConnectionRunning = "TEST_CONNECTION_RUNNING",
        ProviderCallRunning = "PROVIDER_CALL_RUNNING",
        BuildRunning = "BUILD_RUNNING",
        ReturnPathInvalid = "RETURN_PATH_INVALID",
        ReturnListenerBindFailed = "RETURN_LISTENER_BIND_FAILED",
    }
}
