// Collects concurrently running jobs into micro-batches: each job hands in its key and waits; a
// batch is flushed when it is full or when the first key has waited `maxWaitMs`, so one query
// loads the answers of many attempts and one insert stores their results.
export interface BatchResult<R> {
  ok: Map<string, R>;
  failed: Map<string, Error>;
}

export class MicroBatcher<R> {
  private pending = new Map<string, { resolve: (r: R) => void; reject: (e: Error) => void }[]>();
  private timer: NodeJS.Timeout | null = null;
  private running = 0;

  constructor(
    private readonly run: (keys: string[]) => Promise<BatchResult<R>>,
    private readonly maxSize: number,
    private readonly maxWaitMs: number,
  ) {}

  add(key: string): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      const waiters = this.pending.get(key) ?? [];
      waiters.push({ resolve, reject });
      this.pending.set(key, waiters);
      if (this.pending.size >= this.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.maxWaitMs);
    });
  }

  /** Batches currently being processed. */
  get inFlight(): number {
    return this.running;
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.running++;
    this.run([...batch.keys()])
      .then(
        (result) => {
          for (const [key, waiters] of batch) {
            const err = result.failed.get(key);
            const value = result.ok.get(key);
            for (const w of waiters) {
              if (err) w.reject(err);
              else if (value !== undefined) w.resolve(value);
              else w.reject(new Error(`batch produced no outcome for ${key}`));
            }
          }
        },
        (error: unknown) => {
          const err = error instanceof Error ? error : new Error(String(error));
          for (const waiters of batch.values()) for (const w of waiters) w.reject(err);
        },
      )
      .finally(() => {
        this.running--;
      });
  }
}
