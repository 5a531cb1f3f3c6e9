// Typed wrappers over the app's commands. The only place the UI calls `invoke`.
import { invoke } from '@tauri-apps/api/core';
import type {
  AppError,
  DocsCatalog,
  OpenOutcome,
  StepId,
  StepInfo,
  TargetInfo,
  WizardProgress,
} from './bindings';

/** Every failed command rejects with `{code, message}`; anything else is wrapped into one. */
export function asAppError(error: unknown): AppError {
  if (typeof error === 'object' && error !== null && 'code' in error && 'message' in error) {
    return { code: String(error.code), message: String(error.message) };
  }
  return { code: 'UNEXPECTED', message: String(error) };
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw asAppError(error);
  }
}

export const commands = {
  wizardSteps: () => call<StepInfo[]>('wizard_steps'),
  loadProgress: () => call<WizardProgress>('load_progress'),
  goToStep: (step: StepId) => call<WizardProgress>('go_to_step', { step }),
  docsCatalog: () => call<DocsCatalog>('docs_catalog'),
  openDoc: (id: string) => call<OpenOutcome>('open_doc', { id }),
  workosTarget: () => call<TargetInfo>('workos_target'),
};
