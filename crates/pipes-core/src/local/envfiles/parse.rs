//! The dotenv grammar that Next.js and Vite actually run: a port of `parse()` from the `dotenv`
//! npm package (v16 and v17 have the same one), with the line number of every entry and the
//! problems a reader should know about. `tests/envfiles_dotenv_conformance.rs` checks it against
//! the real package over `tests/dotenv-conformance/corpus/`.
//!
//! Why not the `dotenvy` crate: its iterator gives no line numbers, has no backtick quotes,
//! keeps a UTF-8 BOM in the first key (only `load()` strips it), expands `$VAR` from the
//! wizard's own process environment (which would change the value we fingerprint), and rejects
//! unquoted values with spaces that Node accepts.
//!
//! Node's `parse` is one multi-line regex, `LINE` in dotenv's `lib/main.js`, run over the whole
//! text: each match that starts at a line start is an entry, anything it never matches is
//! skipped. The rules that makes:
//! - CRLF and lone CR become LF first. "Whitespace" is JavaScript's `\s`: space, tab, VT, FF,
//!   NBSP, U+FEFF and the other Unicode spaces, and line ends (LF, U+2028, U+2029). So a BOM is
//!   whitespace wherever it is, and values are trimmed of all of these.
//! - `KEY=value` or `KEY: value`, optional `export ` prefix, keys `[A-Za-z0-9_.-]+`. The
//!   whitespace before `=` may span lines (`KEY` then `=v` on the next line is `KEY=v`); `:` must
//!   follow the key directly and be followed by whitespace, which may be a line end (`KEY:` then
//!   `next` on the next line is `KEY=next`).
//! - `'…'`, `"…"` and `` `…` `` quotes may span lines, and a quoted value may even start on a
//!   line below its `=`. A quote counts only if nothing but whitespace and a `#` comment follows
//!   it up to a line end. `\<quote>` does not close, unless no other quote can: then the last
//!   `\<quote>` followed by a line end does, and its backslash stays in the value.
//! - Otherwise the value is the rest of the line up to `#`, trimmed; if it then starts and ends
//!   with the same quote, those two are dropped (`"a" b "c"` gives `a" b "c`).
//! - A value that started with `"` (closed or not) has `\n` and `\r` turned into LF and CR;
//!   every other backslash stays as written. Single quotes and backticks keep everything.
//! - A key defined twice: the last one wins (Node, python-dotenv and godotenv agree).
//!   `__proto__` is dropped: dotenv assigns to a plain JavaScript object, which ignores it.
//!
//! What we add, none of which changes a value: the line of each key, and a [`ParseProblem`] for
//! each line no entry covers (other than blanks and comments), each value taken from a line
//! below its key, each quote that never closes, and `__proto__`.

use serde::Serialize;
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    None,
    Single,
    Double,
    Backtick,
}

/// One `KEY=value` as written in the file. `value` is plain text here: the caller wraps it.
#[derive(Clone, PartialEq, Eq)]
pub struct ParsedEntry {
    pub key: String,
    pub value: String,
    /// 1-based line of the key.
    pub line: usize,
    pub quote: QuoteKind,
    /// An unquoted value that had spaces or tabs after it (dotenv trims them, other loaders don't).
    pub trailing_whitespace: bool,
}

impl std::fmt::Debug for ParsedEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParsedEntry")
            .field("key", &self.key)
            .field("line", &self.line)
            .finish_non_exhaustive()
    }
}

/// Something on one line that a reader should look at: a line that is not a comment, not blank
/// and not `KEY=value` (dotenv skips it), or an entry dotenv keeps but that looks wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct ParseProblem {
    pub line: usize,
    pub message: String,
}

#[derive(Debug, Default)]
pub struct Parsed {
    pub entries: Vec<ParsedEntry>,
    pub problems: Vec<ParseProblem>,
}

/// Parses a whole env file the way Node's `dotenv.parse` does.
pub fn parse(text: &str) -> Parsed {
    let text = normalize(text);
    Scanner::new(&text).run()
}

/// CRLF and lone CR become LF, as Node does before matching (`/\r\n?/g`).
fn normalize(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// JavaScript's `\s` and what `String.prototype.trim` removes (WhiteSpace and LineTerminator).
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{b}' | '\u{c}' | '\r' | ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// Where a JavaScript multi-line `^` / `$` matches, and what `.` does not match.
fn is_line_end(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// `[\w.-]` without the `u` flag: ASCII only.
fn is_key_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'.' | b'-')
}

fn skip_spaces(text: &str, pos: usize) -> usize {
    text[pos..]
        .find(|c: char| !is_space(c))
        .map_or(text.len(), |i| pos + i)
}

/// `\s*(?:#.*)?$` at `pos`, with the regex's backtracking: where the match ends, or `None`.
fn tail_end(text: &str, pos: usize) -> Option<usize> {
    let after = skip_spaces(text, pos);
    if after == text.len() {
        return Some(after);
    }
    if text.as_bytes()[after] == b'#' {
        return Some(
            text[after..]
                .find(is_line_end)
                .map_or(text.len(), |i| after + i),
        );
    }
    // Something else follows: give whitespace back until `$` holds, just before a line end.
    text[pos..after].rfind(is_line_end).map(|i| pos + i)
}

const QUOTES: [(u8, QuoteKind); 3] = [
    (b'\'', QuoteKind::Single),
    (b'"', QuoteKind::Double),
    (b'`', QuoteKind::Backtick),
];

fn quote_kind(c: char) -> Option<QuoteKind> {
    QUOTES
        .iter()
        .find(|(q, _)| char::from(*q) == c)
        .map(|(_, kind)| *kind)
}

/// Where one kind of quote can close, for `\s*"(?:\\"|[^"])*"` and its two siblings.
///
/// From an opening quote the regex first takes every `\"` as an escape and closes at the first
/// `"` without a backslash before it; if what follows that one is not a line end (or there is
/// none), it backtracks and closes at a `\"` instead, the latest one first. Only those followed
/// by a line end can close, so they are listed once here and each look-up is a binary search.
struct QuoteIndex {
    quote: u8,
    /// Quotes with no backslash right before them.
    plain: Vec<usize>,
    /// `\<quote>` whose quote is followed by whitespace, a comment and a line end.
    escaped_closing: Vec<usize>,
}

enum Close {
    /// The closing quote and where the match ends.
    At(usize, usize),
    /// A quote closes, but something other than a comment follows it.
    Junk,
    /// No quote after this one can close it.
    Never,
}

impl QuoteIndex {
    fn new(text: &str, quote: u8) -> Self {
        let bytes = text.as_bytes();
        let mut index = QuoteIndex {
            quote,
            plain: Vec::new(),
            escaped_closing: Vec::new(),
        };
        for (at, _) in bytes.iter().enumerate().filter(|(_, b)| **b == quote) {
            if at > 0 && bytes[at - 1] == b'\\' {
                if tail_end(text, at + 1).is_some() {
                    index.escaped_closing.push(at);
                }
            } else {
                index.plain.push(at);
            }
        }
        index
    }

    fn close(&self, text: &str, open: usize) -> Close {
        let first = self.plain.partition_point(|&at| at <= open);
        let plain = self.plain.get(first).copied();
        if let Some(at) = plain
            && let Some(end) = tail_end(text, at + 1)
        {
            return Close::At(at, end);
        }
        let limit = plain.unwrap_or(text.len());
        let from = self.escaped_closing.partition_point(|&at| at <= open);
        let to = self.escaped_closing.partition_point(|&at| at < limit);
        if to > from {
            let at = self.escaped_closing[to - 1];
            let end = tail_end(text, at + 1).expect("listed because it can close");
            return Close::At(at, end);
        }
        if plain.is_some() {
            Close::Junk
        } else {
            Close::Never
        }
    }
}

/// One match of Node's `LINE` regex, as byte offsets into the normalized text.
struct Match {
    /// Where `export` or the key starts.
    start: usize,
    key: std::ops::Range<usize>,
    /// The value group before Node trims it.
    value: std::ops::Range<usize>,
    end: usize,
    /// The value is the rest of a line (no quote closed it) and a `#` comment cut it.
    unquoted: bool,
    comment_after: bool,
    unterminated_quote: bool,
}

struct Scanner<'a> {
    text: &'a str,
    /// Offsets of every `\n`, for line numbers.
    newlines: Vec<usize>,
    quotes: [QuoteIndex; 3],
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Self {
        Scanner {
            text,
            newlines: text.match_indices('\n').map(|(at, _)| at).collect(),
            quotes: QUOTES.map(|(quote, _)| QuoteIndex::new(text, quote)),
        }
    }

    /// 1-based line of a byte offset.
    fn line_of(&self, at: usize) -> usize {
        self.newlines.partition_point(|&nl| nl < at) + 1
    }

    /// `LINE.exec` in a loop: each search starts where the last match ended, at a line start.
    fn run(&self) -> Parsed {
        let text = self.text;
        let mut parsed = Parsed::default();
        let mut covered = vec![false; self.newlines.len() + 2];
        let mut pos = 0;
        while let Some(start) = self.line_start_from(pos) {
            let from = skip_spaces(text, start);
            match self.statement(from) {
                Some(found) => {
                    let lines = self.line_of(found.start)..=self.line_of(found.end);
                    covered[lines].fill(true);
                    self.record(&found, &mut parsed);
                    pos = found.end;
                }
                // Every line start up to `from` leads to the same attempt: go past it.
                None => match text[from..].chars().next() {
                    Some(c) => pos = from + c.len_utf8(),
                    None => break,
                },
            }
        }
        self.unmatched_lines(&covered, &mut parsed);
        parsed.problems.sort_by_key(|problem| problem.line);
        parsed
    }

    /// The first offset at or after `pos` where a multi-line `^` matches.
    fn line_start_from(&self, pos: usize) -> Option<usize> {
        let text = self.text;
        if pos > text.len() {
            return None;
        }
        if pos == 0 || text[..pos].chars().next_back().is_some_and(is_line_end) {
            return Some(pos);
        }
        let (at, c) = text[pos..].char_indices().find(|(_, c)| is_line_end(*c))?;
        Some(pos + at + c.len_utf8())
    }

    /// `(?:export\s+)?([\w.-]+)…` at `from`, the first non-space after a line start.
    fn statement(&self, from: usize) -> Option<Match> {
        if self.text[from..].starts_with("export") {
            let after = from + "export".len();
            let key = skip_spaces(self.text, after);
            if key > after
                && let Some(found) = self.key_and_value(from, key)
            {
                return Some(found);
            }
        }
        self.key_and_value(from, from)
    }

    /// `([\w.-]+)(?:\s*=\s*?|:\s+?)(value)?\s*(?:#.*)?$`. Once the separator matched, the rest
    /// always does (with no whitespace taken after `=`, one character after `:`).
    fn key_and_value(&self, start: usize, key: usize) -> Option<Match> {
        let text = self.text;
        let bytes = text.as_bytes();
        let key_end = key + bytes[key..].iter().take_while(|b| is_key_byte(**b)).count();
        if key_end == key {
            return None;
        }
        let equals = skip_spaces(text, key_end);
        let value_at = if bytes.get(equals) == Some(&b'=') {
            equals + 1
        } else if bytes.get(key_end) == Some(&b':')
            && let Some(c) = text[key_end + 1..].chars().next()
            && is_space(c)
        {
            key_end + 1 + c.len_utf8()
        } else {
            return None;
        };
        let mut found = self.value(value_at);
        found.start = start;
        found.key = key..key_end;
        Some(found)
    }

    /// The optional value group at `at` and the tail after it.
    fn value(&self, at: usize) -> Match {
        let text = self.text;
        let bytes = text.as_bytes();
        let mut found = Match {
            start: at,
            key: at..at,
            value: at..at,
            end: at,
            unquoted: false,
            comment_after: false,
            unterminated_quote: false,
        };
        // `\s*'…'`, `\s*"…"`, `` \s*`…` ``: the quote may come after spaces and line ends.
        let open = skip_spaces(text, at);
        if let Some(index) = self
            .quotes
            .iter()
            .find(|q| bytes.get(open) == Some(&q.quote))
        {
            match index.close(text, open) {
                Close::At(close, end) => {
                    found.value = at..close + 1;
                    found.end = end;
                    return found;
                }
                Close::Junk => {}
                Close::Never => found.unterminated_quote = true,
            }
        }
        // `[^#\r\n]+`: the rest of the line, from right after the separator.
        if at < text.len() && !matches!(bytes[at], b'#' | b'\n' | b'\r') {
            let run_end = text[at..]
                .find(['#', '\n', '\r'])
                .map_or(text.len(), |i| at + i);
            found.value = at..run_end;
            found.unquoted = true;
            found.comment_after = bytes.get(run_end) == Some(&b'#');
            found.end =
                tail_end(text, run_end).expect("the run stops at `#`, a line end or the end");
            return found;
        }
        // No value at all: `KEY=`, `KEY= # comment`.
        found.end = tail_end(text, at).expect("a line end, `#` or the end follows");
        found
    }

    fn record(&self, found: &Match, parsed: &mut Parsed) {
        let text = self.text;
        let key = &text[found.key.clone()];
        let line = self.line_of(found.key.start);
        let raw = &text[found.value.clone()];
        let trimmed = raw.trim_matches(is_space);
        let value_line = (!trimmed.is_empty())
            .then(|| self.line_of(skip_spaces(text, found.value.start)))
            .filter(|value_line| *value_line != line);
        if let Some(value_line) = value_line {
            parsed.problems.push(ParseProblem {
                line,
                message: format!(
                    "`{key}` has no value on its own line: dotenv takes it from line {value_line}, \
                     most other loaders do not"
                ),
            });
        }
        if found.unterminated_quote {
            parsed.problems.push(ParseProblem {
                line,
                message: format!(
                    "`{key}` opens a quote that never closes; the rest of the line is the value"
                ),
            });
        }
        if key == "__proto__" {
            parsed.problems.push(ParseProblem {
                line,
                message: "`__proto__` is not a variable: dotenv drops it (JavaScript objects \
                          ignore that name)"
                    .to_string(),
            });
            return;
        }
        let (stripped, quote) = strip_quotes(trimmed);
        let value = if trimmed.starts_with('"') {
            stripped.replace("\\n", "\n").replace("\\r", "\r")
        } else {
            stripped
        };
        parsed.entries.push(ParsedEntry {
            key: key.to_string(),
            value,
            line,
            quote,
            trailing_whitespace: found.unquoted
                && !found.comment_after
                && raw.ends_with([' ', '\t'])
                && !trimmed.is_empty(),
        });
    }

    /// Lines no match touched that are neither blank nor comments. Their text is not echoed: a
    /// bare pasted secret (`sk_live_…` alone on a line) looks like a key.
    fn unmatched_lines(&self, covered: &[bool], parsed: &mut Parsed) {
        for (index, line_text) in self.text.split('\n').enumerate() {
            let line = index + 1;
            let content = line_text.trim_start_matches(is_space);
            if !covered[line] && !content.is_empty() && !content.starts_with('#') {
                let named = content
                    .strip_prefix("export")
                    .filter(|rest| rest.starts_with(is_space))
                    .map_or(content, |rest| rest.trim_start_matches(is_space));
                let message = if named.bytes().next().is_some_and(is_key_byte) {
                    "no `=` after the name"
                } else {
                    "expected KEY=value"
                };
                parsed.problems.push(ParseProblem {
                    line,
                    message: message.to_string(),
                });
            }
        }
    }
}

/// `value.replace(/^(['"`])([\s\S]*)\1$/mg, '$2')`: at each line start, a quote and the last
/// same quote that ends a line lose their quotes. Reports the kind if the value's first
/// character was such a quote.
fn strip_quotes(value: &str) -> (String, QuoteKind) {
    let mut out = String::with_capacity(value.len());
    let mut kind = QuoteKind::None;
    let mut at = 0;
    while let Some(c) = value[at..].chars().next() {
        let line_start = at == 0 || value[..at].chars().next_back().is_some_and(is_line_end);
        if line_start
            && let Some(quote) = quote_kind(c)
            && let Some(close) = last_closing(value, at, c)
        {
            out.push_str(&value[at + 1..close]);
            if at == 0 {
                kind = quote;
            }
            at = close + 1;
            continue;
        }
        out.push(c);
        at += c.len_utf8();
    }
    (out, kind)
}

/// The last `quote` after `open` that is followed by a line end or the end of `value`.
fn last_closing(value: &str, open: usize, quote: char) -> Option<usize> {
    value
        .char_indices()
        .rev()
        .take_while(|(at, _)| *at > open)
        .find(|(at, c)| *c == quote && value[at + 1..].chars().next().is_none_or(is_line_end))
        .map(|(at, _)| at)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(text: &str) -> Vec<(String, String, usize)> {
        parse(text)
            .entries
            .into_iter()
            .map(|e| (e.key, e.value, e.line))
            .collect()
    }

    fn one(text: &str) -> ParsedEntry {
        let parsed = parse(text);
        assert_eq!(parsed.entries.len(), 1, "{text:?}");
        parsed.entries.into_iter().next().unwrap()
    }

    #[test]
    fn plain_values_comments_and_line_numbers() {
        let text = "# header\n\nA=1\nexport B=two words # comment\nC=x#y\n  D = spaced  \n";
        assert_eq!(
            entries(text),
            [
                ("A".into(), "1".into(), 3),
                ("B".into(), "two words".into(), 4),
                ("C".into(), "x".into(), 5),
                ("D".into(), "spaced".into(), 6),
            ]
        );
    }

    #[test]
    fn quotes_of_three_kinds() {
        assert_eq!(
            one("A='single # not a comment'").value,
            "single # not a comment"
        );
        assert_eq!(one("A=\"double\" # comment").value, "double");
        assert_eq!(one("A=`back'tick\"`").value, "back'tick\"");
        assert_eq!(one("A=\"  padded  \"").value, "  padded  ");
        assert_eq!(one("A='\"inner\"'").value, "\"inner\"");
    }

    #[test]
    fn double_quotes_expand_only_newline_escapes() {
        assert_eq!(one(r#"A="a\nb\rc\td""#).value, "a\nb\rc\\td");
        assert_eq!(one(r"A='a\nb'").value, r"a\nb");
        assert_eq!(one(r#"A="say \"hi\"""#).value, r#"say \"hi\""#);
    }

    #[test]
    fn multi_line_values_keep_line_numbers_right() {
        let text = "KEY=\"-----BEGIN\nline2\n-----END\"\nNEXT=after\n";
        assert_eq!(
            entries(text),
            [
                ("KEY".into(), "-----BEGIN\nline2\n-----END".into(), 1),
                ("NEXT".into(), "after".into(), 4)
            ]
        );
    }

    #[test]
    fn crlf_cr_and_bom() {
        let text = "\u{feff}A=1\r\nB=\"x\r\ny\"\rC=3";
        assert_eq!(
            entries(text),
            [
                ("A".into(), "1".into(), 1),
                ("B".into(), "x\ny".into(), 2),
                ("C".into(), "3".into(), 4)
            ]
        );
    }

    #[test]
    fn colon_separator_and_empty_values() {
        assert_eq!(
            entries("A: b\nB=\nC=''\n")
                .iter()
                .map(|e| e.1.as_str())
                .collect::<Vec<_>>(),
            ["b", "", ""]
        );
    }

    #[test]
    fn trailing_whitespace_is_noticed_but_trimmed() {
        let entry = one("A=sk_test_x   ");
        assert_eq!(entry.value, "sk_test_x");
        assert!(entry.trailing_whitespace);
        assert!(!one("A=x   # c").trailing_whitespace);
    }

    #[test]
    fn bad_lines_become_problems_and_parsing_goes_on() {
        let parsed = parse("this is not a pair\nGOOD=1\n=novalue\n");
        assert_eq!(parsed.entries.len(), 1);
        assert_eq!(parsed.entries[0].line, 2);
        let lines: Vec<usize> = parsed.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [1, 3]);
    }

    #[test]
    fn a_bare_pasted_secret_is_a_problem_that_does_not_repeat_it() {
        let parsed = parse("sk_live_a1B2c3D4e5F6g7H8i9J0k\nA=1\n");
        assert_eq!(parsed.entries.len(), 1);
        assert_eq!(parsed.problems.len(), 1);
        assert!(
            !parsed.problems[0].message.contains("a1B2"),
            "{}",
            parsed.problems[0].message
        );
    }

    #[test]
    fn unterminated_quote_keeps_rest_of_line_like_node() {
        let parsed = parse("A=\"open\nB=2\n");
        assert_eq!(
            entries("A=\"open\nB=2\n"),
            [
                ("A".into(), "\"open".into(), 1),
                ("B".into(), "2".into(), 2)
            ]
        );
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].line, 1);
    }

    #[test]
    fn junk_after_a_closing_quote_falls_back_like_node() {
        assert_eq!(one("A=\"a\" b \"c\"").value, "a\" b \"c");
        assert_eq!(one("A=\"a\"b").value, "\"a\"b");
    }

    #[test]
    fn a_value_below_its_name_is_read_like_node_and_reported() {
        let parsed = parse("KEY\n=value\nA=\n\"quoted below\"\nB:\nC=1\nD=\nplain below\n");
        assert_eq!(
            entries("KEY\n=value\nA=\n\"quoted below\"\nB:\nC=1\nD=\nplain below\n"),
            [
                ("KEY".into(), "value".into(), 1),
                ("A".into(), "quoted below".into(), 3),
                ("B".into(), "C=1".into(), 5),
                ("D".into(), "".into(), 7),
            ]
        );
        let lines: Vec<usize> = parsed.problems.iter().map(|p| p.line).collect();
        // KEY, A and B take a value from the next line; `plain below` (line 8) is no entry.
        assert_eq!(lines, [1, 3, 5, 8], "{:?}", parsed.problems);
    }

    #[test]
    fn an_escaped_quote_closes_when_no_other_quote_can() {
        assert_eq!(
            entries("A=\"x\ny\\\"\nB=1\n"),
            [
                ("A".into(), "x\ny\\".into(), 1),
                ("B".into(), "1".into(), 3)
            ]
        );
        assert_eq!(one("A='it\\'s'").value, "it\\'s");
    }

    #[test]
    fn javascript_whitespace_and_unicode() {
        assert_eq!(one("\u{a0}A=\u{a0}x\u{3000}").value, "x");
        assert_eq!(one("A=\u{feff}x\u{feff}").value, "x");
        // U+0085 is Unicode whitespace but not JavaScript's.
        assert_eq!(one("A=\u{85}x").value, "\u{85}x");
        assert_eq!(entries("A=1\n\u{feff}B=2").len(), 2);
        assert_eq!(one("A=caf\u{e9} \u{1f389}").value, "caf\u{e9} \u{1f389}");
    }

    #[test]
    fn an_unclosed_double_quote_still_expands_newline_escapes() {
        assert_eq!(one(r#"A="open\nmore"#).value, "\"open\nmore");
        assert_eq!(one(r"A='open\nmore").value, r"'open\nmore");
    }

    #[test]
    fn colon_needs_whitespace_right_after_the_key() {
        let parsed = parse("A : b\nB:c\nC: d\n");
        assert_eq!(entries("A : b\nB:c\nC: d\n"), [("C".into(), "d".into(), 3)]);
        assert_eq!(parsed.problems.len(), 2);
    }

    #[test]
    fn proto_is_dropped_like_node_with_a_problem() {
        let parsed = parse("__proto__=x\nA=1\n");
        assert_eq!(entries("__proto__=x\nA=1\n"), [("A".into(), "1".into(), 2)]);
        assert_eq!(parsed.problems.len(), 1);
        assert_eq!(parsed.problems[0].line, 1);
    }

    #[test]
    fn quote_kind_is_that_of_the_quotes_dotenv_dropped() {
        assert_eq!(one("A='x'").quote, QuoteKind::Single);
        assert_eq!(one("A=\"a\" b \"c\"").quote, QuoteKind::Double);
        assert_eq!(one("A=`x").quote, QuoteKind::None);
        assert_eq!(one("A=x").quote, QuoteKind::None);
    }

    #[test]
    fn debug_hides_values() {
        assert!(!format!("{:?}", one("A=sk_test_secretvalue")).contains("secretvalue"));
    }
}
