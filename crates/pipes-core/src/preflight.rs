//! Step 2, Pre-flight, as a graph of checks: the project folder, its env files, the SDK, the
//! keychain, the API key and client id, and the live checks against WorkOS. The app, the
//! Verify step and `pipes-doctor` all run this same graph.

mod context;
mod graph;

pub use context::{KeySource, PreflightContext, PreflightInput, ResolvedKey};
pub use graph::{checks, ids};
