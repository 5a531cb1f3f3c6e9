//! Every finding and error code of the app, area by area. Each area's enum lives next to the
//! code that reports it (`local/envfiles/codes.rs`, `workos/codes.rs`, …); this module names
//! them all in one place, for call sites and for [`all_codes`] (what the Troubleshoot guides
//! key on).

pub use crate::foundation::code::{Code, CodeArea, FoundationCode};
pub use crate::local::envfiles::codes::{EnvCode, GitignoreCode};
pub use crate::local::keychain::codes::{KeychainCode, KeychainErrorCode};
pub use crate::local::project::codes::ProjectCode;
pub use crate::local::sdk::codes::{SdkCode, SdkInstallCode};
pub use crate::runtime::codes::RuntimeCode;
pub use crate::steps::connections::codes::ConnectionsCode;
pub use crate::steps::dashboard::codes::DashboardCode;
pub use crate::steps::docs::codes::DocsCode;
pub use crate::steps::preflight::codes::PreflightCode;
pub use crate::steps::presenter::codes::PresenterCode;
pub use crate::steps::sdk_integration::codes::SdkIntegrationCode;
pub use crate::steps::troubleshoot::codes::TroubleshootCode;
pub use crate::steps::verify::codes::VerifyCode;
pub use crate::steps::webhooks::codes::WebhooksCode;
pub use crate::workos::codes::{ClientIdCode, KeyCode, LiveCode, WorkosAnswerCode, WorkosCode};

/// Every code of every area, as `(area, code)`: the area is the enum's name (`"EnvCode"`).
/// A new area's enum is added here too.
pub fn all_codes() -> Vec<(&'static str, Code)> {
    fn area<A: CodeArea>() -> impl Iterator<Item = (&'static str, Code)> {
        A::ALL.iter().map(|&code| (A::AREA, code.into()))
    }
    std::iter::empty()
        .chain(area::<FoundationCode>())
        .chain(area::<EnvCode>())
        .chain(area::<GitignoreCode>())
        .chain(area::<KeychainCode>())
        .chain(area::<KeychainErrorCode>())
        .chain(area::<ProjectCode>())
        .chain(area::<SdkCode>())
        .chain(area::<SdkInstallCode>())
        .chain(area::<KeyCode>())
        .chain(area::<ClientIdCode>())
        .chain(area::<LiveCode>())
        .chain(area::<WorkosCode>())
        .chain(area::<WorkosAnswerCode>())
        .chain(area::<RuntimeCode>())
        .chain(area::<PreflightCode>())
        .chain(area::<DashboardCode>())
        .chain(area::<ConnectionsCode>())
        .chain(area::<WebhooksCode>())
        .chain(area::<TroubleshootCode>())
        .chain(area::<VerifyCode>())
        .chain(area::<PresenterCode>())
        .chain(area::<SdkIntegrationCode>())
        .chain(area::<DocsCode>())
        .collect()
}

/// The code whose string is `code`, in any area.
pub fn lookup(code: &str) -> Option<(&'static str, Code)> {
    all_codes().into_iter().find(|(_, c)| c.as_str() == code)
}

#[cfg(test)]
mod tests {
    use std::collections::{HashMap, HashSet};

    use super::*;

    #[test]
    fn no_code_is_defined_twice() {
        let mut seen: HashMap<&str, &str> = HashMap::new();
        for (area, code) in all_codes() {
            if let Some(first) = seen.insert(code.as_str(), area) {
                panic!("{code} is defined in {first} and again in {area}");
            }
        }
    }

    #[test]
    fn every_code_is_screaming_snake_case() {
        fn well_formed(code: &str) -> bool {
            let mut words = code.split('_');
            let first = words.next().unwrap_or_default();
            let upper_digits = |w: &str| {
                !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
            };
            let rest: Vec<&str> = words.collect();
            first.as_bytes().first().is_some_and(u8::is_ascii_uppercase)
                && upper_digits(first)
                && !rest.is_empty()
                && rest.iter().all(|w| upper_digits(w))
        }
        for (area, code) in all_codes() {
            assert!(well_formed(code.as_str()), "{area}: {code}");
        }
        assert!(!well_formed("ENV"));
        assert!(!well_formed("ENV__X"));
        assert!(!well_formed("Env_X"));
        assert!(!well_formed("_ENV_X"));
        assert!(!well_formed("1ENV_X"));
    }

    #[test]
    fn every_area_is_listed_and_not_empty() {
        let areas: HashSet<&str> = all_codes().into_iter().map(|(area, _)| area).collect();
        assert_eq!(areas.len(), 23);
        assert_eq!(
            lookup("ENV_FILE_TRACKED"),
            Some(("EnvCode", EnvCode::FileTracked.into()))
        );
        assert_eq!(
            lookup("KEYCHAIN_TIMEOUT").map(|(area, _)| area),
            Some("KeychainErrorCode")
        );
        assert_eq!(lookup("NOT_A_CODE"), None);
    }

    #[test]
    fn a_code_serializes_and_displays_as_its_string() {
        assert_eq!(EnvCode::FileTracked.as_str(), "ENV_FILE_TRACKED");
        assert_eq!(EnvCode::FileTracked.to_string(), "ENV_FILE_TRACKED");
        assert_eq!(
            serde_json::to_value(EnvCode::FileTracked).unwrap(),
            "ENV_FILE_TRACKED"
        );
        let code: Code = KeychainErrorCode::Timeout.into();
        assert_eq!(serde_json::to_value(code).unwrap(), "KEYCHAIN_TIMEOUT");
        assert_eq!(code.to_string(), "KEYCHAIN_TIMEOUT");
        assert_eq!(
            EnvCode::from_code("ENV_FILE_TRACKED"),
            Some(EnvCode::FileTracked)
        );
        assert_eq!(EnvCode::from_code("KEYCHAIN_TIMEOUT"), None);
    }
}
