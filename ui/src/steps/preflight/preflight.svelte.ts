// The Pre-flight step's state: the project, the app inside it, and the last check run.
import type { App, AppError, CheckResult, ProjectScan, RecentProject, RunSummary } from '../../lib/ipc/bindings';
import { commands } from '../../lib/ipc/commands';
import { SdkInstall } from './install.svelte';

export type CheckRow = { id: string; title: string; state: 'running' | 'finished'; result?: CheckResult };

export class Preflight {
  constructor(private readonly afterRun: () => void = () => {}) {}

  scan = $state<ProjectScan | null>(null);
  appPath = $state<string | null>(null);
  recent = $state<RecentProject[]>([]);
  rows = $state<CheckRow[]>([]);
  summary = $state<RunSummary | null>(null);
  running = $state(false);
  /** Counts runs, so that a run's late events never land on a newer run or project. */
  private currentRun = 0;
  /** Counts opens, so that a slow scan never replaces the project opened after it. */
  private opens = 0;
  opening = $state(false);
  /** The folder dialog is open: one at a time. */
  picking = $state(false);
  error = $state<AppError | null>(null);
  /** The SDK install started from a finding, running or ended; it outlives the step's page. */
  install = $state<SdkInstall | null>(null);

  /** Starts an install unless one is still running (Rust refuses a second one anyway). */
  startInstall(appDir: string, ecosystem: string, newVenv: boolean): void {
    if (this.install?.running) return;
    const install = new SdkInstall(appDir, ecosystem, newVenv);
    this.install = install;
    void install.start();
  }

  /** The apps a user would pick from (a monorepo's root is not one). */
  apps = $derived(this.scan?.apps.filter((a) => !a.workspace_root) ?? []);
  app = $derived<App | undefined>(
    this.apps.find((a) => a.path === this.appPath) ?? (this.apps.length === 1 ? this.apps[0] : undefined),
  );
  needsAppChoice = $derived(this.apps.length > 1 && this.appPath === null);

  async loadRecent(): Promise<void> {
    try {
      this.recent = (await commands.recentProjects()).entries;
    } catch (error) {
      this.error = error as AppError;
    }
  }

  /** What the picker says about the path itself: not a usable folder, or a file's folder was
   * opened. The rest of the scan's findings belong to the "Project folder" check. */
  scanNotes = $derived(
    this.scan?.findings.filter((f) => f.severity === 'error' || f.code === 'PROJECT_FILE_PICKED') ?? [],
  );
  usable = $derived(this.scan?.usable ?? false);

  /** Recent projects other than the open one. */
  otherRecent = $derived(this.recent.filter((r) => r.path !== this.scan?.root));

  async forget(path: string): Promise<void> {
    try {
      this.recent = (await commands.forgetRecentProject(path)).entries;
    } catch (error) {
      this.error = error as AppError;
    }
  }

  /** At start, the project the user last worked on, if it is still there. */
  async reopenLast(): Promise<void> {
    const before = this.opens;
    await this.loadRecent();
    const last = this.recent[0];
    // The user may have opened a project already; theirs wins.
    if (!last || this.opens !== before) return;
    if ((await this.open(last.path)) && !this.usable) this.scan = null;
  }

  /** Opens `path`; `false` when a later open overtook this one and its result was dropped. */
  async open(path: string): Promise<boolean> {
    const mine = ++this.opens;
    // Results of a run still going belong to the project being left.
    this.currentRun++;
    this.running = false;
    this.opening = true;
    this.error = null;
    try {
      const scan = await commands.openProject(path.trim());
      if (mine !== this.opens) return false;
      this.scan = scan;
      this.appPath = null;
      this.rows = [];
      this.summary = null;
      await this.loadRecent();
      this.appPath = this.rememberedApp(scan);
      return true;
    } catch (error) {
      if (mine === this.opens) this.error = error as AppError;
      return false;
    } finally {
      if (mine === this.opens) this.opening = false;
    }
  }

  /** The app the checks last ran on in this monorepo, if it is still one of its apps. */
  private rememberedApp(scan: ProjectScan): string | null {
    const app = this.recent.find((r) => r.path === scan.root)?.app;
    return app && scan.apps.some((a) => a.path === app) ? app : null;
  }

  async pickFolder(): Promise<void> {
    if (this.picking) return;
    this.picking = true;
    try {
      const path = await commands.pickProjectFolder();
      if (path) await this.open(path);
    } catch (error) {
      this.error = error as AppError;
    } finally {
      this.picking = false;
    }
  }

  /** Absolute folder of the chosen app (the scan's own, or the root while none is chosen). */
  appDir(): string | null {
    if (!this.scan) return null;
    return this.app?.dir ?? this.scan.root;
  }

  async runChecks(): Promise<void> {
    if (!this.scan) return;
    const run = ++this.currentRun;
    this.running = true;
    this.error = null;
    this.rows = [];
    this.summary = null;
    try {
      const summary = await commands.runPreflight(this.scan.root, this.app?.path ?? this.appPath, (event) => {
        if (run !== this.currentRun) return;
        if (event.type === 'started') {
          this.rows.push({ id: event.id, title: event.title, state: 'running' });
        } else {
          const row = this.rows.find((r) => r.id === event.result.id);
          if (row) Object.assign(row, { state: 'finished', result: event.result });
          else this.rows.push({ id: event.result.id, title: event.result.title, state: 'finished', result: event.result });
        }
      });
      if (run === this.currentRun) this.summary = summary;
    } catch (error) {
      if (run === this.currentRun) this.error = error as AppError;
    } finally {
      if (run === this.currentRun) this.running = false;
      this.afterRun();
    }
  }
}
