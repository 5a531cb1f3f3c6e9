//! The plumbing every layer stands on: errors as they cross IPC, secrets that cannot leak,
//! atomic files, small JSON stores and opening the browser.

pub mod app_log;
pub mod atomic_file;
pub mod browser;
pub mod clock;
pub mod code;
pub mod error;
pub mod json_store;
pub mod percent;
pub mod random;
pub mod redact;
pub mod regular_file;
pub mod sensitive;
