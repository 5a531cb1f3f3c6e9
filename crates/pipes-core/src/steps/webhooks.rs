//! Step 6, Webhooks: register an endpoint for the nine Pipes events (or use the Dashboard),
//! a local receiver that verifies every delivery, polling `GET /events` when WorkOS cannot
//! reach this machine, and a signature tester that names why a signature fails.

pub mod codes;
pub mod poll;
pub mod receiver;
pub mod registration;
mod reserialize;
pub mod session;
pub mod signature;
pub mod verdict;

/// The nine Pipes events: `pipes.connected_account.*` for the compatibility connection,
/// `pipes.account_connection.*` for every connection (`add_failed` when adding another
/// failed). Subscribe to both families.
pub const PIPES_EVENTS: [&str; 9] = [
    "pipes.connected_account.connected",
    "pipes.connected_account.connection_failed",
    "pipes.connected_account.disconnected",
    "pipes.connected_account.reauthorization_needed",
    "pipes.account_connection.connected",
    "pipes.account_connection.disconnected",
    "pipes.account_connection.reauthorization_needed",
    "pipes.account_connection.connection_failed",
    "pipes.account_connection.add_failed",
];
