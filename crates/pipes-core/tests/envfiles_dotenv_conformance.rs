//! Differential test: our dotenv parser (`envfiles::parse_dotenv`) against the real one, Node's
//! `dotenv.parse()` (the package Next.js and Vite load `.env` files with), over every file in
//! `tests/dotenv-conformance/corpus/` (one tricky case each), then over files made from a fixed
//! seed out of the same tricky pieces.
//!
//! One `node` process parses all the files; for each file, the key → value map (last definition
//! wins, as in Node) must be equal. What is deliberately not compared: line numbers, quote kinds,
//! the trailing-whitespace flag and the problems our parser reports. Node's `dotenv` has none of
//! these; they describe the file and never change a value. Files are decoded as lossy UTF-8 on
//! both sides, as envfiles/read.rs and Node's `Buffer#toString` do.
//!
//! Needs `node` on PATH and `npm ci --prefix tests/dotenv-conformance` (scripts/test does it).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use pipes_core::local::envfiles::parse_dotenv;

/// The corpus has one file per tricky case; fewer than this means files went missing.
const MIN_CORPUS_FILES: usize = 40;

fn conformance_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/dotenv-conformance")
}

fn corpus_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("corpus"))
        .expect("tests/dotenv-conformance/corpus/ is readable")
        .map(|entry| entry.expect("corpus entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "env"))
        .collect();
    files.sort();
    files
}

type EnvMap = BTreeMap<String, String>;

/// `{ "<path>": { KEY: value } }` from `node parse.mjs <paths>`.
fn node_parse(dir: &Path, files: &[PathBuf]) -> BTreeMap<String, EnvMap> {
    let dotenv = dir.join("node_modules/dotenv/package.json");
    assert!(
        dotenv.is_file(),
        "Node's dotenv is not installed ({} is missing): run \
         `npm ci --prefix tests/dotenv-conformance` from the repository root",
        dotenv.display()
    );
    let output = Command::new("node")
        .arg(dir.join("parse.mjs"))
        .args(files)
        .output()
        .expect("`node` runs (Node.js must be on PATH; scripts/test installs it)");
    assert!(
        output.status.success(),
        "node parse.mjs failed ({}):\n{}",
        output.status,
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("parse.mjs prints { path: { KEY: value } }")
}

fn our_parse(path: &Path) -> EnvMap {
    let bytes = std::fs::read(path).expect("the file is readable");
    // Lossy, as envfiles/read.rs decodes and as Node's Buffer#toString does.
    let text = String::from_utf8_lossy(&bytes);
    parse_dotenv(&text)
        .entries
        .into_iter()
        .map(|entry| (entry.key, entry.value))
        .collect()
}

/// One line per key that differs; values in Rust's `{:?}` so newlines, CRs and odd spaces show.
fn diff(ours: &EnvMap, node: &EnvMap) -> String {
    let mut out = String::new();
    let keys: std::collections::BTreeSet<&String> = ours.keys().chain(node.keys()).collect();
    for key in keys {
        match (ours.get(key), node.get(key)) {
            (Some(a), Some(b)) if a == b => {}
            (Some(a), Some(b)) => {
                let _ = writeln!(out, "  {key}: ours {} | node {}", shown(a), shown(b));
            }
            (Some(a), None) => {
                let _ = writeln!(out, "  {key}: ours {} | node has no such key", shown(a));
            }
            (None, Some(b)) => {
                let _ = writeln!(out, "  {key}: ours has no such key | node {}", shown(b));
            }
            (None, None) => unreachable!(),
        }
    }
    out
}

fn shown(value: &str) -> String {
    const MAX: usize = 120;
    let debug = format!("{value:?}");
    if debug.chars().count() <= MAX {
        return debug;
    }
    let head: String = debug.chars().take(MAX).collect();
    format!("{head}… ({} chars)", value.chars().count())
}

/// Parses `files` with both parsers; one paragraph per file that differs (with its bytes when
/// `show_bytes`, for generated files that exist nowhere else).
fn compare(dir: &Path, files: &[PathBuf], show_bytes: bool) -> (usize, String) {
    let node = node_parse(dir, files);
    let mut failures = String::new();
    let mut failed = 0;
    for file in files {
        let key = file.to_str().expect("paths are UTF-8");
        let name = file.file_name().unwrap().to_string_lossy();
        let Some(expected) = node.get(key) else {
            panic!("node printed nothing for {name}");
        };
        let ours = our_parse(file);
        if &ours != expected {
            failed += 1;
            let _ = write!(failures, "\n{name}:\n{}", diff(&ours, expected));
            if show_bytes {
                let bytes = std::fs::read(file).unwrap();
                let _ = writeln!(failures, "  file: {:?}", String::from_utf8_lossy(&bytes));
            }
        }
    }
    (failed, failures)
}

#[test]
fn our_parser_gives_the_same_values_as_node_dotenv_on_every_corpus_file() {
    let dir = conformance_dir();
    let files = corpus_files(&dir);
    assert!(
        files.len() >= MIN_CORPUS_FILES,
        "only {} corpus files in {}",
        files.len(),
        dir.join("corpus").display()
    );
    let (failed, failures) = compare(&dir, &files, false);
    assert!(
        failures.is_empty(),
        "{failed} of {} corpus files parse differently from Node's dotenv.parse():{failures}",
        files.len()
    );
}

/// How many random files the seeded test writes; each is a few lines of the corpus's tricky parts.
const GENERATED_FILES: usize = 1500;

/// The pieces generated files are made of: separators, quotes, escapes, comments, every kind of
/// line end and JavaScript whitespace that is not ASCII, a BOM, non-ASCII text.
const PIECES: &[&str] = &[
    "A",
    "B",
    "k.e-y",
    "export",
    "export ",
    "__proto__",
    " ",
    "  ",
    "\t",
    "=",
    "= ",
    ": ",
    ":",
    "#",
    " # c",
    "'",
    "\"",
    "`",
    "\\",
    "\\n",
    "\\\"",
    "\\'",
    "\n",
    "\n",
    "\n",
    "\r\n",
    "\r",
    "x",
    "value",
    "a b",
    "\u{a0}",
    "\u{feff}",
    "\u{2028}",
    "\u{85}",
    "\u{b}",
    "é",
    "日本",
    "==",
    "$",
];

/// xorshift64*: a fixed sequence, so a failure names a file that the next run writes again.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 33) as usize % n
    }
}

fn generated_file(rng: &mut Rng) -> String {
    let mut text = String::new();
    for _ in 0..1 + rng.below(5) {
        // Mostly `KEY=` followed by random pieces, sometimes random pieces only.
        if rng.below(4) != 0 {
            text.push_str(["A", "B", "C", "export A", " B", "A ", "k.e-y"][rng.below(7)]);
            text.push_str(["=", "= ", " = ", ": ", ":\n", "=\n"][rng.below(6)]);
        }
        for _ in 0..rng.below(8) {
            text.push_str(PIECES[rng.below(PIECES.len())]);
        }
        text.push_str(["\n", "\r\n", "\r", ""][rng.below(4)]);
    }
    text
}

#[test]
fn our_parser_gives_the_same_values_as_node_dotenv_on_seeded_random_files() {
    let dir = conformance_dir();
    let scratch = tempfile::tempdir().expect("temp dir");
    let mut rng = Rng(0x5eed_d07e_4e5f_11e5);
    let files: Vec<PathBuf> = (0..GENERATED_FILES)
        .map(|n| {
            let path = scratch.path().join(format!("generated-{n:04}.env"));
            std::fs::write(&path, generated_file(&mut rng)).expect("write generated file");
            path
        })
        .collect();
    let (failed, failures) = compare(&dir, &files, true);
    assert!(
        failures.is_empty(),
        "{failed} of {GENERATED_FILES} generated files parse differently from Node's \
         dotenv.parse():{failures}"
    );
}
