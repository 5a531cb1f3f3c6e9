//! The local webhook receiver, like `stripe listen`: `POST http://127.0.0.1:{port}{path}`,
//! every delivery verified on its raw body and handed to the feed as verified or rejected
//! with the reason.
//!
//! It binds 127.0.0.1 only and answers only peers at 127.0.0.1, reads at most
//! [`MAX_HEAD_BYTES`] of headers and [`ReceiverOptions::max_body_bytes`] of body (413 past
//! that, before reading it), serves [`MAX_CONNECTIONS`] at once, refuses a delivery seen
//! before (same event id or same signature), and stops when stopped or dropped.

use std::collections::{HashMap, HashSet, VecDeque};
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use serde::Serialize;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;
use ts_rs::TS;

use super::signature;
use super::verdict::{Rejection, SignatureVerdict, VerdictView};
use crate::codes::WebhooksCode;
use crate::foundation::clock::now_ms;
use crate::foundation::error::{AppError, AppResult};
use crate::foundation::sensitive::Sensitive;

/// The path deliveries are posted to, unless another is given.
pub const DEFAULT_PATH: &str = "/webhooks/workos";
/// Pipes events are a few KiB; a larger body is refused with 413.
pub const DEFAULT_MAX_BODY_BYTES: usize = 256 * 1024;
/// A request line and headers longer than this are refused with 431.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// Connections served at once; more are closed unanswered.
pub const MAX_CONNECTIONS: usize = 32;
/// How long one connection may take to send its request.
const READ_TIMEOUT: Duration = Duration::from_secs(5);
/// Deliveries waiting for the window; past this, new ones are dropped from the feed (they
/// are still answered).
const FEED_CAPACITY: usize = 256;
/// Event ids and signatures remembered for replay detection.
const REMEMBERED: usize = 10_000;

/// Where and how much the receiver listens.
#[derive(Debug, Clone)]
pub struct ReceiverOptions {
    /// A port on 127.0.0.1; 0 picks a free one.
    pub port: u16,
    pub path: String,
    pub max_body_bytes: usize,
}

impl Default for ReceiverOptions {
    fn default() -> Self {
        Self {
            port: 0,
            path: DEFAULT_PATH.to_string(),
            max_body_bytes: DEFAULT_MAX_BODY_BYTES,
        }
    }
}

/// One request the receiver judged, as the live feed shows it. The id and type are what the
/// body claims, also when it was rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ReceivedDelivery {
    pub event_id: Option<String>,
    pub event_type: Option<String>,
    pub verdict: VerdictView,
    #[ts(type = "number")]
    pub received_at_ms: u64,
    /// The body's size in bytes (as announced, for a refused oversized body).
    #[ts(type = "number")]
    pub size: u64,
    /// The HTTP status the receiver answered.
    pub status: u16,
}

impl ReceivedDelivery {
    pub fn rejection(&self) -> Option<&Rejection> {
        self.verdict.rejection.as_ref()
    }
}

/// A running receiver. Dropping it stops it.
pub struct WebhookReceiver {
    url: String,
    port: u16,
    cancel: CancellationToken,
    task: JoinHandle<()>,
    shared: Arc<Shared>,
}

struct Shared {
    secret: Mutex<Sensitive<String>>,
    path: String,
    max_body_bytes: usize,
    feed: mpsc::Sender<ReceivedDelivery>,
    seen: Mutex<Seen>,
}

impl WebhookReceiver {
    /// Binds 127.0.0.1 and verifies deliveries with `secret`; each judged request comes out of
    /// the returned channel.
    pub async fn start(
        secret: Sensitive<String>,
        options: ReceiverOptions,
    ) -> AppResult<(Self, mpsc::Receiver<ReceivedDelivery>)> {
        check_path(&options.path)?;
        let listener = TcpListener::bind((Ipv4Addr::LOCALHOST, options.port))
            .await
            .map_err(|e| bind_failed(options.port, &e))?;
        let port = listener
            .local_addr()
            .map_err(|e| bind_failed(options.port, &e))?
            .port();
        let (feed, deliveries) = mpsc::channel(FEED_CAPACITY);
        let shared = Arc::new(Shared {
            secret: Mutex::new(secret),
            path: options.path.clone(),
            max_body_bytes: options.max_body_bytes,
            feed,
            seen: Mutex::new(Seen::default()),
        });
        let cancel = CancellationToken::new();
        let task = tokio::spawn(serve(listener, shared.clone(), cancel.clone()));
        let receiver = Self {
            url: format!("http://127.0.0.1:{port}{}", options.path),
            port,
            cancel,
            task,
            shared,
        };
        Ok((receiver, deliveries))
    }

    /// The URL to register or send test events to.
    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Verifies from now on with `secret`: the receiver is started before the endpoint is
    /// registered (its URL is needed for that), and the secret comes with the registration.
    pub fn set_secret(&self, secret: Sensitive<String>) {
        *self.shared.secret.lock().unwrap_or_else(|e| e.into_inner()) = secret;
    }

    /// Stops listening and ends the requests being served.
    pub fn stop(&self) {
        self.cancel.cancel();
    }
}

impl Drop for WebhookReceiver {
    fn drop(&mut self) {
        self.cancel.cancel();
        self.task.abort();
    }
}

fn check_path(path: &str) -> AppResult<()> {
    if path.starts_with('/') && !path.contains(['?', '#', ' ']) {
        return Ok(());
    }
    Err(AppError::new(
        WebhooksCode::ReceiverPathInvalid,
        format!("The receiver path {path:?} must start with / and hold no query or fragment."),
    ))
}

fn bind_failed(port: u16, error: &std::io::Error) -> AppError {
    AppError::new(
        WebhooksCode::ReceiverBindFailed,
        format!(
            "Could not listen on 127.0.0.1:{port} for webhooks: {error}. Try another port, or 0 for any free one."
        ),
    )
}

async fn serve(listener: TcpListener, shared: Arc<Shared>, cancel: CancellationToken) {
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let accepted = tokio::select! {
            _ = cancel.cancelled() => return,
            accepted = listener.accept() => accepted,
        };
        let Ok((stream, peer)) = accepted else {
            continue;
        };
        let Ok(permit) = permits.clone().try_acquire_owned() else {
            continue;
        };
        let (shared, cancel) = (shared.clone(), cancel.clone());
        tokio::spawn(async move {
            let _permit = permit;
            tokio::select! {
                _ = cancel.cancelled() => {}
                _ = handle(stream, peer, &shared) => {}
            }
        });
    }
}

/// Why a request ends before a delivery is judged: the status to answer, and the rejection to
/// show in the feed when it is worth showing (a wrong path or method is not).
struct Refusal {
    status: &'static str,
    shown: Option<(Rejection, u64)>,
}

impl Refusal {
    fn quiet(status: &'static str) -> Self {
        Self {
            status,
            shown: None,
        }
    }
}

async fn handle(mut stream: TcpStream, peer: SocketAddr, shared: &Shared) {
    let delivery = match read_delivery(&mut stream, peer, shared).await {
        Ok(delivery) => delivery,
        Err(refusal) => {
            respond(&mut stream, refusal.status, None).await;
            drain(&mut stream, shared.max_body_bytes * 2).await;
            if let Some((rejection, size)) = refusal.shown {
                report(
                    shared,
                    refused(rejection, size, status_code(refusal.status)),
                );
            }
            return;
        }
    };
    let judged = judge(shared, &delivery);
    respond(&mut stream, status_line(judged.status), judged.rejection()).await;
    report(shared, judged);
}

/// A request that reached the body: the signature header and the raw bytes.
struct Delivery {
    signature: String,
    body: Vec<u8>,
}

async fn read_delivery(
    stream: &mut TcpStream,
    peer: SocketAddr,
    shared: &Shared,
) -> Result<Delivery, Refusal> {
    if peer.ip() != Ipv4Addr::LOCALHOST {
        let rejection = Rejection::PeerNotLoopback {
            peer: peer.ip().to_string(),
        };
        return Err(Refusal {
            status: "403 Forbidden",
            shown: Some((rejection, 0)),
        });
    }
    let (head, mut body) = tokio::time::timeout(READ_TIMEOUT, read_head(stream))
        .await
        .map_err(|_| Refusal::quiet("408 Request Timeout"))??;
    let request = parse_head(&head).ok_or_else(|| Refusal::quiet("400 Bad Request"))?;
    if request.path != shared.path {
        return Err(Refusal::quiet("404 Not Found"));
    }
    if request.method != "POST" {
        return Err(Refusal::quiet("405 Method Not Allowed"));
    }
    if request.headers.contains_key("transfer-encoding") {
        return Err(Refusal::quiet("411 Length Required"));
    }
    let size: usize = request
        .headers
        .get("content-length")
        .and_then(|v| v.parse().ok())
        .ok_or_else(|| Refusal::quiet("411 Length Required"))?;
    if size > shared.max_body_bytes {
        let rejection = Rejection::BodyTooLarge {
            size: size as u64,
            limit: shared.max_body_bytes as u64,
        };
        return Err(Refusal {
            status: "413 Content Too Large",
            shown: Some((rejection, size as u64)),
        });
    }
    if request
        .headers
        .get("expect")
        .is_some_and(|v| v.eq_ignore_ascii_case("100-continue"))
    {
        let _ = stream.write_all(b"HTTP/1.1 100 Continue\r\n\r\n").await;
    }
    tokio::time::timeout(READ_TIMEOUT, read_body(stream, &mut body, size))
        .await
        .map_err(|_| Refusal::quiet("408 Request Timeout"))?
        .map_err(|_| Refusal::quiet("400 Bad Request"))?;
    let signature = request
        .headers
        .get(&signature::SIGNATURE_HEADER.to_ascii_lowercase())
        .cloned()
        .unwrap_or_default();
    Ok(Delivery { signature, body })
}

/// Verifies, then refuses a valid delivery already seen.
fn judge(shared: &Shared, delivery: &Delivery) -> ReceivedDelivery {
    let claimed = claimed_event(&delivery.body);
    let secret = shared
        .secret
        .lock()
        .unwrap_or_else(|e| e.into_inner())
        .clone();
    let mut verdict = signature::verify(
        &delivery.signature,
        &delivery.body,
        &secret,
        SystemTime::now(),
    );
    if verdict.is_valid() {
        let signature = signature::parse_header(&delivery.signature)
            .map(|h| h.signature)
            .unwrap_or_default();
        let first_time = shared
            .seen
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remember(claimed.id.as_deref(), &signature);
        if !first_time {
            verdict = SignatureVerdict::Rejected(Rejection::Replayed);
        }
    }
    let status = match verdict.rejection() {
        None => 200,
        Some(Rejection::Replayed) => 409,
        Some(_) => 400,
    };
    ReceivedDelivery {
        event_id: claimed.id,
        event_type: claimed.event,
        verdict: verdict.view(),
        received_at_ms: now_ms(),
        size: delivery.body.len() as u64,
        status,
    }
}

fn refused(rejection: Rejection, size: u64, status: u16) -> ReceivedDelivery {
    ReceivedDelivery {
        event_id: None,
        event_type: None,
        verdict: VerdictView::rejected(rejection),
        received_at_ms: now_ms(),
        size,
        status,
    }
}

fn report(shared: &Shared, delivery: ReceivedDelivery) {
    if shared.feed.try_send(delivery).is_err() {
        log::warn!("webhook receiver: the feed is full or closed; a delivery was not shown");
    }
}

#[derive(Default)]
struct ClaimedEvent {
    id: Option<String>,
    event: Option<String>,
}

fn claimed_event(body: &[u8]) -> ClaimedEvent {
    let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) else {
        return ClaimedEvent::default();
    };
    let text = |key: &str| value[key].as_str().map(str::to_string);
    ClaimedEvent {
        id: text("id"),
        event: text("event"),
    }
}

/// The event ids and signatures of the valid deliveries received, the oldest forgotten first.
#[derive(Default)]
struct Seen {
    keys: HashSet<String>,
    order: VecDeque<String>,
}

impl Seen {
    /// `true` when neither the event id nor the signature was seen before; remembers both.
    fn remember(&mut self, event_id: Option<&str>, signature: &str) -> bool {
        let keys: Vec<String> = event_id
            .map(|id| format!("id:{id}"))
            .into_iter()
            .chain((!signature.is_empty()).then(|| format!("v1:{signature}")))
            .collect();
        if keys.iter().any(|k| self.keys.contains(k)) {
            return false;
        }
        for key in keys {
            self.keys.insert(key.clone());
            self.order.push_back(key);
        }
        while self.order.len() > REMEMBERED {
            if let Some(oldest) = self.order.pop_front() {
                self.keys.remove(&oldest);
            }
        }
        true
    }
}

struct RequestHead {
    method: String,
    path: String,
    /// Lower-case names; the first value of a repeated header.
    headers: HashMap<String, String>,
}

/// Reads up to the end of the headers; answers them and the body bytes read past them.
async fn read_head(stream: &mut TcpStream) -> Result<(String, Vec<u8>), Refusal> {
    let mut buffer = Vec::with_capacity(2048);
    let mut chunk = [0u8; 4096];
    loop {
        let read = stream
            .read(&mut chunk)
            .await
            .map_err(|_| Refusal::quiet("400 Bad Request"))?;
        if read == 0 {
            return Err(Refusal::quiet("400 Bad Request"));
        }
        buffer.extend_from_slice(&chunk[..read]);
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            let rest = buffer.split_off(end + 4);
            let head = String::from_utf8(buffer).map_err(|_| Refusal::quiet("400 Bad Request"))?;
            return Ok((head, rest));
        }
        if buffer.len() > MAX_HEAD_BYTES {
            return Err(Refusal::quiet("431 Request Header Fields Too Large"));
        }
    }
}

async fn read_body(stream: &mut TcpStream, body: &mut Vec<u8>, size: usize) -> std::io::Result<()> {
    body.truncate(size);
    let start = body.len();
    body.resize(size, 0);
    stream.read_exact(&mut body[start..]).await?;
    Ok(())
}

fn parse_head(head: &str) -> Option<RequestHead> {
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let (method, target) = (request_line.next()?, request_line.next()?);
    let path = target.split_once('?').map_or(target, |(path, _)| path);
    let mut headers = HashMap::new();
    for line in lines.filter(|l| !l.is_empty()) {
        let (name, value) = line.split_once(':')?;
        headers
            .entry(name.trim().to_ascii_lowercase())
            .or_insert_with(|| value.trim().to_string());
    }
    Some(RequestHead {
        method: method.to_string(),
        path: path.to_string(),
        headers,
    })
}

fn status_line(code: u16) -> &'static str {
    match code {
        200 => "200 OK",
        409 => "409 Conflict",
        _ => "400 Bad Request",
    }
}

fn status_code(line: &str) -> u16 {
    line.split(' ')
        .next()
        .and_then(|c| c.parse().ok())
        .unwrap_or(400)
}

async fn respond(stream: &mut TcpStream, status: &str, rejection: Option<&Rejection>) {
    let body = match rejection {
        None if status.starts_with("200") => serde_json::json!({"received": true}),
        None => serde_json::json!({"error": status}),
        Some(r) => serde_json::json!({"code": r.code().as_str(), "message": r.message()}),
    }
    .to_string();
    let response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    let _ = stream.write_all(response.as_bytes()).await;
    let _ = stream.shutdown().await;
}

/// Reads what the client still sends after a refusal (up to `limit` bytes, briefly), so
/// closing does not reset the connection before the client read the answer.
async fn drain(stream: &mut TcpStream, limit: usize) {
    let mut chunk = [0u8; 8192];
    let mut left = limit;
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        while left > 0 {
            match stream.read(&mut chunk).await {
                Ok(0) | Err(_) => break,
                Ok(read) => left = left.saturating_sub(read),
            }
        }
    })
    .await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_parses_with_lower_case_names_and_the_first_value() {
        let head = "POST /webhooks/workos?x=1 HTTP/1.1\r\nHost: 127.0.0.1\r\nWorkOS-Signature: t=1, v1=a\r\nworkos-signature: second\r\nContent-Length: 7\r\n\r\n";
        let request = parse_head(head).unwrap();
        assert_eq!(request.method, "POST");
        assert_eq!(request.path, "/webhooks/workos");
        assert_eq!(request.headers["workos-signature"], "t=1, v1=a");
        assert_eq!(request.headers["content-length"], "7");
        assert!(parse_head("GARBAGE\r\nno colon here\r\n\r\n").is_none());
    }

    #[test]
    fn a_delivery_is_new_until_its_id_or_signature_comes_again() {
        let mut seen = Seen::default();
        assert!(seen.remember(Some("event_1"), "aa"));
        assert!(
            !seen.remember(Some("event_1"), "bb"),
            "a retry of the same event"
        );
        assert!(!seen.remember(Some("event_2"), "aa"), "the same signature");
        assert!(seen.remember(Some("event_2"), "cc"));
        assert!(seen.remember(None, "dd"));
    }

    #[test]
    fn the_oldest_deliveries_are_forgotten_first() {
        let mut seen = Seen::default();
        for i in 0..REMEMBERED {
            seen.remember(Some(&format!("event_{i}")), "");
        }
        assert!(seen.remember(Some("event_new"), ""));
        assert!(seen.remember(Some("event_0"), ""), "forgotten");
        assert!(!seen.remember(Some("event_new"), ""));
    }

    #[test]
    fn the_claimed_event_is_read_leniently() {
        let claimed = claimed_event(
            br#"{"id":"event_1","event":"pipes.connected_account.connected","data":{}}"#,
        );
        assert_eq!(claimed.id.as_deref(), Some("event_1"));
        assert_eq!(
            claimed.event.as_deref(),
            Some("pipes.connected_account.connected")
        );
        assert!(claimed_event(b"not json").id.is_none());
    }

    #[test]
    fn paths_with_a_query_are_refused() {
        assert!(check_path("/webhooks/workos").is_ok());
        assert_eq!(
            check_path("webhooks?x").unwrap_err().code,
            "WEBHOOK_RECEIVER_PATH_INVALID"
        );
    }
}
