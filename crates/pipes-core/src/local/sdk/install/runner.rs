//! Spawns one allowlisted command in the app folder, streams its output line by line, and
//! stops it (with everything it started) on cancel or timeout.

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use tokio::io::{AsyncBufReadExt, AsyncRead, BufReader};
use tokio::process::{Child, Command};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

use super::{InstallLine, OutputStream};

/// Longer lines are cut: a progress bar or minified blob is not worth streaming whole.
const MAX_LINE_CHARS: usize = 2_000;
/// Lines kept for the failure finding.
const TAIL_LINES: usize = 20;
/// After SIGTERM, how long the process group gets before SIGKILL.
#[cfg(unix)]
const KILL_GRACE: Duration = Duration::from_millis(1_500);
/// After the main process exits, how long to wait for pipes held open by its leftovers.
const DRAIN_GRACE: Duration = Duration::from_secs(2);

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum RunEnd {
    Exited(Option<i32>),
    Cancelled,
    TimedOut,
    ProgramMissing,
    SpawnFailed(String),
}

#[derive(Debug)]
pub(crate) struct RunResult {
    pub end: RunEnd,
    pub pid: Option<u32>,
    pub tail: Vec<String>,
    pub lines: usize,
    pub elapsed: Duration,
}

pub(crate) struct RunSpec<'a> {
    pub program: &'a str,
    pub args: &'a [String],
    pub dir: &'a Path,
    /// PATH for finding the program and for the child; the app's own PATH when `None`.
    pub path: Option<&'a OsStr>,
    pub timeout: Duration,
}

pub(crate) async fn run(
    spec: RunSpec<'_>,
    cancel: &CancellationToken,
    on_line: &(dyn Fn(InstallLine) + Send + Sync),
) -> RunResult {
    let started = Instant::now();
    let search_path = spec
        .path
        .map(OsStr::to_os_string)
        .or_else(|| std::env::var_os("PATH"))
        .unwrap_or_default();
    let Some(program) = find_program(spec.program, &search_path) else {
        return not_started(RunEnd::ProgramMissing, started);
    };
    let mut child = match command(&program, &spec, &search_path).spawn() {
        Ok(child) => child,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return not_started(RunEnd::ProgramMissing, started);
        }
        Err(e) => return not_started(RunEnd::SpawnFailed(e.to_string()), started),
    };
    let pid = child.id();
    let (tx, mut rx) = mpsc::unbounded_channel();
    let readers = [
        tokio::spawn(read_lines(
            child.stdout.take(),
            OutputStream::Stdout,
            tx.clone(),
        )),
        tokio::spawn(read_lines(child.stderr.take(), OutputStream::Stderr, tx)),
    ];
    let mut tail: Vec<String> = Vec::new();
    let mut lines = 0;
    let mut deliver = |(stream, line): (OutputStream, String)| {
        lines += 1;
        if tail.len() == TAIL_LINES {
            tail.remove(0);
        }
        tail.push(line.clone());
        on_line(InstallLine {
            stream,
            line,
            elapsed_ms: started.elapsed().as_millis() as u64,
        });
    };
    let deadline = tokio::time::sleep(spec.timeout);
    tokio::pin!(deadline);
    let end = loop {
        tokio::select! {
            Some(item) = rx.recv() => deliver(item),
            status = child.wait() => break RunEnd::Exited(status.ok().and_then(|s| s.code())),
            _ = cancel.cancelled() => { stop(&mut child).await; break RunEnd::Cancelled; }
            _ = &mut deadline => { stop(&mut child).await; break RunEnd::TimedOut; }
        }
    };
    // Whatever is still buffered, then give up on pipes a leftover grandchild keeps open.
    let drain_until = tokio::time::Instant::now() + DRAIN_GRACE;
    while let Ok(Some(item)) = tokio::time::timeout_at(drain_until, rx.recv()).await {
        deliver(item);
    }
    readers.iter().for_each(|r| r.abort());
    RunResult {
        end,
        pid,
        tail,
        lines,
        elapsed: started.elapsed(),
    }
}

fn not_started(end: RunEnd, started: Instant) -> RunResult {
    RunResult {
        end,
        pid: None,
        tail: Vec::new(),
        lines: 0,
        elapsed: started.elapsed(),
    }
}

fn command(program: &Path, spec: &RunSpec<'_>, search_path: &OsStr) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(spec.args)
        .current_dir(spec.dir)
        .env("PATH", search_path)
        // Plain output for a log view; npm's funding and update nags are noise here.
        .env("NO_COLOR", "1")
        .env("npm_config_update_notifier", "false")
        .env("npm_config_fund", "false")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    #[cfg(unix)]
    cmd.process_group(0);
    cmd
}

async fn read_lines(
    pipe: Option<impl AsyncRead + Unpin>,
    stream: OutputStream,
    tx: mpsc::UnboundedSender<(OutputStream, String)>,
) {
    let Some(pipe) = pipe else { return };
    let mut reader = BufReader::new(pipe);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match reader.read_until(b'\n', &mut buf).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {
                let text = String::from_utf8_lossy(&buf);
                let line: String = text
                    .trim_end_matches(['\n', '\r'])
                    .chars()
                    .take(MAX_LINE_CHARS)
                    .collect();
                if tx.send((stream, line)).is_err() {
                    return;
                }
            }
        }
    }
}

/// Ends the child and everything in its process group: SIGTERM, a grace period, SIGKILL.
async fn stop(child: &mut Child) {
    #[cfg(unix)]
    if let Some(pid) = child.id() {
        signal_group(pid, libc::SIGTERM);
        let _ = tokio::time::timeout(KILL_GRACE, child.wait()).await;
        // Whether or not the leader left in time, nothing it started may linger.
        signal_group(pid, libc::SIGKILL);
    }
    // Windows has no process groups to signal: taskkill ends the whole tree (npm → node → …).
    #[cfg(windows)]
    if let Some(pid) = child.id() {
        let _ = Command::new("taskkill")
            .args(["/T", "/F", "/PID", &pid.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .await;
    }
    let _ = child.start_kill();
    let _ = child.wait().await;
}

#[cfg(unix)]
fn signal_group(pgid: u32, signal: libc::c_int) {
    if let Ok(pgid) = libc::pid_t::try_from(pgid) {
        // SAFETY: kill(2) with a negative pid signals the process group we created for the
        // child (process_group(0)); it touches no memory.
        unsafe {
            libc::kill(-pgid, signal);
        }
    }
}

/// Resolves `program` on `search_path` like a shell would; absolute paths must exist.
pub(super) fn find_program(program: &str, search_path: &OsStr) -> Option<PathBuf> {
    let as_path = Path::new(program);
    if as_path.is_absolute() {
        return is_executable(as_path).then(|| as_path.to_path_buf());
    }
    std::env::split_paths(search_path).find_map(|dir| {
        candidate_names(program)
            .into_iter()
            .map(|name| dir.join(name))
            .find(|p| is_executable(p))
    })
}

fn candidate_names(program: &str) -> Vec<OsString> {
    if cfg!(windows) {
        ["exe", "cmd", "bat"]
            .iter()
            .map(|ext| OsString::from(format!("{program}.{ext}")))
            .collect()
    } else {
        vec![OsString::from(program)]
    }
}

fn is_executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}
