//! The keychain self-test: a random value written, read back and deleted.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::time::Instant;

use super::errors::{KeychainError, KeychainErrorCode};
use super::{Keychain, ProfileId, SecretKind};
use crate::checks::finding::Finding;
use crate::codes::KeychainCode;
use crate::foundation::sensitive::Sensitive;

const CANARY_ACCOUNT: &str = "pipes-setup-canary";

pub(super) async fn self_test(keychain: &Keychain) -> Finding {
    let started = Instant::now();
    match round_trip(keychain).await {
        Ok(()) => {
            let ms = started.elapsed().as_millis() as u64;
            Finding::pass(
                KeychainCode::Ok,
                "Keychain works",
                format!("Wrote, read back and deleted a test value in {ms} ms."),
            )
            .with_details(serde_json::json!({ "round_trip_ms": ms }))
        }
        Err(err) => err.to_finding(),
    }
}

async fn round_trip(keychain: &Keychain) -> Result<(), KeychainError> {
    let profile = ProfileId::new(CANARY_ACCOUNT)?;
    let value = Sensitive::new(random_value());
    keychain
        .store_secret(&profile, SecretKind::ApiKey, &value)
        .await?;
    let read = keychain.read_secret(&profile, SecretKind::ApiKey).await;
    let deleted = keychain.delete_secret(&profile, SecretKind::ApiKey).await;
    if read? != value {
        return Err(KeychainError::new(
            KeychainErrorCode::CanaryMismatch,
            "The keychain returned a different value than the one just written.",
        ));
    }
    deleted
}

/// 128 random bits from the std hasher's per-instance random keys: no crate needed for a canary.
fn random_value() -> String {
    let half = || {
        let mut h = RandomState::new().build_hasher();
        h.write_u128(
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos()),
        );
        h.finish()
    };
    format!("canary-{:016x}{:016x}", half(), half())
}
