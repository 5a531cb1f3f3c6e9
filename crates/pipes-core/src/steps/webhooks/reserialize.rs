//! The ways a JSON body is commonly written again after parsing (JSON.stringify, json.dumps,
//! pretty printers, key-sorting serializers), so a signature that fails on the body given but
//! matches one of these forms can be named "body re-serialized" instead of "body changed".
//!
//! The order-keeping forms only move whitespace (the text is walked token by token); the
//! sorted forms go through `serde_json::Value`, whose maps sort their keys.

/// Each re-serialized form of `body` that differs from it, with words for the form;
/// empty when `body` is not JSON.
pub fn forms(body: &[u8]) -> Vec<(&'static str, Vec<u8>)> {
    let Ok(text) = std::str::from_utf8(body) else {
        return Vec::new();
    };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else {
        return Vec::new();
    };
    let sorted = value.to_string();
    let candidates = [
        ("written compactly (whitespace removed)", compact(text)),
        ("pretty-printed with 2 spaces", pretty(text, 2)),
        ("pretty-printed with 4 spaces", pretty(text, 4)),
        (
            "with spaces after , and : (Python json.dumps)",
            spaced(text),
        ),
        ("with its keys sorted, compact", sorted.clone()),
        ("with its keys sorted, pretty-printed", pretty(&sorted, 2)),
        (
            "with its keys sorted, spaced (json.dumps(sort_keys=True))",
            spaced(&sorted),
        ),
    ];
    candidates
        .into_iter()
        .filter(|(_, form)| form.as_bytes() != body)
        .map(|(name, form)| (name, form.into_bytes()))
        .collect()
}

/// A JSON text's tokens: punctuation and whitespace outside strings are visited one by one,
/// strings and scalars are copied whole.
fn reformat(text: &str, mut punctuation: impl FnMut(&mut String, char)) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                out.push('"');
                copy_string_rest(&mut chars, &mut out);
            }
            '{' | '}' | '[' | ']' | ',' | ':' => punctuation(&mut out, c),
            c if c.is_whitespace() => {}
            c => out.push(c),
        }
    }
    out
}

/// Copies a string's remaining characters up to and including the closing quote.
fn copy_string_rest(chars: &mut std::str::Chars<'_>, out: &mut String) {
    let mut escaped = false;
    for c in chars.by_ref() {
        out.push(c);
        match (escaped, c) {
            (false, '\\') => escaped = true,
            (false, '"') => return,
            _ => escaped = false,
        }
    }
}

fn compact(text: &str) -> String {
    reformat(text, |out, c| out.push(c))
}

fn spaced(text: &str) -> String {
    reformat(text, |out, c| match c {
        ',' => out.push_str(", "),
        ':' => out.push_str(": "),
        c => out.push(c),
    })
}

/// JSON.stringify(value, null, indent) and serde's pretty printer: one member per line,
/// empty containers kept as `{}` / `[]`.
fn pretty(text: &str, indent: usize) -> String {
    let mut depth = 0usize;
    let mut out = reformat(text, |out, c| match c {
        '{' | '[' => {
            depth += 1;
            out.push(c);
            newline(out, depth * indent);
        }
        '}' | ']' => {
            depth = depth.saturating_sub(1);
            let opener = if c == '}' { '{' } else { '[' };
            if out.trim_end().ends_with(opener) {
                out.truncate(out.trim_end().len());
            } else {
                newline(out, depth * indent);
            }
            out.push(c);
        }
        ',' => {
            out.push(',');
            newline(out, depth * indent);
        }
        _ => out.push_str(": "),
    });
    out.truncate(out.trim_end().len());
    out
}

fn newline(out: &mut String, spaces: usize) {
    out.push('\n');
    out.extend(std::iter::repeat_n(' ', spaces));
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str =
        r#"{"id":"event_1","data":{"scopes":[],"x":"a, b: {c}","q":"\"}"},"n":[1,2]}"#;

    #[test]
    fn compact_and_spaced_keep_the_order_and_the_strings() {
        let pretty_body = pretty(BODY, 2);
        assert_eq!(compact(&pretty_body), BODY);
        assert_eq!(
            spaced(BODY),
            r#"{"id": "event_1", "data": {"scopes": [], "x": "a, b: {c}", "q": "\"}"}, "n": [1, 2]}"#
        );
    }

    #[test]
    fn pretty_matches_json_stringify_with_an_indent() {
        // JSON.stringify(JSON.parse(BODY), null, 2)
        let expected = "{\n  \"id\": \"event_1\",\n  \"data\": {\n    \"scopes\": [],\n    \"x\": \"a, b: {c}\",\n    \"q\": \"\\\"}\"\n  },\n  \"n\": [\n    1,\n    2\n  ]\n}";
        assert_eq!(pretty(BODY, 2), expected);
    }

    #[test]
    fn sorted_pretty_matches_serde() {
        let value: serde_json::Value = serde_json::from_str(BODY).unwrap();
        assert_eq!(
            pretty(&value.to_string(), 2),
            serde_json::to_string_pretty(&value).unwrap()
        );
    }

    #[test]
    fn a_body_that_is_not_json_has_no_forms_and_the_body_itself_is_left_out() {
        assert!(forms(b"not json").is_empty());
        assert!(forms(&[0xff, 0xfe]).is_empty());
        let names: Vec<&str> = forms(BODY.as_bytes()).iter().map(|(n, _)| *n).collect();
        assert!(!names.contains(&"written compactly (whitespace removed)"));
        assert!(names.contains(&"pretty-printed with 2 spaces"));
    }
}
