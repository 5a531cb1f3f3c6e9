//! Monorepos: which workspace tools the root declares and which folders they claim as members.

use std::path::Path;

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Serialize;
use ts_rs::TS;

use super::manifests::read_small;

/// How the root declares its members. Empty `tools` means "not a declared monorepo"
/// (it may still hold several apps side by side).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, TS)]
pub struct WorkspaceInfo {
    /// e.g. `npm workspaces`, `pnpm`, `lerna`, `nx`, `turbo`, `cargo`, `go work`.
    pub tools: Vec<String>,
    /// Member globs as written (`apps/*`, `!apps/legacy`).
    pub patterns: Vec<String>,
}

impl WorkspaceInfo {
    pub fn is_declared(&self) -> bool {
        !self.tools.is_empty()
    }
}

/// Reads every workspace declaration the root folder has.
pub fn detect(root: &Path) -> WorkspaceInfo {
    let mut info = WorkspaceInfo::default();
    if let Some(patterns) = read_small(&root.join("package.json")).and_then(|t| npm_patterns(&t)) {
        info.tools.push("npm workspaces".into());
        info.patterns.extend(patterns);
    }
    if let Some(text) = read_small(&root.join("pnpm-workspace.yaml")) {
        info.tools.push("pnpm".into());
        info.patterns.extend(pnpm_patterns(&text));
    }
    if let Some(text) = read_small(&root.join("lerna.json")) {
        info.tools.push("lerna".into());
        info.patterns
            .extend(json_string_array(&text, "packages").unwrap_or_default());
    }
    for (file, tool) in [("nx.json", "nx"), ("turbo.json", "turbo")] {
        if root.join(file).is_file() {
            info.tools.push(tool.into());
        }
    }
    if let Some(patterns) = read_small(&root.join("Cargo.toml")).and_then(|t| cargo_patterns(&t)) {
        info.tools.push("cargo".into());
        info.patterns.extend(patterns);
    }
    if let Some(text) = read_small(&root.join("go.work")) {
        info.tools.push("go work".into());
        info.patterns.extend(go_work_patterns(&text));
    }
    info.patterns.dedup();
    info
}

/// `"workspaces": [...]` or `"workspaces": {"packages": [...]}` (Yarn classic).
fn npm_patterns(package_json: &str) -> Option<Vec<String>> {
    let value: serde_json::Value = serde_json::from_str(package_json).ok()?;
    let workspaces = value.get("workspaces")?;
    let list = workspaces
        .as_array()
        .or_else(|| workspaces.get("packages")?.as_array())?;
    Some(
        list.iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
    )
}

fn json_string_array(text: &str, field: &str) -> Option<Vec<String>> {
    let value: serde_json::Value = serde_json::from_str(text).ok()?;
    let list = value.get(field)?.as_array()?;
    Some(
        list.iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
    )
}

/// The one shape pnpm documents: a `packages:` key followed by `- 'glob'` items.
/// A YAML library would be overkill for it.
fn pnpm_patterns(text: &str) -> Vec<String> {
    let mut in_packages = false;
    let mut patterns = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if !line.starts_with([' ', '\t', '-']) {
            in_packages = trimmed.starts_with("packages:");
            continue;
        }
        if let Some(item) = trimmed.strip_prefix('-').filter(|_| in_packages) {
            let item = strip_yaml_comment(item.trim());
            patterns.push(item.trim_matches(['"', '\'']).to_string());
        }
    }
    patterns
}

fn strip_yaml_comment(item: &str) -> &str {
    match item.find(" #") {
        Some(at) => item[..at].trim_end(),
        None => item,
    }
}

fn cargo_patterns(cargo_toml: &str) -> Option<Vec<String>> {
    let table: toml::Table = cargo_toml.parse().ok()?;
    let workspace = table.get("workspace")?;
    let strings = |key: &str| -> Vec<String> {
        workspace
            .get(key)
            .and_then(toml::Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let excluded = strings("exclude").into_iter().map(|p| format!("!{p}"));
    Some(strings("members").into_iter().chain(excluded).collect())
}

/// `use ./api` or a `use ( ... )` block.
fn go_work_patterns(text: &str) -> Vec<String> {
    let mut in_block = false;
    let mut patterns = Vec::new();
    for line in text
        .lines()
        .map(|l| l.split("//").next().unwrap_or("").trim())
    {
        if in_block {
            if line == ")" {
                in_block = false;
            } else if !line.is_empty() {
                patterns.push(line.to_string());
            }
        } else if let Some(rest) = line.strip_prefix("use") {
            let rest = rest.trim();
            if rest == "(" {
                in_block = true;
            } else if !rest.is_empty() {
                patterns.push(rest.to_string());
            }
        }
    }
    patterns
}

/// Decides whether a folder (relative, `/`-separated) is a declared member.
pub struct MemberMatcher {
    include: GlobSet,
    exclude: GlobSet,
}

impl MemberMatcher {
    pub fn new(patterns: &[String]) -> Self {
        let mut include = GlobSetBuilder::new();
        let mut exclude = GlobSetBuilder::new();
        for pattern in patterns {
            let (builder, pattern) = match pattern.strip_prefix('!') {
                Some(negated) => (&mut exclude, negated),
                None => (&mut include, pattern.as_str()),
            };
            // `apps/*` must not claim `apps/web/e2e`: `*` stops at `/` as in npm and pnpm.
            let glob = GlobBuilder::new(&normalize_pattern(pattern))
                .literal_separator(true)
                .build();
            if let Ok(glob) = glob {
                builder.add(glob);
            }
        }
        Self {
            include: include.build().unwrap_or_else(|_| GlobSet::empty()),
            exclude: exclude.build().unwrap_or_else(|_| GlobSet::empty()),
        }
    }

    pub fn is_member(&self, dir: &str) -> bool {
        self.include.is_match(dir) && !self.exclude.is_match(dir)
    }
}

fn normalize_pattern(pattern: &str) -> String {
    let pattern = pattern
        .trim()
        .trim_start_matches("./")
        .trim_end_matches('/');
    if pattern.is_empty() {
        ".".to_string()
    } else {
        pattern.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn npm_workspaces_as_array_or_object() {
        assert_eq!(
            npm_patterns(r#"{"workspaces":["apps/*"]}"#).unwrap(),
            ["apps/*"]
        );
        assert_eq!(
            npm_patterns(r#"{"workspaces":{"packages":["packages/*"],"nohoist":["x"]}}"#).unwrap(),
            ["packages/*"]
        );
        assert_eq!(npm_patterns(r#"{"name":"x"}"#), None);
    }

    #[test]
    fn pnpm_packages_list() {
        let yaml = "packages:\n  - 'apps/*'\n  - \"packages/**\" # libs\n  - '!**/test/**'\ncatalog:\n  - not-this\n";
        assert_eq!(
            pnpm_patterns(yaml),
            ["apps/*", "packages/**", "!**/test/**"]
        );
    }

    #[test]
    fn cargo_members_and_excludes() {
        let toml = "[workspace]\nmembers = [\"crates/*\"]\nexclude = [\"crates/old\"]\n";
        assert_eq!(cargo_patterns(toml).unwrap(), ["crates/*", "!crates/old"]);
        assert_eq!(cargo_patterns("[package]\nname = \"x\"\n"), None);
    }

    #[test]
    fn go_work_use_lines_and_blocks() {
        let text = "go 1.22\n\nuse ./tools\nuse (\n\t./api // main\n\t./worker\n)\n";
        assert_eq!(go_work_patterns(text), ["./tools", "./api", "./worker"]);
    }

    #[test]
    fn member_matcher_honours_negation_and_dot_slash() {
        let matcher = MemberMatcher::new(&["./apps/*".into(), "!apps/legacy".into()]);
        assert!(matcher.is_member("apps/web"));
        assert!(!matcher.is_member("apps/legacy"));
        assert!(!matcher.is_member("tools/x"));
        assert!(!matcher.is_member("apps/web/e2e"));
    }
}
