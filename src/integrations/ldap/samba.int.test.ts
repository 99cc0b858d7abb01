// The LDAP connector end to end against a REAL Samba Active Directory DC (samba-tool domain provision,
// LDAPS with our test CA) on loopback, through the framework's runner, on SQLite and PostgreSQL.
// One DC serves the whole file (Samba's ports are fixed); each test makes its own OUs and people.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBinaries } from '../../../test/servers/require-binaries.js';
import { SAMBA_BINARIES, startSambaAd, type SambaAdServer } from '../../../test/servers/samba-ad.js';
import { createTicket } from '../../core/tickets/create-ticket.js';
import { describeEachDialect } from '../../db/testing.js';
import type { Services } from '../../services.js';
import {
  addMapping,
  checkInstance,
  createInstance,
  discoverInstance,
  getRun,
  runInstance,
  type IntegrationCtx,
} from '../framework/index.js';
import { adminCtx, testServices } from '../framework/testing.js';
import { openDomain } from './client.js';
import { LdapConfigSchema } from './manifest.js';
import { connectorContext, psaSide, sambaConfigInput, usersCursor, type PsaSide } from './testing.js';

const GUID = /^example:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describeWithBinaries(
  'LDAP connector against a real Samba AD DC',
  SAMBA_BINARIES,
  () => {
    let dc: SambaAdServer;
    beforeAll(async () => {
      dc = await startSambaAd();
    }, 11 * 60_000); // above startSambaAd's 10 min port-lock wait
    afterAll(async () => {
      await dc?.stop();
    });

    it('refuses an empty password before any bind (schema and client), and fails over to the next host', async () => {
      const parsed = LdapConfigSchema.safeParse(sambaConfigInput(dc, { domain: { bindPassword: '  ' } }));
      expect(parsed.success).toBe(false);
      expect(JSON.stringify(parsed.error?.issues)).toContain('bindPassword');
      const ctx = connectorContext(sambaConfigInput(dc));
      const d = { ...ctx.config.domains[0]!, bindPassword: ' ' };
      await expect(openDomain(ctx.config, d, { log: ctx.log })).rejects.toMatchObject({
        code: 'LDAP_EMPTY_PASSWORD',
      });
      // 127.0.0.9 is loopback but Samba listens on 127.0.0.1 only: refused, then the next host answers.
      const failover = connectorContext(
        sambaConfigInput(dc, { domain: { hosts: ['127.0.0.9', '127.0.0.1'] } }),
      );
      const s = await openDomain(failover.config, failover.config.domains[0]!, { log: failover.log });
      expect(s.host).toBe('127.0.0.1');
      expect(s.vendor).toBe('ad');
      expect(s.anchor).toBe('objectGUID');
      await s.close();
    });

    describeEachDialect('AD sync through the runner (Samba)', (get, dialect) => {
      let services: Services;
      let ctx: IntegrationCtx;
      let seq = 0;
      beforeAll(() => {
        services = testServices(get());
        ctx = adminCtx(services);
      });
      const db = () => services.db;

      interface Setup {
        ous: { sales: string; eng: string; staff: string; other: string };
        instanceId: number;
        psa: PsaSide;
        tag: string;
        run(entities?: ('users' | 'agents')[]): ReturnType<typeof runInstance>;
        user(upnPrefix: string): Promise<
          | {
              id: number;
              site_id: number;
              inactive: number;
              name: string;
              login: string | null;
              title: string | null;
            }
          | undefined
        >;
        person(cn: string, parent: string, extra?: Record<string, string>): Promise<string>;
      }

      async function setup(config: Record<string, unknown> = {}): Promise<Setup> {
        const tag = `${dialect.slice(0, 2)}${++seq}`;
        const dir = dc.directory;
        const root = await dir.createOu(`T-${tag}`);
        const ous = {
          sales: await dir.createOu('Sales', root),
          eng: await dir.createOu('Engineering', root),
          staff: await dir.createOu('IT Staff', root),
          other: await dir.createOu('Other', root),
        };
        const psa = await psaSide(ctx, tag);
        const inst = await createInstance(ctx, {
          connectorId: 'ldap',
          name: `samba ${tag}`,
          config: { ...sambaConfigInput(dc), ...config },
        });
        await addMapping(ctx, inst.id, {
          externalId: ous.sales,
          containerKind: 'ou',
          target: { kind: 'site', siteId: psa.sales },
        });
        await addMapping(ctx, inst.id, {
          externalId: ous.eng,
          containerKind: 'ou',
          recursive: true,
          target: { kind: 'site', siteId: psa.engineering },
        });
        await addMapping(ctx, inst.id, {
          externalId: ous.staff,
          containerKind: 'ou',
          target: { kind: 'agent', roleId: psa.roleId, teamId: psa.teamId },
        });
        const person = (cn: string, parent: string, extra: Record<string, string> = {}) => {
          const [given, sn] = cn.split(' ') as [string, string];
          const sam = `${given.toLowerCase()}.${tag}`;
          return dir.createUser({
            cn,
            sAMAccountName: sam,
            userPrincipalName: `${sam}@example.test`,
            givenName: given,
            sn,
            displayName: cn,
            mail: `${sam}@example.test`,
            parentDn: parent,
            ...extra,
          });
        };
        const user = (prefix: string) =>
          db()
            .selectFrom('end_users')
            .innerJoin('external_links', 'external_links.record_id', 'end_users.id')
            .select([
              'end_users.id',
              'end_users.site_id',
              'end_users.inactive',
              'end_users.name',
              'end_users.login',
              'end_users.title',
            ])
            .where('external_links.instance_id', '=', inst.id)
            .where('external_links.record_type', '=', 'user')
            .where('end_users.login', '=', `${prefix}.${tag}@example.test`)
            .executeTakeFirst();
        return {
          ous,
          instanceId: inst.id,
          psa,
          tag,
          person,
          user,
          run: (entities = ['users', 'agents']) =>
            runInstance(services, { instanceId: inst.id, trigger: 'manual', entities }),
        };
      }

      const modes = async (runId: number) => (await getRun(ctx, runId)).modes;

      it('check over LDAPS reports Active Directory with objectGUID; a bad password is an auth failure', async () => {
        const s = await setup();
        const ok = await checkInstance(ctx, s.instanceId);
        expect(ok.ok, JSON.stringify(ok)).toBe(true);
        if (ok.ok)
          expect(ok.message).toMatch(
            /Active Directory at 127\.0\.0\.1 \(anchor objectGUID, page size 50, USN \d+\)/,
          );
        const bad = await createInstance(ctx, {
          connectorId: 'ldap',
          name: `bad ${s.tag}`,
          config: sambaConfigInput(dc, { domain: { bindPassword: 'Wrong-Passw0rd!' } }),
        });
        expect(await checkInstance(ctx, bad.id)).toMatchObject({ ok: false, kind: 'auth' });
        const r = await runInstance(services, { instanceId: bad.id, trigger: 'manual' });
        expect(r).toMatchObject({ status: 'failed', error: { code: 'LDAP_AUTH_FAILED', kind: 'auth' } });
      });

      it('full then incremental (uSNChanged on the same DC): create, update, disable → inactive, re-enable → active; agents with role and team', async () => {
        const s = await setup();
        const ada = await s.person('Ada Lovelace', s.ous.sales, { title: 'Analyst' });
        await s.person('Alan Turing', s.ous.eng);
        await s.person('Grace Hopper', s.ous.staff);
        await s.person('Other Person', s.ous.other);
        const first = await s.run();
        expect(first.status, JSON.stringify(first.error)).toBe('succeeded');
        expect(first.counts.users).toMatchObject({ created: 2, failed: 0 });
        expect(first.counts.agents).toMatchObject({ created: 1 });
        expect((await modes(first.runId)).users).toEqual({
          mode: 'full',
          reason: 'no watermark yet: first read',
        });
        const links = await db()
          .selectFrom('external_links')
          .select('external_id')
          .where('instance_id', '=', s.instanceId)
          .execute();
        for (const l of links) expect(l.external_id).toMatch(GUID);
        const cursor = await usersCursor<{
          domains: { example: { usn: string; invocationId: string; dsServiceName: string } };
        }>(db(), s.instanceId);
        expect(cursor.domains.example).toMatchObject({
          usn: expect.stringMatching(/^\d+$/),
          invocationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
          dsServiceName: expect.stringContaining('CN=NTDS Settings,CN=DC1'),
        });
        const agent = await db()
          .selectFrom('agents')
          .selectAll()
          .where('login', '=', `grace.${s.tag}@example.test`)
          .executeTakeFirstOrThrow();
        expect(agent).toMatchObject({ is_api_only: 0, default_team_id: s.psa.teamId });

        await dc.directory.modify(ada, { title: 'Director' });
        const inc = await s.run(['users']);
        expect(inc.counts.users).toMatchObject({ updated: 1, created: 0, inactivated: 0 });
        expect((await modes(inc.runId)).users?.reason).toMatch(
          new RegExp(
            `^changes only \\(example: uSNChanged > ${cursor.domains.example.usn} on the same DC\\), and a search for expired accounts \\(example: since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z\\)$`,
          ),
        );
        expect((await s.user('ada'))?.title).toBe('Director');

        await dc.directory.disable(ada);
        expect((await s.run(['users'])).counts.users).toMatchObject({ updated: 1 });
        expect((await s.user('ada'))?.inactive).toBe(1);
        await dc.directory.enable(ada);
        expect((await s.run(['users'])).counts.users).toMatchObject({ updated: 1 });
        expect((await s.user('ada'))?.inactive).toBe(0);
        const quiet = await s.run(['users']);
        expect(quiet.counts.users).toMatchObject({ created: 0, updated: 0, inactivated: 0 });
      });

      it('accountExpires: a past expiry is inactive; an expiry that passes between runs, changing nothing in the directory, is found by the changes-only read; a later expiry brings the person back', async () => {
        const s = await setup();
        const ada = await s.person('Ada Lovelace', s.ous.sales);
        const alan = await s.person('Alan Turing', s.ous.sales);
        const grace = await s.person('Grace Hopper', s.ous.sales);
        await dc.directory.setExpiry(ada, new Date(Date.now() - 3_600_000));
        const nextYear = new Date(Date.now() + 365 * 86_400_000);
        await dc.directory.setExpiry(grace, nextYear);
        const soon = new Date(Date.now() + 2_500);
        await dc.directory.setExpiry(alan, soon);
        const first = await s.run(['users']);
        expect(first.counts.users).toMatchObject({ created: 3, failed: 0 });
        expect([(await s.user('ada'))?.inactive, (await s.user('alan'))?.inactive]).toEqual([1, 0]);
        expect((await s.user('grace'))?.inactive).toBe(0);

        // Alan's expiry passes. Nothing about him is written: his uSNChanged, and the DC's, stay where they were.
        const usn = await dc.directory.highestCommittedUsn();
        await new Promise((resolve) => setTimeout(resolve, soon.getTime() + 1_100 - Date.now()));
        expect(await dc.directory.highestCommittedUsn()).toBe(usn);
        const expired = await s.run(['users']);
        expect((await modes(expired.runId)).users?.mode).toBe('incremental');
        expect((await modes(expired.runId)).users?.reason).toMatch(
          /, and a search for expired accounts \(example: since /,
        );
        expect(expired.counts.users).toMatchObject({ created: 0, updated: 1, inactivated: 0 });
        expect((await s.user('alan'))?.inactive).toBe(1);
        // That read searched for expiries (none was known since the full read) and found Grace's, a year out:
        // until it falls due, changes-only reads need not scan for expiries again.
        const cursor = await usersCursor<{ domains: { example: { nextExpiryAt: number } } }>(
          db(),
          s.instanceId,
        );
        expect(cursor.domains.example.nextExpiryAt).toBe(nextYear.getTime());

        await dc.directory.setExpiry(alan, 'never');
        const extended = await s.run(['users']);
        expect(extended.counts.users).toMatchObject({ updated: 1 });
        expect((await s.user('alan'))?.inactive).toBe(0);
        const quiet = await s.run(['users']);
        expect(quiet.counts.users).toMatchObject({ created: 0, updated: 0, inactivated: 0 });
        // Grace's expiry is a year out: no search for expired accounts until then.
        expect((await modes(quiet.runId)).users?.reason).toMatch(
          /^changes only \(example: uSNChanged > \d+ on the same DC\)$/,
        );
      });

      it('rename (CN and UPN) and an OU move keep the same user; the move changes the site', async () => {
        const s = await setup();
        const ada = await s.person('Ada Lovelace', s.ous.sales);
        await s.run(['users']);
        const before = await s.user('ada');
        const renamed = await dc.directory.rename(ada, 'Ada King');
        await dc.directory.modify(renamed, {
          userPrincipalName: `ada.king.${s.tag}@example.test`,
          displayName: 'Ada King',
        });
        await dc.directory.move(renamed, s.ous.eng);
        const r = await s.run(['users']);
        expect(r.counts.users).toMatchObject({ created: 0, updated: 1, inactivated: 0 });
        const after = await s.user('ada.king');
        expect(after).toMatchObject({ id: before?.id, site_id: s.psa.engineering, name: 'Ada King' });
      });

      it('deletions come from tombstones (show-deleted control): a leaver without tickets is inactivated, one with a ticket kept; leaving the mapped OUs counts as leaving', async () => {
        const s = await setup();
        const a = await s.person('Ada Lovelace', s.ous.sales);
        const b = await s.person('Alan Turing', s.ous.sales);
        const c = await s.person('Carl Gauss', s.ous.sales);
        await s.person('Dora Diaz', s.ous.sales);
        await s.run(['users']);
        await createTicket(ctx, { summary: 'Printer', user_id: (await s.user('alan'))?.id as number });
        await dc.directory.delete(a);
        await dc.directory.delete(b);
        await dc.directory.move(c, s.ous.other);
        const r = await s.run(['users']);
        expect(r.status).toBe('succeeded');
        expect((await modes(r.runId)).users?.mode).toBe('incremental');
        expect(r.counts.users?.inactivated).toBe(2); // ada (deleted), carl (moved out of scope)
        expect((await s.user('ada'))?.inactive).toBe(1);
        expect((await s.user('alan'))?.inactive).toBe(0);
        expect((await s.user('carl'))?.inactive).toBe(1);
        expect((await s.user('dora'))?.inactive).toBe(0);
      });

      it('a different DC identity (invocationID) forces a full read, and the run says why', async () => {
        const s = await setup();
        await s.person('Ada Lovelace', s.ous.sales);
        await s.run(['users']);
        const c = await usersCursor<{
          domains: { example: { invocationId: string; dsServiceName: string } };
        }>(db(), s.instanceId);
        c.domains.example.invocationId = '00000000-0000-0000-0000-000000000000';
        await db()
          .updateTable('sync_cursors')
          .set({ cursor_json: JSON.stringify(c) })
          .where('instance_id', '=', s.instanceId)
          .where('entity', '=', 'users')
          .execute();
        const r = await s.run(['users']);
        expect((await modes(r.runId)).users).toEqual({
          mode: 'full',
          reason: "domain example: the DC's invocationID changed (restored from backup?)",
        });
        c.domains.example.invocationId = (
          await usersCursor<typeof c>(db(), s.instanceId)
        ).domains.example.invocationId;
        c.domains.example.dsServiceName =
          'CN=NTDS Settings,CN=DC2,CN=Servers,CN=Default-First-Site-Name,CN=Sites,CN=Configuration,DC=example,DC=test';
        await db()
          .updateTable('sync_cursors')
          .set({ cursor_json: JSON.stringify(c) })
          .where('instance_id', '=', s.instanceId)
          .where('entity', '=', 'users')
          .execute();
        const r2 = await s.run(['users']);
        expect((await modes(r2.runId)).users?.reason).toMatch(/a different domain controller answered/);
      });

      it('a group mapped to agents: its members become agents, through nested groups too; a change to a member, kept; leaving a nested group forces a full read, which inactivates the agent (no tickets)', async () => {
        const s = await setup();
        const grace = await s.person('Grace Hopper', s.ous.other);
        const linus = await s.person('Linus Torvalds', s.ous.other);
        const group = `CN=Helpdesk-${s.tag},${s.ous.other}`;
        // Linus is in the mapped group only through Tier 1 (memberOf on his entry names Tier 1, not Helpdesk).
        const tier1 = `CN=Tier1-${s.tag},${s.ous.other}`;
        const admin = await dc.directory.adminClient();
        try {
          await admin.add(tier1, {
            objectClass: ['top', 'group'],
            sAMAccountName: `tier1-${s.tag}`,
            member: [linus],
          });
          await admin.add(group, {
            objectClass: ['top', 'group'],
            sAMAccountName: `helpdesk-${s.tag}`,
            member: [grace, tier1],
          });
        } finally {
          await admin.unbind();
        }
        await addMapping(ctx, s.instanceId, {
          externalId: group,
          containerKind: 'group',
          target: { kind: 'agent', roleId: s.psa.roleId, teamId: s.psa.teamId },
        });
        const r = await s.run(['agents']);
        expect(r.counts.agents, JSON.stringify(r)).toMatchObject({ created: 2, failed: 0 });
        const agents = () =>
          db()
            .selectFrom('agents')
            .select(['login', 'inactive', 'default_team_id', 'jobtitle'])
            .where('login', 'in', [`grace.${s.tag}@example.test`, `linus.${s.tag}@example.test`])
            .orderBy('login')
            .execute();
        expect(await agents()).toMatchObject([
          { login: `grace.${s.tag}@example.test`, inactive: 0, default_team_id: s.psa.teamId },
          { login: `linus.${s.tag}@example.test`, inactive: 0, default_team_id: s.psa.teamId },
        ]);
        // Linus's own change reaches a changes-only read, and he is still the group's (through Tier 1).
        await dc.directory.modify(linus, { title: 'Kernel hacker' });
        const changed = await s.run(['agents']);
        expect((await modes(changed.runId)).agents?.mode).toBe('incremental');
        expect(changed.counts.agents).toMatchObject({ updated: 1, inactivated: 0, failed: 0 });
        expect((await agents())[1]).toMatchObject({ inactive: 0, jobtitle: 'Kernel hacker' });
        // Leaving Tier 1 changes Tier 1 only: neither Linus's entry nor Helpdesk's uSNChanged moves.
        await dc.directory.modify(tier1, { member: [] });
        const next = await s.run(['agents']);
        expect((await modes(next.runId)).agents).toEqual({
          mode: 'full',
          reason: `the members of group ${group.toLowerCase()} changed since the last read`,
        });
        expect(next.counts.agents).toMatchObject({ inactivated: 1 });
        expect((await agents()).map((a) => a.inactive)).toEqual([0, 1]);
      });

      it('two domains on one instance (each its own base DN and encrypted password): the same person is unique per (domain, anchor)', async () => {
        const s = await setup();
        await s.person('Ada Lovelace', s.ous.sales);
        const base = sambaConfigInput(dc).domains as Record<string, unknown>[];
        const two = await createInstance(ctx, {
          connectorId: 'ldap',
          name: `two domains ${s.tag}`,
          config: {
            ...sambaConfigInput(dc),
            domains: [
              { ...base[0], id: 'east', baseDns: [s.ous.sales] },
              { ...base[0], id: 'west', baseDns: [s.ous.eng] },
            ],
          },
        });
        await addMapping(ctx, two.id, {
          externalId: s.ous.sales,
          target: { kind: 'site', siteId: s.psa.sales },
        });
        const row = await db()
          .selectFrom('integration_instances')
          .select(['config_json', 'secrets_json'])
          .where('id', '=', two.id)
          .executeTakeFirstOrThrow();
        expect(row.config_json).not.toContain(dc.adminPassword);
        expect(Object.keys(JSON.parse(row.secrets_json) as object).sort()).toEqual([
          'domains.0.bindPassword',
          'domains.1.bindPassword',
        ]);
        const r = await runInstance(services, { instanceId: two.id, trigger: 'manual', entities: ['users'] });
        expect(r.status, JSON.stringify(r.error)).toBe('succeeded');
        const ids = (
          await db()
            .selectFrom('external_links')
            .select('external_id')
            .where('instance_id', '=', two.id)
            .execute()
        ).map((l) => l.external_id);
        expect(ids).toHaveLength(1);
        expect(ids[0]).toMatch(/^east:[0-9a-f-]{36}$/);
        // Each domain's base (an OU here) is listed once, as that OU, at the top of its tree.
        const { containers } = await discoverInstance(ctx, two.id);
        const discovered = new Set(containers.map((c) => c.externalId.toLowerCase()));
        expect(discovered.size).toBe(containers.length);
        expect(
          containers.filter((c) => c.depth === 0).map((c) => [c.externalId.toLowerCase(), c.kind]),
        ).toEqual([
          [s.ous.eng.toLowerCase(), 'ou'],
          [s.ous.sales.toLowerCase(), 'ou'],
        ]);
      });
    });
  },
  { needsRoot: true },
);
