//! `pipes-doctor`: Pipes Setup's pre-flight checks without a window.

mod args;
mod compare_redirect;
mod key;
mod output;
mod progress;
mod report;
mod run;
mod snippet;
mod verify_signature;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let args = args::Args::parse();
    if let Some(args::Command::CompareRedirect {
        expected,
        actual,
        provider,
        return_url,
        json,
    }) = &args.command
    {
        return ExitCode::from(compare_redirect::run(&compare_redirect::CompareArgs {
            expected,
            actual,
            provider: provider.as_deref(),
            return_url: *return_url,
            json: *json,
        }));
    }
    if let Some(args::Command::VerifySignature {
        header,
        body_file,
        json,
    }) = &args.command
    {
        return ExitCode::from(verify_signature::run(&verify_signature::VerifyArgs {
            header,
            body_file,
            json: *json,
        }));
    }
    if let Some(args::Command::Snippet {
        language,
        provider,
        return_url,
    }) = &args.command
    {
        return ExitCode::from(snippet::run(language, provider, return_url));
    }
    if let Some(args::Command::WebhookSnippet { language, path }) = &args.command {
        return ExitCode::from(snippet::run_webhook(language, path));
    }
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
