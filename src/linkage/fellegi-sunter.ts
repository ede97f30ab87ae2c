/**
 * Clear-text probabilistic linkage (Fellegi–Sunter, as in Splink): each comparison has ordered
 * levels (null, then the listed levels, then "else"); u is estimated from random pairs, λ from
 * deterministic rules and an assumed recall, m by EM on blocked pairs (columns of the training
 * rule held out), with term-frequency adjustment of exact matches. Pure: tables in, scores out.
 */
import { z } from 'zod';
import { BadInputError, type InputIssue } from '../domain/index.ts';
import { normaliseValue, UnreadableValueError } from './normalise.ts';
import { jaroWinkler, levenshtein } from './string-similarity.ts';
import { Rng } from './prng.ts';

const Level = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('exact') }),
  z.strictObject({ type: z.literal('jaroWinkler'), threshold: z.number().min(0).max(1) }),
  z.strictObject({ type: z.literal('levenshtein'), max: z.number().int().min(0) }),
]);
export type Level = z.infer<typeof Level>;

const Rule = z.array(z.string().min(1)).min(1);

export const FsSettings = z.strictObject({
  linkType: z.enum(['dedupe_only', 'link_only']).default('dedupe_only'),
  comparisons: z
    .array(
      z.strictObject({
        column: z.string().min(1),
        levels: z.array(Level).min(1),
        termFrequency: z.boolean().default(false),
        /** Normalisation before comparing: text (default), nameKey (transliteration-proof), isoDate, none. */
        normalise: z.enum(['text', 'nameKey', 'isoDate', 'none']).default('text'),
      }),
    )
    .min(1),
  /** OR'ed rules: a pair is scored if it agrees exactly on every column of some rule. */
  blockingRules: z.array(Rule).min(1),
  /** EM sessions, one per rule (default: the blocking rules). */
  trainingBlockingRules: z.array(Rule).optional(),
  /** λ from pairs agreeing on any of these rules, divided by the assumed recall. */
  deterministicRules: z.array(Rule).optional(),
  recall: z.number().gt(0).max(1).default(0.8),
  probabilityTwoRandomRecordsMatch: z.number().gt(0).lt(1).optional(),
  /** Match probability at or above which two records are linked. */
  threshold: z.number().gt(0).lt(1).default(0.9),
  maxPairsForU: z.number().int().positive().default(200_000),
  emIterations: z.number().int().positive().default(25),
  emConvergence: z.number().positive().default(1e-4),
  tfMinimumU: z.number().positive().default(1e-4),
  seed: z.number().int().default(1),
});
export type FsSettings = z.infer<typeof FsSettings>;
export type FsSettingsInput = z.input<typeof FsSettings>;

export interface Table {
  columns: string[];
  rows: string[][];
  /** For locating bad values: the file, and the line each row starts on (default: "table N", row + 2 after a header). */
  file?: string;
  lines?: number[];
}

export interface FsModel {
  lambda: number;
  /** Per comparison, per level (listed levels then else): m and u. */
  m: number[][];
  u: number[][];
  /** Per comparison: value → term frequency (only where termFrequency is on). */
  tf: Array<Map<string, number> | null>;
  trainedComparisons: boolean[];
  warnings: string[];
}

export interface ScoredPairs {
  /** Global record indices (sources concatenated in order). */
  a: Int32Array;
  b: Int32Array;
  weight: Float64Array;
  probability: Float64Array;
}

/** Records of all tables, with their values per comparison prepared once. */
export interface Prepared {
  n: number;
  source: Int32Array;
  row: Int32Array;
  /** values[c][i]: prepared value of comparison c for record i, null if missing. */
  values: Array<Array<string | null>>;
  /** Raw column values for blocking (prepared the same way as comparisons on that column). */
  column: (name: string) => Array<string | null>;
}

type CompareRule = FsSettings['comparisons'][number]['normalise'];

/** The value as compared: trimmed, normalised (normalise.ts, as encoding does), null when missing. */
function prepareValue(v: string | undefined, rule: CompareRule): string | null {
  if (v === undefined) return null;
  const t = v.trim();
  if (t === '') return null;
  return normaliseValue(t, rule) || null;
}

// Bad values listed at most (the rest counted), as the other readers do.
const ISSUE_CAP = 50;

export function prepareTables(tables: readonly Table[], settings: FsSettings): Prepared {
  const n = tables.reduce((s, t) => s + t.rows.length, 0);
  const source = new Int32Array(n),
    row = new Int32Array(n);
  let k = 0;
  tables.forEach((t, s) => t.rows.forEach((_, r) => ((source[k] = s), (row[k] = r), k++)));
  const ruleFor = new Map<string, CompareRule>();
  for (const c of settings.comparisons) if (!ruleFor.has(c.column)) ruleFor.set(c.column, c.normalise);
  const cache = new Map<string, Array<string | null>>();
  const column = (name: string) => {
    let col = cache.get(name);
    if (col) return col;
    const rule = ruleFor.get(name) ?? 'text';
    col = [];
    for (const t of tables) {
      const ci = t.columns.indexOf(name);
      if (ci < 0) throw new Error(`column "${name}" is not in the table (columns: ${t.columns.join(', ')})`);
      for (const r of t.rows) col.push(prepareValue(r[ci], rule));
    }
    cache.set(name, col);
    return col;
  };
  // A value its rule cannot read (a bad date) is bad input: every one is reported, nothing is linked.
  const issues: InputIssue[] = [];
  let bad = 0;
  const values = settings.comparisons.map((c) => {
    const rule = c.normalise;
    const out: Array<string | null> = [];
    tables.forEach((t, s) => {
      const ci = t.columns.indexOf(c.column);
      if (ci < 0) throw new Error(`column "${c.column}" is not in the table (columns: ${t.columns.join(', ')})`);
      t.rows.forEach((r, i) => {
        try {
          out.push(prepareValue(r[ci], rule));
        } catch (e) {
          if (!(e instanceof UnreadableValueError)) throw e;
          if (bad++ < ISSUE_CAP)
            issues.push({
              file: t.file ?? `table ${s + 1}`,
              line: t.lines?.[i] ?? i + 2,
              column: ci + 1,
              field: c.column,
              message: e.message,
            });
          out.push(null);
        }
      });
    });
    return out;
  });
  if (bad > ISSUE_CAP)
    issues.push({
      file: issues[0]!.file,
      line: 0,
      message: `${bad} unreadable values in all, the first ${ISSUE_CAP} listed`,
    });
  if (issues.length) throw new BadInputError(issues);
  return { n, source, row, values, column };
}

/** Level of a comparison for a pair: −1 null, 0..L−1 the listed levels, L else. */
export function levelOf(levels: readonly Level[], a: string | null, b: string | null): number {
  if (a === null || b === null) return -1;
  for (let l = 0; l < levels.length; l++) {
    const lv = levels[l]!;
    if (
      lv.type === 'exact'
        ? a === b
        : lv.type === 'jaroWinkler'
          ? jaroWinkler(a, b) >= lv.threshold
          : levenshtein(a, b) <= lv.max
    )
      return l;
  }
  return levels.length;
}

function gammaOf(p: Prepared, s: FsSettings, i: number, j: number, out: Int8Array): Int8Array {
  for (let c = 0; c < s.comparisons.length; c++)
    out[c] = levelOf(s.comparisons[c]!.levels, p.values[c]![i] as string | null, p.values[c]![j] as string | null);
  return out;
}

function pairAllowed(p: Prepared, s: FsSettings, i: number, j: number): boolean {
  return s.linkType === 'dedupe_only' ? true : p.source[i] !== p.source[j];
}

/** Pairs agreeing exactly on every column of one of the rules (each pair once, i < j). */
export function blockedPairs(p: Prepared, s: FsSettings, rules: readonly string[][]): { a: Int32Array; b: Int32Array } {
  const seen = new Set<number>();
  const a: number[] = [],
    b: number[] = [];
  for (const rule of rules) {
    const cols = rule.map((c) => p.column(c));
    const blocks = new Map<string, number[]>();
    for (let i = 0; i < p.n; i++) {
      const parts: string[] = [];
      let ok = true;
      for (const col of cols) {
        const v = col[i] as string | null;
        if (v === null) {
          ok = false;
          break;
        }
        parts.push(v);
      }
      if (!ok) continue;
      const key = parts.join('\u0000');
      let l = blocks.get(key);
      if (!l) blocks.set(key, (l = []));
      l.push(i);
    }
    for (const l of blocks.values()) {
      for (let x = 0; x < l.length; x++) {
        for (let y = x + 1; y < l.length; y++) {
          const i = l[x]!,
            j = l[y]!;
          if (!pairAllowed(p, s, i, j)) continue;
          const k = i * p.n + j;
          if (seen.has(k)) continue;
          seen.add(k);
          a.push(i);
          b.push(j);
        }
      }
    }
  }
  return { a: Int32Array.from(a), b: Int32Array.from(b) };
}

function totalPairs(p: Prepared, s: FsSettings): number {
  if (s.linkType === 'dedupe_only') return (p.n * (p.n - 1)) / 2;
  const sizes = new Map<number, number>();
  for (const x of p.source) sizes.set(x, (sizes.get(x) ?? 0) + 1);
  let same = 0;
  for (const v of sizes.values()) same += (v * (v - 1)) / 2;
  return (p.n * (p.n - 1)) / 2 - same;
}

/** u by random sampling of pairs (almost all of which are non-matches). */
export function estimateU(p: Prepared, s: FsSettings): number[][] {
  const rng = new Rng(s.seed);
  const counts = s.comparisons.map((c) => new Float64Array(c.levels.length + 1));
  const g = new Int8Array(s.comparisons.length);
  let drawn = 0;
  const maxTries = s.maxPairsForU * 20;
  for (let t = 0; t < maxTries && drawn < s.maxPairsForU; t++) {
    const i = rng.int(p.n),
      j = rng.int(p.n);
    if (i === j || !pairAllowed(p, s, i, j)) continue;
    drawn++;
    gammaOf(p, s, i, j, g);
    for (let c = 0; c < g.length; c++) if (g[c]! >= 0) counts[c]![g[c]!]!++;
  }
  // A level never seen among random pairs gets half a count, so its weight stays finite.
  return counts.map((cs) => {
    const tot = cs.reduce((x, y) => x + y, 0);
    return Array.from(cs, (x) => Math.max(x, 0.5) / Math.max(tot, 1));
  });
}

function initialM(levels: number): number[] {
  // Exact-most level likely, else-level unlikely; never 0 or 1 (EM could not move them).
  const m = new Array<number>(levels + 1);
  m[levels] = 0.05;
  let left = 0.95;
  for (let l = 0; l < levels; l++) {
    m[l] = l === levels - 1 ? left : left * 0.7;
    left -= m[l]!;
  }
  return m;
}

/** EM for m on blocked pairs of one training rule, holding out the comparisons on the rule's columns. */
function emSession(
  p: Prepared,
  s: FsSettings,
  rule: string[],
  m: number[][],
  u: number[][],
): { m: number[][]; active: boolean[]; iterations: number } {
  const { a, b } = blockedPairs(p, s, [rule]);
  const C = s.comparisons.length;
  const active = s.comparisons.map((c) => !rule.includes(c.column));
  // Aggregate identical comparison vectors.
  const patterns = new Map<string, { g: Int8Array; n: number }>();
  const g = new Int8Array(C);
  for (let k = 0; k < a.length; k++) {
    gammaOf(p, s, a[k]!, b[k]!, g);
    const key = g.join(',');
    const e = patterns.get(key);
    if (e) e.n++;
    else patterns.set(key, { g: g.slice(), n: 1 });
  }
  const mm = m.map((x) => x.slice());
  let lambda = 0.5;
  let it = 0;
  for (; it < s.emIterations; it++) {
    const num = mm.map((x) => new Float64Array(x.length));
    let pSum = 0,
      total = 0;
    for (const { g: gg, n } of patterns.values()) {
      let lr = Math.log2(lambda / (1 - lambda));
      for (let c = 0; c < C; c++) if (active[c] && gg[c]! >= 0) lr += Math.log2(mm[c]![gg[c]!]! / u[c]![gg[c]!]!);
      const prob = 1 / (1 + 2 ** -lr);
      pSum += prob * n;
      total += n;
      for (let c = 0; c < C; c++) if (active[c] && gg[c]! >= 0) num[c]![gg[c]!]! += prob * n;
    }
    let change = 0;
    for (let c = 0; c < C; c++) {
      if (!active[c]) continue;
      const den = num[c]!.reduce((x, y) => x + y, 0);
      if (den <= 0) continue;
      for (let l = 0; l < mm[c]!.length; l++) {
        const v = Math.min(Math.max(num[c]![l]! / den, 1e-6), 1 - 1e-6);
        change = Math.max(change, Math.abs(v - mm[c]![l]!));
        mm[c]![l] = v;
      }
    }
    lambda = Math.min(Math.max(pSum / Math.max(total, 1), 1e-6), 1 - 1e-6);
    if (change < s.emConvergence) break;
  }
  return { m: mm, active, iterations: it + 1 };
}

export function termFrequencies(p: Prepared, s: FsSettings): Array<Map<string, number> | null> {
  return s.comparisons.map((c, ci) => {
    if (!c.termFrequency) return null;
    const counts = new Map<string, number>();
    let tot = 0;
    for (const v of p.values[ci]!) {
      if (v === null) continue;
      counts.set(v, (counts.get(v) ?? 0) + 1);
      tot++;
    }
    for (const [k, v] of counts) counts.set(k, v / tot);
    return counts;
  });
}

/** Train the model: u by sampling, λ from deterministic rules, m by EM sessions averaged. */
export function trainModel(p: Prepared, s: FsSettings): FsModel {
  const warnings: string[] = [];
  const u = estimateU(p, s);
  let lambda: number;
  if (s.probabilityTwoRandomRecordsMatch !== undefined) lambda = s.probabilityTwoRandomRecordsMatch;
  else if (s.deterministicRules) {
    const { a } = blockedPairs(p, s, s.deterministicRules);
    lambda = Math.min(Math.max(a.length / s.recall / Math.max(totalPairs(p, s), 1), 1e-9), 0.5);
  } else
    throw new Error(
      'settings need either probabilityTwoRandomRecordsMatch or deterministicRules (with recall) to fix λ',
    );
  const init = s.comparisons.map((c) => initialM(c.levels.length));
  const sums = init.map((x) => x.map(() => 0));
  const times = s.comparisons.map(() => 0);
  for (const rule of s.trainingBlockingRules ?? s.blockingRules) {
    const r = emSession(p, s, rule, init, u);
    r.active.forEach((on, c) => {
      if (!on) return;
      r.m[c]!.forEach((v, l) => (sums[c]![l]! += v));
      times[c]!++;
    });
  }
  const m = init.map((x, c) => (times[c] ? sums[c]!.map((v) => v / times[c]!) : x));
  const trained = times.map((t) => t > 0);
  trained.forEach((t, c) => {
    if (!t)
      warnings.push(
        `comparison on "${s.comparisons[c]!.column}" was in every training rule, so its m was not estimated`,
      );
  });
  return { lambda, m, u, tf: termFrequencies(p, s), trainedComparisons: trained, warnings };
}

/** Match weight (log2 Bayes factor including the prior) of one pair. */
export function matchWeight(
  p: Prepared,
  s: FsSettings,
  model: FsModel,
  i: number,
  j: number,
  g = new Int8Array(s.comparisons.length),
): number {
  gammaOf(p, s, i, j, g);
  let w = Math.log2(model.lambda / (1 - model.lambda));
  for (let c = 0; c < g.length; c++) {
    const l = g[c]!;
    if (l < 0) continue;
    w += Math.log2(model.m[c]![l]! / model.u[c]![l]!);
    const tf = model.tf[c];
    // Level l may be the else-level, one past the listed ones.
    const lv = s.comparisons[c]!.levels[l];
    if (tf && lv && lv.type === 'exact') {
      const va = p.values[c]![i]!,
        vb = p.values[c]![j]!;
      const f = Math.max(tf.get(va) ?? 0, tf.get(vb) ?? 0, s.tfMinimumU);
      w += Math.log2(model.u[c]![l]!) - Math.log2(f);
    }
  }
  return w;
}

/** Score every blocked pair. */
export function predict(p: Prepared, s: FsSettings, model: FsModel): ScoredPairs {
  const { a, b } = blockedPairs(p, s, s.blockingRules);
  const weight = new Float64Array(a.length),
    probability = new Float64Array(a.length);
  const g = new Int8Array(s.comparisons.length);
  for (let k = 0; k < a.length; k++) {
    const w = matchWeight(p, s, model, a[k]!, b[k]!, g);
    weight[k] = w;
    probability[k] = 1 / (1 + 2 ** -w);
  }
  return { a, b, weight, probability };
}
