// The V8 flags a tributary process tunes (heap-tuning.ts), and a way to lift them while a worker thread starts.
//
// Node starts a worker thread by compiling its own internal modules from a code cache, which V8 accepts only
// while the process's flags are the ones the cache was made with. With one flag changed at runtime (the heap
// growing factor), the LDAP read worker compiled Node's internals from source and took 103–118 ms to start
// instead of 59–62 ms (a process that sets the flag and starts the worker, with and without setting it back
// to V8's default first). That is on the way to an import's first page. So the flag goes back to V8's default
// while a worker starts, and is tuned again once the worker has said it is running.
import v8 from 'node:v8';

const TUNED = '--heap-growing-percent=30';
/** V8's default: 0 lets V8 choose the growing factor itself. */
const DEFAULT = '--heap-growing-percent=0';

export interface HeapFlags {
  /** Applies the tuned flags (once, before the heap grows). */
  tune(): void;
  /**
   * Puts V8's default flags back until the returned function is called (calls after the first do nothing).
   * Nests: with several workers starting, the flags are tuned again when the last has started.
   */
  untunedWhileStarting(): () => void;
  /** What is set now (for tests). */
  readonly state: 'untouched' | 'tuned' | 'default';
}

export function createHeapFlags(set: (flags: string) => void = (f) => v8.setFlagsFromString(f)): HeapFlags {
  let tuned = false;
  let starting = 0;
  return {
    tune() {
      tuned = true;
      if (starting === 0) set(TUNED);
    },
    untunedWhileStarting() {
      if (!tuned) return () => undefined;
      if (starting++ === 0) set(DEFAULT);
      let done = false;
      return () => {
        if (done) return;
        done = true;
        if (--starting === 0) set(TUNED);
      };
    },
    get state() {
      return !tuned ? 'untouched' : starting > 0 ? 'default' : 'tuned';
    },
  };
}

/** The process's flags. */
export const heapFlags = createHeapFlags();
