import { open, readFile, rm } from 'node:fs/promises';

/**
 * A machine-wide lock held in a file that holds the owner's pid. Samba's LDAP server listens on
 * fixed ports (389/636/3268/3269: smb.conf has no option to move them), so only one test Samba can
 * run at a time on a machine; vitest's parallel workers queue here. A lock whose owner process is
 * gone (a crashed worker) is taken over.
 */
export async function acquireFileLock(
  path: string,
  timeoutMs: number,
): Promise<{ waitedMs: number; release(): Promise<void> }> {
  const started = Date.now();
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o644);
      await handle.writeFile(String(process.pid));
      await handle.close();
      return {
        waitedMs: Date.now() - started,
        release: () => rm(path, { force: true }),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = Number((await readFile(path, 'utf8').catch(() => '')).trim());
    if (Number.isInteger(owner) && owner > 0 && !isAlive(owner)) {
      // Re-read right before removing: another waiter may have taken the stale lock over already.
      const again = Number((await readFile(path, 'utf8').catch(() => '')).trim());
      if (again === owner) await rm(path, { force: true });
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      throw new Error(`lock ${path} still held by pid ${owner || '?'} after ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
