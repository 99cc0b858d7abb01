import { describe, expect, it } from 'vitest';
import { configJsonSchema, secretPaths, splitSecrets } from '../framework/secret-field.js';
import { SophosConfigSchema, sophosManifest } from './manifest.js';

describe('Sophos manifest', () => {
  it('defaults to the Sophos hosts and marks only the client secret as secret', () => {
    const c = SophosConfigSchema.parse({ clientId: 'id', clientSecret: 's3cret' });
    expect(c).toMatchObject({
      idUrl: 'https://id.sophos.com',
      apiUrl: 'https://api.central.sophos.com',
      allowInsecureHttp: false,
      concurrency: 8,
      pageSize: 100,
    });
    expect(secretPaths(SophosConfigSchema)).toEqual(['clientSecret']);
    expect(splitSecrets(SophosConfigSchema, { clientId: 'id', clientSecret: 's3cret' }).secrets).toEqual({
      clientSecret: 's3cret',
    });
    const js = configJsonSchema(SophosConfigSchema) as {
      properties: Record<string, Record<string, unknown>>;
    };
    expect(js.properties.clientSecret).toMatchObject({
      secret: true,
      writeOnly: true,
      title: 'Client secret',
    });
    // Real labels, hints and the defaults the console pre-fills.
    expect(js.properties.idUrl).toMatchObject({ title: 'Sophos ID URL', default: 'https://id.sophos.com' });
    expect(js.properties.apiUrl).toMatchObject({ default: 'https://api.central.sophos.com' });
    for (const [k, p] of Object.entries(js.properties)) {
      expect(p.title, k).toEqual(expect.any(String));
      expect(p.description, k).toEqual(expect.any(String));
    }
  });

  it('refuses plain http unless allowInsecureHttp is set, and trims trailing slashes', () => {
    const r = SophosConfigSchema.safeParse({
      clientId: 'id',
      clientSecret: 's',
      idUrl: 'http://127.0.0.1:1/',
      apiUrl: 'http://127.0.0.1:2',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual(['apiUrl', 'idUrl']);
    const ok = SophosConfigSchema.parse({
      clientId: 'id',
      clientSecret: 's',
      idUrl: 'http://127.0.0.1:1/',
      allowInsecureHttp: true,
    });
    expect(ok.idUrl).toBe('http://127.0.0.1:1');
  });

  it('rejects a page size above what Sophos serves and a missing secret', () => {
    expect(SophosConfigSchema.safeParse({ clientId: 'id', clientSecret: 's', pageSize: 500 }).success).toBe(
      false,
    );
    expect(SophosConfigSchema.safeParse({ clientId: 'id', clientSecret: '' }).success).toBe(false);
    expect(
      SophosConfigSchema.safeParse({ clientId: 'id', clientSecret: 's', idUrl: 'ftp://x' }).success,
    ).toBe(false);
  });

  it('syncs customers before licences', () => {
    expect(sophosManifest.entities).toEqual(['customers', 'licences']);
  });
});
