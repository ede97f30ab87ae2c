import { z } from 'zod';
import { Seed } from './seed.ts';
import {
  computeMse,
  linkageSensitivity,
  mseAnswer,
  mseOutcome,
  type MseAnswer,
  type MseOutcome,
} from '../jobs/index.ts';
import { type PopulationPrior, parseMseInput, mergeLists, parseMergeGroups, type PatternTable } from '../mse/index.ts';
import {
  applicableMethods,
  METHODS,
  runMethods,
  type MseMethod,
  type MseOptions,
  type MseReport,
} from '../mse/index.ts';
import type { MseResult } from '../report/index.ts';
import type { JobsDep } from './deps.ts';

export {
  computeMse,
  linkageSensitivity,
  METHODS,
  mseAnswer,
  mseOutcome,
  type MseAnswer,
  type MseMethod,
  type MseOptions,
  type MseOutcome,
  type MseReport,
  type MseResult,
  type PopulationPrior,
};

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
    seed: Seed,
  }),
]);
export type MseRequest = z.output<typeof MseRequest>;

/**
 * The capture–recapture analysis, as `POST /api/mse` and `darkfigure mse --json` answer it: on the job
 * pool when one is given (`mse.estimate` jobs), else in-process.
 */
export async function runMse(deps: { jobs?: JobsDep; signal?: AbortSignal }, req: MseRequest): Promise<MseOutcome> {
  return deps.jobs ? deps.jobs.run<MseOutcome>('mse.estimate', req, deps.signal) : mseOutcome(req);
}

/**
 * Capture–recapture on a file with every setting the command line offers (`darkfigure mse`): one method
 * or all, strata, merged lists and method options. Bad input throws BadInputError.
 */
export interface MseFileRequest {
  name: string;
  text: string;
  method: MseMethod | 'all';
  /** CSV columns to estimate per stratum (and in total). */
  strata: string[];
  /** Lists to count as one, "courts+wanted[,a+b]". */
  merge?: string;
  options: MseOptions;
}

export interface MseFileAnalysis {
  name: string;
  total: MseReport;
  perStratum: Array<{ key: Record<string, string>; report: MseReport }>;
  merges: string[][];
  /** The linkage's threshold sensitivity, when the file is `link --json` output. */
  sensitivity?: MseResult['sensitivity'];
}

export function runMseFile(req: MseFileRequest): MseFileAnalysis {
  const input = parseMseInput(req.text, req.name, req.strata);
  const merges = req.merge !== undefined ? parseMergeGroups(req.merge, '--merge') : [];
  const prepare = (t: PatternTable) => (merges.length ? mergeLists(t, merges, '--merge') : t);
  input.table = prepare(input.table);
  for (const s of input.strata) s.table = prepare(s.table);
  const methodsFor = (lists: number): MseMethod[] => (req.method === 'all' ? applicableMethods(lists) : [req.method]);
  const total = runMethods(input.table, methodsFor(input.table.lists.length), req.options);
  const perStratum = input.strata.map((s) => ({
    key: s.key,
    report: runMethods(s.table, methodsFor(s.table.lists.length), req.options),
  }));
  return { name: req.name, total, perStratum, merges, sensitivity: linkageSensitivity(req.text, req.name) };
}

/** `darkfigure mse --json` of a file: the API's answer (mseAnswer), with each stratum's answer when asked for. */
export type MseFileJson = MseAnswer & {
  strata?: Array<MseAnswer & { stratum: Record<string, string> }>;
};

export function mseFileJson(a: MseFileAnalysis, withStrata: boolean): MseFileJson {
  const ctx = { sensitivity: a.sensitivity, merged: a.merges };
  const out: MseFileJson = mseAnswer(a.total, { name: a.name, ...ctx });
  if (withStrata)
    out.strata = a.perStratum.map((s) => ({
      stratum: s.key,
      ...mseAnswer(s.report, {
        name: `${a.name}: ${Object.entries(s.key)
          .map(([k, v]) => `${k}=${v}`)
          .join(', ')}`,
        ...ctx,
      }),
    }));
  return out;
}
