use std::sync::Mutex;

use super::*;
use crate::checks::finding::Finding;
use crate::foundation::code::codes;

codes! {
    /// The runner's test checks' own codes; not app codes, so not in `all_codes`.
    enum RunnerTestCode {
        Slept = "SLEPT",
        Broken = "BROKEN",
        W = "W",
    }
}

fn sleeper(id: &str, sleep: Duration, timeout: Duration) -> Check<()> {
    Check::new(id, &format!("Check {id}"), timeout, move |_| async move {
        tokio::time::sleep(sleep).await;
        Ok(vec![Finding::pass(RunnerTestCode::Slept, "Slept", "ok")])
    })
}

fn failing(id: &str) -> Check<()> {
    Check::new(
        id,
        &format!("Check {id}"),
        Duration::from_secs(1),
        |_| async {
            Ok(vec![Finding::error(
                RunnerTestCode::Broken,
                "Broken",
                "it failed",
            )])
        },
    )
}

async fn run(checks: Vec<Check<()>>) -> RunSummary {
    run_checks(checks, Arc::new(()), |_| {}).await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn independent_checks_run_in_parallel() {
    let sleep = Duration::from_millis(300);
    let checks = (0..8)
        .map(|i| sleeper(&format!("c{i}"), sleep, Duration::from_secs(5)))
        .collect();
    let started = Instant::now();
    let summary = run(checks).await;
    let elapsed = started.elapsed();
    assert!(
        summary
            .results
            .iter()
            .all(|r| r.status == CheckStatus::Passed)
    );
    // 8 × 300 ms in series would be 2.4 s; in parallel it is about 300 ms.
    assert!(
        elapsed < sleep * 3,
        "took {elapsed:?}, expected about {sleep:?}"
    );
}

#[tokio::test]
async fn a_slow_check_times_out_with_its_limit_in_the_reason() {
    let summary = run(vec![sleeper(
        "slow",
        Duration::from_secs(30),
        Duration::from_millis(200),
    )])
    .await;
    let result = summary.result("slow").unwrap();
    assert_eq!(result.status, CheckStatus::TimedOut);
    assert_eq!(result.reason.as_deref(), Some("timed out after 0.2 s"));
    assert!(result.duration_ms < 2_000);
}

#[tokio::test]
async fn a_check_whose_dependency_failed_is_skipped_and_so_are_its_dependents() {
    let checks = vec![
        sleeper("after", Duration::ZERO, Duration::from_secs(1)).needs(&["key"]),
        failing("key"),
        sleeper("later", Duration::ZERO, Duration::from_secs(1)).needs(&["after"]),
        sleeper("free", Duration::ZERO, Duration::from_secs(1)),
    ];
    let summary = run(checks).await;
    assert_eq!(summary.result("key").unwrap().status, CheckStatus::Failed);
    let after = summary.result("after").unwrap();
    assert_eq!(after.status, CheckStatus::Skipped);
    assert_eq!(after.reason.as_deref(), Some("skipped: needs Check key"));
    assert_eq!(
        summary.result("later").unwrap().reason.as_deref(),
        Some("skipped: needs Check after")
    );
    assert_eq!(summary.result("free").unwrap().status, CheckStatus::Passed);
    let ids: Vec<_> = summary.results.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        ["after", "key", "later", "free"],
        "results keep declaration order"
    );
}

#[tokio::test]
async fn a_warning_does_not_block_dependents() {
    let warn = Check::new("w", "Warns", Duration::from_secs(1), |_: Arc<()>| async {
        Ok(vec![Finding::warn(RunnerTestCode::W, "w", "w")])
    });
    let summary = run(vec![
        warn,
        sleeper("next", Duration::ZERO, Duration::from_secs(1)).needs(&["w"]),
    ])
    .await;
    assert_eq!(summary.result("w").unwrap().status, CheckStatus::Warned);
    assert_eq!(summary.result("next").unwrap().status, CheckStatus::Passed);
}

#[tokio::test]
async fn a_panicking_check_is_errored_and_the_run_goes_on() {
    let panicking = Check::new("boom", "Boom", Duration::from_secs(1), |_: Arc<()>| async {
        if true {
            panic!("index out of bounds");
        }
        Ok(vec![])
    });
    let checks = vec![
        panicking,
        sleeper("other", Duration::from_millis(50), Duration::from_secs(1)),
    ];
    let summary = run(checks).await;
    let boom = summary.result("boom").unwrap();
    assert_eq!(boom.status, CheckStatus::Errored);
    assert_eq!(
        boom.reason.as_deref(),
        Some("the check crashed: index out of bounds")
    );
    assert_eq!(summary.result("other").unwrap().status, CheckStatus::Passed);
}

#[tokio::test]
async fn an_internal_error_is_errored_with_its_message() {
    let broken = Check::new("io", "IO", Duration::from_secs(1), |_: Arc<()>| async {
        Err("disk gone".to_string())
    });
    let summary = run(vec![broken]).await;
    let io = summary.result("io").unwrap();
    assert_eq!(io.status, CheckStatus::Errored);
    assert_eq!(io.reason.as_deref(), Some("disk gone"));
}

#[tokio::test]
async fn progress_streams_a_start_before_each_finish() {
    let events = Arc::new(Mutex::new(Vec::new()));
    let sink = events.clone();
    let checks = vec![
        sleeper("a", Duration::from_millis(10), Duration::from_secs(1)),
        sleeper("b", Duration::ZERO, Duration::from_secs(1)).needs(&["a"]),
    ];
    run_checks(checks, Arc::new(()), move |e| sink.lock().unwrap().push(e))
        .await
        .unwrap();
    let kinds: Vec<String> = events
        .lock()
        .unwrap()
        .iter()
        .map(|e| match e {
            CheckEvent::Started { id, .. } => format!("start {id}"),
            CheckEvent::Finished { result } => format!("finish {}", result.id),
        })
        .collect();
    assert_eq!(kinds, ["start a", "finish a", "start b", "finish b"]);
}

#[tokio::test]
async fn a_bad_graph_is_refused_before_anything_runs() {
    let unknown = run_checks(vec![failing("a").needs(&["ghost"])], Arc::new(()), |_| {}).await;
    assert!(matches!(unknown, Err(GraphError::UnknownDependency { .. })));
    let cycle = run_checks(
        vec![failing("a").needs(&["b"]), failing("b").needs(&["a"])],
        Arc::new(()),
        |_| {},
    )
    .await;
    assert!(matches!(cycle, Err(GraphError::Cycle(_))));
    let twice = run_checks(vec![failing("a"), failing("a")], Arc::new(()), |_| {}).await;
    assert_eq!(twice, Err(GraphError::DuplicateId("a".into())));
}

#[tokio::test]
async fn a_check_skipped_on_purpose_says_why_and_skips_its_dependents() {
    let checks = vec![
        sleeper("live", Duration::ZERO, Duration::from_secs(1)).skip_because("offline"),
        sleeper("key", Duration::ZERO, Duration::from_secs(1)).needs(&["live"]),
    ];
    let summary = run(checks).await;
    assert_eq!(
        summary.result("live").unwrap().reason.as_deref(),
        Some("skipped: offline")
    );
    assert_eq!(summary.result("key").unwrap().status, CheckStatus::Skipped);
    assert!(summary.result("live").unwrap().findings.is_empty());
}

#[tokio::test]
async fn an_after_dependency_runs_on_a_failed_check_but_not_on_a_crashed_one() {
    let crashed = Check::new(
        "crash",
        "Crash",
        Duration::from_secs(1),
        |_: Arc<()>| async { Err("no data".to_string()) },
    );
    let checks = vec![
        failing("env"),
        sleeper("reader", Duration::ZERO, Duration::from_secs(1)).after(&["env"]),
        crashed,
        sleeper("orphan", Duration::ZERO, Duration::from_secs(1)).after(&["crash"]),
    ];
    let summary = run(checks).await;
    assert_eq!(
        summary.result("reader").unwrap().status,
        CheckStatus::Passed
    );
    assert_eq!(
        summary.result("orphan").unwrap().reason.as_deref(),
        Some("skipped: needs Crash")
    );
}

#[test]
fn seconds_format_whole_and_fractional() {
    assert_eq!(format_seconds(Duration::from_secs(3)), "3 s");
    assert_eq!(format_seconds(Duration::from_millis(2500)), "2.5 s");
}

#[tokio::test]
async fn a_check_can_be_skipped_by_what_its_dependencies_found() {
    let asked = Arc::new(Mutex::new(false));
    let seen = asked.clone();
    let checks = vec![
        sleeper("scan", Duration::ZERO, Duration::from_secs(1)),
        sleeper("env", Duration::ZERO, Duration::from_secs(1))
            .needs(&["scan"])
            .skip_when(move |_| {
                *seen.lock().unwrap() = true;
                Some("pick an app first".to_string())
            }),
        sleeper("sdk", Duration::ZERO, Duration::from_secs(1))
            .needs(&["scan"])
            .skip_when(|_| None),
    ];
    let summary = run(checks).await;
    assert!(*asked.lock().unwrap());
    let env = summary.result("env").unwrap();
    assert_eq!(env.status, CheckStatus::Skipped);
    assert_eq!(env.reason.as_deref(), Some("skipped: pick an app first"));
    assert_eq!(summary.result("sdk").unwrap().status, CheckStatus::Passed);
}
