import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import ApiKeyCard from './ApiKeyCard.svelte';
import { Preflight } from './preflight.svelte';
import { Wizard } from '../../lib/wizard.svelte';
import { DEMO_TARGET, installFakeBackend, scanOf } from '../../test/fake-backend';

function setup() {
  const backend = installFakeBackend();
  const wizard = new Wizard();
  wizard.target = DEMO_TARGET;
  const preflight = new Preflight();
  preflight.scan = scanOf('/home/ada/shop');
  render(ApiKeyCard, { wizard, preflight });
  return { backend, wizard };
}

describe('the API key card', () => {
  it('sends a pasted key once, clears the field and shows only the fingerprint', async () => {
    const { backend, wizard } = setup();
    const field = screen.getByLabelText('WorkOS API key') as HTMLInputElement;
    expect(field.type).toBe('password');
    await fireEvent.input(field, { target: { value: 'sk_test_secret_value_1234' } });
    await fireEvent.click(screen.getByRole('button', { name: 'Save to keychain' }));
    expect(await screen.findByText('Saved in your keychain.')).toBeTruthy();
    expect(backend.calls).toContainEqual({
      cmd: 'save_api_key',
      args: { project: '/home/ada/shop', key: 'sk_test_secret_value_1234' },
    });
    expect(field.value).toBe('');
    expect(wizard.target?.demo).toBe(false);
    expect(document.body.textContent).not.toContain('sk_test_secret_value');
    expect(screen.getByTestId('key-status').textContent).toContain('sk_test_…1234');
  });

  it('goes back to the demo on request', async () => {
    const { wizard } = setup();
    wizard.target = { ...DEMO_TARGET, demo: false };
    await fireEvent.click(await screen.findByRole('button', { name: 'Back to the demo' }));
    expect(await screen.findByText('Back on the demo WorkOS.')).toBeTruthy();
    expect(wizard.target?.demo).toBe(true);
  });

  it('calls a key of no known environment unknown, never sandbox', async () => {
    const { wizard } = setup();
    wizard.target = { ...DEMO_TARGET, demo: false, environment: 'unknown', key_fingerprint: 'sk_prod_…9z9z' };
    const status = await screen.findByTestId('key-status');
    await new Promise((r) => setTimeout(r, 0));
    expect(status.textContent).toContain('unknown environment');
    expect(status.textContent).not.toContain('sandbox');
  });
});
