// Test support for the ticket, action, asset and licence tests: a context with chosen permissions and a
// small set of customers, sites, users, agents and teams written directly (the fixtures, not the subject).
import pino from 'pino';
import type { Actor, Ctx } from '../context.js';
import { PermissionSet, type Permission } from '../permissions.js';
import type { Db } from '../../db/transaction.js';

export function testCtx(db: Db, perms: Permission[] | 'all' = 'all', agentId: number | null = null): Ctx {
  const actor: Actor = {
    agentId,
    kind: 'agent',
    permissions: perms === 'all' ? PermissionSet.all() : new PermissionSet(perms),
  };
  return { db, actor, log: pino({ level: 'silent' }), now: () => new Date() };
}

export interface Fixture {
  customerA: number;
  customerB: number;
  siteA1: number;
  siteA2: number;
  siteB1: number;
  userA1: number;
  userB1: number;
  agent: number;
  apiAgent: number;
  inactiveAgent: number;
  teamSupport: number;
  teamNetwork: number;
}

let counter = 0;

export async function seedFixture(db: Db): Promise<Fixture> {
  const now = new Date().toISOString();
  const n = ++counter;
  const stamps = { created_at: now, updated_at: now };
  const customer = async (name: string) =>
    (
      await db
        .insertInto('customers')
        .values({ name, toplevel_id: null, website: null, notes: null, main_site_id: null, ...stamps })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const site = async (customer_id: number, name: string) =>
    (
      await db
        .insertInto('sites')
        .values({
          customer_id,
          name,
          phone: null,
          timezone: null,
          notes: null,
          address_line1: null,
          address_line2: null,
          address_city: null,
          address_postcode: null,
          address_country: null,
          ...stamps,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const user = async (customer_id: number, site_id: number, name: string) =>
    (
      await db
        .insertInto('end_users')
        .values({
          customer_id,
          site_id,
          name,
          firstname: null,
          surname: null,
          email: `${name.toLowerCase().replace(/\s/g, '.')}@example.test`,
          phone: null,
          mobile: null,
          title: null,
          department: null,
          office: null,
          manager: null,
          employee_id: null,
          login: null,
          notes: null,
          ...stamps,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const agent = async (name: string, extra: { is_api_only?: number; inactive?: number } = {}) =>
    (
      await db
        .insertInto('agents')
        .values({
          name,
          firstname: null,
          surname: null,
          initials: null,
          email: null,
          jobtitle: null,
          phone: null,
          login: null,
          password_hash: null,
          default_team_id: null,
          ...extra,
          ...stamps,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;
  const team = async (name: string) =>
    (
      await db
        .insertInto('teams')
        .values({ name, email: null, ...stamps })
        .returning('id')
        .executeTakeFirstOrThrow()
    ).id;

  const customerA = await customer(`Contoso ${n}`);
  const customerB = await customer(`Fabrikam ${n}`);
  const siteA1 = await site(customerA, 'Head Office');
  const siteA2 = await site(customerA, 'Warehouse');
  const siteB1 = await site(customerB, 'Main');
  return {
    customerA,
    customerB,
    siteA1,
    siteA2,
    siteB1,
    userA1: await user(customerA, siteA1, `Alice Example ${n}`),
    userB1: await user(customerB, siteB1, `Bob Example ${n}`),
    agent: await agent(`Tess Tech ${n}`),
    apiAgent: await agent(`API Agent ${n}`, { is_api_only: 1 }),
    inactiveAgent: await agent(`Gone Agent ${n}`, { inactive: 1 }),
    teamSupport: await team(`Support ${n}`),
    teamNetwork: await team(`Network ${n}`),
  };
}
