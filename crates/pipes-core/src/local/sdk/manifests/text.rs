//! Line-based manifests: go.mod, Gemfile, mix.exs.

use super::Declared;
use crate::local::sdk::ecosystems::GO_MODULE_BASE;

pub(super) fn quoted_strings(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = line;
    while let Some(start) = rest.find(['"', '\'']) {
        let quote = rest[start..].chars().next().unwrap_or('"');
        let after = &rest[start + 1..];
        let Some(end) = after.find(quote) else { break };
        out.push(after[..end].to_string());
        rest = &after[end + 1..];
    }
    out
}

/// `require github.com/workos/workos-go/v6 v6.3.0`, alone or inside a `require (…)` block.
pub(super) fn go_mod(text: &str, file: &str) -> Option<Declared> {
    text.lines().find_map(|line| {
        let line = line.split("//").next()?.trim();
        let line = line.strip_prefix("require").map_or(line, str::trim);
        let mut tokens = line.split_whitespace();
        let module = tokens.next()?;
        let version = tokens.next()?;
        is_workos_go_module(module).then(|| Declared {
            module: Some(module.to_string()),
            ..Declared::new(version, file)
        })
    })
}

/// `github.com/workos/workos-go` or `github.com/workos/workos-go/vN`, nothing else.
pub(in crate::local::sdk) fn is_workos_go_module(module: &str) -> bool {
    match module.strip_prefix(GO_MODULE_BASE) {
        Some("") => true,
        Some(suffix) => suffix
            .strip_prefix("/v")
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit())),
        None => false,
    }
}

/// `gem 'workos', '~> 7.0', '>= 7.1'` → `~> 7.0, >= 7.1`.
pub(super) fn gemfile(text: &str, package: &str) -> Option<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| l.starts_with("gem ") || l.starts_with("gem("))
        .find_map(|line| {
            let strings = quoted_strings(line.split('#').next().unwrap_or(""));
            let (name, rest) = strings.split_first()?;
            (name == package).then(|| {
                rest.iter()
                    .filter(|s| {
                        s.trim_start()
                            .starts_with(|c: char| c.is_ascii_digit() || "<>=~!".contains(c))
                    })
                    .cloned()
                    .collect::<Vec<_>>()
                    .join(", ")
            })
        })
}

/// `{:workos, "~> 1.0"}` in mix.exs.
pub(super) fn mix_exs(text: &str, package: &str) -> Option<String> {
    let start = text.find(&format!("{{:{package},"))?;
    let tuple = &text[start..];
    let tuple = &tuple[..tuple.find('}').unwrap_or(tuple.len())];
    Some(quoted_strings(tuple).into_iter().next().unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_modules_are_matched_exactly() {
        assert!(is_workos_go_module("github.com/workos/workos-go/v6"));
        assert!(is_workos_go_module("github.com/workos/workos-go"));
        assert!(!is_workos_go_module("github.com/workos/workos-go-extra"));
        assert!(!is_workos_go_module(
            "github.com/workos/workos-go/v6; rm -rf /"
        ));
        let found = go_mod(
            "module x\n\nrequire (\n\tgithub.com/workos/workos-go/v6 v6.3.0 // indirect\n)\n",
            "go.mod",
        )
        .unwrap();
        assert_eq!(found.requirement, "v6.3.0");
        assert_eq!(
            found.module.as_deref(),
            Some("github.com/workos/workos-go/v6")
        );
    }

    #[test]
    fn gemfile_and_mix_lines() {
        assert_eq!(
            gemfile(
                "gem 'rails'\ngem \"workos\", \"~> 7.0\", require: false\n",
                "workos"
            )
            .as_deref(),
            Some("~> 7.0")
        );
        assert_eq!(gemfile("gem 'workos'\n", "workos").as_deref(), Some(""));
        assert_eq!(
            mix_exs("[{:jason, \"~> 1.4\"}, {:workos, \"~> 1.1\"}]", "workos").as_deref(),
            Some("~> 1.1")
        );
    }
}
