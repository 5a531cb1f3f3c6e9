//! Diagnoses: the checks that tell a guide's causes apart, run live. Each cause comes back
//! as applies / does not apply / cannot tell, with the evidence; the window leads with the
//! ones that apply.

use std::path::Path;

use serde::Serialize;
use ts_rs::TS;

use super::guides;
use crate::checks::finding::Severity;
use crate::codes::LiveCode;
use crate::foundation::error::{AppError, AppResult};
use crate::foundation::sensitive::fingerprint;
use crate::local::keychain::Keychain;
use crate::workos::account::key_from_env_files;
use crate::workos::check_key;
use crate::workos::key::{is_real_key, key_environment};
use crate::workos::target::WorkosTarget;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CauseVerdict {
    Applies,
    DoesNotApply,
    CannotTell,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct CauseCheck {
    pub cause: String,
    pub verdict: CauseVerdict,
    /// What was checked and found, in words (keys only as fingerprints).
    pub evidence: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Diagnosis {
    pub guide: String,
    pub checks: Vec<CauseCheck>,
}

impl Diagnosis {
    /// What the diagnosis found for `cause`.
    pub fn verdict_of(&self, cause: &str) -> Option<CauseVerdict> {
        self.checks
            .iter()
            .find(|c| c.cause == cause)
            .map(|c| c.verdict)
    }
}

/// Runs the checks of `guide_id` against the WorkOS the app is on and, where it matters, the
/// project's app folder.
pub async fn diagnose(
    guide_id: &str,
    target: &WorkosTarget,
    keychain: &Keychain,
    app_dir: Option<&Path>,
) -> AppResult<Diagnosis> {
    let guide = guides::guide(guide_id).ok_or_else(|| {
        AppError::new(
            crate::codes::TroubleshootCode::UnknownGuide,
            format!("No guide {guide_id}."),
        )
    })?;
    let checks = match guide.id.as_str() {
        "invalid-api-key" => api_key(target, app_dir).await,
        "keychain" => keychain_checks(keychain).await,
        _ => {
            return Err(AppError::new(
                crate::codes::TroubleshootCode::NotDiagnosable,
                format!(
                    "{}: its causes are told apart by the checks its page lists.",
                    guide.title
                ),
            ));
        }
    };
    Ok(Diagnosis {
        guide: guide.id,
        checks,
    })
}

async fn api_key(target: &WorkosTarget, app_dir: Option<&Path>) -> Vec<CauseCheck> {
    let key = target.key().expose();
    let shown = fingerprint(key);
    let well_formed = key_environment(key).is_some() && key.len() >= 20;
    let placeholder = key_environment(key).is_some() && !is_real_key(key);
    let mut checks = vec![
        check(
            "typo",
            !well_formed,
            if well_formed {
                format!("{shown} has a WorkOS prefix and a full length.")
            } else {
                format!("{shown} does not look like a whole WorkOS key.")
            },
        ),
        check(
            "placeholder",
            placeholder,
            if placeholder {
                format!("{shown} is a template's placeholder.")
            } else {
                "The key is not a known placeholder.".into()
            },
        ),
        other_key(&shown, key, app_dir),
    ];
    let live = check_key(&target.connection()).await;
    let refused = live.has_code(LiveCode::KeyInvalid);
    checks.push(if live.severity == Severity::Pass {
        check("revoked", false, format!("WorkOS accepts {shown} now."))
    } else if refused && well_formed && !placeholder {
        check(
            "revoked",
            true,
            format!("{shown} is well formed and WorkOS still answers 401."),
        )
    } else {
        CauseCheck {
            cause: "revoked".into(),
            verdict: CauseVerdict::CannotTell,
            evidence: format!("The live check said: {}", live.message),
        }
    });
    checks
}

/// The key the project's env files define against the one the app checks.
fn other_key(shown: &str, key: &str, app_dir: Option<&Path>) -> CauseCheck {
    let Some(dir) = app_dir else {
        return CauseCheck {
            cause: "other-key".into(),
            verdict: CauseVerdict::CannotTell,
            evidence: "No project is open: open it in Pre-flight to compare its env files' key."
                .into(),
        };
    };
    match key_from_env_files(dir) {
        None => CauseCheck {
            cause: "other-key".into(),
            verdict: CauseVerdict::CannotTell,
            evidence: "The project's env files define no WORKOS_API_KEY.".into(),
        },
        Some(files) if files.expose() == key => check(
            "other-key",
            false,
            format!("The env files hold the same key, {shown}."),
        ),
        Some(files) => check(
            "other-key",
            true,
            format!(
                "The env files hold {}, the app checks {shown}.",
                fingerprint(files.expose())
            ),
        ),
    }
}

async fn keychain_checks(keychain: &Keychain) -> Vec<CauseCheck> {
    let finding = keychain.self_test().await;
    let code = finding.code.as_str();
    let says = |cause: &str, applies: bool| check(cause, applies, finding.message.clone());
    vec![
        says("no-service", code == "KEYCHAIN_UNAVAILABLE"),
        says("locked", code == "KEYCHAIN_LOCKED"),
        says("hung", code == "KEYCHAIN_TIMEOUT"),
    ]
}

fn check(cause: &str, applies: bool, evidence: String) -> CauseCheck {
    CauseCheck {
        cause: cause.into(),
        verdict: if applies {
            CauseVerdict::Applies
        } else {
            CauseVerdict::DoesNotApply
        },
        evidence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::foundation::sensitive::Sensitive;

    fn target(key: &str) -> WorkosTarget {
        // Nothing listens on port 9: the live check cannot tell.
        WorkosTarget::profile("p", "http://127.0.0.1:9", Sensitive::new(key.into()))
    }

    #[tokio::test]
    async fn a_cut_short_key_is_a_typo_and_nothing_else_is_claimed() {
        let checks = api_key(&target("sk_test_abc"), None).await;
        let diagnosis = Diagnosis {
            guide: "invalid-api-key".into(),
            checks,
        };
        assert_eq!(diagnosis.verdict_of("typo"), Some(CauseVerdict::Applies));
        assert_eq!(
            diagnosis.verdict_of("other-key"),
            Some(CauseVerdict::CannotTell)
        );
        assert_eq!(
            diagnosis.verdict_of("revoked"),
            Some(CauseVerdict::CannotTell)
        );
    }

    #[tokio::test]
    async fn an_env_file_with_another_key_is_named_by_fingerprints() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join(".env"),
            "WORKOS_API_KEY=sk_test_envfile_000000000000000000001111\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("package.json"), "{}").unwrap();
        let checks = api_key(
            &target("sk_test_checked_000000000000000000002222"),
            Some(dir.path()),
        )
        .await;
        let other = checks.iter().find(|c| c.cause == "other-key").unwrap();
        assert_eq!(other.verdict, CauseVerdict::Applies, "{other:?}");
        assert!(
            other.evidence.contains("…1111") && other.evidence.contains("…2222"),
            "{}",
            other.evidence
        );
        assert!(
            !other.evidence.contains("envfile_0000"),
            "never the key itself"
        );
    }
}
