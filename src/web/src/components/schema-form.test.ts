import { describe, expect, it } from 'vitest';
import type { JsonSchema } from '../api/integrations.js';
import {
  cleanValues,
  configErrors,
  defaultsFor,
  humanize,
  unwrapNullable,
  validateAgainst,
} from './schema-form.js';

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

  it('starts a new form from the schema defaults', () => {
    expect(defaultsFor(schema)).toEqual({
      idUrl: 'https://id.sophos.com',
      allowInsecureHttp: false,
      concurrency: 8,
      tls: {},
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
