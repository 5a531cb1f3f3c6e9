//! Opening pages in the user's default browser.

use std::time::Duration;

use serde::Serialize;
use ts_rs::TS;

/// What happened when we asked the system to open a URL. When `opened` is false the UI
/// shows the URL with a copy button: a browser that cannot be opened is never a silent failure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OpenOutcome {
    pub url: String,
    pub opened: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[ts(optional)]
    pub problem: Option<String>,
}

/// Launchers like xdg-open may wait for the browser they start; past this we take the
/// launch as done rather than keep the user waiting.
const LAUNCH_WAIT: Duration = Duration::from_secs(5);

/// Opens `url` with the system's default browser (xdg-open, gio… on Linux).
pub async fn open_in_browser(url: &str) -> OpenOutcome {
    let target = url.to_string();
    let launch = tokio::task::spawn_blocking(move || open::that(&target));
    let problem = match tokio::time::timeout(LAUNCH_WAIT, launch).await {
        Ok(Ok(Ok(()))) | Err(_) => None,
        Ok(Ok(Err(error))) => Some(format!("No browser could be opened ({error}).")),
        Ok(Err(_)) => Some("The browser launcher crashed.".to_string()),
    };
    OpenOutcome {
        url: url.to_string(),
        opened: problem.is_none(),
        problem,
    }
}
