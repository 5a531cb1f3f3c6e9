//! `--record FILE`: appends every JSON answer of the API (method, path, status, body) as
//! one JSON line, so a run of the official SDKs can be checked against the schemas.

use std::fs::{File, OpenOptions};
use std::io::Write;
use std::path::Path;
use std::sync::Mutex;

use axum::body::{Body, to_bytes};
use axum::extract::{Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use serde_json::{Value, json};

use crate::fake_state::FakeState;

/// Answers larger than this are recorded without their body.
const MAX_RECORDED_BODY: usize = 4 * 1024 * 1024;

pub struct Recorder(Mutex<File>);

impl Recorder {
    pub fn open(path: &Path) -> std::io::Result<Self> {
        let file = OpenOptions::new().create(true).append(true).open(path)?;
        Ok(Self(Mutex::new(file)))
    }

    fn append(&self, line: &Value) {
        // One write per line: several fakes may append to the same file (O_APPEND).
        if let Ok(mut file) = self.0.lock() {
            let _ = file.write_all(format!("{line}\n").as_bytes());
        }
    }
}

pub async fn record(State(state): State<FakeState>, request: Request, next: Next) -> Response {
    let Some(recorder) = state.recorder() else {
        return next.run(request).await;
    };
    let method = request.method().to_string();
    let path = request.uri().path().to_string();
    let query = request.uri().query().unwrap_or("").to_string();
    let response = next.run(request).await;
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    let status = response.status().as_u16();
    if !is_json {
        recorder.append(&json!({"method": method, "path": path, "query": query, "status": status, "body": null}));
        return response;
    }
    let (parts, body) = response.into_parts();
    let bytes = to_bytes(body, MAX_RECORDED_BODY).await.unwrap_or_default();
    let parsed: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
    recorder.append(
        &json!({"method": method, "path": path, "query": query, "status": status, "body": parsed}),
    );
    Response::from_parts(parts, Body::from(bytes))
}
