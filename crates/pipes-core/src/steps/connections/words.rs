//! What a connection's state, state reason and role mean, in the user's words.

/// A connection's state, as the step shows it.
pub fn state(state: &str) -> &'static str {
    match state {
        "connected" => "Connected: the app can get a token for it.",
        "needs_reauthorization" => {
            "Needs reauthorization: the provider no longer accepts its token. The user signs in at the provider again; the connection keeps its id."
        }
        "disconnected" => "Disconnected: WorkOS holds no token for it. Connect it again to use it.",
        _ => "A state this app does not know yet: see the WorkOS Dashboard.",
    }
}

/// Why WorkOS set that state, when it says.
pub fn state_reason(reason: &str) -> String {
    match reason {
        "establishing_member_membership_ended" => {
            "The member who set it up left the organization: an organization admin must reconnect it.".into()
        }
        other => format!("WorkOS gives the reason \"{other}\"."),
    }
}

/// The connection's role among the user's connections to one provider.
pub fn role(role: &str) -> &'static str {
    match role {
        "compatibility" => {
            "Compatibility: the one connection calls without a connected_account_id use (the only one older SDKs see)."
        }
        "standard" => "Standard: reached only by its connected_account_id.",
        _ => "A role this app does not know yet.",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reason_an_admin_must_reconnect_is_said_plainly() {
        assert!(
            state_reason("establishing_member_membership_ended").contains("admin must reconnect")
        );
        assert!(state_reason("token_revoked").contains("\"token_revoked\""));
    }

    #[test]
    fn unknown_states_and_roles_are_not_taken_for_known_ones() {
        assert!(state("paused").contains("does not know"));
        assert!(role("shared").contains("does not know"));
        assert!(state("needs_reauthorization").contains("keeps its id"));
    }
}
