// Typed wrappers over the app's commands. The only place the UI calls `invoke`.
import { Channel, invoke } from '@tauri-apps/api/core';
import type {
  AppError,
  CheckEvent,
  ChecklistItem,
  ConnectionChangeKind,
  ConnectionChangeView,
  ConnectionIntent,
  ConnectionTarget,
  ConnectionsOverview,
  CredentialsChangeView,
  DashboardOverview,
  Diagnosis,
  DocsCatalog,
  EnvReport,
  EnvWritePreview,
  Fix,
  GitignorePreview,
  Guide,
  InstallLine,
  InstallOutcome,
  OpenOutcome,
  OrganizationChoice,
  OtherSdks,
  PollView,
  ProviderApi,
  ProviderCallEvent,
  ProviderCallReport,
  ProviderRequest,
  ReceivedDelivery,
  RegisteredEndpoint,
  ReportFormat,
  RegistrationView,
  RemovalView,
  StoredSecret,
  TestEventSent,
  VerdictView,
  VerifyLine,
  WebhooksOverview,
  WorkedWith,
  Proposal,
  ProjectScan,
  RecentProjects,
  RedirectComparison,
  ReturnUrlCandidate,
  RunSummary,
  Scenario,
  ScenarioView,
  ScopeComparison,
  Snippet,
  SnippetLanguage,
  StopReason,
  StepId,
  StepInfo,
  TargetInfo,
  TestConnectionEvent,
  TestConnectionPlanView,
  TestConnectionReport,
  TestUser,
  TokenStatusView,
  WizardProgress,
} from './bindings';

/** Every failed command rejects with `{code, message}`; anything else is wrapped into one. */
export function asAppError(error: unknown): AppError {
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    return { code: String(error.code), message: String(error.message) };
  }
  return { code: 'UNEXPECTED', message: String(error) };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw asAppError(error);
  }
}

export const commands = {
  wizardSteps: () => call<StepInfo[]>('wizard_steps'),
  loadProgress: () => call<WizardProgress>('load_progress'),
  goToStep: (step: StepId) => call<WizardProgress>('go_to_step', { step }),
  docsCatalog: () => call<DocsCatalog>('docs_catalog'),
  openDoc: (id: string) => call<OpenOutcome>('open_doc', { id }),
  openLogFolder: () => call<OpenOutcome>('open_log_folder'),
  takeLaunchProject: () => call<string | null>('take_launch_project'),
  workosTarget: () => call<TargetInfo>('workos_target'),
  saveApiKey: (project: string, key: string) => call<TargetInfo>('save_api_key', { project, key }),
  importApiKey: (project: string, appDir: string) => call<TargetInfo>('import_api_key', { project, appDir }),
  useDemo: () => call<TargetInfo>('use_demo'),
  previewEnvWrite: (project: string, appDir: string, clientId: string | null) =>
    call<Proposal<EnvWritePreview>>('preview_env_write', { project, appDir, clientId }),
  /** Applies a previewed write by its id, once; the change itself never leaves Rust. */
  applyEnvWrite: (id: string) => call<null>('apply_env_write', { id }),
  pickProjectFolder: () => call<string | null>('pick_project_folder'),
  openProject: (path: string) => call<ProjectScan>('open_project', { path }),
  recentProjects: () => call<RecentProjects>('recent_projects'),
  forgetRecentProject: (path: string) => call<RecentProjects>('forget_recent_project', { path }),
  envReport: (appDir: string) => call<EnvReport>('env_report', { appDir }),
  runPreflight: (project: string, appPath: string | null, onEvent: (event: CheckEvent) => void) => {
    const channel = new Channel<CheckEvent>();
    channel.onmessage = onEvent;
    return call<RunSummary>('run_preflight', { project, appPath, onEvent: channel });
  },
  previewGitignoreFix: (fix: Fix) => call<Proposal<GitignorePreview>>('preview_gitignore_fix', { fix }),
  applyGitignoreFix: (id: string) => call<null>('apply_gitignore_fix', { id }),
  installSdk: (appDir: string, ecosystem: string, newVenv: boolean, onLine: (line: InstallLine) => void) => {
    const channel = new Channel<InstallLine>();
    channel.onmessage = onLine;
    return call<InstallOutcome>('install_sdk', { appDir, ecosystem, newVenv, onLine: channel });
  },
  cancelInstall: () => call<null>('cancel_install'),
  dashboardOverview: (testUser: string | null) => call<DashboardOverview>('dashboard_overview', { testUser }),
  compareRedirect: (expected: string, actual: string, provider: string | null, returnUrl: boolean) =>
    call<RedirectComparison>('compare_redirect', { expected, actual, provider, returnUrl }),
  compareReturnUrl: (returnUrl: string, registered: string[]) =>
    call<RedirectComparison | null>('compare_return_url', { returnUrl, registered }),
  /** The secret goes in once; what comes back holds only its last four characters. */
  previewCredentialsChange: (slug: string, clientId: string, clientSecret: string, scopes: string[] | null) =>
    call<Proposal<CredentialsChangeView>>('preview_credentials_change', { slug, clientId, clientSecret, scopes }),
  applyCredentialsChange: (id: string) => call<null>('apply_credentials_change', { id }),
  compareScopes: (slug: string, requested: string[], configuredText: string | null, missingAfterConnect: string[] | null) =>
    call<ScopeComparison>('compare_scopes', { slug, requested, configuredText, missingAfterConnect }),
  projectReturnUrls: (appDir: string) => call<ReturnUrlCandidate[]>('project_return_urls', { appDir }),
  dashboardChecklist: (provider: string) => call<ChecklistItem[]>('dashboard_checklist', { provider }),
  markChecklistItem: (provider: string, item: string, done: boolean) =>
    call<ChecklistItem[]>('mark_checklist_item', { provider, item, done }),
  openProviderConsole: (id: string) => call<OpenOutcome>('open_provider_console', { id }),
  testUsers: () => call<TestUser[]>('test_users'),
  prepareTestConnection: (
    slug: string,
    userId: string,
    organizationId: string | null = null,
    intent: ConnectionIntent = { kind: 'connect' },
  ) =>
    call<Proposal<TestConnectionPlanView>>('prepare_test_connection', { slug, userId, organizationId, intent }),
  /** Runs a prepared test connection by its id, once; resolves when the browser came back or it ended. */
  runTestConnection: (id: string, onEvent: (event: TestConnectionEvent) => void) => {
    const channel = new Channel<TestConnectionEvent>();
    channel.onmessage = onEvent;
    return call<TestConnectionReport>('run_test_connection', { id, onEvent: channel });
  },
  /** Stops the test waiting for the browser, saying what the browser shows. */
  stopTestConnection: (reason: StopReason) => call<null>('stop_test_connection', { reason }),
  codeSnippet: (language: SnippetLanguage, provider: string, returnUrl: string) =>
    call<Snippet>('code_snippet', { language, provider, returnUrl }),
  webhookSnippet: (language: SnippetLanguage, path: string) => call<Snippet>('webhook_snippet', { language, path }),
  troubleshootGuides: () => call<Guide[]>('troubleshoot_guides'),
  diagnoseGuide: (guide: string, appDir: string | null) => call<Diagnosis>('diagnose_guide', { guide, appDir }),
  supportSummary: () => call<string>('support_summary'),
  presenterMode: () => call<boolean>('presenter_mode'),
  setPresenterMode: (on: boolean) => call<boolean>('set_presenter_mode', { on }),
  presenterScenarios: () => call<ScenarioView[]>('presenter_scenarios'),
  breakScenario: (scenario: Scenario) => call<null>('break_scenario', { scenario }),
  healScenario: (scenario: Scenario) => call<null>('heal_scenario', { scenario }),
  resetDemo: () => call<null>('reset_demo'),
  /** The native Save dialog, then the report written atomically; the path, or null when cancelled. */
  exportReport: (format: ReportFormat) => call<string | null>('export_report', { format }),
  verifyChecklist: (appDir: string | null, connectUrl: string | null) =>
    call<VerifyLine[]>('verify_checklist', { appDir, connectUrl }),
  verifyBuild: (appDir: string, onLine: (line: InstallLine) => void) => {
    const channel = new Channel<InstallLine>();
    channel.onmessage = onLine;
    return call<VerifyLine>('verify_build', { appDir, onLine: channel });
  },
  cancelVerifyBuild: () => call<null>('cancel_verify_build'),
  confirmVerifyLine: (id: string, done: boolean) => call<null>('confirm_verify_line', { id, done }),
  sdksWithoutSecureFlow: () => call<OtherSdks>('sdks_without_secure_flow'),
  connectionsOverview: (userId: string, organizationId: string | null) =>
    call<ConnectionsOverview>('connections_overview', { userId, organizationId }),
  connectionOrganizations: () => call<OrganizationChoice[]>('connection_organizations'),
  probeConnection: (which: ConnectionTarget) => call<TokenStatusView>('probe_connection', { which }),
  prepareConnectionChange: (which: ConnectionTarget, change: ConnectionChangeKind) =>
    call<Proposal<ConnectionChangeView>>('prepare_connection_change', { which, change }),
  applyConnectionChange: (id: string) => call<void>('apply_connection_change', { id }),
  providerApi: (slug: string) => call<ProviderApi>('provider_api', { slug }),
  /** A fresh token for the connection, then one read-only call to the provider; events report retries. */
  callProvider: (request: ProviderRequest, onEvent: (event: ProviderCallEvent) => void) => {
    const channel = new Channel<ProviderCallEvent>();
    channel.onmessage = onEvent;
    return call<ProviderCallReport>('call_provider', { request, onEvent: channel });
  },
  cancelProviderCall: () => call<null>('cancel_provider_call'),
  workedWith: () => call<WorkedWith>('worked_with'),
  /** The native Save dialog, then an atomic write; the path, or null when cancelled. */
  exportWorkedWith: () => call<string | null>('export_worked_with'),
  webhooksOverview: () => call<WebhooksOverview>('webhooks_overview'),
  startWebhookReceiver: () => call<string>('start_webhook_receiver'),
  stopWebhookReceiver: () => call<null>('stop_webhook_receiver'),
  webhookFeed: () => call<ReceivedDelivery[]>('webhook_feed'),
  prepareWebhookRegistration: (endpointUrl: string | null) =>
    call<Proposal<RegistrationView>>('prepare_webhook_registration', { endpointUrl }),
  applyWebhookRegistration: (id: string) => call<RegisteredEndpoint>('apply_webhook_registration', { id }),
  prepareWebhookRemoval: (endpointId: string) => call<Proposal<RemovalView>>('prepare_webhook_removal', { endpointId }),
  applyWebhookRemoval: (id: string) => call<null>('apply_webhook_removal', { id }),
  sendTestWebhook: (endpointId: string, event: string) => call<TestEventSent>('send_test_webhook', { endpointId, event }),
  pollWebhookEvents: () => call<PollView>('poll_webhook_events'),
  /** The secret goes in once, to the keychain; only its fingerprint comes back. */
  storeWebhookSecret: (secret: string) => call<StoredSecret>('store_webhook_secret', { secret }),
  testWebhookSignature: (header: string, body: string, secret: string) =>
    call<VerdictView>('test_webhook_signature', { header, body, secret }),
};
