//! pipes-core: everything Pipes Setup knows and checks, with no window attached.
//!
//! The Tauri shell and `pipes-doctor` are thin layers over this crate. The layers, bottom up:
//! `foundation` (plumbing), `checks` (findings and the check graph), `workos` (everything that
//! talks to WorkOS), `local` (the user's machine), `runtime` (long-lived tasks) and `steps`
//! (one module per step of the wizard).

pub mod checks;
pub mod codes;
pub mod foundation;
pub mod ipc_types;
pub mod local;
pub mod runtime;
pub mod steps;
pub mod workos;

pub use checks::finding::{Finding, Fix, Severity};
pub use foundation::error::{AppError, AppResult};
