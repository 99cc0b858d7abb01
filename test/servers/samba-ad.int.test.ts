import {
  Attribute,
  Client,
  Control,
  InvalidCredentialsError,
  NoSuchObjectError,
  StrongAuthRequiredError,
} from 'ldapts';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBinaries } from './require-binaries.js';
import { SAMBA_BINARIES, startSambaAd, type SambaAdServer } from './samba-ad.js';
import { UAC_ACCOUNTDISABLE } from './samba-directory.js';

const PAGED_RESULTS = '1.2.840.113556.1.4.319';
const SHOW_DELETED = '1.2.840.113556.1.4.417';

describeWithBinaries(
  'startSambaAd (real Samba AD DC on loopback)',
  SAMBA_BINARIES,
  () => {
    let dc: SambaAdServer;
    const clients: Client[] = [];
    const connect = async (): Promise<Client> => {
      const client = new Client({ url: dc.ldapsUrl, tlsOptions: { ca: [dc.caCertPem] }, timeout: 15_000 });
      clients.push(client);
      await client.bind(dc.adminUpn, dc.adminPassword);
      return client;
    };
    const rootDse = async (client: Client): Promise<Record<string, unknown>> =>
      (
        await client.search('', {
          scope: 'base',
          attributes: ['highestCommittedUSN', 'dsServiceName', 'defaultNamingContext', 'supportedControl'],
        })
      ).searchEntries[0] ?? {};
    const guidOf = async (client: Client, dn: string): Promise<Buffer> => {
      const entry = (
        await client.search(dn, {
          scope: 'base',
          attributes: ['objectGUID'],
          explicitBufferAttributes: ['objectGUID'],
        })
      ).searchEntries[0];
      return entry?.objectGUID as Buffer;
    };

    beforeAll(async () => {
      dc = await startSambaAd();
      console.info(`samba-ad timings: ${JSON.stringify(dc.timings)}`);
      // Long enough to wait for another test file's Samba to release the fixed ports.
    }, 11 * 60_000);
    afterAll(async () => {
      for (const c of clients) await c.unbind().catch(() => undefined);
      await dc?.stop();
    });

    it('binds over LDAPS, verifying the DC against the returned CA, by UPN and by DN', async () => {
      expect(dc.ldapsUrl).toBe('ldaps://127.0.0.1:636');
      await connect();
      const byDn = new Client({ url: dc.ldapsUrl, tlsOptions: { ca: [dc.caCertPem] }, timeout: 15_000 });
      clients.push(byDn);
      await byDn.bind(dc.adminBindDn, dc.adminPassword);
      const untrusted = new Client({ url: dc.ldapsUrl, tlsOptions: {}, timeout: 15_000 });
      clients.push(untrusted);
      await expect(untrusted.bind(dc.adminUpn, dc.adminPassword)).rejects.toMatchObject({
        code: expect.stringMatching(/SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE/),
      });
    });

    it('refuses simple binds on plain ldap:// (strong auth required)', async () => {
      const plain = new Client({ url: dc.ldapUrl, timeout: 15_000 });
      clients.push(plain);
      await expect(plain.bind(dc.adminUpn, dc.adminPassword)).rejects.toBeInstanceOf(StrongAuthRequiredError);
    });

    it('answers an empty-password bind with invalidCredentials (Windows AD would bind anonymously)', async () => {
      const client = new Client({ url: dc.ldapsUrl, tlsOptions: { ca: [dc.caCertPem] }, timeout: 15_000 });
      clients.push(client);
      await expect(client.bind(dc.adminUpn, '')).rejects.toBeInstanceOf(InvalidCredentialsError);
    });

    it('publishes the RootDSE attributes the connector relies on, and invocationID on NTDS Settings', async () => {
      const client = await connect();
      const dse = await rootDse(client);
      expect(dse.defaultNamingContext).toBe(dc.baseDn);
      expect(Number(dse.highestCommittedUSN)).toBeGreaterThan(0);
      expect(String(dse.dsServiceName)).toMatch(/^CN=NTDS Settings,CN=DC1,CN=Servers,/i);
      expect(dse.supportedControl).toEqual(expect.arrayContaining([PAGED_RESULTS, SHOW_DELETED]));
      const ntds = (
        await client.search(String(dse.dsServiceName), {
          scope: 'base',
          attributes: ['invocationId'],
          explicitBufferAttributes: ['invocationId'],
        })
      ).searchEntries[0];
      expect(Buffer.isBuffer(ntds?.invocationId)).toBe(true);
      expect((ntds?.invocationId as Buffer).length).toBe(16);
    });

    it('creates users with the directory attributes, a binary objectGUID and rising USNs', async () => {
      const client = await connect();
      const before = Number((await rootDse(client)).highestCommittedUSN);
      const ou = await dc.directory.createOu('Staff');
      const dn = await dc.directory.createUser({
        cn: 'Ada Lovelace',
        sAMAccountName: 'ada',
        parentDn: ou,
        givenName: 'Ada',
        sn: 'Lovelace',
        mail: 'ada@example.test',
        telephoneNumber: '+44 20 7946 0000',
        title: 'Engineer',
        department: 'Research',
      });
      const after = Number((await rootDse(client)).highestCommittedUSN);
      expect(after).toBeGreaterThan(before);

      const changed = await client.search(dc.baseDn, {
        filter: `(&(objectClass=user)(objectCategory=person)(uSNChanged>=${before + 1}))`,
        attributes: [
          'userPrincipalName',
          'sAMAccountName',
          'givenName',
          'sn',
          'mail',
          'telephoneNumber',
          'title',
          'department',
          'uSNChanged',
          'userAccountControl',
          'objectGUID',
        ],
        explicitBufferAttributes: ['objectGUID'],
        paged: { pageSize: 500 },
      });
      expect(changed.searchEntries.map((e) => e.dn)).toEqual([dn]);
      const user = changed.searchEntries[0];
      expect(user).toMatchObject({
        userPrincipalName: 'ada@example.test',
        sAMAccountName: 'ada',
        givenName: 'Ada',
        sn: 'Lovelace',
        mail: 'ada@example.test',
        telephoneNumber: '+44 20 7946 0000',
        title: 'Engineer',
        department: 'Research',
        userAccountControl: '512',
      });
      expect((user?.objectGUID as Buffer).length).toBe(16);
      expect(Number(user?.uSNChanged)).toBeGreaterThan(before);
    });

    it('disables and enables through userAccountControl bit 0x2', async () => {
      const client = await connect();
      const dn = await dc.directory.createUser({ cn: 'Grace Hopper', sAMAccountName: 'grace' });
      const uac = async (): Promise<number> =>
        Number(
          (await client.search(dn, { scope: 'base', attributes: ['userAccountControl'] })).searchEntries[0]
            ?.userAccountControl,
        );
      expect((await uac()) & UAC_ACCOUNTDISABLE).toBe(0);
      await dc.directory.disable(dn);
      expect((await uac()) & UAC_ACCOUNTDISABLE).toBe(UAC_ACCOUNTDISABLE);
      await dc.directory.enable(dn);
      expect((await uac()) & UAC_ACCOUNTDISABLE).toBe(0);
    });

    it('keeps objectGUID across move and rename, and keeps deleted users as tombstones (show-deleted)', async () => {
      const client = await connect();
      const from = await dc.directory.createOu('Branch A');
      const to = await dc.directory.createOu('Branch B');
      const dn = await dc.directory.createUser({ cn: 'Alan Turing', sAMAccountName: 'alan', parentDn: from });
      const guid = await guidOf(client, dn);
      const moved = await dc.directory.move(dn, to);
      const renamed = await dc.directory.rename(moved, 'Alan M Turing');
      expect(renamed).toBe(`CN=Alan M Turing,${to}`);
      expect((await guidOf(client, renamed)).equals(guid)).toBe(true);

      const usnBeforeDelete = Number((await rootDse(client)).highestCommittedUSN);
      await dc.directory.delete(renamed);
      await expect(client.search(renamed, { scope: 'base' })).rejects.toBeInstanceOf(NoSuchObjectError);
      const deletedObjects = `CN=Deleted Objects,${dc.baseDn}`;
      const tombstones = await client.search(
        deletedObjects,
        {
          filter: `(&(isDeleted=TRUE)(uSNChanged>=${usnBeforeDelete + 1}))`,
          attributes: ['objectGUID', 'isDeleted', 'lastKnownParent', 'uSNChanged'],
          explicitBufferAttributes: ['objectGUID'],
        },
        new Control(SHOW_DELETED, { critical: true }),
      );
      const tomb = tombstones.searchEntries.find((e) => (e.objectGUID as Buffer).equals(guid));
      expect(tomb?.isDeleted).toBe('TRUE');
      expect(String(tomb?.lastKnownParent)).toBe(to);
      expect(tomb?.dn).toMatch(/^CN=Alan M Turing\\0ADEL:/);
    });

    it('pages past 1000 entries; an unpaged search is NOT truncated by Samba (Windows AD stops at MaxPageSize)', async () => {
      const client = await connect();
      const ou = await dc.directory.createOu('Bulk');
      const count = 1050;
      // Pipelined in batches: one add per round trip is needlessly slow.
      for (let start = 0; start < count; start += 50) {
        const batch = [];
        for (let i = start; i < Math.min(count, start + 50); i++) {
          batch.push(
            client.add(`CN=bulk${i},${ou}`, [
              // contacts: far cheaper for Samba to create than users (no SID, no account checks)
              new Attribute({ type: 'objectClass', values: ['contact'] }),
            ]),
          );
        }
        await Promise.all(batch);
      }
      const paged = await client.search(ou, {
        filter: '(objectClass=contact)',
        attributes: ['cn'],
        paged: { pageSize: 1000 },
      });
      expect(paged.searchEntries).toHaveLength(count);
      const unpaged = await client.search(ou, {
        filter: '(objectClass=contact)',
        attributes: ['cn'],
      });
      expect(unpaged.searchEntries).toHaveLength(count);
    }, 120_000);
  },
  { needsRoot: true },
);
