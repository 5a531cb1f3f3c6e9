// Generated from the Rust types by pipes-core (ipc_types.rs). Do not edit by hand:
// run `UPDATE_IPC_BINDINGS=1 cargo test -p pipes-core --test ipc_bindings`.

export type AppError = { code: string, message: string, };

export type Finding = { code: string, severity: Severity, title: string, message: string, remediation?: string, fix?: Fix, docs_url?: string, details?: Record<string, unknown>, };

export type Fix = { "kind": "add_to_gitignore", project: string, line: string, } | { "kind": "install_sdk", project: string, ecosystem: string, } | { "kind": "open_guide", guide: string, };

export type Severity = "pass" | "info" | "warn" | "error";

export type OpenOutcome = { url: string, opened: boolean, problem?: string, };

export type CheckEvent = { "type": "started", id: string, title: string, } | { "type": "finished", result: CheckResult, };

export type CheckResult = { id: string, title: string, status: CheckStatus, findings: Array<Finding>, reason?: string, duration_ms: number, };

export type CheckStatus = "passed" | "warned" | "failed" | "errored" | "timed_out" | "skipped";

export type RunSummary = { results: Array<CheckResult>, duration_ms: number, };

export type DocLink = { id: string, title: string, url: string, description: string, };

export type DocsCatalog = { links: Array<DocLink>, corrections: Array<GuideCorrection>, };

export type GuideCorrection = { topic: string, old_guide: string, reality: string, };

export type StepId = "docs" | "preflight" | "dashboard" | "sdk_integration" | "connections" | "webhooks" | "verify" | "troubleshoot";

export type StepInfo = { id: StepId, number: number, title: string, summary: string, };

export type StepStatus = "not_started" | "in_progress" | "done" | "needs_attention";

export type WizardProgress = { current: StepId, statuses: { [key in StepId]?: StepStatus }, };

export type TargetInfo = { demo: boolean, base_url: string, key_fingerprint: string, environment: KeyEnvironment | null, };

export type KeyEnvironment = "sandbox" | "production" | "unknown";
