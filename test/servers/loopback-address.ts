import { runCommand } from './run-command.js';

/**
 * Makes `host` (an address of 127/8) an address of the loopback interface. Linux routes all of 127/8 to `lo`,
 * but a daemon that binds its interfaces' addresses (Samba with `bind interfaces only`) sees only those
 * assigned to it, 127.0.0.1 by default. Adding one needs root (CAP_NET_ADMIN) and lasts until reboot; adding
 * it again is a no-op.
 */
export async function ensureLoopbackAddress(host: string): Promise<void> {
  if (!/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)) throw new Error(`${host} is not a 127/8 address`);
  const shown = await runCommand('ip', ['-o', '-4', 'addr', 'show', 'dev', 'lo']);
  if (new RegExp(`\\sinet ${host.replaceAll('.', '\\.')}/`).test(shown.stdout)) return;
  const added = await runCommand('ip', ['addr', 'add', `${host}/32`, 'dev', 'lo'], { allowFailure: true });
  // Another test process may have added it meanwhile.
  if (added.code !== 0 && !/File exists/.test(added.stderr))
    throw new Error(`cannot add ${host} to the loopback interface (needs root): ${added.stderr.trim()}`);
}
