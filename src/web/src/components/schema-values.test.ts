import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../api/integrations.js';
import {
  cleanValues,
  configErrors,
  defaultsFor,
  errorAt,
  humanize,
  kindOf,
  removeAt,
  sectionOn,
  sectionToggled,
  setAt,
  unwrapNullable,
  validateAgainst,
  seededSection,
} from './schema-values.js';

// The shape zod's toJSONSchema({ io: 'input' }) gives for a connector config like Sophos's.
const schema: JsonSchema = {
  type: 'object',
  properties: {
    clientId: { type: 'string', minLength: 1 },
    clientSecret: { type: 'string', minLength: 1, secret: true, writeOnly: true },
    idUrl: { type: 'string', format: 'uri', default: 'https://id.sophos.com' },
    allowInsecureHttp: { type: 'boolean', default: false },
    concurrency: { type: 'integer', minimum: 1, maximum: 32, default: 8 },
    tenantName: { anyOf: [{ type: 'string' }, { type: 'null' }] },
    tls: { type: 'object', properties: { caFile: { type: 'string' } }, required: ['caFile'] },
  },
  required: ['clientId', 'clientSecret'],
};

describe('the config form generated from a JSON Schema', () => {
  it('labels fields readably', () => {
    expect(humanize('clientId')).toBe('Client ID');
    expect(humanize('idUrl')).toBe('ID URL');
    expect(humanize('allowInsecureHttp')).toBe('Allow insecure HTTP');
    expect(humanize('base_dn')).toBe('Base DN');
  });

  it('starts a new form from the schema defaults, with optional sections off', () => {
    expect(defaultsFor(schema)).toEqual({
      idUrl: 'https://id.sophos.com',
      allowInsecureHttp: false,
      concurrency: 8,
    });
  });

  it('reports required, bounds and URL problems by field path', () => {
    const errors = validateAgainst(schema, { idUrl: 'not a url', concurrency: 99, tls: {} });
    expect(errors).toEqual({
      clientId: 'is required',
      clientSecret: 'is required',
      idUrl: 'must be a full URL, e.g. https://example.com',
      concurrency: 'must be at most 32',
      'tls.caFile': 'is required',
    });
  });

  it('does not require a secret that is already stored', () => {
    const errors = validateAgainst(
      schema,
      { clientId: 'x', tls: { caFile: '/ca.pem' } },
      { clientSecret: { set: true } },
    );
    expect(errors).toEqual({});
  });

  it('leaves blank secrets out so the stored value is kept', () => {
    expect(
      cleanValues(schema, { clientId: 'x', clientSecret: '', concurrency: Number.NaN, tls: { caFile: '' } }),
    ).toEqual({ clientId: 'x', tls: {} });
  });

  it('unwraps nullable fields and maps server field paths onto form paths', () => {
    expect(unwrapNullable({ anyOf: [{ type: 'string' }, { type: 'null' }], title: 'Name' })).toEqual({
      type: 'string',
      title: 'Name',
      nullable: true,
    });
    expect(
      configErrors([
        { field: 'body.config.idUrl', message: 'must use https' },
        { field: 'config.tls.caFile', message: 'missing' },
        { field: 'name', message: 'taken' },
      ]),
    ).toEqual({
      idUrl: 'must use https',
      'tls.caFile': 'missing',
    });
  });
});

// The shape of the LDAP connector's config schema (src/integrations/ldap/manifest.ts), trimmed.
const ldap: JsonSchema = {
  type: 'object',
  properties: {
    domains: {
      type: 'array',
      minItems: 1,
      title: 'Domains',
      items: {
        type: 'object',
        properties: {
          id: { type: 'string' },
          hosts: { type: 'array', minItems: 1, items: { type: 'string' } },
          security: { type: 'string', enum: ['ldaps', 'starttls', 'plain'], default: 'ldaps' },
          bindDn: { type: 'string', minLength: 1 },
          bindPassword: { type: 'string', secret: true, writeOnly: true },
          baseDns: { type: 'array', minItems: 1, items: { type: 'string' } },
        },
        required: ['id', 'hosts', 'bindDn', 'bindPassword', 'baseDns'],
      },
    },
    pageSize: { type: 'integer', minimum: 1, maximum: 1000, default: 500 },
    userAttributes: {
      type: 'object',
      default: {},
      propertyNames: { type: 'string', enum: ['name', 'email', 'phone'] },
      additionalProperties: { type: 'string' },
    },
    matchExisting: {
      default: { attribute: 'mail', field: 'email' },
      anyOf: [
        {
          type: 'object',
          properties: {
            attribute: { type: 'string' },
            field: { type: 'string', enum: ['email', 'login'] },
          },
          required: ['attribute', 'field'],
        },
        { type: 'null' },
      ],
    },
    onboarding: {
      type: 'object',
      properties: {
        ticketTypeId: { type: 'integer', exclusiveMinimum: 0, choices: 'tickettype' },
        priorityId: { type: 'integer', exclusiveMinimum: 0 },
        summary: { type: 'string', minLength: 1, default: 'New starter: {name}' },
      },
    },
  },
  required: ['domains'],
};

describe('the config form for a connector with lists, maps and optional sections (LDAP)', () => {
  it('tells each node its control', () => {
    const p = ldap.properties as Record<string, JsonSchema>;
    expect(kindOf(p.domains as JsonSchema)).toBe('list');
    expect(kindOf(p.userAttributes as JsonSchema)).toBe('map');
    expect(kindOf(unwrapNullable(p.matchExisting as JsonSchema))).toBe('section');
    const onboarding = p.onboarding?.properties as Record<string, JsonSchema>;
    expect(kindOf(onboarding.ticketTypeId as JsonSchema)).toBe('choice');
    expect(kindOf(onboarding.priorityId as JsonSchema)).toBe('number');
    expect(kindOf((p.domains?.items?.properties as Record<string, JsonSchema>).hosts as JsonSchema)).toBe(
      'lines',
    );
  });

  it('starts a new connection with one empty domain, no onboarding and the default matching', () => {
    const values = defaultsFor(ldap);
    expect(values).toEqual({ domains: [{ security: 'ldaps' }], pageSize: 500, userAttributes: {} });
    const p = ldap.properties as Record<string, JsonSchema>;
    expect(sectionOn(unwrapNullable(p.matchExisting as JsonSchema), values.matchExisting)).toBe(true);
    expect(sectionOn(p.onboarding as JsonSchema, values.onboarding)).toBe(false);
  });

  it('checks each domain by its index, and a stored password counts as given', () => {
    const values = {
      domains: [
        { id: 'corp', hosts: ['dc1.corp.example'], bindDn: 'svc@corp.example', baseDns: ['DC=corp'] },
        { id: 'child', hosts: [], bindDn: '', baseDns: ['DC=child'] },
      ],
    };
    expect(validateAgainst(ldap, values, { 'domains.0.bindPassword': { set: true } })).toEqual({
      'domains.1.hosts': 'is required',
      'domains.1.bindDn': 'is required',
      'domains.1.bindPassword': 'is required',
    });
    expect(validateAgainst(ldap, { domains: [] })).toEqual({ domains: 'needs at least one entry' });
  });

  it('sends an optional section only when it is on, and null to turn off one that is on by default', () => {
    const p = ldap.properties as Record<string, JsonSchema>;
    const match = unwrapNullable(p.matchExisting as JsonSchema);
    const onboarding = p.onboarding as JsonSchema;
    const base = { domains: [{ id: 'corp' }] };
    // Untouched: neither is sent (the server's default matching applies, no onboarding tickets).
    expect(cleanValues(ldap, base)).toEqual({ domains: [{ id: 'corp' }] });
    // Switched off: matching is sent as null; switched on: onboarding is sent and its fields are checked.
    expect(sectionToggled(match, false)).toBeNull();
    expect(sectionToggled(onboarding, true)).toEqual({});
    expect(sectionToggled(onboarding, false)).toBeUndefined();
    const edited = { ...base, matchExisting: null, onboarding: { priorityId: 0 } };
    expect(cleanValues(ldap, edited)).toEqual({
      ...base,
      matchExisting: null,
      onboarding: { priorityId: 0 },
    });
    expect(validateAgainst(ldap, edited)['onboarding.priorityId']).toBe('must be more than 0');
    // Untouched, the default section's required fields are not demanded (the form could not be saved).
    expect(Object.keys(validateAgainst(ldap, base)).filter((k) => k.startsWith('matchExisting'))).toEqual([]);
    // A section on by its default shows it as values: editing one field sends the whole section.
    const shown = seededSection(match, base, ['matchExisting']);
    expect(shown.matchExisting).toEqual({ attribute: 'mail', field: 'email' });
    expect(cleanValues(ldap, setAt(shown, ['matchExisting', 'attribute'], 'userPrincipalName'))).toEqual({
      ...base,
      matchExisting: { attribute: 'userPrincipalName', field: 'email' },
    });
  });

  it('keeps only the filled boxes of a field map', () => {
    const values = { domains: [{ id: 'corp' }], userAttributes: { email: 'userPrincipalName', phone: '' } };
    expect(cleanValues(ldap, values).userAttributes).toEqual({ email: 'userPrincipalName' });
  });

  it('edits and removes list elements without turning the list into an object', () => {
    const values = { domains: [{ id: 'a', hosts: ['h1'] }, { id: 'b' }] };
    const edited = setAt(values, ['domains', '1', 'hosts'], ['h2', 'h3']);
    expect(edited).toEqual({
      domains: [
        { id: 'a', hosts: ['h1'] },
        { id: 'b', hosts: ['h2', 'h3'] },
      ],
    });
    expect(Array.isArray(edited.domains)).toBe(true);
    expect(setAt(edited, ['domains', '0', 'hosts'], undefined)).toEqual({
      domains: [{ id: 'a' }, { id: 'b', hosts: ['h2', 'h3'] }],
    });
    expect(removeAt(edited, ['domains'], 0)).toEqual({ domains: [{ id: 'b', hosts: ['h2', 'h3'] }] });
  });

  it('shows a server error about one line of a list on the list', () => {
    const errors = configErrors([{ field: 'config.domains.0.hosts.1', message: 'is not a host name' }]);
    expect(errorAt(errors, 'domains.0.hosts', true)).toBe('line 2: is not a host name');
    expect(errorAt(errors, 'domains.0.hosts')).toBeUndefined();
  });
});
