//! Step 2, Pre-flight, as a graph of checks: the project folder, its env files, the SDK, the
//! keychain, the API key and client id, and the live checks against WorkOS. The app, the
//! Verify step and `pipes-doctor` all run this same graph.

pub mod codes;
mod context;
mod graph;

use std::sync::Arc;

pub use context::{KeySource, PreflightContext, PreflightInput, ResolvedKey};
pub use graph::{checks, ids};

use crate::checks::{CheckEvent, RunSummary, run_checks};
use crate::codes::PreflightCode;
use crate::foundation::error::{AppError, AppResult};
use crate::workos::target::{TargetKind, WorkosTarget};

/// Runs the whole pre-flight graph, streaming progress to `on_event`.
pub async fn run(
    input: PreflightInput,
    on_event: impl Fn(CheckEvent) + Send + Sync,
) -> AppResult<RunSummary> {
    let ctx = PreflightContext::new(input);
    let checks = checks(&ctx);
    run_checks(checks, Arc::new(ctx), on_event)
        .await
        .map_err(|e| AppError::new(PreflightCode::CheckGraphInvalid, e.to_string()))
}

impl WorkosTarget {
    /// The target's key as the live checks take it, with where it came from.
    pub fn resolved_key(&self) -> ResolvedKey {
        let source = match &self.kind {
            TargetKind::Demo => KeySource::Demo,
            TargetKind::Profile(profile) => KeySource::Keychain(profile.clone()),
        };
        ResolvedKey {
            key: self.key().clone(),
            source,
        }
    }
}
