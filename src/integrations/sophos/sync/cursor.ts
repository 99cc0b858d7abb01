// Sophos has no change feed: every read is a full enumeration that restarts from page 1 (offset paging
// over a list that may change cannot be resumed safely). The cursor therefore only records what the last
// COMPLETE read saw; pages before the end carry the previous value, so a failed read leaves it untouched.
import { z } from 'zod';

export const SophosCursorSchema = z.object({
  lastComplete: z
    .object({
      tenants: z.number().int().min(0),
      skippedWithoutApiHost: z.number().int().min(0),
      records: z.number().int().min(0),
    })
    .nullable(),
});
export type SophosCursor = z.infer<typeof SophosCursorSchema>;

export const NO_CURSOR: SophosCursor = { lastComplete: null };
