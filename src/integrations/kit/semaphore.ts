// A small counting semaphore: at most `limit` requests of one connector instance in flight at once.
export class Semaphore {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {
    if (limit < 1) throw new Error('semaphore limit must be at least 1');
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((r) => this.waiting.push(r));
    else this.active++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next)
        next(); // hand the slot over directly
      else this.active--;
    }
  }

  get inFlight(): number {
    return this.active;
  }
}
