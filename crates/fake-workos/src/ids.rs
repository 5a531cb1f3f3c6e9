//! Identifiers, secrets and timestamps in WorkOS's shapes.

use std::sync::Mutex;

use ulid::{Generator, Ulid};

static GENERATOR: Mutex<Option<Generator>> = Mutex::new(None);

/// A monotonic ULID, so ids created in the same millisecond still sort by creation.
fn next_ulid() -> Ulid {
    let mut guard = GENERATOR.lock().unwrap_or_else(|e| e.into_inner());
    let generator = guard.get_or_insert_with(Generator::new);
    generator.generate().unwrap_or_else(|_| Ulid::new())
}

/// `prefix` followed by an upper-case ULID, e.g. `user_01H…`.
pub fn new_id(prefix: &str) -> String {
    format!("{prefix}{}", next_ulid())
}

/// Random lower-case hex, `bytes` long before encoding.
pub fn random_hex(bytes: usize) -> String {
    let mut out = String::with_capacity(bytes * 2);
    while out.len() < bytes * 2 {
        // The random part of a ULID is 80 bits: 20 hex digits.
        out.push_str(&format!("{:020x}", Ulid::new().random()));
    }
    out.truncate(bytes * 2);
    out
}

pub fn webhook_secret() -> String {
    format!("whsec_{}", random_hex(24))
}

pub fn request_id() -> String {
    new_id("req_")
}

/// ISO-8601 UTC with milliseconds and `Z`, as WorkOS writes timestamps.
pub fn now_iso() -> String {
    format_iso(chrono::Utc::now())
}

pub fn format_iso(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%S%.3fZ").to_string()
}

pub fn iso_in(seconds: i64) -> String {
    format_iso(chrono::Utc::now() + chrono::Duration::seconds(seconds))
}

pub fn unix_millis() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or_default()
}

/// `…cdef`: the last four characters, for redacted secrets.
pub fn last_four(secret: &str) -> String {
    let chars: Vec<char> = secret.chars().collect();
    chars[chars.len().saturating_sub(4)..].iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_carry_prefix_and_sort_by_creation() {
        let a = new_id("user_");
        let b = new_id("user_");
        assert!(a.starts_with("user_") && a.len() == 5 + 26);
        assert!(a < b);
    }

    #[test]
    fn timestamps_have_millis_and_z() {
        let t = now_iso();
        assert_eq!(t.len(), "2024-01-16T14:20:00.000Z".len());
        assert!(t.ends_with('Z'));
    }

    #[test]
    fn last_four_of_short_secret_is_whole() {
        assert_eq!(last_four("abc"), "abc");
        assert_eq!(last_four("sk-1234567890abcdef"), "cdef");
    }
}
