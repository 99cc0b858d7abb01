import { existsSync } from 'node:fs';
import { AdminLimitExceededError, Client, SizeLimitExceededError, UnwillingToPerformError } from 'ldapts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBinaries } from './require-binaries.js';
import { SLAPD_BINARIES, startSlapd, type PlainSlapdServer, type SlapdServer } from './slapd.js';

const BASE = 'dc=example,dc=test';
const USERS = 120;

function peopleLdif(count: number): string {
  let ldif = `dn: ou=people,${BASE}\nobjectClass: organizationalUnit\nou: people\n\n`;
  for (let i = 0; i < count; i++) {
    ldif += `dn: uid=user${i},ou=people,${BASE}\nobjectClass: inetOrgPerson\nuid: user${i}\ncn: User ${i}\nsn: ${i}\nmail: user${i}@example.test\n\n`;
  }
  return ldif;
}

/** WhoAmI extended operation (RFC 4532): "dn:<bound dn>", or "" when anonymous. */
async function whoAmI(client: Client): Promise<string> {
  const { value } = await client.exop('1.3.6.1.4.1.4203.1.11.3');
  return value ?? '';
}

describeWithBinaries('startSlapd (real OpenLDAP on loopback)', SLAPD_BINARIES, () => {
  let server: SlapdServer;
  const clients: Client[] = [];
  const ldaps = (ca: string[] | undefined = [server.caCertPem]): Client => {
    const client = new Client({
      url: server.ldapsUrl,
      tlsOptions: ca ? { ca } : {},
      connectTimeout: 5_000,
      timeout: 5_000,
    });
    clients.push(client);
    return client;
  };

  beforeAll(async () => {
    server = await startSlapd({ sizeLimit: 50, ldif: peopleLdif(USERS) });
  });
  const closeClients = async (): Promise<void> => {
    for (const c of clients.splice(0)) await c.unbind().catch(() => undefined);
  };
  afterAll(async () => {
    await closeClients();
    await server?.stop();
  });

  it('starts fast, on random loopback ports', () => {
    expect(server.ldapUrl).toMatch(/^ldap:\/\/127\.0\.0\.1:\d+$/);
    expect(server.ldapsUrl).toMatch(/^ldaps:\/\/127\.0\.0\.1:\d+$/);
    expect(server.ldapUrl).not.toBe(server.ldapsUrl.replace('ldaps', 'ldap'));
    expect(server.timings.startMs).toBeLessThan(5_000);
  });

  it('binds the service account over LDAPS, verifying the server against the returned CA', async () => {
    const client = ldaps();
    await client.bind(server.bindDn, server.bindPassword);
    expect(await whoAmI(client)).toBe(`dn:${server.bindDn}`);
  });

  it('refuses LDAPS when the CA is not trusted, and when the host name does not match', async () => {
    await expect(ldaps([]).bind(server.bindDn, server.bindPassword)).rejects.toMatchObject({
      // slapd sends its CA in the chain, so Node reports a self-signed certificate in the chain.
      code: 'SELF_SIGNED_CERT_IN_CHAIN',
    });
    const wrongHost = new Client({
      url: server.ldapsUrl,
      timeout: 5_000,
      tlsOptions: { ca: [server.caCertPem], servername: 'ldap.elsewhere.test' },
    });
    clients.push(wrongHost);
    await expect(wrongHost.bind(server.bindDn, server.bindPassword)).rejects.toMatchObject({
      code: 'ERR_TLS_CERT_ALTNAME_INVALID',
    });
  });

  it('supports StartTLS on the ldap:// port', async () => {
    const client = new Client({ url: server.ldapUrl, timeout: 5_000 });
    clients.push(client);
    await client.startTLS({ ca: [server.caCertPem] });
    await client.bind(server.bindDn, server.bindPassword);
    const { searchEntries } = await client.search(`uid=user7,ou=people,${BASE}`, { scope: 'base' });
    expect(searchEntries[0]?.mail).toBe('user7@example.test');
  });

  it('truncates an unpaged search with sizeLimitExceeded, while a paged search reads everything', async () => {
    const client = ldaps();
    await client.bind(server.bindDn, server.bindPassword);
    const filter = '(objectClass=inetOrgPerson)';
    await expect(client.search(`ou=people,${BASE}`, { filter })).rejects.toBeInstanceOf(
      SizeLimitExceededError,
    );
    const paged = await client.search(`ou=people,${BASE}`, {
      filter,
      paged: { pageSize: 20 },
      attributes: ['uid'],
    });
    expect(paged.searchEntries).toHaveLength(USERS);
    // A paged search whose page size is above the limit still works (size.prtotal=unlimited).
    const bigPages = await client.search(`ou=people,${BASE}`, {
      filter,
      paged: { pageSize: 100 },
      attributes: ['uid'],
    });
    expect(bigPages.searchEntries).toHaveLength(USERS);
  });

  it('hides truncation when the CLIENT sets sizeLimit: ldapts then resolves with a partial result', async () => {
    // Documented so the connector never passes sizeLimit: ldapts treats code 4 as success then.
    const client = ldaps();
    await client.bind(server.bindDn, server.bindPassword);
    const { searchEntries } = await client.search(`ou=people,${BASE}`, {
      filter: '(objectClass=inetOrgPerson)',
      sizeLimit: 1000,
    });
    expect(searchEntries).toHaveLength(50);
  });

  it('exempts the rootdn from size limits', async () => {
    const client = ldaps();
    await client.bind(server.rootDn, server.rootPassword);
    const { searchEntries } = await client.search(`ou=people,${BASE}`, {
      filter: '(objectClass=inetOrgPerson)',
    });
    expect(searchEntries).toHaveLength(USERS);
  });

  it('refuses a bind with a DN and an empty password (unauthenticated bind) by default', async () => {
    const client = ldaps();
    await expect(client.bind(server.bindDn, '')).rejects.toBeInstanceOf(UnwillingToPerformError);
  });

  it('carries entryUUID and modifyTimestamp, and keeps entryUUID across rename and move', async () => {
    const client = ldaps();
    await client.bind(server.bindDn, server.bindPassword);
    const read = async (dn: string): Promise<Record<string, unknown>> =>
      (await client.search(dn, { scope: 'base', attributes: ['entryUUID', 'modifyTimestamp', 'entryCSN'] }))
        .searchEntries[0] ?? {};
    const before = await read(`uid=user3,ou=people,${BASE}`);
    expect(before.entryUUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(before.modifyTimestamp).toMatch(/^\d{14}Z$/);

    await server.add(`dn: ou=alumni,${BASE}\nobjectClass: organizationalUnit\nou: alumni\n`);
    await server.modify(`dn: uid=user3,ou=people,${BASE}\nchangetype: modify\nreplace: sn\nsn: Renamed\n`);
    const renamed = await server.modrdn(`uid=user3,ou=people,${BASE}`, 'uid=user3b');
    const moved = await server.move(renamed, `ou=alumni,${BASE}`);
    expect(moved).toBe(`uid=user3b,ou=alumni,${BASE}`);
    const after = await read(moved);
    expect(after.entryUUID).toBe(before.entryUUID);
    expect(after.entryCSN).not.toBe(before.entryCSN);

    await server.delete(moved);
    expect((await client.search(`ou=alumni,${BASE}`, { scope: 'one' })).searchEntries).toHaveLength(0);
  });

  it('can be killed like a crashed server and restarted with its data', async () => {
    await closeClients();
    const oldPid = server.pid;
    await server.kill();
    const down = new Client({
      url: server.ldapsUrl,
      tlsOptions: { ca: [server.caCertPem] },
      connectTimeout: 2_000,
    });
    await expect(down.bind(server.bindDn, server.bindPassword)).rejects.toThrow();
    await down.unbind().catch(() => undefined);
    await server.restart();
    expect(server.pid).not.toBe(oldPid);
    const client = ldaps();
    await client.bind(server.bindDn, server.bindPassword);
    const paged = await client.search(`ou=people,${BASE}`, { filter: '(uid=*)', paged: { pageSize: 40 } });
    expect(paged.searchEntries).toHaveLength(USERS - 1);
  });
});

describeWithBinaries('startSlapd variants', SLAPD_BINARIES, () => {
  const started: PlainSlapdServer[] = [];
  afterAll(async () => {
    for (const s of started) await s.stop();
  });

  it('with allowBindAnonDn, a DN + empty password bind "succeeds" as anonymous and reads nothing', async () => {
    const server = await startSlapd({ allowBindAnonDn: true, ldif: peopleLdif(3) });
    started.push(server);
    const client = new Client({ url: server.ldapsUrl, tlsOptions: { ca: [server.caCertPem] } });
    await client.bind(server.bindDn, '');
    // RFC 4513 §5.1.2: the session is anonymous, not the named user.
    expect(await whoAmI(client)).toBe('');
    const { searchEntries } = await client
      .search(`ou=people,${BASE}`, { filter: '(uid=*)' })
      .catch(() => ({ searchEntries: [] }));
    expect(searchEntries).toHaveLength(0);
    await client.unbind();
  });

  it('with pagedResults: false, the paged-results control is refused (adminLimitExceeded)', async () => {
    const server = await startSlapd({ sizeLimit: 5, pagedResults: false, ldif: peopleLdif(12) });
    started.push(server);
    const client = new Client({
      url: server.ldapsUrl,
      tlsOptions: { ca: [server.caCertPem] },
      timeout: 5_000,
    });
    await client.bind(server.bindDn, server.bindPassword);
    await expect(
      client.search(`ou=people,${BASE}`, { filter: '(uid=*)', paged: { pageSize: 3 } }),
    ).rejects.toBeInstanceOf(AdminLimitExceededError);
    await client.unbind();
  });

  it("with pagedResults: 'capped', whole pages arrive and then sizeLimitExceeded (a half-read)", async () => {
    const server = await startSlapd({ sizeLimit: 5, pagedResults: 'capped', ldif: peopleLdif(12) });
    started.push(server);
    const client = new Client({
      url: server.ldapsUrl,
      tlsOptions: { ca: [server.caCertPem] },
      timeout: 5_000,
    });
    await client.bind(server.bindDn, server.bindPassword);
    let read = 0;
    const drain = async (): Promise<void> => {
      for await (const page of client.searchPaginated(`ou=people,${BASE}`, {
        filter: '(uid=*)',
        paged: { pageSize: 2 },
      })) {
        read += page.searchEntries.length;
      }
    };
    await expect(drain()).rejects.toBeInstanceOf(SizeLimitExceededError);
    expect(read).toBe(4);
    await client.unbind();
  });

  it('without TLS, StartTLS fails and no bind is ever sent', async () => {
    const server = await startSlapd({ tls: false, logLevel: 'stats' });
    started.push(server);
    expect('ldapsUrl' in server).toBe(false);
    const client = new Client({ url: server.ldapUrl });
    await expect(client.startTLS({})).rejects.toThrow();
    await client.unbind().catch(() => undefined);
    const log = await server.readLog();
    expect(log).toMatch(/EXT oid=1\.3\.6\.1\.4\.1\.1466\.20037/);
    expect(log).not.toMatch(/BIND dn=/);
  });

  it('removes its directory and process on stop', async () => {
    const server = await startSlapd();
    const { dir, pid } = server;
    expect(existsSync(dir)).toBe(true);
    await server.stop();
    expect(existsSync(dir)).toBe(false);
    expect(() => process.kill(pid, 0)).toThrow();
  });
});
