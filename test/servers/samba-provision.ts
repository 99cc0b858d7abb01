import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCommand } from './run-command.js';

export interface SambaDomainOptions {
  /** Kerberos realm / DNS domain, upper case. Default EXAMPLE.TEST (base DN DC=example,DC=test). */
  realm?: string;
  /** NetBIOS domain name. Default EXAMPLE. */
  domain?: string;
  /** DC host name. Default dc1. */
  hostName?: string;
  /** Administrator password; must meet AD complexity rules. Default a fixed test password. */
  adminPassword?: string;
}

export interface ResolvedDomain {
  realm: string;
  domain: string;
  hostName: string;
  adminPassword: string;
}

export const DEFAULT_ADMIN_PASSWORD = 'Tributary-Test-Adm1n!';

export function resolveDomain(o: SambaDomainOptions): ResolvedDomain {
  return {
    realm: (o.realm ?? 'EXAMPLE.TEST').toUpperCase(),
    domain: (o.domain ?? 'EXAMPLE').toUpperCase(),
    hostName: (o.hostName ?? 'dc1').toLowerCase(),
    adminPassword: o.adminPassword ?? DEFAULT_ADMIN_PASSWORD,
  };
}

const MARKER = '.tributary-template.json';

interface TemplateMarker {
  provisionedAt: string;
  provisionMs: number;
}

/**
 * A provisioned domain, made once and reused: `samba-tool domain provision` takes seconds, copying
 * its result takes ~0.1 s. Templates live under os.tmpdir(), keyed by the domain options and the
 * Samba version, so every test run (and every vitest worker) on the machine shares one. The
 * template is provisioned in a private directory and renamed into place, so concurrent first
 * runs never see half a template.
 */
export async function provisionedTemplate(
  d: ResolvedDomain,
): Promise<{ dir: string; provisionedAt: string; provisionMs: number; cached: boolean }> {
  const version = (await runCommand('/usr/sbin/samba', ['--version'])).stdout.trim();
  const key = createHash('sha256')
    .update(JSON.stringify({ d, version, layout: 1 }))
    .digest('hex')
    .slice(0, 16);
  const dir = join(tmpdir(), `tributary-samba-template-${key}`);
  const cached = await readMarker(dir);
  if (cached) return { dir, ...cached, cached: true };

  const work = `${dir}.partial-${process.pid}-${randomBytes(4).toString('hex')}`;
  await mkdir(join(work, 'etc'), { recursive: true });
  const conf = join(work, 'etc', 'smb.conf');
  // An empty smb.conf: without -s, samba-tool merges the machine's /etc/samba/smb.conf.
  await writeFile(conf, '');
  const started = Date.now();
  try {
    await runCommand('/usr/bin/samba-tool', [
      'domain',
      'provision',
      '-s',
      conf,
      `--targetdir=${work}`,
      `--realm=${d.realm}`,
      `--domain=${d.domain}`,
      `--host-name=${d.hostName}`,
      '--server-role=dc',
      '--dns-backend=NONE',
      '--use-rfc2307',
      `--adminpass=${d.adminPassword}`,
      '--option=interfaces=lo',
      '--option=bind interfaces only=yes',
    ]);
    const marker: TemplateMarker = { provisionedAt: work, provisionMs: Date.now() - started };
    await writeFile(join(work, MARKER), JSON.stringify(marker));
    await rename(work, dir).catch(async (error: NodeJS.ErrnoException) => {
      // Another worker finished first (ENOTEMPTY/EEXIST): use its template.
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
      await rm(work, { recursive: true, force: true });
    });
  } catch (error) {
    await rm(work, { recursive: true, force: true });
    throw error;
  }
  const made = await readMarker(dir);
  if (!made) throw new Error(`samba template ${dir} has no marker after provisioning`);
  return { dir, ...made, cached: false };
}

async function readMarker(dir: string): Promise<TemplateMarker | undefined> {
  const path = join(dir, MARKER);
  if (!existsSync(path)) return undefined;
  return JSON.parse(await readFile(path, 'utf8')) as TemplateMarker;
}

/** Copies a template's databases into `target` (private/, state/, lock files), minus its smb.conf. */
export async function copyTemplate(templateDir: string, target: string): Promise<void> {
  await cp(templateDir, target, {
    recursive: true,
    filter: (src) => !src.endsWith(MARKER) && !src.endsWith(join('etc', 'smb.conf')),
  });
}
