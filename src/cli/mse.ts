import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import {
  METHODS,
  mseFileJson,
  type MseMethod,
  type MseOptions,
  type MseReport,
  type PopulationPrior,
  runMseFile,
} from '../analyses/index.ts';
import { BadInputError } from '../domain/index.ts';
import { formatTable } from './table.ts';

interface MseOpts {
  method: string;
  strata?: string;
  seed: string;
  json?: boolean;
  model?: string;
  level?: string;
  delta?: string;
  prior?: string;
  classes?: string;
  chains?: string;
  samples?: string;
  alphaPrior?: string;
  merge?: string;
  apiJson?: boolean;
}

const argIssue = (field: string, message: string) =>
  new BadInputError([{ file: 'arguments', line: 0, field, message }]);

function numberArg(field: string, value: string, ok: (x: number) => boolean, what: string): number {
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || !ok(x)) throw argIssue(field, `must be ${what} (got "${value}")`);
  return x;
}

/** dga's population priors: "inverse" (∝ 1/N, the default), "uniform", or "negbin:a,b". */
function populationPrior(value: string): PopulationPrior {
  if (value === 'inverse' || value === 'uniform') return { type: value };
  const m = /^negbin:([^,]+),(.+)$/.exec(value);
  if (m) {
    const a = numberArg('--prior', m[1]!, (x) => x > 0, 'negbin:a,b with a, b > 0');
    const b = numberArg('--prior', m[2]!, (x) => x > 0, 'negbin:a,b with a, b > 0');
    return { type: 'negbin', a, b };
  }
  throw argIssue('--prior', `must be inverse, uniform or negbin:a,b (got "${value}")`);
}

/** The method settings the command line can change; what is not given keeps the library's default. */
export function methodOptions(opts: MseOpts): MseOptions {
  const out: MseOptions = { seed: numberArg('--seed', opts.seed, Number.isInteger, 'an integer') };
  if (opts.level !== undefined)
    out.level = numberArg('--level', opts.level, (x) => x > 0 && x < 1, 'a probability between 0 and 1');
  if (opts.model) out.model = opts.model;
  const dga: NonNullable<MseOptions['dga']> = {};
  if (opts.delta !== undefined) dga.delta = numberArg('--delta', opts.delta, (x) => x > 0, 'a positive number');
  if (opts.prior !== undefined) dga.prior = populationPrior(opts.prior);
  const lc: NonNullable<MseOptions['lcmcr']> = {};
  if (opts.classes !== undefined)
    lc.K = numberArg(
      '--classes',
      opts.classes,
      (x) => Number.isInteger(x) && x >= 1 && x <= 100,
      'an integer from 1 to 100',
    );
  if (opts.chains !== undefined)
    lc.chains = numberArg(
      '--chains',
      opts.chains,
      (x) => Number.isInteger(x) && x >= 1 && x <= 64,
      'an integer from 1 to 64',
    );
  if (opts.samples !== undefined)
    lc.samples = numberArg(
      '--samples',
      opts.samples,
      (x) => Number.isInteger(x) && x >= 10,
      'an integer of at least 10',
    );
  if (opts.alphaPrior !== undefined) {
    const [shape, rate, ...extra] = opts.alphaPrior.split(',');
    if (shape === undefined || rate === undefined || extra.length)
      throw argIssue('--alpha-prior', `must be "shape,rate" (got "${opts.alphaPrior}")`);
    lc.alphaPrior = [
      numberArg('--alpha-prior', shape, (x) => x > 0, 'two positive numbers "shape,rate"'),
      numberArg('--alpha-prior', rate, (x) => x > 0, 'two positive numbers "shape,rate"'),
    ];
  }
  if (Object.keys(dga).length) out.dga = dga;
  if (Object.keys(lc).length) out.lcmcr = lc;
  return out;
}

const fmt = (x: number) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : '—');

function textReport(rep: MseReport, title: string): string {
  const rows = rep.results.map((r) => [
    r.method,
    r.model,
    fmt(r.estimate),
    `[${fmt(r.interval[0])}, ${fmt(r.interval[1])}]`,
    `${Math.round(r.level * 100)}%`,
  ]);
  const out = [
    `${title}: ${rep.lists.length} lists (${rep.lists.join(', ')}), ${rep.observed.toLocaleString('en-US')} people observed`,
  ];
  if (rows.length) out.push(formatTable(['method', 'model', 'estimate', 'interval', 'level'], rows));
  if (rep.results.length > 1 && Number.isFinite(rep.spread))
    out.push(`sensitivity: the largest estimate is ${rep.spread.toFixed(2)}× the smallest`);
  if (rep.pairwise.length)
    out.push(
      'pairs of lists (Chapman on two lists alone, a check on dependence: a pair far below the others may be two steps of one process; --merge a+b counts them as one list)',
      formatTable(
        ['lists', 'on both', 'estimate', 'interval', '× median'],
        rep.pairwise.map((p) => [
          p.lists.join(' × '),
          fmt(p.both),
          p.both === 0 ? 'none (no overlap)' : fmt(p.estimate),
          p.both === 0 ? '' : `[${fmt(p.interval[0])}, ${fmt(p.interval[1])}]`,
          Number.isFinite(p.relative) ? p.relative.toFixed(2) : '—',
        ]),
      ),
    );
  for (const w of rep.warnings) out.push(`warning: ${w}`);
  for (const r of rep.results) for (const w of r.warnings) out.push(`warning (${r.method}): ${w}`);
  if (rep.overlap.refusal)
    out.push(`no estimate (${rep.failures.map((f) => f.method).join(', ')}): ${rep.overlap.refusal}`);
  else for (const f of rep.failures) out.push(`no estimate (${f.method}): ${f.error}`);
  return out.join('\n');
}

function readText(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new BadInputError([
      { file, line: 0, message: `cannot read the file: ${err instanceof Error ? err.message : String(err)}` },
    ]);
  }
}

export function register(program: Command): void {
  program
    .command('mse')
    .description(
      'capture–recapture (multiple systems estimation): how many were never recorded, from overlapping lists',
    )
    .argument(
      '<file>',
      'pattern counts (JSON: {"lists", "counts"} or link\'s {"lists", "captureHistories"}) or a CSV with one 0/1 column per list',
    )
    .option('--method <m>', `${METHODS.join('|')}|all`, 'all')
    .option('--strata <cols>', 'comma-separated CSV columns: estimate per stratum and in total')
    .option('--seed <s>', 'random seed (bootstrap, LCMCR chains)', '1')
    .option(
      '--model <terms>',
      'with --method loglinear: fit this one model, e.g. "[12,3]", with its profile-likelihood interval',
    )
    .option('--level <p>', 'interval level (default 0.95)')
    .option('--delta <d>', 'dga: hyper-Dirichlet prior count per cell (default 2^-lists)')
    .option('--prior <p>', 'dga: prior on the population, inverse (default) | uniform | negbin:a,b')
    .option('--classes <K>', 'lcmcr: latent classes, the truncation of the stick-breaking prior (default 10)')
    .option('--chains <n>', 'lcmcr: independent seeded chains (default 4)')
    .option('--samples <n>', 'lcmcr: draws kept per chain')
    .option('--alpha-prior <shape,rate>', 'lcmcr: Gamma prior on the stick-breaking concentration (default 0.25,0.25)')
    .option(
      '--merge <groups>',
      'count lists that are steps of one process as one list, e.g. "courts+wanted" (groups separated by commas)',
    )
    .option(
      '--json',
      'print the answer as JSON: without method settings or --strata, what POST /api/mse answers the same upload (less the result id)',
    )
    .option('--api-json', 'deprecated: the same as --json')
    .action((file: string, opts: MseOpts) => {
      const settings = methodOptions(opts);
      if (opts.method !== 'all' && !METHODS.includes(opts.method as MseMethod))
        throw argIssue('--method', `must be one of ${METHODS.join(', ')} or all (got "${opts.method}")`);
      if (opts.model && opts.method !== 'loglinear') throw argIssue('--model', 'goes with --method loglinear');
      const strata = opts.strata
        ? opts.strata
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean)
        : [];
      const text = readText(file);
      const analysis = runMseFile({
        name: file,
        text,
        method: opts.method as MseMethod | 'all',
        strata,
        merge: opts.merge,
        options: settings,
      });
      const { total, perStratum } = analysis;
      if (opts.json || opts.apiJson) {
        const out = mseFileJson(analysis, strata.length > 0);
        process.stdout.write(`${JSON.stringify(out)}\n`);
      } else {
        const parts = [textReport(total, strata.length ? 'total' : file)];
        for (const s of perStratum)
          parts.push(
            textReport(
              s.report,
              Object.entries(s.key)
                .map(([k, v]) => `${k}=${v}`)
                .join(', '),
            ),
          );
        process.stdout.write(`${parts.join('\n\n')}\n`);
      }
      if (total.results.length === 0) process.exitCode = 1;
    });
}
