//! The codes of `project`: see [`crate::foundation::code`].

use crate::foundation::code::codes;

codes! {
    /// The project folder, its scan, and the app chosen in it.
    pub enum ProjectCode {
        Ok = "PROJECT_OK",
        NotAFolder = "PROJECT_NOT_A_FOLDER",
        NotOpened = "PROJECT_NOT_OPENED",
        NoManifest = "PROJECT_NO_MANIFEST",
        FilePicked = "PROJECT_FILE_PICKED",
        AppNotFound = "PROJECT_APP_NOT_FOUND",
        MonorepoPickApp = "PROJECT_MONOREPO_PICK_APP",
        ScanTruncated = "PROJECT_SCAN_TRUNCATED",
        LinkOutsideSkipped = "PROJECT_LINK_OUTSIDE_SKIPPED",
        SymlinkLoop = "PROJECT_SYMLINK_LOOP",
        UnreadableDir = "PROJECT_UNREADABLE_DIR",
        ScanFailed = "SCAN_FAILED",
    }
}
