//! "The authorization flow is reachable": one GET on the app's connect route, its redirect
//! shown and not followed (following it would start a real authorization).

use std::time::Duration;

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Evidence, LineStatus, VerifyLine, line};

const TIMEOUT: Duration = Duration::from_secs(5);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConnectUrlAnswer {
    pub url: String,
    pub status: Option<u16>,
    /// Where a 3xx points (the authorization URL, usually).
    pub location: Option<String>,
    pub problem: Option<String>,
}

impl ConnectUrlAnswer {
    pub fn into_line(self) -> VerifyLine {
        let passed = matches!(self.status, Some(200 | 301 | 302 | 303 | 307 | 308));
        let detail = match (&self.status, &self.location, &self.problem) {
            (_, _, Some(problem)) => format!("{}: {problem}", self.url),
            (Some(status), Some(location), _) => {
                format!("{} answered {status} → {location} (not followed)", self.url)
            }
            (Some(status), None, _) => format!("{} answered {status}", self.url),
            (None, _, None) => format!("{}: no answer", self.url),
        };
        line(
            "connect-url",
            "The authorization flow is reachable",
            if passed {
                LineStatus::Pass
            } else {
                LineStatus::Fail
            },
            Evidence::Live,
            detail,
            None,
        )
    }
}

/// GETs `url` without following redirects. Only http(s) URLs are fetched.
pub async fn check_connect_url(url: &str) -> ConnectUrlAnswer {
    let mut answer = ConnectUrlAnswer {
        url: url.to_string(),
        status: None,
        location: None,
        problem: None,
    };
    if !(url.starts_with("http://") || url.starts_with("https://")) || url.len() > 2048 {
        answer.problem = Some("not an http(s) URL".into());
        return answer;
    }
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(TIMEOUT)
        .build();
    let response = match client {
        Ok(client) => client.get(url).send().await,
        Err(e) => {
            answer.problem = Some(e.to_string());
            return answer;
        }
    };
    match response {
        Ok(response) => {
            answer.status = Some(response.status().as_u16());
            answer.location = response
                .headers()
                .get("location")
                .and_then(|v| v.to_str().ok())
                .map(str::to_string);
        }
        Err(e) if e.is_connect() => {
            answer.problem = Some("nothing listens there: is your app running?".into());
        }
        Err(e) if e.is_timeout() => answer.problem = Some("no answer within 5 s".into()),
        Err(e) => answer.problem = Some(e.to_string()),
    }
    answer
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::{AsyncReadExt, AsyncWriteExt};

    async fn serve_once(reply: &'static str) -> String {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}/connect", listener.local_addr().unwrap());
        tokio::spawn(async move {
            let (mut socket, _) = listener.accept().await.unwrap();
            let mut buf = [0u8; 1024];
            let _ = socket.read(&mut buf).await;
            socket.write_all(reply.as_bytes()).await.unwrap();
        });
        url
    }

    #[tokio::test]
    async fn a_redirect_passes_and_is_shown_not_followed() {
        let url = serve_once("HTTP/1.1 302 Found\r\nLocation: https://provider.example/authorize?x=1\r\nContent-Length: 0\r\n\r\n").await;
        let line = check_connect_url(&url).await.into_line();
        assert_eq!(line.status, LineStatus::Pass);
        assert!(
            line.detail
                .contains("302 → https://provider.example/authorize?x=1 (not followed)"),
            "{}",
            line.detail
        );
    }

    #[tokio::test]
    async fn an_error_answer_or_nothing_listening_fails() {
        let url =
            serve_once("HTTP/1.1 500 Internal Server Error\r\nContent-Length: 0\r\n\r\n").await;
        assert_eq!(
            check_connect_url(&url).await.into_line().status,
            LineStatus::Fail
        );
        let down = check_connect_url("http://127.0.0.1:9/connect").await;
        assert!(down.problem.unwrap().contains("is your app running"));
        assert!(
            check_connect_url("file:///etc/passwd")
                .await
                .problem
                .is_some()
        );
    }
}
