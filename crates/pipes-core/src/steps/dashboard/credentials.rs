//! Custom credentials from the app: the user's own OAuth app (client id and secret, scopes)
//! set on an integration through the management API. The secret is typed in once, held in
//! Rust until the user says yes, sent once, and never stored or shown again.

use serde::Serialize;
use ts_rs::TS;

use crate::codes::{DashboardCode, WorkosAnswerCode};
use crate::foundation::error::{AppError, AppResult};
use crate::foundation::sensitive::Sensitive;
use crate::workos::crate_3_5_gaps;
use crate::workos::key::KeyEnvironment;
use crate::workos::target::WorkosTarget;

pub struct CredentialsInput {
    pub slug: String,
    pub client_id: String,
    pub client_secret: Sensitive<String>,
    /// `None` keeps the integration's scopes.
    pub scopes: Option<Vec<String>>,
}

/// A previewed credentials change, kept as a pending action.
pub struct CredentialsChange {
    input: CredentialsInput,
    target_identity: String,
}

/// What the window shows before the change: never the secret, only its last four characters.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CredentialsChangeView {
    pub slug: String,
    pub client_id: String,
    pub secret_ends_with: String,
    pub scopes: Option<Vec<String>>,
    pub needs_confirmation: bool,
    pub question: String,
}

impl CredentialsChange {
    pub fn prepare(
        input: CredentialsInput,
        target: &WorkosTarget,
    ) -> AppResult<(Self, CredentialsChangeView)> {
        check_value("client id", &input.client_id)?;
        check_value("client secret", input.client_secret.expose())?;
        let bad_scope = |s: &String| s.is_empty() || s.chars().any(char::is_whitespace);
        if let Some(scopes) = &input.scopes
            && (scopes.len() > 100 || scopes.iter().any(bad_scope))
        {
            return Err(AppError::new(
                DashboardCode::CredentialsScopesInvalid,
                "Each scope is one word without spaces.",
            ));
        }
        let environment = target.info().environment;
        let secret = input.client_secret.expose();
        let view = CredentialsChangeView {
            slug: input.slug.clone(),
            client_id: input.client_id.clone(),
            secret_ends_with: last_four(secret),
            scopes: input.scopes.clone(),
            needs_confirmation: crate::workos::needs_confirmation(environment),
            question: format!(
                "Set your own OAuth app (client id {}) on the {} integration in your {} WorkOS environment? New connections will use it.",
                input.client_id,
                input.slug,
                environment.map_or("unknown", KeyEnvironment::as_str)
            ),
        };
        let change = Self {
            input,
            target_identity: target.identity(),
        };
        Ok((change, view))
    }

    /// Sends the change, once, to the WorkOS it was prepared against.
    pub async fn apply(self, target: &WorkosTarget) -> AppResult<()> {
        target.still_is(&self.target_identity, "this change")?;
        let input = &self.input;
        crate_3_5_gaps::set_custom_credentials(
            &target.connection(),
            &input.slug,
            &input.client_id,
            &input.client_secret,
            input.scopes.as_deref(),
        )
        .await
        .map_err(|e| match WorkosAnswerCode::from_code(&e.code) {
            Some(WorkosAnswerCode::NotFound | WorkosAnswerCode::Forbidden) => AppError::new(
                DashboardCode::ManagementApiUnavailable,
                format!(
                    "{} Set the credentials in the Dashboard instead: Pipes → {} → Credentials → Custom.",
                    e.message, input.slug
                ),
            ),
            _ => e,
        })
    }
}

/// The last four characters, only when that leaves most of the secret unsaid.
fn last_four(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    if chars.len() < 12 {
        return String::new();
    }
    chars[chars.len() - 4..].iter().collect()
}

fn check_value(name: &str, value: &str) -> AppResult<()> {
    if value.trim().is_empty()
        || value.trim() != value
        || value.len() > 512
        || value.chars().any(char::is_control)
    {
        return Err(AppError::new(
            DashboardCode::CredentialsValueInvalid,
            format!(
                "The {name} is empty, too long or has spaces around it: paste it again from the provider."
            ),
        ));
    }
    Ok(())
}
