//! The organizations a connection can belong to, for the step's organization picker.

use serde::Serialize;
use ts_rs::TS;

use crate::foundation::error::AppResult;
use crate::workos::{WorkosConnection, app_error};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct OrganizationChoice {
    pub id: String,
    pub name: String,
}

/// Up to 100 organizations of the environment, through the SDK.
pub async fn organizations(connection: &WorkosConnection) -> AppResult<Vec<OrganizationChoice>> {
    let params = workos::organizations::ListOrganizationsParams {
        limit: Some(100),
        ..Default::default()
    };
    let list = connection
        .sdk()
        .organizations()
        .list_organizations(params)
        .await
        .map_err(|e| app_error(&e))?;
    Ok(list
        .data
        .into_iter()
        .map(|org| OrganizationChoice {
            id: org.id,
            name: org.name,
        })
        .collect())
}
