//! pipes-core: everything Pipes Setup knows and checks, with no window attached.
//!
//! The Tauri shell and `pipes-doctor` are thin layers over this crate.

pub mod account;
pub mod atomic_file;
pub mod browser;
pub mod checks;
pub mod docs;
pub mod envfiles;
pub mod error;
pub mod finding;
pub mod ipc_types;
pub mod json_store;
pub mod keychain;
pub mod live;
pub mod preflight;
pub mod project;
pub mod sdk;
pub mod sensitive;
pub mod settings;
pub mod wizard;
pub mod workos_target;

pub use error::{AppError, AppResult};
pub use finding::{Finding, Fix, Severity};
