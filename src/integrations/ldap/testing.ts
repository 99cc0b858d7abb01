// Test support for the LDAP connector: configs for the real test servers (slapd, Samba AD), a directory
// fixture with OUs for sites and agents, and a PSA side (customer, sites, role, team) to map them to.
import { createUserRole } from '../../core/user-roles/user-roles.js';
import type { SambaAdServer } from '../../../test/servers/samba-ad.js';
import type { SlapdServer } from '../../../test/servers/slapd.js';
import { createCustomer } from '../../core/customers/create-customer.js';
import { createSite } from '../../core/sites/create-site.js';
import { createTeam } from '../../core/teams/save-team.js';
import { createRole } from '../../auth/roles/create-role.js';
import { createLogger } from '../../log.js';
import type { ConnectorContext, ContainerMapping } from '../framework/contract.js';
import type { IntegrationCtx } from '../framework/context.js';
import type { Db } from '../../db/transaction.js';
import { LdapConfigSchema, type LdapConfig } from './manifest.js';

export const BASE = 'dc=example,dc=test';

/** The users' cursor an instance's last complete read stored, as its JSON (typed by the test). */
export async function usersCursor<T>(db: Db, instanceId: number): Promise<T> {
  const row = await db
    .selectFrom('sync_cursors')
    .select('cursor_json')
    .where('instance_id', '=', instanceId)
    .where('entity', '=', 'users')
    .executeTakeFirstOrThrow();
  return JSON.parse(row.cursor_json as string) as T;
}

/** Raw config (as an admin types it) for a slapd test server. */
export function slapdConfigInput(
  s: SlapdServer,
  o: {
    security?: 'ldaps' | 'starttls';
    domain?: Record<string, unknown>;
    extra?: Record<string, unknown>;
  } = {},
): Record<string, unknown> {
  const url = new URL(o.security === 'starttls' ? s.ldapUrl : s.ldapsUrl);
  return {
    domains: [
      {
        id: 'corp',
        hosts: [url.hostname],
        port: Number(url.port),
        security: o.security ?? 'ldaps',
        caCertificate: s.caCertPem,
        bindDn: s.bindDn,
        bindPassword: s.bindPassword,
        baseDns: [s.baseDn],
        ...o.domain,
      },
    ],
    pageSize: 5,
    ...o.extra,
  };
}

export function sambaConfigInput(
  s: SambaAdServer,
  o: { domain?: Record<string, unknown>; extra?: Record<string, unknown> } = {},
): Record<string, unknown> {
  return {
    domains: [
      {
        id: 'example',
        hosts: [new URL(s.ldapsUrl).hostname],
        security: 'ldaps',
        caCertificate: s.caCertPem,
        bindDn: s.adminUpn,
        bindPassword: s.adminPassword,
        baseDns: [s.baseDn],
        ...o.domain,
      },
    ],
    pageSize: 50,
    ...o.extra,
  };
}

export function connectorContext(
  config: Record<string, unknown>,
  mappings: ContainerMapping[] = [],
): ConnectorContext<LdapConfig> {
  const parsed = LdapConfigSchema.parse(config);
  return {
    config: parsed,
    instanceId: 1,
    log: createLogger('silent'),
    signal: new AbortController().signal,
    mappings,
    progress: () => undefined,
    secretValues: parsed.domains.map((d) => d.bindPassword),
  };
}

export interface Person {
  uid: string;
  cn: string;
  ou: string;
  mail?: string;
  title?: string;
}

export const PEOPLE: Person[] = [
  { uid: 'alice', cn: 'Alice Archer', ou: 'Sales', mail: 'alice@example.test', title: 'Manager' },
  { uid: 'bob', cn: 'Bob Baker', ou: 'Sales', mail: 'bob@example.test' },
  { uid: 'carol', cn: 'Carol Cole', ou: 'Engineering', mail: 'carol@example.test', title: 'Engineer' },
  {
    uid: 'dave',
    cn: 'Dave Dunn',
    ou: 'Contractors,ou=Engineering',
    mail: 'dave@example.test',
    title: 'Engineer',
  },
  { uid: 'erin', cn: 'Erin Evans', ou: 'IT Staff', mail: 'erin@example.test', title: 'Technician' },
  { uid: 'frank', cn: 'Frank Fox', ou: 'Unmapped', mail: 'frank@example.test' },
];

export const personLdif = (p: Person): string =>
  `dn: uid=${p.uid},ou=${p.ou},${BASE}\nobjectClass: inetOrgPerson\nuid: ${p.uid}\ncn: ${p.cn}\ngivenName: ${p.cn.split(' ')[0]}\nsn: ${p.cn.split(' ')[1]}\n` +
  (p.mail ? `mail: ${p.mail}\n` : '') +
  (p.title ? `title: ${p.title}\n` : '') +
  '\n';

export function directoryLdif(extraPeople = 0): string {
  const ous = ['Sales', 'Engineering', 'Contractors,ou=Engineering', 'IT Staff', 'Unmapped'];
  let ldif = ous
    .map((o) => `dn: ou=${o},${BASE}\nobjectClass: organizationalUnit\nou: ${o.split(',')[0]}\n\n`)
    .join('');
  ldif += PEOPLE.map(personLdif).join('');
  for (let i = 0; i < extraPeople; i++)
    ldif += personLdif({
      uid: `sales${i}`,
      cn: `Sales Person${i}`,
      ou: 'Sales',
      mail: `sales${i}@example.test`,
    });
  return ldif;
}

export interface PsaSide {
  customerId: number;
  sales: number;
  engineering: number;
  roleId: number;
  teamId: number;
  /** A user role (end users'), for the Sales mapping. */
  userRoleId: number;
}

/**
 * A customer with sites named like the OUs (so Generate Mappings finds them), an agent role, a team and a
 * user role.
 */
export async function psaSide(ctx: IntegrationCtx, tag: string): Promise<PsaSide> {
  const customer = await createCustomer(ctx, { name: `Contoso ${tag}` });
  const sales = await createSite(ctx, { customerId: customer.id, name: `Sales` });
  const engineering = await createSite(ctx, { customerId: customer.id, name: `Engineering` });
  const role = await createRole(ctx, { name: `Technicians ${tag}`, permissions: [] });
  const team = await createTeam(ctx, { name: `Service desk ${tag}` });
  const userRole = await createUserRole(ctx, { name: `Customer user ${tag}` });
  return {
    customerId: customer.id,
    sales: sales.id,
    engineering: engineering.id,
    roleId: role.id,
    teamId: team.id,
    userRoleId: userRole.id,
  };
}

/** LDAP injection strings in the style of SecLists Fuzzing/LDAP.Fuzzing.txt (typed here, not copied). */
export const INJECTIONS = [
  '*',
  '*)(uid=*',
  '*)(|(uid=*))',
  '*))%00',
  ')(cn=*',
  "*()|&'",
  'admin*)((|userPassword=*)',
  '*)(objectClass=*',
  'x)(|(objectClass=*)',
  '\\',
  '\\2a',
  '\u0000',
  'alice)(&',
  '(|(uid=*))',
  '*/*',
  '!(uid=*)',
  '&',
  '|',
  'uid=*)(|(uid=*',
  'ü*)(ö',
  '\u0000*)(uid=*',
];
