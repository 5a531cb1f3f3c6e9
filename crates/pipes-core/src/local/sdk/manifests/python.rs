//! Python requirements: requirements*.txt, pyproject.toml (PEP 621, Poetry, dependency groups), Pipfile, setup.py.

use super::text::quoted_strings;

/// `workos[extra]>=5.38,<6 ; python_version >= "3.8"` → `>=5.38,<6` when the name matches.
pub(super) fn pep508_requirement(spec: &str, package: &str) -> Option<String> {
    let spec = spec.split(';').next()?.trim();
    let name_len = spec
        .find(|c: char| !(c.is_ascii_alphanumeric() || "-_.".contains(c)))
        .unwrap_or(spec.len());
    let (name, rest) = spec.split_at(name_len);
    if normalize_python_name(name) != package {
        return None;
    }
    let rest = rest.trim_start();
    let rest = match rest.strip_prefix('[') {
        Some(after) => after.split_once(']').map_or("", |(_, r)| r),
        None => rest,
    };
    Some(
        rest.trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .trim()
            .to_string(),
    )
}

pub(super) fn normalize_python_name(name: &str) -> String {
    name.to_ascii_lowercase().replace(['_', '.'], "-")
}

pub(super) fn requirements_txt(text: &str, package: &str) -> Option<String> {
    text.lines()
        .map(|line| line.split(" #").next().unwrap_or("").trim())
        .filter(|line| !line.is_empty() && !line.starts_with(['#', '-']))
        .find_map(|line| pep508_requirement(line, package))
}

pub(super) fn pyproject(doc: &toml::Table, package: &str) -> Option<String> {
    let project = doc.get("project");
    let pep621 = project
        .and_then(|p| p.get("dependencies"))
        .into_iter()
        .chain(
            project
                .and_then(|p| p.get("optional-dependencies"))
                .and_then(|o| o.as_table())
                .into_iter()
                .flat_map(|t| t.values()),
        );
    let groups = doc
        .get("dependency-groups")
        .and_then(|g| g.as_table())
        .into_iter()
        .flat_map(|t| t.values());
    let from_lists = pep621
        .chain(groups)
        .filter_map(|list| list.as_array())
        .flatten()
        .filter_map(|item| item.as_str())
        .find_map(|spec| pep508_requirement(spec, package));
    from_lists.or_else(|| poetry(doc, package))
}

pub(super) fn poetry(doc: &toml::Table, package: &str) -> Option<String> {
    let poetry = doc.get("tool")?.get("poetry")?;
    let groups = poetry
        .get("group")
        .and_then(|g| g.as_table())
        .into_iter()
        .flat_map(|t| t.values());
    let tables = [poetry.get("dependencies"), poetry.get("dev-dependencies")]
        .into_iter()
        .flatten()
        .chain(groups.filter_map(|g| g.get("dependencies")));
    tables
        .filter_map(|t| t.as_table())
        .find_map(|t| dependency_version(t, package))
}

pub(super) fn pipfile(doc: &toml::Table, package: &str) -> Option<String> {
    ["packages", "dev-packages"]
        .iter()
        .filter_map(|s| doc.get(*s)?.as_table())
        .find_map(|t| dependency_version(t, package))
}

/// `name = "1.2"` or `name = { version = "1.2", … }` in a TOML table; a table without a
/// version (git, path, workspace) is an empty requirement.
pub(super) fn dependency_version(table: &toml::Table, package: &str) -> Option<String> {
    let value = table
        .iter()
        .find(|(k, _)| normalize_python_name(k) == package || k.as_str() == package)?
        .1;
    Some(match value {
        toml::Value::String(s) => s.clone(),
        toml::Value::Table(t) => t
            .get("version")
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string(),
        _ => String::new(),
    })
}

/// Quoted strings in setup.py that are a requirement for `package`.
pub(super) fn setup_py(text: &str, package: &str) -> Option<String> {
    quoted_strings(text)
        .into_iter()
        .find_map(|s| pep508_requirement(&s, package))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pep508_strings() {
        assert_eq!(
            pep508_requirement("workos>=5.38,<6", "workos").as_deref(),
            Some(">=5.38,<6")
        );
        assert_eq!(
            pep508_requirement("WorkOS[async] ==5.40.0 ; python_version>'3.8'", "workos")
                .as_deref(),
            Some("==5.40.0")
        );
        assert_eq!(pep508_requirement("workos", "workos").as_deref(), Some(""));
        assert_eq!(pep508_requirement("workos-extra==1", "workos"), None);
    }
}
