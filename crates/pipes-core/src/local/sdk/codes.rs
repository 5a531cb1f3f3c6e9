//! The codes of `sdk`: see [`crate::foundation::code`].

use crate::foundation::code::codes;

codes! {
    /// The WorkOS SDK in the app: found, declared, installed, new enough.
    pub enum SdkCode {
        Ok = "SDK_OK",
        NotFound = "SDK_NOT_FOUND",
        NotDeclared = "SDK_NOT_DECLARED",
        NotInstalled = "SDK_NOT_INSTALLED",
        NoManifest = "SDK_NO_MANIFEST",
        ManifestUnreadable = "SDK_MANIFEST_UNREADABLE",
        LockfileUnreadable = "SDK_LOCKFILE_UNREADABLE",
        VersionUnknown = "SDK_VERSION_UNKNOWN",
        TooOldForPipes = "SDK_TOO_OLD_FOR_PIPES",
        ElixirNoPipes = "SDK_ELIXIR_NO_PIPES",
        WidgetsFound = "SDK_WIDGETS_FOUND",
        UnknownEcosystem = "UNKNOWN_ECOSYSTEM",
    }

    /// Installing the SDK with the app's package manager (and its `.venv`).
    pub enum SdkInstallCode {
        Ok = "SDK_INSTALL_OK",
        Unsupported = "SDK_INSTALL_UNSUPPORTED",
        ProgramMissing = "SDK_INSTALL_PROGRAM_MISSING",
        Cancelled = "SDK_INSTALL_CANCELLED",
        TimedOut = "SDK_INSTALL_TIMED_OUT",
        Failed = "SDK_INSTALL_FAILED",
        SystemPython = "SDK_INSTALL_SYSTEM_PYTHON",
        Offline = "SDK_INSTALL_OFFLINE",
        PermissionDenied = "SDK_INSTALL_PERMISSION_DENIED",
        DependencyConflict = "SDK_INSTALL_DEPENDENCY_CONFLICT",
        VenvFailed = "SDK_VENV_FAILED",
    }
}
