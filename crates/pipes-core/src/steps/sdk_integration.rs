//! Step 4, SDK integration: the test connection through today's secure flow.

pub mod codes;
pub mod snippets;
pub mod test_connection;
pub mod test_users;
