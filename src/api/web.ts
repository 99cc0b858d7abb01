// Serves the built console (dist/web) at /: hashed assets with long caching, and index.html for every other
// path that is not an API, so the console's own router can take over (deep links, reloads).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fastifyStatic from '@fastify/static';
import { AppError } from '../core/errors.js';

/** Paths owned by the server's APIs: an unknown path under them is a 404, never the console. */
const API_PREFIXES = ['/api', '/admin/api', '/auth', '/docs', '/healthz'];

export interface WebConsoleOptions {
  /** Where the built console lives; defaults to dist/web at the package root. */
  root?: string;
}

/** The package root is the nearest folder above this file with our package.json (works from src/ and dist/). */
export function defaultConsoleRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      try {
        const name = (JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: unknown }).name;
        if (name === 'tributary') return path.join(dir, 'dist', 'web');
      } catch {
        // An unreadable package.json is not ours; keep walking up.
      }
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve('dist', 'web');
    dir = parent;
  }
}

export function isApiPath(urlPath: string): boolean {
  const p = urlPath.toLowerCase();
  return API_PREFIXES.some((prefix) => p === prefix || p.startsWith(`${prefix}/`));
}

// The console only loads its own scripts and styles and talks to its own origin.
const CONSOLE_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
  'x-frame-options': 'DENY',
};

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Tributary — console not built</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:4rem auto;padding:0 1rem;color:#1f2933}
code{background:#eef2f6;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><main><h1>The console has not been built</h1>
<p>Tributary is running and its APIs answer under <code>/api</code>, <code>/admin/api</code> and <code>/docs</code>,
but the web console's files were not found.</p>
<p>Build it with <code>npm run build</code> (or start with <code>npm start</code>, which builds first), then reload this page.</p>
</main></body></html>`;

export async function webConsole(app: FastifyInstance, options: WebConsoleOptions = {}): Promise<void> {
  const root = options.root ?? defaultConsoleRoot();
  await app.register(fastifyStatic, { root, serve: false, suppressWarning: true, index: false });

  const sendIndex = (reply: FastifyReply) => {
    // Checked per request so a console built after the server started is picked up without a restart.
    if (!fs.existsSync(path.join(root, 'index.html'))) {
      return reply
        .status(503)
        .headers({ 'cache-control': 'no-store' })
        .type('text/html; charset=utf-8')
        .send(NOT_BUILT_PAGE);
    }
    return reply
      .headers({ ...CONSOLE_HEADERS, 'cache-control': 'no-cache' })
      .sendFile('index.html', { cacheControl: false });
  };

  app.get('/*', { schema: { hide: true } }, async (request, reply) => {
    const urlPath = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (isApiPath(urlPath)) {
      throw new AppError('ROUTE_NOT_FOUND', 'not_found', `No route for ${request.method} ${urlPath}`);
    }
    const relative = urlPath.replace(/^\/+/, '');
    if (relative.startsWith('assets/') || /^[\w.-]+\.(?:svg|ico|png|txt|webmanifest)$/.test(relative)) {
      const file = path.resolve(root, relative);
      // path.resolve plus the prefix check keeps "../" out of the console folder.
      if (file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
        const immutable = relative.startsWith('assets/');
        return reply.headers(CONSOLE_HEADERS).sendFile(relative, {
          cacheControl: true,
          immutable,
          maxAge: immutable ? 31_536_000_000 : 3_600_000,
        });
      }
      throw new AppError('NOT_FOUND', 'not_found', `No console file ${urlPath}`);
    }
    return sendIndex(reply);
  });
}
