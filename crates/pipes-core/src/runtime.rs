//! What the app keeps in memory while the window is open: the changes waiting for the user's
//! yes (pending actions) and long-lived work (the SDK install slot, the loopback return URL).

mod install_slot;
pub mod pending;
pub mod return_listener;

pub use install_slot::InstallSlot;
pub use pending::{PendingActions, Proposal};
