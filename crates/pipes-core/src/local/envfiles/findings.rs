//! Findings about the env files. Pure: everything comes from the report and the git facts.
//! No finding text or detail holds a value: keys, file names, line numbers and fingerprints only.

use std::collections::BTreeMap;

use serde_json::json;

use super::{EnvEntry, EnvFile, EnvReport, GitFacts, GitSource, ReadIssue};
use crate::checks::finding::{Finding, Fix};
use crate::codes::EnvCode;
use crate::foundation::sensitive::fingerprint;
use crate::workos::key::{KeyEnvironment, is_real_key, key_environment};

pub const API_KEY_VAR: &str = "WORKOS_API_KEY";
pub const CLIENT_ID_VAR: &str = "WORKOS_CLIENT_ID";

/// Prefixes that frameworks inline into browser bundles.
const PUBLIC_PREFIXES: &[&str] = &[
    "NEXT_PUBLIC_",
    "VITE_",
    "PUBLIC_",
    "REACT_APP_",
    "EXPO_PUBLIC_",
    "NUXT_PUBLIC_",
];

const DASHBOARD_KEYS_URL: &str = "https://dashboard.workos.com/api-keys";

pub fn findings(report: &EnvReport, git: &GitFacts) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(folder_findings(report));
    for file in &report.files {
        out.extend(read_findings(file));
        out.extend(parse_findings(file));
    }
    out.push(presence_finding(report, API_KEY_VAR));
    out.push(presence_finding(report, CLIENT_ID_VAR));
    out.extend(production_key_finding(report));
    for (file, entry) in live_definitions(report) {
        out.extend(value_findings(file, entry));
    }
    out.extend(mixed_environments_finding(report));
    out.extend(conflict_findings(report));
    out.extend(duplicate_findings(report));
    out.extend(public_prefix_findings(report));
    out.extend(git_findings(report, git));
    out
}

fn is_workos_var(key: &str) -> bool {
    key == API_KEY_VAR || key == CLIENT_ID_VAR
}

/// The value without the stray quotes and blanks the value checks complain about separately.
fn core_value(entry: &EnvEntry) -> &str {
    entry
        .value
        .expose()
        .trim()
        .trim_matches(['"', '\'', '`'])
        .trim()
}

/// Definitions of the WorkOS variables in files the framework loads (not templates).
fn live_definitions(report: &EnvReport) -> impl Iterator<Item = (&EnvFile, &EnvEntry)> {
    report.files.iter().filter(|f| !f.template).flat_map(|f| {
        f.entries
            .iter()
            .filter(|e| is_workos_var(&e.key))
            .map(move |e| (f, e))
    })
}

fn at(file: &EnvFile, entry: &EnvEntry) -> String {
    format!("{} line {}", file.name, entry.line)
}

fn folder_findings(report: &EnvReport) -> Vec<Finding> {
    if let Some(error) = &report.dir_error {
        return vec![Finding::error(
            EnvCode::DirUnreadable,
            "The app folder could not be read",
            format!("Listing `{}` failed: {error}", report.app_dir),
        )];
    }
    if report.files.is_empty() {
        return vec![Finding::warn(
            EnvCode::NoFiles,
            "No .env files",
            format!("`{}` has no .env file, so WORKOS_API_KEY and WORKOS_CLIENT_ID are not set for {}.", report.app_dir, report.framework.label()),
        )
        .with_remediation(format!("Create {} with WORKOS_API_KEY and WORKOS_CLIENT_ID.", suggested_file(report)))];
    }
    Vec::new()
}

fn suggested_file(report: &EnvReport) -> &'static str {
    match report.framework {
        super::Framework::Dotenv => ".env",
        _ => ".env.local",
    }
}

fn read_findings(file: &EnvFile) -> Vec<Finding> {
    file.read_issues
        .iter()
        .map(|issue| match issue {
            ReadIssue::TooLarge { size_bytes, read_bytes } => Finding::warn(
                EnvCode::FileTooLarge,
                "Env file is unusually large",
                format!(
                    "{} is {size_bytes} bytes; only its first {read_bytes} bytes (the 1 MiB cap, cut at a line end) were read.",
                    file.name
                ),
            )
            .with_remediation("Env files are normally a few KB: check that this file is really an env file.")
            .with_details(json!({ "file": file.name, "size_bytes": size_bytes, "read_bytes": read_bytes })),
            ReadIssue::Binary => Finding::warn(
                EnvCode::FileBinary,
                "Env file is not text",
                format!("{} contains NUL bytes, so it was not read as an env file.", file.name),
            )
            .with_details(json!({ "file": file.name })),
            ReadIssue::NotUtf8 { line } => Finding::warn(
                EnvCode::FileNotUtf8,
                "Env file is not UTF-8",
                format!("{} has bytes that are not UTF-8 from line {line}; they were read as U+FFFD.", file.name),
            )
            .with_remediation("Save the file as UTF-8.")
            .with_details(json!({ "file": file.name, "line": line })),
            ReadIssue::NotAFile { what } => Finding::warn(
                EnvCode::FileNotAFile,
                "Env file is not a regular file",
                format!("{} is {what}, not a file, so it was not opened: reading it could wait forever.", file.name),
            )
            .with_remediation(format!(
                "Your framework cannot load it either. Remove it and create a plain text file: `rm {0} && touch {0}`.",
                file.name
            ))
            .with_details(json!({ "file": file.name, "what": what })),
            ReadIssue::Unreadable { message } => Finding::warn(
                EnvCode::FileUnreadable,
                "Env file could not be read",
                format!("{}: {message}", file.name),
            )
            .with_details(json!({ "file": file.name })),
        })
        .collect()
}

fn parse_findings(file: &EnvFile) -> Option<Finding> {
    let first = file.problems.first()?;
    let lines: Vec<usize> = file.problems.iter().map(|p| p.line).collect();
    Some(
        Finding::warn(
            EnvCode::ParseError,
            "Lines dotenv cannot read",
            format!(
                "{} line {}: {} ({} such line(s) in all).",
                file.name,
                first.line,
                first.message,
                lines.len()
            ),
        )
        .with_remediation(
            "Write each variable as KEY=value; quote values that contain # or span lines.",
        )
        .with_details(json!({ "file": file.name, "lines": lines, "problems": file.problems })),
    )
}

fn presence_finding(report: &EnvReport, key: &str) -> Finding {
    let mode = report.framework.primary_mode();
    let winner = report
        .mode(mode)
        .and_then(|m| m.variables.iter().find(|v| v.key == key));
    let winner_value = report
        .value_in_mode(mode, key)
        .map(|v| v.expose().trim())
        .filter(|v| !v.is_empty());
    match (winner, winner_value) {
        (Some(var), Some(value)) => found_finding(report, key, var, value),
        _ => missing_finding(report, key, winner.is_some()),
    }
}

fn found_finding(report: &EnvReport, key: &str, var: &super::ResolvedVar, value: &str) -> Finding {
    let code = if key == API_KEY_VAR {
        EnvCode::ApiKeyFound
    } else {
        EnvCode::ClientIdFound
    };
    let environment = key_environment(value.trim_matches(['"', '\'', '`']));
    let kind = match (key, environment) {
        (API_KEY_VAR, Some(KeyEnvironment::Sandbox)) => " (sandbox key)",
        (API_KEY_VAR, Some(KeyEnvironment::Production)) => " (production key)",
        _ => "",
    };
    Finding::pass(
        code,
        format!("{key} is set"),
        format!(
            "{key} = {}{kind}, from {} line {} ({} uses it in {}).",
            var.fingerprint,
            var.from.file,
            var.from.line,
            report.framework.label(),
            report.framework.primary_mode()
        ),
    )
    .with_details(json!({
        "file": var.from.file,
        "line": var.from.line,
        "fingerprint": var.fingerprint,
        "environment": environment,
        "mode": report.framework.primary_mode(),
    }))
}

fn missing_finding(report: &EnvReport, key: &str, empty: bool) -> Finding {
    let (code, severity_error) = if key == API_KEY_VAR {
        (EnvCode::ApiKeyMissing, true)
    } else {
        (EnvCode::ClientIdMissing, false)
    };
    let elsewhere: Vec<String> = report
        .files
        .iter()
        .filter(|f| f.definitions(key).next().is_some())
        .map(|f| f.name.clone())
        .collect();
    let mode = report.framework.primary_mode();
    let message = if empty {
        format!(
            "{key} is set but empty in the file {} uses in {mode}.",
            report.framework.label()
        )
    } else if elsewhere.is_empty() {
        format!("No env file sets {key}.")
    } else {
        format!(
            "{key} is only in {}, which {} does not load in {mode}.",
            elsewhere.join(", "),
            report.framework.label()
        )
    };
    let what = if key == API_KEY_VAR {
        "your API key (sk_test_… for sandbox)"
    } else {
        "your client ID (client_…)"
    };
    let finding = if severity_error {
        Finding::error(code, format!("{key} is missing"), message)
    } else {
        Finding::warn(code, format!("{key} is missing"), message)
    };
    finding
        .with_remediation(format!(
            "Add {key}= with {what} from the WorkOS dashboard to {}.",
            suggested_file(report)
        ))
        .with_docs(DASHBOARD_KEYS_URL)
        .with_details(json!({ "also_in": elsewhere, "mode": mode }))
}

fn production_key_finding(report: &EnvReport) -> Option<Finding> {
    let mode = report.framework.primary_mode();
    let value = report.value_in_mode(mode, API_KEY_VAR)?;
    (key_environment(value.expose().trim()) == Some(KeyEnvironment::Production)).then(|| {
        Finding::info(
            EnvCode::ApiKeyProduction,
            "Production API key",
            format!(
                "{API_KEY_VAR} is a production key ({}). The wizard asks before any call that changes state.",
                fingerprint(value.expose())
            ),
        )
        .with_remediation("Use a sandbox key (sk_test_…) while you set Pipes up.")
    })
}

fn value_findings(file: &EnvFile, entry: &EnvEntry) -> Vec<Finding> {
    let mut out = Vec::new();
    let value = entry.value.expose();
    if value.trim().is_empty() {
        return out;
    }
    out.extend(stray_quote_finding(file, entry));
    out.extend(stray_whitespace_finding(file, entry));
    let core = core_value(entry);
    out.extend(if entry.key == API_KEY_VAR {
        api_key_prefix_finding(file, entry, core)
    } else {
        client_id_prefix_finding(file, entry, core)
    });
    out
}

fn stray_quote_finding(file: &EnvFile, entry: &EnvEntry) -> Option<Finding> {
    let value = entry.value.expose().trim();
    let quoted = value.starts_with(['"', '\'', '`']) || value.ends_with(['"', '\'', '`']);
    quoted.then(|| {
        Finding::warn(
            EnvCode::ValueStrayQuotes,
            format!("{} has quotes inside its value", entry.key),
            format!(
                "At {} the value still starts or ends with a quote after dotenv removed the outer quotes, so the quote becomes part of the value.",
                at(file, entry)
            ),
        )
        .with_remediation(format!("Write it as {}=value or {}=\"value\", with one pair of quotes at most.", entry.key, entry.key))
        .with_details(json!({ "file": file.name, "line": entry.line, "key": entry.key }))
    })
}

fn stray_whitespace_finding(file: &EnvFile, entry: &EnvEntry) -> Option<Finding> {
    let value = entry.value.expose();
    let inside = value.chars().any(char::is_whitespace);
    if !inside && !entry.trailing_whitespace {
        return None;
    }
    let message = if inside {
        format!(
            "At {} the value contains spaces, tabs or line breaks; WorkOS keys and IDs never do.",
            at(file, entry)
        )
    } else {
        format!(
            "At {} spaces follow the value. dotenv drops them, but other loaders (docker --env-file, a shell) keep them.",
            at(file, entry)
        )
    };
    Some(
        Finding::warn(
            EnvCode::ValueStrayWhitespace,
            format!("{} has stray whitespace", entry.key),
            message,
        )
        .with_remediation("Remove the spaces around the value.")
        .with_details(json!({ "file": file.name, "line": entry.line, "key": entry.key })),
    )
}

fn api_key_prefix_finding(file: &EnvFile, entry: &EnvEntry, core: &str) -> Option<Finding> {
    let details =
        json!({ "file": file.name, "line": entry.line, "fingerprint": entry.fingerprint });
    match key_environment(core) {
        Some(KeyEnvironment::Unknown) => Some(
            Finding::warn(
                EnvCode::ApiKeyUnknownEnvironment,
                "API key of an unknown environment",
                format!(
                    "{API_KEY_VAR} at {} starts with sk_ but neither sk_test_ (sandbox) nor sk_live_ (production); it may still work.",
                    at(file, entry)
                ),
            )
            .with_details(details),
        ),
        Some(_) => None,
        None => {
            let hint = if core.starts_with("client_") || core.starts_with("project_") {
                " It looks like a client ID: the two values are probably swapped."
            } else {
                ""
            };
            Some(
                Finding::error(
                    EnvCode::ApiKeyBadPrefix,
                    "This is not a WorkOS API key",
                    format!("{API_KEY_VAR} at {} does not start with sk_.{hint}", at(file, entry)),
                )
                .with_remediation("Copy the API key (sk_test_… or sk_live_…) from the dashboard's API Keys page.")
                .with_docs(DASHBOARD_KEYS_URL)
                .with_details(details),
            )
        }
    }
}

fn client_id_prefix_finding(file: &EnvFile, entry: &EnvEntry, core: &str) -> Option<Finding> {
    let details =
        json!({ "file": file.name, "line": entry.line, "fingerprint": entry.fingerprint });
    if core.starts_with("client_") {
        return None;
    }
    if core.starts_with("project_") {
        return Some(
            Finding::warn(
                EnvCode::ClientIdProjectPrefix,
                "Old-style client ID",
                format!(
                    "{CLIENT_ID_VAR} at {} starts with project_, the form older guides used.",
                    at(file, entry)
                ),
            )
            .with_remediation("Copy the client ID (client_…) from the dashboard's API Keys page.")
            .with_docs(DASHBOARD_KEYS_URL)
            .with_details(details),
        );
    }
    let hint = if core.starts_with("sk_") {
        " It looks like an API key: a secret in the client ID's place."
    } else {
        ""
    };
    Some(
        Finding::error(
            EnvCode::ClientIdBadPrefix,
            "This is not a WorkOS client ID",
            format!(
                "{CLIENT_ID_VAR} at {} does not start with client_.{hint}",
                at(file, entry)
            ),
        )
        .with_remediation("Copy the client ID (client_…) from the dashboard's API Keys page.")
        .with_docs(DASHBOARD_KEYS_URL)
        .with_details(details),
    )
}

fn mixed_environments_finding(report: &EnvReport) -> Option<Finding> {
    let mut by_env: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for (file, entry) in live_definitions(report).filter(|(_, e)| e.key == API_KEY_VAR) {
        match key_environment(core_value(entry)) {
            Some(KeyEnvironment::Sandbox) => {
                by_env.entry("sandbox").or_default().push(file.name.clone())
            }
            Some(KeyEnvironment::Production) => by_env
                .entry("production")
                .or_default()
                .push(file.name.clone()),
            _ => {}
        }
    }
    let (sandbox, production) = (by_env.get("sandbox")?, by_env.get("production")?);
    Some(
        Finding::warn(
            EnvCode::ApiKeyMixedEnvironments,
            "Sandbox and production keys side by side",
            format!(
                "Sandbox keys (sk_test_) in {} and production keys (sk_live_) in {}. Check that each mode gets the key you mean.",
                sandbox.join(", "),
                production.join(", ")
            ),
        )
        .with_details(json!({ "sandbox": sandbox, "production": production })),
    )
}

/// The last definition per file (the one dotenv keeps) of each WorkOS variable.
fn effective_definitions<'a>(
    report: &'a EnvReport,
    key: &'a str,
) -> Vec<(&'a EnvFile, &'a EnvEntry)> {
    report
        .files
        .iter()
        .filter(|f| !f.template)
        .filter_map(|f| f.definitions(key).last().map(|e| (f, e)))
        .filter(|(_, e)| !e.value.expose().trim().is_empty())
        .collect()
}

fn conflict_findings(report: &EnvReport) -> Vec<Finding> {
    let mut out = Vec::new();
    for key in [API_KEY_VAR, CLIENT_ID_VAR] {
        let defs = effective_definitions(report, key);
        for (i, (file_a, a)) in defs.iter().enumerate() {
            for (file_b, b) in &defs[i + 1..] {
                if a.value != b.value {
                    out.push(conflict_finding(report, key, (file_a, a), (file_b, b)));
                }
            }
        }
    }
    out
}

fn conflict_finding(
    report: &EnvReport,
    key: &str,
    a: (&EnvFile, &EnvEntry),
    b: (&EnvFile, &EnvEntry),
) -> Finding {
    let shared_mode = report
        .modes
        .iter()
        .find(|m| m.files.contains(&a.0.name) && m.files.contains(&b.0.name));
    let mut message = format!(
        "{key} is {} in {} line {} but {} in {} line {}.",
        a.1.fingerprint, a.0.name, a.1.line, b.1.fingerprint, b.0.name, b.1.line
    );
    let finding = match shared_mode {
        Some(mode) => {
            let winner = mode
                .variables
                .iter()
                .find(|v| v.key == key)
                .map(|v| v.from.file.clone())
                .unwrap_or_default();
            message.push_str(&format!(
                " Both load in {}; {winner} wins there.",
                mode.mode
            ));
            Finding::warn(
                EnvCode::ValueConflict,
                format!("{key} differs between files"),
                message,
            )
        }
        None => {
            message.push_str(" They never load together, so this may be on purpose.");
            Finding::info(
                EnvCode::ValueConflict,
                format!("{key} differs between files"),
                message,
            )
        }
    };
    finding.with_details(json!({
        "key": key,
        "files": [
            { "file": a.0.name, "line": a.1.line, "fingerprint": a.1.fingerprint },
            { "file": b.0.name, "line": b.1.line, "fingerprint": b.1.fingerprint },
        ],
        "mode": shared_mode.map(|m| m.mode.clone()),
    }))
}

fn duplicate_findings(report: &EnvReport) -> Vec<Finding> {
    let mut out = Vec::new();
    for file in &report.files {
        for key in [API_KEY_VAR, CLIENT_ID_VAR] {
            let defs: Vec<&EnvEntry> = file.definitions(key).collect();
            if defs.len() < 2 {
                continue;
            }
            let lines: Vec<usize> = defs.iter().map(|e| e.line).collect();
            let differ = defs.windows(2).any(|w| w[0].value != w[1].value);
            let message = format!(
                "{key} is set {} times in {} (lines {}). dotenv for Node, Python and Go uses the last one; Rust's dotenvy uses the first.",
                defs.len(),
                file.name,
                lines
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            let title = format!("{key} set twice in one file");
            let finding = if differ {
                Finding::warn(EnvCode::DuplicateKey, title, message)
            } else {
                Finding::info(EnvCode::DuplicateKey, title, message)
            };
            out.push(
                finding
                    .with_remediation("Keep one line.")
                    .with_details(json!({ "file": file.name, "key": key, "lines": lines })),
            );
        }
    }
    out
}

fn public_prefix_findings(report: &EnvReport) -> Vec<Finding> {
    let mut out = Vec::new();
    for file in &report.files {
        for entry in &file.entries {
            let public = PUBLIC_PREFIXES.iter().find(|p| entry.key.starts_with(**p));
            if let Some(prefix) = public
                && key_environment(core_value(entry)).is_some()
            {
                out.push(
                    Finding::error(
                        EnvCode::ApiKeyPublic,
                        "API key exposed to the browser",
                        format!(
                            "{} at {} holds an API key ({}); variables starting with {prefix} are built into the browser bundle.",
                            entry.key,
                            at(file, entry),
                            entry.fingerprint
                        ),
                    )
                    .with_remediation(format!(
                        "Rename it to {API_KEY_VAR} (server side only), then roll the key in the dashboard if it was ever deployed."
                    ))
                    .with_docs(DASHBOARD_KEYS_URL)
                    .with_details(json!({ "file": file.name, "line": entry.line, "key": entry.key })),
                );
            }
        }
    }
    out
}

fn files_with_secret(report: &EnvReport) -> Vec<&EnvFile> {
    report
        .files
        .iter()
        .filter(|f| {
            f.entries
                .iter()
                .any(|e| e.key.ends_with(API_KEY_VAR) && is_real_key(core_value(e)))
        })
        .collect()
}

fn git_findings(report: &EnvReport, git: &GitFacts) -> Vec<Finding> {
    let mut out = Vec::new();
    let secret_files = files_with_secret(report);
    if let Some(note) = &git.note {
        out.push(
            Finding::info(
                EnvCode::GitCheckUnavailable,
                "git could not be asked",
                format!("{note}. .gitignore files were read directly; whether a file is tracked is unknown."),
            )
            .with_details(json!({ "reason": note })),
        );
    }
    for file in &secret_files {
        if git.is_tracked(&file.name) {
            out.push(tracked_finding(file));
        }
        if !git.is_ignored(&file.name) {
            out.push(not_ignored_finding(report, file, git.source));
        }
    }
    let all_safe = secret_files
        .iter()
        .all(|f| !git.is_tracked(&f.name) && git.is_ignored(&f.name));
    if !secret_files.is_empty() && all_safe {
        let names: Vec<&str> = secret_files.iter().map(|f| f.name.as_str()).collect();
        out.push(
            Finding::pass(
                EnvCode::SecretsGitignored,
                "Secrets stay out of git",
                format!(
                    "{} {} ignored by git and not tracked.",
                    names.join(", "),
                    if names.len() == 1 { "is" } else { "are" }
                ),
            )
            .with_details(json!({ "files": names })),
        );
    }
    out
}

fn tracked_finding(file: &EnvFile) -> Finding {
    Finding::error(
        EnvCode::SecretTrackedByGit,
        "An API key is committed to git",
        format!("{} holds {API_KEY_VAR} and git tracks it, so the key is in your repository history.", file.name),
    )
    .with_remediation(format!(
        "Run `git rm --cached {}` and commit, add it to .gitignore, then roll the API key in the dashboard: \
         removing the file does not remove it from history. The wizard never runs git rm for you.",
        file.name
    ))
    .with_docs(DASHBOARD_KEYS_URL)
    .with_details(json!({ "file": file.name }))
}

fn not_ignored_finding(report: &EnvReport, file: &EnvFile, source: GitSource) -> Finding {
    let how = match source {
        GitSource::Git => "git check-ignore",
        GitSource::GitignoreFiles => "the .gitignore files",
    };
    Finding::error(
        EnvCode::SecretNotGitignored,
        "An env file with an API key is not git-ignored",
        format!("{} holds {API_KEY_VAR}, but according to {how} it is not ignored: the next `git add .` would commit it.", file.name),
    )
    .with_remediation(format!("Add `{}` to the app's .gitignore.", file.name))
    .with_fix(Fix::AddToGitignore { project: report.app_dir.clone(), line: file.name.clone() })
    .with_details(json!({ "file": file.name }))
}
