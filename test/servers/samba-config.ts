import { join } from 'node:path';
import type { ResolvedDomain } from './samba-provision.js';

/**
 * smb.conf for one test DC, written fresh for each instance directory (the provisioned template's
 * smb.conf names the template's own paths). Only the `ldap` task runs: no SMB, Kerberos, DNS, RPC
 * or NetBIOS ports are opened, and startup takes well under a second. Everything the daemon writes
 * (pid, sockets, logs, caches) stays inside `dir`.
 */
export function renderSmbConf(
  dir: string,
  d: ResolvedDomain,
  /** The addresses to listen on (the DC binds exactly these: another DC may hold the same ports elsewhere). */
  interfaces: string,
  tls: { keyPath: string; certPath: string; caPath: string } | undefined,
): string {
  const lines = [
    '[global]',
    `\tnetbios name = ${d.hostName.toUpperCase()}`,
    `\trealm = ${d.realm}`,
    `\tworkgroup = ${d.domain}`,
    '\tserver role = active directory domain controller',
    '\tserver services = ldap',
    `\tinterfaces = ${interfaces}`,
    '\tbind interfaces only = yes',
    `\tprivate dir = ${join(dir, 'private')}`,
    `\tstate directory = ${join(dir, 'state')}`,
    `\tcache directory = ${join(dir, 'cache')}`,
    `\tlock directory = ${dir}`,
    `\tbinddns dir = ${join(dir, 'bind-dns')}`,
    `\tpid directory = ${join(dir, 'run')}`,
    `\tncalrpc dir = ${join(dir, 'run', 'ncalrpc')}`,
    `\twinbindd socket directory = ${join(dir, 'run', 'winbindd')}`,
    `\tlog file = ${join(dir, 'log', 'log.%m')}`,
    '\tidmap_ldb:use rfc2307 = yes',
    // No fsync per ldb transaction (as Samba's own selftest runs): test data need not survive a
    // power cut, and each write otherwise waits for the disk.
    '\tldb:nosync = true',
    '\ttls enabled = yes',
  ];
  if (tls) {
    lines.push(
      `\ttls keyfile = ${tls.keyPath}`,
      `\ttls certfile = ${tls.certPath}`,
      `\ttls cafile = ${tls.caPath}`,
    );
  }
  // Without tls files Samba generates a self-signed CA + host certificate into private/tls/.
  return `${lines.join('\n')}\n`;
}
