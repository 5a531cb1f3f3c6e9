//! `pipes-doctor`: Pipes Setup's pre-flight checks without a window.

mod args;
mod key;
mod output;
mod progress;
mod report;
mod run;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = args::Args::parse();
    match run::run(&args) {
        Ok(report) => {
            output::print(&report, args.json);
            ExitCode::from(report.exit_code())
        }
        Err(error) => {
            eprintln!("pipes-doctor: {error}");
            ExitCode::from(report::EXIT_INTERNAL)
        }
    }
}
