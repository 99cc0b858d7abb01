import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandlerPlugin } from './plugins/errors.js';
import { defaultConsoleRoot, isApiPath, webConsole } from './web.js';

async function appWith(root: string): Promise<FastifyInstance> {
  const app = Fastify({ routerOptions: { caseSensitive: false, ignoreTrailingSlash: true } });
  await app.register(errorHandlerPlugin);
  app.get('/api/known', async () => ({ ok: true }));
  await app.register(webConsole, { root });
  return app;
}

describe('web console serving', () => {
  let dir: string;
  let app: FastifyInstance;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-web-'));
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(
      path.join(dir, 'index.html'),
      '<!doctype html><title>console</title><div id="root"></div>',
    );
    fs.writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
    fs.writeFileSync(path.join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await appWith(dir);
  });
  afterAll(async () => {
    await app.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('serves index.html at / and for deep links, with a strict CSP and no caching', async () => {
    for (const url of ['/', '/customers/12', '/instances/3/setup?x=1', '/integrations']) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('<div id="root">');
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['cache-control']).toBe('no-cache');
    }
  });

  it('serves hashed assets with long-lived immutable caching', async () => {
    const res = await app.inject({ url: '/assets/index-abc123.js' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toBe('console.log(1)');
    expect(res.headers['cache-control']).toContain('immutable');
    const icon = await app.inject({ url: '/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['content-type']).toContain('image/svg+xml');
  });

  it('answers a JSON 404 for a missing asset instead of the console page', async () => {
    const res = await app.inject({ url: '/assets/missing.js' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('never serves files outside the console folder', async () => {
    for (const url of [
      '/assets/../../etc/passwd',
      '/assets/%2e%2e/%2e%2e/etc/passwd',
      '/assets/..%2f..%2fetc%2fpasswd',
    ]) {
      const res = await app.inject({ url });
      expect(res.body, url).not.toContain('root:');
    }
  });

  it('leaves API paths to the APIs: unknown ones are JSON 404s, known ones still answer', async () => {
    for (const url of [
      '/api/nothing',
      '/admin/api/nothing',
      '/auth/nothing',
      '/docs/nothing',
      '/API/Nothing',
    ]) {
      const res = await app.inject({ url });
      expect(res.statusCode, url).toBe(404);
      expect(res.json()).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    }
    expect((await app.inject({ url: '/api/known' })).json()).toEqual({ ok: true });
  });

  it('shows a clear page when the console has not been built', async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-web-empty-'));
    const bare = await appWith(path.join(empty, 'missing'));
    const res = await bare.inject({ url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.body).toContain('The console has not been built');
    expect(res.body).toContain('npm run build');
    await bare.close();
    fs.rmSync(empty, { recursive: true, force: true });
  });

  it('classifies API paths and finds dist/web at the package root', () => {
    expect(isApiPath('/api/client')).toBe(true);
    expect(isApiPath('/admin/api/records/customers')).toBe(true);
    expect(isApiPath('/apiary')).toBe(false);
    expect(isApiPath('/customers')).toBe(false);
    expect(defaultConsoleRoot()).toBe(path.resolve(__dirname, '../../dist/web'));
  });
});
