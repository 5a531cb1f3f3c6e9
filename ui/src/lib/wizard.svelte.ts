// The wizard's state in the window: the steps, where the user is, and each step's status.
// The Rust side owns and saves it; this mirrors the last answer.
import type { AppError, StepId, StepInfo, StepStatus, TargetInfo, WizardProgress } from './ipc/bindings';
import { commands } from './ipc/commands';
import { Preflight } from '../steps/preflight/preflight.svelte';
import { Connections } from '../steps/connections/connections.svelte';
import { Webhooks } from '../steps/webhooks/webhooks.svelte';
import { TestConnectionRun } from '../steps/sdk-integration/test-connection.svelte';

export class Wizard {
  /** The project and its last check run; later steps read the same project. */
  readonly preflight = new Preflight(() => this.refresh());
  /** Step 4's test connection, kept while the user visits other steps. */
  readonly testConnection = new TestConnectionRun(() => this.refresh());
  /** Step 5's user, organization and connections, kept while the user visits other steps. */
  readonly connections = new Connections();
  /** Step 6's receiver feed, endpoints and polled events. */
  readonly webhooks = new Webhooks();

  steps = $state<StepInfo[]>([]);
  progress = $state<WizardProgress | null>(null);
  target = $state<TargetInfo | null>(null);
  error = $state<AppError | null>(null);

  current = $derived(this.progress?.current ?? 'docs');
  currentStep = $derived(this.steps.find((s) => s.id === this.current));

  async load(): Promise<void> {
    try {
      const [steps, saved, target] = await Promise.all([
        commands.wizardSteps(),
        commands.loadProgress(),
        commands.workosTarget(),
      ]);
      this.steps = steps;
      this.target = target;
      this.progress = saved;
      // Reopening on a step counts as visiting it.
      this.progress = await commands.goToStep(saved.current);
      if (!(await this.openLaunchProject())) await this.preflight.reopenLast();
    } catch (error) {
      this.error = error as AppError;
    }
  }

  /** `pipes-setup PROJECT`: that project, in Pre-flight. */
  async openLaunchProject(): Promise<boolean> {
    // Not being able to ask is the same as not having been asked.
    const project = await commands.takeLaunchProject().catch(() => null);
    if (!project) return false;
    await this.goTo('preflight');
    await this.preflight.open(project);
    return true;
  }

  async goTo(step: StepId): Promise<void> {
    try {
      this.progress = await commands.goToStep(step);
      this.error = null;
    } catch (error) {
      this.error = error as AppError;
    }
  }

  status(step: StepId): StepStatus {
    return this.progress?.statuses[step] ?? 'not_started';
  }

  /** The step after `step` in rail order, if any. */
  next(step: StepId): StepInfo | undefined {
    const index = this.steps.findIndex((s) => s.id === step);
    return index >= 0 ? this.steps[index + 1] : undefined;
  }

  previous(step: StepId): StepInfo | undefined {
    const index = this.steps.findIndex((s) => s.id === step);
    return index > 0 ? this.steps[index - 1] : undefined;
  }

  /** Mirror a progress answer from another command (e.g. opening a doc marks step 1 done). */
  async refresh(): Promise<void> {
    try {
      this.progress = await commands.loadProgress();
    } catch (error) {
      this.error = error as AppError;
    }
  }
}

export const STATUS_LABELS: Record<StepStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  done: 'Done',
  needs_attention: 'Needs attention',
  checked_elsewhere: 'Not checked on this WorkOS yet',
};
