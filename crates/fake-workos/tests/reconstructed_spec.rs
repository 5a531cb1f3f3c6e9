//! The schema check that judges every answer the official SDK suites receive
//! (`examples/check_exchanges.rs`): it finds the right operation and rejects wrong shapes.

mod common;

use common::reconstructed_spec;
use common::spec_file::{Fit, Misfit};
use serde_json::json;

#[test]
fn a_literal_path_wins_over_a_parameter() {
    let spec = reconstructed_spec();
    assert_eq!(
        spec.template_for("POST", "/data-integrations/finish")
            .as_deref(),
        Some("/data-integrations/finish")
    );
    assert_eq!(
        spec.template_for("POST", "/data-integrations/github/authorize")
            .as_deref(),
        Some("/data-integrations/{slug}/authorize")
    );
    assert_eq!(
        spec.template_for("GET", "/data-integrations/finish")
            .as_deref(),
        Some("/data-integrations/{slug}")
    );
    assert_eq!(spec.template_for("POST", "/__admin/clock"), None);
    assert_eq!(
        spec.template_for("PATCH", "/data-integrations"),
        None,
        "no such method"
    );
}

#[test]
fn an_authorize_answer_without_state_is_rejected() {
    let spec = reconstructed_spec();
    let authorize = "/data-integrations/{slug}/authorize";
    let good = json!({"url": "https://github.com/login/oauth/authorize", "state": "s"});
    assert_eq!(
        spec.judge("POST", authorize, 200, Some(&good)),
        Ok(Fit::Schema)
    );
    let old = json!({"url": "https://github.com/login/oauth/authorize"});
    assert!(matches!(
        spec.judge("POST", authorize, 200, Some(&old)),
        Err(Misfit::Schema(_))
    ));
    assert_eq!(
        spec.judge("POST", authorize, 200, None),
        Err(Misfit::NotJson)
    );
    assert_eq!(
        spec.judge("POST", authorize, 201, Some(&good)),
        Err(Misfit::UndocumentedStatus)
    );
}

#[test]
fn error_bodies_need_their_code_but_extensible_codes_accept_new_values() {
    let spec = reconstructed_spec();
    let finish = "/data-integrations/finish";
    let no_code = json!({"message": "Invalid connect code."});
    assert!(matches!(
        spec.judge("POST", finish, 400, Some(&no_code)),
        Err(Misfit::Schema(_))
    ));
    let newer = json!({"code": "a_code_from_next_year", "message": "m"});
    assert_eq!(
        spec.judge("POST", finish, 400, Some(&newer)),
        Ok(Fit::Schema)
    );
    let not_a_string = json!({"code": 7, "message": "m"});
    assert!(
        spec.judge("POST", finish, 400, Some(&not_a_string))
            .is_err()
    );
}

#[test]
fn unlisted_errors_must_still_have_the_generic_error_shape() {
    let spec = reconstructed_spec();
    let events = "/events";
    let shaped = json!({"code": "invalid_request_parameters", "message": "events is required"});
    assert_eq!(
        spec.judge("GET", events, 422, Some(&shaped)),
        Ok(Fit::UndocumentedError)
    );
    let bare = json!({"error": "events is required"});
    assert!(spec.judge("GET", events, 422, Some(&bare)).is_err());
    assert_eq!(
        spec.judge("GET", events, 429, None),
        Ok(Fit::UndocumentedError),
        "API-wide"
    );
}

#[test]
fn a_connected_account_read_needs_todays_fields() {
    let spec = reconstructed_spec();
    let read = "/user_management/users/{user_id}/connected_accounts/{slug}";
    let mut account = json!({
        "object": "connected_account", "id": "data_installation_1", "user_id": "user_1",
        "organization_id": null, "scopes": [], "state": "connected",
        "created_at": "2026-01-01T00:00:00.000Z", "updated_at": "2026-01-01T00:00:00.000Z",
        "connection_role": "compatibility", "account_identifier": null, "account_display_name": null,
        "connection_owner": "user"
    });
    let fit = spec.judge("GET", read, 200, Some(&account));
    assert_eq!(fit, Ok(Fit::Schema), "{fit:?}");
    account.as_object_mut().unwrap().remove("connection_role");
    assert!(
        spec.judge("GET", read, 200, Some(&account)).is_err(),
        "connection_role is required today"
    );
}
