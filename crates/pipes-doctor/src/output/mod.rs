//! Printing a report: for people (`human`) or for tools and support (`json`).

mod human;
mod json;

use std::io::{IsTerminal, Write};

use pipes_core::checks::CheckStatus;

use crate::report::Report;

/// Prints the report on stdout. A closed pipe (`| head`) is not an error worth a panic.
pub fn print(report: &Report, as_json: bool) {
    let text = if as_json {
        json::render(report)
    } else {
        human::render(report, Style::for_stdout())
    };
    let mut stdout = std::io::stdout().lock();
    let _ = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush());
}

pub fn mark(status: CheckStatus) -> &'static str {
    match status {
        CheckStatus::Passed => "✔",
        CheckStatus::Warned => "!",
        CheckStatus::Failed => "✘",
        CheckStatus::Errored => "⚠",
        CheckStatus::TimedOut => "⏱",
        CheckStatus::Skipped => "–",
    }
}

/// "12 ms" below a second, "1.5 s" from there on.
pub fn format_duration(ms: u64) -> String {
    if ms < 1000 {
        format!("{ms} ms")
    } else {
        format!("{:.1} s", ms as f64 / 1000.0)
    }
}

/// ANSI colour, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    colour: bool,
}

pub const GREEN: &str = "32";
pub const YELLOW: &str = "33";
pub const RED: &str = "31";
pub const DIM: &str = "2";
pub const BOLD: &str = "1";

impl Style {
    #[cfg(test)]
    pub const PLAIN: Style = Style { colour: false };

    /// Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org).
    pub fn for_stdout() -> Self {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Self {
            colour: std::io::stdout().is_terminal() && !no_color,
        }
    }

    pub fn paint(self, text: &str, code: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_switch_to_seconds_at_one_second() {
        assert_eq!(format_duration(999), "999 ms");
        assert_eq!(format_duration(1000), "1.0 s");
        assert_eq!(format_duration(15_049), "15.0 s");
    }

    #[test]
    fn plain_style_adds_no_escape_codes() {
        assert_eq!(Style::PLAIN.paint("x", RED), "x");
        assert_eq!(Style { colour: true }.paint("x", RED), "\x1b[31mx\x1b[0m");
    }
}
