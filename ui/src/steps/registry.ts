// Which page shows each step.
import type { Component } from 'svelte';
import type { StepId } from '../lib/ipc/bindings';
import type { Wizard } from '../lib/wizard.svelte';
import ConnectionsStep from './connections/ConnectionsStep.svelte';
import DashboardStep from './dashboard/DashboardStep.svelte';
import DocsStep from './docs/DocsStep.svelte';
import PreflightStep from './preflight/PreflightStep.svelte';
import SdkIntegrationStep from './sdk-integration/SdkIntegrationStep.svelte';
import TroubleshootStep from './troubleshoot/TroubleshootStep.svelte';
import VerifyStep from './verify/VerifyStep.svelte';
import WebhooksStep from './webhooks/WebhooksStep.svelte';

export const STEP_PAGES: Record<StepId, Component<{ wizard: Wizard }>> = {
  docs: DocsStep,
  preflight: PreflightStep,
  dashboard: DashboardStep,
  sdk_integration: SdkIntegrationStep,
  connections: ConnectionsStep,
  webhooks: WebhooksStep,
  verify: VerifyStep,
  troubleshoot: TroubleshootStep,
};
