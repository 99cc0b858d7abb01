// A domain's own CA is trusted, another CA's server is not, and the fast way and the documented way build the
// same trust (the bundled public roots plus the CA). Against a real TLS server on loopback.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestCertificates, type TestCertificates } from '../../../test/servers/test-ca.js';
import { buildTrust, trustContext } from './trust.js';

describe('trust of a domain with its own CA', () => {
  const dirs: string[] = [];
  let ours: TestCertificates;
  let theirs: TestCertificates;
  let server: tls.Server;
  let port = 0;

  beforeAll(async () => {
    const make = async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tributary-trust-'));
      dirs.push(dir);
      return createTestCertificates(dir, { dns: ['localhost'], ips: ['127.0.0.1'] });
    };
    ours = await make();
    theirs = await make();
    server = tls.createServer(
      { cert: fs.readFileSync(ours.certPath), key: fs.readFileSync(ours.keyPath) },
      (socket) => socket.end(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });

  /** 'ok' when the handshake verified the server, else the verification error's code. */
  const connect = (secureContext: tls.SecureContext) =>
    new Promise<string>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port, secureContext }, () => {
        resolve(socket.authorized ? 'ok' : String(socket.authorizationError));
        socket.destroy();
      });
      socket.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    });

  it('verifies a server signed by the domain CA, both ways of building the trust', async () => {
    expect(await connect(buildTrust(ours.caCertPem))).toBe('ok');
    expect(await connect(buildTrust(ours.caCertPem, { parse: true }))).toBe('ok');
  });

  it('refuses a server signed by another CA, both ways', async () => {
    expect(await connect(buildTrust(theirs.caCertPem))).not.toBe('ok');
    expect(await connect(buildTrust(theirs.caCertPem, { parse: true }))).not.toBe('ok');
  });

  it('builds each CA once per thread', () => {
    expect(trustContext(ours.caCertPem)).toBe(trustContext(ours.caCertPem));
    expect(trustContext(theirs.caCertPem)).not.toBe(trustContext(ours.caCertPem));
  });
});
