import { describe, expect, it } from 'vitest';
import { mockIPC } from '@tauri-apps/api/mocks';
import { asAppError, commands } from './commands';

describe('commands', () => {
  it('passes {code, message} errors through unchanged', async () => {
    mockIPC(() => {
      throw { code: 'PROGRESS_NOT_SAVED', message: 'disk full' };
    });
    await expect(commands.goToStep('docs')).rejects.toEqual({ code: 'PROGRESS_NOT_SAVED', message: 'disk full' });
  });

  it('wraps anything else into an UNEXPECTED error', () => {
    expect(asAppError('boom')).toEqual({ code: 'UNEXPECTED', message: 'boom' });
  });
});
