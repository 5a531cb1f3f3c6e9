//! `Sensitive<T>`: a secret that cannot leak through Debug, Display or serde.

use std::fmt;
use std::sync::atomic::{AtomicBool, Ordering};

/// Wraps a secret. `Debug` prints `Sensitive(…)`, there is no `Display`, no `Serialize`,
/// and the only way in is [`Sensitive::expose`], which is easy to grep for.
#[derive(Clone, PartialEq, Eq)]
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    pub fn new(value: T) -> Self {
        Self(value)
    }

    pub fn expose(&self) -> &T {
        &self.0
    }
}

impl<T> fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Sensitive(…)")
    }
}

impl From<String> for Sensitive<String> {
    fn from(value: String) -> Self {
        Self(value)
    }
}

/// Presenter mode (a demo on a projector): fingerprints lose their last four characters too.
static PRESENTING: AtomicBool = AtomicBool::new(false);

pub fn set_presenting(on: bool) {
    PRESENTING.store(on, Ordering::Relaxed);
}

pub fn presenting() -> bool {
    PRESENTING.load(Ordering::Relaxed)
}

/// The only form of a key the UI ever sees: `sk_test_…a1b2` (`sk_test_…` while presenting).
pub fn fingerprint(secret: &str) -> String {
    fingerprint_shown(secret, presenting())
}

fn fingerprint_shown(secret: &str, presenting: bool) -> String {
    if presenting {
        let prefix = ["sk_test_", "sk_live_", "whsec_", "sk_"]
            .iter()
            .find(|p| secret.starts_with(*p))
            .map_or("", |p| p);
        return format!("{prefix}…");
    }
    let prefix_len = ["sk_test_", "sk_live_", "whsec_", "sk_"]
        .iter()
        .find(|p| secret.starts_with(*p))
        .map_or(0, |p| p.len());
    let tail: String = {
        let chars: Vec<char> = secret.chars().collect();
        if chars.len() >= prefix_len + 8 {
            chars[chars.len() - 4..].iter().collect()
        } else {
            String::new()
        }
    };
    format!("{}…{}", &secret[..prefix_len], tail)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let key = Sensitive::new("sk_test_abcdefghijkl1234".to_string());
        assert_eq!(format!("{key:?}"), "Sensitive(…)");
        assert!(!format!("{:?}", Some(&key)).contains("abcdef"));
    }

    #[test]
    fn presenting_hides_the_last_four_too() {
        assert_eq!(
            fingerprint_shown("sk_test_abcdefghijkl1234", true),
            "sk_test_…"
        );
        assert_eq!(fingerprint_shown("whsec_0123456789abcdef", true), "whsec_…");
        assert_eq!(
            fingerprint_shown("sk_test_abcdefghijkl1234", false),
            "sk_test_…1234"
        );
    }

    #[test]
    fn fingerprint_keeps_prefix_and_last_four() {
        assert_eq!(fingerprint("sk_test_abcdefghijkl1234"), "sk_test_…1234");
        assert_eq!(fingerprint("sk_live_abcdefghijklzz99"), "sk_live_…zz99");
        assert_eq!(fingerprint("whsec_0123456789abcdef"), "whsec_…cdef");
    }

    #[test]
    fn fingerprint_of_a_short_value_reveals_nothing_of_it() {
        assert_eq!(fingerprint("sk_test_ab"), "sk_test_…");
        assert_eq!(fingerprint("hunter2"), "…");
    }
}
