// Step 4's test connection in the window: the choices, the run and its report. Held by the
// wizard, so leaving the step and coming back finds the run still waiting for the browser.
import type {
  AppError,
  ConnectionIntent,
  IntegrationView,
  Leg,
  OpenOutcome,
  Proposal,
  ScopeComparison,
  StopReason,
  TestConnectionPlanView,
  TestConnectionReport,
  TestUser,
} from '../../lib/ipc/bindings';
import { commands } from '../../lib/ipc/commands';

export type Phase = 'idle' | 'confirm' | 'running' | 'done';

/** One browser flow: for whom, to which provider, and what it does to their connections. */
export type Flow = { slug: string; userId: string; organizationId: string | null; intent: ConnectionIntent };

export class TestConnectionRun {
  /** `changed` refreshes the rail once a run proved something. */
  constructor(private readonly changed: () => Promise<void>) {}

  users = $state<TestUser[]>([]);
  providers = $state<IntegrationView[]>([]);
  userId = $state('');
  slug = $state('');
  phase = $state<Phase>('idle');
  plan = $state<Proposal<TestConnectionPlanView> | null>(null);
  authorizeUrl = $state<string | null>(null);
  browser = $state<OpenOutcome | null>(null);
  reached = $state<Leg | null>(null);
  report = $state<TestConnectionReport | null>(null);
  /** The connection's scopes: granted and missing, with what each allows. */
  scopes = $state<ScopeComparison | null>(null);
  error = $state<AppError | null>(null);
  /** What the last prepared flow was for. */
  flow = $state<Flow>({ slug: '', userId: '', organizationId: null, intent: { kind: 'connect' } });

  /** The users and the OAuth providers a test can use, from the WorkOS the app is on. */
  async loadChoices(): Promise<void> {
    try {
      this.users = await commands.testUsers();
      const overview = await commands.dashboardOverview(this.users[0]?.id ?? null);
      this.providers = overview.integrations.filter(
        (i) => i.ownership === 'user' && i.enabled && i.auth_methods.includes('oauth'),
      );
      // Keep the choice only where it still exists (another WorkOS has other users).
      if (!this.users.some((u) => u.id === this.userId)) this.userId = this.users[0]?.id ?? '';
      if (!this.providers.some((p) => p.slug === this.slug)) this.slug = this.providers[0]?.slug ?? '';
      this.error = null;
    } catch (error) {
      this.error = error as AppError;
    }
  }

  /** Step 4's test with the chosen provider and user. */
  async prepare(): Promise<void> {
    await this.startFor({ slug: this.slug, userId: this.userId, organizationId: null, intent: { kind: 'connect' } });
  }

  /**
   * Prepares a browser flow in Rust (step 4's test, or step 5's reauthorize / add another);
   * a production key asks first, a sandbox key starts at once.
   */
  async startFor(flow: Flow): Promise<void> {
    this.report = null;
    this.error = null;
    this.flow = flow;
    try {
      this.plan = await commands.prepareTestConnection(flow.slug, flow.userId, flow.organizationId, flow.intent);
      if (this.plan.view.needs_confirmation) {
        this.phase = 'confirm';
      } else {
        await this.run();
      }
    } catch (error) {
      this.error = error as AppError;
    }
  }

  async run(): Promise<void> {
    if (!this.plan) return;
    const id = this.plan.id;
    this.plan = null;
    this.phase = 'running';
    this.reached = 'authorize';
    this.authorizeUrl = null;
    this.browser = null;
    try {
      this.report = await commands.runTestConnection(id, (event) => {
        if (event.kind === 'started') {
          this.authorizeUrl = event.authorize_url;
          this.reached = 'consent';
        } else {
          this.browser = event.outcome;
        }
      });
      this.reached = this.report.ok ? 'confirm' : this.report.broke_at;
      const connected = this.report.connected;
      this.scopes = connected
        ? await commands.compareScopes(this.flow.slug, [...connected.scopes, ...connected.missing_scopes], null, connected.missing_scopes)
        : null;
      await this.changed();
    } catch (error) {
      this.error = error as AppError;
    } finally {
      this.phase = 'done';
    }
  }

  decline(): void {
    this.plan = null;
    this.phase = 'idle';
  }

  /** Stops the wait, saying what the browser shows (an error page never comes back by itself). */
  async stop(reason: StopReason): Promise<void> {
    await commands.stopTestConnection(reason);
  }
}
