//! The codes of `docs`: see [`crate::foundation::code`].

use crate::foundation::code::codes;

codes! {
    /// The docs step.
    pub enum DocsCode {
        UnknownDoc = "UNKNOWN_DOC",
    }
}
