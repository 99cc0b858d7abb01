import { describe, expect, it } from 'vitest';
import { autoFailed, formatAutoTable, type AutoRow } from './auto.js';

const row = (over: Partial<AutoRow>): AutoRow => ({
  instanceId: 1,
  instance: 'Sophos EU',
  connector: 'sophos',
  status: 'succeeded',
  counts: { created: 3, updated: 12, unchanged: 240, inactivated: 1, failed: 0 },
  durationMs: 4200,
  runId: 9,
  error: null,
  ...over,
});

describe('AUTO summary', () => {
  it('prints one aligned line per instance with counts, duration and error', () => {
    const text = formatAutoTable([
      row({}),
      row({
        instanceId: 2,
        instance: 'HQ',
        connector: 'ldap',
        status: 'failed',
        counts: null,
        durationMs: 300,
        error: { code: 'LDAP_BIND', kind: 'auth', message: 'bad\ncredentials' },
      }),
    ]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(
      /^instance\s+connector\s+status\s+created\s+updated\s+unchanged\s+inactivated\s+failed\s+duration\s+error$/,
    );
    expect(lines[2]).toMatch(/^Sophos EU \(#1\)\s+sophos\s+succeeded\s+3\s+12\s+240\s+1\s+0\s+4\.2s$/);
    expect(lines[3]).toMatch(
      /^HQ \(#2\)\s+ldap\s+failed\s+-\s+-\s+-\s+-\s+-\s+0\.3s\s+LDAP_BIND: bad credentials$/,
    );
  });

  it('fails only when a run failed', () => {
    expect(autoFailed([row({}), row({ status: 'partial' }), row({ status: 'paused' })])).toBe(false);
    expect(autoFailed([row({}), row({ status: 'failed' })])).toBe(true);
    expect(formatAutoTable([])).toBe('No enabled integration instances.');
  });
});
