// A stand-in for the Rust commands, for unit tests of the UI only (the E2E suite uses the
// real app). It keeps progress like the real store does so navigation can be asserted.
import { mockIPC } from '@tauri-apps/api/mocks';
import type {
  DocsCatalog,
  Finding,
  InstallOutcome,
  RunSummary,
  OpenOutcome,
  ProjectScan,
  RecentProject,
  StepId,
  StepInfo,
  TargetInfo,
  WizardProgress,
} from '../lib/ipc/bindings';

export const STEPS: StepInfo[] = [
  ['docs', 'Docs'],
  ['preflight', 'Pre-flight'],
  ['dashboard', 'Dashboard configuration'],
  ['sdk_integration', 'SDK integration'],
  ['connections', 'Connections'],
  ['webhooks', 'Webhooks'],
  ['verify', 'Verify'],
  ['troubleshoot', 'Troubleshoot'],
].map(([id, title], index) => ({ id: id as StepId, number: index + 1, title: title!, summary: `About ${title}` }));

export const CATALOG: DocsCatalog = {
  links: [{ id: 'pipes', title: 'WorkOS Pipes', url: 'https://workos.com/docs/pipes', description: 'Pipes' }],
  corrections: [{ topic: 'Redirect URI', old_guide: 'fixed', reality: 'per integration' }],
};

export interface FakeBackend {
  calls: Array<{ cmd: string; args: unknown }>;
  progress: WizardProgress;
}

export const DEMO_TARGET: TargetInfo = {
  demo: true,
  base_url: 'http://127.0.0.1:1234',
  key_fingerprint: 'sk_test_…fake',
  environment: 'sandbox',
};

/** A scan of `root` holding `findings`; a real scan's other fields, empty. */
export function scanOf(root: string, findings: Finding[] = []): ProjectScan {
  return {
    root,
    apps: [],
    workspace: { tools: [], patterns: [] },
    manifests: [],
    env_files: [],
    findings,
    // What pipes-core decides: usable unless a finding about the path is an error.
    usable: findings.every((f) => f.severity !== 'error'),
    stats: { entries_seen: 1, dirs_seen: 1, files_seen: 0, truncated_by_depth: false, truncated_by_entry_cap: false, elapsed_ms: 1 },
  };
}

export function installFakeBackend(
  options: {
    openOutcome?: OpenOutcome;
    current?: StepId;
    target?: TargetInfo;
    recent?: RecentProject[];
    /** What `open_project` answers per path; any other path is a folder with no findings. */
    scans?: Record<string, ProjectScan>;
    installOutcome?: InstallOutcome;
    runPreflight?: () => Promise<RunSummary>;
    /** How long `open_project` takes per path, in ms (0 when not listed). */
    openDelays?: Record<string, number>;
    /** What the folder dialog answers, when the test lets it close. */
    pickFolder?: () => Promise<string | null>;
    /** The project named on the command line, taken once. */
    launchProject?: string;
  } = {},
): FakeBackend {
  const backend: FakeBackend = {
    calls: [],
    progress: { current: options.current ?? 'docs', statuses: { docs: 'not_started' } },
  };
  let recent = options.recent ?? [];
  let launchProject = options.launchProject ?? null;
  mockIPC((cmd, args) => {
    backend.calls.push({ cmd, args });
    switch (cmd) {
      case 'wizard_steps':
        return STEPS;
      case 'load_progress':
        return backend.progress;
      case 'go_to_step': {
        const step = (args as { step: StepId }).step;
        const statuses = { ...backend.progress.statuses };
        if ((statuses[step] ?? 'not_started') === 'not_started') statuses[step] = 'in_progress';
        backend.progress = { current: step, statuses };
        return backend.progress;
      }
      case 'workos_target':
        return options.target ?? DEMO_TARGET;
      case 'save_api_key':
        return { demo: false, base_url: 'https://api.workos.com', key_fingerprint: 'sk_test_…1234', environment: 'sandbox' };
      case 'use_demo':
        return DEMO_TARGET;
      case 'recent_projects':
        return { entries: recent };
      case 'forget_recent_project': {
        const path = (args as { path: string }).path;
        recent = recent.filter((r) => r.path !== path);
        return { entries: recent };
      }
      case 'install_sdk':
        return options.installOutcome;
      case 'pick_project_folder':
        return options.pickFolder?.() ?? null;
      case 'run_preflight':
        return options.runPreflight?.();
      case 'open_project': {
        const path = (args as { path: string }).path;
        const scan = options.scans?.[path] ?? scanOf(path);
        return new Promise((resolve) => setTimeout(() => resolve(scan), options.openDelays?.[path] ?? 0));
      }
      case 'take_launch_project': {
        const taken = launchProject;
        launchProject = null;
        return taken;
      }
      case 'plugin:event|listen':
        return 1;
      case 'docs_catalog':
        return CATALOG;
      case 'open_doc':
        return options.openOutcome ?? { url: CATALOG.links[0]!.url, opened: true };
      default:
        throw { code: 'UNKNOWN_COMMAND', message: cmd };
    }
  });
  return backend;
}
