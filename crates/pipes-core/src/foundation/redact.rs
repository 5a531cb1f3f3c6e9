//! Redaction for text that leaves the app's memory (the log): every secret becomes its
//! fingerprint before a line is written, whatever the caller put in it.

use super::sensitive::fingerprint;

/// Words that are secrets by their prefix: API keys, webhook secrets, provider tokens.
const SECRET_PREFIXES: &[&str] = &[
    "sk_",
    "whsec_",
    "gho_",
    "ghp_",
    "ghu_",
    "ghs_",
    "xoxb-",
    "xoxp-",
    "ya29.",
    "ntn_",
    "lin_oauth_",
    "atl_",
    "glpat-",
];

/// Names whose value is a secret, however it looks: `client_secret=…`, `"access_token": "…"`.
const SECRET_NAMES: &[&str] = &[
    "client_secret",
    "access_token",
    "refresh_token",
    "code_verifier",
    "secret",
    "password",
    "authorization: bearer",
    "bearer",
];

/// `text` with every secret replaced by its fingerprint (`sk_test_…1a2b`, `…`).
pub fn redact(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    // Some(is_bearer) right after a secret's name.
    let mut after_name: Option<bool> = None;
    while let Some(start) = rest.find(is_word_char) {
        let (gap, tail) = rest.split_at(start);
        let end = tail.find(|c: char| !is_word_char(c)).unwrap_or(tail.len());
        // A sentence's full stop or a path's last slash is not part of the word.
        let end = tail[..end]
            .trim_end_matches(['.', '-', '/', '~'])
            .len()
            .max(1);
        let (word, next) = tail.split_at(end);
        out.push_str(gap);
        if is_prefixed_secret(word) {
            out.push_str(&fingerprint(word));
            after_name = None;
        } else if after_name.is_some_and(|bearer| gap_is_assignment(gap, bearer)) {
            out.push('…');
            after_name = None;
        } else {
            out.push_str(word);
            after_name = secret_name_before(&out);
        }
        rest = next;
    }
    out.push_str(rest);
    out
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/' | '+' | '~')
}

/// A word that starts like a secret and has more than a prefix (`sk_test_…1a2b`, a fingerprint
/// already, is left as it is).
fn is_prefixed_secret(word: &str) -> bool {
    let body = ["sk_test_", "sk_live_"]
        .iter()
        .chain(SECRET_PREFIXES)
        .find_map(|p| word.strip_prefix(p));
    body.is_some_and(|body| body.len() >= 4)
}

/// Between a secret's name and its value: `=`, `:` or a quote (`Bearer` takes a space), so a
/// sentence's next word ("the secret is …") is not taken for a value.
fn gap_is_assignment(gap: &str, bearer: bool) -> bool {
    let punctuation = gap
        .chars()
        .filter(|c| matches!(c, '=' | ':' | '"' | '\''))
        .count();
    let only_separators = gap
        .chars()
        .all(|c| matches!(c, '=' | ':' | '"' | '\'' | ' '));
    only_separators && (punctuation > 0 || bearer && gap == " ")
}

/// Whether the text written so far ends with a secret's name; `Some(true)` for `Bearer`.
fn secret_name_before(written: &str) -> Option<bool> {
    let tail: String = written
        .chars()
        .rev()
        .take(24)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect::<String>()
        .to_ascii_lowercase();
    SECRET_NAMES
        .iter()
        .find(|name| tail.ends_with(*name))
        .map(|name| name.ends_with("bearer"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_keys_and_webhook_secrets_become_fingerprints() {
        assert_eq!(
            redact("saved sk_test_abcdefghijkl1234 for acme"),
            "saved sk_test_…1234 for acme"
        );
        assert_eq!(
            redact("secret=whsec_0123456789abcdef."),
            "secret=whsec_…cdef."
        );
        assert_eq!(redact("(sk_live_abcdefghijklzz99)"), "(sk_live_…zz99)");
        assert_eq!(
            redact("key sk_test_…1234 saved"),
            "key sk_test_…1234 saved",
            "a fingerprint stays"
        );
    }

    #[test]
    fn values_of_secret_names_are_redacted_whatever_they_look_like() {
        assert_eq!(
            redact(r#"{"client_secret": "abc123def456ghi789"}"#),
            r#"{"client_secret": "…"}"#
        );
        assert_eq!(
            redact("Authorization: Bearer eyJhbGciOi.payload.sig"),
            "Authorization: Bearer …"
        );
        assert_eq!(redact("access_token=gibberish42"), "access_token=…");
    }

    #[test]
    fn ordinary_text_is_left_alone() {
        let line =
            "open_project /home/ada/code/shop: 3 env files, client_01HXYZ, the secret is safe";
        assert_eq!(redact(line), line);
        assert_eq!(redact("sk_ alone"), "sk_ alone");
        assert_eq!(redact(""), "");
        assert_eq!(redact("naïve café ✓"), "naïve café ✓");
    }
}
