//! What git thinks of the env files: tracked or not, ignored or not.
//!
//! Asks the real `git` (with a timeout, so a hung credential helper or a huge repo cannot stall the
//! wizard); outside a repository, or without git, falls back to the `ignore` crate's matcher over
//! the `.gitignore` files from the project root down to the app.

use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use ignore::gitignore::GitignoreBuilder;
use serde::Serialize;
use ts_rs::TS;

pub const GIT_TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum GitSource {
    /// Answers came from `git` in a repository.
    Git,
    /// Not a repository (or git unusable): `.gitignore` files were matched directly.
    GitignoreFiles,
}

/// Env file names (relative to the app folder) as git sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct GitFacts {
    pub source: GitSource,
    pub tracked: BTreeSet<String>,
    pub ignored: BTreeSet<String>,
    /// Why git could not be used, when it could not.
    pub note: Option<String>,
}

impl GitFacts {
    pub fn is_tracked(&self, name: &str) -> bool {
        self.tracked.contains(name)
    }

    pub fn is_ignored(&self, name: &str) -> bool {
        self.ignored.contains(name)
    }
}

/// `names` are file names inside `app_dir`; `project_root` bounds the `.gitignore` search upwards.
pub fn git_facts(
    app_dir: &Path,
    project_root: &Path,
    names: &[String],
    timeout: Duration,
) -> GitFacts {
    match facts_from_git(app_dir, names, timeout) {
        Ok(facts) => facts,
        Err(GitUnusable::NotARepository) => {
            facts_from_gitignore_files(app_dir, project_root, names, None)
        }
        Err(GitUnusable::Failed(why)) => {
            facts_from_gitignore_files(app_dir, project_root, names, Some(why))
        }
    }
}

enum GitUnusable {
    NotARepository,
    Failed(String),
}

fn facts_from_git(
    app_dir: &Path,
    names: &[String],
    timeout: Duration,
) -> Result<GitFacts, GitUnusable> {
    let deadline = Instant::now() + timeout;
    if names.is_empty() {
        // `ls-files` without paths would list the whole repository: probe cheaply instead.
        let inside = run_git(
            app_dir,
            &["rev-parse", "--is-inside-work-tree"],
            &[],
            deadline,
        )?;
        if inside.code != Some(0) {
            return Err(GitUnusable::NotARepository);
        }
        let empty = BTreeSet::new;
        return Ok(GitFacts {
            source: GitSource::Git,
            tracked: empty(),
            ignored: empty(),
            note: None,
        });
    }
    // `ls-files` doubles as the "is this a repository" probe: one process less per check.
    let tracked = run_git(app_dir, &["ls-files", "-z", "--"], names, deadline)?;
    if tracked.code == Some(128) && tracked.stderr.contains("not a git repository") {
        return Err(GitUnusable::NotARepository);
    }
    expect_exit(&tracked, &[0], "git ls-files")?;
    // --no-index: judge by the rules even for tracked files (git otherwise skips them).
    let ignored = run_git(
        app_dir,
        &["check-ignore", "--no-index", "--"], // -z needs --stdin here
        names,
        deadline,
    )?;
    expect_exit(&ignored, &[0, 1], "git check-ignore")?;
    Ok(GitFacts {
        source: GitSource::Git,
        tracked: nul_separated(&tracked.stdout),
        ignored: ignored.stdout.lines().map(str::to_string).collect(),
        note: None,
    })
}

fn expect_exit(output: &GitOutput, ok: &[i32], what: &str) -> Result<(), GitUnusable> {
    match output.code {
        Some(code) if ok.contains(&code) => Ok(()),
        _ => Err(GitUnusable::Failed(format!(
            "{what} failed: {}",
            output.stderr.trim()
        ))),
    }
}

fn nul_separated(text: &str) -> BTreeSet<String> {
    text.split('\0')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect()
}

struct GitOutput {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run_git(
    dir: &Path,
    args: &[&str],
    paths: &[String],
    deadline: Instant,
) -> Result<GitOutput, GitUnusable> {
    if Instant::now() >= deadline {
        return Err(timed_out());
    }
    let mut child = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "core.quotePath=false"])
        .args(args)
        .args(paths)
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("LC_ALL", "C")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| GitUnusable::Failed(format!("git could not be started: {e}")))?;
    // Drain both pipes on threads so a chatty git cannot block on a full pipe while we wait.
    let stdout = drain(child.stdout.take());
    let stderr = drain(child.stderr.take());
    let mut poll = Duration::from_micros(50);
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() >= deadline => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(timed_out());
            }
            Ok(None) => {
                // git usually answers in a few ms: poll often at first, then back off.
                std::thread::sleep(poll);
                poll = (poll * 2).min(Duration::from_millis(5));
            }
            Err(e) => return Err(GitUnusable::Failed(format!("waiting for git failed: {e}"))),
        }
    };
    Ok(GitOutput {
        code: status.code(),
        stdout: stdout.join().unwrap_or_default(),
        stderr: stderr.join().unwrap_or_default(),
    })
}

fn timed_out() -> GitUnusable {
    GitUnusable::Failed("git did not answer in time".into())
}

fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut text = String::new();
        if let Some(mut pipe) = pipe {
            let mut bytes = Vec::new();
            let _ = pipe.read_to_end(&mut bytes);
            text = String::from_utf8_lossy(&bytes).into_owned();
        }
        text
    })
}

fn facts_from_gitignore_files(
    app_dir: &Path,
    project_root: &Path,
    names: &[String],
    note: Option<String>,
) -> GitFacts {
    let matcher = gitignore_matcher(app_dir, project_root);
    let ignored = names
        .iter()
        .filter(|name| {
            matcher
                .matched_path_or_any_parents(app_dir.join(name), false)
                .is_ignore()
        })
        .cloned()
        .collect();
    GitFacts {
        source: GitSource::GitignoreFiles,
        tracked: BTreeSet::new(),
        ignored,
        note,
    }
}

/// `.gitignore` files from `project_root` down to `app_dir`, deeper files added last so they win.
fn gitignore_matcher(app_dir: &Path, project_root: &Path) -> ignore::gitignore::Gitignore {
    let mut builder = GitignoreBuilder::new(project_root);
    for dir in dirs_from_root(app_dir, project_root) {
        let file = dir.join(".gitignore");
        if file.is_file() {
            let _ = builder.add(file);
        }
    }
    builder
        .build()
        .unwrap_or_else(|_| ignore::gitignore::Gitignore::empty())
}

fn dirs_from_root(app_dir: &Path, project_root: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = app_dir
        .ancestors()
        .take_while(|d| d.starts_with(project_root))
        .map(Path::to_path_buf)
        .collect();
    if dirs.is_empty() {
        dirs.push(app_dir.to_path_buf());
    }
    dirs.reverse();
    dirs
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    #[test]
    fn gitignore_files_from_root_down_are_honoured_without_git() {
        let root = tempfile::tempdir().unwrap();
        let app = root.path().join("apps/web");
        fs::create_dir_all(&app).unwrap();
        fs::write(root.path().join(".gitignore"), ".env*.local\n").unwrap();
        fs::write(app.join(".gitignore"), ".env\n!.env.test.local\n").unwrap();
        let names: Vec<String> = [".env", ".env.local", ".env.test.local", ".env.production"]
            .map(String::from)
            .into();
        let facts = facts_from_gitignore_files(&app, root.path(), &names, None);
        assert_eq!(facts.source, GitSource::GitignoreFiles);
        let ignored: Vec<&str> = facts.ignored.iter().map(String::as_str).collect();
        assert_eq!(ignored, [".env", ".env.local"]);
    }

    #[test]
    fn nul_separated_output() {
        assert_eq!(nul_separated(".env\0.env.local\0").len(), 2);
        assert!(nul_separated("").is_empty());
    }
}
