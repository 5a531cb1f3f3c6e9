//! Step 3, Dashboard configuration: providers, credentials, and both redirect legs.

pub mod redirect_uri;
