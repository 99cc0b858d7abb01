import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terminateGroup } from './process-group.js';
import { freePort, waitForTcp } from './free-port.js';
import { reapOnExit, removeDirOnExit, type Reaped } from './reaper.js';
import { runCommand } from './run-command.js';
import { passwordPolicyLdif, renderBaseLdif, renderSlapdConf } from './slapd-config.js';
import { createTestCertificates } from './test-ca.js';

export const SLAPD_BINARIES = ['/usr/sbin/slapd', '/usr/sbin/slapadd', '/usr/bin/ldapmodify'] as const;

export interface SlapdOptions {
  /** Suffix of the one mdb database. Default `dc=example,dc=test`. */
  baseDn?: string;
  /** rootdn password (the rootdn is `cn=admin,<baseDn>`). Default: random. */
  rootPassword?: string;
  /**
   * A read-only service account for the connector (its RDN must be `cn=`). Default
   * `cn=tributary-sync,ou=service-accounts,<baseDn>` with a random password; `false` for none.
   */
  serviceAccount?: { dn?: string; password?: string } | false;
  /**
   * Size limit for every identity but the rootdn: an UNPAGED search returns N entries and then
   * resultCode 4 (sizeLimitExceeded); a search with the paged-results control reads everything.
   */
  sizeLimit?: number;
  /**
   * true (default): paged searches read everything (`size.prtotal=unlimited`).
   * 'capped': paged searches stop at sizeLimit too (`size.prtotal=hard`): whole pages arrive,
   * then sizeLimitExceeded — an enumeration that fails half-way.
   * false: the paged-results control is refused (`size.prtotal=disabled`).
   */
  pagedResults?: boolean | 'capped';
  /** `false` starts slapd without any TLS (no ldaps://, StartTLS fails). Default true. */
  tls?: boolean;
  /** `allow bind_anon_dn`: a simple bind with a DN and an empty password succeeds (as anonymous). */
  allowBindAnonDn?: boolean;
  /** Let anonymous sessions read entries (default: anonymous may only authenticate). */
  anonymousRead?: boolean;
  /**
   * Load the ppolicy overlay (password policy): its operational attributes exist, so an administrator can
   * lock an account (`pwdAccountLockedTime`) or end it (`pwdEndTime`), and binds honour them.
   */
  passwordPolicy?: boolean;
  /** Initial entries below the suffix, loaded with slapadd before start. */
  ldif?: string;
  /** A pre-generated (large) LDIF file loaded with `slapadd -q` before start. */
  ldifFile?: string;
  /** slapd `-d` level, e.g. 'stats' to log every operation and filter to `logPath`. Default '0'. */
  logLevel?: string;
  /** mdb maxsize (a sparse memory map). Default 16 GiB, enough for a million users. */
  maxSizeBytes?: number;
  /**
   * Moves the directory's clock (slapadd's and slapd's, through libfaketime) by this many seconds; negative is
   * behind ours. The timestamps the server writes (modifyTimestamp) then come from a clock that is not ours.
   */
  clockOffsetSeconds?: number;
}

/** Debian's faketime, for SlapdOptions.clockOffsetSeconds. */
export const FAKETIME_BINARY = '/usr/bin/faketime';

/** `command args` as run, under faketime when the directory's clock is moved. */
function clocked(offsetSeconds: number | undefined, command: string, args: string[]): [string, string[]] {
  if (!offsetSeconds) return [command, args];
  const offset = `${offsetSeconds > 0 ? '+' : ''}${Math.trunc(offsetSeconds)}s`;
  // -m: slapd is multi-threaded; -f: a relative offset ("-3600s"), so the clock keeps running.
  return [FAKETIME_BINARY, ['-m', '-f', offset, command, ...args]];
}

export interface PlainSlapdServer {
  ldapUrl: string;
  baseDn: string;
  /** The service account (equal to rootDn/rootPassword when `serviceAccount: false`). */
  bindDn: string;
  bindPassword: string;
  rootDn: string;
  rootPassword: string;
  /** Current slapd pid (changes after restart()). */
  readonly pid: number;
  dir: string;
  logPath: string;
  timings: { slapaddMs: number; startMs: number };
  readLog(): Promise<string>;
  /** ldapadd as the rootdn. */
  add(ldif: string): Promise<void>;
  /** ldapmodify as the rootdn: LDIF change records (changetype: modify / add / delete / modrdn). */
  modify(ldif: string): Promise<void>;
  /** modrdn, optionally moving the entry under `newSuperior`. Returns the new DN. */
  modrdn(
    dn: string,
    newRdn: string,
    options?: { newSuperior?: string; deleteOldRdn?: boolean },
  ): Promise<string>;
  /** Move an entry to another parent, keeping its RDN. Returns the new DN. */
  move(dn: string, newSuperior: string): Promise<string>;
  delete(dn: string): Promise<void>;
  /** SIGTERM, wait, remove the temp directory. Safe to call twice. */
  stop(): Promise<void>;
  /** SIGKILL (a crash). The data stays, so restart() brings the same directory back. */
  kill(): Promise<void>;
  /** Start slapd again on the same ports and data (after kill()). */
  restart(): Promise<void>;
}

export interface SlapdServer extends PlainSlapdServer {
  ldapsUrl: string;
  caCertPem: string;
  caCertPath: string;
}

const HOST = '127.0.0.1';

export function startSlapd(options: SlapdOptions & { tls: false }): Promise<PlainSlapdServer>;
export function startSlapd(options?: SlapdOptions): Promise<SlapdServer>;
export async function startSlapd(options: SlapdOptions = {}): Promise<PlainSlapdServer | SlapdServer> {
  const dir = await mkdtemp(join(tmpdir(), 'tributary-slapd-'));
  const forget = removeDirOnExit(dir);
  try {
    return await startIn(dir, options);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  } finally {
    forget(); // from here on the reaper owns the directory
  }
}

/** Bulk start: slapadd -q a pre-generated LDIF (see bench/ldap/generate-ldif.ts), then start. */
export function startSlapdFromLdif(
  ldifFile: string,
  options: Omit<SlapdOptions, 'ldifFile' | 'tls'> = {},
): Promise<SlapdServer> {
  return startSlapd({ ...options, tls: true, ldifFile });
}

function secret(): string {
  return randomBytes(12).toString('base64url');
}

async function startIn(dir: string, o: SlapdOptions): Promise<PlainSlapdServer | SlapdServer> {
  const baseDn = o.baseDn ?? 'dc=example,dc=test';
  const rootDn = `cn=admin,${baseDn}`;
  const rootPassword = o.rootPassword ?? secret();
  const service =
    o.serviceAccount === false
      ? undefined
      : {
          dn: o.serviceAccount?.dn ?? `cn=tributary-sync,ou=service-accounts,${baseDn}`,
          password: o.serviceAccount?.password ?? secret(),
        };
  const tls =
    o.tls === false ? undefined : await createTestCertificates(dir, { dns: ['localhost'], ips: [HOST] });
  await mkdir(join(dir, 'db'));
  const confPath = join(dir, 'slapd.conf');
  await writeFile(
    confPath,
    renderSlapdConf({
      dir,
      baseDn,
      rootDn,
      rootPassword,
      serviceDn: service?.dn,
      sizeLimit: o.sizeLimit,
      pagedTotal: o.pagedResults === false ? 'disabled' : o.pagedResults === 'capped' ? 'hard' : 'unlimited',
      tls,
      allowBindAnonDn: o.allowBindAnonDn === true,
      anonymousRead: o.anonymousRead === true,
      passwordPolicy: o.passwordPolicy === true,
      maxSizeBytes: o.maxSizeBytes ?? 16 * 1024 ** 3,
    }),
    { mode: 0o600 },
  );
  const passwordFile = join(dir, 'rootpw');
  await writeFile(passwordFile, rootPassword, { mode: 0o600 });

  // slapadd before start: far faster than ldapadd, and -q skips consistency checks for bulk data.
  const slapaddStarted = Date.now();
  const baseLdif = join(dir, 'base.ldif');
  await writeFile(
    baseLdif,
    renderBaseLdif(baseDn, service) + (o.passwordPolicy ? passwordPolicyLdif(baseDn) : '') + (o.ldif ?? ''),
  );
  await runCommand(
    ...clocked(o.clockOffsetSeconds, '/usr/sbin/slapadd', ['-q', '-f', confPath, '-l', baseLdif]),
  );
  if (o.ldifFile !== undefined)
    await runCommand(
      ...clocked(o.clockOffsetSeconds, '/usr/sbin/slapadd', ['-q', '-f', confPath, '-l', o.ldifFile]),
    );
  const slapaddMs = Date.now() - slapaddStarted;

  const logPath = join(dir, 'slapd.log');
  let ports = { ldap: 0, ldaps: 0 };
  let child: ChildProcess | undefined;
  let reaped: Reaped | undefined;
  let exited: string | undefined;

  const terminate = (signal: NodeJS.Signals): Promise<void> => terminateGroup(child, signal, 5_000);

  const launch = async (reusePorts: boolean): Promise<void> => {
    if (!reusePorts) ports = { ldap: await freePort(HOST), ldaps: tls ? await freePort(HOST) : 0 };
    const urls = [`ldap://${HOST}:${ports.ldap}/`, ...(tls ? [`ldaps://${HOST}:${ports.ldaps}/`] : [])];
    const logFd = openSync(logPath, 'a');
    exited = undefined;
    // -d keeps slapd in the foreground (so we own its pid); its own process group lets us kill it
    // with everything it spawned.
    const [command, args] = clocked(o.clockOffsetSeconds, '/usr/sbin/slapd', [
      '-d',
      o.logLevel ?? '0',
      '-h',
      urls.join(' '),
      '-f',
      confPath,
    ]);
    const proc = spawn(command, args, { detached: true, stdio: ['ignore', logFd, logFd] });
    closeSync(logFd);
    child = proc;
    proc.on('exit', (code, signal) => {
      exited = `slapd exited (${signal ?? code ?? '?'})`;
    });
    if (proc.pid === undefined) throw new Error('slapd did not start');
    reaped?.release();
    reaped = reapOnExit(proc.pid, [dir]);
    await waitForTcp(HOST, ports.ldap, 10_000, () => exited);
    if (tls) await waitForTcp(HOST, ports.ldaps, 10_000, () => exited);
  };

  const started = Date.now();
  for (let attempt = 1; ; attempt++) {
    try {
      await launch(false);
      break;
    } catch (error) {
      // A port taken between freePort() and bind(): try fresh ports a few times.
      await terminate('SIGKILL');
      if (attempt >= 3) {
        const log = await readFile(logPath, 'utf8').catch(() => '');
        throw new Error(`${(error as Error).message}\n${log.slice(-2000)}`);
      }
    }
  }
  const startMs = Date.now() - started;

  const ldapUrl = `ldap://${HOST}:${ports.ldap}`;
  const asRoot = ['-x', '-H', ldapUrl, '-D', rootDn, '-y', passwordFile];
  let stopped = false;

  const server: PlainSlapdServer = {
    ldapUrl,
    baseDn,
    bindDn: service?.dn ?? rootDn,
    bindPassword: service?.password ?? rootPassword,
    rootDn,
    rootPassword,
    get pid() {
      return child?.pid ?? -1;
    },
    dir,
    logPath,
    timings: { slapaddMs, startMs },
    readLog: () => readFile(logPath, 'utf8'),
    async add(ldif) {
      await runCommand('/usr/bin/ldapadd', asRoot, { input: ldif });
    },
    async modify(ldif) {
      await runCommand('/usr/bin/ldapmodify', asRoot, { input: ldif });
    },
    async modrdn(dn, newRdn, opts = {}) {
      const lines = [
        `dn: ${dn}`,
        'changetype: modrdn',
        `newrdn: ${newRdn}`,
        `deleteoldrdn: ${opts.deleteOldRdn === false ? 0 : 1}`,
      ];
      if (opts.newSuperior !== undefined) lines.push(`newsuperior: ${opts.newSuperior}`);
      await runCommand('/usr/bin/ldapmodify', asRoot, { input: `${lines.join('\n')}\n` });
      const parent = opts.newSuperior ?? dn.slice(dn.indexOf(',') + 1);
      return `${newRdn},${parent}`;
    },
    move(dn, newSuperior) {
      return server.modrdn(dn, dn.slice(0, dn.indexOf(',')), { newSuperior });
    },
    async delete(dn) {
      await runCommand('/usr/bin/ldapdelete', [...asRoot, dn]);
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await terminate('SIGTERM');
      reaped?.release();
      await rm(dir, { recursive: true, force: true });
    },
    async kill() {
      await terminate('SIGKILL');
    },
    async restart() {
      if (stopped) throw new Error('slapd was stopped; start a new one');
      await terminate('SIGTERM');
      await launch(true);
    },
  };
  if (!tls) return server;
  // Object.assign keeps the live `pid` getter (a spread would freeze its value).
  return Object.assign(server, {
    ldapsUrl: `ldaps://${HOST}:${ports.ldaps}`,
    caCertPem: tls.caCertPem,
    caCertPath: tls.caCertPath,
  });
}
