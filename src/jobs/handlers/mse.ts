import { z } from 'zod';
import { BadInputError } from '../../domain/index.ts';
import {
  parseMseInput,
  applicableMethods,
  runMethods,
  simulateWorld,
  mergeLists,
  parseMergeGroups,
  type MseReport,
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

/** One method's answer against the median of all methods' estimates (`relative`); null where not finite. */
export interface MseMethodSensitivity {
  method: string;
  model: string;
  estimate: number | null;
  interval: [number | null, number | null];
  relative: number | null;
}

/**
 * The one answer of a capture–recapture analysis: what `POST /api/mse` answers (less its id) and what
 * `darkfigure mse --json` prints, with the methods' settings and warnings in each result.
 */
export type MseAnswer = MseResult & {
  methodSensitivity: MseMethodSensitivity[];
  /** The lists counted as one (`merge`), when any. */
  merged?: string[][];
};

/** What a report does not know: whose table it is, and what came with it. */
export interface MseAnswerContext {
  name: string;
  truth?: number;
  sensitivity?: MseResult['sensitivity'];
  merged?: string[][];
}

/** A report as plain data, for the API and `mse --json` alike (so the two cannot drift apart). */
export function mseAnswer(rep: MseReport, ctx: MseAnswerContext): MseAnswer {
  // Through JSON once: diagnostics may hold typed arrays or non-finite numbers; a reader gets plain data.
  // Undefined figures (a pair with nobody on both, a ratio to no median) become null.
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
      methodSensitivity: rep.sensitivity,
    }),
  ) as Pick<MseAnswer, 'results' | 'pairwise' | 'methodSensitivity'>;
  return {
    name: ctx.name,
    lists: rep.lists,
    observed: rep.observed,
    truth: ctx.truth,
    spread: Number.isFinite(rep.spread) ? rep.spread : null,
    failures: rep.failures,
    results: plain.results,
    methodSensitivity: plain.methodSensitivity,
    pairwise: plain.pairwise,
    overlap: rep.overlap,
    warnings: rep.warnings,
    ...(ctx.sensitivity ? { sensitivity: ctx.sensitivity } : {}),
    ...(ctx.merged?.length ? { merged: ctx.merged } : {}),
  };
}

/**
 * Run every applicable method on the table (a pure task: it runs on a worker thread, since LCMCR and DGA
 * take seconds). Bad input throws BadInputError with file, line and field.
 */
export function computeMse(req: MseTask): MseAnswer {
  if (req.kind === 'upload') {
    let table = parseMseInput(req.text, req.name).table;
    const merged = req.merge?.trim() ? parseMergeGroups(req.merge, 'merge') : [];
    if (merged.length) table = mergeLists(table, merged, 'merge');
    const sensitivity = linkageSensitivity(req.text, req.name);
    const rep = runMethods(table, applicableMethods(table.lists.length), { seed: req.seed });
    return mseAnswer(rep, { name: req.name, sensitivity, merged });
  }
  const world = simulateWorld({
    N: req.N,
    lists: req.lists,
    heterogeneity: { type: 'logit-normal', base: Array(req.lists).fill(req.capture), sigma: req.sigma },
    seed: req.seed,
  });
  const rep = runMethods(world.table, applicableMethods(world.table.lists.length), { seed: req.seed });
  const name = `simulated world: N = ${req.N}, ${req.lists} lists, capture ${req.capture}, heterogeneity σ = ${req.sigma}, seed ${req.seed}`;
  return mseAnswer(rep, { name, truth: world.N });
}

/** A result, or an error that says whether it was the input's fault (errors cross threads as plain data). */
export type MseOutcome = { ok: true; result: MseAnswer } | { ok: false; bad: boolean; error: string };

export function mseOutcome(req: MseTask): MseOutcome {
  try {
    return { ok: true, result: computeMse(req) };
  } catch (e) {
    return { ok: false, bad: e instanceof BadInputError, error: e instanceof Error ? e.message : String(e) };
  }
}

/** Capture–recapture on one request: every applicable method (LCMCR and DGA take seconds). */
export const mseEstimate: JobHandler = (payload) => mseOutcome(payload as MseTask);
