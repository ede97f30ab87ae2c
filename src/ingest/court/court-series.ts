import { createHash } from 'node:crypto';
import { monthEnd, type Observation, type Series, type Source } from '../../domain/index.ts';
import type { DerivedQuery } from '../../store/index.ts';

// The series an import of court records feeds. Ids live under court.import.* so that they never
// collide with the bundled dataset's published series (court.cases_received and the like).
interface SeriesDef {
  series: Series;
  /** How a group value reads as an observation scope. */
  scope: (group: string) => string;
  articles: (group: string) => string[];
}

const ALL = () => 'imported_records';
const none = () => [];

export const COURT_SERIES: Record<string, SeriesDef> = {
  cases_received: {
    series: {
      id: 'court.import.cases_received_monthly',
      title: 'Cases received by the courts per month (imported court records)',
      unit: 'cases',
      counts:
        'cases in the imported court records, by the month the court received them (date of entry); deleted records included',
      excludes:
        'cases the scrapes never saw (hidden or deleted before the first scrape); defendants (a case can have several)',
      topic: 'court',
    },
    scope: ALL,
    articles: none,
  },
  verdicts: {
    series: {
      id: 'court.import.verdicts_monthly',
      title: 'Cases ending in a verdict per month (imported court records)',
      unit: 'cases',
      counts: 'cases whose result is a verdict (приговор), by the month of the result',
      excludes: 'terminated, returned, transferred or pending cases; persons convicted (a verdict can cover several)',
      topic: 'court',
    },
    scope: ALL,
    articles: none,
  },
  defendants_by_article: {
    series: {
      id: 'court.import.defendants_by_article_monthly',
      title: 'Defendants by article and part per month received (imported court records)',
      unit: 'defendants',
      counts:
        'defendants charged under each article and part, by the month the court received the case; a defendant counts once per article-part',
      excludes:
        'cases (one case can have several defendants); the sum over articles double-counts defendants with several charges',
      topic: 'court',
    },
    scope: (g) => {
      const [article, part] = g.split('|');
      return article === 'unknown' ? 'article:unknown' : `article:${article} part:${part || 'unknown'}`;
    },
    articles: (g) => {
      const article = g.split('|')[0]!; // split always yields at least one element
      return /^\d+(\.\d+)?$/.test(article) ? [article] : [];
    },
  },
  sentences: {
    series: {
      id: 'court.import.sentences_monthly',
      title: 'Defendants sentenced, by sentence type, per month of verdict (imported court records)',
      unit: 'defendants',
      counts:
        'defendants in cases ending in a verdict, by the sentence type read from the judgment text (unknown when unpublished), by month of the verdict',
      excludes: 'cases without a verdict',
      topic: 'court',
    },
    scope: (g) => `sentence:${g}`,
    articles: none,
  },
  cases_by_tier: {
    series: {
      id: 'court.import.cases_by_tier_monthly',
      title: 'Cases received per month by court tier (imported court records)',
      unit: 'cases',
      counts: 'cases by the tier of the court (garrison, district, fleet, appeal, cassation), by the month received',
      excludes: 'defendants',
      topic: 'court',
    },
    scope: (g) => `tier:${g}`,
    articles: none,
  },
  cases_by_region: {
    series: {
      id: 'court.import.cases_by_region_monthly',
      title: "Cases received per month by the court's region (imported court records)",
      unit: 'cases',
      counts: "cases by the region code of the court's seat as the scraper records it, by the month received",
      excludes: "the soldier's home region (garrison courts sit where the unit is)",
      topic: 'court',
    },
    scope: (g) => `region:${g}`,
    articles: none,
  },
};

export const COURT_SERIES_IDS = Object.values(COURT_SERIES).map((d) => d.series.id);

function slug(group: string): string {
  const s = group
    .toLowerCase()
    .replace(/\|/g, '-')
    .replace(/[\s/]+/g, '_');
  return /^[a-z0-9._-]+$/.test(s) ? s : `h${createHash('sha256').update(group).digest('hex').slice(0, 10)}`;
}

/** The source of the derived rows: the import itself, naming every file (by SHA-256) it rests on. */
export function importSource(fileHashes: string[]): Source {
  const sorted = [...fileHashes].sort();
  const id = `court-import-${createHash('sha256').update(sorted.join(',')).digest('hex').slice(0, 16)}`;
  return {
    id,
    organisation: 'darkfigure import',
    title: 'Series derived from imported court records',
    confidence: 'B',
    partyToConflict: false,
    notes: `derived by darkfigure from ${sorted.length} imported court-record file(s), sha256: ${sorted.join(', ')}`,
  };
}

export function derivedObservations(queries: DerivedQuery[], source: Source): Observation[] {
  const out: Observation[] = [];
  for (const q of queries) {
    const def = COURT_SERIES[q.name];
    if (!def) continue;
    for (const r of q.rows) {
      if (!/^\d{4}-\d{2}$/.test(r.month)) continue;
      const start = `${r.month}-01`;
      out.push({
        id: `${def.series.id}:${r.group === '' ? '' : `${slug(r.group)}:`}${r.month}`,
        seriesId: def.series.id,
        sourceId: source.id,
        articles: def.articles(r.group),
        scope: def.scope(r.group),
        periodStart: start,
        periodEnd: monthEnd(start),
        valueKind: 'interval_count',
        value: r.value,
        qualifier: '=',
        unit: def.series.unit,
        derivation: 'derived',
        formula: q.formula,
      });
    }
  }
  return out;
}
