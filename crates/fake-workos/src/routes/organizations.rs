//! `GET /organizations`: the cheap key check (`?limit=1`).

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Extension, Query, State};
use serde_json::Value;

use crate::errors::ApiResult;
use crate::fake_state::FakeState;
use crate::routes::{EnvName, Page};
use crate::views;

pub async fn list(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let page = Page::from_query(&query)?;
    let organizations = state.with_env(&env, |e| e.organizations.clone())?;
    let (items, before, after) = page.apply(&organizations, |o| &o.id);
    let data = items.iter().map(views::organization).collect();
    Ok(Json(views::list(data, before, after)))
}
