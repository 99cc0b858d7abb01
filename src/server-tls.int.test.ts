// `tributary serve` with TRIBUTARY_TLS_CERT/KEY serves HTTPS, and a client that trusts the certificate can
// reach the API over it; a missing certificate file stops the start with a message naming the variable.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.js';
import { createLogger } from './log.js';

describe('serving HTTPS', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-tls-'));
  const cert = path.join(dir, 'cert.pem');
  const key = path.join(dir, 'key.pem');
  let server: RunningServer;

  beforeAll(async () => {
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '1',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
      ],
      { stdio: 'ignore' },
    );
    server = await startServer({
      overrides: {
        port: 0,
        host: '127.0.0.1',
        dataDir: path.join(dir, 'data'),
        tls: { cert, key },
        embeddedIntegrator: false,
        adminPassword: 'correct horse battery staple',
      },
      logger: createLogger('silent'),
    });
  });
  afterAll(async () => {
    await server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('answers over TLS with the configured certificate', async () => {
    expect(server.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const body = await new Promise<string>((resolve, reject) => {
      https
        .get(`${server.url}/api/authinfo`, { ca: fs.readFileSync(cert) }, (res) => {
          let data = '';
          res.on('data', (c: Buffer) => (data += c.toString()));
          res.on('end', () => resolve(data));
        })
        .on('error', reject);
    });
    expect(JSON.parse(body)).toHaveProperty('auth_url');
  });

  it('refuses to start when the certificate file is missing', async () => {
    await expect(
      startServer({
        overrides: {
          port: 0,
          dataDir: path.join(dir, 'data2'),
          tls: { cert: path.join(dir, 'nope.pem'), key },
          embeddedIntegrator: false,
        },
        logger: createLogger('silent'),
      }),
    ).rejects.toThrow(/TRIBUTARY_TLS_CERT/);
  });
});
