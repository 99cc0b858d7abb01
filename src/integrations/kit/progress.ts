// Throttled progress reporting: connectors and the reconciler call `add` per record; listeners (CLI progress
// bar, the run row's live counts) hear at most one update per interval, plus a final one on `flush`.

export interface ProgressUpdate {
  done: number;
  total?: number;
}

export class ProgressTracker {
  private done = 0;
  private total: number | undefined;
  private lastEmit = 0;

  constructor(
    private readonly emit: (p: ProgressUpdate) => void,
    private readonly intervalMs = 250,
    private readonly now: () => number = Date.now,
  ) {}

  add(n: number): void {
    this.done += n;
    this.maybeEmit();
  }

  setTotal(total: number | undefined): void {
    this.total = total;
  }

  get value(): ProgressUpdate {
    return this.total === undefined ? { done: this.done } : { done: this.done, total: this.total };
  }

  flush(): void {
    this.lastEmit = this.now();
    this.emit(this.value);
  }

  private maybeEmit(): void {
    if (this.now() - this.lastEmit >= this.intervalMs) this.flush();
  }
}
