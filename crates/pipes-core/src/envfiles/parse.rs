//! The dotenv grammar that Next.js and Vite actually run (the `dotenv` npm package, v16+),
//! with the line number of every entry.
//!
//! Why not the `dotenvy` crate: its iterator gives no line numbers, has no backtick quotes,
//! keeps a UTF-8 BOM in the first key (only `load()` strips it), expands `$VAR` from the
//! wizard's own process environment (which would change the value we fingerprint), and rejects
//! unquoted values with spaces that Node accepts. The rules below follow Node's `dotenv.parse`:
//! - `KEY=value` or `KEY: value`, optional `export ` prefix, keys `[A-Za-z0-9_.-]+`;
//! - `#` starts a comment anywhere in an unquoted value; unquoted values are trimmed;
//! - `'…'`, `"…"` and `` `…` `` quotes, which may span lines; inside double quotes only `\n`
//!   and `\r` are escapes (Node keeps every other backslash as written);
//! - CRLF and lone CR are line ends; a leading BOM is dropped;
//! - a quote that never closes makes the rest of that line the (unquoted) value, as in Node.
//! - a key defined twice: the last one wins (Node, python-dotenv and godotenv agree).

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

/// A line that is not a comment, not blank and not `KEY=value`.
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

pub fn parse(text: &str) -> Parsed {
    let text = normalize(text);
    let mut cursor = Cursor {
        text: &text,
        pos: 0,
        line: 1,
    };
    let mut parsed = Parsed::default();
    while !cursor.at_end() {
        let statement = parse_statement(&mut cursor);
        parsed.entries.extend(statement.entry);
        parsed.problems.extend(statement.problem);
    }
    parsed
}

/// Drops a BOM and turns CRLF / CR into LF, as Node does before matching.
fn normalize(text: &str) -> String {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// What one statement gave: an entry, a problem, both (an entry Node keeps but that looks wrong),
/// or neither (blank line, comment).
#[derive(Default)]
struct Statement {
    entry: Option<ParsedEntry>,
    problem: Option<ParseProblem>,
}

struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
}

impl Cursor<'_> {
    fn at_end(&self) -> bool {
        self.pos >= self.text.len()
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_blanks(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t')) {
            self.pos += 1;
        }
    }

    fn line_end(&self) -> usize {
        self.text[self.pos..]
            .find('\n')
            .map_or(self.text.len(), |i| self.pos + i)
    }

    /// Moves past the current line's newline.
    fn next_line(&mut self) {
        let end = self.line_end();
        self.pos = end + 1;
        self.line += 1;
    }

    /// Moves to `to`, counting the newlines passed.
    fn advance_to(&mut self, to: usize) {
        self.line += self.text[self.pos..to].matches('\n').count();
        self.pos = to;
    }
}

fn parse_statement(cursor: &mut Cursor) -> Statement {
    cursor.skip_blanks();
    match cursor.peek() {
        None => return Statement::default(),
        Some(b'\n' | b'#') => {
            cursor.next_line();
            return Statement::default();
        }
        _ => {}
    }
    let line = cursor.line;
    skip_export(cursor);
    let Some(key) = take_key(cursor) else {
        return problem(cursor, line, "expected KEY=value".to_string());
    };
    cursor.skip_blanks();
    if !take_separator(cursor) {
        // The text is not echoed: a bare pasted secret (`sk_live_…` alone on a line) looks like a key.
        return problem(cursor, line, "no `=` after the name".to_string());
    }
    cursor.skip_blanks();
    let (value, quote, trailing_whitespace, unterminated) = take_value(cursor);
    let problem = unterminated.then(|| ParseProblem {
        line,
        message: format!(
            "`{key}` opens a quote that never closes; the rest of the line is the value"
        ),
    });
    Statement {
        entry: Some(ParsedEntry {
            key,
            value,
            line,
            quote,
            trailing_whitespace,
        }),
        problem,
    }
}

fn problem(cursor: &mut Cursor, line: usize, message: String) -> Statement {
    cursor.next_line();
    Statement {
        entry: None,
        problem: Some(ParseProblem { line, message }),
    }
}

fn skip_export(cursor: &mut Cursor) {
    let rest = &cursor.text[cursor.pos..];
    if let Some(after) = rest.strip_prefix("export")
        && after.starts_with([' ', '\t'])
    {
        cursor.pos += "export".len();
        cursor.skip_blanks();
    }
}

fn take_key(cursor: &mut Cursor) -> Option<String> {
    let start = cursor.pos;
    while matches!(cursor.peek(), Some(c) if c.is_ascii_alphanumeric() || matches!(c, b'_' | b'.' | b'-'))
    {
        cursor.pos += 1;
    }
    (cursor.pos > start).then(|| cursor.text[start..cursor.pos].to_string())
}

/// `=`, or `:` followed by a blank (Node accepts the YAML-ish `KEY: value`).
fn take_separator(cursor: &mut Cursor) -> bool {
    match cursor.peek() {
        Some(b'=') => {
            cursor.pos += 1;
            true
        }
        Some(b':')
            if matches!(
                cursor.text.as_bytes().get(cursor.pos + 1),
                Some(b' ' | b'\t')
            ) =>
        {
            cursor.pos += 1;
            true
        }
        _ => false,
    }
}

/// Returns (value, quote, trailing whitespace, unterminated quote) and leaves the cursor on the
/// next statement.
fn take_value(cursor: &mut Cursor) -> (String, QuoteKind, bool, bool) {
    let quote = match cursor.peek() {
        Some(b'\'') => QuoteKind::Single,
        Some(b'"') => QuoteKind::Double,
        Some(b'`') => QuoteKind::Backtick,
        _ => QuoteKind::None,
    };
    if quote != QuoteKind::None
        && let Some(value) = take_quoted(cursor, quote)
    {
        return (value, quote, false, false);
    }
    let unterminated = quote != QuoteKind::None && !closes_anywhere(cursor, quote);
    let (value, quote_after, trailing) = take_unquoted(cursor);
    (value, quote_after, trailing, unterminated)
}

fn quote_byte(quote: QuoteKind) -> u8 {
    match quote {
        QuoteKind::Single => b'\'',
        QuoteKind::Double => b'"',
        QuoteKind::Backtick => b'`',
        QuoteKind::None => 0,
    }
}

/// Index of the closing quote for the quote at `open`, honouring `\<quote>` as Node's regex does.
fn closing_quote(text: &str, open: usize, quote: u8) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = open + 1;
    while i < bytes.len() {
        match bytes[i] {
            b'\\' if bytes.get(i + 1) == Some(&quote) => i += 2,
            c if c == quote => return Some(i),
            _ => i += 1,
        }
    }
    None
}

fn closes_anywhere(cursor: &Cursor, quote: QuoteKind) -> bool {
    closing_quote(cursor.text, cursor.pos, quote_byte(quote)).is_some()
}

/// A quoted value counts only if nothing but blanks or a comment follows the closing quote.
fn take_quoted(cursor: &mut Cursor, quote: QuoteKind) -> Option<String> {
    let close = closing_quote(cursor.text, cursor.pos, quote_byte(quote))?;
    let after_close = &cursor.text[close + 1..];
    let line_rest = after_close.split('\n').next().unwrap_or("");
    let tail = line_rest.trim_start_matches([' ', '\t']);
    if !(tail.is_empty() || tail.starts_with('#')) {
        return None;
    }
    let inner = &cursor.text[cursor.pos + 1..close];
    let value = if quote == QuoteKind::Double {
        expand_escapes(inner)
    } else {
        inner.to_string()
    };
    cursor.advance_to(close + 1);
    cursor.next_line();
    Some(value)
}

fn expand_escapes(inner: &str) -> String {
    inner.replace("\\n", "\n").replace("\\r", "\r")
}

/// Up to `#` or the end of the line, trimmed; surrounding matching quotes are then dropped,
/// as Node does for a value like `"a" b "c"` that its quoted patterns rejected.
fn take_unquoted(cursor: &mut Cursor) -> (String, QuoteKind, bool) {
    let end = cursor.line_end();
    let raw = &cursor.text[cursor.pos..end];
    let (raw, has_comment) = match raw.find('#') {
        Some(at) => (&raw[..at], true),
        None => (raw, false),
    };
    let trailing = !has_comment && raw.ends_with([' ', '\t']) && !raw.trim().is_empty();
    let trimmed = raw.trim();
    let (value, quote) = strip_matching_quotes(trimmed);
    cursor.pos = end;
    cursor.next_line();
    (value, quote, trailing)
}

fn strip_matching_quotes(value: &str) -> (String, QuoteKind) {
    let bytes = value.as_bytes();
    if bytes.len() >= 2 && bytes[0] == bytes[bytes.len() - 1] {
        let inner = &value[1..value.len() - 1];
        match bytes[0] {
            b'"' => return (expand_escapes(inner), QuoteKind::Double),
            b'\'' => return (inner.to_string(), QuoteKind::Single),
            b'`' => return (inner.to_string(), QuoteKind::Backtick),
            _ => {}
        }
    }
    (value.to_string(), QuoteKind::None)
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
    fn debug_hides_values() {
        assert!(!format!("{:?}", one("A=sk_test_secretvalue")).contains("secretvalue"));
    }
}
