// Generated from the Rust types by pipes-core (ipc_types.rs). Do not edit by hand:
// run `UPDATE_IPC_BINDINGS=1 cargo test -p pipes-core --test ipc_bindings`.

export type AppError = { code: string, message: string, };

export type Finding = { code: string, severity: Severity, title: string, message: string, remediation?: string, fix?: Fix, docs_url?: string, details?: Record<string, unknown>, 
/**
 * The recovery guide (step 8) a failure with this code opens; none for a pass.
 */
guide?: string, };

export type Fix = { "kind": "add_to_gitignore", project: string, line: string, } | { "kind": "install_sdk", project: string, ecosystem: string, } | { "kind": "install_sdk_in_new_venv", project: string, } | { "kind": "open_guide", guide: string, };

export type Severity = "pass" | "info" | "warn" | "error";

export type OpenOutcome = { url: string, opened: boolean, problem?: string, };

export type CheckEvent = { "type": "started", id: string, title: string, } | { "type": "finished", result: CheckResult, };

export type CheckResult = { id: string, title: string, status: CheckStatus, findings: Array<Finding>, reason?: string, duration_ms: number, };

export type CheckStatus = "passed" | "warned" | "failed" | "errored" | "timed_out" | "skipped";

export type RunSummary = { results: Array<CheckResult>, duration_ms: number, counts: RunCounts, };

export type RunCounts = { passed: number, warned: number, failed: number, };

export type DocLink = { id: string, title: string, url: string, description: string, };

export type DocsCatalog = { links: Array<DocLink>, corrections: Array<GuideCorrection>, };

export type GuideCorrection = { topic: string, old_guide: string, reality: string, };

export type StepId = "docs" | "preflight" | "dashboard" | "sdk_integration" | "connections" | "webhooks" | "verify" | "troubleshoot";

export type StepInfo = { id: StepId, number: number, title: string, summary: string, };

export type StepStatus = "not_started" | "in_progress" | "done" | "needs_attention" | "checked_elsewhere";

export type WizardProgress = { current: StepId, statuses: { [key in StepId]?: StepStatus }, };

export type CatalogEntry = { id: string, name: string, 
/**
 * Where the OAuth app is created (opened in the browser by `open_provider_console`).
 */
console_url: string, steps: Array<string>, fields: Array<CatalogField>, scopes: Array<CatalogScope>, redirect_rule: RedirectRule, };

export type CatalogField = { label: string, what_to_enter: string, };

export type CatalogScope = { scope: string, meaning: string, };

export type ChecklistItem = { id: string, text: string, done: boolean, };

export type CredentialsChangeView = { slug: string, client_id: string, secret_ends_with: string, scopes: Array<string> | null, needs_confirmation: boolean, question: string, };

export type DashboardOverview = { 
/**
 * Where the user stands in the decision tree; `None` when the key says nothing.
 */
environment: KeyEnvironment | null, 
/**
 * Whether the management API answered (`false`: configure in the Dashboard instead).
 */
management_api: boolean, integrations: Array<IntegrationView>, findings: Array<Finding>, 
/**
 * Providers the app can guide, for those not set up yet.
 */
catalog: Array<CatalogEntry>, };

export type IntegrationView = { slug: string, name: string, 
/**
 * `user` or `organization`.
 */
ownership: string, 
/**
 * `shared`, `custom` or `organization`.
 */
credentials_type: string, enabled: boolean, state: string | null, auth_methods: Array<string>, scopes: Array<string>, 
/**
 * The provider's callback for this integration; empty for API-key integrations.
 */
redirect_uri: string, catalog: CatalogEntry | null, findings: Array<Finding>, };

export type ReturnUrlCandidate = { name: string, value: string, file: string, line: number, };

export type ScopeComparison = { rows: Array<ScopeRow>, findings: Array<Finding>, };

export type ScopeRow = { scope: string, meaning: string | null, requested: boolean, 
/**
 * `None` when the provider side was not given.
 */
configured: boolean | null, 
/**
 * `None` when no connection was checked.
 */
granted: boolean | null, };

export type RedirectComparison = { expected: string, actual: string, verdict: Verdict, differences: Array<Difference>, diff: Array<DiffSegment>, rule: RuleCitation, };

export type RedirectRule = "exact" | "github" | "microsoft" | "workos_return_url";

export type RuleCitation = { rule: RedirectRule, name: string, summary: string, source_url: string, };

export type Verdict = "exact_match" | "accepted" | "will_fail";

export type Difference = { kind: DifferenceKind, message: string, };

export type DifferenceKind = "whitespace" | "invisible_character" | "look_alike_character" | "non_ascii_character" | "not_a_uri" | "scheme" | "userinfo" | "host_case" | "subdomain" | "host" | "default_port_written" | "port" | "percent_encoding" | "trailing_slash" | "double_slash" | "path_case" | "sub_path" | "path" | "query" | "fragment" | "rule_violation";

export type DiffSegment = { kind: SegmentKind, text: string, };

export type SegmentKind = "same" | "missing" | "extra";

export type ConnectedSummary = { id: string, state: string, connection_role: string | null, account_display_name: string | null, account_identifier: string | null, scopes: Array<string>, missing_scopes: Array<string>, token_expires_at: string | null, };

export type Leg = "authorize" | "consent" | "return_url" | "finish" | "confirm";

export type TestConnectionEvent = { "kind": "started", authorize_url: string, return_url: string, } | { "kind": "browser", outcome: OpenOutcome, };

export type TestConnectionPlanView = { slug: string, user_id: string, environment: KeyEnvironment | null, 
/**
 * A production (or unknown) key: the window asks first, with `question`.
 */
needs_confirmation: boolean, question: string, };

export type TestConnectionReport = { ok: boolean, 
/**
 * The leg that broke; `None` when everything worked.
 */
broke_at: Leg | null, findings: Array<Finding>, connected: ConnectedSummary | null, };

export type StopReason = "cancelled" | "redirect_uri_mismatch" | "provider_error";

export type TestUser = { id: string, email: string, name: string | null, };

export type Snippet = { language: SnippetLanguage, file_name: string, install: string, code: string, };

export type SnippetLanguage = "node" | "python";

export type SdkWithoutSecureFlow = { language: string, package: string, 
/**
 * The newest version whose source was read.
 */
checked_version: string, 
/**
 * The Pipes calls it does have.
 */
has: string, };

export type OtherSdks = { sdks: Array<SdkWithoutSecureFlow>, advice: string, };

export type ConnectionIntent = { "kind": "connect" } | { "kind": "add" } | { "kind": "reauthorize", connected_account_id: string, };

export type ConnectionsOverview = { user_id: string, organization_id: string | null, providers: Array<ProviderConnections>, 
/**
 * A connection that needs the user (reauthorize, reconnect), one finding each.
 */
findings: Array<Finding>, };

export type ProviderConnections = { slug: string, name: string, 
/**
 * `user` or `organization`, when WorkOS says.
 */
connection_owner: string | null, accounts: Array<AccountView>, };

export type AccountView = { id: string, state: string, state_words: string, state_reason: string | null, state_reason_words: string | null, role: string | null, role_words: string | null, display_name: string | null, account_identifier: string | null, scopes: Array<string>, created_at: string | null, updated_at: string | null, };

export type ConnectionTarget = { slug: string, user_id: string, organization_id: string | null, account_id: string, };

export type ConnectionChangeKind = { "kind": "rename", display_name: string, } | { "kind": "disconnect" };

export type ConnectionChangeView = { which: ConnectionTarget, kind: ConnectionChangeKind, 
/**
 * The connection as WorkOS holds it now.
 */
account: AccountView, question: string, 
/**
 * What the change does not do, said before the user says yes.
 */
caveat: string | null, needs_confirmation: boolean, };

export type OrganizationChoice = { id: string, name: string, };

export type TokenStatus = "active" | "not_installed" | "needs_reauthorization" | "account_selection_required" | "other";

export type TokenStatusView = { status: TokenStatus, words: string, scopes: Array<string>, 
/**
 * Each missing scope with what it means, where the catalog knows.
 */
missing_scopes: Array<CatalogScope>, expires_at: string | null, };

export type ProviderApi = { slug: string, 
/**
 * Everything before the path the user types.
 */
base_url: string, 
/**
 * Paths (with their query) that read something harmless.
 */
examples: Array<string>, 
/**
 * The fake provider API of a local WorkOS, not the provider itself.
 */
simulated: boolean, };

export type ProviderCallEvent = { "kind": "sending", attempt: number, url: string, } | { "kind": "waiting", attempt: number, wait_ms: number, 
/**
 * `retry_after` when the provider said how long, `backoff` otherwise.
 */
because: string, status: number, };

export type ProviderCallReport = { method: ProviderMethod, 
/**
 * Without the token: it travels in the Authorization header only.
 */
url: string, simulated: boolean, status: number | null, attempts: number, headers: Array<HeaderLine>, body: string, body_truncated: boolean, findings: Array<Finding>, };

export type ProviderRequest = { which: ConnectionTarget, method: ProviderMethod, 
/**
 * The path and query after the provider API's address: `/user/repos?per_page=5`.
 */
path: string, };

export type ProviderMethod = "GET" | "HEAD";

export type HeaderLine = { name: string, value: string, };

export type WebhooksOverview = { receiver_url: string | null, endpoints: Array<ListedEndpoint>, 
/**
 * Why the endpoints could not be listed (no API access: the Dashboard path).
 */
endpoints_problem: string | null, sends_test_events: boolean, events: Array<string>, dashboard_steps: Array<string>, };

export type TestEventSent = { event: string, event_id: string, endpoint_url: string, 
/**
 * The receiver's answer; `None` when it could not be reached.
 */
status: number | null, error: string | null, };

export type PollView = { events: Array<PolledEvent>, more: boolean, 
/**
 * WorkOS asked to wait this long before the next poll.
 */
retry_after_ms: number | null, };

export type PolledEvent = { id: string, event: string, created_at: string | null, data: unknown, };

export type ListedEndpoint = { endpoint: WebhookEndpoint, made_by_app: boolean, 
/**
 * Whether it is subscribed to all nine Pipes events.
 */
has_all_pipes_events: boolean, };

export type WebhookEndpoint = { id: string, endpoint_url: string, status: string | null, events: Array<string>, created_at: string | null, };

export type RegistrationView = { endpoint_url: string, events: Array<string>, environment: KeyEnvironment | null, needs_confirmation: boolean, question: string, };

export type RemovalView = { endpoint_id: string, needs_confirmation: boolean, question: string, };

export type RegisteredEndpoint = { endpoint: WebhookEndpoint, secret: StoredSecret, };

export type ReceivedDelivery = { event_id: string | null, event_type: string | null, verdict: VerdictView, received_at_ms: number, 
/**
 * The body's size in bytes (as announced, for a refused oversized body).
 */
size: number, 
/**
 * The HTTP status the receiver answered.
 */
status: number, };

export type VerdictView = { valid: boolean, code: string | null, message: string, next_step: string | null, signed_at_ms: number | null, rejection: Rejection | null, };

export type Rejection = { "kind": "secret_missing" } | { "kind": "secret_is_api_key" } | { "kind": "header_missing" } | { "kind": "header_malformed", detail: string, } | { "kind": "no_v1_signature" } | { "kind": "timestamp_in_seconds" } | { "kind": "timestamp_too_old", seconds: number, tolerance_seconds: number, } | { "kind": "timestamp_in_future", seconds: number, tolerance_seconds: number, } | { "kind": "body_reserialized", form: string, } | { "kind": "signature_mismatch" } | { "kind": "replayed" } | { "kind": "body_too_large", size: number, limit: number, } | { "kind": "peer_not_loopback", peer: string, };

export type Guide = { id: string, title: string, 
/**
 * What the user sees when this goes wrong.
 */
symptom: string, causes: Array<Cause>, 
/**
 * Whether the app can run the checks that tell the causes apart ([`super::diagnose`]).
 */
diagnosable: boolean, 
/**
 * The finding codes that open this guide.
 */
codes: Array<string>, };

export type Cause = { id: string, title: string, 
/**
 * How to tell this cause from the others.
 */
how_to_tell: string, fix: string, };

export type Diagnosis = { guide: string, checks: Array<CauseCheck>, };

export type CauseCheck = { cause: string, verdict: CauseVerdict, 
/**
 * What was checked and found, in words (keys only as fingerprints).
 */
evidence: string, };

export type CauseVerdict = "applies" | "does_not_apply" | "cannot_tell";

export type VerifyLine = { id: string, title: string, status: LineStatus, evidence: Evidence, detail: string, at_ms: number, 
/**
 * The recovery guide for a failing line.
 */
guide: string | null, };

export type Scenario = "redirect_uri_mismatch" | "missing_scope" | "revoked_connection" | "wrong_webhook_secret" | "rate_limited_provider";

export type ScenarioView = { scenario: Scenario, title: string, 
/**
 * What breaks.
 */
breaks: string, 
/**
 * Where the audience sees the wizard find it.
 */
watch: string, heal: string, };

export type ReportFormat = "json" | "markdown" | "html";

export type LineStatus = "pass" | "fail" | "warn" | "not_checked";

export type Evidence = "live" | "inferred" | "confirmed";

export type TargetInfo = { demo: boolean, base_url: string, key_fingerprint: string, environment: KeyEnvironment | null, 
/**
 * Why the app is not where the user left it (e.g. the keychain could not give the key back).
 */
notice?: string, };

export type KeyEnvironment = "sandbox" | "production" | "unknown";

export type Proposal<V> = { id: string, view: V, };

export type GitignorePreview = { 
/**
 * The `.gitignore` that gets the line (absolute).
 */
path: string, line: string, before: string, after: string, 
/**
 * The file does not exist yet and will be created.
 */
creates_file: boolean, 
/**
 * The exact line is already there: applying changes nothing.
 */
already_present: boolean, };

export type EnvWritePreview = { path: string, file: string, creates_file: boolean, 
/**
 * The file after the change, the key masked.
 */
after_masked: string, 
/**
 * The .gitignore change made first, when the file is not ignored yet.
 */
gitignore?: GitignorePreview, };

export type EnvEntry = { key: string, line: number, quote: QuoteKind, trailing_whitespace: boolean, 
/**
 * For a WorkOS variable `sk_test_…a1b2`-style (see [`fingerprint`]); for any other
 * variable (DATABASE_URL, …) only `set` or `empty`, and nothing more.
 */
fingerprint: string, };

export type EnvFile = { 
/**
 * File name inside the app folder, e.g. `.env.local`.
 */
name: string, 
/**
 * `.env.example` and friends: documentation, never loaded.
 */
template: boolean, 
/**
 * Modes in which the framework loads this file.
 */
loaded_in: Array<string>, size_bytes: number, entries: Array<EnvEntry>, problems: Array<ParseProblem>, read_issues: Array<ReadIssue>, };

export type EnvReport = { app_dir: string, framework: Framework, 
/**
 * The framework's load order in one sentence, for the UI.
 */
precedence: string, 
/**
 * Sorted by name.
 */
files: Array<EnvFile>, modes: Array<ModeResolution>, 
/**
 * The app folder itself could not be listed.
 */
dir_error: string | null, };

export type Framework = "next_js" | "vite" | "dotenv";

export type ModeResolution = { mode: string, 
/**
 * Existing files loaded in this mode, highest priority first.
 */
files: Array<string>, 
/**
 * Sorted by key.
 */
variables: Array<ResolvedVar>, };

export type ParseProblem = { line: number, message: string, };

export type QuoteKind = "none" | "single" | "double" | "backtick";

export type ReadIssue = { "kind": "too_large", size_bytes: number, read_bytes: number, } | { "kind": "binary" } | { "kind": "not_utf8", line: number, } | { "kind": "not_a_file", what: string, } | { "kind": "unreadable", message: string, };

export type ResolvedVar = { key: string, from: VarSource, fingerprint: string, 
/**
 * Definitions of the same key that lose, highest priority first.
 */
shadowed: Array<VarSource>, };

export type VarSource = { file: string, line: number, };

export type App = { 
/**
 * Relative to the project root; `.` for the root itself.
 */
path: string, 
/**
 * Declared in a manifest (`name` in package.json, …) or else the folder name.
 */
name: string, manifests: Array<ManifestFile>, 
/**
 * Sorted, without duplicates.
 */
ecosystems: Array<Ecosystem>, 
/**
 * `.env*` files directly in this folder, relative to the project root.
 */
env_files: Array<string>, 
/**
 * Matched by the root's workspace globs (npm/pnpm/lerna/cargo/go work).
 */
workspace_member: boolean, 
/**
 * The root of a declared monorepo: usually not the app the user means.
 */
workspace_root: boolean, 
/**
 * The app's absolute folder.
 */
dir: string, };

export type Ecosystem = "node" | "python" | "go" | "ruby" | "php" | "jvm" | "dotnet" | "elixir" | "rust";

export type ManifestFile = { path: string, kind: ManifestKind, ecosystem: Ecosystem, };

export type ManifestKind = "package_json" | "requirements_txt" | "pyproject_toml" | "setup_py" | "pipfile" | "go_mod" | "gemfile" | "composer_json" | "pom_xml" | "build_gradle" | "build_gradle_kts" | "csproj" | "mix_exs" | "cargo_toml";

export type ProjectScan = { 
/**
 * The folder as picked, for display.
 */
root: string, 
/**
 * Root first, then by path.
 */
apps: Array<App>, workspace: WorkspaceInfo, manifests: Array<ManifestFile>, 
/**
 * Every `.env*` file found, relative to the root.
 */
env_files: Array<string>, findings: Array<Finding>, stats: ScanStats, 
/**
 * The checks can run on it: no finding about the path itself is an error.
 */
usable: boolean, };

export type RecentProject = { 
/**
 * Absolute folder path as the user picked it.
 */
path: string, 
/**
 * What the list shows: the app's declared name or the folder name.
 */
name: string, 
/**
 * Milliseconds since the Unix epoch.
 */
opened_at_ms: number, 
/**
 * In a monorepo, the app (its path inside the folder) the checks last ran on.
 */
app: string | null, };

export type RecentProjects = { entries: Array<RecentProject>, };

export type ScanStats = { 
/**
 * Folders + candidate files + walk errors; what `ScanOptions::max_entries` caps.
 */
entries_seen: number, dirs_seen: number, 
/**
 * Candidate files only (manifests, `.env*`, workspace files), not every file in the tree.
 */
files_seen: number, truncated_by_depth: boolean, truncated_by_entry_cap: boolean, elapsed_ms: number, };

export type WorkspaceInfo = { 
/**
 * e.g. `npm workspaces`, `pnpm`, `lerna`, `nx`, `turbo`, `cargo`, `go work`.
 */
tools: Array<string>, 
/**
 * Member globs as written (`apps/*`, `!apps/legacy`).
 */
patterns: Array<string>, };

export type DeclaredRequirement = { 
/**
 * As written; empty when the manifest gives no version.
 */
requirement: string, file: string, lowest?: string, };

export type InstallLine = { stream: OutputStream, line: string, elapsed_ms: number, };

export type InstallOutcome = { status: InstallStatus, command?: string, exit_code?: number, duration_ms: number, 
/**
 * How many output lines were streamed.
 */
lines: number, 
/**
 * The install's own finding first, then the findings of the scan that followed.
 */
findings: Array<Finding>, 
/**
 * The scan after the install (also after a failure: it may have half-worked).
 */
report?: SdkReport, };

export type InstallStatus = "succeeded" | "failed" | "cancelled" | "timed_out" | "program_missing" | "unsupported";

export type OutputStream = "stdout" | "stderr";

export type PackageManager = "npm" | "yarn" | "pnpm" | "bun" | "pip" | "poetry" | "uv" | "pipenv" | "go" | "bundler" | "composer" | "maven" | "gradle" | "dotnet" | "mix" | "cargo";

export type SdkDetection = { ecosystem: Ecosystem, package: string, package_manager: PackageManager, declared?: DeclaredRequirement, 
/**
 * What a lockfile resolved it to.
 */
locked?: VersionSource, 
/**
 * What is on disk in the app folder (node_modules, .venv, vendor).
 */
installed?: VersionSource, 
/**
 * The version the status was judged on: installed, else locked, else the lowest declared.
 */
effective_version?: string, pipes_since?: string, status: SdkStatus, };

export type SdkReport = { app_dir: string, 
/**
 * Ecosystems with a manifest in the folder, whether or not they use WorkOS.
 */
ecosystems: Array<Ecosystem>, detections: Array<SdkDetection>, 
/**
 * `@workos-inc/widgets`, when the Node app has it.
 */
widgets?: VersionSource, findings: Array<Finding>, };

export type SdkStatus = "ok" | "too_old_for_pipes" | "not_installed" | "no_pipes_yet" | "version_unknown";

export type VersionSource = { version: string, file: string, };

export type StoredSecret = { profile: string, kind: SecretKind, fingerprint: string, };

export type WorkedWith = { connections: Array<WorkedConnection>, };

export type WorkedConnection = { 
/**
 * Which WorkOS: `demo`, or the key's profile and environment.
 */
workos: string, user_id: string, organization_id: string | null, slug: string, connected_account_id: string, display_name: string | null, state: string, last_seen_ms: number, };

export type SecretKind = "api_key" | "webhook_secret";
