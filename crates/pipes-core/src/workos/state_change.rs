//! The rule for calls that change a WorkOS environment (create, update, delete): against
//! production, the user says yes first. Only a key known to be a sandbox key (`sk_test_`) goes
//! ahead unasked; a production or unrecognised key needs the confirmation.

use super::key::KeyEnvironment;
#[cfg(doc)]
use super::key::key_environment;
use crate::codes::WorkosCode;
use crate::foundation::error::AppError;

/// What the user answered when asked about one change; `NotAsked` until the window asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmation {
    NotAsked,
    Confirmed,
}

/// Whether a change with a key of `environment` asks the user first: anything but a key known
/// to be a sandbox key.
pub fn needs_confirmation(environment: Option<KeyEnvironment>) -> bool {
    environment.is_none_or(KeyEnvironment::changes_need_confirmation)
}

/// `Ok` when `change` (in words: "register the webhook endpoint https://…") may run with a key
/// of `environment` (see [`key_environment`]); else the error the window turns into "Change
/// production? Yes / No".
pub fn allow_state_change(
    environment: Option<KeyEnvironment>,
    change: &str,
    confirmation: Confirmation,
) -> Result<(), AppError> {
    if !needs_confirmation(environment) || confirmation == Confirmation::Confirmed {
        return Ok(());
    }
    Err(AppError::new(
        WorkosCode::ProductionChangeNeedsConfirmation,
        format!(
            "This would {change} in your production WorkOS environment. Confirm to go ahead, or use a sandbox key (sk_test_…) to try it first."
        ),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const CHANGE: &str = "register the webhook endpoint https://shop.example/webhooks";

    #[test]
    fn a_sandbox_key_changes_state_without_asking() {
        let sandbox = Some(KeyEnvironment::Sandbox);
        assert!(allow_state_change(sandbox, CHANGE, Confirmation::NotAsked).is_ok());
    }

    #[test]
    fn a_production_key_needs_a_yes_that_names_the_change() {
        let production = Some(KeyEnvironment::Production);
        let error = allow_state_change(production, CHANGE, Confirmation::NotAsked).unwrap_err();
        assert_eq!(error.code, "PRODUCTION_CHANGE_NEEDS_CONFIRMATION");
        assert!(error.message.contains(CHANGE), "{}", error.message);
        assert!(error.message.contains("production"), "{}", error.message);
        assert!(allow_state_change(production, CHANGE, Confirmation::Confirmed).is_ok());
    }

    #[test]
    fn an_unrecognised_key_is_treated_like_production() {
        for environment in [Some(KeyEnvironment::Unknown), None] {
            let result = allow_state_change(environment, CHANGE, Confirmation::NotAsked);
            assert_eq!(
                result.unwrap_err().code,
                "PRODUCTION_CHANGE_NEEDS_CONFIRMATION",
                "{environment:?}"
            );
        }
    }
}
