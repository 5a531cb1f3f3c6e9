//! A character-level diff of two URIs (longest common subsequence), as the side-by-side view
//! draws it: runs that are the same, only expected, or only in the actual value.

use serde::Serialize;
use ts_rs::TS;

/// Longer inputs are diffed as one replaced run: a redirect URI is never this long.
pub const MAX_DIFF_CHARS: usize = 2048;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    Same,
    /// In the expected value only (missing from the actual one).
    Missing,
    /// In the actual value only.
    Extra,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct DiffSegment {
    pub kind: SegmentKind,
    pub text: String,
}

pub fn char_diff(expected: &str, actual: &str) -> Vec<DiffSegment> {
    let a: Vec<char> = expected.chars().collect();
    let b: Vec<char> = actual.chars().collect();
    if a.len() > MAX_DIFF_CHARS || b.len() > MAX_DIFF_CHARS {
        return vec![
            segment(SegmentKind::Missing, &a),
            segment(SegmentKind::Extra, &b),
        ]
        .into_iter()
        .filter(|s| !s.text.is_empty())
        .collect();
    }
    let lengths = lcs_table(&a, &b);
    let mut out: Vec<DiffSegment> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        let (kind, ch) = if i < a.len() && j < b.len() && a[i] == b[j] {
            i += 1;
            j += 1;
            (SegmentKind::Same, a[i - 1])
        } else if j < b.len() && (i == a.len() || lengths[i][j + 1] >= lengths[i + 1][j]) {
            j += 1;
            (SegmentKind::Extra, b[j - 1])
        } else {
            i += 1;
            (SegmentKind::Missing, a[i - 1])
        };
        push(&mut out, kind, ch);
    }
    readable(out)
}

/// Same runs of one or two characters inside a change ("o" in "[-data-integrati]o[-ns]")
/// are shown as part of the change, and each change reads removed-then-added.
fn readable(segments: Vec<DiffSegment>) -> Vec<DiffSegment> {
    let changed = |s: Option<&DiffSegment>| s.is_some_and(|s| s.kind != SegmentKind::Same);
    let mut out: Vec<DiffSegment> = Vec::new();
    let mut missing = String::new();
    let mut extra = String::new();
    for (i, segment) in segments.iter().enumerate() {
        let short_gap = segment.kind == SegmentKind::Same
            && segment.text.chars().count() <= 2
            && changed(i.checked_sub(1).and_then(|p| segments.get(p)))
            && changed(segments.get(i + 1));
        match segment.kind {
            SegmentKind::Same if !short_gap => {
                flush(&mut out, &mut missing, &mut extra);
                out.push(segment.clone());
            }
            SegmentKind::Same => {
                missing.push_str(&segment.text);
                extra.push_str(&segment.text);
            }
            SegmentKind::Missing => missing.push_str(&segment.text),
            SegmentKind::Extra => extra.push_str(&segment.text),
        }
    }
    flush(&mut out, &mut missing, &mut extra);
    out
}

fn flush(out: &mut Vec<DiffSegment>, missing: &mut String, extra: &mut String) {
    for (kind, text) in [(SegmentKind::Missing, missing), (SegmentKind::Extra, extra)] {
        if !text.is_empty() {
            out.push(DiffSegment {
                kind,
                text: std::mem::take(text),
            });
        }
    }
}

/// `lengths[i][j]` = the LCS length of `a[i..]` and `b[j..]`.
fn lcs_table(a: &[char], b: &[char]) -> Vec<Vec<u16>> {
    let mut lengths = vec![vec![0u16; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lengths[i][j] = if a[i] == b[j] {
                lengths[i + 1][j + 1] + 1
            } else {
                lengths[i + 1][j].max(lengths[i][j + 1])
            };
        }
    }
    lengths
}

fn push(out: &mut Vec<DiffSegment>, kind: SegmentKind, ch: char) {
    match out.last_mut() {
        Some(last) if last.kind == kind => last.text.push(ch),
        _ => out.push(DiffSegment {
            kind,
            text: ch.to_string(),
        }),
    }
}

fn segment(kind: SegmentKind, chars: &[char]) -> DiffSegment {
    DiffSegment {
        kind,
        text: chars.iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(segments: &[DiffSegment]) -> String {
        segments
            .iter()
            .map(|s| match s.kind {
                SegmentKind::Same => s.text.clone(),
                SegmentKind::Missing => format!("[-{}]", s.text),
                SegmentKind::Extra => format!("[+{}]", s.text),
            })
            .collect()
    }

    #[test]
    fn a_trailing_slash_and_a_changed_port_are_marked() {
        let diff = char_diff("http://127.0.0.1:3000/cb", "http://127.0.0.1:3001/cb/");
        assert_eq!(render(&diff), "http://127.0.0.1:300[-0][+1]/cb[+/]");
    }

    #[test]
    fn a_different_path_reads_as_one_change() {
        let diff = char_diff(
            "https://api.workos.com/data-integrations/github/dik_1/callback",
            "https://api.workos.com/sso/oauth/redirect",
        );
        let rendered = render(&diff);
        assert!(
            rendered.starts_with("https://api.workos.com/"),
            "{rendered}"
        );
        assert!(rendered.matches("[-").count() <= 3, "{rendered}");
    }

    #[test]
    fn equal_inputs_are_one_same_run() {
        assert_eq!(render(&char_diff("abc", "abc")), "abc");
        assert!(char_diff("", "").is_empty());
    }

    #[test]
    fn huge_inputs_do_not_build_a_huge_table() {
        let long = "x".repeat(MAX_DIFF_CHARS + 1);
        assert_eq!(char_diff(&long, "y").len(), 2);
    }
}
