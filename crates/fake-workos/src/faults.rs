//! Injected faults: latency and forced answers per route, set at start or at run time.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

/// One fault rule. `path` is matched segment by segment; `*` matches any one segment
/// (`/data-integrations/*/token`), a trailing `/**` matches any rest.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Fault {
    #[serde(default)]
    pub id: String,
    /// HTTP method to match; any method when absent.
    #[serde(default)]
    pub method: Option<String>,
    pub path: String,
    /// Delay before answering (or before the forced answer).
    #[serde(default)]
    pub latency_ms: u64,
    /// Forced status: 401, 403, 404, 429 (with `Retry-After`), 500, …
    #[serde(default)]
    pub status: Option<u16>,
    /// 404 shaped like a route that a disabled feature flag hides.
    #[serde(default)]
    pub feature_flag_off: bool,
    /// Seconds for `Retry-After` on 429 (default 1).
    #[serde(default)]
    pub retry_after: Option<u64>,
    /// Never answer (until the fake shuts down).
    #[serde(default)]
    pub hang: bool,
    /// Replaces the default body of a forced status.
    #[serde(default)]
    pub body: Option<Value>,
    /// How many requests this rule still applies to; forever when absent.
    #[serde(default)]
    pub times: Option<u32>,
}

/// What the fault layer does with one request.
#[derive(Debug, PartialEq)]
pub enum FaultAction {
    Hang,
    Respond {
        status: u16,
        body: Option<Value>,
        retry_after: Option<u64>,
    },
    PassThrough,
}

impl Fault {
    pub fn matches(&self, method: &str, path: &str) -> bool {
        let method_ok = self
            .method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method));
        method_ok && path_matches(&self.path, path)
    }

    pub fn action(&self, method: &str, path: &str) -> FaultAction {
        if self.hang {
            return FaultAction::Hang;
        }
        if self.feature_flag_off {
            return FaultAction::Respond {
                status: 404,
                body: Some(self.body.clone().unwrap_or_else(|| {
                    json!({"message": format!("Cannot {method} {path}"), "error": "Not Found", "statusCode": 404})
                })),
                retry_after: None,
            };
        }
        match self.status {
            Some(status) => FaultAction::Respond {
                status,
                body: self.body.clone().or_else(|| default_body(status)),
                retry_after: (status == 429).then(|| self.retry_after.unwrap_or(1)),
            },
            None => FaultAction::PassThrough,
        }
    }

    /// Parses the CLI form `[METHOD ]PATH ACTION[,ACTION…]` where an action is a status
    /// code, `hang`, `flag-off`, `latency=MS`, `retry-after=S` or `times=N`.
    pub fn parse_cli(spec: &str) -> Result<Self, String> {
        let parts: Vec<&str> = spec.split_whitespace().collect();
        let (method, path, actions) = match parts.as_slice() {
            [path, actions] => (None, *path, *actions),
            [method, path, actions] => (Some(method.to_uppercase()), *path, *actions),
            _ => {
                return Err(format!(
                    "fault {spec:?}: expected '[METHOD ]PATH ACTION[,ACTION]'"
                ));
            }
        };
        let mut fault = Fault {
            method,
            path: path.to_string(),
            ..Fault::default()
        };
        for action in actions.split(',') {
            fault.apply_cli_action(action)?;
        }
        Ok(fault)
    }

    fn apply_cli_action(&mut self, action: &str) -> Result<(), String> {
        let number = |v: &str| {
            v.parse::<u64>()
                .map_err(|_| format!("bad number in {action:?}"))
        };
        match action.split_once('=') {
            Some(("latency", v)) => self.latency_ms = number(v)?,
            Some(("retry-after", v)) => self.retry_after = Some(number(v)?),
            Some(("times", v)) => self.times = Some(number(v)? as u32),
            None if action == "hang" => self.hang = true,
            None if action == "flag-off" => self.feature_flag_off = true,
            None => self.status = Some(number(action)? as u16),
            _ => return Err(format!("unknown fault action {action:?}")),
        }
        Ok(())
    }
}

fn default_body(status: u16) -> Option<Value> {
    let message = match status {
        401 => "Unauthorized",
        403 => "Forbidden resource",
        404 => "Not Found",
        429 => "Too many requests. Please retry after the time in the Retry-After header.",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        _ => "Request could not be processed.",
    };
    Some(json!({ "message": message }))
}

fn path_matches(pattern: &str, path: &str) -> bool {
    let mut pattern_parts = pattern.trim_end_matches('/').split('/');
    let mut path_parts = path.trim_end_matches('/').split('/');
    loop {
        match (pattern_parts.next(), path_parts.next()) {
            (Some("**"), _) => return true,
            (Some(p), Some(s)) if p == "*" || p == s => continue,
            (None, None) => return true,
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_matches_one_segment_only() {
        assert!(path_matches(
            "/data-integrations/*/token",
            "/data-integrations/github/token"
        ));
        assert!(!path_matches(
            "/data-integrations/*/token",
            "/data-integrations/github"
        ));
        assert!(path_matches(
            "/data-integrations/**",
            "/data-integrations/github/token"
        ));
        assert!(!path_matches("/organizations", "/organizations/org_1"));
    }

    #[test]
    fn cli_form_parses_method_path_and_actions() {
        let f =
            Fault::parse_cli("post /data-integrations/*/token 429,retry-after=7,times=2").unwrap();
        assert_eq!(f.method.as_deref(), Some("POST"));
        assert_eq!(f.times, Some(2));
        assert_eq!(
            f.action("POST", "/x"),
            FaultAction::Respond {
                status: 429,
                body: default_body(429),
                retry_after: Some(7)
            }
        );
        assert!(Fault::parse_cli("/health hang").unwrap().hang);
        assert!(Fault::parse_cli("/health wat").is_err());
    }
}
