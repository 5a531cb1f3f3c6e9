use std::path::PathBuf;

use clap::{Parser, Subcommand};

/// Runs Pipes Setup's pre-flight checks on a project, without a window.
///
/// Exit codes: 0 no errors, 1 a check found an error (or could not finish),
/// 2 a usage or internal error.
#[derive(Debug, Parser)]
#[command(
    name = "pipes-doctor",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Args {
    #[command(subcommand)]
    pub command: Option<Command>,

    /// The project folder to check.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub project: PathBuf,

    /// The app inside a monorepo, as a path relative to the project (e.g. apps/web).
    #[arg(long, value_name = "PATH")]
    pub app: Option<String>,

    /// Print one JSON document (schema 1) on stdout instead of the human report.
    #[arg(long)]
    pub json: bool,

    /// Skip the checks that need the network.
    #[arg(long)]
    pub offline: bool,

    /// Also run the OS keychain self-test.
    #[arg(long)]
    pub keychain: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Compares a redirect URI with the one it must match: every difference named, and the
    /// verdict under the provider's rule. Exit code 0 when it will be accepted, 1 otherwise.
    ///
    /// Provider leg: EXPECTED is the integration's redirect_uri (what WorkOS sends), ACTUAL
    /// what the provider's OAuth app holds. App leg (--return-url): EXPECTED a redirect URI
    /// registered with WorkOS, ACTUAL your app's return URL.
    CompareRedirect {
        expected: String,
        actual: String,
        /// The provider's slug (github, google-drive, microsoft-teams, …): its matching rule.
        #[arg(long, value_name = "SLUG")]
        provider: Option<String>,
        /// Use WorkOS's rule for registered return URLs instead of a provider's.
        #[arg(long, conflicts_with = "provider")]
        return_url: bool,
        /// Print one JSON document (schema 1).
        #[arg(long)]
        json: bool,
    },
    /// Checks a webhook's WorkOS-Signature against its raw body, with the secret from
    /// WORKOS_WEBHOOK_SECRET (never printed). Exit code 0 valid, 1 invalid (the reason is
    /// printed), 2 a usage error or no secret.
    VerifySignature {
        /// The WorkOS-Signature header's value: t=<unix ms>, v1=<hex>.
        #[arg(long, value_name = "HEADER")]
        header: String,
        /// The raw request body as received (`-` for stdin).
        #[arg(long, value_name = "FILE")]
        body_file: PathBuf,
        /// Print one JSON document (schema 1).
        #[arg(long)]
        json: bool,
    },
    /// Prints the code for your app: today's secure flow with the official SDK (authorize with
    /// a code challenge → your return URL route → finish → access token), ready to paste.
    Snippet {
        /// node or python
        language: String,
        /// The integration's slug (github, slack, google-drive, …).
        provider: String,
        /// Your app's return URL, as registered with WorkOS.
        return_url: String,
    },
    /// Prints your app's webhook route: verify the raw body with the official SDK, then one
    /// branch per Pipes event.
    WebhookSnippet {
        /// node or python
        language: String,
        /// The route's path.
        #[arg(default_value = "/webhooks/workos")]
        path: String,
    },
}

impl Args {
    /// The app path as the project scan spells it: no leading `./`, no trailing `/`.
    pub fn app_path(&self) -> Option<String> {
        let raw = self.app.as_deref()?.trim();
        let path = raw.trim_start_matches("./").trim_end_matches('/');
        Some(if path.is_empty() { "." } else { path }.to_string())
    }
}
