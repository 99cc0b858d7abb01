// V8 lets the old generation grow to a multiple of what survived the last full collection before collecting
// again. A directory import allocates fast and keeps little (a write batch at a time), so the heap grew to four
// or five times its live size: ~110 MB of garbage waiting in a sync process whose live heap was ~25 MB. A
// growing factor of 1.3 keeps the heap near its live size for a few more (incremental, mostly concurrent)
// full collections. Imported first by the CLI (and so the server), before the heap grows; worker threads share
// the process's flags, but start with V8's defaults (heap-flags.ts).
import { heapFlags } from './heap-flags.js';

heapFlags.tune();
