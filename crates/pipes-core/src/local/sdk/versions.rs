//! Versions and requirements from nine ecosystems, read leniently into `semver`.
//!
//! A requirement (`^7.80.0`, `~=5.38`, `~> 7.0`, `>=5,<6`, `[5.0,)`, `6.+`) is rewritten
//! into semver comparator syntax and parsed by `semver::VersionReq`; what we need from it is
//! the lowest version it admits, the one a fresh resolve could still pick in the worst case.

use semver::{Comparator, Op, Version, VersionReq};

/// The lowest version a requirement admits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Lowest {
    Version(Version),
    /// Any version will do (`*`, `latest`, `<8`, no version at all).
    Unbounded,
    /// Not a version requirement we understand (a git URL, a path, a tag).
    Unknown,
}

/// A single version, leniently: `v5.0.1`, `5.38`, `6.3.0+incompatible`, `3.0.0.1`, `5.38.0rc1`.
pub(super) fn parse_version(raw: &str) -> Option<Version> {
    let raw = raw.trim().trim_start_matches(['v', 'V', '=']).trim();
    let numeric_len = raw
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(raw.len());
    let (numbers, rest) = raw.split_at(numeric_len);
    let parts: Vec<u64> = numbers
        .split('.')
        .filter(|p| !p.is_empty())
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    if parts.is_empty() {
        return None;
    }
    let mut version = Version::new(
        parts[0],
        *parts.get(1).unwrap_or(&0),
        *parts.get(2).unwrap_or(&0),
    );
    version.pre = pre_release(rest);
    Some(version)
}

/// `-beta.1`, `rc1`, `.dev0` → a semver pre-release; build metadata (`+incompatible`) is dropped.
fn pre_release(rest: &str) -> semver::Prerelease {
    let tag = rest
        .split('+')
        .next()
        .unwrap_or("")
        .trim_start_matches(['-', '.']);
    let cleaned: String = tag
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '-')
        .collect();
    semver::Prerelease::new(&cleaned).unwrap_or(semver::Prerelease::EMPTY)
}

pub(super) fn lowest_admitted(requirement: &str) -> Lowest {
    let req = requirement.trim();
    if req.is_empty() || matches!(req, "*" | "x" | "latest" | "+" | "LATEST" | "RELEASE") {
        return Lowest::Unbounded;
    }
    if req.starts_with(['[', '(']) {
        return lowest_of_interval(req);
    }
    let mut lowest: Option<Lowest> = None;
    for alternative in req.split("||") {
        let this = lowest_of_alternative(alternative);
        lowest = Some(match (lowest, this) {
            (None, this) => this,
            (Some(Lowest::Unknown), _) | (_, Lowest::Unknown) => Lowest::Unknown,
            (Some(Lowest::Unbounded), _) | (_, Lowest::Unbounded) => Lowest::Unbounded,
            (Some(Lowest::Version(a)), Lowest::Version(b)) => Lowest::Version(a.min(b)),
        });
    }
    lowest.unwrap_or(Lowest::Unknown)
}

/// One `||` alternative: its lower bounds all apply, so the highest of them wins.
fn lowest_of_alternative(alternative: &str) -> Lowest {
    let Some(semver_req) = to_semver_syntax(alternative) else {
        return Lowest::Unknown;
    };
    let Ok(req) = VersionReq::parse(&semver_req) else {
        return Lowest::Unknown;
    };
    req.comparators
        .iter()
        .filter_map(lower_bound)
        .max()
        .map_or(Lowest::Unbounded, Lowest::Version)
}

/// Rewrites one alternative into comma-separated semver comparators. Operators from PEP 440
/// (`==`, `~=`), Bundler/Hex (`~>`) and Gradle (`5.+`) become their semver lower-bound twins;
/// upper bounds keep their meaning or are dropped (they never raise the lowest version).
fn to_semver_syntax(alternative: &str) -> Option<String> {
    let tokens = tokenize(alternative);
    if tokens.is_empty() {
        return Some("*".into());
    }
    if let [from, dash, _to] = tokens.as_slice()
        && dash == "-"
    {
        return Some(format!(">={}", semver_version_text(from)?));
    }
    let mut comparators = Vec::new();
    for token in tokens {
        let (op, version) = split_operator(&token);
        let mapped_op = match op {
            "" | "=" | "==" | "===" => "=",
            "~=" | "~>" | ">=" => ">=",
            "^" | "~" | ">" | "<" | "<=" => op,
            "!=" => continue,
            _ => return None,
        };
        let text = semver_version_text(version)?;
        // A bare partial version (`7`, `7.x`) is a range in npm, Cargo and Composer: leave it
        // bare and semver reads it as one.
        let partial = text.contains(['*', 'x']) || text.split('.').count() < 3;
        if mapped_op == "=" && partial {
            comparators.push(text);
        } else {
            comparators.push(format!("{mapped_op}{text}"));
        }
    }
    Some(comparators.join(", "))
}

fn tokenize(alternative: &str) -> Vec<String> {
    let mut tokens: Vec<String> = Vec::new();
    let mut pending_op = String::new();
    for piece in alternative.replace(',', " ").split_whitespace() {
        if piece.chars().all(|c| "<>=!~^".contains(c)) {
            pending_op.push_str(piece);
        } else {
            tokens.push(format!("{}{piece}", std::mem::take(&mut pending_op)));
        }
    }
    tokens
}

fn split_operator(token: &str) -> (&str, &str) {
    let op_len = token
        .find(|c: char| !"<>=!~^".contains(c))
        .unwrap_or(token.len());
    token.split_at(op_len)
}

/// A version as semver's comparator parser accepts it: at most three parts, `+` → `*`.
fn semver_version_text(version: &str) -> Option<String> {
    let version = version.trim().trim_start_matches(['v', 'V']);
    if version.is_empty() {
        return None;
    }
    let (core, pre) = match version
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '*' || c == 'x' || c == '+'))
    {
        Some(i) => version.split_at(i),
        None => (version, ""),
    };
    let parts: Vec<&str> = core
        .trim_end_matches('.')
        .split('.')
        .take(3)
        .map(|p| if p == "+" { "*" } else { p })
        .collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || !(p.chars().all(|c| c.is_ascii_digit()) || *p == "*" || *p == "x"))
    {
        return None;
    }
    let pre = pre_release(pre);
    if pre.is_empty() || parts.len() < 3 {
        Some(parts.join("."))
    } else {
        Some(format!("{}-{pre}", parts.join(".")))
    }
}

/// Maven and NuGet intervals: `[5.0,)`, `(4.9,6.0]`, `[3.0.0]`.
fn lowest_of_interval(req: &str) -> Lowest {
    let exclusive = req.starts_with('(');
    let inner = req.trim_start_matches(['[', '(']);
    let lower = inner
        .split(',')
        .next()
        .unwrap_or("")
        .trim()
        .trim_end_matches([']', ')']);
    if lower.is_empty() {
        return Lowest::Unbounded;
    }
    match parse_version(lower) {
        Some(v) if exclusive => Lowest::Version(Version::new(v.major, v.minor, v.patch + 1)),
        Some(v) => Lowest::Version(v),
        None => Lowest::Unknown,
    }
}

fn lower_bound(c: &Comparator) -> Option<Version> {
    let minor = c.minor.unwrap_or(0);
    let patch = c.patch.unwrap_or(0);
    let mut version = match c.op {
        Op::Exact | Op::GreaterEq | Op::Tilde | Op::Caret | Op::Wildcard => {
            Version::new(c.major, minor, patch)
        }
        Op::Greater => match (c.minor, c.patch) {
            (Some(minor), Some(patch)) => Version::new(c.major, minor, patch + 1),
            (Some(minor), None) => Version::new(c.major, minor + 1, 0),
            _ => Version::new(c.major + 1, 0, 0),
        },
        _ => return None,
    };
    if matches!(c.op, Op::Exact | Op::GreaterEq | Op::Tilde | Op::Caret) {
        version.pre = c.pre.clone();
    }
    Some(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lowest(req: &str) -> String {
        match lowest_admitted(req) {
            Lowest::Version(v) => v.to_string(),
            Lowest::Unbounded => "any".into(),
            Lowest::Unknown => "unknown".into(),
        }
    }

    #[test]
    fn npm_cargo_and_composer_ranges() {
        assert_eq!(lowest("^7.80.0"), "7.80.0");
        assert_eq!(lowest("~7.77.1"), "7.77.1");
        assert_eq!(lowest("7.x"), "7.0.0");
        assert_eq!(lowest("7"), "7.0.0");
        assert_eq!(lowest(">=7.0.0 <8"), "7.0.0");
        assert_eq!(lowest("^6.0.0 || ^7.80.0"), "6.0.0");
        assert_eq!(lowest("7.70.0 - 7.90.0"), "7.70.0");
        assert_eq!(lowest(">7.76.0"), "7.76.1");
        assert_eq!(lowest("8.0.0-beta.2"), "8.0.0-beta.2");
        assert_eq!(lowest("v5.0.1"), "5.0.1");
        assert_eq!(lowest("*"), "any");
        assert_eq!(lowest("<8.0.0"), "any");
        assert_eq!(lowest("latest"), "any");
    }

    #[test]
    fn python_ruby_and_elixir_operators() {
        assert_eq!(lowest("~=5.38"), "5.38.0");
        assert_eq!(lowest("==5.40.1"), "5.40.1");
        assert_eq!(lowest(">=5.38,<6"), "5.38.0");
        assert_eq!(lowest("!=5.39.0, >= 5.37"), "5.37.0");
        assert_eq!(lowest("~> 7.0"), "7.0.0");
        assert_eq!(lowest(">= 6.2, < 8"), "6.2.0");
    }

    #[test]
    fn maven_nuget_and_gradle_forms() {
        assert_eq!(lowest("[5.0,)"), "5.0.0");
        assert_eq!(lowest("(4.9.0,6.0]"), "4.9.1");
        assert_eq!(lowest("[,6.0)"), "any");
        assert_eq!(lowest("5.+"), "5.0.0");
        assert_eq!(lowest("3.0.0.1"), "3.0.0");
    }

    #[test]
    fn non_versions_are_unknown() {
        assert_eq!(lowest("github:workos/workos-node"), "unknown");
        assert_eq!(lowest("file:../workos"), "unknown");
        assert_eq!(lowest("git+https://x/y.git"), "unknown");
    }

    #[test]
    fn lenient_single_versions() {
        assert_eq!(
            parse_version("v6.3.0+incompatible").unwrap().to_string(),
            "6.3.0"
        );
        assert_eq!(parse_version("5.38").unwrap().to_string(), "5.38.0");
        assert_eq!(
            parse_version("5.38.0rc1").unwrap().to_string(),
            "5.38.0-rc1"
        );
        assert!(parse_version("5.38.0rc1").unwrap() < parse_version("5.38.0").unwrap());
        assert_eq!(
            parse_version("v6.0.0-20230101120000-abcdef123456")
                .unwrap()
                .to_string(),
            "6.0.0-20230101120000-abcdef123456"
        );
        assert_eq!(parse_version("banana"), None);
    }
}
