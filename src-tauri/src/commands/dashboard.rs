//! Step 3, Dashboard configuration: the environment's integrations, the provider catalog, and
//! redirect URI comparison.

use pipes_core::codes::{DashboardCode, ProjectCode};
use pipes_core::foundation::browser::{OpenOutcome, open_in_browser};
use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::runtime::Proposal;
use pipes_core::steps::dashboard::credentials::{
    CredentialsChange, CredentialsChangeView, CredentialsInput,
};
use pipes_core::steps::dashboard::redirect_uri::{self, RedirectComparison};
use std::path::PathBuf;

use pipes_core::local::envfiles::{self, Framework};
use pipes_core::steps::dashboard::checklist::{self, ChecklistItem};
use pipes_core::steps::dashboard::return_url::{self, ReturnUrlCandidate};
use pipes_core::steps::dashboard::scopes::{self, ScopeComparison};
use pipes_core::steps::dashboard::{catalog, overview};
use pipes_core::{AppError, AppResult};
use tauri::State;

use crate::blocking::blocking;
use crate::state::AppState;

/// The integrations of the WorkOS the app is on; `test_user` adds the shared ones they see.
#[tauri::command]
pub async fn dashboard_overview(
    state: State<'_, AppState>,
    test_user: Option<String>,
) -> AppResult<overview::DashboardOverview> {
    let target = state.target();
    let environment = target.info().environment;
    Ok(overview::load(&target.connection(), environment, test_user.as_deref()).await)
}

/// The expected URI against the actual one, under the provider's rule (or WorkOS's return-URL
/// rule). Pure computation on two strings: nothing is stored or sent.
#[tauri::command]
pub fn compare_redirect(
    expected: String,
    actual: String,
    provider: Option<String>,
    return_url: bool,
) -> RedirectComparison {
    let rule = redirect_uri::rule_for(provider.as_deref(), return_url);
    redirect_uri::compare_redirect(&expected, &actual, rule)
}

/// The app's return URL against the redirect URIs registered with WorkOS (as the user pasted
/// them): the one that accepts it, else the closest; `None` when none was given.
#[tauri::command]
pub fn compare_return_url(
    return_url: String,
    registered: Vec<String>,
) -> Option<RedirectComparison> {
    let registered: Vec<String> = registered
        .into_iter()
        .filter(|uri| !uri.trim().is_empty())
        .take(100)
        .collect();
    redirect_uri::best_registered_match(&return_url, &registered)
}

/// Prepares setting the user's own OAuth app on an integration: the secret comes in once and
/// stays in Rust; the page gets the id and a view without it.
#[tauri::command]
pub fn preview_credentials_change(
    state: State<'_, AppState>,
    slug: String,
    client_id: String,
    client_secret: String,
    scopes: Option<Vec<String>>,
) -> AppResult<Proposal<CredentialsChangeView>> {
    let input = CredentialsInput {
        slug,
        client_id,
        client_secret: Sensitive::new(client_secret),
        scopes,
    };
    let (change, view) = CredentialsChange::prepare(input, &state.target())?;
    state.pending.propose(change, view)
}

/// Sends the previewed change, once; calling it with the id is the user's yes.
#[tauri::command]
pub async fn apply_credentials_change(state: State<'_, AppState>, id: String) -> AppResult<()> {
    let change = state.pending.take::<CredentialsChange>(&id)?;
    change.apply(&state.target()).await
}

/// The integration's requested scopes against those pasted from the provider's app (and those
/// a connection lacks), each missing one named with its meaning.
#[tauri::command]
pub fn compare_scopes(
    slug: String,
    requested: Vec<String>,
    configured_text: Option<String>,
    missing_after_connect: Option<Vec<String>>,
) -> ScopeComparison {
    let configured = configured_text.as_deref().map(scopes::parse_scopes);
    scopes::compare_scopes(
        &slug,
        &requested,
        configured.as_deref(),
        missing_after_connect.as_deref(),
    )
}

/// The return URLs the opened project's env files name, for the app leg.
#[tauri::command]
pub async fn project_return_urls(
    state: State<'_, AppState>,
    app_dir: PathBuf,
) -> AppResult<Vec<ReturnUrlCandidate>> {
    if !state.is_opened_project(&app_dir) {
        return Err(AppError::new(
            ProjectCode::NotOpened,
            "Open the project in Pre-flight first.",
        ));
    }
    blocking(move || {
        Ok(return_url::candidates(&envfiles::load(
            &app_dir,
            Framework::detect(&app_dir),
        )))
    })
    .await
}

/// The Dashboard path for one provider, with the done marks of the WorkOS the app is on.
#[tauri::command]
pub fn dashboard_checklist(
    state: State<'_, AppState>,
    provider: String,
) -> AppResult<Vec<ChecklistItem>> {
    checklist::shown(&state.progress, &provider, &state.target().identity())
}

/// Marks one item of the checklist done or not.
#[tauri::command]
pub async fn mark_checklist_item(
    state: State<'_, AppState>,
    provider: String,
    item: String,
    done: bool,
) -> AppResult<Vec<ChecklistItem>> {
    let (progress, workos) = (state.progress.clone(), state.target().identity());
    blocking(move || checklist::mark(&progress, &provider, &item, done, &workos)).await
}

/// Opens a provider's developer console by catalog id: never a URL the page chose.
#[tauri::command]
pub async fn open_provider_console(id: String) -> AppResult<OpenOutcome> {
    let url = catalog::console_url(&id).ok_or_else(|| {
        AppError::new(
            DashboardCode::UnknownProvider,
            format!("No provider console for {id}"),
        )
    })?;
    Ok(open_in_browser(url).await)
}
