import type { Store } from '../store/index.ts';

/**
 * Responses computed from the store, kept until the store changes. The store only ever inserts
 * (a changed row is a conflict, never an update), so row counts identify its content. They are
 * re-read at most every `maxAgeMs`, so a write by another process shows within that time, and
 * concurrent requests share one computation.
 */
export class StoreCache {
  private fingerprint = '';
  private checkedAt = -Infinity;
  private checking?: Promise<void>;
  private readonly entries = new Map<string, Promise<unknown>>();
  /** Values of the entries that have resolved, for answering without a promise (the series fast path). */
  private readonly settled = new Map<string, unknown>();

  constructor(
    private readonly store: Store,
    private readonly maxAgeMs = 250,
    private readonly maxEntries = 500,
  ) {}

  private async refresh(): Promise<void> {
    const n = await this.store.tableCounts();
    const fp = `${n.observations}/${n.series}/${n.sources}`;
    if (fp !== this.fingerprint) {
      this.fingerprint = fp;
      this.entries.clear();
      this.settled.clear();
    }
    this.checkedAt = performance.now();
  }

  private async fresh(): Promise<void> {
    if (performance.now() - this.checkedAt < this.maxAgeMs) return;
    this.checking ??= this.refresh().finally(() => (this.checking = undefined));
    await this.checking;
  }

  /** Forget everything (after a write through this process). */
  invalidate(): void {
    this.entries.clear();
    this.settled.clear();
    this.checkedAt = -Infinity;
  }

  /**
   * The value of a computed entry without waiting, when the store was checked within maxAgeMs; undefined
   * otherwise (then call get). Saves the hot endpoints a promise and a turn of the event loop per request.
   */
  peek<T>(key: string): T | undefined {
    if (performance.now() - this.checkedAt >= this.maxAgeMs) return undefined;
    return this.settled.get(key) as T | undefined;
  }

  async get<T>(key: string, build: () => Promise<T> | T): Promise<T> {
    await this.fresh();
    let p = this.entries.get(key) as Promise<T> | undefined;
    if (!p) {
      if (this.entries.size >= this.maxEntries) {
        const oldest = this.entries.keys().next().value!;
        this.entries.delete(oldest);
        this.settled.delete(oldest);
      }
      const entry = Promise.resolve().then(build);
      p = entry;
      this.entries.set(key, entry);
      entry.then(
        (v) => {
          if (this.entries.get(key) === entry) this.settled.set(key, v);
        },
        // A failed computation is not kept.
        () => this.entries.delete(key),
      );
    }
    return p;
  }
}
