import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import Fastify, { type FastifyInstance } from 'fastify';
import { AppError, type FieldIssue } from '../../core/errors.js';
import { errorHandlerPlugin, modelStateKeys } from './errors.js';
import { describeEachDialect } from '../../db/testing.js';
import { buildHaloTestApp } from '../halo/testing.js';

describe('modelStateKeys (n8n reads ASP.NET model-state keys off a 400)', () => {
  const issue = (field: string, message = `${field} is wrong`): FieldIssue => ({ field, message });

  it('keeps body paths, drops the framework prefix and what is not a body path', () => {
    expect(
      modelStateKeys([
        issue('id'),
        issue('[0].summary'),
        issue('[12].assets[0].id'),
        issue('site.client_id'),
        issue('body[1].summary', 'from the schema'),
        issue('body.note', 'from the schema too'),
        issue('bodyweight'),
        issue('body'),
        issue('querystring.order'),
        issue('params.id'),
        issue('headers.authorization'),
        issue('content-type'),
        issue('a field'),
        issue(''),
      ]),
    ).toEqual({
      id: 'id is wrong',
      '[0].summary': '[0].summary is wrong',
      '[12].assets[0].id': '[12].assets[0].id is wrong',
      'site.client_id': 'site.client_id is wrong',
      '[1].summary': 'from the schema',
      note: 'from the schema too',
      bodyweight: 'bodyweight is wrong',
    });
  });

  it('never takes a standard key, keeps the first message per path, and treats __proto__ as a plain key', () => {
    const keys = modelStateKeys([
      issue('[0].id', 'first'),
      issue('[0].id', 'second'),
      issue('message'),
      issue('Message'),
      issue('ClassName'),
      issue('code'),
      issue('errors'),
      issue('body.message'),
      issue('__proto__', 'odd field'),
    ]);
    expect(Object.keys(keys).sort()).toEqual(['[0].id', '__proto__']);
    expect(keys['[0].id']).toBe('first');
    expect(Object.getPrototypeOf(keys)).toBe(Object.prototype);
    expect(Object.getOwnPropertyDescriptor(keys, '__proto__')?.value).toBe('odd field');
  });
});

describe('error bodies', () => {
  let app: FastifyInstance;
  const details: FieldIssue[] = [
    { field: '[0].id', message: 'no ticket with id 99' },
    { field: 'message', message: 'must not replace the message' },
    { field: 'errors', message: 'must not replace the list' },
    { field: 'querystring.order', message: 'unknown field' },
  ];
  beforeAll(async () => {
    app = Fastify();
    await app.register(errorHandlerPlugin);
    const fail = () => {
      throw new AppError('NOT_FOUND', 'not_found', 'Ticket 99 was not found', { details });
    };
    app.get('/api/Thing', fail);
    app.get('/admin/api/thing', fail);
    await app.ready();
  });
  afterAll(() => app.close());

  it('/api bodies add a key per body path beside the standard keys, which keep their values', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/Thing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      '[0].id': 'no ticket with id 99',
      ClassName: 'NotFoundException',
      Message: 'Ticket 99 was not found',
      code: 'NOT_FOUND',
      message: 'Ticket 99 was not found',
      errors: details,
    });
  });

  it('other bodies stay as they were', async () => {
    const res = await app.inject({ method: 'GET', url: '/admin/api/thing' });
    expect(res.json()).toEqual({ code: 'NOT_FOUND', message: 'Ticket 99 was not found', errors: details });
  });
});

describeEachDialect('Halo 400 bodies through the real routes', (get) => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = await buildHaloTestApp(get());
  });
  afterAll(() => app.close());

  it('a wrong type on a batch element and an unknown id are readable as "[i].field"', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/api/Tickets',
      payload: [{ summary: 'ok' }, { summary: 5 }],
    });
    expect(bad.statusCode).toBe(400);
    const body = bad.json();
    expect(body['[1].summary']).toEqual(expect.any(String));
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field: '[1].summary' })]));
    const missing = await app.inject({
      method: 'POST',
      url: '/api/Tickets',
      payload: [{ id: 999999, summary: 'x' }],
    });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ '[0].id': expect.any(String), ClassName: expect.any(String) });
  });
});
