// One SDK install and its live output. Kept by Pre-flight (not by the card showing it), so the
// user can leave the step and come back to an install still running, its output and Cancel.
import type { AppError, InstallOutcome } from '../../lib/ipc/bindings';
import { commands } from '../../lib/ipc/commands';

export class SdkInstall {
  lines = $state<string[]>([]);
  outcome = $state<InstallOutcome | null>(null);
  error = $state<AppError | null>(null);
  running = $state(true);

  constructor(
    readonly appDir: string,
    readonly ecosystem: string,
    readonly newVenv: boolean,
  ) {}

  /** Starts the install in Rust; resolves when it ended, however it ended. */
  async start(): Promise<void> {
    try {
      this.outcome = await commands.installSdk(this.appDir, this.ecosystem, this.newVenv, (line) =>
        this.lines.push(line.line),
      );
    } catch (error) {
      this.error = error as AppError;
    } finally {
      this.running = false;
    }
  }

  cancel(): Promise<null> {
    return commands.cancelInstall();
  }
}
