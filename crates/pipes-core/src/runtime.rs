//! Long-lived work the app keeps track of while the window is open.

mod install_slot;

pub use install_slot::InstallSlot;
