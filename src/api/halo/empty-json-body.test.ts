// Regression: HaloAPI's PowerShell module and n8n declare `Content-Type: application/json` on bodiless
// requests; an empty body there is no body (Remove-HaloTicket used to get 400 "The body is empty").
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { describeEachDialect } from '../../db/testing.js';
import { seedFixture, type Fixture } from '../../core/tickets/testing.js';
import { buildHaloTestApp } from './testing.js';

const JSON_UTF8 = { 'content-type': 'application/json; charset=utf-8' };

describeEachDialect('Halo /api: JSON content type with an empty body', (get) => {
  let app: FastifyInstance;
  let f: Fixture;
  beforeAll(async () => {
    app = await buildHaloTestApp(get());
    f = await seedFixture(get().db);
  });
  afterAll(async () => {
    await app.close();
  });

  it('GET and DELETE with an empty JSON body work; POST with an empty or malformed body is still a 400', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/Tickets',
      headers: JSON_UTF8,
      payload: JSON.stringify([{ summary: 'empty body check', client_id: f.customerA }]),
    });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id: number }).id;

    const read = await app.inject({
      method: 'GET',
      url: `/api/tickets/${id}`,
      headers: JSON_UTF8,
      payload: '',
    });
    expect(read.statusCode).toBe(200);
    const list = await app.inject({
      method: 'GET',
      url: '/api/lookup?lookupid=11',
      headers: JSON_UTF8,
      payload: '',
    });
    expect(list.statusCode).toBe(200);

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/tickets/${id}`,
      headers: JSON_UTF8,
      payload: '',
    });
    expect(removed.statusCode, removed.body).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/tickets/${id}` })).statusCode).toBe(404);

    const emptyPost = await app.inject({
      method: 'POST',
      url: '/api/Tickets',
      headers: JSON_UTF8,
      payload: '',
    });
    expect(emptyPost.statusCode).toBe(400);
    expect(emptyPost.json()).toMatchObject({ ClassName: 'InvalidJsonException' });
    const badDelete = await app.inject({
      method: 'DELETE',
      url: `/api/tickets/${id}`,
      headers: JSON_UTF8,
      payload: '{',
    });
    expect(badDelete.statusCode).toBe(400);
    expect(badDelete.json()).toMatchObject({ code: 'INVALID_JSON' });
  });
});
