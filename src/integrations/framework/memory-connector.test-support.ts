// A programmable in-memory connector for framework tests: each entity reads from arrays the test sets,
// in pages of `pageSize`, as a full read (or an incremental read with `removed` ids), failing on demand.
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import {
  defineConnector,
  defineSync,
  type EntityName,
  type EntityRecordMap,
  type SyncPage,
} from './contract.js';
import { secret } from './secret-field.js';

type Cursor = { page: number | null };
export interface MemoryState {
  records: { [E in EntityName]: EntityRecordMap[E][] };
  mode: 'full' | 'incremental';
  removed: string[];
  pageSize: number;
  failOnPage: number | null;
  /** Pages read so far (all entities). */
  reads: number;
  /** Awaited before each page is read: a test looks at the database between batches. */
  beforePage: ((page: number) => Promise<void>) | null;
}

export const memory: MemoryState = {
  records: { customers: [], licences: [], users: [], agents: [] },
  mode: 'full',
  removed: [],
  pageSize: 2,
  failOnPage: null,
  reads: 0,
  beforePage: null,
};

export function resetMemory(): void {
  Object.assign(memory, {
    records: { customers: [], licences: [], users: [], agents: [] },
    mode: 'full',
    removed: [],
    pageSize: 2,
    failOnPage: null,
    reads: 0,
    beforePage: null,
  });
}

function sync<E extends EntityName>(entity: E, recordType: 'customer' | 'licence' | 'user' | 'agent') {
  return defineSync<{ token: string }, E, Cursor>({
    entity,
    recordType,
    cursorSchema: z.object({ page: z.number().nullable() }),
    async read(_ctx, cursor) {
      const start = cursor?.page ?? 0;
      const all = memory.records[entity];
      async function* pages(): AsyncGenerator<SyncPage<EntityRecordMap[E], Cursor>> {
        for (let p = start; p * memory.pageSize < Math.max(all.length, 1); p++) {
          await memory.beforePage?.(p);
          memory.reads++;
          if (memory.failOnPage !== null && memory.reads > memory.failOnPage)
            throw new AppError('SOURCE_DOWN', 'transient', `source failed (token ${_ctx.config.token})`);
          const last = (p + 1) * memory.pageSize >= all.length;
          yield {
            records: all.slice(p * memory.pageSize, (p + 1) * memory.pageSize),
            cursor: { page: last ? null : p + 1 },
            ...(last && memory.mode === 'incremental' ? { removed: memory.removed } : {}),
          };
        }
      }
      return { mode: memory.mode, reason: 'test', pages: pages() };
    },
  });
}

export const memoryConnector = defineConnector<{ token: string }>({
  manifest: {
    id: 'memory',
    displayName: 'Memory',
    description: 'test',
    version: '1',
    configSchema: z.object({ token: secret(z.string()) }),
    entities: ['customers', 'licences', 'users', 'agents'],
    defaultSchedule: '*/5 * * * *',
    containerLabel: 'Container',
  },
  check: async () => ({ ok: true, message: 'ok' }),
  discover: async () => ({
    containers: memory.records.customers.map((c) => ({
      externalId: c.externalId,
      name: c.name,
      kind: 'tenant' as const,
    })),
  }),
  syncs: {
    customers: sync('customers', 'customer'),
    licences: sync('licences', 'licence'),
    users: sync('users', 'user'),
    agents: sync('agents', 'agent'),
  },
});
