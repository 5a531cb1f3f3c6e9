import { afterEach } from 'vitest';
import { clearMocks } from '@tauri-apps/api/mocks';
import { cleanup } from '@testing-library/svelte';

// The Tauri mocks need a `crypto.getRandomValues` for callback ids; jsdom has one.
afterEach(() => {
  cleanup();
  clearMocks();
});
