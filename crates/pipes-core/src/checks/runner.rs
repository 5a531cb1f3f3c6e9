use std::collections::{HashMap, HashSet};
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};

use futures::StreamExt;
use futures::stream::FuturesUnordered;

use super::outcome::{CheckEvent, CheckResult, CheckStatus, RunSummary};
use crate::checks::finding::Finding;

pub type CheckFuture = Pin<Box<dyn Future<Output = Result<Vec<Finding>, String>> + Send>>;
type CheckFn<C> = Arc<dyn Fn(Arc<C>) -> CheckFuture + Send + Sync>;

/// One check: an id other checks can depend on, a title for people, a timeout, and the work.
/// The work returns findings, or `Err` when the check itself could not do its job.
pub struct Check<C> {
    pub id: String,
    pub title: String,
    pub needs: Vec<String>,
    /// Checks this one reads the results of: it runs once they finished, whatever they found,
    /// unless they could not produce results (errored, timed out or skipped).
    pub after: Vec<String>,
    pub timeout: Duration,
    /// When set, the check is not run and ends as skipped with this reason (e.g. offline).
    pub skip_reason: Option<String>,
    /// Asked once the dependencies finished, from what they found: a reason not to run now.
    skip_when: Option<SkipFn<C>>,
    run: CheckFn<C>,
}

type SkipFn<C> = Arc<dyn Fn(&C) -> Option<String> + Send + Sync>;

impl<C: Send + Sync + 'static> Check<C> {
    pub fn new<F, Fut>(id: &str, title: &str, timeout: Duration, run: F) -> Self
    where
        F: Fn(Arc<C>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<Vec<Finding>, String>> + Send + 'static,
    {
        Self {
            id: id.to_string(),
            title: title.to_string(),
            needs: Vec::new(),
            after: Vec::new(),
            timeout,
            skip_reason: None,
            skip_when: None,
            run: Arc::new(move |ctx| Box::pin(run(ctx))),
        }
    }

    pub fn after(mut self, ids: &[&str]) -> Self {
        self.after = ids.iter().map(|s| s.to_string()).collect();
        self
    }

    /// Reports this check as skipped with `reason` instead of running it.
    pub fn skip_because(mut self, reason: &str) -> Self {
        self.skip_reason = Some(reason.to_string());
        self
    }

    /// Skips the check with the reason `decide` gives, asked when its dependencies finished
    /// (e.g. "pick an app first", known only once the project check read the folder).
    pub fn skip_when(
        mut self,
        decide: impl Fn(&C) -> Option<String> + Send + Sync + 'static,
    ) -> Self {
        self.skip_when = Some(Arc::new(decide));
        self
    }

    pub fn needs(mut self, ids: &[&str]) -> Self {
        self.needs = ids.iter().map(|s| s.to_string()).collect();
        self
    }
}

impl<C> Check<C> {
    fn dependencies(&self) -> impl Iterator<Item = &String> {
        self.needs.iter().chain(self.after.iter())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GraphError {
    #[error("check `{check}` needs `{missing}`, which is not a check in this run")]
    UnknownDependency { check: String, missing: String },
    #[error("checks depend on each other in a cycle through `{0}`")]
    Cycle(String),
    #[error("two checks share the id `{0}`")]
    DuplicateId(String),
}

/// Runs `checks` over `ctx`: independent checks in parallel, each under its own timeout;
/// a check whose dependency did not pass or warn is skipped with the reason. `on_event`
/// sees every start and finish as it happens.
pub async fn run_checks<C: Send + Sync + 'static>(
    checks: Vec<Check<C>>,
    ctx: Arc<C>,
    on_event: impl Fn(CheckEvent) + Send + Sync,
) -> Result<RunSummary, GraphError> {
    validate(&checks)?;
    let started = Instant::now();
    let order: Vec<String> = checks.iter().map(|c| c.id.clone()).collect();
    let mut waiting: Vec<Check<C>> = checks;
    let mut done: HashMap<String, CheckResult> = HashMap::new();
    let mut running = FuturesUnordered::new();

    loop {
        let (ready, still_waiting): (Vec<_>, Vec<_>) = waiting
            .into_iter()
            .partition(|c| c.dependencies().all(|d| done.contains_key(d)));
        waiting = still_waiting;
        let mut skipped_any = false;
        for check in ready {
            if let Some(reason) = skip_reason(&check, &done, &ctx) {
                let result = skipped(&check, reason);
                on_event(CheckEvent::Finished {
                    result: result.clone(),
                });
                done.insert(check.id.clone(), result);
                skipped_any = true;
            } else {
                on_event(CheckEvent::Started {
                    id: check.id.clone(),
                    title: check.title.clone(),
                });
                running.push(run_one(check, ctx.clone()));
            }
        }
        if skipped_any {
            continue; // a skip may release (and skip) further dependents right away
        }
        match running.next().await {
            Some(result) => {
                on_event(CheckEvent::Finished {
                    result: result.clone(),
                });
                done.insert(result.id.clone(), result);
            }
            None => break,
        }
    }

    let results = order.iter().filter_map(|id| done.remove(id)).collect();
    Ok(RunSummary::new(results, elapsed_ms(started)))
}

async fn run_one<C: Send + Sync + 'static>(check: Check<C>, ctx: Arc<C>) -> CheckResult {
    let started = Instant::now();
    let work = tokio::spawn((check.run)(ctx));
    let abort = work.abort_handle();
    let (status, findings, reason) = match tokio::time::timeout(check.timeout, work).await {
        Ok(Ok(Ok(findings))) => (CheckStatus::from_findings(&findings), findings, None),
        Ok(Ok(Err(message))) => (CheckStatus::Errored, Vec::new(), Some(message)),
        Ok(Err(join_error)) => (
            CheckStatus::Errored,
            Vec::new(),
            Some(describe_join_error(join_error)),
        ),
        Err(_) => {
            abort.abort();
            let reason = format!("timed out after {}", format_seconds(check.timeout));
            (CheckStatus::TimedOut, Vec::new(), Some(reason))
        }
    };
    CheckResult {
        id: check.id,
        title: check.title,
        status,
        findings,
        reason,
        duration_ms: elapsed_ms(started),
    }
}

/// Why `check` must not run: skipped on purpose, or a dependency did not pass or warn.
fn skip_reason<C>(
    check: &Check<C>,
    done: &HashMap<String, CheckResult>,
    ctx: &C,
) -> Option<String> {
    if let Some(reason) = &check.skip_reason {
        return Some(format!("skipped: {reason}"));
    }
    let failed_need = check
        .needs
        .iter()
        .find(|d| !done[*d].status.lets_dependents_run());
    let missing_input = check
        .after
        .iter()
        .find(|d| !done[*d].status.produced_results());
    if let Some(blocker) = failed_need.or(missing_input) {
        return Some(format!("skipped: needs {}", done[blocker].title));
    }
    let decide = check.skip_when.as_ref()?;
    decide(ctx).map(|reason| format!("skipped: {reason}"))
}

fn skipped<C>(check: &Check<C>, reason: String) -> CheckResult {
    CheckResult {
        id: check.id.clone(),
        title: check.title.clone(),
        status: CheckStatus::Skipped,
        findings: Vec::new(),
        reason: Some(reason),
        duration_ms: 0,
    }
}

fn describe_join_error(error: tokio::task::JoinError) -> String {
    if !error.is_panic() {
        return "the check was cancelled".to_string();
    }
    let payload = error.into_panic();
    let text = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string());
    format!("the check crashed: {text}")
}

fn validate<C>(checks: &[Check<C>]) -> Result<(), GraphError> {
    let mut ids = HashSet::new();
    for check in checks {
        if !ids.insert(check.id.as_str()) {
            return Err(GraphError::DuplicateId(check.id.clone()));
        }
    }
    for check in checks {
        if let Some(missing) = check.dependencies().find(|d| !ids.contains(d.as_str())) {
            return Err(GraphError::UnknownDependency {
                check: check.id.clone(),
                missing: missing.clone(),
            });
        }
    }
    // Kahn's algorithm: whatever cannot be ordered sits on a cycle.
    let mut remaining: Vec<&Check<C>> = checks.iter().collect();
    let mut ordered: HashSet<&str> = HashSet::new();
    while !remaining.is_empty() {
        let before = remaining.len();
        remaining.retain(|c| {
            let free = c.dependencies().all(|d| ordered.contains(d.as_str()));
            if free {
                ordered.insert(c.id.as_str());
            }
            !free
        });
        if remaining.len() == before {
            return Err(GraphError::Cycle(remaining[0].id.clone()));
        }
    }
    Ok(())
}

/// "3 s" for whole seconds, "0.2 s" otherwise.
pub fn format_seconds(duration: Duration) -> String {
    if duration.subsec_millis() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{:.1} s", duration.as_secs_f64())
    }
}

fn elapsed_ms(since: Instant) -> u64 {
    since.elapsed().as_millis() as u64
}

#[cfg(test)]
mod tests;
