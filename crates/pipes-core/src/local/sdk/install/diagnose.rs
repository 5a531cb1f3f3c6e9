//! Well-known reasons an install fails, read from the last lines of its output, each with a
//! better next step than "read the output": a system-managed Python (PEP 668), no route to the
//! package registry, files the user cannot write, and npm's peer-dependency conflicts.

use std::path::Path;

use crate::checks::finding::{Finding, Fix};
use crate::codes::SdkInstallCode;

struct Cause {
    code: SdkInstallCode,
    title: &'static str,
    /// Any of these, case-insensitively, in the output.
    signs: &'static [&'static str],
    message: &'static str,
    remediation: &'static str,
    /// A Python refused by its system: the app can get a `.venv` of its own and install there.
    offers_new_venv: bool,
}

const CAUSES: &[Cause] = &[
    Cause {
        code: SdkInstallCode::SystemPython,
        title: "This Python belongs to your system",
        signs: &["externally-managed-environment", "externally managed"],
        message: "pip refused to install into the system's Python (PEP 668): your operating system manages its packages.",
        remediation: "Give the app its own virtual environment: click *Create .venv and install*, or in the app folder run `python3 -m venv .venv` and install again. Pipes Setup installs into `.venv` when it exists.",
        offers_new_venv: true,
    },
    Cause {
        code: SdkInstallCode::Offline,
        title: "The package registry could not be reached",
        signs: &[
            "enotfound",
            "eai_again",
            "getaddrinfo",
            "could not resolve host",
            "temporary failure in name resolution",
            "name or service not known",
            "failed to establish a new connection",
            "network is unreachable",
            "econnrefused",
            "etimedout",
            "dial tcp",
        ],
        message: "The package manager could not download the SDK: the registry did not answer.",
        remediation: "Check your internet connection, VPN or proxy (npm: `npm config get registry`; pip: `PIP_INDEX_URL`), then click Install again.",
        offers_new_venv: false,
    },
    Cause {
        code: SdkInstallCode::PermissionDenied,
        title: "The install could not write its files",
        signs: &["eacces", "permission denied", "[errno 13]", "eperm"],
        message: "The package manager was not allowed to write into the app folder or its cache.",
        remediation: "Some files there belong to another user, often after an install run with sudo. Give the folder back to your user (`sudo chown -R \"$USER\" .` in the app folder), then click Install again.",
        offers_new_venv: false,
    },
    Cause {
        code: SdkInstallCode::DependencyConflict,
        title: "npm found conflicting dependencies",
        signs: &[
            "eresolve",
            "could not resolve dependency",
            "conflicting peer dependency",
        ],
        message: "npm would not add the SDK because two of the app's packages ask for different versions of a third.",
        remediation: "Update the package npm names in the output, or, if you know the conflict is harmless, run `npm install @workos-inc/node --legacy-peer-deps` in the app folder.",
        offers_new_venv: false,
    },
];

/// The finding for a failed install in `app_dir` whose output shows a known cause, or `None`.
pub(super) fn known_cause(output: &[String], command: &str, app_dir: &Path) -> Option<Finding> {
    let text = output.join("\n").to_lowercase();
    let cause = CAUSES
        .iter()
        .find(|c| c.signs.iter().any(|sign| text.contains(sign)))?;
    let finding = Finding::error(
        cause.code,
        cause.title,
        format!("`{command}` failed. {}", cause.message),
    )
    .with_remediation(cause.remediation);
    if !cause.offers_new_venv {
        return Some(finding);
    }
    Some(finding.with_fix(Fix::InstallSdkInNewVenv {
        project: app_dir.to_string_lossy().into_owned(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cause_of(lines: &[&str]) -> Option<String> {
        let output: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        known_cause(&output, "npm install @workos-inc/node", Path::new("/app")).map(|f| f.code)
    }

    #[test]
    fn each_known_cause_is_recognised_from_real_output() {
        let cases = [
            (
                "error: externally-managed-environment",
                "SDK_INSTALL_SYSTEM_PYTHON",
            ),
            ("npm error code ENOTFOUND", "SDK_INSTALL_OFFLINE"),
            ("npm error errno EAI_AGAIN", "SDK_INSTALL_OFFLINE"),
            (
                "WARNING: Retrying ... Failed to establish a new connection: [Errno -3] Temporary failure in name resolution",
                "SDK_INSTALL_OFFLINE",
            ),
            (
                "go: github.com/workos/workos-go/v4@latest: dial tcp: lookup proxy.golang.org",
                "SDK_INSTALL_OFFLINE",
            ),
            ("npm error code EACCES", "SDK_INSTALL_PERMISSION_DENIED"),
            (
                "ERROR: Could not install packages due to an OSError: [Errno 13] Permission denied",
                "SDK_INSTALL_PERMISSION_DENIED",
            ),
            ("npm error code ERESOLVE", "SDK_INSTALL_DEPENDENCY_CONFLICT"),
        ];
        for (line, code) in cases {
            assert_eq!(
                cause_of(&["some progress", line]).as_deref(),
                Some(code),
                "{line}"
            );
        }
    }

    #[test]
    fn an_unknown_failure_has_no_cause() {
        assert_eq!(
            cause_of(&["npm error code E404", "npm error 404 Not Found"]),
            None
        );
        assert_eq!(cause_of(&[]), None);
    }

    #[test]
    fn the_finding_names_the_command_and_a_next_step() {
        let output = vec!["error: externally-managed-environment".to_string()];
        let finding = known_cause(
            &output,
            "python3 -m pip install --upgrade workos",
            Path::new("/app"),
        )
        .unwrap();
        assert!(
            finding
                .message
                .contains("`python3 -m pip install --upgrade workos`")
        );
        assert!(
            finding
                .remediation
                .unwrap()
                .contains("python3 -m venv .venv")
        );
    }
}
