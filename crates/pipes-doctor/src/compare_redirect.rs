//! `pipes-doctor compare-redirect EXPECTED ACTUAL`: one redirect URI against the one it must
//! match, every difference named, and the verdict under the provider's rule.

use pipes_core::steps::dashboard::redirect_uri::{
    self, DiffSegment, RedirectComparison, SegmentKind, Verdict,
};
use serde_json::json;
use std::io::Write;

use crate::report::{EXIT_OK, EXIT_PROBLEMS};

pub struct CompareArgs<'a> {
    pub expected: &'a str,
    pub actual: &'a str,
    pub provider: Option<&'a str>,
    pub return_url: bool,
    pub json: bool,
}

/// Prints the comparison; the exit code is 0 when the matcher will accept `actual`.
pub fn run(args: &CompareArgs) -> u8 {
    let rule = redirect_uri::rule_for(args.provider, args.return_url);
    let comparison = redirect_uri::compare_redirect(args.expected, args.actual, rule);
    let text = if args.json {
        let document = json!({"schema": 1, "tool": "pipes-doctor", "comparison": comparison});
        format!("{document:#}\n")
    } else {
        human(&comparison)
    };
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().write_all(text.as_bytes());
    match comparison.verdict {
        Verdict::WillFail => EXIT_PROBLEMS,
        Verdict::ExactMatch | Verdict::Accepted => EXIT_OK,
    }
}

fn human(c: &RedirectComparison) -> String {
    let verdict = match c.verdict {
        Verdict::ExactMatch => "EXACT MATCH",
        Verdict::Accepted => "ACCEPTED by this rule (not identical)",
        Verdict::WillFail => "WILL FAIL",
    };
    let mut out = format!(
        "Expected  {}\nActual    {}\nDiff      {}\nRule      {}: {}\n          {}\nVerdict   {verdict}\n",
        c.expected,
        c.actual,
        render(&c.diff),
        c.rule.name,
        c.rule.summary,
        c.rule.source_url,
    );
    for difference in &c.differences {
        out.push_str(&format!("  - {}\n", difference.message));
    }
    out
}

/// `[-missing]` and `[+extra]` around what differs, the rest as it is.
fn render(diff: &[DiffSegment]) -> String {
    diff.iter()
        .map(|s| match s.kind {
            SegmentKind::Same => s.text.clone(),
            SegmentKind::Missing => format!("[-{}]", s.text.escape_default()),
            SegmentKind::Extra => format!("[+{}]", s.text.escape_default()),
        })
        .collect()
}
