//! Which API key the live checks use, and how to show it: only ever as a fingerprint.

use pipes_core::envfiles::API_KEY_VAR;
use pipes_core::preflight::{KeySource, PreflightContext, ResolvedKey};
use pipes_core::sensitive::{Sensitive, fingerprint};
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

/// The key the run used: the one given to the graph, else the env files' winning definition.
pub fn describe(ctx: &PreflightContext) -> Option<KeyInfo> {
    if let Some(given) = &ctx.input.key {
        return Some(KeyInfo {
            fingerprint: fingerprint(given.key.expose()),
            source: given.source.describe(),
        });
    }
    // Mirrors PreflightContext::resolve_key (private to pipes-core): the first mode's winner.
    let env = ctx.env()?;
    let mode = env.report.modes.first()?;
    let var = mode.variables.iter().find(|v| v.key == API_KEY_VAR)?;
    Some(KeyInfo {
        fingerprint: var.fingerprint.clone(),
        source: var.from.file.clone(),
    })
}
