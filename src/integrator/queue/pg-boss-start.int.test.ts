// Regression: integrator processes that start at the same moment on a fresh database raced in pg-boss's
// createQueue and one of them died with "deadlock detected" (seen in CI). Starting must be safe to race.
import { describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../db/testing.js';
import { startIntegrator } from '../integrator.js';
import { testServices } from '../test-support/seed.js';
import { scriptedRunner } from '../test-support/scripted-runner.js';
import { retryOnConflict } from './pg-boss.js';

describe('pg-boss run queue start [postgres]', () => {
  it('several integrators starting at once on a fresh database all start', async () => {
    for (let round = 0; round < 3; round++) {
      const pg = await createTestDatabase('postgres');
      try {
        const runner = scriptedRunner(pg.db);
        const settings = { reloadMs: 300, pollSeconds: 0.5, heartbeatMs: 300, staleMs: 3000, concurrency: 1 };
        const handles = await Promise.all(
          [0, 1, 2].map(() =>
            startIntegrator(testServices(pg), { postgresUrl: pg.url, runInstance: runner.run, settings }),
          ),
        );
        await Promise.all(handles.map((h) => h.stop(1000)));
      } finally {
        await pg.drop();
      }
    }
  }, 120_000);
});

describe('retryOnConflict', () => {
  it('retries deadlocks, serialization failures and duplicates, and nothing else', async () => {
    let calls = 0;
    const flaky = async () => {
      calls++;
      if (calls < 3) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return 'ok';
    };
    expect(await retryOnConflict(flaky)).toBe('ok');
    expect(calls).toBe(3);
    const other = Object.assign(new Error('syntax'), { code: '42601' });
    await expect(retryOnConflict(() => Promise.reject(other))).rejects.toBe(other);
    let tries = 0;
    const always = Object.assign(new Error('dup'), { code: '23505' });
    await expect(
      retryOnConflict(() => {
        tries++;
        return Promise.reject(always);
      }, 4),
    ).rejects.toBe(always);
    expect(tries).toBe(4);
  });
});
