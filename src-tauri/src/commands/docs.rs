use pipes_core::codes::DocsCode;
use pipes_core::foundation::browser::{OpenOutcome, open_in_browser};
use pipes_core::steps::docs::{self, DocsCatalog};
use pipes_core::{AppError, AppResult};
use tauri::State;

use crate::state::AppState;

#[tauri::command]
pub fn docs_catalog() -> DocsCatalog {
    docs::catalog()
}

/// Opens an official page by id: the webview cannot make the app open an arbitrary URL.
#[tauri::command]
pub async fn open_doc(state: State<'_, AppState>, id: String) -> AppResult<OpenOutcome> {
    let link = docs::link(&id)
        .ok_or_else(|| AppError::new(DocsCode::UnknownDoc, format!("No doc page with id {id}")))?;
    let outcome = open_in_browser(link.url).await;
    if outcome.opened {
        state.progress.mark_docs_read()?;
    }
    Ok(outcome)
}
