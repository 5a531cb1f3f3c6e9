//! One module per step of the wizard, and the wizard's progress through them.

pub mod connections;
pub mod dashboard;
pub mod docs;
pub mod preflight;
pub mod presenter;
pub mod sdk_integration;
pub mod troubleshoot;
pub mod verify;
pub mod webhooks;
pub mod wizard;
