import { describe, expect, it } from 'vitest';
import { countsByEntity, progressOf, totalCounts, type Run } from './integrations.js';

const run = (over: Partial<Run>): Run => ({
  id: 1,
  instanceId: 1,
  trigger: 'manual',
  dryRun: false,
  status: 'running',
  entities: ['customers', 'licences'],
  startedAt: '2026-11-21T06:00:00.000Z',
  finishedAt: null,
  counts: {},
  error: null,
  pendingSweep: null,
  sweepDecision: null,
  ...over,
});

describe('reading runs', () => {
  it('sums per-entity counts and skips entities that did not run', () => {
    const r = run({
      counts: {
        customers: { created: 2, updated: 1, unchanged: 3, inactivated: 0, skipped: 1, failed: 0 },
        licences: null,
      },
    });
    expect(totalCounts(r)).toEqual({
      created: 2,
      updated: 1,
      unchanged: 3,
      inactivated: 0,
      skipped: 1,
      failed: 0,
    });
    expect(countsByEntity(r)).toEqual([
      ['customers', { created: 2, updated: 1, unchanged: 3, inactivated: 0, skipped: 1, failed: 0 }],
      ['licences', {}],
    ]);
  });
  it('reads progress with or without a total', () => {
    expect(progressOf(run({ progress: { entity: 'licences' } }))).toEqual({
      entity: 'licences',
      done: null,
      total: null,
    });
    expect(progressOf(run({ progress: { entity: 'customers', done: 40, total: 100 } }))).toEqual({
      entity: 'customers',
      done: 40,
      total: 100,
    });
    expect(progressOf(run({ progress: null }))).toBeNull();
  });
});
