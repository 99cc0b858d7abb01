// The standalone CLI: prints URLs and credentials as JSON, serves them, and stops on SIGINT.

import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('./cli.ts', import.meta.url));

interface CliSummary {
  apiUrl: string;
  tokenUrl: string;
  tenants: number;
  licences: number;
  credentials: { partner: { clientId: string; clientSecret: string; id: string } };
}

describe('cli', () => {
  it('prints a usable JSON summary and exits 0 on SIGINT', async () => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', cli, '--tenants', '7', '--licences', '2', '--latency', '1'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    try {
      let out = '';
      const summary = await new Promise<CliSummary>((resolve, reject) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          try {
            resolve(JSON.parse(out) as CliSummary);
          } catch {
            // not complete yet
          }
        });
        child.once('exit', (code) => reject(new Error(`cli exited early with ${code}: ${out}`)));
      });
      expect(summary.tenants).toBe(7);
      expect(summary.licences).toBe(14);
      const { partner } = summary.credentials;
      const token = await fetch(summary.tokenUrl, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'client_credentials',
          client_id: partner.clientId,
          client_secret: partner.clientSecret,
          scope: 'token',
        }),
      });
      expect(token.status).toBe(200);
      const { access_token } = (await token.json()) as { access_token: string };
      const whoami = await fetch(`${summary.apiUrl}/whoami/v1`, {
        headers: { authorization: `Bearer ${access_token}` },
      });
      expect(await whoami.json()).toMatchObject({ id: partner.id, idType: 'partner' });
    } finally {
      child.kill('SIGINT');
    }
    expect(await exited).toBe(0);
  });
});
