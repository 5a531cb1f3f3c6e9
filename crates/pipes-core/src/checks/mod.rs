//! Checks and the runner that executes them as a dependency graph.
//!
//! A [`Check`] is a named async function over a shared context. The [`runner`] starts every
//! check whose dependencies passed, in parallel, each under its own timeout, and streams
//! [`CheckEvent`]s while it goes.

pub mod finding;
mod outcome;
pub mod runner;

pub use outcome::{CheckEvent, CheckResult, CheckStatus, RunCounts, RunSummary};
pub use runner::{Check, GraphError, run_checks};
