//! The one-shot loopback return URL of the test connection: WorkOS sends the browser back to
//! `http://127.0.0.1:{random port}{path}` with `connect_code` + `state` (or `error` + `state`).
//!
//! It binds 127.0.0.1 only, reads at most [`MAX_REQUEST_BYTES`] of a request, answers at most
//! [`MAX_REQUESTS`] requests, checks `state` before anything else, ends on the first answer
//! that carries one (right or wrong), and stops at its deadline or when dropped.

use std::collections::HashMap;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

use crate::codes::RuntimeCode;
use crate::foundation::error::{AppError, AppResult};
use crate::foundation::percent;
use crate::foundation::sensitive::Sensitive;

/// A request line and headers longer than this are refused (431) unread.
pub const MAX_REQUEST_BYTES: usize = 8 * 1024;
/// Requests answered before the listener gives up (favicon probes, reloads, scanners).
pub const MAX_REQUESTS: usize = 16;
/// How long the user has to finish the consent in the browser.
pub const DEFAULT_DEADLINE: Duration = Duration::from_secs(5 * 60);
/// How long one connection may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(5);

/// How the wait for the browser ended.
#[derive(Debug, PartialEq, Eq)]
pub enum ReturnOutcome {
    /// The user allowed; the code is still to be finished with the verifier.
    Code { connect_code: Sensitive<String> },
    /// WorkOS or the provider sent `error` (consent denied, provider failure, …).
    Error {
        error: String,
        description: Option<String>,
    },
    /// A request came with a `state` that is not ours: a stale tab, or a forged callback.
    WrongState,
    /// Nothing came back before the deadline.
    TimedOut,
    /// [`MAX_REQUESTS`] requests without a `state`.
    TooManyRequests,
}

/// A bound loopback return URL, waiting for one browser visit.
pub struct ReturnListener {
    url: String,
    expected_state: Option<oneshot::Sender<Expectation>>,
    outcome: oneshot::Receiver<ReturnOutcome>,
    task: JoinHandle<()>,
}

struct Expectation {
    state: Sensitive<String>,
    deadline: Duration,
}

impl ReturnListener {
    /// Binds `127.0.0.1:0` and serves `path` (e.g. `/pipes-setup/callback`).
    pub async fn bind(path: &str) -> AppResult<Self> {
        if !path.starts_with('/') || path.contains(['?', '#']) {
            return Err(AppError::new(
                RuntimeCode::ReturnPathInvalid,
                format!(
                    "The return path {path:?} must start with / and hold no query or fragment."
                ),
            ));
        }
        let listener = TcpListener::bind(("127.0.0.1", 0)).await.map_err(|e| {
            AppError::new(
                RuntimeCode::ReturnListenerBindFailed,
                format!("Could not open a local port for the return URL: {e}"),
            )
        })?;
        let port = listener
            .local_addr()
            .map_err(|e| AppError::new(RuntimeCode::ReturnListenerBindFailed, e.to_string()))?
            .port();
        let (expect_tx, expect_rx) = oneshot::channel();
        let (outcome_tx, outcome_rx) = oneshot::channel();
        let task = tokio::spawn(serve(listener, path.to_string(), expect_rx, outcome_tx));
        Ok(Self {
            url: format!("http://127.0.0.1:{port}{path}"),
            expected_state: Some(expect_tx),
            outcome: outcome_rx,
            task,
        })
    }

    /// The URL to send as `return_to`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Waits for the browser, accepting only `state` (the one authorize answered), until
    /// `deadline` has passed since this call.
    pub async fn wait(mut self, state: &str, deadline: Duration) -> ReturnOutcome {
        if let Some(sender) = self.expected_state.take() {
            let expectation = Expectation {
                state: Sensitive::new(state.to_string()),
                deadline,
            };
            if sender.send(expectation).is_err() {
                return ReturnOutcome::TimedOut;
            }
        }
        (&mut self.outcome).await.unwrap_or(ReturnOutcome::TimedOut)
    }
}

impl Drop for ReturnListener {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(
    listener: TcpListener,
    path: String,
    expectation: oneshot::Receiver<Expectation>,
    outcome: oneshot::Sender<ReturnOutcome>,
) {
    let Ok(expectation) = expectation.await else {
        return;
    };
    let result = tokio::time::timeout(
        expectation.deadline,
        answer_until_done(&listener, &path, &expectation.state),
    )
    .await
    .unwrap_or(ReturnOutcome::TimedOut);
    let _ = outcome.send(result);
}

async fn answer_until_done(
    listener: &TcpListener,
    path: &str,
    state: &Sensitive<String>,
) -> ReturnOutcome {
    for _ in 0..MAX_REQUESTS {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        if let Some(outcome) = answer(stream, path, state).await {
            return outcome;
        }
    }
    ReturnOutcome::TooManyRequests
}

/// Answers one request; `Some` when it carried a `state` and so ends the wait.
async fn answer(
    mut stream: TcpStream,
    path: &str,
    state: &Sensitive<String>,
) -> Option<ReturnOutcome> {
    let head = match tokio::time::timeout(READ_TIMEOUT, read_head(&mut stream)).await {
        Ok(Ok(head)) => head,
        Ok(Err(status)) => {
            respond(&mut stream, status, "The request was refused.").await;
            return None;
        }
        Err(_) => return None,
    };
    let Some(query) = request_query(&head, path) else {
        respond(&mut stream, "404 Not Found", "Nothing here.").await;
        return None;
    };
    let params = parse_query(query);
    let Some(returned_state) = params.get("state") else {
        respond(
            &mut stream,
            "400 Bad Request",
            "This answer has no state, so it was ignored.",
        )
        .await;
        return None;
    };
    if !constant_time_eq(returned_state.as_bytes(), state.expose().as_bytes()) {
        respond(
            &mut stream,
            "400 Bad Request",
            "This answer does not belong to the connection Pipes Setup started. Start the test connection again from the app.",
        )
        .await;
        return Some(ReturnOutcome::WrongState);
    }
    let outcome = match (params.get("connect_code"), params.get("error")) {
        (_, Some(error)) => ReturnOutcome::Error {
            error: error.clone(),
            description: params.get("error_description").cloned(),
        },
        (Some(code), None) if !code.is_empty() => ReturnOutcome::Code {
            connect_code: Sensitive::new(code.clone()),
        },
        _ => ReturnOutcome::Error {
            error: "missing_code".into(),
            description: Some("The return URL was called without connect_code or error.".into()),
        },
    };
    let message = match &outcome {
        ReturnOutcome::Code { .. } => {
            "Connected. You can close this tab and go back to Pipes Setup."
        }
        _ => "The connection did not go through. Go back to Pipes Setup to see why.",
    };
    respond(&mut stream, "200 OK", message).await;
    Some(outcome)
}

/// Reads up to the end of the headers; `Err` with the status to answer when it is too long.
async fn read_head(stream: &mut TcpStream) -> Result<String, &'static str> {
    let mut buffer = Vec::with_capacity(1024);
    let mut chunk = [0u8; 1024];
    loop {
        let read = stream
            .read(&mut chunk)
            .await
            .map_err(|_| "400 Bad Request")?;
        if read == 0 {
            return Err("400 Bad Request");
        }
        buffer.extend_from_slice(&chunk[..read]);
        if buffer.windows(4).any(|w| w == b"\r\n\r\n") {
            return String::from_utf8(buffer).map_err(|_| "400 Bad Request");
        }
        if buffer.len() > MAX_REQUEST_BYTES {
            return Err("431 Request Header Fields Too Large");
        }
    }
}

/// The query of `GET {path}?…`; `None` for another method or path.
fn request_query<'a>(head: &'a str, path: &str) -> Option<&'a str> {
    let line = head.lines().next()?;
    let mut parts = line.split(' ');
    let (method, target) = (parts.next()?, parts.next()?);
    let (request_path, query) = target.split_once('?').unwrap_or((target, ""));
    (method == "GET" && request_path == path).then_some(query)
}

fn parse_query(query: &str) -> HashMap<String, String> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .filter_map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            Some((form_decode(key)?, form_decode(value)?))
        })
        .collect()
}

/// `application/x-www-form-urlencoded` decoding (`+` is a space); `None` for broken escapes
/// or non-UTF-8.
fn form_decode(text: &str) -> Option<String> {
    String::from_utf8(percent::decode(&text.replace('+', " "))?).ok()
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

async fn respond(stream: &mut TcpStream, status: &str, message: &str) {
    let body = format!(
        "<!doctype html><meta charset=utf-8><title>Pipes Setup</title>\
         <body style=\"font-family:sans-serif;margin:3em\"><h1>Pipes Setup</h1><p>{message}</p></body>"
    );
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries_decode_like_a_browser_sends_them() {
        let params = parse_query("connect_code=abc%2B1&state=s+t&error_description=a%20b&flag");
        assert_eq!(params["connect_code"], "abc+1");
        assert_eq!(params["state"], "s t");
        assert_eq!(params["error_description"], "a b");
        assert_eq!(params["flag"], "");
        assert!(
            parse_query("state=%zz").is_empty(),
            "a broken escape is dropped"
        );
        assert!(parse_query("state=%ff").is_empty(), "not UTF-8");
    }

    #[test]
    fn only_a_get_of_the_path_is_an_answer() {
        let head = "GET /cb?state=x HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
        assert_eq!(request_query(head, "/cb"), Some("state=x"));
        assert_eq!(request_query(head, "/cb/other"), None);
        assert_eq!(
            request_query("POST /cb?state=x HTTP/1.1\r\n\r\n", "/cb"),
            None
        );
        assert_eq!(request_query("GET /cbx HTTP/1.1\r\n\r\n", "/cb"), None);
    }

    #[test]
    fn states_compare_whole() {
        assert!(constant_time_eq(b"abc", b"abc"));
        assert!(!constant_time_eq(b"abc", b"abd"));
        assert!(!constant_time_eq(b"abc", b"abcd"));
    }
}
