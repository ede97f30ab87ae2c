import { createHash } from 'node:crypto';
import type { Observation, Series, Source } from '../domain/index.ts';
import type { ObservationsTable, SeriesTable, SourcesTable } from './schema.ts';

/** A stable hash of a value's content: keys sorted, undefined dropped. Equal content, equal hash. */
export function contentHash(value: unknown): string {
  // An import checks and writes the same parsed objects several times: hash each once.
  if (value !== null && typeof value === 'object') {
    const hit = hashes.get(value);
    if (hit) return hit;
    const h = createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 32);
    hashes.set(value, h);
    return h;
  }
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 32);
}

// Parsed domain objects are not mutated after validation, so a hash per object identity is safe.
const hashes = new WeakMap<object, string>();

export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  let out = '';
  for (const k of Object.keys(obj).sort()) {
    const v = obj[k];
    if (v === undefined) continue;
    out += `${out ? ',' : ''}${JSON.stringify(k)}:${canonicalJson(v)}`;
  }
  return `{${out}}`;
}

const orNull = <T>(v: T | undefined): T | null => (v === undefined ? null : v);
const orUndef = <T>(v: T | null): T | undefined => (v === null ? undefined : v);
// pg hands back numeric/bigint columns as strings; SQLite as numbers.
const num = (v: unknown): number => (typeof v === 'number' ? v : Number(v));
const numOrUndef = (v: unknown): number | undefined => (v === null || v === undefined ? undefined : num(v));

export function sourceToRow(s: Source): SourcesTable {
  return {
    id: s.id,
    organisation: s.organisation,
    outlet: orNull(s.outlet),
    title: orNull(s.title),
    url: orNull(s.url),
    published: orNull(s.published),
    accessed: orNull(s.accessed),
    confidence: s.confidence,
    party_to_conflict: s.partyToConflict ? 1 : 0,
    file: null,
    seed_article: s.seedArticle ? 1 : 0,
    notes: orNull(s.notes),
    content_hash: contentHash(s),
  };
}

export function rowToSource(r: SourcesTable): Source {
  return {
    id: r.id,
    organisation: r.organisation,
    outlet: orUndef(r.outlet),
    title: orUndef(r.title),
    url: orUndef(r.url),
    published: orUndef(r.published),
    accessed: orUndef(r.accessed),
    confidence: r.confidence as Source['confidence'],
    partyToConflict: num(r.party_to_conflict) === 1,
    seedArticle: num(r.seed_article) === 1 ? true : undefined,
    notes: orUndef(r.notes),
  };
}

export function seriesToRow(s: Series): SeriesTable {
  return { ...s, content_hash: contentHash(s) };
}

export function rowToSeries(r: SeriesTable): Series {
  return { id: r.id, title: r.title, unit: r.unit, counts: r.counts, excludes: r.excludes, topic: r.topic };
}

export function observationToRow(o: Observation): ObservationsTable {
  return {
    id: o.id,
    series_id: o.seriesId,
    source_id: o.sourceId,
    articles: JSON.stringify(o.articles),
    scope: o.scope,
    period_start: orNull(o.periodStart),
    period_end: o.periodEnd,
    value_kind: o.valueKind,
    rate_per: orNull(o.ratePer),
    value: o.value,
    qualifier: o.qualifier,
    low: orNull(o.low),
    high: orNull(o.high),
    unit: o.unit,
    derivation: o.derivation,
    formula: orNull(o.formula),
    ref: orNull(o.ref),
    notes: orNull(o.notes),
    content_hash: contentHash(o),
  };
}

export function rowToObservation(r: ObservationsTable): Observation {
  return {
    id: r.id,
    seriesId: r.series_id,
    sourceId: r.source_id,
    articles: JSON.parse(r.articles) as string[],
    scope: r.scope,
    periodStart: orUndef(r.period_start),
    periodEnd: r.period_end,
    valueKind: r.value_kind as Observation['valueKind'],
    ratePer: orUndef(r.rate_per) as Observation['ratePer'],
    value: num(r.value),
    qualifier: r.qualifier as Observation['qualifier'],
    low: numOrUndef(r.low),
    high: numOrUndef(r.high),
    unit: r.unit,
    derivation: r.derivation as Observation['derivation'],
    formula: orUndef(r.formula),
    ref: orUndef(r.ref),
    notes: orUndef(r.notes),
  };
}
