import { sql } from 'kysely';
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

  constructor(
    private readonly store: Store,
    private readonly maxAgeMs = 250,
    private readonly maxEntries = 500,
  ) {}

  private async refresh(): Promise<void> {
    const r = await sql<{ o: number | string; s: number | string; c: number | string }>`select (select count(*) from observations) as o, (select count(*) from series) as s, (select count(*) from sources) as c`.execute(this.store.db);
    const row = r.rows[0];
    const fp = `${row.o}/${row.s}/${row.c}`;
    if (fp !== this.fingerprint) {
      this.fingerprint = fp;
      this.entries.clear();
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
    this.checkedAt = -Infinity;
  }

  async get<T>(key: string, build: () => Promise<T> | T): Promise<T> {
    await this.fresh();
    let p = this.entries.get(key) as Promise<T> | undefined;
    if (!p) {
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      p = Promise.resolve().then(build);
      this.entries.set(key, p);
      // A failed computation is not kept.
      p.catch(() => this.entries.delete(key));
    }
    return p;
  }
}
