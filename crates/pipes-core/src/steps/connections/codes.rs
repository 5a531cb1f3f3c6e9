//! The codes of `connections`: see [`crate::foundation::code`].

use crate::foundation::code::codes;

codes! {
    /// Step 5, Connections: one user's connected accounts and the changes to one of them.
    pub enum ConnectionsCode {
        NeedsReauthorization = "CONNECTION_NEEDS_REAUTHORIZATION",
        Disconnected = "CONNECTION_DISCONNECTED",
        NameInvalid = "CONNECTION_NAME_INVALID",
    }
}
