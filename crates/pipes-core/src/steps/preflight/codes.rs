//! The codes of `preflight`: see [`crate::foundation::code`].

use crate::foundation::code::codes;

codes! {
    /// Step 1, Pre-flight, beyond its checks' own areas: the check graph and the key import.
    pub enum PreflightCode {
        CheckGraphInvalid = "CHECK_GRAPH_INVALID",
        ImportFailed = "IMPORT_FAILED",
        DemoKeyNotWritten = "DEMO_KEY_NOT_WRITTEN",
    }
}
