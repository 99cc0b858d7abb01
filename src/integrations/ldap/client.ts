// The connector's only I/O: one ldapts Client per domain and run, with failover over the domain's hosts,
// TLS (LDAPS, or StartTLS before the bind — never a bind on a connection whose upgrade failed), the bind
// refused before the network when the password is empty, and paged searches that stream page by page
// (the next page is requested only when the consumer asks for it) over a second, lean connection to the same
// host (lean/connection.ts). A size/admin/time limit, a referral or a server without paging makes the read
// fail: an incomplete enumeration must never look complete.
import tls from 'node:tls';
import { Client, Control, InvalidCredentialsError, type Entry, type Filter } from 'ldapts';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../core/errors.js';
import { createRedactor, type Redactor } from '../kit/redact.js';
import { ldapError } from './errors.js';
import { LeanConnection } from './lean/connection.js';
import { trustContext } from './trust.js';
import type { Message } from './lean/decode.js';
import type { DomainConfig, LdapConfig } from './manifest.js';
import {
  BINARY_ATTRIBUTES,
  anchorAttribute,
  first,
  guidToString,
  isUnder,
  parseRootDse,
  SHOW_DELETED_OID,
  type RootDse,
  type Vendor,
} from './vendor.js';

export type { Entry } from 'ldapts';

const ROOT_DSE_ATTRIBUTES = [
  'objectClass',
  'supportedControl',
  'supportedCapabilities',
  'forestFunctionality',
  'defaultNamingContext',
  'namingContexts',
  'dsServiceName',
  'highestCommittedUSN',
  'dnsHostName',
  'vendorName',
  'currentTime',
];

/** AD application partitions and the configuration NC: referrals to them never hold users. */
const IGNORABLE_REFERRAL = /\/(CN=Configuration|DC=DomainDnsZones|DC=ForestDnsZones),/i;

export interface SearchSpec {
  base: string;
  scope: 'base' | 'one' | 'sub';
  filter: Filter;
  attributes: string[];
  /** Extra request controls (e.g. show-deleted). */
  showDeleted?: boolean;
  /** A referral (LDAP URL) this read does not need: it neither fails the read nor is followed. */
  ignoreReferral?: (url: string) => boolean;
  /**
   * pages() only: each entry goes to this as it arrives, in place (see lean/connection.ts PagedSearch), and
   * the pages yielded are empty. Entries then are decoded with `attributes` and BINARY_ATTRIBUTES.
   */
  onEntry?: (b: Buffer, m: Message) => void;
}

export interface LdapSession {
  domain: DomainConfig;
  /** The host that answered (failover order). */
  host: string;
  rootDse: RootDse;
  vendor: Vendor;
  /** The anchor attribute in use (objectGUID, entryUUID or configured). */
  anchor: string;
  /** Effective page size: the configured one, clamped to the server's MaxPageSize when it says. */
  pageSize: number;
  /** Streams a paged search one page at a time; throws on truncation, referrals and errors. */
  pages(spec: SearchSpec): AsyncGenerator<Entry[]>;
  /** An unpaged search expected to return few entries (base-scope lookups). */
  search(spec: SearchSpec): Promise<Entry[]>;
  /** AD: this DC's invocationID (GUID text), read from its NTDS Settings object. */
  invocationId(): Promise<string | undefined>;
  close(): Promise<void>;
}

export interface OpenOptions {
  log: FastifyBaseLogger;
  signal?: AbortSignal;
}

function tlsOptions(d: DomainConfig): tls.ConnectionOptions {
  return {
    minVersion: 'TLSv1.2',
    ...(d.caCertificate ? { secureContext: trustContext(d.caCertificate) } : {}),
    ...(d.tlsServerName ? { servername: d.tlsServerName } : {}),
  };
}

const portOf = (d: DomainConfig) => d.port ?? (d.security === 'ldaps' ? 636 : 389);

function urlFor(d: DomainConfig, host: string): string {
  const h = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  return `${d.security === 'ldaps' ? 'ldaps' : 'ldap'}://${h}:${portOf(d)}`;
}

/** Connects to the first host that answers and binds. Auth failures are final (no failover). */
async function connect(
  config: LdapConfig,
  d: DomainConfig,
  log: FastifyBaseLogger,
  redact: Redactor,
): Promise<{ client: Client; host: string }> {
  if (d.bindPassword.trim().length === 0) {
    // RFC 4513 §5.1.2: DN + empty password is an unauthenticated bind, which AD answers with success.
    throw new AppError(
      'LDAP_EMPTY_PASSWORD',
      'config',
      `Domain ${d.id}: the bind password is empty; refusing to bind`,
      { details: [{ field: 'bindPassword', message: 'must not be empty' }] },
    );
  }
  if (d.security === 'plain')
    log.warn(
      { domain: d.id },
      `Domain ${d.id} uses plain LDAP (allowInsecurePlainLdap): the password and directory data cross the network unencrypted`,
    );
  let last: AppError | undefined;
  for (const host of d.hosts) {
    const url = urlFor(d, host);
    // ldapts treats ANY tlsOptions as "connect with TLS", even for ldap:// — so only LDAPS gets them here;
    // StartTLS gets them in startTLS() on the plain connection.
    const client = new Client({
      url,
      timeout: config.timeoutMs,
      connectTimeout: config.connectTimeoutMs,
      strictDN: false,
      ...(d.security === 'ldaps' ? { tlsOptions: tlsOptions(d) } : {}),
    });
    try {
      if (d.security === 'starttls') await client.startTLS(tlsOptions(d));
      await client.bind(d.bindDn, d.bindPassword);
      return { client, host };
    } catch (e) {
      await client.unbind().catch(() => undefined);
      const err = ldapError(e, `Domain ${d.id}, ${url}`, redact);
      if (e instanceof InvalidCredentialsError || err.kind === 'auth') throw err;
      log.warn(
        { domain: d.id, host, code: err.code },
        `LDAP host ${host} failed (${err.message}); trying the next host`,
      );
      last = err;
    }
  }
  throw last ?? new AppError('LDAP_NO_HOSTS', 'config', `Domain ${d.id} has no hosts`);
}

/** AD publishes MaxPageSize in the Default Query Policy; asking for more gets silently shorter pages. */
async function serverMaxPageSize(client: Client, root: RootDse): Promise<number | undefined> {
  const configNc = root.namingContexts.find((n) => /^CN=Configuration,/i.test(n));
  if (!configNc) return undefined;
  try {
    const { searchEntries } = await client.search(
      `CN=Default Query Policy,CN=Query-Policies,CN=Directory Service,CN=Windows NT,CN=Services,${configNc}`,
      { scope: 'base', attributes: ['lDAPAdminLimits'] },
    );
    const limits =
      first(searchEntries[0]?.lDAPAdminLimits) === undefined
        ? []
        : ([] as string[]).concat(searchEntries[0]?.lDAPAdminLimits as string | string[]);
    const m = limits.map((l) => /^MaxPageSize=(\d+)$/i.exec(String(l))).find((x) => x);
    return m ? Number(m[1]) : undefined;
  } catch {
    return undefined; // not readable by the service account: the schema's cap (1000) applies
  }
}

export async function openDomain(config: LdapConfig, d: DomainConfig, o: OpenOptions): Promise<LdapSession> {
  const redact = createRedactor([d.bindPassword]);
  const { client, host } = await connect(config, d, o.log, redact);
  const fail = (e: unknown, what: string) => ldapError(e, `Domain ${d.id}: ${what}`, redact);
  try {
    const { searchEntries } = await client.search('', {
      scope: 'base',
      filter: '(objectClass=*)',
      attributes: ROOT_DSE_ATTRIBUTES,
    });
    const rootDse = parseRootDse((searchEntries[0] ?? {}) as Record<string, unknown>);
    const vendor: Vendor = d.vendor === 'auto' ? rootDse.vendor : d.vendor;
    const anchor = anchorAttribute(vendor, d.anchorAttribute);
    if (!anchor)
      throw new AppError(
        'LDAP_NO_ANCHOR',
        'config',
        `Domain ${d.id}: the server is neither Active Directory nor OpenLDAP; set anchorAttribute to its immutable id attribute`,
        { details: [{ field: `domains.${d.id}.anchorAttribute`, message: 'is required for this server' }] },
      );
    const max = vendor === 'ad' ? await serverMaxPageSize(client, rootDse) : undefined;
    const pageSize = Math.max(1, Math.min(config.pageSize, max ?? config.pageSize));

    const request = (spec: SearchSpec) => ({
      scope: spec.scope,
      filter: spec.filter,
      attributes: spec.attributes,
      explicitBufferAttributes: BINARY_ATTRIBUTES,
      // Never sizeLimit: ldapts then resolves a truncated result silently instead of throwing.
    });
    const controls = (spec: SearchSpec) =>
      spec.showDeleted ? [new Control(SHOW_DELETED_OID, { critical: true })] : undefined;
    // Paged reads go over a second connection of our own (lean/connection.ts), opened on the first read to the
    // host that answered and bound with the same credentials: parsing a large read through ldapts cost twice
    // the CPU of the read itself. Everything else on this session stays on the ldapts client.
    let paging: Promise<LeanConnection> | undefined;
    const pagingConnection = () =>
      (paging ??= LeanConnection.open(
        {
          host,
          port: portOf(d),
          security: d.security,
          tls: tlsOptions(d),
          connectTimeoutMs: config.connectTimeoutMs,
          timeoutMs: config.timeoutMs,
          signal: o.signal,
        },
        d.bindDn,
        d.bindPassword,
      ));
    const checkReferrals = (refs: string[], spec: SearchSpec) => {
      const real = refs.filter((r) => !IGNORABLE_REFERRAL.test(r) && !spec.ignoreReferral?.(r));
      if (real.length) {
        throw new AppError(
          'LDAP_REFERRAL',
          'config',
          `Domain ${d.id}: the search under ${spec.base} was referred to another server (${real.slice(0, 3).join(', ')}); the read is incomplete. Add that domain as its own entry in "domains" or narrow the base DN.`,
        );
      }
    };

    return {
      domain: d,
      host,
      rootDse,
      vendor,
      anchor,
      pageSize,
      async *pages(spec) {
        if (!rootDse.supportsPaging) {
          throw new AppError(
            'LDAP_NO_PAGING',
            'config',
            `Domain ${d.id}: the server does not offer the paged-results control; a complete read is impossible (enable paging on the server)`,
          );
        }
        let conn: LeanConnection;
        try {
          conn = await pagingConnection();
        } catch (e) {
          throw fail(e, `connecting to ${host} to read ${spec.base}`);
        }
        const it = conn.search({
          base: spec.base,
          scope: spec.scope,
          filter: spec.filter,
          attributes: spec.attributes,
          binary: BINARY_ATTRIBUTES,
          pageSize,
          controls: controls(spec) ?? [],
          ...(spec.onEntry ? { onEntry: spec.onEntry } : {}),
        });
        while (true) {
          if (o.signal?.aborted) throw new AppError('RUN_ABORTED', 'transient', 'The run was stopped');
          let next: IteratorResult<{ entries: Entry[]; references: string[] }>;
          try {
            next = await it.next();
          } catch (e) {
            throw fail(e, `searching ${spec.base}`);
          }
          if (next.done) return;
          checkReferrals(next.value.references, spec);
          yield next.value.entries;
        }
      },
      async search(spec) {
        try {
          const r = await client.search(spec.base, request(spec), controls(spec));
          checkReferrals(r.searchReferences, spec);
          return r.searchEntries;
        } catch (e) {
          throw fail(e, `searching ${spec.base}`);
        }
      },
      async invocationId() {
        if (!rootDse.dsServiceName) return undefined;
        try {
          const { searchEntries } = await client.search(rootDse.dsServiceName, {
            scope: 'base',
            attributes: ['invocationId'],
            explicitBufferAttributes: ['invocationId'],
          });
          const v = searchEntries[0]?.invocationId;
          const b = Array.isArray(v) ? v[0] : v;
          return Buffer.isBuffer(b) && b.length === 16 ? guidToString(b) : undefined;
        } catch (e) {
          throw fail(e, 'reading the DC invocationID');
        }
      },
      close: async () => {
        await client.unbind().catch(() => undefined);
        await paging?.then((c) => c.close()).catch(() => undefined);
      },
    };
  } catch (e) {
    await client.unbind().catch(() => undefined);
    throw e instanceof AppError ? e : fail(e, 'reading the RootDSE');
  }
}

/** The domain an entry/container DN belongs to: the one with the longest base DN above it. */
export function domainFor(domains: readonly DomainConfig[], dn: string): DomainConfig | undefined {
  let best: { d: DomainConfig; len: number } | undefined;
  for (const d of domains)
    for (const b of d.baseDns)
      if (isUnder(dn, b) && (!best || b.length > best.len)) best = { d, len: b.length };
  return best?.d;
}
