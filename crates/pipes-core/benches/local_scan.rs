//! The full local pre-flight scan (project scan + env files + findings) against the old setup
//! guide's grep commands, on a plain project and on a generated 100,000-file monorepo.
//!
//! `cargo bench -p pipes-core --bench local_scan` prints a table (min / median / mean).
//! The same binary also serves `scripts/bench-scan.sh`, which hands the trees to hyperfine:
//!   local_scan generate <dir>     write `plain/` and `monorepo/` into <dir>
//!   local_scan scan-once <root>   one full scan (the wizard's flow), as a process of its own

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use pipes_core::local::envfiles::{self, Framework, GIT_TIMEOUT};
use pipes_core::local::project::{self, ScanOptions};

const MONOREPO_FILES: usize = 100_000;
const GREP_KEY: &str = r#"grep -r "WORKOS_API_KEY" . --include="*.env*""#;
const GREP_SDK: &str = r#"grep -rE "@workos-inc/node|workos" package.json requirements.txt"#;

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    match args.first().map(String::as_str) {
        Some("generate") => {
            let dir = PathBuf::from(&args[1]);
            generate_trees(&dir);
            println!("{}", dir.display());
        }
        Some("scan-once") => {
            let findings = full_scan_chosen_app(Path::new(&args[1]));
            assert!(findings > 0);
        }
        _ => run_benchmark(),
    }
}

fn run_benchmark() {
    let dir = tempfile::tempdir().expect("temp dir");
    let started = Instant::now();
    let (plain, monorepo) = generate_trees(dir.path());
    println!(
        "generated {} + {} files in {:.1} s under {}",
        count_files(&plain),
        count_files(&monorepo),
        started.elapsed().as_secs_f64(),
        dir.path().display()
    );
    println!(
        "\n{:<58} {:>10} {:>10} {:>10} {:>5}",
        "what", "min", "median", "mean", "runs"
    );
    for (tree, root, runs) in [("plain", &plain, 50), ("monorepo 100k", &monorepo, 10)] {
        report(
            &format!("{tree}: scan + env check of the chosen app"),
            runs,
            || {
                full_scan_chosen_app(root);
            },
        );
        report(
            &format!("{tree}: scan + env check of every app"),
            runs,
            || {
                full_scan_every_app(root);
            },
        );
        report(&format!("{tree}: project::scan only"), runs, || {
            project::scan(root, &ScanOptions::default());
        });
        report(&format!("{tree}: {GREP_KEY}"), runs, || {
            shell(root, GREP_KEY)
        });
        report(&format!("{tree}: {GREP_SDK}"), runs, || {
            shell(root, GREP_SDK)
        });
    }
}

/// What the wizard does: scan, pick the suggested app (or the first), check its env files.
fn full_scan_chosen_app(root: &Path) -> usize {
    let scan = project::scan(root, &ScanOptions::default());
    let app = scan
        .suggested_app()
        .or_else(|| scan.apps.iter().find(|a| !a.workspace_root));
    let app_dir = app.map_or_else(|| root.to_path_buf(), |a| scan.app_dir(a));
    let check = envfiles::check(&app_dir, root, Framework::detect(&app_dir), GIT_TIMEOUT);
    scan.findings.len() + check.findings.len()
}

fn full_scan_every_app(root: &Path) -> usize {
    let scan = project::scan(root, &ScanOptions::default());
    let mut findings = scan.findings.len();
    for app in &scan.apps {
        let dir = scan.app_dir(app);
        findings += envfiles::check(&dir, root, Framework::detect(&dir), GIT_TIMEOUT)
            .findings
            .len();
    }
    findings
}

fn shell(dir: &Path, command: &str) {
    // grep exits 1 (no match) or 2 (missing requirements.txt): only the time matters here.
    let _ = Command::new("sh")
        .arg("-c")
        .arg(command)
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("sh runs");
}

fn report(what: &str, runs: usize, mut run: impl FnMut()) {
    run(); // warm the page cache
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            run();
            started.elapsed()
        })
        .collect();
    times.sort();
    let mean = times.iter().sum::<Duration>() / runs as u32;
    println!(
        "{what:<58} {:>10} {:>10} {:>10} {runs:>5}",
        ms(times[0]),
        ms(times[runs / 2]),
        ms(mean)
    );
}

fn ms(duration: Duration) -> String {
    format!("{:.2} ms", duration.as_secs_f64() * 1000.0)
}

fn count_files(root: &Path) -> usize {
    let mut count = 0;
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            match entry.file_type() {
                Ok(t) if t.is_dir() && entry.file_name() != ".git" => stack.push(entry.path()),
                Ok(t) if t.is_dir() => {}
                Ok(_) => count += 1,
                Err(_) => {}
            }
        }
    }
    count
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

fn generate_trees(dir: &Path) -> (PathBuf, PathBuf) {
    let plain = dir.join("plain");
    generate_plain(&plain);
    let monorepo = dir.join("monorepo");
    generate_monorepo(&monorepo);
    (plain, monorepo)
}

fn git_init(dir: &Path) {
    let _ = Command::new("git").arg("init").arg("-q").arg(dir).status();
}

fn generate_plain(root: &Path) {
    write(
        &root.join("package.json"),
        r#"{"name":"plain","dependencies":{"next":"15.0.3","@workos-inc/node":"7.77.0"}}"#,
    );
    write(&root.join("requirements.txt"), "");
    write(&root.join(".gitignore"), "node_modules\n.env*.local\n");
    write(
        &root.join(".env"),
        "WORKOS_CLIENT_ID=client_01BENCHPLAIN000000000000\nPORT=3000\n",
    );
    write(
        &root.join(".env.local"),
        "WORKOS_API_KEY=sk_test_BENCHa1B2c3D4e5F6g7H8i9J0\n",
    );
    write(
        &root.join(".env.example"),
        "WORKOS_API_KEY=sk_test_...\nWORKOS_CLIENT_ID=client_...\n",
    );
    for i in 0..50 {
        write(
            &root.join(format!("src/components/c{i}.tsx")),
            "export const x = 1;\n",
        );
    }
    git_init(root);
}

/// 100 workspace packages (20 apps with env files) holding 70 % of the files, and a root
/// node_modules with the other 30 %, as a real install would have.
fn generate_monorepo(root: &Path) {
    write(
        &root.join("package.json"),
        r#"{"name":"mono","private":true,"workspaces":["apps/*","packages/*"],"devDependencies":{"turbo":"2"}}"#,
    );
    write(
        &root.join(".gitignore"),
        "node_modules\n.env*.local\ndist\n",
    );
    let mut files = 2;
    let source_budget = MONOREPO_FILES * 7 / 10;
    for i in 0..100 {
        let package = if i < 20 {
            root.join(format!("apps/app{i:02}"))
        } else {
            root.join(format!("packages/pkg{i:02}"))
        };
        let deps = if i == 0 {
            r#""next":"15.0.3","@workos-inc/node":"7.77.0""#
        } else {
            r#""react":"19""#
        };
        write(
            &package.join("package.json"),
            &format!(r#"{{"name":"@mono/p{i}","dependencies":{{{deps}}}}}"#),
        );
        files += 1;
        if i < 20 {
            write(
                &package.join(".env"),
                &format!("WORKOS_CLIENT_ID=client_01BENCHAPP{i:02}0000000000000\n"),
            );
            write(
                &package.join(".env.local"),
                &format!("WORKOS_API_KEY=sk_test_BENCHapp{i:02}a1B2c3D4e5F6g7\n"),
            );
            files += 2;
        }
    }
    let per_package = (source_budget - files) / 100;
    for i in 0..100 {
        let package = if i < 20 {
            root.join(format!("apps/app{i:02}"))
        } else {
            root.join(format!("packages/pkg{i:02}"))
        };
        for f in 0..per_package {
            write(
                &package.join(format!("src/m{}/f{f}.ts", f % 20)),
                "export const value = 42;\n",
            );
        }
        files += per_package;
    }
    let mut module = 0;
    while files < MONOREPO_FILES {
        let dep = root.join(format!("node_modules/dep{:04}", module / 25));
        let name = if module % 25 == 0 {
            "package.json".to_string()
        } else {
            format!("lib/f{module}.js")
        };
        write(&dep.join(name), "module.exports = {};\n");
        module += 1;
        files += 1;
    }
    git_init(root);
}
