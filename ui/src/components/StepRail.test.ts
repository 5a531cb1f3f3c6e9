import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import StepRail from './StepRail.svelte';
import { Wizard } from '../lib/wizard.svelte';
import { installFakeBackend } from '../test/fake-backend';

async function renderRail() {
  installFakeBackend();
  const wizard = new Wizard();
  await wizard.load();
  const onselect = vi.fn();
  render(StepRail, { wizard, onselect });
  const buttons = await screen.findAllByRole('button');
  return { buttons, onselect };
}

describe('the step rail', () => {
  it('is a single tab stop on the current step', async () => {
    const { buttons } = await renderRail();
    const tabbable = buttons.filter((b) => b.tabIndex === 0);
    expect(tabbable).toHaveLength(1);
    expect(tabbable[0]?.dataset.step).toBe('docs');
  });

  it('moves focus with the arrow keys, wraps, and jumps with Home and End', async () => {
    const { buttons } = await renderRail();
    buttons[0]!.focus();
    await fireEvent.keyDown(buttons[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(buttons[1]);
    await fireEvent.keyDown(buttons[1]!, { key: 'End' });
    expect(document.activeElement).toBe(buttons[7]);
    await fireEvent.keyDown(buttons[7]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(buttons[0]);
    await fireEvent.keyDown(buttons[0]!, { key: 'ArrowUp' });
    expect(document.activeElement).toBe(buttons[7]);
    await fireEvent.keyDown(buttons[7]!, { key: 'Home' });
    expect(document.activeElement).toBe(buttons[0]);
  });

  it('selects the focused step on click or Enter (a native button)', async () => {
    const { buttons, onselect } = await renderRail();
    await fireEvent.click(buttons[3]!);
    await waitFor(() => expect(onselect).toHaveBeenCalledWith('sdk_integration'));
  });
});
