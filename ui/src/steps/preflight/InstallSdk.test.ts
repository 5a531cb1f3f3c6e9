import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import InstallSdk from './InstallSdk.svelte';
import { SdkInstall } from './install.svelte';
import { installFakeBackend } from '../../test/fake-backend';
import type { Fix } from '../../lib/ipc/bindings';

const NEW_VENV: Fix = { kind: 'install_sdk_in_new_venv', project: '/home/ada/api' };

function started(appDir: string, ecosystem: string, newVenv: boolean): SdkInstall {
  const install = new SdkInstall(appDir, ecosystem, newVenv);
  void install.start();
  return install;
}

describe('installing the SDK', () => {
  it('offers a .venv when the system Python refuses pip, and hands that fix back', async () => {
    const backend = installFakeBackend({
      installOutcome: {
        status: 'failed',
        command: 'python3 -m pip install --upgrade workos',
        exit_code: 1,
        duration_ms: 700,
        lines: 20,
        findings: [
          {
            code: 'SDK_INSTALL_SYSTEM_PYTHON',
            severity: 'error',
            title: 'This Python belongs to your system',
            message: 'pip refused to install into the system’s Python (PEP 668).',
            remediation: 'Give the app its own virtual environment.',
            fix: NEW_VENV,
          },
        ],
      },
    });
    const onfix = vi.fn();
    render(InstallSdk, { install: started('/home/ada/api', 'python', false), ondone: () => {}, onfix });
    await fireEvent.click(await screen.findByRole('button', { name: 'Create .venv and install…' }));
    expect(onfix).toHaveBeenCalledWith(NEW_VENV);
    const call = backend.calls.find((c) => c.cmd === 'install_sdk')!.args as Record<string, unknown>;
    expect([call.appDir, call.ecosystem, call.newVenv]).toEqual(['/home/ada/api', 'python', false]);
  });

  it('asks the backend for a new .venv when it is the fix being run', async () => {
    const backend = installFakeBackend({
      installOutcome: { status: 'succeeded', duration_ms: 5000, lines: 3, findings: [] },
    });
    render(InstallSdk, { install: started('/home/ada/api', 'python', true), ondone: () => {}, onfix: () => {} });
    await screen.findByRole('button', { name: 'Run the checks again' });
    const call = backend.calls.find((c) => c.cmd === 'install_sdk')!.args as Record<string, unknown>;
    expect(call.newVenv).toBe(true);
  });

  it('keeps the install, its output and its result when the card is left and shown again', async () => {
    installFakeBackend({ installOutcome: { status: 'succeeded', duration_ms: 5000, lines: 1, findings: [] } });
    const install = new SdkInstall('/home/ada/api', 'node', false);
    const first = render(InstallSdk, { install, ondone: () => {}, onfix: () => {} });
    expect(await screen.findByRole('button', { name: 'Cancel' })).toBeTruthy();
    install.lines.push('added 1 package');
    first.unmount();
    await install.start();
    render(InstallSdk, { install, ondone: () => {}, onfix: () => {} });
    expect(screen.getByTestId('install-output').textContent).toContain('added 1 package');
    expect(await screen.findByRole('button', { name: 'Run the checks again' })).toBeTruthy();
  });
});
