//! Which API key the live checks use, and how to show it: only ever as a fingerprint.

use pipes_core::foundation::sensitive::{Sensitive, fingerprint};
use pipes_core::local::envfiles::API_KEY_VAR;
use pipes_core::steps::preflight::{KeySource, PreflightContext, ResolvedKey};
use serde::Serialize;

/// The key as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct KeyInfo {
    pub fingerprint: String,
    pub source: String,
}

/// WORKOS_API_KEY from the process environment, when set and not blank.
pub fn from_process_env() -> Option<ResolvedKey> {
    let value = std::env::var(API_KEY_VAR)
        .ok()
        .filter(|v| !v.trim().is_empty())?;
    Some(ResolvedKey {
        key: Sensitive::new(value),
        source: KeySource::ProcessEnv,
    })
}

/// The key the run used (the one given to the graph, else the env files' winning definition).
pub fn describe(ctx: &PreflightContext) -> Option<KeyInfo> {
    ctx.resolved_key().map(|resolved| KeyInfo {
        fingerprint: fingerprint(resolved.key.expose()),
        source: resolved.source.describe(),
    })
}
