// kill -9 mid-run converges: a child `tributary sync` is killed after it committed some pages; a rerun
// (which reclaims the dead worker's lease) must leave the same state as a clean run. With `bulkImport`, the
// child treats its first import of end users as a large one (threshold: one user) and is killed once it has
// dropped the end-user indexes and the links' identity index: the rerun must build them again, and the links
// must still be one per source record.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import { newKey } from '../../src/crypto/keyring.js';
import { END_USER_INDEXES, existingEndUserIndexes } from '../../src/db/end-user-indexes.js';
import { linkIdentityIndexExists } from '../../src/db/link-identity-index.js';
import type { DialectName } from '../../src/db/database.js';
import { createInstance } from '../../src/integrations/framework/instances/create-instance.js';
import type { CreateInstanceInput } from '../../src/integrations/framework/instances/input.js';
import { runInstance } from '../../src/integrations/framework/runs/run-instance.js';
import { adminCtx, testServices } from '../../src/integrations/framework/testing.js';
import { createChildDatabase } from './child-database.js';
import type { Services } from '../../src/services.js';
import type { ConformanceSource } from './run-conformance.js';
import { snapshotInstance } from './snapshot.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface KillTestOptions {
  dialect: DialectName;
  source: ConformanceSource;
  connectorId: string;
  makeConfig(): Record<string, unknown>;
  childImports: string[];
  settings: Partial<CreateInstanceInput>;
  prepareInstance?: (services: Services, instanceId: number) => Promise<void>;
  bulkImport: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function defineKillTest(o: KillTestOptions): void {
  it(
    'a process killed mid-run (kill -9) converges on rerun to the state of a clean run',
    { timeout: 90_000 },
    async () => {
      const { handle, env } = await createChildDatabase(o.dialect);
      const key = newKey();
      const services = testServices(handle, { masterKey: key });
      try {
        o.source.reset();
        const mk = async (name: string) => {
          const inst = await createInstance(adminCtx(services), {
            connectorId: o.connectorId,
            name,
            config: o.makeConfig(),
            unmappedPolicy: 'create_customer',
            ...o.settings,
          });
          await o.prepareInstance?.(services, inst.id);
          return inst;
        };
        const victim = await mk('killed');
        o.source.delayPages(400);
        const args = [
          '--import',
          'tsx',
          ...o.childImports.flatMap((m) => ['--import', m]),
          'src/cli/main.ts',
          'sync',
          String(victim.id),
        ];
        const child = spawn(process.execPath, args, {
          cwd: ROOT,
          env: {
            ...process.env,
            ...env,
            TRIBUTARY_MASTER_KEY: key.toString('base64'),
            TRIBUTARY_LOG_LEVEL: 'silent',
            ...(o.bulkImport ? { TRIBUTARY_BULK_IMPORT_THRESHOLD: '1' } : {}),
          },
          stdio: ['ignore', 'ignore', 'pipe'],
        });
        let stderr = '';
        child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
        const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
        // Wait until the child has committed at least one page (and, for a bulk import, dropped the indexes
        // after it), then kill it without warning.
        for (let i = 0; i < 300; i++) {
          const links = await handle.db
            .selectFrom('external_links')
            .select('id')
            .where('instance_id', '=', victim.id)
            .execute();
          if (links.length > 0 && !(o.bulkImport && (await linkIdentityIndexExists(handle.db)))) break;
          if (child.exitCode !== null)
            throw new Error(`the child exited early (${child.exitCode}): ${stderr}`);
          await sleep(50);
        }
        child.kill('SIGKILL');
        await exited;
        const partial = await snapshotInstance(handle.db, victim.id);
        expect(Object.keys(partial).length).toBeGreaterThan(0);
        if (o.bulkImport) {
          expect(await linkIdentityIndexExists(handle.db)).toBe(false);
          expect(await existingEndUserIndexes(handle.db)).toEqual(new Set());
        }
        o.source.delayPages(0);
        const rerun = await runInstance(services, { instanceId: victim.id, trigger: 'manual' });
        expect(rerun.status, JSON.stringify(rerun.error)).toBe('succeeded');
        const abandoned = await handle.db
          .selectFrom('integration_runs')
          .select(['status', 'error_code'])
          .where('instance_id', '=', victim.id)
          .orderBy('id')
          .executeTakeFirstOrThrow();
        expect(abandoned).toEqual({ status: 'failed', error_code: 'RUN_ABANDONED' });
        expect(await linkIdentityIndexExists(handle.db)).toBe(true);
        expect(await existingEndUserIndexes(handle.db)).toEqual(new Set(END_USER_INDEXES.map((i) => i.name)));
        const clean = await mk('clean');
        expect((await runInstance(services, { instanceId: clean.id, trigger: 'manual' })).status).toBe(
          'succeeded',
        );
        expect(await snapshotInstance(handle.db, victim.id)).toEqual(
          await snapshotInstance(handle.db, clean.id),
        );
      } finally {
        o.source.delayPages(0);
        await handle.drop();
      }
    },
  );
}
