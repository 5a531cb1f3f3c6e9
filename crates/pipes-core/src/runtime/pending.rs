//! Pending actions: the webview proposes, Rust disposes.
//!
//! A preview computes the exact change in Rust (the path, the bytes, the key's fingerprint, the
//! WorkOS call) and keeps it here under an unguessable id; the window only gets a view of it.
//! The apply command takes that id and nothing else, once: [`PendingActions::take`] removes the
//! action, so a replayed id, a forged id, an id of another kind of action or an expired one is
//! refused. The action itself re-checks what its preview checked before it does anything.

use std::any::Any;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use serde::Serialize;
use ts_rs::TS;

use crate::codes::RuntimeCode;
use crate::foundation::error::{AppError, AppResult};
use crate::foundation::random;

/// How long a preview stays valid: long enough to read it, short enough that a forgotten
/// dialog cannot be applied an hour later against a changed world.
pub const DEFAULT_TTL: Duration = Duration::from_secs(15 * 60);

/// At most this many previews wait at once; proposing more drops the oldest.
const MAX_PENDING: usize = 64;

/// What the window gets back from a preview: the id to apply it with, and what it will do.
#[derive(Debug, Clone, Serialize, TS)]
pub struct Proposal<V> {
    pub id: String,
    pub view: V,
}

struct Entry {
    created: Instant,
    action: Box<dyn Any + Send>,
}

/// The previews waiting for the user's yes, keyed by an unguessable id.
pub struct PendingActions {
    entries: Mutex<HashMap<String, Entry>>,
    ttl: Duration,
}

impl Default for PendingActions {
    fn default() -> Self {
        Self::with_ttl(DEFAULT_TTL)
    }
}

impl PendingActions {
    pub fn with_ttl(ttl: Duration) -> Self {
        Self {
            entries: Mutex::new(HashMap::new()),
            ttl,
        }
    }

    /// Keeps `action` and answers its id with `view`, what the user is shown.
    pub fn propose<A: Send + 'static, V>(&self, action: A, view: V) -> AppResult<Proposal<V>> {
        let id = new_id()?;
        let mut entries = self.lock();
        entries.retain(|_, entry| entry.created.elapsed() < self.ttl);
        if entries.len() >= MAX_PENDING {
            let oldest = entries
                .iter()
                .min_by_key(|(_, entry)| entry.created)
                .map(|(id, _)| id.clone());
            if let Some(oldest) = oldest {
                entries.remove(&oldest);
            }
        }
        entries.insert(
            id.clone(),
            Entry {
                created: Instant::now(),
                action: Box::new(action),
            },
        );
        Ok(Proposal { id, view })
    }

    /// Takes the action out, once. Refuses an id this store never gave out, one already used,
    /// one that expired, and one given out for another kind of action (which is then gone too:
    /// a caller mixing ids up is not to be trusted with a second try).
    pub fn take<A: 'static>(&self, id: &str) -> AppResult<A> {
        let kind = std::any::type_name::<A>();
        let Some(entry) = self.lock().remove(id) else {
            log::warn!("refused {kind}: its id was never proposed or is used up");
            return Err(unknown());
        };
        log::info!("applying {kind}");
        if entry.created.elapsed() >= self.ttl {
            return Err(AppError::new(
                RuntimeCode::ActionExpired,
                "This preview is too old to apply. Look at a fresh preview and try again.",
            ));
        }
        entry
            .action
            .downcast::<A>()
            .map(|action| *action)
            .map_err(|_| unknown())
    }

    /// Drops a preview the user turned down.
    pub fn discard(&self, id: &str) {
        self.lock().remove(id);
    }

    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Entry>> {
        self.entries.lock().unwrap_or_else(|e| e.into_inner())
    }
}

fn unknown() -> AppError {
    AppError::new(
        RuntimeCode::ActionUnknown,
        "The app did not prepare this change, or it was already applied. Look at a fresh preview and try again.",
    )
}

/// 128 random bits from the OS, as hex.
fn new_id() -> AppResult<String> {
    let mut bytes = [0u8; 16];
    random::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Write(&'static str);
    struct Other;

    #[test]
    fn an_action_is_taken_once_by_its_id() {
        let pending = PendingActions::default();
        let proposal = pending.propose(Write("a"), "view").unwrap();
        assert_eq!(proposal.id.len(), 32);
        assert_eq!(pending.take::<Write>(&proposal.id).unwrap(), Write("a"));
        let replay = pending.take::<Write>(&proposal.id).unwrap_err();
        assert_eq!(replay.code, "ACTION_UNKNOWN");
    }

    #[test]
    fn a_forged_id_is_refused() {
        let pending = PendingActions::default();
        pending.propose(Write("a"), ()).unwrap();
        let forged = pending.take::<Write>("00000000000000000000000000000000");
        assert_eq!(forged.unwrap_err().code, "ACTION_UNKNOWN");
        assert_eq!(pending.len(), 1);
    }

    #[test]
    fn an_id_of_another_kind_of_action_is_refused_and_used_up() {
        let pending = PendingActions::default();
        let proposal = pending.propose(Other, ()).unwrap();
        assert_eq!(
            pending.take::<Write>(&proposal.id).unwrap_err().code,
            "ACTION_UNKNOWN"
        );
        assert!(pending.take::<Other>(&proposal.id).is_err());
    }

    #[test]
    fn an_expired_action_is_refused() {
        let pending = PendingActions::with_ttl(Duration::from_millis(1));
        let proposal = pending.propose(Write("a"), ()).unwrap();
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(
            pending.take::<Write>(&proposal.id).unwrap_err().code,
            "ACTION_EXPIRED"
        );
    }

    #[test]
    fn ids_differ_and_the_store_stays_bounded() {
        let pending = PendingActions::default();
        let ids: std::collections::HashSet<String> = (0..200)
            .map(|_| pending.propose(Write("a"), ()).unwrap().id)
            .collect();
        assert_eq!(ids.len(), 200);
        assert_eq!(pending.len(), MAX_PENDING);
    }
}
