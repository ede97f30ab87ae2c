import { z } from 'zod';
import { BadInputError } from '../domain/errors.ts';
import { parseMseInput } from '../mse/read-input.ts';
import { applicableMethods, runMethods } from '../mse/report.ts';
import { simulateWorld } from '../mse/simulate-world.ts';
import { mergeLists, parseMergeGroups, type PatternTable } from '../mse/table.ts';
import type { MseResult } from '../report/mse-chart.ts';

/** What the capture–recapture view sends: uploaded text (JSON pattern counts or a records CSV), or a simulated world. */
export const MseRequest = z.union([
  z.strictObject({
    kind: z.literal('upload'),
    name: z.string().max(200).default('upload'),
    text: z.string().min(1).max(5_000_000),
    seed: z.number().int().default(1),
    /** Lists to count as one, "courts+wanted[,a+b]" (see `mse --merge`). */
    merge: z.string().max(2000).optional(),
  }),
  z.strictObject({
    kind: z.literal('world'),
    N: z.number().int().min(50).max(200_000).default(2000),
    lists: z.number().int().min(2).max(5).default(3),
    capture: z.number().min(0.02).max(0.95).default(0.25),
    sigma: z.number().min(0).max(3).default(1),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  }),
]);
export type MseRequest = z.output<typeof MseRequest>;

const Sensitivity = z.array(z.strictObject({ threshold: z.number().min(0).max(1), linkedPeople: z.number().int().min(0) })).min(1);

/** The threshold sensitivity of a linkage run (`link --json`), when the uploaded text is one; bad rows are the file's fault. */
export function linkageSensitivity(text: string, file: string): Array<{ threshold: number; linkedPeople: number }> | undefined {
  if (!/"thresholdSensitivity"/.test(text)) return undefined;
  let raw: unknown;
  try {
    raw = (JSON.parse(text) as { thresholdSensitivity?: unknown }).thresholdSensitivity;
  } catch {
    return undefined; // not JSON: parseMseInput words that error
  }
  const r = Sensitivity.safeParse(raw);
  if (!r.success) throw new BadInputError(r.error.issues.map((i) => ({ file, line: 0, field: ['thresholdSensitivity', ...i.path].join('.'), message: i.message })));
  return r.data;
}

/**
 * Run every applicable method on the table (a pure task: it runs on a worker thread, since LCMCR and DGA
 * take seconds). Bad input throws BadInputError with file, line and field.
 */
export function runMseTask(req: MseRequest): MseResult {
  let table: PatternTable;
  let truth: number | undefined;
  let name: string;
  let sensitivity: MseResult['sensitivity'];
  if (req.kind === 'upload') {
    table = parseMseInput(req.text, req.name).table;
    if (req.merge?.trim()) table = mergeLists(table, parseMergeGroups(req.merge, 'merge'), 'merge');
    sensitivity = linkageSensitivity(req.text, req.name);
    name = req.name;
  } else {
    const world = simulateWorld({ N: req.N, lists: req.lists, heterogeneity: { type: 'logit-normal', base: Array(req.lists).fill(req.capture), sigma: req.sigma }, seed: req.seed });
    table = world.table;
    truth = world.N;
    name = `simulated world: N = ${req.N}, ${req.lists} lists, capture ${req.capture}, heterogeneity σ = ${req.sigma}, seed ${req.seed}`;
  }
  const rep = runMethods(table, applicableMethods(table.lists.length), { seed: req.seed });
  // Through JSON once: diagnostics may hold typed arrays or non-finite numbers; the page gets plain data.
  // The pairwise table's undefined figures (a pair with nobody on both) become null, as in `mse --json`.
  const plain = JSON.parse(JSON.stringify({
    results: rep.results.map((r) => ({ method: r.method, model: r.model, estimate: r.estimate, interval: r.interval, level: r.level, diagnostics: r.diagnostics, settings: r.settings, warnings: r.warnings })),
    pairwise: rep.pairwise,
  })) as Pick<MseResult, 'results' | 'pairwise'>;
  return {
    name,
    lists: rep.lists,
    observed: rep.observed,
    truth,
    spread: Number.isFinite(rep.spread) ? rep.spread : null,
    failures: rep.failures,
    results: plain.results,
    pairwise: plain.pairwise,
    overlap: rep.overlap,
    warnings: rep.warnings,
    ...(sensitivity ? { sensitivity } : {}),
  };
}
