//! The version a lockfile resolved the WorkOS SDK to.

use super::ecosystems::Ecosystem;
use super::files::{AppFolder, FileRole, check_nesting};
use super::manifests::is_workos_go_module;

/// A concrete version and the file it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Resolved {
    pub version: String,
    pub file: String,
}

/// Lockfiles per ecosystem, in the order they are consulted.
pub(super) fn lockfile_names(ecosystem: Ecosystem) -> &'static [&'static str] {
    match ecosystem {
        Ecosystem::Node => &[
            "package-lock.json",
            "npm-shrinkwrap.json",
            "pnpm-lock.yaml",
            "yarn.lock",
            "bun.lock",
        ],
        Ecosystem::Python => &["poetry.lock", "uv.lock", "Pipfile.lock"],
        Ecosystem::Go => &["go.sum"],
        Ecosystem::Ruby => &["Gemfile.lock"],
        Ecosystem::Php => &["composer.lock"],
        Ecosystem::Jvm => &["gradle.lockfile"],
        Ecosystem::Dotnet => &["packages.lock.json"],
        Ecosystem::Elixir => &["mix.lock"],
        Ecosystem::Rust => &["Cargo.lock"],
    }
}

/// The resolved version, from the app folder's lockfile or, for ecosystems with workspaces
/// (npm/yarn/pnpm/bun, Cargo, uv), the workspace root's. The nearest folder that has a
/// lockfile decides. `go_module` is the declared Go module (`…/workos-go/v6`): go.sum is
/// only asked about that one.
pub(super) fn locked(
    folder: &mut AppFolder,
    ecosystem: Ecosystem,
    package: &str,
    go_module: Option<&str>,
) -> Option<Resolved> {
    for prefix in search_prefixes(folder, ecosystem) {
        let present: Vec<&str> = lockfile_names(ecosystem)
            .iter()
            .copied()
            .filter(|name| folder.has(&format!("{prefix}{name}")))
            .collect();
        if !present.is_empty() {
            return present
                .into_iter()
                .find_map(|name| locked_in(folder, &prefix, name, package, go_module));
        }
    }
    None
}

/// The app folder, then the roots of workspaces it belongs to (npm/yarn/pnpm/bun, Cargo, uv):
/// folders up to the repository root whose manifest declares a workspace.
pub(super) fn search_prefixes(folder: &AppFolder, ecosystem: Ecosystem) -> Vec<String> {
    folder
        .workspace_prefixes()
        .iter()
        .filter(|prefix| prefix.is_empty() || is_workspace_root(folder, prefix, ecosystem))
        .cloned()
        .collect()
}

fn is_workspace_root(folder: &AppFolder, prefix: &str, ecosystem: Ecosystem) -> bool {
    let manifest = |name: &str| {
        folder
            .read_quietly(&format!("{prefix}{name}"))
            .unwrap_or_default()
    };
    match ecosystem {
        Ecosystem::Node => {
            folder.has(&format!("{prefix}pnpm-workspace.yaml"))
                || serde_json::from_str::<serde_json::Value>(&manifest("package.json"))
                    .is_ok_and(|doc| doc.get("workspaces").is_some())
        }
        Ecosystem::Rust => manifest("Cargo.toml")
            .lines()
            .any(|l| l.trim() == "[workspace]"),
        Ecosystem::Python => manifest("pyproject.toml").contains("[tool.uv.workspace]"),
        _ => false,
    }
}

fn locked_in(
    folder: &mut AppFolder,
    prefix: &str,
    name: &str,
    package: &str,
    go_module: Option<&str>,
) -> Option<Resolved> {
    let file = format!("{prefix}{name}");
    let text = folder.read(&file, FileRole::Lockfile)?;
    let version = match name {
        "package-lock.json" | "npm-shrinkwrap.json" => package_lock(&text, package),
        "pnpm-lock.yaml" => Ok(pnpm_lock(&text, package)),
        "yarn.lock" => Ok(yarn_lock(&text, package)),
        "bun.lock" => Ok(bun_lock(&text, package)),
        "poetry.lock" | "uv.lock" | "Cargo.lock" => toml_packages(&text, package),
        "Pipfile.lock" => pipfile_lock(&text, package),
        "go.sum" => Ok(go_sum(&text, go_module?)),
        "Gemfile.lock" => Ok(gemfile_lock(&text, package)),
        "composer.lock" => composer_lock(&text, package),
        "gradle.lockfile" => Ok(gradle_lockfile(&text)),
        "packages.lock.json" => packages_lock_json(&text, package),
        "mix.lock" => Ok(mix_lock(&text, package)),
        _ => Ok(None),
    };
    match version {
        Ok(version) => version.map(|version| Resolved { version, file }),
        Err(reason) => {
            folder.problem(FileRole::Lockfile, &file, reason);
            None
        }
    }
}

fn json(text: &str) -> Result<serde_json::Value, String> {
    serde_json::from_str(text).map_err(|e| format!("is not valid JSON: {e}"))
}

fn package_lock(text: &str, package: &str) -> Result<Option<String>, String> {
    let doc = json(text)?;
    let v2 = doc
        .get("packages")
        .and_then(|p| p.get(format!("node_modules/{package}")));
    let v1 = doc.get("dependencies").and_then(|d| d.get(package));
    Ok(v2
        .or(v1)
        .and_then(|p| p.get("version"))
        .and_then(|v| v.as_str())
        .map(str::to_string))
}

/// pnpm lockfile v5 (`/pkg/1.2.3:`), v6 (`/pkg@1.2.3:`) and v9 (`'pkg@1.2.3':`) package keys.
fn pnpm_lock(text: &str, package: &str) -> Option<String> {
    text.lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .find_map(|line| {
            let key = line
                .trim()
                .trim_end_matches(':')
                .trim_matches(['\'', '"'])
                .trim_start_matches('/');
            let rest = key.strip_prefix(package)?;
            let version = rest.strip_prefix('@').or_else(|| rest.strip_prefix('/'))?;
            let version: String = version
                .chars()
                .take_while(|c| !matches!(c, '(' | '_' | ':'))
                .collect();
            version
                .starts_with(|c: char| c.is_ascii_digit())
                .then_some(version)
        })
}

/// Yarn classic (`version "1.2.3"`) and Berry (`version: 1.2.3`).
fn yarn_lock(text: &str, package: &str) -> Option<String> {
    let mut in_entry = false;
    for line in text.lines() {
        if !line.starts_with(' ') && line.ends_with(':') {
            in_entry = line
                .trim_end_matches(':')
                .split(',')
                .map(|d| d.trim().trim_matches('"'))
                .any(|d| {
                    d.strip_prefix(package)
                        .is_some_and(|rest| rest.starts_with('@'))
                });
        } else if in_entry && let Some(version) = line.trim().strip_prefix("version") {
            return Some(
                version
                    .trim_start_matches(':')
                    .trim()
                    .trim_matches('"')
                    .to_string(),
            );
        }
    }
    None
}

/// bun.lock (text): `"pkg": ["pkg@1.2.3", …]`.
fn bun_lock(text: &str, package: &str) -> Option<String> {
    let needle = format!("[\"{package}@");
    let start = text.find(&needle)? + needle.len();
    let version: String = text[start..].chars().take_while(|c| *c != '"').collect();
    (!version.is_empty()).then_some(version)
}

/// `[[package]] name = "…" version = "…"` in poetry.lock, uv.lock and Cargo.lock.
fn toml_packages(text: &str, package: &str) -> Result<Option<String>, String> {
    check_nesting(text)?;
    let doc: toml::Table = text
        .parse()
        .map_err(|e: toml::de::Error| format!("is not valid TOML: {}", e.message()))?;
    let packages = doc.get("package").and_then(|p| p.as_array());
    Ok(packages
        .into_iter()
        .flatten()
        .find(|p| {
            p.get("name")
                .and_then(|n| n.as_str())
                .is_some_and(|n| n.eq_ignore_ascii_case(package))
        })
        .and_then(|p| p.get("version")?.as_str().map(str::to_string)))
}

fn pipfile_lock(text: &str, package: &str) -> Result<Option<String>, String> {
    let doc = json(text)?;
    Ok(["default", "develop"].iter().find_map(|s| {
        let version = doc.get(*s)?.get(package)?.get("version")?.as_str()?;
        Some(version.trim_start_matches("==").to_string())
    }))
}

/// go.sum has a line per module version downloaded; the one go.mod requires is the one in use.
fn go_sum(text: &str, module: &str) -> Option<String> {
    if !is_workos_go_module(module) {
        return None;
    }
    text.lines().find_map(|line| {
        let mut tokens = line.split_whitespace();
        (tokens.next()? == module).then(|| {
            tokens
                .next()
                .map(|v| v.trim_end_matches("/go.mod").to_string())
        })?
    })
}

/// `    workos (7.1.0)` under `specs:` (four spaces: a resolved gem, not a dependency line).
fn gemfile_lock(text: &str, package: &str) -> Option<String> {
    let prefix = format!("    {package} (");
    text.lines().find_map(|line| {
        let rest = line.strip_prefix(&prefix)?;
        Some(
            rest.trim_end_matches(')')
                .split('-')
                .next()
                .unwrap_or(rest)
                .to_string(),
        )
    })
}

fn composer_lock(text: &str, package: &str) -> Result<Option<String>, String> {
    let doc = json(text)?;
    Ok(["packages", "packages-dev"].iter().find_map(|s| {
        let entry = doc
            .get(*s)?
            .as_array()?
            .iter()
            .find(|p| p.get("name").and_then(|n| n.as_str()) == Some(package))?;
        entry.get("version")?.as_str().map(str::to_string)
    }))
}

/// `com.workos:workos:5.1.0=compileClasspath,runtimeClasspath`.
fn gradle_lockfile(text: &str) -> Option<String> {
    text.lines().find_map(|line| {
        Some(
            line.strip_prefix("com.workos:workos:")?
                .split('=')
                .next()?
                .to_string(),
        )
    })
}

/// NuGet `packages.lock.json`: `dependencies.<framework>.<package>.resolved`.
fn packages_lock_json(text: &str, package: &str) -> Result<Option<String>, String> {
    let doc = json(text)?;
    let frameworks = doc.get("dependencies").and_then(|d| d.as_object());
    Ok(frameworks
        .into_iter()
        .flat_map(|f| f.values())
        .find_map(|deps| {
            let (_, entry) = deps
                .as_object()?
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(package))?;
            entry.get("resolved")?.as_str().map(str::to_string)
        }))
}

/// `"workos": {:hex, :workos, "1.1.2", …}`.
fn mix_lock(text: &str, package: &str) -> Option<String> {
    let needle = format!("\"{package}\": {{:hex, :{package}, \"");
    let start = text.find(&needle)? + needle.len();
    Some(text[start..].chars().take_while(|c| *c != '"').collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yarn_classic_and_berry() {
        let classic = "\"@workos-inc/node@^7.80.0\":\n  version \"7.81.2\"\n  resolved \"x\"\n";
        assert_eq!(
            yarn_lock(classic, "@workos-inc/node").as_deref(),
            Some("7.81.2")
        );
        let berry = "\"@workos-inc/node-extra@npm:^1\":\n  version: 1.0.0\n\n\"@workos-inc/node@npm:^7.70.0\":\n  version: 7.70.1\n";
        assert_eq!(
            yarn_lock(berry, "@workos-inc/node").as_deref(),
            Some("7.70.1")
        );
    }

    #[test]
    fn pnpm_lockfile_versions() {
        let v9 = "packages:\n\n  '@workos-inc/node@7.82.0':\n    resolution: {integrity: x}\n";
        assert_eq!(pnpm_lock(v9, "@workos-inc/node").as_deref(), Some("7.82.0"));
        let v6 = "packages:\n  /@workos-inc/node@7.60.0(encoding@0.1.13):\n    resolution: x\n";
        assert_eq!(pnpm_lock(v6, "@workos-inc/node").as_deref(), Some("7.60.0"));
        let v5 = "packages:\n  /@workos-inc/node/6.1.0:\n    resolution: x\n";
        assert_eq!(pnpm_lock(v5, "@workos-inc/node").as_deref(), Some("6.1.0"));
    }

    #[test]
    fn small_formats() {
        assert_eq!(
            gemfile_lock(
                "GEM\n  specs:\n    workos (7.1.0)\n      encryptor (~> 3.0)\n",
                "workos"
            )
            .as_deref(),
            Some("7.1.0")
        );
        assert_eq!(
            mix_lock(
                "%{\n  \"workos\": {:hex, :workos, \"1.1.2\", \"abc\"},\n}",
                "workos"
            )
            .as_deref(),
            Some("1.1.2")
        );
        assert_eq!(
            go_sum("github.com/workos/workos-go/v6 v6.3.0 h1:x=\ngithub.com/workos/workos-go/v6 v6.3.0/go.mod h1:y=\n", "github.com/workos/workos-go/v6").as_deref(),
            Some("v6.3.0")
        );
        assert_eq!(bun_lock("{\n \"packages\": {\n  \"@workos-inc/node\": [\"@workos-inc/node@7.80.1\", \"\", {}],\n }\n}", "@workos-inc/node").as_deref(), Some("7.80.1"));
        assert_eq!(
            gradle_lockfile("com.workos:workos:5.1.0=compileClasspath\n").as_deref(),
            Some("5.1.0")
        );
    }
}
