//! Every way two redirect URIs differ, named in plain words: characters you cannot see,
//! look-alike letters, then scheme, host, port, path, query and fragment.

use serde::Serialize;
use ts_rs::TS;

use super::parts::{UriParts, default_port};
use crate::foundation::percent;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum DifferenceKind {
    Whitespace,
    InvisibleCharacter,
    LookAlikeCharacter,
    NonAsciiCharacter,
    NotAUri,
    Scheme,
    Userinfo,
    HostCase,
    Subdomain,
    Host,
    DefaultPortWritten,
    Port,
    PercentEncoding,
    TrailingSlash,
    DoubleSlash,
    PathCase,
    SubPath,
    Path,
    Query,
    Fragment,
    /// What the rule forbids whatever the other value says (a query on a WorkOS return URL).
    RuleViolation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct Difference {
    pub kind: DifferenceKind,
    pub message: String,
}

fn difference(kind: DifferenceKind, message: impl Into<String>) -> Difference {
    Difference {
        kind,
        message: message.into(),
    }
}

/// Characters that are there but not seen, with their names.
const INVISIBLE: &[(char, &str)] = &[
    ('\u{200B}', "ZERO WIDTH SPACE"),
    ('\u{200C}', "ZERO WIDTH NON-JOINER"),
    ('\u{200D}', "ZERO WIDTH JOINER"),
    ('\u{2060}', "WORD JOINER"),
    ('\u{FEFF}', "ZERO WIDTH NO-BREAK SPACE (BOM)"),
    ('\u{00A0}', "NO-BREAK SPACE"),
    ('\u{00AD}', "SOFT HYPHEN"),
    ('\u{202F}', "NARROW NO-BREAK SPACE"),
];

/// Letters that look like ASCII ones and are not (the usual copy-paste and phishing set).
const LOOK_ALIKES: &[(char, char, &str)] = &[
    ('\u{0430}', 'a', "CYRILLIC SMALL LETTER A"),
    ('\u{0435}', 'e', "CYRILLIC SMALL LETTER IE"),
    ('\u{043E}', 'o', "CYRILLIC SMALL LETTER O"),
    ('\u{0440}', 'p', "CYRILLIC SMALL LETTER ER"),
    ('\u{0441}', 'c', "CYRILLIC SMALL LETTER ES"),
    ('\u{0445}', 'x', "CYRILLIC SMALL LETTER HA"),
    ('\u{0443}', 'y', "CYRILLIC SMALL LETTER U"),
    (
        '\u{0456}',
        'i',
        "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I",
    ),
    ('\u{03BF}', 'o', "GREEK SMALL LETTER OMICRON"),
    ('\u{0131}', 'i', "LATIN SMALL LETTER DOTLESS I"),
    ('\u{2044}', '/', "FRACTION SLASH"),
    ('\u{2215}', '/', "DIVISION SLASH"),
    ('\u{FF0F}', '/', "FULLWIDTH SOLIDUS"),
    ('\u{FF1A}', ':', "FULLWIDTH COLON"),
    ('\u{2024}', '.', "ONE DOT LEADER"),
    ('\u{2010}', '-', "HYPHEN"),
    ('\u{2011}', '-', "NON-BREAKING HYPHEN"),
    ('\u{2013}', '-', "EN DASH"),
];

/// The differences between the value that must be accepted and the one given.
pub fn differences(expected: &str, actual: &str) -> Vec<Difference> {
    let mut found = Vec::new();
    for (value, label) in [(expected, "expected"), (actual, "actual")] {
        found.extend(hidden_characters(value, label));
    }
    let (clean_expected, clean_actual) = (visible(expected), visible(actual));
    if clean_expected == clean_actual {
        return found;
    }
    match (
        UriParts::split(&clean_expected),
        UriParts::split(&clean_actual),
    ) {
        (Some(e), Some(a)) => found.extend(part_differences(&e, &a)),
        (e, _) => {
            let which = if e.is_none() { "expected" } else { "actual" };
            found.push(difference(
                DifferenceKind::NotAUri,
                format!("The {which} value is not an absolute URI (scheme://host/path)."),
            ));
        }
    }
    found
}

/// The value without surrounding whitespace and invisible characters, for the part-by-part
/// comparison (what was removed is named separately).
fn visible(value: &str) -> String {
    value
        .trim()
        .chars()
        .filter(|c| !INVISIBLE.iter().any(|(i, _)| i == c))
        .collect()
}

fn hidden_characters(value: &str, label: &str) -> Vec<Difference> {
    let mut found = Vec::new();
    if value.trim() != value {
        let at = if value.trim_start() != value {
            "starts"
        } else {
            "ends"
        };
        found.push(difference(
            DifferenceKind::Whitespace,
            format!(
                "The {label} value {at} with whitespace (a space, tab or line break from the copy)."
            ),
        ));
    }
    for (position, ch) in value.trim().chars().enumerate() {
        if let Some((_, name)) = INVISIBLE.iter().find(|(i, _)| *i == ch) {
            found.push(difference(
                DifferenceKind::InvisibleCharacter,
                format!(
                    "The {label} value has an invisible {name} ({}) at character {}.",
                    code_point(ch),
                    position + 1
                ),
            ));
        } else if let Some((_, ascii, name)) = LOOK_ALIKES.iter().find(|(l, _, _)| *l == ch) {
            found.push(difference(
                DifferenceKind::LookAlikeCharacter,
                format!(
                    "The {label} value has {name} ({}) at character {}, which looks like '{ascii}' but is not.",
                    code_point(ch),
                    position + 1
                ),
            ));
        } else if !ch.is_ascii() {
            found.push(difference(
                DifferenceKind::NonAsciiCharacter,
                format!(
                    "The {label} value has the non-ASCII character '{ch}' ({}) at character {}.",
                    code_point(ch),
                    position + 1
                ),
            ));
        } else if ch.is_ascii_control() || ch == ' ' {
            found.push(difference(
                DifferenceKind::Whitespace,
                format!(
                    "The {label} value has a space or control character ({}) at character {}.",
                    code_point(ch),
                    position + 1
                ),
            ));
        }
    }
    found
}

fn code_point(ch: char) -> String {
    format!("U+{:04X}", u32::from(ch))
}

fn part_differences(e: &UriParts, a: &UriParts) -> Vec<Difference> {
    let mut found = Vec::new();
    if e.scheme != a.scheme {
        let message = if e.scheme.eq_ignore_ascii_case(a.scheme) {
            format!(
                "The scheme is written {} instead of {}.",
                a.scheme, e.scheme
            )
        } else {
            format!("The scheme is {} but must be {}.", a.scheme, e.scheme)
        };
        found.push(difference(DifferenceKind::Scheme, message));
    }
    if e.userinfo != a.userinfo {
        found.push(difference(
            DifferenceKind::Userinfo,
            "One value has a user name or password before the host (user@host); the other does not.",
        ));
    }
    found.extend(host_difference(e.host, a.host));
    found.extend(port_difference(e, a));
    found.extend(path_differences(e.path, a.path));
    found.extend(optional_part(
        "query",
        DifferenceKind::Query,
        e.query,
        a.query,
    ));
    found.extend(optional_part(
        "fragment",
        DifferenceKind::Fragment,
        e.fragment,
        a.fragment,
    ));
    found
}

fn host_difference(expected: &str, actual: &str) -> Option<Difference> {
    if expected == actual {
        return None;
    }
    let (e, a) = (expected.to_ascii_lowercase(), actual.to_ascii_lowercase());
    Some(if e == a {
        difference(
            DifferenceKind::HostCase,
            format!(
                "The host is written {actual} instead of {expected} (only upper/lower case differs)."
            ),
        )
    } else if e.ends_with(&format!(".{a}")) {
        difference(
            DifferenceKind::Subdomain,
            format!("The expected host {expected} is a subdomain of {actual}."),
        )
    } else if a.ends_with(&format!(".{e}")) {
        difference(
            DifferenceKind::Subdomain,
            format!("The host {actual} is a subdomain of the expected {expected}."),
        )
    } else {
        difference(
            DifferenceKind::Host,
            format!("The host is {actual} but must be {expected}."),
        )
    })
}

fn port_difference(e: &UriParts, a: &UriParts) -> Option<Difference> {
    if e.port == a.port {
        return None;
    }
    if e.effective_port() == a.effective_port() {
        let written = e.port.or(a.port).unwrap_or_default();
        let which = if a.port.is_some() {
            "actual"
        } else {
            "expected"
        };
        return Some(difference(
            DifferenceKind::DefaultPortWritten,
            format!(
                "The {which} value writes the default port :{written} of {}; the other leaves it out. Exact matching sees two different strings.",
                e.scheme
            ),
        ));
    }
    let show = |p: &UriParts| match (p.port, default_port(p.scheme)) {
        (Some(port), _) => port.to_string(),
        (None, Some(default)) => format!("{default} (the default)"),
        (None, None) => "none".to_string(),
    };
    Some(difference(
        DifferenceKind::Port,
        format!("The port is {} but must be {}.", show(a), show(e)),
    ))
}

fn path_differences(expected: &str, actual: &str) -> Vec<Difference> {
    if expected == actual {
        return Vec::new();
    }
    let decoded = (percent::decode(expected), percent::decode(actual));
    if matches!(&decoded, (Some(e), Some(a)) if e == a) {
        return vec![difference(
            DifferenceKind::PercentEncoding,
            format!(
                "The path is percent-encoded differently: {actual} against {expected} (they decode to the same text, but are compared as written)."
            ),
        )];
    }
    let mut found = Vec::new();
    let (e, a) = (expected.trim_end_matches('/'), actual.trim_end_matches('/'));
    if expected.ends_with('/') != actual.ends_with('/') {
        let which = if actual.ends_with('/') {
            "has"
        } else {
            "lacks"
        };
        found.push(difference(
            DifferenceKind::TrailingSlash,
            format!("The actual path {which} a trailing slash: {actual} against {expected}."),
        ));
    }
    let (e, a) = (collapse_slashes(e), collapse_slashes(a));
    if (e != expected.trim_end_matches('/') || a != actual.trim_end_matches('/')) && e == a {
        found.push(difference(
            DifferenceKind::DoubleSlash,
            "One path has a double slash (//) where the other has one.",
        ));
    }
    if e == a {
        return found;
    }
    found.push(if e.eq_ignore_ascii_case(&a) {
        difference(
            DifferenceKind::PathCase,
            format!("The path differs only in upper/lower case: {actual} against {expected}. Paths are case-sensitive."),
        )
    } else if is_sub_path(&e, &a) {
        difference(
            DifferenceKind::SubPath,
            format!("The expected path {expected} is below the actual path {actual}."),
        )
    } else {
        difference(
            DifferenceKind::Path,
            format!("The path is {} but must be {}.", or_empty(actual), or_empty(expected)),
        )
    });
    found
}

/// `child` is `parent` or a directory below it (`/a/b` under `/a`, not `/ab`).
pub fn is_sub_path(child: &str, parent: &str) -> bool {
    let parent = parent.trim_end_matches('/');
    child == parent
        || child
            .strip_prefix(parent)
            .is_some_and(|rest| rest.starts_with('/'))
}

fn optional_part(
    name: &str,
    kind: DifferenceKind,
    expected: Option<&str>,
    actual: Option<&str>,
) -> Option<Difference> {
    let mark = if kind == DifferenceKind::Fragment {
        '#'
    } else {
        '?'
    };
    let message = match (expected, actual) {
        (e, a) if e == a => return None,
        (None, Some(a)) => {
            format!("The actual value has a {name} ({mark}{a}) that the expected one does not.")
        }
        (Some(e), None) => format!("The actual value lacks the {name} {e}."),
        (Some(e), Some(a)) => format!("The {name} is {a} but must be {e}."),
        (None, None) => return None,
    };
    Some(difference(kind, message))
}

fn collapse_slashes(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for ch in path.chars() {
        if !(ch == '/' && out.ends_with('/')) {
            out.push(ch);
        }
    }
    out
}

fn or_empty(path: &str) -> &str {
    if path.is_empty() { "(empty)" } else { path }
}
