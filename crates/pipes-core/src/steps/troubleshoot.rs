//! Step 8, Troubleshoot: a recovery guide for every failure, opened from the finding that
//! needs it, and for the guides where the app can tell the causes apart, a diagnosis that
//! runs those checks before anything is advised.

pub mod codes;
mod diagnose;
pub mod guides;
pub mod report;

pub use diagnose::{CauseCheck, CauseVerdict, Diagnosis, diagnose};
pub use guides::{Cause, Guide, guide_for};
