//! `Sensitive<T>`: a secret that cannot leak through Debug, Display or serde.

use std::fmt;

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

/// The only form of a key the UI ever sees: `sk_test_…a1b2`.
pub fn fingerprint(secret: &str) -> String {
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
