import type { ChildProcess } from 'node:child_process';

function signalGroup(pgid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch {
    return false; // no such group (already gone)
  }
}

/**
 * Signals the process group a server leads (spawned with `detached: true`) and waits for the
 * leader to exit; SIGKILL follows after `graceMs`. Whatever is left of the group afterwards
 * (forked workers lagging behind their leader) is SIGKILLed too.
 */
export async function terminateGroup(
  proc: ChildProcess | undefined,
  signal: NodeJS.Signals,
  graceMs: number,
): Promise<void> {
  const pgid = proc?.pid;
  if (proc === undefined || pgid === undefined) return;
  if (proc.exitCode === null && proc.signalCode === null) {
    const gone = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    if (signalGroup(pgid, signal)) {
      const timer = setTimeout(() => signalGroup(pgid, 'SIGKILL'), graceMs);
      await gone;
      clearTimeout(timer);
    }
  }
  proc.stdin?.destroy();
  signalGroup(pgid, 'SIGKILL');
}
