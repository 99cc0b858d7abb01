import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  configJsonSchema,
  maskConfig,
  mergeConfigUpdate,
  secret,
  secretPaths,
  secretPathsIn,
  SECRET_MASK,
  splitSecrets,
} from './secret-field.js';

const schema = z.object({
  clientId: z.string(),
  clientSecret: secret(z.string().min(1)),
  nested: z.object({ password: secret(z.string()).optional(), host: z.string() }),
  region: z.string().default('eu01'),
});

describe('secret()', () => {
  it('finds secret paths through wrappers and nesting', () => {
    expect(secretPaths(schema)).toEqual(['clientSecret', 'nested.password']);
  });

  it('splits, masks and merges without losing an omitted secret', () => {
    const cfg = { clientId: 'id', clientSecret: 'top', nested: { password: 'pw', host: 'h' } };
    const { plain, secrets } = splitSecrets(schema, cfg);
    expect(plain).toEqual({ clientId: 'id', nested: { host: 'h' } });
    expect(secrets).toEqual({ clientSecret: 'top', 'nested.password': 'pw' });
    expect(maskConfig(schema, plain, Object.keys(secrets))).toEqual({
      clientId: 'id',
      clientSecret: SECRET_MASK,
      nested: { host: 'h', password: SECRET_MASK },
    });
    const merged = mergeConfigUpdate(schema, cfg, {
      clientId: 'id2',
      clientSecret: SECRET_MASK,
      nested: { host: 'h2' },
    });
    expect(merged).toEqual({ clientId: 'id2', clientSecret: 'top', nested: { host: 'h2', password: 'pw' } });
    expect(mergeConfigUpdate(schema, cfg, { clientSecret: 'new' }).clientSecret).toBe('new');
  });

  it('flags secret fields in the JSON Schema for the console', () => {
    const js = configJsonSchema(schema) as { properties: Record<string, Record<string, unknown>> };
    expect(js.properties.clientSecret).toMatchObject({ type: 'string', secret: true, writeOnly: true });
    expect(js.properties.clientId?.secret).toBeUndefined();
  });

  it('keeps titles, descriptions and defaults, also of fields that transform (the default is a valid input)', () => {
    const url = z
      .string()
      .url()
      .transform((u) => u.replace(/\/+$/, ''));
    const js = configJsonSchema(
      z.object({
        apiUrl: url
          .default('https://api.example.test')
          .meta({ title: 'API URL', description: 'The API host' }),
        // A default that is not a valid input (the transform's output type differs) is left out.
        parts: z
          .string()
          .transform((v) => v.split(','))
          .default(['a', 'b']),
        size: z.number().int().default(50).meta({ title: 'Page size' }),
      }),
    ) as { properties: Record<string, Record<string, unknown>>; required?: string[] };
    expect(js.properties.apiUrl).toMatchObject({
      title: 'API URL',
      description: 'The API host',
      default: 'https://api.example.test',
    });
    expect(js.properties.parts?.default).toBeUndefined();
    expect(js.properties.size).toMatchObject({ title: 'Page size', default: 50 });
    expect(js.required ?? []).not.toContain('apiUrl');
  });
});

describe('secret() inside arrays of objects', () => {
  const multi = z.object({
    domains: z.array(z.object({ id: z.string(), bindPassword: secret(z.string().min(1)) })).min(1),
    pageSize: z.number().default(500),
  });
  const cfg = {
    domains: [
      { id: 'corp', bindPassword: 'pw-corp' },
      { id: 'child', bindPassword: 'pw-child' },
    ],
  };

  it('lists the pattern and expands it per element', () => {
    expect(secretPaths(multi)).toEqual(['domains.*.bindPassword']);
    expect(secretPathsIn(multi, cfg)).toEqual(['domains.0.bindPassword', 'domains.1.bindPassword']);
  });

  it('splits, masks and merges per element', () => {
    const { plain, secrets } = splitSecrets(multi, cfg);
    expect(plain).toEqual({ domains: [{ id: 'corp' }, { id: 'child' }] });
    expect(secrets).toEqual({ 'domains.0.bindPassword': 'pw-corp', 'domains.1.bindPassword': 'pw-child' });
    expect(maskConfig(multi, plain, Object.keys(secrets))).toEqual({
      domains: [
        { id: 'corp', bindPassword: SECRET_MASK },
        { id: 'child', bindPassword: SECRET_MASK },
      ],
    });
    const merged = mergeConfigUpdate(multi, cfg, {
      domains: [
        { id: 'corp', bindPassword: SECRET_MASK },
        { id: 'child2', bindPassword: 'new' },
      ],
    });
    expect(merged).toEqual({
      domains: [
        { id: 'corp', bindPassword: 'pw-corp' },
        { id: 'child2', bindPassword: 'new' },
      ],
    });
    // An element without a password keeps its own stored one; a new element has none to keep.
    const grown = mergeConfigUpdate(multi, cfg, {
      domains: [{ id: 'corp' }, { id: 'child' }, { id: 'third' }],
    });
    expect(grown.domains).toEqual([
      { id: 'corp', bindPassword: 'pw-corp' },
      { id: 'child', bindPassword: 'pw-child' },
      { id: 'third' },
    ]);
  });

  it('keeps a secret with the element of the same id, not the one at the same index', () => {
    // The console sends the list back after the first domain was removed: "child" now sits at index 0.
    const removed = mergeConfigUpdate(multi, cfg, { domains: [{ id: 'child', bindPassword: SECRET_MASK }] });
    expect(removed.domains).toEqual([{ id: 'child', bindPassword: 'pw-child' }]);
    // Reordered, and a new domain where "corp" used to be: it gets no password, never "corp"'s.
    const swapped = mergeConfigUpdate(multi, cfg, {
      domains: [{ id: 'fresh' }, { id: 'corp', bindPassword: SECRET_MASK }],
    });
    expect(swapped.domains).toEqual([{ id: 'fresh' }, { id: 'corp', bindPassword: 'pw-corp' }]);
    expect(multi.safeParse(swapped).success).toBe(false);
  });

  it('matches elements without ids by index, as before', () => {
    const plainList = z.object({ tokens: z.array(z.object({ value: secret(z.string()) })) });
    const merged = mergeConfigUpdate(
      plainList,
      { tokens: [{ value: 'a' }, { value: 'b' }] },
      { tokens: [{}, { value: SECRET_MASK }, {}] },
    );
    expect(merged.tokens).toEqual([{ value: 'a' }, { value: 'b' }, {}]);
  });
});
