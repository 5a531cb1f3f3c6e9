//! What the app keeps in memory while the window is open: the changes waiting for the user's
//! yes (pending actions), long-lived work (one slot per kind of task, the loopback return URL)
//! and the project a command line asked to open.

pub mod codes;
pub mod launch;
pub mod pending;
pub mod return_listener;
mod task_slot;

pub use pending::{PendingActions, Proposal};
pub use task_slot::{TaskGuard, TaskSlot};
