//! The latest result of each long check, kept for the report (step 8): the pre-flight run, the
//! test connection and the Verify checklist.

use std::sync::Mutex;

use pipes_core::checks::RunSummary;
use pipes_core::steps::sdk_integration::test_connection::TestConnectionReport;
use pipes_core::steps::verify::VerifyLine;

#[derive(Default)]
pub struct LastResults {
    pub preflight: Mutex<Option<RunSummary>>,
    pub test_connection: Mutex<Option<TestConnectionReport>>,
    pub verify: Mutex<Vec<VerifyLine>>,
}

/// Keeps `value` in `slot`; a poisoned lock (a panic elsewhere) still holds valid data.
pub fn keep<T>(slot: &Mutex<T>, value: T) {
    *slot.lock().unwrap_or_else(|e| e.into_inner()) = value;
}

pub fn read<T: Clone>(slot: &Mutex<T>) -> T {
    slot.lock().unwrap_or_else(|e| e.into_inner()).clone()
}
