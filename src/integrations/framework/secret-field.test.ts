import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { configJsonSchema, maskConfig, mergeConfigUpdate, secret, secretPaths, SECRET_MASK, splitSecrets } from './secret-field.js';

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
    expect(maskConfig(schema, plain, Object.keys(secrets))).toEqual({ clientId: 'id', clientSecret: SECRET_MASK, nested: { host: 'h', password: SECRET_MASK } });
    const merged = mergeConfigUpdate(schema, cfg, { clientId: 'id2', clientSecret: SECRET_MASK, nested: { host: 'h2' } });
    expect(merged).toEqual({ clientId: 'id2', clientSecret: 'top', nested: { host: 'h2', password: 'pw' } });
    expect(mergeConfigUpdate(schema, cfg, { clientSecret: 'new' }).clientSecret).toBe('new');
  });

  it('flags secret fields in the JSON Schema for the console', () => {
    const js = configJsonSchema(schema) as { properties: Record<string, Record<string, unknown>> };
    expect(js.properties.clientSecret).toMatchObject({ type: 'string', secret: true, writeOnly: true });
    expect(js.properties.clientId?.secret).toBeUndefined();
  });
});
