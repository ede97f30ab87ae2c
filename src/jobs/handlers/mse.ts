import { z } from 'zod';
import { BadInputError } from '../../domain/index.ts';
import {
  parseMseInput,
  applicableMethods,
  runMethods,
  simulateWorld,
  mergeLists,
  parseMergeGroups,
  type PatternTable,
} from '../../mse/index.ts';
import type { MseResult } from '../../report/index.ts';
import type { JobHandler } from '../types.ts';

/** One capture–recapture request with its defaults filled in (src/analyses/mse.ts validates it). */
export type MseTask =
  | { kind: 'upload'; name: string; text: string; seed: number; merge?: string }
  | { kind: 'world'; N: number; lists: number; capture: number; sigma: number; seed: number };

const Sensitivity = z
  .array(z.strictObject({ threshold: z.number().min(0).max(1), linkedPeople: z.number().int().min(0) }))
  .min(1);

/** The threshold sensitivity of a linkage run (`link --json`), when the uploaded text is one; bad rows are the file's fault. */
export function linkageSensitivity(
  text: string,
  file: string,
): Array<{ threshold: number; linkedPeople: number }> | undefined {
  if (!/"thresholdSensitivity"/.test(text)) return undefined;
  let raw: unknown;
  try {
    raw = (JSON.parse(text) as { thresholdSensitivity?: unknown }).thresholdSensitivity;
  } catch {
    return undefined; // not JSON: parseMseInput words that error
  }
  const r = Sensitivity.safeParse(raw);
  if (!r.success)
    throw new BadInputError(
      r.error.issues.map((i) => ({
        file,
        line: 0,
        field: ['thresholdSensitivity', ...i.path].join('.'),
        message: i.message,
      })),
    );
  return r.data;
}

/**
 * Run every applicable method on the table (a pure task: it runs on a worker thread, since LCMCR and DGA
 * take seconds). Bad input throws BadInputError with file, line and field.
 */
export function computeMse(req: MseTask): MseResult {
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
    const world = simulateWorld({
      N: req.N,
      lists: req.lists,
      heterogeneity: { type: 'logit-normal', base: Array(req.lists).fill(req.capture), sigma: req.sigma },
      seed: req.seed,
    });
    table = world.table;
    truth = world.N;
    name = `simulated world: N = ${req.N}, ${req.lists} lists, capture ${req.capture}, heterogeneity σ = ${req.sigma}, seed ${req.seed}`;
  }
  const rep = runMethods(table, applicableMethods(table.lists.length), { seed: req.seed });
  // Through JSON once: diagnostics may hold typed arrays or non-finite numbers; the page gets plain data.
  // The pairwise table's undefined figures (a pair with nobody on both) become null, as in `mse --json`.
  const plain = JSON.parse(
    JSON.stringify({
      results: rep.results.map((r) => ({
        method: r.method,
        model: r.model,
        estimate: r.estimate,
        interval: r.interval,
        level: r.level,
        diagnostics: r.diagnostics,
        settings: r.settings,
        warnings: r.warnings,
      })),
      pairwise: rep.pairwise,
    }),
  ) as Pick<MseResult, 'results' | 'pairwise'>;
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

/** A result, or an error that says whether it was the input's fault (errors cross threads as plain data). */
export type MseOutcome = { ok: true; result: MseResult } | { ok: false; bad: boolean; error: string };

export function mseOutcome(req: MseTask): MseOutcome {
  try {
    return { ok: true, result: computeMse(req) };
  } catch (e) {
    return { ok: false, bad: e instanceof BadInputError, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Capture–recapture on one request: every applicable method (LCMCR and DGA take seconds). */
export const mseEstimate: JobHandler = (payload) => mseOutcome(payload as MseTask);
