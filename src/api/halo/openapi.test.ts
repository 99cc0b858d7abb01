// The generated OpenAPI document describes the customer-side Halo routes: tags, list parameters, array bodies.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../db/testing.js';
import { buildHaloTestApp } from './testing.js';

describe('Halo routes in /docs/json', () => {
  let handle: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    handle = await createTestDatabase('sqlite');
    app = await buildHaloTestApp(handle);
  });
  afterAll(async () => {
    await app.close();
    await handle.drop();
  });

  it('documents every customer-side endpoint', async () => {
    const r = await app.inject({ method: 'GET', url: '/docs/json' });
    expect(r.statusCode).toBe(200);
    const doc = r.json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            tags?: string[];
            parameters?: { name: string }[];
            requestBody?: { content: Record<string, { schema: { type?: string } }> };
          }
        >
      >;
    };
    for (const [path, tag] of [
      ['/api/Client', 'Client'],
      ['/api/Site', 'Site'],
      ['/api/Users', 'Users'],
      ['/api/Agent', 'Agent'],
      ['/api/Team', 'Team'],
      ['/api/TopLevel', 'TopLevel'],
    ] as const) {
      const item = doc.paths[path];
      expect(item, path).toBeDefined();
      expect(item?.get?.tags).toEqual([tag]);
      expect(item?.post?.requestBody?.content['application/json']?.schema.type, path).toBe('array');
      expect(doc.paths[`${path}/{id}`]?.delete, path).toBeDefined();
    }
    const clientParams = doc.paths['/api/Client']?.get?.parameters?.map((p) => p.name) ?? [];
    expect(clientParams).toEqual(
      expect.arrayContaining([
        'pageinate',
        'page_size',
        'page_no',
        'count',
        'search',
        'order',
        'orderdesc',
        'includeinactive',
        'toplevel_id',
      ]),
    );
    expect(doc.paths['/api/Agent/me']?.get).toBeDefined();
  });
});
