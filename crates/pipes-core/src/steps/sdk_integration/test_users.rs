//! The users a test connection can be made for: the environment's users, through the SDK.

use serde::Serialize;
use ts_rs::TS;

use crate::codes::SdkIntegrationCode;
use crate::foundation::error::{AppError, AppResult};
use crate::workos::WorkosConnection;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct TestUser {
    pub id: String,
    pub email: String,
    pub name: Option<String>,
}

/// Up to 100 users, newest first, as the picker shows them.
pub async fn list(connection: &WorkosConnection) -> AppResult<Vec<TestUser>> {
    let params = workos::user_management::ListUsersParams {
        limit: Some(100),
        ..Default::default()
    };
    let users = connection
        .sdk()
        .user_management()
        .list_users(params)
        .await
        .map_err(|e| {
            AppError::new(
                SdkIntegrationCode::TestUsersUnreadable,
                format!("The users could not be read: {e}"),
            )
        })?;
    Ok(users
        .data
        .into_iter()
        .map(|user| {
            let name = [user.first_name.as_deref(), user.last_name.as_deref()]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            TestUser {
                id: user.id,
                email: user.email,
                name: (!name.is_empty()).then_some(name),
            }
        })
        .collect())
}
