// When the runner writes live progress ({entity, done, total?} and the counts so far) to the run row: as
// pages commit, but at most once per interval, except the first page of each entity (so the console learns
// the total at once) and the page that completes a known total. A fast read with small pages thus costs a
// few writes a second, never one per page or per record.
export const PROGRESS_WRITE_MS = 1000;

export function progressThrottle(
  intervalMs: number = PROGRESS_WRITE_MS,
  now: () => number = Date.now,
): (entity: string, done: number, total: number | undefined) => boolean {
  let last = Number.NEGATIVE_INFINITY;
  let lastEntity: string | undefined;
  return (entity, done, total) => {
    const t = now();
    const due = entity !== lastEntity || (total !== undefined && done >= total) || t - last >= intervalMs;
    if (due) {
      last = t;
      lastEntity = entity;
    }
    return due;
  };
}
