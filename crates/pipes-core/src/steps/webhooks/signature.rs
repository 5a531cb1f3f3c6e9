//! `WorkOS-Signature: t=<unix ms>, v1=<lowercase hex HMAC-SHA256(secret, "<t>.<raw body>")>`,
//! checked the way the official SDKs check it (Node `SignatureProvider.verifyHeader`, Python
//! `webhooks/_verification.py`, the `workos` crate's `WebhookVerifier`): the raw bytes, a
//! tolerance of 180 s in both directions, a constant-time compare. On top, each failure is
//! named: the SDKs only say "no match".

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use hmac::{Hmac, Mac};
use sha2::Sha256;

use super::reserialize;
use super::verdict::{Rejection, SignatureVerdict};
use crate::foundation::sensitive::Sensitive;

/// The header WorkOS signs deliveries with.
pub const SIGNATURE_HEADER: &str = "WorkOS-Signature";
/// How far the signature's timestamp may be from now, either way (the SDKs' default).
pub const TOLERANCE: Duration = Duration::from_secs(180);

/// Unix milliseconds below this are taken for seconds (10^11 ms is 1973; 10^11 s is far
/// beyond any clock).
const SECONDS_NOT_MILLIS_BELOW: u64 = 100_000_000_000;

/// The parts of a well-formed header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureHeader {
    pub timestamp: String,
    pub signature: String,
}

/// Verifies `header` against the raw request body with `secret` at `now`.
pub fn verify(
    header: &str,
    raw_body: &[u8],
    secret: &Sensitive<String>,
    now: SystemTime,
) -> SignatureVerdict {
    match check(header, raw_body, secret.expose(), now) {
        Ok(signed_at_ms) => SignatureVerdict::Valid { signed_at_ms },
        Err(rejection) => SignatureVerdict::Rejected(rejection),
    }
}

/// The header value WorkOS would send for `body` signed at `timestamp_ms`.
pub fn sign(secret: &Sensitive<String>, timestamp_ms: u64, body: &[u8]) -> String {
    let digest = hex(&hmac(secret.expose(), &timestamp_ms.to_string(), body));
    format!("t={timestamp_ms}, v1={digest}")
}

/// Splits `t=…, v1=…` like the `workos` crate: parts separated by `,`, whitespace around
/// them ignored, an unknown part refused (so a future `v2=` cannot be silently skipped).
/// A pasted `WorkOS-Signature:` prefix is dropped.
pub fn parse_header(header: &str) -> Result<SignatureHeader, Rejection> {
    let header = strip_header_name(header.trim());
    if header.is_empty() {
        return Err(Rejection::HeaderMissing);
    }
    let malformed = |detail: String| Rejection::HeaderMalformed { detail };
    let (mut timestamp, mut signature) = (None, None);
    for part in header.split(',').map(str::trim) {
        let (key, value) = part
            .split_once('=')
            .ok_or_else(|| malformed(format!("'{part}' is not key=value")))?;
        let slot = match key.trim() {
            "t" => &mut timestamp,
            "v1" => &mut signature,
            other => return Err(malformed(format!("unknown part '{other}'"))),
        };
        if slot.replace(value.trim().to_string()).is_some() {
            return Err(malformed(format!("'{}' appears twice", key.trim())));
        }
    }
    let timestamp = timestamp
        .filter(|t| !t.is_empty())
        .ok_or_else(|| malformed("no t= timestamp".into()))?;
    let signature = signature
        .filter(|s| !s.is_empty())
        .ok_or(Rejection::NoV1Signature)?;
    if !timestamp.bytes().all(|b| b.is_ascii_digit()) {
        return Err(malformed(format!("t={timestamp} is not a number")));
    }
    if signature.len() != 64
        || !signature
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err(malformed("v1= must be 64 lowercase hex digits".into()));
    }
    Ok(SignatureHeader {
        timestamp,
        signature,
    })
}

fn strip_header_name(header: &str) -> &str {
    let name_len = SIGNATURE_HEADER.len();
    let named = header.len() > name_len
        && header.is_char_boundary(name_len)
        && header[..name_len].eq_ignore_ascii_case(SIGNATURE_HEADER)
        && header[name_len..].starts_with(':');
    if named {
        header[name_len + 1..].trim()
    } else {
        header
    }
}

fn check(header: &str, body: &[u8], secret: &str, now: SystemTime) -> Result<u64, Rejection> {
    check_secret(secret)?;
    let parsed = parse_header(header)?;
    let signed_at_ms = check_timestamp(&parsed.timestamp, now)?;
    let expected = hmac(secret, &parsed.timestamp, body);
    if constant_time_eq(hex(&expected).as_bytes(), parsed.signature.as_bytes()) {
        return Ok(signed_at_ms);
    }
    let reserialized = reserialize::forms(body).into_iter().find(|(_, form)| {
        constant_time_eq(
            hex(&hmac(secret, &parsed.timestamp, form)).as_bytes(),
            parsed.signature.as_bytes(),
        )
    });
    Err(match reserialized {
        Some((form, _)) => Rejection::BodyReserialized { form: form.into() },
        None => Rejection::SignatureMismatch,
    })
}

fn check_secret(secret: &str) -> Result<(), Rejection> {
    let secret = secret.trim();
    if secret.is_empty() {
        Err(Rejection::SecretMissing)
    } else if secret.starts_with("sk_") {
        Err(Rejection::SecretIsApiKey)
    } else {
        Ok(())
    }
}

/// The timestamp in ms when it lies within [`TOLERANCE`] of `now`.
fn check_timestamp(timestamp: &str, now: SystemTime) -> Result<u64, Rejection> {
    let signed_at_ms: u64 = timestamp.parse().map_err(|_| Rejection::HeaderMalformed {
        detail: format!("t={timestamp} is too large"),
    })?;
    let now_ms = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_millis()) as i128;
    let tolerance_ms = TOLERANCE.as_millis() as i128;
    let age_ms = now_ms - i128::from(signed_at_ms);
    if age_ms.abs() <= tolerance_ms {
        return Ok(signed_at_ms);
    }
    let as_seconds_age = now_ms - i128::from(signed_at_ms) * 1000;
    if signed_at_ms < SECONDS_NOT_MILLIS_BELOW && as_seconds_age.abs() <= tolerance_ms {
        return Err(Rejection::TimestampInSeconds);
    }
    let seconds = (age_ms.unsigned_abs() / 1000) as u64;
    let tolerance_seconds = TOLERANCE.as_secs();
    Err(if age_ms > 0 {
        Rejection::TimestampTooOld {
            seconds,
            tolerance_seconds,
        }
    } else {
        Rejection::TimestampInFuture {
            seconds,
            tolerance_seconds,
        }
    })
}

fn hmac(secret: &str, timestamp: &str, body: &[u8]) -> [u8; 32] {
    // HMAC takes keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(timestamp.as_bytes());
    mac.update(b".");
    mac.update(body);
    mac.finalize().into_bytes().into()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Compares without stopping at the first difference, so timing says nothing of the digest.
fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests;
