// The registry is derived from the folders: each connector folder is registered exactly once, ids unique.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONNECTORS } from './registry.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const NOT_CONNECTORS = new Set(['framework', 'kit']);

describe('connector registry', () => {
  const folders = fs
    .readdirSync(here, { withFileTypes: true })
    .filter((d) => d.isDirectory() && !NOT_CONNECTORS.has(d.name))
    .map((d) => d.name)
    .sort();

  it('registers every connector folder exactly once, by its folder name', () => {
    const ids = CONNECTORS.map((c) => c.manifest.id);
    expect([...ids].sort()).toEqual(folders);
  });

  it('has unique ids and a parsable default schedule and entity list', () => {
    const ids = CONNECTORS.map((c) => c.manifest.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const c of CONNECTORS) {
      expect(c.manifest.entities.length).toBeGreaterThan(0);
      for (const e of c.manifest.entities)
        expect(c.syncs[e], `${c.manifest.id} declares ${e} without a sync`).toBeDefined();
      expect(c.manifest.defaultSchedule.split(' ').length).toBeGreaterThanOrEqual(5);
    }
  });
});
