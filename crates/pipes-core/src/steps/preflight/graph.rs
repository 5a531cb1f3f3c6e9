use std::sync::Arc;
use std::time::Duration;

use serde_json::json;

use super::context::PreflightContext;
use crate::checks::Check;
use crate::checks::finding::Finding;
use crate::codes::{KeyCode, ProjectCode};
use crate::local::envfiles::{self, Framework, GIT_TIMEOUT};
use crate::local::project::{self, ScanOptions};
use crate::local::sdk;
use crate::workos::{self, WorkosConnection};

/// The check ids, for dependents and for callers that look results up.
pub mod ids {
    pub const PROJECT: &str = "project";
    pub const ENV_FILES: &str = "env_files";
    pub const SDK: &str = "sdk";
    pub const KEYCHAIN: &str = "keychain";
    pub const API_KEY: &str = "api_key";
    pub const CLIENT_ID: &str = "client_id";
    pub const HEALTH: &str = "health";
    pub const KEY_VALID: &str = "key_valid";
}

const LOCAL: Duration = Duration::from_secs(30);
const LIVE: Duration = Duration::from_secs(15);

/// The pre-flight graph. Local checks first; the live ones are skipped when `offline`.
pub fn checks(ctx: &PreflightContext) -> Vec<Check<PreflightContext>> {
    let mut checks = vec![
        Check::new(ids::PROJECT, "Project folder", LOCAL, project_check),
        Check::new(ids::ENV_FILES, "Env files", LOCAL, env_check)
            .needs(&[ids::PROJECT])
            .skip_when(until_an_app_is_chosen),
        Check::new(ids::SDK, "WorkOS SDK", LOCAL, sdk_check)
            .needs(&[ids::PROJECT])
            .skip_when(until_an_app_is_chosen),
        // These read what the env files hold, even when that check found problems.
        Check::new(ids::API_KEY, "API key", LOCAL, api_key_check).after(&[ids::ENV_FILES]),
        Check::new(ids::CLIENT_ID, "Client id", LOCAL, client_id_check).after(&[ids::ENV_FILES]),
    ];
    if ctx.input.keychain.is_some() {
        // Past the keychain's own 3 s limit per call, so its own timeout finding wins.
        checks.push(Check::new(
            ids::KEYCHAIN,
            "OS keychain",
            Duration::from_secs(12),
            keychain_check,
        ));
    }
    let health = Check::new(ids::HEALTH, "WorkOS reachable", LIVE, health_check);
    let key_valid = Check::new(ids::KEY_VALID, "API key accepted", LIVE, key_valid_check)
        .needs(&[ids::HEALTH, ids::API_KEY]);
    if ctx.input.offline {
        checks.push(health.skip_because("offline"));
        checks.push(key_valid.skip_because("offline"));
    } else {
        checks.push(health);
        checks.push(key_valid);
    }
    checks
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> T + Send + 'static,
) -> Result<T, String> {
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| format!("the check crashed: {e}"))
}

async fn project_check(ctx: Arc<PreflightContext>) -> Result<Vec<Finding>, String> {
    let root = ctx.input.project_root.clone();
    let scan = blocking(move || project::scan(&root, &ScanOptions::default())).await?;
    let mut findings = scan.findings.clone();
    if let Some(path) = ctx
        .input
        .app_path
        .as_deref()
        .filter(|p| scan.app(p).is_none())
    {
        findings.push(unknown_app(&scan, path));
    }
    if !findings
        .iter()
        .any(|f| f.severity == crate::Severity::Error)
    {
        findings.insert(0, project_summary(&scan, ctx.input.app_path.as_deref()));
    }
    let _ = ctx.scan.set(scan);
    Ok(findings)
}

fn unknown_app(scan: &project::ProjectScan, path: &str) -> Finding {
    let apps: Vec<&str> = scan.apps.iter().map(|a| a.path.as_str()).collect();
    Finding::error(
        ProjectCode::AppNotFound,
        "No such app in this folder",
        format!(
            "There is no app at {path}. The apps found are: {}.",
            apps.join(", ")
        ),
    )
    .with_remediation("Pick one of the apps found, or choose the app's own folder.")
}

fn until_an_app_is_chosen(ctx: &PreflightContext) -> Option<String> {
    ctx.waiting_for_app()
        .then(|| "pick the app first (the folder is a monorepo)".to_string())
}

fn project_summary(scan: &project::ProjectScan, chosen: Option<&str>) -> Finding {
    if scan.is_monorepo() && chosen.is_none() {
        return pick_an_app(scan);
    }
    let apps: Vec<&str> = scan
        .apps
        .iter()
        .filter(|a| !a.workspace_root)
        .map(|a| a.path.as_str())
        .collect();
    let details = json!({ "apps": apps, "entries_seen": scan.stats.entries_seen, "elapsed_ms": scan.stats.elapsed_ms });
    let which = match chosen.or_else(|| scan.suggested_app().map(|a| a.path.as_str())) {
        None | Some(".") => "the app at the folder's root".to_string(),
        Some(path) => format!("the app in {path}"),
    };
    Finding::pass(
        ProjectCode::Ok,
        "Project folder read",
        format!(
            "Walked {} files and folders; checking {which}.",
            scan.stats.entries_seen
        ),
    )
    .with_details(details)
}

/// One finding for a monorepo's root: the apps once, the most likely first, and how to go on.
fn pick_an_app(scan: &project::ProjectScan) -> Finding {
    let ranked = project::rank_candidates(scan);
    let (libraries, apps): (Vec<_>, Vec<_>) = ranked.iter().partition(|c| c.library);
    let likely = apps.first().filter(|c| !c.ties.is_empty());
    let listed = |list: &[&project::Candidate]| {
        list.iter()
            .map(|c| c.path.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut message = match likely {
        Some(best) => format!(
            "Found {} apps. Most likely the one for WorkOS: {} ({}).",
            apps.len(),
            best.path,
            best.ties.join(", ")
        ),
        None => format!(
            "Found {} apps, none tied to WorkOS yet (no WORKOS_ variables in an env file, no SDK in a manifest): {}.",
            apps.len(),
            listed(&apps)
        ),
    };
    if likely.is_some() && apps.len() > 1 {
        message.push_str(&format!(" The others: {}.", listed(&apps[1..])));
    }
    if !libraries.is_empty() {
        message.push_str(&format!(
            " {} library packages were left out.",
            libraries.len()
        ));
    }
    let example = likely
        .or(apps.first())
        .map_or("apps/web", |c| c.path.as_str());
    Finding::warn(
        ProjectCode::MonorepoPickApp,
        "Several apps in this folder: pick the one that talks to WorkOS",
        message,
    )
    .with_remediation(format!(
        "Choose it in the list of apps, or on the command line: pipes-doctor --project {} --app {example}",
        shell_word(&scan.root)
    ))
    .with_details(json!({
        "most_likely": likely.map(|c| c.path.as_str()),
        "apps": apps,
        "libraries": libraries.iter().map(|c| c.path.as_str()).collect::<Vec<_>>(),
    }))
}

/// `path` as one shell word: quoted when it holds anything but plain path characters.
fn shell_word(path: &str) -> String {
    let plain = path
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/._-~".contains(c));
    if plain {
        path.to_string()
    } else {
        format!("'{}'", path.replace('\'', r"'\''"))
    }
}

async fn env_check(ctx: Arc<PreflightContext>) -> Result<Vec<Finding>, String> {
    let app_dir = ctx.app_dir();
    let root = ctx.project_root().to_path_buf();
    let check = blocking(move || {
        let framework = Framework::detect(&app_dir);
        envfiles::check(&app_dir, &root, framework, GIT_TIMEOUT)
    })
    .await?;
    let findings = check.findings.clone();
    let _ = ctx.env.set(check);
    Ok(findings)
}

async fn sdk_check(ctx: Arc<PreflightContext>) -> Result<Vec<Finding>, String> {
    let app_dir = ctx.app_dir();
    let report = blocking(move || sdk::detect_sdk(&app_dir)).await?;
    let findings = report.findings.clone();
    let _ = ctx.sdk.set(report);
    Ok(findings)
}

async fn keychain_check(ctx: Arc<PreflightContext>) -> Result<Vec<Finding>, String> {
    let keychain = ctx.input.keychain.clone().ok_or("no keychain given")?;
    Ok(vec![keychain.self_test().await])
}

async fn api_key_check(ctx: Arc<PreflightContext>) -> Result<Vec<Finding>, String> {
    let Some(resolved) = ctx.resolve_key() else {
        return Ok(vec![
            Finding::error(KeyCode::Missing, "No API key to check", "No WORKOS_API_KEY was found for this project.")
                .with_remediation(
                    "Paste your key in Pre-flight (it is kept in the OS keychain), or add WORKOS_API_KEY to .env.local.",
                ),
        ]);
    };
    let mut finding = workos::key_environment_finding(resolved.key.expose());
    finding.message = format!("{} (from {})", finding.message, resolved.source.describe());
    let _ = ctx.key.set(resolved);
    Ok(vec![finding])
}

async fn client_id_check(ctx: Arc<PreflightContext>) -> Result<Vec<Finding>, String> {
    Ok(vec![workos::check_client_id(ctx.client_id().as_deref())])
}

fn connection(ctx: &PreflightContext) -> WorkosConnection {
    let key = ctx
        .key
        .get()
        .map(|k| k.key.clone())
        .unwrap_or_else(|| crate::foundation::sensitive::Sensitive::new(String::new()));
    WorkosConnection::new(&ctx.input.base_url, &key)
}

async fn health_check(ctx: Arc<PreflightContext>) -> Result<Vec<Finding>, String> {
    Ok(vec![workos::check_health(&connection(&ctx)).await])
}

async fn key_valid_check(ctx: Arc<PreflightContext>) -> Result<Vec<Finding>, String> {
    Ok(vec![workos::check_key(&connection(&ctx)).await])
}
