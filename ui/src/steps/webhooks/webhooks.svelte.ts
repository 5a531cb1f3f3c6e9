// Step 6 in the window: the receiver and its live feed, the endpoints, the one change waiting
// for the user's yes (register or remove), events polled from GET /events, and test events.
// Held by the wizard, so the feed keeps growing while the user visits other steps.
import type {
  AppError,
  PolledEvent,
  Proposal,
  ReceivedDelivery,
  RegistrationView,
  RemovalView,
  TestEventSent,
  WebhooksOverview,
} from '../../lib/ipc/bindings';
import { commands } from '../../lib/ipc/commands';

export class Webhooks {
  overview = $state<WebhooksOverview | null>(null);
  feed = $state<ReceivedDelivery[]>([]);
  polled = $state<PolledEvent[]>([]);
  pollNote = $state<string | null>(null);
  pendingRegistration = $state<Proposal<RegistrationView> | null>(null);
  pendingRemoval = $state<Proposal<RemovalView> | null>(null);
  lastTest = $state<TestEventSent | null>(null);
  note = $state<string | null>(null);
  error = $state<AppError | null>(null);
  private timer: ReturnType<typeof setInterval> | null = null;

  async load(): Promise<void> {
    try {
      this.overview = await commands.webhooksOverview();
      this.feed = await commands.webhookFeed();
      this.error = null;
    } catch (error) {
      this.error = error as AppError;
    }
  }

  async startReceiver(): Promise<void> {
    await this.attempt(async () => {
      await commands.startWebhookReceiver();
      await this.load();
    });
  }

  async stopReceiver(): Promise<void> {
    await this.attempt(async () => {
      await commands.stopWebhookReceiver();
      await this.load();
    });
  }

  /** The feed, read every second while the step is on screen. */
  watch(): () => void {
    this.timer ??= setInterval(() => {
      if (this.overview?.receiver_url) {
        commands.webhookFeed().then((feed) => (this.feed = feed), () => {});
      }
    }, 1000);
    return () => {
      if (this.timer) clearInterval(this.timer);
      this.timer = null;
    };
  }

  /** Rust checks the URL and words the question; a sandbox key registers at once. */
  async register(endpointUrl: string | null): Promise<void> {
    await this.attempt(async () => {
      this.note = null;
      const proposal = await commands.prepareWebhookRegistration(endpointUrl);
      if (proposal.view.needs_confirmation) this.pendingRegistration = proposal;
      else await this.confirmRegistration(proposal);
    });
  }

  async confirmRegistration(proposal = this.pendingRegistration): Promise<void> {
    this.pendingRegistration = null;
    if (!proposal) return;
    await this.attempt(async () => {
      const registered = await commands.applyWebhookRegistration(proposal.id);
      this.note = `Registered ${registered.endpoint.endpoint_url}; its secret (${registered.secret.fingerprint}) is in your keychain.`;
      await this.load();
    });
  }

  async prepareRemoval(endpointId: string): Promise<void> {
    await this.attempt(async () => {
      this.pendingRemoval = await commands.prepareWebhookRemoval(endpointId);
    });
  }

  async confirmRemoval(): Promise<void> {
    const proposal = this.pendingRemoval;
    this.pendingRemoval = null;
    if (!proposal) return;
    await this.attempt(async () => {
      await commands.applyWebhookRemoval(proposal.id);
      this.note = `Removed ${proposal.view.endpoint_id} and its secret.`;
      await this.load();
    });
  }

  async sendTest(endpointId: string, event: string): Promise<void> {
    await this.attempt(async () => {
      this.lastTest = await commands.sendTestWebhook(endpointId, event);
    });
  }

  async storeSecret(secret: string): Promise<void> {
    await this.attempt(async () => {
      const stored = await commands.storeWebhookSecret(secret);
      this.note = `Kept ${stored.fingerprint} in your keychain; deliveries are verified with it.`;
    });
  }

  async poll(): Promise<void> {
    await this.attempt(async () => {
      const page = await commands.pollWebhookEvents();
      this.polled = [...this.polled, ...page.events];
      this.pollNote =
        page.retry_after_ms !== null
          ? `WorkOS asked to wait ${Math.ceil(page.retry_after_ms / 1000)} s before the next poll.`
          : page.events.length === 0
            ? 'No new events.'
            : `${page.events.length} new event${page.events.length === 1 ? '' : 's'}${page.more ? '; more are waiting' : ''}.`;
    });
  }

  private async attempt(work: () => Promise<void>): Promise<void> {
    try {
      await work();
      this.error = null;
    } catch (error) {
      this.error = error as AppError;
    }
  }
}
