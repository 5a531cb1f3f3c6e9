import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/svelte';
import DocsStep from './DocsStep.svelte';
import { Wizard } from '../../lib/wizard.svelte';
import { installFakeBackend } from '../../test/fake-backend';

describe('step 1, Docs', () => {
  it('opens an official page by its id, never by a URL from the page', async () => {
    const backend = installFakeBackend();
    render(DocsStep, { wizard: new Wizard() });
    await fireEvent.click(await screen.findByRole('button', { name: 'Open WorkOS Pipes in your browser' }));
    expect(await screen.findByText('Opened in your browser.')).toBeTruthy();
    expect(backend.calls).toContainEqual({ cmd: 'open_doc', args: { id: 'pipes' } });
  });

  it('shows the address with a copy button when no browser opens', async () => {
    installFakeBackend({
      openOutcome: { url: 'https://workos.com/docs/pipes', opened: false, problem: 'No browser could be opened.' },
    });
    render(DocsStep, { wizard: new Wizard() });
    await fireEvent.click(await screen.findByRole('button', { name: 'Open WorkOS Pipes in your browser' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('No browser could be opened.');
    const field = screen.getByRole('textbox', { name: 'WorkOS Pipes address' }) as HTMLInputElement;
    expect(field.value).toBe('https://workos.com/docs/pipes');
    expect(screen.getByRole('button', { name: 'Copy' })).toBeTruthy();
  });

  it('lists what the old guide got wrong', async () => {
    installFakeBackend();
    render(DocsStep, { wizard: new Wizard() });
    expect(await screen.findByRole('rowheader', { name: 'Redirect URI' })).toBeTruthy();
  });
});
