//! `WorkOS-Signature: t=<unix ms>, v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.

use hmac::{Hmac, Mac};
use sha2::Sha256;

pub const HEADER: &str = "WorkOS-Signature";

pub fn sign(secret: &str, timestamp_ms: u128, body: &str) -> String {
    format!(
        "t={timestamp_ms}, v1={}",
        digest(secret, timestamp_ms, body)
    )
}

fn digest(secret: &str, timestamp_ms: u128, body: &str) -> String {
    // HMAC accepts keys of any length, so this cannot fail.
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes any key");
    mac.update(format!("{timestamp_ms}.{body}").as_bytes());
    hex::encode(mac.finalize().into_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_a_known_hmac() {
        // echo -n '1700000000000.{"a":1}' | openssl dgst -sha256 -hmac whsec_test
        let header = sign("whsec_test", 1_700_000_000_000, r#"{"a":1}"#);
        assert_eq!(
            header,
            "t=1700000000000, v1=33284ebef248a1f463f81384bfb39351b857cb4897c654b820611536fa084f1e"
        );
    }
}
