// Two domains on one instance, each served by its OWN real Samba AD DC: two forests (CONTOSO.TEST on
// 127.0.0.2, FABRIKAM.TEST on 127.0.0.3), each with its own CA, administrator, invocationID and USNs. This is
// what an MSP's connection to two customers' directories looks like; samba.int.test.ts covers two domain
// entries against one DC. (A child domain in one forest cannot be built here: Samba 4.17 cannot join a DC as
// a subdomain.) Both DCs listen on loopback addresses of their own, so this file runs beside the other Samba
// tests instead of waiting for 127.0.0.1's port lock.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBinaries } from '../../../test/servers/require-binaries.js';
import { SAMBA_BINARIES, startSambaAd, type SambaAdServer } from '../../../test/servers/samba-ad.js';
import { describeEachDialect } from '../../db/testing.js';
import type { Services } from '../../services.js';
import {
  addMapping,
  checkInstance,
  createInstance,
  getRun,
  runInstance,
  type IntegrationCtx,
} from '../framework/index.js';
import { adminCtx, testServices } from '../framework/testing.js';
import { psaSide, sambaConfigInput, usersCursor } from './testing.js';

interface Forest {
  id: 'contoso' | 'fabrikam';
  dc: SambaAdServer;
  /** The DNS domain, for UPNs and mail. */
  dns: string;
}

interface DomainCursor {
  usn: string;
  invocationId: string;
  dsServiceName: string;
  expiryCheckedAt: number;
}

describeWithBinaries(
  'LDAP connector against two Samba AD DCs (two forests on one instance)',
  SAMBA_BINARIES,
  () => {
    const forests: Forest[] = [];
    beforeAll(async () => {
      const [contoso, fabrikam] = await Promise.all([
        startSambaAd({ host: '127.0.0.2', realm: 'CONTOSO.TEST', domain: 'CONTOSO', hostName: 'cdc1' }),
        startSambaAd({ host: '127.0.0.3', realm: 'FABRIKAM.TEST', domain: 'FABRIKAM', hostName: 'fdc1' }),
      ]);
      forests.push(
        { id: 'contoso', dc: contoso, dns: 'contoso.test' },
        { id: 'fabrikam', dc: fabrikam, dns: 'fabrikam.test' },
      );
    }, 11 * 60_000);
    afterAll(async () => {
      await Promise.all(forests.map((f) => f.dc.stop()));
    });

    describeEachDialect('two forests through the runner', (get, dialect) => {
      let services: Services;
      let ctx: IntegrationCtx;
      beforeAll(() => {
        services = testServices(get());
        ctx = adminCtx(services);
      });
      const db = () => services.db;
      const contoso = () => forests[0] as Forest;
      const fabrikam = () => forests[1] as Forest;

      /** A person in `forest`; the same sAMAccountName and mail may exist in the other forest too. */
      const person = (forest: Forest, cn: string, parentDn: string, tag: string) => {
        const [given, sn] = cn.split(' ') as [string, string];
        const sam = `${given.toLowerCase()}.${tag}`;
        return forest.dc.directory.createUser({
          cn,
          sAMAccountName: sam,
          userPrincipalName: `${sam}@${forest.dns}`,
          givenName: given,
          sn,
          displayName: cn,
          mail: `${sam}@shared.test`,
          parentDn,
        });
      };

      /** The forest's domain entry, as an admin types it: its DC, its CA, its administrator. */
      const domainInput = (f: Forest) => ({
        ...(sambaConfigInput(f.dc).domains as Record<string, unknown>[])[0],
        id: f.id,
      });

      const cursor = (instanceId: number) =>
        usersCursor<{ domains: Record<Forest['id'], DomainCursor> }>(db(), instanceId);

      /** The instance's users with their domain (from the link's id). */
      const users = async (instanceId: number) =>
        (
          await db()
            .selectFrom('end_users')
            .innerJoin('external_links', 'external_links.record_id', 'end_users.id')
            .select([
              'external_links.external_id',
              'end_users.id',
              'end_users.name',
              'end_users.site_id',
              'end_users.inactive',
            ])
            .where('external_links.instance_id', '=', instanceId)
            .where('external_links.record_type', '=', 'user')
            .execute()
        )
          .map((u) => ({ ...u, domain: u.external_id.split(':')[0] as string }))
          // The domains are read side by side, so ids interleave: list by domain, then name.
          .sort((a, b) => a.domain.localeCompare(b.domain) || a.name.localeCompare(b.name));

      it('each forest is read from its own DC with its own CA and credentials; a person in both is two users; one forest down fails the run and inactivates no one, and the next run converges', async () => {
        const tag = dialect.slice(0, 2);
        const ous = {
          contosoSales: await contoso().dc.directory.createOu(
            'Sales',
            await contoso().dc.directory.createOu(`T-${tag}`),
          ),
          fabrikamStaff: await fabrikam().dc.directory.createOu(
            'Staff',
            await fabrikam().dc.directory.createOu(`T-${tag}`),
          ),
        };
        const psa = await psaSide(ctx, `forests ${tag}`);
        const inst = await createInstance(ctx, {
          connectorId: 'ldap',
          name: `two forests ${tag}`,
          config: {
            pageSize: 50,
            domains: forests.map(domainInput),
          },
        });
        await addMapping(ctx, inst.id, {
          externalId: ous.contosoSales,
          containerKind: 'ou',
          target: { kind: 'site', siteId: psa.sales },
        });
        await addMapping(ctx, inst.id, {
          externalId: ous.fabrikamStaff,
          containerKind: 'ou',
          target: { kind: 'site', siteId: psa.engineering },
        });

        const check = await checkInstance(ctx, inst.id);
        expect(check.ok, JSON.stringify(check)).toBe(true);
        if (check.ok) {
          expect(check.message).toMatch(/contoso: Active Directory at 127\.0\.0\.2 \(anchor objectGUID/);
          expect(check.message).toMatch(/fabrikam: Active Directory at 127\.0\.0\.3 \(anchor objectGUID/);
        }
        // Fabrikam's entry given Contoso's CA: its DC's certificate does not verify, and the check says where.
        const wrongCa = await createInstance(ctx, {
          connectorId: 'ldap',
          name: `wrong CA ${tag}`,
          config: {
            domains: [
              domainInput(contoso()),
              { ...domainInput(fabrikam()), caCertificate: contoso().dc.caCertPem },
            ],
          },
        });
        expect(await checkInstance(ctx, wrongCa.id)).toMatchObject({
          ok: false,
          kind: 'tls',
          message: expect.stringContaining(
            'Domain fabrikam, ldaps://127.0.0.3:636: the TLS handshake failed',
          ),
        });

        // Ada has an account in both forests, with the same sAMAccountName and mail.
        const adaContoso = await person(contoso(), 'Ada Lovelace', ous.contosoSales, tag);
        const alan = await person(contoso(), 'Alan Turing', ous.contosoSales, tag);
        await person(fabrikam(), 'Ada Lovelace', ous.fabrikamStaff, tag);
        const grace = await person(fabrikam(), 'Grace Hopper', ous.fabrikamStaff, tag);

        const first = await runInstance(services, {
          instanceId: inst.id,
          trigger: 'manual',
          entities: ['users'],
        });
        expect(first.status, JSON.stringify(first.error)).toBe('succeeded');
        expect(first.counts.users).toMatchObject({ created: 4, failed: 0 });
        const imported = await users(inst.id);
        expect(imported.map((u) => [u.domain, u.name, u.site_id, u.inactive])).toEqual([
          ['contoso', 'Ada Lovelace', psa.sales, 0],
          ['contoso', 'Alan Turing', psa.sales, 0],
          ['fabrikam', 'Ada Lovelace', psa.engineering, 0],
          ['fabrikam', 'Grace Hopper', psa.engineering, 0],
        ]);
        // Two DCs, two identities and two USN sequences: each domain keeps its own watermark.
        const c1 = await cursor(inst.id);
        expect(c1.domains.contoso.invocationId).not.toBe(c1.domains.fabrikam.invocationId);
        expect(c1.domains.contoso.dsServiceName).toContain('CN=CDC1');
        expect(c1.domains.fabrikam.dsServiceName).toContain('CN=FDC1');
        expect(c1.domains.contoso.usn).toBe(String(await contoso().dc.directory.highestCommittedUsn()));
        expect(c1.domains.fabrikam.usn).toBe(String(await fabrikam().dc.directory.highestCommittedUsn()));

        // A change in one forest only: the next run reads changes from both, finds the one.
        await fabrikam().dc.directory.modify(grace, { title: 'Admiral' });
        const second = await runInstance(services, {
          instanceId: inst.id,
          trigger: 'manual',
          entities: ['users'],
        });
        expect(second.counts.users).toMatchObject({ created: 0, updated: 1, inactivated: 0 });
        expect((await getRun(ctx, second.runId)).modes.users).toEqual({
          mode: 'incremental',
          reason:
            `changes only (contoso: uSNChanged > ${c1.domains.contoso.usn} on the same DC; fabrikam: uSNChanged > ${c1.domains.fabrikam.usn} on the same DC)` +
            // The first changes-only read after a full one also looks for expired accounts, per domain.
            `, and a search for expired accounts (contoso: since ${new Date(c1.domains.contoso.expiryCheckedAt).toISOString()}; fabrikam: since ${new Date(c1.domains.fabrikam.expiryCheckedAt).toISOString()})`,
        });

        // Fabrikam's DC goes down; meanwhile Ada and Alan leave Contoso. The run fails, and nobody is
        // inactivated: not in the forest it could not read, nor in the one it could.
        const c2 = await cursor(inst.id);
        await fabrikam().dc.kill();
        await contoso().dc.directory.delete(adaContoso);
        await contoso().dc.directory.disable(alan);
        const down = await runInstance(services, {
          instanceId: inst.id,
          trigger: 'manual',
          entities: ['users'],
        });
        expect(down.status).toBe('failed');
        expect(JSON.stringify(down.error)).toContain('fabrikam');
        expect((await users(inst.id)).map((u) => u.inactive)).toEqual([0, 0, 0, 0]);
        expect(await cursor(inst.id)).toEqual(c2);

        // Back up: the next run picks up Contoso's changes from the watermark the failed run left alone.
        await fabrikam().dc.restart();
        const back = await runInstance(services, {
          instanceId: inst.id,
          trigger: 'manual',
          entities: ['users'],
        });
        expect(back.status, JSON.stringify(back.error)).toBe('succeeded');
        expect((await getRun(ctx, back.runId)).modes.users?.mode).toBe('incremental');
        expect(back.counts.users).toMatchObject({ created: 0, inactivated: 1, updated: 1 });
        expect((await users(inst.id)).map((u) => [u.domain, u.name, u.inactive])).toEqual([
          ['contoso', 'Ada Lovelace', 1],
          ['contoso', 'Alan Turing', 1],
          ['fabrikam', 'Ada Lovelace', 0],
          ['fabrikam', 'Grace Hopper', 0],
        ]);
        const quiet = await runInstance(services, {
          instanceId: inst.id,
          trigger: 'manual',
          entities: ['users'],
        });
        expect(quiet.counts.users).toMatchObject({ created: 0, updated: 0, inactivated: 0 });
      });
    });
  },
  { needsRoot: true },
);
