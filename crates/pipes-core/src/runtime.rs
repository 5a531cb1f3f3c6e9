//! What the app keeps in memory while the window is open: the changes waiting for the user's
//! yes (pending actions) and long-lived work (one slot per kind of task, the loopback return URL).

pub mod codes;
pub mod pending;
pub mod return_listener;
mod task_slot;

pub use pending::{PendingActions, Proposal};
pub use task_slot::{TaskGuard, TaskSlot};
