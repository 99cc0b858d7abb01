import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';

/**
 * Makes sure a server a test started (a process group and its temp directory) never outlives the
 * test process, however that process ends:
 * - normal exit: a synchronous 'exit' hook kills the group and removes the directory;
 * - SIGKILL / OOM / a crashed vitest worker: no hook runs in the dying process, so a small
 *   detached watchdog shell polls our pid and does the same once we are gone.
 */
export interface Reaped {
  /** Called after a clean stop: the watchdog is no longer needed. */
  release(): void;
}

interface Tracked {
  pgid: number;
  dirs: string[];
  watchdogPid: number | undefined;
}

const tracked = new Set<Tracked>();
const pendingDirs = new Set<string>();
let hooked = false;

function hookExit(): void {
  if (hooked) return;
  hooked = true;
  process.on('exit', reapAllSync);
}

/**
 * Removes `dir` when this process exits (even through an uncaught exception) unless released
 * first: covers the window while a server is being set up, before it has a process to reap.
 */
export function removeDirOnExit(dir: string): () => void {
  hookExit();
  pendingDirs.add(dir);
  return () => {
    pendingDirs.delete(dir);
  };
}

function killGroup(pgid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pgid, signal);
  } catch {
    // already gone
  }
}

function reapAllSync(): void {
  for (const t of tracked) {
    killGroup(t.pgid, 'SIGKILL');
    for (const dir of t.dirs) rmSync(dir, { recursive: true, force: true });
    if (t.watchdogPid !== undefined) killGroup(t.watchdogPid, 'SIGKILL');
  }
  tracked.clear();
  for (const dir of pendingDirs) rmSync(dir, { recursive: true, force: true });
  pendingDirs.clear();
}

function quote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * Track a process group leader (spawned with `detached: true`) and the directories to delete when
 * it is reaped. `dirs` are removed only on abnormal ends; a clean stop removes them itself.
 */
export function reapOnExit(pgid: number, dirs: string[]): Reaped {
  hookExit();
  const script =
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ` +
    `kill -9 -${pgid} 2>/dev/null; rm -rf ${dirs.map(quote).join(' ')}`;
  const watchdog = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watchdog.unref();
  const entry: Tracked = { pgid, dirs, watchdogPid: watchdog.pid };
  tracked.add(entry);
  return {
    release() {
      tracked.delete(entry);
      if (entry.watchdogPid !== undefined) killGroup(entry.watchdogPid, 'SIGKILL');
    },
  };
}
