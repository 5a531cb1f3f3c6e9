//! One small function per command: take the arguments, call pipes-core, answer.
//! Errors cross IPC as `{code, message}` (pipes_core::AppError).

pub mod connections;
pub mod dashboard;
pub mod docs;
pub mod preflight;
pub mod presenter;
pub mod sdk_integration;
pub mod shell;
pub mod troubleshoot;
pub mod verify;
pub mod webhooks;
pub mod wizard;
