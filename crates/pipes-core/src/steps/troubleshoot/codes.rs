//! The codes of `troubleshoot`: see [`crate::foundation::code`].

use crate::foundation::code::codes;

codes! {
    /// Step 8, Troubleshoot: the guides and their diagnoses.
    pub enum TroubleshootCode {
        UnknownGuide = "UNKNOWN_GUIDE",
        NotDiagnosable = "GUIDE_NOT_DIAGNOSABLE",
        ReportHoldsSecret = "REPORT_HOLDS_SECRET",
    }
}
