import { COURT_SERIES_IDS } from '../ingest/index.ts';
import { DEFAULT_MIN_CELL } from '../stats/index.ts';
import type { Store } from '../store/index.ts';
import { StoreCache } from './cache.ts';
import { suppressObservations } from './suppress.ts';

const encode = (v: unknown) => new Uint8Array(Buffer.from(JSON.stringify(v)));

/**
 * The series endpoints' bodies, JSON-encoded once per store content. They are read far more often
 * than the store changes, and re-encoding tens of kilobytes of text per request was their main cost.
 */
export class SeriesApi {
  constructor(
    private readonly store: Store,
    readonly cache: StoreCache = new StoreCache(store),
    /** Counts from imported records below this are withheld (small-cell suppression). */
    private readonly minCell = DEFAULT_MIN_CELL,
  ) {}

  list(): Promise<Uint8Array> {
    return this.cache.get('series', async () => encode({ series: await this.store.listSeries() }));
  }

  /**
   * One series with its observations and the sources they cite; null for an unknown id. A series of
   * counts from imported court records has its small cells withheld (with the other court series,
   * which share its margins) and says where in `suppression`.
   */
  one(id: string): Promise<Uint8Array | null> {
    return this.cache.get(`series/${id}`, async () => {
      const series = await this.store.series(id);
      if (!series) return null;
      let observations = await this.store.observations({ seriesId: id });
      let suppression;
      if (COURT_SERIES_IDS.includes(id)) {
        const all = (
          await Promise.all(
            COURT_SERIES_IDS.map((s) => (s === id ? observations : this.store.observations({ seriesId: s }))),
          )
        ).flat();
        const out = suppressObservations(all, this.minCell);
        observations = out.observations.filter((o) => o.seriesId === id);
        suppression = { k: out.suppression.k, withheld: out.suppression.withheld.filter((w) => w.seriesId === id) };
      }
      const used = new Set(observations.map((o) => o.sourceId));
      const sources = (await this.store.sources()).filter((s) => used.has(s.id));
      return encode({ series, observations, sources, ...(suppression ? { suppression } : {}) });
    });
  }

  sources(): Promise<Uint8Array> {
    return this.cache.get('sources', async () => encode({ sources: await this.store.sources() }));
  }

  /** The cache key of a GET path this API answers, and how to build its body; undefined for other paths. */
  private route(path: string): { key: string; build: () => Promise<Uint8Array | null> } | undefined {
    if (path === '/api/series') return { key: 'series', build: () => this.list() };
    if (path === '/api/sources') return { key: 'sources', build: () => this.sources() };
    const m = /^\/api\/series\/([^/?#]+)$/.exec(path);
    if (!m) return undefined;
    let id: string;
    try {
      id = decodeURIComponent(m[1]!);
    } catch {
      return undefined;
    }
    return { key: `series/${id}`, build: () => this.one(id) };
  }

  /** The body for a GET path this API answers from its cache, or undefined when the path is not one of them. */
  async forPath(path: string): Promise<Uint8Array | null | undefined> {
    return this.route(path)?.build();
  }

  /** The body when it is cached and the store was checked lately, without waiting; undefined otherwise (use forPath). */
  peekPath(path: string): Uint8Array | null | undefined {
    const r = this.route(path);
    return r ? this.cache.peek<Uint8Array | null>(r.key) : undefined;
  }
}
