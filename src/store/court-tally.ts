import { sql } from 'kysely';
import type { CourtDb } from './court-records.ts';

// The monthly counts behind the court series, kept by difference: each case an import writes adds its
// contributions, each stored version it replaces takes its own away. The rules are those of the series'
// queries (monthlyCourtCounts), so that the kept counts always equal what those queries return.

/** What a case contributes: the few columns the series group by. */
export interface TallyCase {
  date_received: string | null;
  date_result: string | null;
  result: string;
  court_tier: string;
  region: string | null;
}

const SEP = '\u0000';

export class CourtTally {
  /** series → group → month → change in count (nested: no key string built per case). */
  readonly delta = new Map<string, Map<string, Map<string, number>>>();

  private bump(series: string, grp: string, month: string, by: number): void {
    let g = this.delta.get(series);
    if (!g) this.delta.set(series, (g = new Map()));
    let m = g.get(grp);
    if (!m) g.set(grp, (m = new Map()));
    m.set(month, (m.get(month) ?? 0) + by);
  }

  /** The non-zero changes, one row per series, group and month. */
  rows(): Array<{ series: string; grp: string; month: string; n: number }> {
    const out: Array<{ series: string; grp: string; month: string; n: number }> = [];
    for (const [series, g] of this.delta)
      for (const [grp, m] of g) for (const [month, n] of m) if (n !== 0) out.push({ series, grp, month, n });
    return out;
  }

  /**
   * One case with its defendants' sentences and its charges (article, part per defendant idx); sign -1
   * takes a stored version away.
   */
  addCase(
    c: TallyCase,
    sentences: ArrayLike<string>,
    charges: ArrayLike<{ idx: number; article: string; part: string }>,
    sign: 1 | -1,
  ): void {
    const received = c.date_received === null ? null : c.date_received.slice(0, 7);
    const decided = c.result === 'verdict' && c.date_result !== null ? c.date_result.slice(0, 7) : null;
    if (received !== null) {
      this.bump('cases_received', '', received, sign);
      this.bump('cases_by_tier', c.court_tier, received, sign);
      this.bump('cases_by_region', c.region ?? 'unknown', received, sign);
      // A defendant counts once per article-part, however many points or repeats name it.
      let seen: Set<string> | null = null;
      for (let i = 0; i < charges.length; i++) {
        const ch = charges[i]!;
        const g = `${ch.article}|${ch.part}`;
        const k = `${ch.idx}${SEP}${g}`;
        if (charges.length > 1) {
          seen ??= new Set();
          if (seen.has(k)) continue;
          seen.add(k);
        }
        this.bump('defendants_by_article', g, received, sign);
      }
    }
    if (decided !== null) {
      this.bump('verdicts', '', decided, sign);
      for (let i = 0; i < sentences.length; i++) this.bump('sentences', sentences[i]!, decided, sign);
    }
  }
}

/** Take away what the stored cases `ids` contribute (before they are replaced). */
export async function untallyStored(db: CourtDb, ids: number[], tally: CourtTally): Promise<void> {
  for (let i = 0; i < ids.length; i += 5000) {
    const part = ids.slice(i, i + 5000);
    const cases = await db
      .selectFrom('court_cases')
      .select(['id', 'date_received', 'date_result', 'result', 'court_tier', 'region'])
      .where('id', 'in', part)
      .execute();
    const defs = await db
      .selectFrom('court_defendants')
      .select(['case_id', 'sentence'])
      .where('case_id', 'in', part)
      .orderBy('case_id')
      .orderBy('idx')
      .execute();
    const chs = await db
      .selectFrom('court_charges')
      .select(['case_id', 'idx', 'article', 'part'])
      .where('case_id', 'in', part)
      .execute();
    const sentences = new Map<number, string[]>();
    for (const d of defs)
      (sentences.get(Number(d.case_id)) ?? sentences.set(Number(d.case_id), []).get(Number(d.case_id))!).push(
        d.sentence,
      );
    const charges = new Map<number, Array<{ idx: number; article: string; part: string }>>();
    for (const ch of chs)
      (charges.get(Number(ch.case_id)) ?? charges.set(Number(ch.case_id), []).get(Number(ch.case_id))!).push({
        idx: Number(ch.idx),
        article: ch.article,
        part: ch.part,
      });
    for (const c of cases) tally.addCase(c, sentences.get(Number(c.id)) ?? [], charges.get(Number(c.id)) ?? [], -1);
  }
}

/** Write a tally's changes into court_monthly_counts (groups that fall to zero go, as a query would not list them). */
export async function applyTally(db: CourtDb, tally: CourtTally): Promise<void> {
  const rows = tally.rows();
  for (let i = 0; i < rows.length; i += 2000)
    await db
      .insertInto('court_monthly_counts')
      .values(rows.slice(i, i + 2000))
      .onConflict((oc) =>
        oc.columns(['series', 'grp', 'month']).doUpdateSet({ n: sql<number>`court_monthly_counts.n + excluded.n` }),
      )
      .execute();
  if (rows.length) await db.deleteFrom('court_monthly_counts').where('n', '=', 0).execute();
}
