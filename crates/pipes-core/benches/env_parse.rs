//! The dotenv parser (a port of Node dotenv's `parse`) on ordinary and hostile files: a typical
//! `.env`, a 10,000-line one, one at the 1 MiB read cap (bigger files are not parsed), and the
//! shapes that make a naive port quadratic (thousands of quotes that never close, escaped
//! quotes everywhere).
//!
//! `cargo bench -p pipes-core --bench env_parse` prints min / median / max per case.

use std::time::{Duration, Instant};

use pipes_core::local::envfiles::{MAX_ENV_FILE_BYTES, parse_dotenv};

fn main() {
    let cases: [(&str, String, usize); 6] = [
        ("typical .env (40 lines)", lines(40, plain_line), 200),
        ("10,000 lines", lines(10_000, plain_line), 20),
        (
            "multi-line quoted values (2,000)",
            lines(2_000, multi_line),
            20,
        ),
        (
            "20,000 unclosed quotes",
            lines(20_000, |i| format!("K{i}=\"never closed {i}")),
            5,
        ),
        (
            "20,000 escaped quotes",
            lines(20_000, |i| format!("K{i}=\"a \\\" b {i}\\\"")),
            5,
        ),
        ("at the 1 MiB read cap", at_cap(), 20),
    ];
    println!(
        "{:<36} {:>10} {:>10} {:>10} {:>9}",
        "case", "min", "median", "max", "entries"
    );
    for (name, text, runs) in cases {
        let (times, entries) = time(&text, runs);
        println!(
            "{name:<36} {:>10} {:>10} {:>10} {entries:>9}",
            ms(times[0]),
            ms(times[times.len() / 2]),
            ms(times[times.len() - 1])
        );
    }
}

fn time(text: &str, runs: usize) -> (Vec<Duration>, usize) {
    let mut entries = 0;
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            entries = std::hint::black_box(parse_dotenv(text)).entries.len();
            started.elapsed()
        })
        .collect();
    times.sort();
    (times, entries)
}

fn lines(count: usize, line: impl Fn(usize) -> String) -> String {
    (0..count).map(|i| line(i) + "\n").collect()
}

fn plain_line(i: usize) -> String {
    match i % 4 {
        0 => format!("# section {i}"),
        1 => format!("export VAR_{i}=value-{i} # comment"),
        2 => format!("QUOTED_{i}=\"quoted value {i}\""),
        _ => format!("SINGLE_{i}='single {i}'"),
    }
}

fn multi_line(i: usize) -> String {
    format!("CERT_{i}=\"-----BEGIN-----\nline one {i}\nline two\n-----END-----\"")
}

fn at_cap() -> String {
    let line = "WORKOS_SOMETHING_LONG=sk_test_0123456789abcdefghijklmnopqrstuvwxyz\n";
    line.repeat(MAX_ENV_FILE_BYTES as usize / line.len())
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}
