//! The Dashboard path, for when the management API is off: what to do by hand, step by step,
//! with the user's "done" marks remembered per WorkOS.

use std::collections::BTreeSet;

use serde::Serialize;
use ts_rs::TS;

use super::catalog;
use crate::codes::DashboardCode;
use crate::foundation::error::{AppError, AppResult};
use crate::steps::wizard::ProgressStore;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ChecklistItem {
    pub id: String,
    pub text: String,
    pub done: bool,
}

/// The steps for one provider (a catalog id such as `github`) and the return URLs.
pub fn items(provider: &str, done: &BTreeSet<String>) -> AppResult<Vec<ChecklistItem>> {
    let entry = catalog::all()
        .into_iter()
        .find(|e| e.id == provider)
        .ok_or_else(|| {
            AppError::new(
                DashboardCode::UnknownProvider,
                format!("No provider {provider:?} in the catalog."),
            )
        })?;
    let name = &entry.name;
    let steps = [
        ("add", format!("Dashboard → Pipes → Add provider → {name}.")),
        (
            "app",
            format!(
                "Create the OAuth app at {name} ({}); the card above says which fields.",
                entry.console_url
            ),
        ),
        (
            "credentials",
            "Choose Custom credentials and paste the OAuth app's client id and secret.".to_string(),
        ),
        (
            "redirect",
            format!(
                "Copy the redirect URI the Dashboard shows for {name} into the OAuth app (its own; not https://api.workos.com/sso/oauth/redirect)."
            ),
        ),
        (
            "scopes",
            "Set the same scopes on both sides: the integration's and the OAuth app's.".to_string(),
        ),
    ];
    let mut list: Vec<ChecklistItem> = steps
        .into_iter()
        .map(|(step, text)| {
            let id = format!("{provider}:{step}");
            ChecklistItem {
                done: done.contains(&id),
                id,
                text,
            }
        })
        .collect();
    let return_urls = "redirects:return-urls".to_string();
    list.push(ChecklistItem {
        done: done.contains(&return_urls),
        id: return_urls,
        text: "Dashboard → Redirects: add http://127.0.0.1/pipes-setup/callback (the test connection) and your app's return URL, exactly.".into(),
    });
    Ok(list)
}

/// The items for `provider` with the marks made on `workos`.
pub fn shown(
    progress: &ProgressStore,
    provider: &str,
    workos: &str,
) -> AppResult<Vec<ChecklistItem>> {
    let done = progress
        .snapshot()
        .confirmed
        .remove(workos)
        .unwrap_or_default();
    items(provider, &done)
}

/// Marks `item` done (or not) on `workos` and answers the items as they are now; an item the
/// app does not show is refused, so the page cannot write anything else into the progress file.
pub fn mark(
    progress: &ProgressStore,
    provider: &str,
    item: &str,
    done: bool,
    workos: &str,
) -> AppResult<Vec<ChecklistItem>> {
    if !is_item(item) {
        return Err(AppError::new(
            DashboardCode::UnknownChecklistItem,
            "There is no such item.",
        ));
    }
    let saved = progress.confirm(item, done, workos)?;
    items(
        provider,
        &saved.confirmed.get(workos).cloned().unwrap_or_default(),
    )
}

/// Whether `id` is an item the app shows (so the page cannot write anything else).
pub fn is_item(id: &str) -> bool {
    let Some((provider, _)) = id.split_once(':') else {
        return false;
    };
    let provider = if provider == "redirects" {
        "github"
    } else {
        provider
    };
    items(provider, &BTreeSet::new()).is_ok_and(|list| list.iter().any(|i| i.id == id))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_provider_has_its_steps_and_the_done_marks_show() {
        let done: BTreeSet<String> = [
            "github:add".to_string(),
            "redirects:return-urls".to_string(),
        ]
        .into();
        let list = items("github", &done).unwrap();
        assert_eq!(list.len(), 6);
        assert!(list[0].done && !list[1].done && list[5].done);
        assert!(
            list[3]
                .text
                .contains("not https://api.workos.com/sso/oauth/redirect")
        );
        assert!(items("nope", &done).is_err());
    }

    #[test]
    fn only_shown_items_can_be_marked() {
        assert!(is_item("github:add"));
        assert!(is_item("slack:scopes"));
        assert!(is_item("redirects:return-urls"));
        assert!(!is_item("github:anything"));
        assert!(!is_item("../../etc"));
        assert!(!is_item("x".repeat(10_000).as_str()));
    }

    #[test]
    fn marks_are_saved_per_workos_and_survive_a_reopen() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("progress.json");
        let store = ProgressStore::open(path.clone());
        mark(&store, "github", "github:add", true, "demo").unwrap();
        let other = shown(&store, "github", "account:shop").unwrap();
        assert!(
            other.iter().all(|i| !i.done),
            "another WorkOS has its own marks"
        );
        let reopened = ProgressStore::open(path);
        assert!(shown(&reopened, "github", "demo").unwrap()[0].done);
        let unmarked = mark(&reopened, "github", "github:add", false, "demo").unwrap();
        assert!(!unmarked[0].done);
        assert_eq!(
            mark(&reopened, "github", "../x", true, "demo")
                .unwrap_err()
                .code,
            "UNKNOWN_CHECKLIST_ITEM"
        );
    }
}
