// The LDAP connector end to end against a REAL OpenLDAP slapd on loopback (size limit 3 for unpaged
// searches, as real servers truncate), through the framework's runner, on SQLite and PostgreSQL.
// Each test starts its own slapd (~0.1 s), so directory changes never leak between tests.
import { afterEach, beforeAll, expect, it } from 'vitest';
import { describeWithBinaries } from '../../../test/servers/require-binaries.js';
import {
  FAKETIME_BINARY,
  SLAPD_BINARIES,
  startSlapd,
  type SlapdOptions,
  type SlapdServer,
} from '../../../test/servers/slapd.js';
import { createTicket } from '../../core/tickets/create-ticket.js';
import { describeEachDialect } from '../../db/testing.js';
import type { Services } from '../../services.js';
import {
  addMapping,
  editMapping,
  checkInstance,
  createInstance,
  discoverInstance,
  generateMappings,
  getRun,
  listMappings,
  runInstance,
  updateInstance,
  type IntegrationCtx,
} from '../framework/index.js';
import type { CreateInstanceInput } from '../framework/instances/input.js';
import { adminCtx, testServices } from '../framework/testing.js';
import {
  BASE,
  connectorContext,
  directoryLdif,
  INJECTIONS,
  psaSide,
  slapdConfigInput,
  usersCursor,
  type PsaSide,
} from './testing.js';
import { openDomain } from './client.js';
import { createLogger } from '../../log.js';
import { createUserRole } from '../../core/user-roles/user-roles.js';
import { eq } from './filter.js';
import { generalizedTimeOf } from './incremental/cursor.js';

type Entity = 'users' | 'agents';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));

describeWithBinaries('LDAP connector against real slapd', SLAPD_BINARIES, () => {
  it('injection strings as values match zero or exactly one literal entry, and slapd logs them escaped', async () => {
    const slapd = await startSlapd({
      sizeLimit: 3,
      logLevel: 'stats',
      ldif: `${directoryLdif()}dn: uid=weird,ou=Sales,${BASE}\nobjectClass: inetOrgPerson\nuid: weird\ncn: Weird\nsn: W\nmail: *)(uid=*\n\n`,
    });
    try {
      const ctx = connectorContext(slapdConfigInput(slapd));
      const s = await openDomain(ctx.config, ctx.config.domains[0]!, { log: ctx.log });
      try {
        for (const value of INJECTIONS) {
          const hits = await s.search({
            base: BASE,
            scope: 'sub',
            filter: eq('mail', value),
            attributes: ['uid'],
          });
          expect(hits.length, value).toBe(value === '*)(uid=*' ? 1 : 0);
        }
      } finally {
        await s.close();
      }
      const log = await slapd.readLog();
      expect(log).toContain('filter="(mail=\\2A\\29\\28uid=\\2A)"');
      expect(log).not.toMatch(/filter="\(mail=\*\)/);
    } finally {
      await slapd.stop();
    }
  });

  it('an empty password is refused before the network (slapd would accept it as an anonymous bind)', async () => {
    const slapd = await startSlapd({ allowBindAnonDn: true, logLevel: 'stats' });
    try {
      const ctx = connectorContext(slapdConfigInput(slapd));
      await expect(
        openDomain(ctx.config, { ...ctx.config.domains[0]!, bindPassword: '   ' }, { log: ctx.log }),
      ).rejects.toMatchObject({ code: 'LDAP_EMPTY_PASSWORD', kind: 'config' });
      expect(await slapd.readLog()).not.toMatch(/BIND dn=/);
    } finally {
      await slapd.stop();
    }
  });

  it('StartTLS that fails is fatal (no bind in clear text); plain LDAP needs allowInsecurePlainLdap and warns at every start', async () => {
    const slapd = await startSlapd({ tls: false, logLevel: 'stats' });
    try {
      const url = new URL(slapd.ldapUrl);
      const domain = {
        id: 'corp',
        hosts: [url.hostname],
        port: Number(url.port),
        bindDn: slapd.bindDn,
        bindPassword: slapd.bindPassword,
        baseDns: [slapd.baseDn],
      };
      const tlsCtx = connectorContext({ domains: [{ ...domain, security: 'starttls' }] });
      await expect(
        openDomain(tlsCtx.config, tlsCtx.config.domains[0]!, { log: tlsCtx.log }),
      ).rejects.toMatchObject({ kind: expect.stringMatching(/config|vendor|transient/) });
      const log = await slapd.readLog();
      expect(log).toMatch(/EXT oid=1\.3\.6\.1\.4\.1\.1466\.20037/);
      expect(log).not.toMatch(/BIND dn=/);
      const lines: string[] = [];
      const plainCtx = {
        ...connectorContext({ domains: [{ ...domain, security: 'plain' }], allowInsecurePlainLdap: true }),
        log: createLogger('warn', { write: (l: string) => void lines.push(l) }),
      };
      for (let i = 0; i < 2; i++)
        await (await openDomain(plainCtx.config, plainCtx.config.domains[0]!, { log: plainCtx.log })).close();
      expect(lines.filter((l) => l.includes('plain LDAP'))).toHaveLength(2);
      expect(lines.join('')).not.toContain(slapd.bindPassword);
    } finally {
      await slapd.stop();
    }
  });

  describeEachDialect('LDAP sync through the runner (slapd)', (get) => {
    let services: Services;
    let ctx: IntegrationCtx;
    let seq = 0;
    const servers: SlapdServer[] = [];
    beforeAll(() => {
      services = testServices(get());
      ctx = adminCtx(services);
    });
    afterEach(async () => {
      for (const s of servers.splice(0)) await s.stop();
    });
    const db = () => services.db;
    /** The instance's one domain as the test server's, with `patch` on top. */
    const setDomain = (s: Setup, patch: Record<string, unknown>) =>
      updateInstance(ctx, s.instanceId, {
        config: {
          domains: [{ ...(slapdConfigInput(s.slapd).domains as Record<string, unknown>[])[0], ...patch }],
        },
      });

    /** The OpenLDAP high-water mark the users' cursor holds for the "corp" domain. */
    const usersMark = async (
      instanceId: number,
    ): Promise<{ modifyTimestamp: string; nextExpiryAt?: number | null }> =>
      (
        await usersCursor<{ domains: { corp: { modifyTimestamp: string; nextExpiryAt?: number | null } } }>(
          db(),
          instanceId,
        )
      ).domains.corp;
    const usersWatermark = async (instanceId: number): Promise<string> =>
      (await usersMark(instanceId)).modifyTimestamp;

    interface Setup {
      slapd: SlapdServer;
      instanceId: number;
      psa: PsaSide;
      run(entities?: Entity[]): ReturnType<typeof runInstance>;
      user(uid: string): Promise<
        | {
            id: number;
            site_id: number;
            inactive: number;
            name: string;
            login: string | null;
            email: string | null;
          }
        | undefined
      >;
    }

    async function setup(
      o: {
        slapd?: SlapdOptions;
        config?: Parameters<typeof slapdConfigInput>[1];
        settings?: Partial<CreateInstanceInput>;
        mappings?: boolean;
        extraPeople?: number;
      } = {},
    ): Promise<Setup> {
      const tag = `t${++seq}`;
      const slapd = await startSlapd({ sizeLimit: 3, ldif: directoryLdif(o.extraPeople ?? 0), ...o.slapd });
      servers.push(slapd);
      const psa = await psaSide(ctx, tag);
      const inst = await createInstance(ctx, {
        connectorId: 'ldap',
        name: `slapd ${tag}`,
        config: slapdConfigInput(slapd, o.config),
        ...o.settings,
      });
      if (o.mappings !== false) {
        await addMapping(ctx, inst.id, {
          externalId: `ou=Sales,${BASE}`,
          containerKind: 'ou',
          target: { kind: 'site', siteId: psa.sales, userRoleId: psa.userRoleId },
        });
        await addMapping(ctx, inst.id, {
          externalId: `ou=Engineering,${BASE}`,
          containerKind: 'ou',
          recursive: true,
          target: { kind: 'site', siteId: psa.engineering },
        });
        await addMapping(ctx, inst.id, {
          externalId: `ou=IT Staff,${BASE}`,
          containerKind: 'ou',
          target: { kind: 'agent', roleId: psa.roleId, teamId: psa.teamId },
        });
      }
      const run = (entities: Entity[] = ['users', 'agents']) =>
        runInstance(services, { instanceId: inst.id, trigger: 'manual', entities });
      const user = async (uid: string) =>
        db()
          .selectFrom('end_users')
          .innerJoin('external_links', 'external_links.record_id', 'end_users.id')
          .select([
            'end_users.id',
            'end_users.site_id',
            'end_users.inactive',
            'end_users.name',
            'end_users.login',
            'end_users.email',
            'end_users.user_role_id',
          ])
          .where('external_links.instance_id', '=', inst.id)
          .where('external_links.record_type', '=', 'user')
          .where('end_users.login', '=', uid)
          .executeTakeFirst();
      return { slapd, instanceId: inst.id, psa, run, user };
    }

    it('check: passes over LDAPS and StartTLS; a wrong password is an auth failure; an untrusted CA a TLS failure', async () => {
      const s = await setup({ mappings: false });
      const ok = await checkInstance(ctx, s.instanceId);
      expect(ok.ok, JSON.stringify(ok)).toBe(true);
      if (ok.ok) expect(ok.message).toMatch(/OpenLDAP at 127\.0\.0\.1 \(anchor entryUUID/);
      const tls = await createInstance(ctx, {
        connectorId: 'ldap',
        name: `starttls ${seq}`,
        config: slapdConfigInput(s.slapd, { security: 'starttls' }),
      });
      expect((await checkInstance(ctx, tls.id)).ok).toBe(true);
      const bad = await createInstance(ctx, {
        connectorId: 'ldap',
        name: `bad pw ${seq}`,
        config: slapdConfigInput(s.slapd, { domain: { bindPassword: 'wrong-password' } }),
      });
      expect(await checkInstance(ctx, bad.id)).toMatchObject({ ok: false, kind: 'auth' });
      const noCa = await createInstance(ctx, {
        connectorId: 'ldap',
        name: `no ca ${seq}`,
        config: slapdConfigInput(s.slapd, { domain: { caCertificate: undefined } }),
      });
      expect(await checkInstance(ctx, noCa.id)).toMatchObject({ ok: false, kind: 'tls' });
    });

    it('discover: the OU tree with people counts (paged reads, despite the size limit of 3); generate maps OUs named like sites', async () => {
      const s = await setup({ mappings: false, extraPeople: 7 });
      const { containers } = await discoverInstance(ctx, s.instanceId);
      const byDn = new Map(containers.map((c) => [c.externalId.toLowerCase(), c]));
      expect(byDn.get(`ou=sales,${BASE}`)).toMatchObject({ name: 'Sales', kind: 'ou', recordCount: 9 });
      expect(byDn.get(`ou=contractors,ou=engineering,${BASE}`)).toMatchObject({
        recordCount: 1,
        parentId: `ou=Engineering,${BASE}`,
      });
      expect(byDn.get(BASE)).toMatchObject({ kind: 'domain', depth: 0 });
      // In tree order: each OU after its parent, one level deeper.
      expect(byDn.get(`ou=sales,${BASE}`)?.depth).toBe(1);
      expect(byDn.get(`ou=contractors,ou=engineering,${BASE}`)?.depth).toBe(2);
      const at = (dn: string) => containers.findIndex((c) => c.externalId.toLowerCase() === dn);
      expect(at(`ou=contractors,ou=engineering,${BASE}`)).toBe(at(`ou=engineering,${BASE}`) + 1);
      expect(at(BASE)).toBe(0);
      const gen = await generateMappings(ctx, s.instanceId);
      expect(gen.mapped).toBeGreaterThanOrEqual(0);
      const mappings = await listMappings(ctx, s.instanceId);
      const sales = mappings.find((m) => m.externalId.toLowerCase() === `ou=sales,${BASE}`);
      // Several tests create sites named "Sales": the first is mapped, later ones are ambiguous (review list).
      expect(['mapped', 'ambiguous']).toContain(sales?.status);
      if (sales?.status === 'mapped') expect(sales.siteId).toBe(s.psa.sales);
      else expect(sales?.candidates).toContain(s.psa.sales);
    });

    it('a base DN that is itself an OU is discovered once, as that OU, and generation maps it by name', async () => {
      // It used to be listed twice (as the domain and as the OU the subtree search returns), and generating
      // mappings then inserted the same container twice and failed on the unique mapping.
      const s = await setup({ mappings: false, config: { domain: { baseDns: [`ou=Sales,${BASE}`] } } });
      const { containers } = await discoverInstance(ctx, s.instanceId);
      const ids = containers.map((c) => c.externalId.toLowerCase());
      expect(new Set(ids).size).toBe(ids.length);
      expect(containers[0]).toMatchObject({ name: 'Sales', kind: 'ou', depth: 0 });
      expect(containers.some((c) => c.kind === 'domain')).toBe(false);
      await generateMappings(ctx, s.instanceId);
      const sales = (await listMappings(ctx, s.instanceId)).find(
        (m) => m.externalId.toLowerCase() === `ou=sales,${BASE}`,
      );
      expect(['mapped', 'ambiguous']).toContain(sales?.status);
    });

    it.each(['per_mapping', 'per_base'])(
      'overlapping base DNs (a domain and an OU inside it) read each person once (%s)',
      async (readStrategy) => {
        const s = await setup({
          config: { domain: { baseDns: [BASE, `ou=Sales,${BASE}`] }, extra: { readStrategy } },
        });
        const r = await s.run(['users']);
        expect(r.status, JSON.stringify(r.error)).toBe('succeeded');
        expect(r.counts.users).toMatchObject({ failed: 0 });
        const links = await db()
          .selectFrom('external_links')
          .select('external_id')
          .where('instance_id', '=', s.instanceId)
          .where('record_type', '=', 'user')
          .execute();
        expect(new Set(links.map((l) => l.external_id)).size).toBe(links.length);
        expect(r.counts.users?.created).toBe(links.length);
        const again = await s.run(['users']);
        expect(again.counts.users).toMatchObject({ created: 0, updated: 0, failed: 0, inactivated: 0 });
        // Discovery reaches the OUs under both bases: each is offered, and proposed, once.
        const { containers } = await discoverInstance(ctx, s.instanceId);
        const ids = containers.map((c) => c.externalId.toLowerCase());
        expect(new Set(ids).size).toBe(ids.length);
        await generateMappings(ctx, s.instanceId);
      },
    );

    it('full sync: users land in their mapped sites, agents get role and team (not API-only); a rerun changes nothing', async () => {
      const s = await setup({ extraPeople: 12 });
      const first = await s.run();
      expect(first.status, JSON.stringify(first.error)).toBe('succeeded');
      expect(first.counts.users).toMatchObject({ created: 16, failed: 0 });
      expect(first.counts.agents).toMatchObject({ created: 1, failed: 0 });
      expect(await s.user('alice')).toMatchObject({ site_id: s.psa.sales, user_role_id: s.psa.userRoleId });
      // recursive: Contractors under Engineering, whose mapping names no user role
      expect(await s.user('dave')).toMatchObject({ site_id: s.psa.engineering, user_role_id: null });
      expect(await s.user('frank')).toBeUndefined(); // unmapped OU
      expect(await s.user('erin')).toBeUndefined(); // an agent, not an end user
      const agent = await db()
        .selectFrom('agents')
        .selectAll()
        .where('login', '=', 'erin')
        .executeTakeFirstOrThrow();
      expect(agent).toMatchObject({
        is_api_only: 0,
        inactive: 0,
        default_team_id: s.psa.teamId,
        email: 'erin@example.test',
      });
      expect(
        await db().selectFrom('agent_roles').select('role_id').where('agent_id', '=', agent.id).execute(),
      ).toEqual([{ role_id: s.psa.roleId }]);
      const detail = await getRun(ctx, first.runId);
      expect(detail.modes.users).toEqual({ mode: 'full', reason: 'no watermark yet: first read' });
      const second = await s.run();
      expect(second.counts.users).toMatchObject({ created: 0, updated: 0, inactivated: 0, unchanged: 16 });
      expect(second.counts.agents).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
      expect((await getRun(ctx, second.runId)).modes.users?.mode).toBe('incremental');

      // The Sales mapping gives another user role: nobody in Sales changed in the directory, so only a full
      // read reaches them; the next run is one, and says why.
      const approver = await createUserRole(ctx, { name: `Approver ${s.instanceId}` });
      const sales = (await listMappings(ctx, s.instanceId)).find((m) => m.externalName === 'Sales');
      if (!sales) throw new Error('no Sales mapping');
      await editMapping(ctx, sales.id, {
        target: { kind: 'site', siteId: s.psa.sales, userRoleId: approver.id },
      });
      const third = await s.run(['users']);
      expect((await getRun(ctx, third.runId)).modes.users).toEqual({
        mode: 'full',
        reason:
          'the mappings or the directory scope (base DNs, filters, attributes) changed since the last full read',
      });
      expect(await s.user('alice')).toMatchObject({ site_id: s.psa.sales, user_role_id: approver.id });
      expect(await s.user('dave')).toMatchObject({ user_role_id: null });
    });

    it('renames (DN and login change) and OU moves update the same user; the move changes the site', async () => {
      const s = await setup({ settings: { fieldMappings: null } });
      await s.run();
      const alice = await s.user('alice');
      const bob = await s.user('bob');
      await s.slapd.modrdn(`uid=alice,ou=Sales,${BASE}`, 'uid=alice.archer', { deleteOldRdn: true });
      await s.slapd.move(`uid=bob,ou=Sales,${BASE}`, `ou=Contractors,ou=Engineering,${BASE}`);
      const next = await s.run(['users']);
      expect(next.counts.users).toMatchObject({ created: 0, updated: 2, inactivated: 0 });
      const renamed = await s.user('alice.archer');
      expect(renamed?.id).toBe(alice?.id);
      const moved = await s.user('bob');
      expect(moved).toMatchObject({ id: bob?.id, site_id: s.psa.engineering });
    });

    it('a password-policy lock (pwdAccountLockedTime) makes the user inactive; unlocking makes them active again', async () => {
      const s = await setup({ slapd: { passwordPolicy: true } });
      await s.run(['users']);
      const lock = (change: string) =>
        s.slapd.modify(`dn: uid=bob,ou=Sales,${BASE}\nchangetype: modify\n${change}\n`);
      await lock('replace: pwdAccountLockedTime\npwdAccountLockedTime: 000001010000Z');
      const locked = await s.run(['users']);
      expect((await getRun(ctx, locked.runId)).modes.users?.mode).toBe('incremental');
      expect(locked.counts.users).toMatchObject({ created: 0, updated: 1, inactivated: 0 });
      expect((await s.user('bob'))?.inactive).toBe(1);
      expect((await s.user('alice'))?.inactive).toBe(0);
      await lock('delete: pwdAccountLockedTime');
      expect((await s.run(['users'])).counts.users).toMatchObject({ updated: 1 });
      expect((await s.user('bob'))?.inactive).toBe(0);
    });

    it('a password-policy end time (pwdEndTime): past → inactive; one that passes between runs, changing nothing, is found by the changes-only read', async () => {
      // No overlap window, so the changes-only read re-reads only what changed at or after the watermark.
      const s = await setup({ slapd: { passwordPolicy: true }, config: { extra: { overlapSeconds: 0 } } });
      const endAt = (dn: string, ms: number | null) =>
        s.slapd.modify(
          `dn: ${dn},ou=Sales,${BASE}\nchangetype: modify\n` +
            (ms === null
              ? 'delete: pwdEndTime\n'
              : `replace: pwdEndTime\npwdEndTime: ${generalizedTimeOf(ms)}\n`),
        );
      const soon = Date.now() + 3_500;
      await endAt('uid=bob', soon);
      // A later change moves the watermark past Bob's: from here on only his end time can bring him back.
      await sleep(1_100);
      await endAt('uid=alice', Date.now() - 3_600_000);
      const first = await s.run(['users']);
      expect(first.counts.users).toMatchObject({ created: 4, failed: 0 });
      expect([(await s.user('alice'))?.inactive, (await s.user('bob'))?.inactive]).toEqual([1, 0]);

      const watermark = await usersWatermark(s.instanceId);
      await sleep(soon + 1_100 - Date.now());
      const ended = await s.run(['users']);
      expect((await getRun(ctx, ended.runId)).modes.users?.mode).toBe('incremental');
      expect(await usersWatermark(s.instanceId)).toBe(watermark); // nothing was written in the directory
      expect(ended.counts.users).toMatchObject({ created: 0, updated: 1, inactivated: 0 });
      expect((await s.user('bob'))?.inactive).toBe(1);

      await endAt('uid=bob', null);
      expect((await s.run(['users'])).counts.users).toMatchObject({ updated: 1 });
      expect((await s.user('bob'))?.inactive).toBe(0);
    });

    it('a watermark from before expiry was tracked: the next changes-only read searches every account with an expiry, once', async () => {
      const s = await setup({ slapd: { passwordPolicy: true }, config: { extra: { overlapSeconds: 0 } } });
      const soon = Date.now() + 2_500;
      await s.slapd.modify(
        `dn: uid=bob,ou=Sales,${BASE}\nchangetype: modify\nreplace: pwdEndTime\npwdEndTime: ${generalizedTimeOf(soon)}\n`,
      );
      await sleep(1_100);
      await s.slapd.modify(
        `dn: uid=alice,ou=Sales,${BASE}\nchangetype: modify\nreplace: title\ntitle: Lead\n`,
      );
      expect((await s.run(['users'])).counts.users).toMatchObject({ created: 4, failed: 0 });
      expect((await s.user('bob'))?.inactive).toBe(0);
      await sleep(soon + 1_100 - Date.now());
      // The cursor as a build without expiry tracking wrote it: no clock of the last check, no next moment.
      const cursor = await usersCursor<{ domains: Record<string, Record<string, unknown>> }>(
        db(),
        s.instanceId,
      );
      for (const d of Object.values(cursor.domains)) {
        delete d.expiryCheckedAt;
        delete d.nextExpiryAt;
      }
      await db()
        .updateTable('sync_cursors')
        .set({ cursor_json: JSON.stringify(cursor) })
        .where('instance_id', '=', s.instanceId)
        .where('entity', '=', 'users')
        .execute();

      const upgraded = await s.run(['users']);
      const reason = (await getRun(ctx, upgraded.runId)).modes.users?.reason;
      expect(reason).toContain('a search for expired accounts (corp: every account with one, a first time)');
      expect(upgraded.counts.users).toMatchObject({ created: 0, updated: 1, inactivated: 0 });
      expect((await s.user('bob'))?.inactive).toBe(1);
      expect(await usersMark(s.instanceId)).toMatchObject({ nextExpiryAt: null });
      const quiet = await s.run(['users']);
      expect((await getRun(ctx, quiet.runId)).modes.users?.reason).not.toContain('expired');
    });

    it('a password-policy start time (pwdStartTime): ahead → inactive; one that arrives between runs, changing nothing, is found by the changes-only read', async () => {
      // slapd refuses the bind before pwdStartTime (checked with ldapwhoami against this overlay), so the person
      // is not a working account yet: inactive until the moment, active from it, with nothing written meanwhile.
      const s = await setup({ slapd: { passwordPolicy: true }, config: { extra: { overlapSeconds: 0 } } });
      const startAt = (dn: string, ms: number) =>
        s.slapd.modify(
          `dn: ${dn},ou=Sales,${BASE}\nchangetype: modify\nreplace: pwdStartTime\npwdStartTime: ${generalizedTimeOf(ms)}\n`,
        );
      const soon = Date.now() + 3_500;
      await startAt('uid=bob', soon);
      // A later change moves the watermark past Bob's: from here on only his start time can bring him in.
      await sleep(1_100);
      const later = Math.floor(Date.now() / 1000) * 1000 + 3_600_000;
      await startAt('uid=alice', later);
      const first = await s.run(['users']);
      expect(first.counts.users).toMatchObject({ created: 4, failed: 0 });
      expect([(await s.user('alice'))?.inactive, (await s.user('bob'))?.inactive]).toEqual([1, 1]);

      const watermark = await usersWatermark(s.instanceId);
      await sleep(soon + 1_100 - Date.now());
      const started = await s.run(['users']);
      const run = await getRun(ctx, started.runId);
      expect(run.modes.users?.mode).toBe('incremental');
      expect(run.modes.users?.reason).toContain('a search for expired accounts');
      expect(await usersWatermark(s.instanceId)).toBe(watermark); // nothing was written in the directory
      expect(started.counts.users).toMatchObject({ created: 0, updated: 1, inactivated: 0 });
      expect([(await s.user('alice'))?.inactive, (await s.user('bob'))?.inactive]).toEqual([1, 0]);
      // The next moment due is Alice's start, an hour out: until then no read searches again.
      expect((await usersMark(s.instanceId)).nextExpiryAt).toBe(later);
      const quiet = await s.run(['users']);
      expect((await getRun(ctx, quiet.runId)).modes.users?.reason).not.toContain('expired');
    });

    it('leavers: missing from a complete read → inactivated only without tickets (default policy); "always" inactivates both', async () => {
      const s = await setup();
      await s.run();
      const dave = await s.user('dave');
      await createTicket(ctx, { summary: 'Laptop broken', user_id: dave?.id as number });
      await s.slapd.delete(`uid=carol,ou=Engineering,${BASE}`);
      await s.slapd.delete(`uid=dave,ou=Contractors,ou=Engineering,${BASE}`);
      // Force the scheduled full reconcile (OpenLDAP reports no deletions incrementally).
      await db()
        .updateTable('sync_cursors')
        .set({ cursor_json: null })
        .where('instance_id', '=', s.instanceId)
        .execute();
      const next = await s.run(['users']);
      expect(next.status).toBe('succeeded');
      expect(next.counts.users?.inactivated).toBe(1);
      expect((await s.user('carol'))?.inactive).toBe(1);
      expect((await s.user('dave'))?.inactive).toBe(0); // kept: has a ticket
      await updateInstance(ctx, s.instanceId, { userLeaverPolicy: 'always' });
      await db()
        .updateTable('sync_cursors')
        .set({ cursor_json: null })
        .where('instance_id', '=', s.instanceId)
        .execute();
      expect((await s.run(['users'])).counts.users?.inactivated).toBe(1);
      expect((await s.user('dave'))?.inactive).toBe(1);
    });

    it('leaving agents follow the same policy: an agent with tickets assigned stays active, one without is inactivated', async () => {
      // Agent logins are unique: earlier tests in this database already imported uid "erin", so log in by mail here.
      const s = await setup({ config: { extra: { agentAttributes: { login: 'mail' } } } });
      await s.slapd.add(
        `dn: uid=ivan,ou=IT Staff,${BASE}\nobjectClass: inetOrgPerson\nuid: ivan\ncn: Ivan Ito\nsn: Ito\nmail: ivan@example.test\n`,
      );
      // Judy stays, so the read is not empty (an empty read would trip the guard instead).
      await s.slapd.add(
        `dn: uid=judy,ou=IT Staff,${BASE}\nobjectClass: inetOrgPerson\nuid: judy\ncn: Judy Jones\nsn: Jones\nmail: judy@example.test\n`,
      );
      const firstAgents = await s.run(['agents']);
      expect(firstAgents.counts.agents, JSON.stringify(firstAgents)).toMatchObject({ created: 3 });
      const erin = await db()
        .selectFrom('agents')
        .select('id')
        .where('login', '=', 'erin@example.test')
        .executeTakeFirstOrThrow();
      const alice = await s.run(['users']).then(() => s.user('alice'));
      await createTicket(ctx, {
        summary: 'Assigned to Erin',
        user_id: alice?.id as number,
        agent_id: erin.id,
      });
      await s.slapd.delete(`uid=erin,ou=IT Staff,${BASE}`);
      await s.slapd.delete(`uid=ivan,ou=IT Staff,${BASE}`);
      await db()
        .updateTable('sync_cursors')
        .set({ cursor_json: null })
        .where('instance_id', '=', s.instanceId)
        .execute();
      expect((await s.run(['agents'])).counts.agents).toMatchObject({ inactivated: 1 });
      const rows = await db()
        .selectFrom('agents')
        .select(['login', 'inactive'])
        .where('login', 'in', ['erin@example.test', 'ivan@example.test'])
        .orderBy('login')
        .execute();
      expect(rows).toEqual([
        { login: 'erin@example.test', inactive: 0 },
        { login: 'ivan@example.test', inactive: 1 },
      ]);
    });

    it('a groupOfNames mapped to agents (no memberOf overlay): its listed members, through a nested group too, become agents, stay through their own changes, and leaving the nested group forces a full read', async () => {
      // The group is the only mapping (other tests in this database import the IT Staff agents).
      const s = await setup({ mappings: false, config: { extra: { agentAttributes: { login: 'mail' } } } });
      const member = (uid: string) => `uid=${uid},ou=Unmapped,${BASE}`;
      const group = `cn=Helpdesk,ou=Groups,${BASE}`;
      const tier1 = `cn=Tier1,ou=Groups,${BASE}`;
      for (const [uid, sn] of [
        ['gina', 'Gray'],
        ['hank', 'Hill'],
      ] as const)
        await s.slapd.add(
          `dn: ${member(uid)}\nobjectClass: inetOrgPerson\nuid: ${uid}\ncn: ${uid} ${sn}\nsn: ${sn}\nmail: ${uid}@example.test\n`,
        );
      // Ivy's DN holds what a filter must escape (members are read by entryDN): a comma, parentheses, a star.
      const ivy = `cn=Ivy\\, Jr (Ops)*,ou=Unmapped,${BASE}`;
      await s.slapd.add(
        `dn: ${ivy}\nobjectClass: inetOrgPerson\ncn: Ivy, Jr (Ops)*\nsn: Ivy\nmail: ivy@example.test\n`,
      );
      // "gone" was deleted without the refint overlay: the group still lists it. Hank is in it through Tier 1.
      await s.slapd.add(
        `dn: ou=Groups,${BASE}\nobjectClass: organizationalUnit\nou: Groups\n\n` +
          `dn: ${tier1}\nobjectClass: groupOfUniqueNames\ncn: Tier1\nuniqueMember: ${member('hank')}\n\n` +
          `dn: ${group}\nobjectClass: groupOfNames\ncn: Helpdesk\nmember: ${member('gina')}\nmember: ${tier1}\nmember: ${member('gone')}\nmember: ${ivy}\n`,
      );
      await addMapping(ctx, s.instanceId, {
        externalId: group,
        containerKind: 'group',
        target: { kind: 'agent', roleId: s.psa.roleId, teamId: s.psa.teamId },
      });
      const agents = () =>
        db()
          .selectFrom('agents')
          .select(['login', 'inactive', 'default_team_id'])
          .where('login', 'in', ['gina@example.test', 'hank@example.test', 'ivy@example.test'])
          .orderBy('login')
          .execute();
      const first = await s.run(['agents']);
      expect(first.counts.agents, JSON.stringify(first)).toMatchObject({ created: 3, failed: 0 });
      expect(await agents()).toEqual([
        { login: 'gina@example.test', inactive: 0, default_team_id: s.psa.teamId },
        { login: 'hank@example.test', inactive: 0, default_team_id: s.psa.teamId },
        { login: 'ivy@example.test', inactive: 0, default_team_id: s.psa.teamId },
      ]);

      // A member's own change reaches a changes-only read, and the entry (no memberOf here) is still the group's.
      await s.slapd.modify(`dn: ${member('gina')}\nchangetype: modify\nreplace: title\ntitle: Lead\n`);
      const second = await s.run(['agents']);
      expect((await getRun(ctx, second.runId)).modes.agents?.mode).toBe('incremental');
      expect(second.counts.agents).toMatchObject({ updated: 1, inactivated: 0, failed: 0 });

      // Leaving Tier 1 changes Tier 1 only, neither Hank's entry nor Helpdesk: the next read is still full, and
      // Hank (no tickets) is inactivated. (groupOfUniqueNames must keep a member: Gina stands in.)
      await s.slapd.modify(
        `dn: ${tier1}\nchangetype: modify\nreplace: uniqueMember\nuniqueMember: ${member('gina')}\n`,
      );
      const third = await s.run(['agents']);
      expect((await getRun(ctx, third.runId)).modes.agents).toEqual({
        mode: 'full',
        reason: `the members of group ${group.toLowerCase()} changed since the last read`,
      });
      expect(third.counts.agents).toMatchObject({ inactivated: 1, failed: 0 });
      expect((await agents()).map((a) => [a.login, a.inactive])).toEqual([
        ['gina@example.test', 0],
        ['hank@example.test', 1],
        ['ivy@example.test', 0],
      ]);
      // Nothing changed since: changes only again.
      const fourth = await s.run(['agents']);
      expect((await getRun(ctx, fourth.runId)).modes.agents?.mode).toBe('incremental');
      expect(fourth.counts.agents).toMatchObject({ created: 0, inactivated: 0, failed: 0 });
    });

    it('the deletion guard trips when most users vanish: the run waits for approval and nobody is inactivated', async () => {
      const s = await setup({ extraPeople: 12, settings: { sweepMaxAbsolute: 5 } });
      await s.run();
      for (let i = 0; i < 10; i++) await s.slapd.delete(`uid=sales${i},ou=Sales,${BASE}`);
      await db()
        .updateTable('sync_cursors')
        .set({ cursor_json: null })
        .where('instance_id', '=', s.instanceId)
        .execute();
      const r = await s.run(['users']);
      expect(r.status).toBe('needs_approval');
      expect(r.counts.users?.inactivated).toBe(0);
      const inactive = await db()
        .selectFrom('end_users')
        .select('id')
        .where('customer_id', '=', s.psa.customerId)
        .where('inactive', '=', 1)
        .execute();
      expect(inactive).toEqual([]);
    });

    it('a truncated read (paged results capped by the size limit) fails the run and inactivates nobody; so does refused paging', async () => {
      for (const pagedResults of ['capped', false] as const) {
        const s = await setup({ extraPeople: 12, slapd: { sizeLimit: 8, pagedResults } });
        const r = await s.run(['users']);
        expect(r.status).toBe('failed');
        expect(r.error).toMatchObject({ code: 'LDAP_INCOMPLETE_READ', kind: 'config' });
        const inactive = await db()
          .selectFrom('end_users')
          .select('id')
          .where('customer_id', '=', s.psa.customerId)
          .where('inactive', '=', 1)
          .execute();
        expect(inactive).toEqual([]);
      }
    });

    it('a base DN that does not exist fails the run; an existing base DN matching nothing trips the guard', async () => {
      const s = await setup();
      await s.run();
      await setDomain(s, { baseDns: [`ou=Nowhere,${BASE}`] });
      const missing = await s.run(['users']);
      expect(missing).toMatchObject({
        status: 'failed',
        error: { code: 'LDAP_NO_SUCH_OBJECT', kind: 'config' },
      });
      await setDomain(s, { baseDns: [`ou=Unmapped,${BASE}`] });
      const empty = await s.run(['users']);
      expect(empty.status).toBe('needs_approval');
      expect((await s.user('alice'))?.inactive).toBe(0);
    });

    it('a wrong password fails the run as an auth error and inactivates nobody', async () => {
      const s = await setup();
      await s.run();
      await setDomain(s, { bindPassword: 'not-the-password' });
      const r = await s.run();
      expect(r).toMatchObject({ status: 'failed', error: { code: 'LDAP_AUTH_FAILED', kind: 'auth' } });
      expect(r.error?.message).not.toContain('not-the-password');
      expect((await s.user('alice'))?.inactive).toBe(0);
    });

    it('a referral inside a mapped OU fails the read (incomplete), inactivating nobody', async () => {
      const s = await setup();
      await s.run();
      await s.slapd.add(
        `dn: ou=Branch,ou=Engineering,${BASE}\nobjectClass: referral\nobjectClass: extensibleObject\nou: Branch\nref: ldap://branch.example.test/ou=Branch,${BASE}\n`,
      );
      await db()
        .updateTable('sync_cursors')
        .set({ cursor_json: null })
        .where('instance_id', '=', s.instanceId)
        .execute();
      const r = await s.run(['users']);
      expect(r).toMatchObject({ status: 'failed', error: { code: 'LDAP_REFERRAL' } });
      expect((await s.user('carol'))?.inactive).toBe(0);
    });

    it('mapping filters (parsed, combined structurally) limit who is imported; a malformed one is refused when saved, and one stored before that check fails the run as config', async () => {
      const s = await setup({ mappings: false });
      await addMapping(ctx, s.instanceId, {
        externalId: `ou=Engineering,${BASE}`,
        recursive: true,
        filter: '(title=Engineer)',
        target: { kind: 'site', siteId: s.psa.engineering },
      });
      await addMapping(ctx, s.instanceId, {
        externalId: `ou=Sales,${BASE}`,
        filter: '(mail=alice@*)',
        target: { kind: 'site', siteId: s.psa.sales },
      });
      const r = await s.run(['users']);
      expect(r.counts.users?.created, JSON.stringify(r)).toBe(3); // carol, dave (Engineer), alice
      expect(await s.user('bob')).toBeUndefined();
      await expect(
        addMapping(ctx, s.instanceId, {
          externalId: `ou=Sales,${BASE}`,
          filter: '(mail=alice@*',
          target: { kind: 'site', siteId: s.psa.sales },
        }),
      ).rejects.toMatchObject({ kind: 'input', details: [{ field: 'filter' }] });
      const stored = await db()
        .selectFrom('container_mappings')
        .select('filter')
        .where('instance_id', '=', s.instanceId)
        .where('external_id', '=', `ou=Sales,${BASE}`)
        .executeTakeFirstOrThrow();
      expect(stored.filter).toBe('(mail=alice@*)');
      // A mapping saved before filters were checked on save (or written by hand) still fails the run, never
      // widening it to everyone in the OU.
      await db()
        .updateTable('container_mappings')
        .set({ filter: '(mail=alice@*' })
        .where('instance_id', '=', s.instanceId)
        .where('external_id', '=', `ou=Sales,${BASE}`)
        .execute();
      expect(await s.run(['users'])).toMatchObject({
        status: 'failed',
        error: { code: 'LDAP_BAD_FILTER', kind: 'config' },
      });
    });

    it("incremental: changes come from modifyTimestamp (the directory's clock), the run says so; a new mapping forces a full read", async () => {
      const s = await setup();
      await s.run();
      await s.slapd.modify(
        `dn: uid=alice,ou=Sales,${BASE}\nchangetype: modify\nreplace: title\ntitle: Director\n`,
      );
      const inc = await s.run(['users']);
      expect(inc.counts.users).toMatchObject({ updated: 1, created: 0 });
      const modes = (await getRun(ctx, inc.runId)).modes.users;
      expect(modes?.mode).toBe('incremental');
      expect(modes?.reason).toMatch(/corp: modifyTimestamp >= \d{14}Z minus the overlap/);
      expect(await usersWatermark(s.instanceId)).toMatch(/^\d{14}Z$/);
      await addMapping(ctx, s.instanceId, {
        externalId: `ou=Unmapped,${BASE}`,
        target: { kind: 'site', siteId: s.psa.sales },
      });
      const full = await s.run(['users']);
      expect((await getRun(ctx, full.runId)).modes.users).toEqual({
        mode: 'full',
        reason:
          'the mappings or the directory scope (base DNs, filters, attributes) changed since the last full read',
      });
      expect(full.counts.users?.created).toBe(1); // frank
    });

    describeWithBinaries("with the directory's clock an hour behind ours", [FAKETIME_BINARY], () => {
      it('an incremental read misses no change: its watermark is the newest modifyTimestamp the directory wrote', async () => {
        // A watermark taken from our clock would be an hour ahead of every timestamp this directory writes,
        // and the change below (made after the first read) would fall before it, beyond the overlap window.
        const s = await setup({ slapd: { clockOffsetSeconds: -3600 } });
        expect((await s.run(['users'])).counts.users?.created).toBeGreaterThan(0);
        const mark = await usersWatermark(s.instanceId);
        const markAt = Date.parse(
          mark.replace(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/, '$1-$2-$3T$4:$5:$6Z'),
        );
        // The directory's time, not ours: about an hour behind.
        expect(Date.now() - markAt).toBeGreaterThan(50 * 60_000);
        await s.slapd.modify(
          `dn: uid=alice,ou=Sales,${BASE}\nchangetype: modify\nreplace: title\ntitle: Director\n`,
        );
        const inc = await s.run(['users']);
        expect((await getRun(ctx, inc.runId)).modes.users?.mode).toBe('incremental');
        expect(inc.counts.users).toMatchObject({ updated: 1, created: 0, inactivated: 0 });
        const alice = await db()
          .selectFrom('end_users')
          .innerJoin('external_links', 'external_links.record_id', 'end_users.id')
          .select('end_users.title')
          .where('external_links.instance_id', '=', s.instanceId)
          .where('external_links.record_type', '=', 'user')
          .where('end_users.login', '=', 'alice')
          .executeTakeFirstOrThrow();
        expect(alice.title).toBe('Director');
      });
    });

    it('a user made by hand with the same e-mail is adopted, not duplicated; onboarding opens a ticket for new users only', async () => {
      const s = await setup({
        mappings: false,
        config: { extra: { onboarding: { summary: 'New starter: {name} ({email}) in {ou}' } } },
      });
      await addMapping(ctx, s.instanceId, {
        externalId: `ou=Sales,${BASE}`,
        target: { kind: 'site', siteId: s.psa.sales },
      });
      const hand = await db()
        .insertInto('end_users')
        .values({
          customer_id: s.psa.customerId,
          site_id: s.psa.sales,
          name: 'A. Archer (by hand)',
          email: 'ALICE@example.test',
          created_at: new Date().toISOString(),
          updated_at: new Date().toISOString(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      const r = await s.run(['users']);
      expect(r.counts.users, JSON.stringify(r)).toMatchObject({ created: 1, updated: 1 });
      expect((await s.user('alice'))?.id).toBe(hand.id);
      const bob = await s.user('bob');
      const tickets = await db()
        .selectFrom('tickets')
        .select(['summary', 'user_id'])
        .where('customer_id', '=', s.psa.customerId)
        .execute();
      expect(tickets).toEqual([
        { summary: 'New starter: Bob Baker (bob@example.test) in Sales', user_id: bob?.id },
      ]);
      await s.run(['users']);
      expect(
        await db().selectFrom('tickets').select('id').where('customer_id', '=', s.psa.customerId).execute(),
      ).toHaveLength(1);
    });

    it('two hand-made users with the same e-mail are not guessed between: that person fails (recorded), the rest sync', async () => {
      const s = await setup({ mappings: false });
      await addMapping(ctx, s.instanceId, {
        externalId: `ou=Sales,${BASE}`,
        target: { kind: 'site', siteId: s.psa.sales },
      });
      const now = new Date().toISOString();
      for (const name of ['Bob one', 'Bob two'])
        await db()
          .insertInto('end_users')
          .values({
            customer_id: s.psa.customerId,
            site_id: s.psa.sales,
            name,
            email: 'bob@example.test',
            created_at: now,
            updated_at: now,
          })
          .execute();
      const r = await s.run(['users']);
      expect(r.status).toBe('partial');
      expect(r.counts.users).toMatchObject({ created: 1, failed: 1 });
      const errors = await db()
        .selectFrom('run_record_errors')
        .select(['code', 'message'])
        .where('run_id', '=', r.runId)
        .execute();
      expect(errors).toEqual([
        { code: 'AMBIGUOUS_MATCH', message: expect.stringContaining('bob@example.test') },
      ]);
    });
  });
});
