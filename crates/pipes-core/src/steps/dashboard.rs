//! Step 3, Dashboard configuration: providers, credentials, and both redirect legs.

pub mod catalog;
pub mod checklist;
pub mod codes;
pub mod credentials;
pub mod overview;
pub mod redirect_uri;
pub mod return_url;
pub mod scopes;
