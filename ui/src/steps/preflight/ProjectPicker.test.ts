import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import ProjectPicker from './ProjectPicker.svelte';
import { Preflight } from './preflight.svelte';
import { installFakeBackend, scanOf } from '../../test/fake-backend';
import type { RunSummary } from '../../lib/ipc/bindings';

const NOT_A_FOLDER = {
  code: 'PROJECT_NOT_A_FOLDER',
  severity: 'error' as const,
  title: 'Not a project folder',
  message: '`/home/ada/gone` does not exist.',
  remediation: 'Pick the folder that holds your app.',
};
const recent = (path: string) => ({ path, name: path.split('/').pop()!, opened_at_ms: 1, app: null });

describe('choosing the project', () => {
  it('reopens the project the user last worked on', async () => {
    const backend = installFakeBackend({ recent: [recent('/home/ada/shop'), recent('/home/ada/old')] });
    const preflight = new Preflight();
    await preflight.reopenLast();
    expect(preflight.scan?.root).toBe('/home/ada/shop');
    expect(backend.calls.filter((c) => c.cmd === 'open_project')).toEqual([
      { cmd: 'open_project', args: { path: '/home/ada/shop' } },
    ]);
  });

  it('selects again the app of a monorepo that the checks last ran on', async () => {
    const app = (path: string) => ({
      path,
      name: path.split('/').pop()!,
      manifests: [],
      ecosystems: ['node' as const],
      env_files: [],
      workspace_member: true,
      workspace_root: false,
      dir: `/home/ada/mono/${path}`,
    });
    const mono = { ...scanOf('/home/ada/mono'), apps: [app('apps/web'), app('apps/admin')] };
    installFakeBackend({
      recent: [{ ...recent('/home/ada/mono'), app: 'apps/admin' }],
      scans: { '/home/ada/mono': mono },
    });
    const preflight = new Preflight();
    await preflight.reopenLast();
    expect(preflight.appPath).toBe('apps/admin');
    expect(preflight.needsAppChoice).toBe(false);
  });

  it('asks again when the remembered app is no longer in the monorepo', async () => {
    const mono = scanOf('/home/ada/mono');
    installFakeBackend({ recent: [{ ...recent('/home/ada/mono'), app: 'apps/gone' }], scans: { '/home/ada/mono': mono } });
    const preflight = new Preflight();
    await preflight.reopenLast();
    expect(preflight.appPath).toBeNull();
  });

  it('stays empty when the last project is gone, instead of showing an error at start', async () => {
    installFakeBackend({
      recent: [recent('/home/ada/gone')],
      scans: { '/home/ada/gone': scanOf('/home/ada/gone', [NOT_A_FOLDER]) },
    });
    const preflight = new Preflight();
    await preflight.reopenLast();
    expect(preflight.scan).toBeNull();
  });

  it('offers the other recent projects, and forgets one on request', async () => {
    const backend = installFakeBackend({
      recent: [recent('/home/ada/shop'), recent('/home/ada/crm'), recent('/home/ada/gone')],
    });
    const preflight = new Preflight();
    await preflight.reopenLast();
    render(ProjectPicker, { preflight });
    const list = await screen.findByTestId('recent-projects');
    expect(list.textContent).toContain('/home/ada/crm');
    expect(list.textContent).not.toContain('/home/ada/shop');
    await fireEvent.click(screen.getByRole('button', { name: 'Remove gone from recent projects' }));
    await waitFor(() => expect(list.textContent).not.toContain('/home/ada/gone'));
    expect(backend.calls).toContainEqual({ cmd: 'forget_recent_project', args: { path: '/home/ada/gone' } });
  });

  it('keeps the project the user opened while the last one was still being reopened', async () => {
    installFakeBackend({ recent: [recent('/home/ada/old')], openDelays: { '/home/ada/old': 50 } });
    const preflight = new Preflight();
    const reopening = preflight.reopenLast();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await preflight.open('/home/ada/new');
    await reopening;
    expect(preflight.scan?.root).toBe('/home/ada/new');
    expect(preflight.opening).toBe(false);
  });

  it('drops the late result of a run when another project was opened meanwhile', async () => {
    let finish: (summary: RunSummary) => void = () => {};
    installFakeBackend({ runPreflight: () => new Promise((resolve) => (finish = resolve)) });
    const preflight = new Preflight();
    await preflight.open('/home/ada/shop');
    const run = preflight.runChecks();
    expect(preflight.running).toBe(true);
    await preflight.open('/home/ada/crm');
    expect(preflight.running).toBe(false);
    finish({ results: [], duration_ms: 5 } as unknown as RunSummary);
    await run;
    expect(preflight.scan?.root).toBe('/home/ada/crm');
    expect(preflight.summary).toBeNull();
  });

  it('empties the path field once the typed folder opened, and keeps a path that did not', async () => {
    installFakeBackend({ scans: { '/home/ada/gone': scanOf('/home/ada/gone', [NOT_A_FOLDER]) } });
    const preflight = new Preflight();
    render(ProjectPicker, { preflight });
    const field = screen.getByLabelText('Project folder path') as HTMLInputElement;
    for (const [path, left] of [
      ['/home/ada/gone', '/home/ada/gone'],
      ['/home/ada/shop', ''],
    ]) {
      await fireEvent.input(field, { target: { value: path } });
      await fireEvent.click(screen.getByRole('button', { name: 'Open' }));
      await waitFor(() => expect(preflight.scan?.root).toBe(path));
      await waitFor(() => expect(field.value).toBe(left));
    }
  });

  it('opens one folder dialog at a time, then checks the folder chosen in it', async () => {
    let choose: (path: string | null) => void = () => {};
    const backend = installFakeBackend({ pickFolder: () => new Promise((resolve) => (choose = resolve)) });
    const preflight = new Preflight();
    render(ProjectPicker, { preflight });
    const button = screen.getByRole('button', { name: 'Choose folder…' }) as HTMLButtonElement;
    await fireEvent.click(button);
    await waitFor(() => expect(button.disabled).toBe(true));
    void preflight.pickFolder();
    expect(backend.calls.filter((c) => c.cmd === 'pick_project_folder')).toHaveLength(1);
    choose('/home/ada/picked');
    await waitFor(() => expect(preflight.scan?.root).toBe('/home/ada/picked'));
    await waitFor(() => expect(button.disabled).toBe(false));
  });

  it('says why a typed path cannot be checked, and what to do', async () => {
    installFakeBackend({ scans: { '/home/ada/gone': scanOf('/home/ada/gone', [NOT_A_FOLDER]) } });
    const preflight = new Preflight();
    await preflight.open('/home/ada/gone');
    render(ProjectPicker, { preflight });
    expect(screen.getByTestId('project-root').textContent).toMatch(/Cannot check\s+\/home\/ada\/gone/);
    expect(screen.getByText('Pick the folder that holds your app.')).toBeTruthy();
    expect(preflight.usable).toBe(false);
  });

  it('tells the user when a dropped file opened its folder', async () => {
    const note = {
      code: 'PROJECT_FILE_PICKED',
      severity: 'info' as const,
      title: 'Checking the file’s folder',
      message: '`package.json` is a file, so Pipes Setup checks the folder it is in: `/home/ada/shop`.',
    };
    installFakeBackend({ scans: { '/home/ada/shop/package.json': scanOf('/home/ada/shop', [note]) } });
    const preflight = new Preflight();
    await preflight.open('/home/ada/shop/package.json');
    render(ProjectPicker, { preflight });
    expect(screen.getByTestId('project-root').textContent).toMatch(/Checking\s+\/home\/ada\/shop/);
    expect(document.querySelector('[data-code="PROJECT_FILE_PICKED"]')).toBeTruthy();
    expect(preflight.usable).toBe(true);
  });

  it('leaves the scan’s other findings to the checks', async () => {
    const monorepo = { code: 'PROJECT_MONOREPO', severity: 'info' as const, title: 'Several apps', message: 'Found 2 apps.' };
    installFakeBackend({ scans: { '/home/ada/mono': scanOf('/home/ada/mono', [monorepo]) } });
    const preflight = new Preflight();
    await preflight.open('/home/ada/mono');
    render(ProjectPicker, { preflight });
    expect(screen.getByTestId('project-root').textContent).toMatch(/Checking/);
    expect(document.querySelector('[data-code="PROJECT_MONOREPO"]')).toBeNull();
  });
});
