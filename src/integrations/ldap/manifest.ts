// The LDAP / Active Directory connector's one configuration schema. Each domain (a forest root, a child
// domain, an OpenLDAP tree) has its own hosts, TLS, service account and base DNs; its bind password is
// marked secret. LDAPS is the default, StartTLS the alternative, plain LDAP only behind
// `allowInsecurePlainLdap` (warned at every start).
import { z } from 'zod';
import type { ConnectorManifest } from '../framework/contract.js';
import { secret } from '../framework/secret-field.js';
import { parseAdminFilter } from './filter.js';

/** AD's default MaxPageSize; larger pages are cut by the server, so we never ask for more. */
export const MAX_PAGE_SIZE = 1000;

export const USER_FIELD_NAMES = [
  'name',
  'firstname',
  'surname',
  'email',
  'phone',
  'mobile',
  'title',
  'department',
  'office',
  'manager',
  'employee_id',
  'login',
  'notes',
] as const;
export const AGENT_FIELD_NAMES = [
  'name',
  'firstname',
  'surname',
  'initials',
  'email',
  'jobtitle',
  'phone',
  'login',
] as const;

const attributeName = z
  .string()
  .trim()
  .regex(/^(?:[A-Za-z][A-Za-z0-9-]{0,127}|\d+(?:\.\d+)+)$/, 'must be an LDAP attribute name');
const adminFilter = (field: string) =>
  z
    .string()
    .trim()
    .min(1)
    .superRefine((f, ctx) => {
      try {
        parseAdminFilter(f, field);
      } catch (e) {
        ctx.addIssue({ code: 'custom', message: e instanceof Error ? e.message : 'invalid filter' });
      }
    });

const host = z
  .string()
  .trim()
  .min(1)
  .max(253)
  .regex(/^[A-Za-z0-9.:[\]-]+$/, 'must be a host name or IP address');

export const DomainSchema = z.object({
  /** Stable key of the domain: part of every user's external id, so never rename it once synced. */
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/, 'letters, digits, dot, dash or underscore')
    .meta({
      title: 'Domain key',
      description:
        'A short, stable name for this domain (part of every synced id): never rename it once synced.',
    }),
  /** Domain controllers / servers, tried in order (failover). */
  hosts: z.array(host).min(1).meta({
    title: 'Servers',
    description: 'Domain controllers or LDAP servers, tried in order (failover).',
  }),
  /** Default: 636 for LDAPS, 389 for StartTLS and plain. */
  port: z
    .number()
    .int()
    .min(1)
    .max(65535)
    .optional()
    .meta({ title: 'Port', description: 'Leave empty for 636 (LDAPS) or 389 (StartTLS, plain).' }),
  security: z.enum(['ldaps', 'starttls', 'plain']).default('ldaps').meta({
    title: 'Connection security',
    description: 'LDAPS or StartTLS; plain LDAP only with “Allow insecure plain LDAP”.',
  }),
  /** PEM CA certificate(s) to trust for this domain (besides the system store). */
  caCertificate: z.string().trim().min(1).optional().meta({
    title: 'CA certificate (PEM)',
    description: 'Certificate(s) to trust for this domain besides the system store.',
  }),
  /** Name the server certificate must carry when the host is an IP address or alias. */
  tlsServerName: z.string().trim().min(1).optional().meta({
    title: 'TLS server name',
    description: 'The name the server certificate carries, when the server is reached by IP or alias.',
  }),
  /** A bind DN or, for Active Directory, a UPN (svc-sync@example.com). */
  bindDn: z.string().trim().min(1).meta({
    title: 'Bind DN or UPN',
    description:
      'The service account, e.g. CN=svc-sync,OU=Service,DC=example,DC=com or svc-sync@example.com.',
  }),
  /** Never empty: an empty password is an unauthenticated bind that AD accepts (RFC 4513 §5.1.2). */
  bindPassword: secret(
    z
      .string()
      .refine((p) => p.trim().length > 0, 'must not be empty (an empty password is an anonymous bind)')
      .meta({
        title: 'Bind password',
        description: 'The service account password (never empty: that would be an anonymous bind).',
      }),
  ),
  baseDns: z.array(z.string().trim().min(3)).min(1).meta({
    title: 'Base DNs',
    description: 'Where to look for people and groups, e.g. OU=Staff,DC=example,DC=com.',
  }),
  vendor: z
    .enum(['auto', 'ad', 'openldap', 'other'])
    .default('auto')
    .meta({ title: 'Directory type', description: 'Auto-detected by default.' }),
  /** The immutable id attribute; default objectGUID (AD) or entryUUID (OpenLDAP); required for "other". */
  anchorAttribute: attributeName.optional().meta({
    title: 'Immutable id attribute',
    description: 'Default objectGUID (AD) or entryUUID (OpenLDAP); required for “other”.',
  }),
});
export type DomainConfig = z.output<typeof DomainSchema>;

/** What an onboarding ticket's summary and details may name (mappers.ts fills them in). */
const PLACEHOLDERS = [...USER_FIELD_NAMES, 'domain', 'ou'].map((f) => `{${f}}`).join(', ');

const fieldMap = <T extends readonly string[]>(names: T) =>
  z.partialRecord(z.enum(names as unknown as [T[number], ...T[number][]]), attributeName);

export const LdapConfigSchema = z
  .object({
    domains: z
      .array(DomainSchema)
      .min(1)
      .meta({ title: 'Domains', description: 'One entry per domain or directory.' }),
    /** Permit `security: "plain"` (credentials and data in clear text). Warned about at every start. */
    allowInsecurePlainLdap: z.boolean().default(false).meta({
      title: 'Allow insecure plain LDAP',
      description: 'Permits unencrypted LDAP (password and data in clear text). Warned about at every start.',
    }),
    pageSize: z
      .number()
      .int()
      .min(1)
      .max(MAX_PAGE_SIZE)
      .default(500)
      .meta({ title: 'Entries per page', description: 'LDAP paged-results size.' }),
    connectTimeoutMs: z.number().int().min(100).max(120_000).default(10_000).meta({
      title: 'Connect timeout (ms)',
      description: 'How long to wait for a server before trying the next.',
    }),
    /** Per operation (one page, one bind). */
    timeoutMs: z
      .number()
      .int()
      .min(100)
      .max(600_000)
      .default(60_000)
      .meta({ title: 'Operation timeout (ms)', description: 'Per operation (one page, one bind).' }),
    /**
     * How a full read asks for the people of mapped OUs: one search per mapping, or one subtree search per base
     * DN filtered by mapping on our side. A server pays for every search over its whole candidate list
     * (OpenLDAP intersects its index of all people with the OU's scope), so 200 OU searches cost it about three
     * times one base search; a base search also reads the people of unmapped OUs, which are dropped.
     * auto: per base DN when at least 10 OU mappings without filters of their own share it.
     */
    readStrategy: z.enum(['auto', 'per_mapping', 'per_base']).default('auto').meta({
      title: 'Full read strategy',
      description:
        'auto: one search per base DN when 10 or more OUs under it are mapped, else one per mapping.',
    }),
    /** Who counts as a person; default per vendor (AD: user objects that are people, else inetOrgPerson). */
    userFilter: adminFilter('userFilter').optional().meta({
      title: 'User filter',
      description: 'An LDAP filter for who counts as a person; empty for the directory type’s default.',
    }),
    /** Field → attribute overrides of the vendor defaults, for end users and for agents. */
    userAttributes: fieldMap(USER_FIELD_NAMES).default({}).meta({
      title: 'End-user attributes',
      description: 'Field → attribute overrides of the defaults, for end users.',
    }),
    agentAttributes: fieldMap(AGENT_FIELD_NAMES).default({}).meta({
      title: 'Agent attributes',
      description: 'Field → attribute overrides of the defaults, for agents.',
    }),
    /** Adopt a hand-made record whose field equals this attribute instead of creating a duplicate (null = never). */
    matchExisting: z
      .object({ attribute: attributeName, field: z.enum(['email', 'login']) })
      .nullable()
      .default({ attribute: 'mail', field: 'email' })
      .meta({
        title: 'Match existing records',
        description:
          'Adopt a hand-made user whose e-mail or login equals this attribute instead of creating a duplicate.',
      }),
    /** Read only changes (AD uSNChanged, OpenLDAP modifyTimestamp) between full reconciles. */
    incremental: z
      .boolean()
      .default(true)
      .meta({ title: 'Incremental reads', description: 'Read only changes between full reads.' }),
    /** A full read (the only kind that finds leavers without tombstones) at least this often. */
    fullReconcileHours: z
      .number()
      .int()
      .min(1)
      .max(24 * 31)
      .default(24)
      .meta({
        title: 'Full read every (hours)',
        description: 'Only a full read finds leavers that left no tombstone.',
      }),
    /** OpenLDAP: re-read this many seconds below the modifyTimestamp high-water mark. */
    overlapSeconds: z.number().int().min(0).max(86_400).default(300).meta({
      title: 'Overlap (seconds)',
      description: 'OpenLDAP: re-read this far below the last change seen.',
    }),
    /** A ticket for each newly imported end user. Placeholders: {name} {firstname} {surname} {email} {login} {department} {title} {site} {domain}. */
    onboarding: z
      .object({
        // `choices` makes the console offer the list by name (src/api/admin/choices.ts).
        ticketTypeId: z
          .number()
          .int()
          .positive()
          .optional()
          .meta({ title: 'Ticket type', choices: 'tickettype' }),
        summary: z
          .string()
          .trim()
          .min(1)
          .max(200)
          .default('New starter: {name}')
          .meta({ title: 'Summary', description: `Placeholders: ${PLACEHOLDERS}.` }),
        details: z
          .string()
          .max(10_000)
          .optional()
          .meta({ title: 'Details', description: 'The same placeholders as the summary.' }),
        teamId: z.number().int().positive().optional().meta({ title: 'Team', choices: 'team' }),
        priorityId: z.number().int().positive().optional().meta({ title: 'Priority', choices: 'priority' }),
      })
      .optional()
      .meta({ title: 'Onboarding tickets', description: 'A ticket for each newly imported end user.' }),
  })
  .superRefine((c, ctx) => {
    const ids = new Set<string>();
    c.domains.forEach((d, i) => {
      if (ids.has(d.id.toLowerCase()))
        ctx.addIssue({ code: 'custom', path: ['domains', i, 'id'], message: 'must be unique' });
      ids.add(d.id.toLowerCase());
      if (d.security === 'plain' && !c.allowInsecurePlainLdap) {
        ctx.addIssue({
          code: 'custom',
          path: ['domains', i, 'security'],
          message:
            'plain LDAP sends the password in clear text: use ldaps or starttls (or set allowInsecurePlainLdap)',
        });
      }
      if (d.vendor === 'other' && !d.anchorAttribute)
        ctx.addIssue({
          code: 'custom',
          path: ['domains', i, 'anchorAttribute'],
          message: 'is required for vendor "other"',
        });
    });
  });

export type LdapConfig = z.output<typeof LdapConfigSchema>;

export const ldapManifest: ConnectorManifest<LdapConfig> = {
  id: 'ldap',
  displayName: 'Active Directory / LDAP',
  description:
    'Imports end users and agents from Active Directory (incl. child domains) or OpenLDAP: OUs map to customer sites or to agents; AD stays the master.',
  version: '1.0.0',
  configSchema: LdapConfigSchema,
  entities: ['users', 'agents'],
  defaultSchedule: '*/30 * * * *',
  containerLabel: 'OU',
};
