// The lean paged reader against a REAL slapd (size limit 3, so only paging reads everything): over LDAPS and
// StartTLS, a session's pages hold exactly the entries ldapts' own paged search returns; a CA the server's
// certificate does not chain to fails the TLS handshake with an error the connector maps to LDAP_TLS.
import { Client } from 'ldapts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBinaries } from '../../../../test/servers/require-binaries.js';
import { SLAPD_BINARIES, startSlapd, type SlapdServer } from '../../../../test/servers/slapd.js';
import { openDomain } from '../client.js';
import { ldapError } from '../errors.js';
import { parseAdminFilter } from '../filter.js';
import { BASE, connectorContext, directoryLdif, slapdConfigInput } from '../testing.js';
import { LeanConnection } from './connection.js';

const ATTRIBUTES = ['uid', 'cn', 'mail', 'entryUUID', 'title', 'noSuchAttribute'];

describeWithBinaries('lean LDAP reader against real slapd', SLAPD_BINARIES, () => {
  let slapd: SlapdServer;
  beforeAll(async () => {
    slapd = await startSlapd({ sizeLimit: 3, ldif: directoryLdif(12) });
  });
  afterAll(async () => {
    await slapd?.stop();
  });

  /** ldapts' own paged read of the same search, as the reference. */
  async function viaLdapts(): Promise<unknown[]> {
    const client = new Client({
      url: slapd.ldapsUrl,
      tlsOptions: { ca: [slapd.caCertPem] },
      strictDN: false,
    });
    try {
      await client.bind(slapd.bindDn, slapd.bindPassword);
      const out: unknown[] = [];
      for await (const page of client.searchPaginated(BASE, {
        scope: 'sub',
        filter: '(objectClass=inetOrgPerson)',
        attributes: ATTRIBUTES,
        paged: { pageSize: 3 },
      }))
        out.push(...page.searchEntries);
      return out;
    } finally {
      await client.unbind();
    }
  }

  it.each(['ldaps', 'starttls'] as const)(
    'over %s: the same entries as ldapts, page by page within the size limit',
    async (security) => {
      const ctx = connectorContext(slapdConfigInput(slapd, { security, extra: { pageSize: 3 } }));
      const s = await openDomain(ctx.config, ctx.config.domains[0]!, { log: ctx.log });
      try {
        const pages: unknown[][] = [];
        for await (const page of s.pages({
          base: BASE,
          scope: 'sub',
          filter: parseAdminFilter('(objectClass=inetOrgPerson)', 'test'),
          attributes: ATTRIBUTES,
        }))
          pages.push(page);
        expect(pages.length).toBeGreaterThan(3);
        expect(pages.every((p) => p.length <= 3)).toBe(true);
        const reference = await viaLdapts();
        expect(reference.length).toBeGreaterThan(12);
        expect(pages.flat()).toEqual(reference);
      } finally {
        await s.close();
      }
    },
  );

  it('a CA that did not sign the server certificate fails the handshake as a TLS error', async () => {
    const url = new URL(slapd.ldapsUrl);
    const otherCa = (await startSlapd({ sizeLimit: 3 })) as SlapdServer;
    await otherCa.stop();
    const e = await LeanConnection.open(
      {
        host: url.hostname,
        port: Number(url.port),
        security: 'ldaps',
        tls: { ca: [otherCa.caCertPem] },
        connectTimeoutMs: 5000,
        timeoutMs: 5000,
      },
      slapd.bindDn,
      slapd.bindPassword,
    ).catch((err: unknown) => err);
    expect(ldapError(e, 'test')).toMatchObject({ code: 'LDAP_TLS', kind: 'config' });
  });
});
