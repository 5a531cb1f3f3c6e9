//! The codes of `verify`: see [`crate::foundation::code`].

use crate::foundation::code::codes;

codes! {
    /// Step 7, Verify: the checklist lines, the connect route and the app's build.
    pub enum VerifyCode {
        UnknownLine = "VERIFY_UNKNOWN_LINE",
        NoBuildCommand = "VERIFY_NO_BUILD_COMMAND",
        NoProject = "VERIFY_NO_PROJECT",
    }
}
