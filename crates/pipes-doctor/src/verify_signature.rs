//! `pipes-doctor verify-signature --header H --body-file F`: the signature tester for CI and
//! support. The secret comes from `WORKOS_WEBHOOK_SECRET` only (never an argument, so it stays
//! out of shell history and process lists) and is never printed.

use std::io::{Read, Write};
use std::path::Path;
use std::time::SystemTime;

use pipes_core::foundation::sensitive::Sensitive;
use pipes_core::steps::webhooks::signature;
use pipes_core::steps::webhooks::verdict::VerdictView;
use serde_json::json;

use crate::report::{EXIT_INTERNAL, EXIT_OK, EXIT_PROBLEMS};

/// Where the secret is read from.
pub const SECRET_VARIABLE: &str = "WORKOS_WEBHOOK_SECRET";

pub struct VerifyArgs<'a> {
    pub header: &'a str,
    /// `-` reads the body from stdin.
    pub body_file: &'a Path,
    pub json: bool,
}

/// Prints the verdict; 0 valid, 1 invalid (with the reason), 2 no secret or no body.
pub fn run(args: &VerifyArgs) -> u8 {
    let Some(secret) = std::env::var(SECRET_VARIABLE)
        .ok()
        .filter(|s| !s.is_empty())
    else {
        eprintln!(
            "pipes-doctor: set {SECRET_VARIABLE} to the endpoint's secret (whsec_…); it is read from there only"
        );
        return EXIT_INTERNAL;
    };
    let body = match read_body(args.body_file) {
        Ok(body) => body,
        Err(e) => {
            eprintln!(
                "pipes-doctor: cannot read the body from {}: {e}",
                args.body_file.display()
            );
            return EXIT_INTERNAL;
        }
    };
    let verdict = signature::verify(
        args.header,
        &body,
        &Sensitive::new(secret),
        SystemTime::now(),
    )
    .view();
    let text = if args.json {
        let document = json!({"schema": 1, "tool": "pipes-doctor", "verdict": verdict});
        format!("{document:#}\n")
    } else {
        human(&verdict)
    };
    let _ = std::io::stdout().write_all(text.as_bytes());
    if verdict.valid {
        EXIT_OK
    } else {
        EXIT_PROBLEMS
    }
}

/// The raw bytes, exactly as saved: no newline trimmed, no re-encoding.
fn read_body(path: &Path) -> std::io::Result<Vec<u8>> {
    if path == Path::new("-") {
        let mut body = Vec::new();
        std::io::stdin().read_to_end(&mut body)?;
        return Ok(body);
    }
    std::fs::read(path)
}

fn human(verdict: &VerdictView) -> String {
    match (&verdict.code, &verdict.next_step) {
        (Some(code), Some(next_step)) => {
            format!("INVALID  {code}\n  {}\n  → {next_step}\n", verdict.message)
        }
        _ => format!("VALID  {}\n", verdict.message),
    }
}
