// Step 5 in the window: whose connections are shown, the overview from Rust, token probes, and
// the one change waiting for the user's yes. Every action names one connection by its id.
import type {
  AccountView,
  AppError,
  ConnectionChangeKind,
  ConnectionChangeView,
  ConnectionTarget,
  ConnectionsOverview,
  OrganizationChoice,
  Proposal,
  ProviderConnections,
  TestUser,
  TokenStatusView,
  WorkedWith,
} from '../../lib/ipc/bindings';
import { commands } from '../../lib/ipc/commands';

export class Connections {
  users = $state<TestUser[]>([]);
  organizations = $state<OrganizationChoice[]>([]);
  userId = $state('');
  /** '' for the user's own connections, outside any organization. */
  organizationId = $state('');
  overview = $state<ConnectionsOverview | null>(null);
  loading = $state(false);
  error = $state<AppError | null>(null);
  probes = $state<Record<string, TokenStatusView | AppError>>({});
  /** The change the user is looking at, with its question; applied only on their yes. */
  pending = $state<Proposal<ConnectionChangeView> | null>(null);
  /** What the last applied change did, said once. */
  done = $state<string | null>(null);
  /** Every connection seen in this step, on every WorkOS (kept in the app's data folder). */
  worked = $state<WorkedWith | null>(null);

  /** The users and organizations of the WorkOS the app is on, then the chosen user's connections. */
  async loadChoices(): Promise<void> {
    try {
      [this.users, this.organizations] = await Promise.all([
        commands.testUsers(),
        commands.connectionOrganizations().catch(() => []),
      ]);
      if (!this.users.some((u) => u.id === this.userId)) this.userId = this.users[0]?.id ?? '';
      if (!this.organizations.some((o) => o.id === this.organizationId)) this.organizationId = '';
      await this.refresh();
    } catch (error) {
      this.error = error as AppError;
    }
  }

  async refresh(): Promise<void> {
    if (!this.userId) return;
    this.loading = true;
    try {
      this.overview = await commands.connectionsOverview(this.userId, this.organizationId || null);
      this.worked = await commands.workedWith();
      this.probes = {};
      this.error = null;
    } catch (error) {
      this.overview = null;
      this.error = error as AppError;
    } finally {
      this.loading = false;
    }
  }

  target(provider: ProviderConnections, account: AccountView): ConnectionTarget {
    return {
      slug: provider.slug,
      user_id: this.userId,
      organization_id: this.organizationId || null,
      account_id: account.id,
    };
  }

  async probe(which: ConnectionTarget): Promise<void> {
    try {
      this.probes = { ...this.probes, [which.account_id]: await commands.probeConnection(which) };
    } catch (error) {
      this.probes = { ...this.probes, [which.account_id]: error as AppError };
    }
  }

  /** Rust reads the connection and words the question; nothing changes yet. */
  async prepare(which: ConnectionTarget, change: ConnectionChangeKind): Promise<void> {
    this.done = null;
    try {
      this.pending = await commands.prepareConnectionChange(which, change);
      this.error = null;
    } catch (error) {
      this.error = error as AppError;
    }
  }

  async confirm(): Promise<void> {
    const pending = this.pending;
    if (!pending) return;
    this.pending = null;
    try {
      await commands.applyConnectionChange(pending.id);
      this.done =
        pending.view.kind.kind === 'disconnect'
          ? `Disconnected ${pending.view.account.display_name ?? pending.view.account.id}.`
          : `Renamed to "${pending.view.kind.kind === 'rename' ? pending.view.kind.display_name : ''}".`;
      await this.refresh();
    } catch (error) {
      this.error = error as AppError;
    }
  }

  /** The native Save dialog (from Rust), then the file written atomically. */
  async exportWorked(): Promise<void> {
    try {
      const path = await commands.exportWorkedWith();
      if (path) this.done = `Saved the list to ${path}.`;
    } catch (error) {
      this.error = error as AppError;
    }
  }

  decline(): void {
    this.pending = null;
  }
}

export function isAppError(value: TokenStatusView | AppError | undefined): value is AppError {
  return !!value && 'code' in value && 'message' in value;
}
