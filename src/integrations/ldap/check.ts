// `check` never throws: it binds to every domain (first host that answers), reads the RootDSE, proves each
// base DN exists, and reports vendor, host, anchor, paging and the change watermark. Failure kinds come from
// error codes (auth, tls, network, config), never from message text.
import type { CheckFailureKind, CheckResult, ConnectorContext } from '../framework/contract.js';
import { checkFailure } from '../framework/contract.js';
import { openDomain } from './client.js';
import { present } from './filter.js';
import type { LdapConfig } from './manifest.js';

const KIND_BY_CODE: Record<string, CheckFailureKind> = {
  LDAP_TLS: 'tls',
  LDAP_UNREACHABLE: 'network',
  LDAP_CONNECTION: 'network',
  LDAP_AUTH_FAILED: 'auth',
  LDAP_EMPTY_PASSWORD: 'auth',
  LDAP_FORBIDDEN: 'permission',
};

export function ldapCheckFailure(e: unknown): CheckResult {
  const base = checkFailure(e);
  if (base.ok) return base;
  const code = (e as { code?: unknown }).code;
  return {
    ok: false,
    kind: (typeof code === 'string' ? KIND_BY_CODE[code] : undefined) ?? base.kind,
    message: base.message,
  };
}

export async function checkLdap(ctx: ConnectorContext<LdapConfig>): Promise<CheckResult> {
  const parts: string[] = [];
  const details: Record<string, string | number | boolean> = {};
  try {
    for (const d of ctx.config.domains) {
      const s = await openDomain(ctx.config, d, { log: ctx.log, signal: ctx.signal });
      try {
        for (const b of d.baseDns)
          await s.search({ base: b, scope: 'base', filter: present('objectClass'), attributes: ['1.1'] });
        const vendor = s.vendor === 'ad' ? 'Active Directory' : s.vendor === 'openldap' ? 'OpenLDAP' : 'LDAP';
        if (!s.rootDse.supportsPaging)
          return {
            ok: false,
            kind: 'config',
            message: `Domain ${d.id}: ${s.host} does not offer paged results; a complete read is impossible`,
          };
        parts.push(
          `${d.id}: ${vendor} at ${s.host} (anchor ${s.anchor}, page size ${s.pageSize}${s.rootDse.highestCommittedUSN ? `, USN ${s.rootDse.highestCommittedUSN}` : ''})`,
        );
        details[`${d.id}.vendor`] = s.vendor;
        details[`${d.id}.host`] = s.host;
        details[`${d.id}.anchor`] = s.anchor;
        details[`${d.id}.pageSize`] = s.pageSize;
      } finally {
        await s.close();
      }
    }
    return { ok: true, message: `Connected: ${parts.join('; ')}`, details };
  } catch (e) {
    return ldapCheckFailure(e);
  }
}
