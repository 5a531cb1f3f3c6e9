//! Checks the answers fake-workos recorded (`--record FILE`, one JSON line per answer)
//! against an OpenAPI document, so a run of the official SDK suites proves every body
//! they received has the shape the SDKs' own models describe.
//!
//! `cargo run -p fake-workos --example check_exchanges -- SPEC.yaml RECORDING.jsonl [OLDER.yaml]`
//!
//! With OLDER (the vendored v0.61 spec), every answer is also judged by it where it still
//! holds: not for a status only SPEC documents, nor for an event list holding an event
//! type OLDER never names. Exits 1 when an answer does not fit, or when nothing was checked.

#[path = "../tests/common/spec.rs"]
mod spec;

use std::collections::BTreeMap;
use std::path::Path;
use std::process::ExitCode;

use serde_json::Value;
use spec::{Fit, Misfit, Spec};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (spec_path, recording, older_path) = match args.as_slice() {
        [spec, recording] => (spec, recording, None),
        [spec, recording, older] => (spec, recording, Some(older)),
        _ => {
            eprintln!("usage: check_exchanges SPEC.yaml RECORDING.jsonl [OLDER.yaml]");
            return ExitCode::from(2);
        }
    };
    let Some(spec) = load(spec_path) else {
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(recording) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("cannot read the recording {recording}: {e}");
            return ExitCode::from(2);
        }
    };
    let tally = check_all(&spec, &text);
    tally.print(spec_path);
    let mut ok = tally.misfits.is_empty() && tally.fitted > 0;
    if let Some(older_path) = older_path {
        let Some(older) = load(older_path) else {
            return ExitCode::from(2);
        };
        let held = check_where_it_holds(&spec, &older, &text);
        held.print(older_path);
        ok &= held.misfits.is_empty() && held.fitted > 0;
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn load(path: &str) -> Option<Spec> {
    Spec::load(Path::new(path))
        .map_err(|e| eprintln!("cannot load the spec: {e}"))
        .ok()
}

/// The answers judged by the older spec too, where it still describes today's API.
#[derive(Default)]
struct Held {
    fitted: usize,
    /// A status only today's spec documents, or an event type the older spec never names.
    moved: usize,
    /// Operations the older spec does not have (finish, organization connections, …).
    newer_operations: usize,
    misfits: Vec<String>,
}

fn check_where_it_holds(today: &Spec, older: &Spec, text: &str) -> Held {
    let mut held = Held::default();
    for (number, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let Ok(exchange) = serde_json::from_str::<Value>(line) else {
            continue;
        };
        let method = exchange["method"].as_str().unwrap_or("");
        let path = exchange["path"].as_str().unwrap_or("");
        let status = exchange["status"].as_u64().unwrap_or(0) as u16;
        let body = Some(&exchange["body"]).filter(|b| !b.is_null());
        let (Some(old_template), Some(new_template)) = (
            older.template_for(method, path),
            today.template_for(method, path),
        ) else {
            held.newer_operations += usize::from(today.template_for(method, path).is_some());
            continue;
        };
        let newer_events = body
            .and_then(|b| b["data"].as_array())
            .is_some_and(|items| {
                items
                    .iter()
                    .filter_map(|item| item["event"].as_str())
                    .any(|name| !older.mentions(name))
            });
        match older.judge(method, &old_template, status, body) {
            Ok(_) => held.fitted += 1,
            Err(Misfit::UndocumentedStatus)
                if today.judge(method, &new_template, status, body).is_ok() =>
            {
                held.moved += 1
            }
            Err(_) if newer_events => held.moved += 1,
            Err(misfit) => {
                let line = describe(number + 1, method, path, status, &misfit, body);
                held.misfits.push(line);
            }
        }
    }
    held
}

impl Held {
    fn print(&self, older_path: &str) {
        println!("Where {older_path} still holds:");
        println!("  {} answers fit it too.", self.fitted);
        println!(
            "  {} answers are where the API moved (a status or event type only today's spec has).",
            self.moved
        );
        println!(
            "  {} answers are of operations it does not have.",
            self.newer_operations
        );
        if self.misfits.is_empty() {
            println!("  0 answers do not fit.");
        } else {
            println!("  {} answers do not fit:", self.misfits.len());
            self.misfits.iter().for_each(|m| println!("  {m}"));
        }
    }
}

#[derive(Default)]
struct Tally {
    /// Bodies validated against their schema.
    fitted: usize,
    /// Answers whose status is documented without a body schema.
    status_only: usize,
    /// Error statuses an operation does not list, with a body in the generic error shape.
    undocumented_errors: BTreeMap<String, usize>,
    /// `METHOD template` → answers that fitted, for the coverage line.
    operations: BTreeMap<String, usize>,
    outside: BTreeMap<String, usize>,
    misfits: Vec<String>,
}

fn check_all(spec: &Spec, text: &str) -> Tally {
    let mut tally = Tally::default();
    for (number, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let Ok(exchange) = serde_json::from_str::<Value>(line) else {
            tally.misfits.push(format!("line {}: not JSON", number + 1));
            continue;
        };
        let method = exchange["method"].as_str().unwrap_or("");
        let path = exchange["path"].as_str().unwrap_or("");
        let status = exchange["status"].as_u64().unwrap_or(0) as u16;
        let Some(template) = spec.template_for(method, path) else {
            *tally
                .outside
                .entry(format!("{method} {}", without_ids(path)))
                .or_default() += 1;
            continue;
        };
        let body = Some(&exchange["body"]).filter(|b| !b.is_null());
        match spec.judge(method, &template, status, body) {
            Ok(fit) => tally.count(fit, format!("{method} {template}"), status),
            Err(misfit) => {
                let line = describe(number + 1, method, path, status, &misfit, body);
                tally.misfits.push(line);
            }
        }
    }
    tally
}

/// `/user_management/users/user_01J…/x` → `/user_management/users/{id}/x`, so the list of
/// calls outside the spec stays short.
fn without_ids(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            let id_like = segment.contains('_') && segment.chars().any(|c| c.is_ascii_digit());
            if id_like { "{id}" } else { segment }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn describe(
    line: usize,
    method: &str,
    path: &str,
    status: u16,
    misfit: &Misfit,
    body: Option<&Value>,
) -> String {
    let why = match misfit {
        Misfit::NoOperation => "no such operation".to_string(),
        Misfit::UndocumentedStatus => format!("the spec documents no {status} here"),
        Misfit::UnexpectedBody => "the spec documents no body".to_string(),
        Misfit::NotJson => "the spec documents a JSON body, none was sent".to_string(),
        Misfit::Schema(errors) => errors.join("; "),
    };
    let body = body.map(Value::to_string).unwrap_or_default();
    let body: String = body.chars().take(400).collect();
    format!("line {line}: {method} {path} {status}: {why}\n    body: {body}")
}

impl Tally {
    fn count(&mut self, fit: Fit, operation: String, status: u16) {
        match fit {
            Fit::Schema => self.fitted += 1,
            Fit::StatusOnly => self.status_only += 1,
            Fit::UndocumentedError => {
                let call = format!("{operation} {status}");
                *self.undocumented_errors.entry(call).or_default() += 1;
            }
        }
        *self.operations.entry(operation).or_default() += 1;
    }

    fn print(&self, spec_path: &str) {
        println!("Answers checked against {spec_path}, by operation:");
        for (operation, count) in &self.operations {
            println!("  {count:>5}  {operation}");
        }
        println!("{} bodies fit their schema.", self.fitted);
        println!(
            "{} answers have a status documented without a schema (only the status was checked).",
            self.status_only
        );
        let undocumented: usize = self.undocumented_errors.values().sum();
        println!(
            "{undocumented} error answers have a status the operation does not list, in the generic error shape:"
        );
        for (call, count) in &self.undocumented_errors {
            println!("  {count:>5}  {call}");
        }
        let outside: usize = self.outside.values().sum();
        println!("{outside} answers are outside that spec (admin, user management, HTML pages):");
        for (call, count) in &self.outside {
            println!("  {count:>5}  {call}");
        }
        if self.misfits.is_empty() {
            println!("0 answers do not fit.");
        } else {
            println!("{} answers do not fit:", self.misfits.len());
            self.misfits.iter().for_each(|m| println!("  {m}"));
        }
    }
}
