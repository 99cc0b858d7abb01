// The heap flags are tuned once, set back to V8's default while workers start (nested), and tuned again when
// the last has started; a process that never tuned them is left alone.
import { describe, expect, it } from 'vitest';
import { createHeapFlags } from './heap-flags.js';

describe('heap flags around a worker start', () => {
  it('leaves an untuned process alone', () => {
    const set: string[] = [];
    const flags = createHeapFlags((f) => set.push(f));
    flags.untunedWhileStarting()();
    expect(set).toEqual([]);
    expect(flags.state).toBe('untouched');
  });

  it('puts the default back while workers start and tunes again after the last', () => {
    const set: string[] = [];
    const flags = createHeapFlags((f) => set.push(f));
    flags.tune();
    const first = flags.untunedWhileStarting();
    const second = flags.untunedWhileStarting();
    expect(flags.state).toBe('default');
    first();
    first(); // a second call changes nothing
    expect(flags.state).toBe('default');
    second();
    expect(flags.state).toBe('tuned');
    expect(set).toEqual([
      '--heap-growing-percent=30',
      '--heap-growing-percent=0',
      '--heap-growing-percent=30',
    ]);
  });
});
