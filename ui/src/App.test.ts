import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import App from './App.svelte';
import { DEMO_TARGET, installFakeBackend } from './test/fake-backend';

describe('the wizard window', () => {
  it('shows the eight steps in the rail and opens on the remembered step', async () => {
    installFakeBackend({ current: 'webhooks' });
    render(App);
    const rail = await screen.findByRole('navigation', { name: 'Setup steps' });
    await waitFor(() => expect(rail.querySelectorAll('button')).toHaveLength(8));
    expect(await screen.findByRole('heading', { level: 1, name: 'Webhooks' })).toBeTruthy();
    expect(rail.querySelector('[aria-current="step"]')?.textContent).toContain('Webhooks');
  });

  it('moves to a step clicked in the rail and marks it in progress', async () => {
    const backend = installFakeBackend();
    render(App);
    const verify = await screen.findByRole('button', { name: /Verify/ });
    await fireEvent.click(verify);
    expect(await screen.findByRole('heading', { level: 1, name: 'Verify' })).toBeTruthy();
    expect(backend.calls).toContainEqual({ cmd: 'go_to_step', args: { step: 'verify' } });
    expect(verify.querySelector('[data-status]')?.getAttribute('data-status')).toBe('in_progress');
  });

  it('opens the project named on the command line in Pre-flight, not the last one', async () => {
    const backend = installFakeBackend({
      current: 'docs',
      launchProject: '/home/ada/code/shop',
      recent: [{ path: '/home/ada/code/old', name: 'old', opened_at_ms: 1, app: null }],
    });
    render(App);
    expect(await screen.findByRole('heading', { level: 1, name: 'Pre-flight' })).toBeTruthy();
    await waitFor(() =>
      expect(backend.calls).toContainEqual({ cmd: 'open_project', args: { path: '/home/ada/code/shop' } }),
    );
    expect(backend.calls.filter((c) => c.cmd === 'open_project')).toHaveLength(1);
  });

  it('walks forward with the Next button', async () => {
    installFakeBackend();
    render(App);
    await fireEvent.click(await screen.findByRole('button', { name: 'Next: Pre-flight →' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Pre-flight' })).toBeTruthy();
  });

  it('says when it runs on the demo WorkOS, and leads to Pre-flight to leave it', async () => {
    installFakeBackend();
    render(App);
    const banner = await screen.findByTestId('demo-banner');
    expect(banner.textContent).toContain('sk_test_…fake');
    await fireEvent.click(screen.getByRole('button', { name: 'Use my WorkOS account' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Pre-flight' })).toBeTruthy();
  });

  it('shows no demo banner with a real account', async () => {
    installFakeBackend({ target: { ...DEMO_TARGET, demo: false } });
    render(App);
    await screen.findByRole('heading', { level: 1, name: 'Docs' });
    expect(screen.queryByTestId('demo-banner')).toBeNull();
  });
});
