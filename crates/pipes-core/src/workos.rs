//! Everything that talks to WorkOS (or fake-workos): which WorkOS and key the app uses, the
//! saved account, the pooled connection, the live checks (reachability, the key, the
//! environment), failure classification and the confirmation of changes.
//! Every call goes through the official `workos` crate or, for `/health` which the SDK does
//! not cover, through the same pooled HTTP client.

pub mod account;
mod checks;
pub mod codes;
mod connection;
pub mod crate_3_5_gaps;
mod failure;
pub mod key;
mod state_change;
pub mod target;

pub use checks::{
    check_client_id, check_health, check_key, key_environment_finding, unknown_environment_finding,
};
pub use connection::{DEFAULT_BASE_URL, WorkosConnection};
pub use failure::{LiveFailure, app_error, classify};
pub use state_change::{Confirmation, allow_state_change, needs_confirmation};
