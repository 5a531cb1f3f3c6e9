//! The codes of `presenter`: see [`crate::foundation::code`].

use crate::foundation::code::codes;

codes! {
    /// Presenter mode: the demo's scenarios and its reset.
    pub enum PresenterCode {
        DemoOnly = "PRESENTER_DEMO_ONLY",
        DemoUnreachable = "PRESENTER_DEMO_UNREACHABLE",
        NeedsEndpoint = "PRESENTER_NEEDS_ENDPOINT",
    }
}
