//! "Poll events": WorkOS cannot reach a laptop, so instead of waiting for deliveries the app
//! asks `GET /events` for the nine Pipes types, oldest first, one page per call, and keeps the
//! `after` cursor so each event comes once. A 429 is honoured: no request is sent again
//! before its `Retry-After` has passed.

use crate::codes::{LiveCode, WorkosCode};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use ts_rs::TS;

use super::PIPES_EVENTS;
use crate::foundation::error::{AppError, AppResult};
use crate::workos::WorkosConnection;
use crate::workos::crate_3_5_gaps::api_error;

/// Events per page (the API's maximum).
pub const PAGE_SIZE: u8 = 100;
/// The wait after a 429 that names none.
const DEFAULT_RETRY_AFTER: Duration = Duration::from_secs(10);

/// One event as `GET /events` lists it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, TS)]
pub struct PolledEvent {
    pub id: String,
    pub event: String,
    #[serde(default)]
    pub created_at: Option<String>,
    #[serde(default)]
    #[ts(type = "unknown")]
    pub data: Value,
}

/// What one poll brought.
#[derive(Debug, Clone, PartialEq)]
pub enum PollOutcome {
    /// Events after the cursor, oldest first; `more` when another page is already waiting.
    Page {
        events: Vec<PolledEvent>,
        more: bool,
    },
    /// WorkOS asked to wait; nothing is sent before `retry_after` has passed.
    RateLimited { retry_after: Duration },
}

/// Polls the Pipes events of one environment, remembering where it left off.
#[derive(Debug)]
pub struct EventPoller {
    connection: WorkosConnection,
    cursor: Option<String>,
    not_before: Option<Instant>,
}

#[derive(Deserialize)]
struct EventPage {
    data: Vec<PolledEvent>,
    #[serde(default)]
    list_metadata: Option<ListMetadata>,
}

#[derive(Deserialize)]
struct ListMetadata {
    #[serde(default)]
    after: Option<String>,
}

impl EventPoller {
    /// Starts from the oldest event WorkOS still keeps.
    pub fn new(connection: WorkosConnection) -> Self {
        Self {
            connection,
            cursor: None,
            not_before: None,
        }
    }

    /// Goes on after the event `cursor` (an id from an earlier poll).
    pub fn resume_after(connection: WorkosConnection, cursor: impl Into<String>) -> Self {
        Self {
            cursor: Some(cursor.into()),
            ..Self::new(connection)
        }
    }

    /// The id of the last event handed out, to resume with.
    pub fn cursor(&self) -> Option<&str> {
        self.cursor.as_deref()
    }

    /// How long until the next request may go out (zero unless rate limited).
    pub fn wait_before_next(&self) -> Duration {
        self.not_before.map_or(Duration::ZERO, |at| {
            at.saturating_duration_since(Instant::now())
        })
    }

    /// Fetches the next page after the cursor and moves the cursor past it.
    pub async fn poll_once(&mut self) -> AppResult<PollOutcome> {
        let wait = self.wait_before_next();
        if !wait.is_zero() {
            return Ok(PollOutcome::RateLimited { retry_after: wait });
        }
        let response = self
            .connection
            .get("/events")
            .query(&self.query())
            .send()
            .await
            .map_err(|e| unreachable_error(&e))?;
        let status = response.status().as_u16();
        if status == 429 {
            let retry_after = retry_after(response.headers()).unwrap_or(DEFAULT_RETRY_AFTER);
            self.not_before = Some(Instant::now() + retry_after);
            return Ok(PollOutcome::RateLimited { retry_after });
        }
        self.not_before = None;
        let body = response.bytes().await.map_err(|e| unreachable_error(&e))?;
        if !(200..300).contains(&status) {
            return Err(api_error(status, &body));
        }
        let page: EventPage = serde_json::from_slice(&body).map_err(|e| {
            AppError::new(
                WorkosCode::UnexpectedAnswer,
                format!("GET /events answered in a shape this app does not know: {e}"),
            )
        })?;
        Ok(self.advance(page))
    }

    fn query(&self) -> Vec<(&'static str, String)> {
        let mut query: Vec<(&'static str, String)> = PIPES_EVENTS
            .iter()
            .map(|event| ("events", event.to_string()))
            .collect();
        query.push(("order", "asc".into()));
        query.push(("limit", PAGE_SIZE.to_string()));
        if let Some(cursor) = &self.cursor {
            query.push(("after", cursor.clone()));
        }
        query
    }

    /// The next cursor is the page's `after`, else its last event; an empty page keeps it.
    /// More is waiting only when the page is full and names an `after`.
    fn advance(&mut self, page: EventPage) -> PollOutcome {
        let after = page.list_metadata.and_then(|m| m.after);
        let more = after.is_some() && page.data.len() >= usize::from(PAGE_SIZE);
        if let Some(next) = after.or_else(|| page.data.last().map(|e| e.id.clone())) {
            self.cursor = Some(next);
        }
        PollOutcome::Page {
            events: page.data,
            more,
        }
    }
}

/// `Retry-After` in seconds (the form WorkOS sends).
fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let seconds: f64 = headers
        .get(reqwest::header::RETRY_AFTER)?
        .to_str()
        .ok()?
        .trim()
        .parse()
        .ok()?;
    (seconds.is_finite() && seconds >= 0.0).then(|| Duration::from_secs_f64(seconds.min(3600.0)))
}

fn unreachable_error(error: &reqwest::Error) -> AppError {
    AppError::new(
        LiveCode::Unreachable,
        format!("WorkOS could not be reached to poll events: {error}"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn poller() -> EventPoller {
        let key = crate::foundation::sensitive::Sensitive::new("sk_test_x".to_string());
        EventPoller::new(WorkosConnection::new("http://127.0.0.1:9", &key))
    }

    fn page(ids: &[&str], after: Option<&str>) -> EventPage {
        EventPage {
            data: ids
                .iter()
                .map(|id| PolledEvent {
                    id: id.to_string(),
                    event: "pipes.connected_account.connected".into(),
                    created_at: None,
                    data: Value::Null,
                })
                .collect(),
            list_metadata: Some(ListMetadata {
                after: after.map(str::to_string),
            }),
        }
    }

    #[test]
    fn the_query_names_all_nine_events_oldest_first() {
        let query = poller().query();
        let events: Vec<&str> = query
            .iter()
            .filter(|(k, _)| *k == "events")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(events, PIPES_EVENTS);
        assert!(query.contains(&("order", "asc".into())));
        assert!(!query.iter().any(|(k, _)| *k == "after"));
    }

    #[test]
    fn the_cursor_follows_the_pages_and_survives_an_empty_one() {
        let mut poller = poller();
        assert_eq!(
            poller.advance(page(&["event_1", "event_2"], Some("event_2"))),
            PollOutcome::Page {
                events: page(&["event_1", "event_2"], None).data,
                more: false
            }
        );
        assert_eq!(poller.cursor(), Some("event_2"));
        poller.advance(page(&["event_3"], None));
        assert_eq!(
            poller.cursor(),
            Some("event_3"),
            "the last event when no after"
        );
        poller.advance(page(&[], None));
        assert_eq!(poller.cursor(), Some("event_3"));
        assert!(poller.query().contains(&("after", "event_3".into())));
    }

    #[test]
    fn retry_after_reads_seconds() {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(reqwest::header::RETRY_AFTER, "2".parse().unwrap());
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(2)));
        headers.insert(reqwest::header::RETRY_AFTER, "soon".parse().unwrap());
        assert_eq!(retry_after(&headers), None);
    }
}
