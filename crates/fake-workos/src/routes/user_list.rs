//! `GET /user_management/users`: the environment's users, for picking a test user.

use std::collections::HashMap;

use axum::Json;
use axum::extract::{Extension, Query, State};
use serde_json::{Value, json};

use crate::errors::ApiResult;
use crate::fake_state::FakeState;
use crate::routes::{EnvName, Page};
use crate::state::User;
use crate::views;

pub async fn list(
    State(state): State<FakeState>,
    Extension(EnvName(env)): Extension<EnvName>,
    Query(query): Query<HashMap<String, String>>,
) -> ApiResult<Json<Value>> {
    let page = Page::from_query(&query)?;
    let organization = query.get("organization_id").cloned();
    let users: Vec<User> = state
        .with_env(&env, |e| e.users.clone())?
        .into_iter()
        .filter(|u| organization.is_none() || u.organization_id == organization)
        .collect();
    let (items, before, after) = page.apply(&users, |u| &u.id);
    let data = items.iter().map(user).collect();
    Ok(Json(views::list(data, before, after)))
}

fn user(u: &User) -> Value {
    json!({
        "object": "user",
        "id": u.id,
        "email": u.email,
        "email_verified": true,
        "first_name": u.first_name,
        "last_name": u.last_name,
        "profile_picture_url": null,
        "last_sign_in_at": null,
        "external_id": null,
        "metadata": {},
        "created_at": u.created_at,
        "updated_at": u.created_at,
    })
}
