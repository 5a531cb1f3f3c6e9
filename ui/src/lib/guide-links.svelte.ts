// "Open the guide" from any finding: the guide asked for, and the way to the Troubleshoot step
// (the app registers it once). Which guide a finding opens is decided in Rust (finding.guide).
export const guideLinks = $state<{ requested: string | null }>({ requested: null });

let goToTroubleshoot: (() => void) | null = null;

export function onGuideRequest(go: () => void): void {
  goToTroubleshoot = go;
}

export function openGuide(id: string): void {
  guideLinks.requested = id;
  goToTroubleshoot?.();
}
