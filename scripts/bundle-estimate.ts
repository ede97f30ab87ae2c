/**
 * Make data/estimates.json from one or more calibrations of the same config with different seeds,
 * with the checks a referee asks for (docs/calibration.md, "The bundled estimate"):
 *
 *   npx tsx scripts/bundle-estimate.ts --fit cal/seed1 --fit cal/seed2 [--work cal/checks] [--table 2000] [--out data/estimates.json]
 *
 * Each --fit folder is a finished `darkfigure calibrate --out` (config.json, generations.jsonl). The
 * script pools their posteriors (the replicate seeds give the Monte Carlo error), then simulates what
 * the checks need, saving each simulation as it finishes under --work so that an interrupted run
 * (Ctrl-C) goes on where it stopped: a reference table drawn from the prior and from widened priors
 * (sensitivity and prior-only rows, and the fit through mid-2024), fresh-seed posterior predictive
 * draws, and fresh-seed predictions of every later figure from the fit through mid-2024.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import {
  completeGenerations,
  effectiveSampleSize,
  type Generation,
  posteriorGeneration,
  type SimOutput,
} from '../src/calibrate/abc-smc.ts';
import { parseCalibrationConfig, type CalibrationConfig } from '../src/calibrate/config.ts';
import {
  band,
  bootstrapMedianSe,
  checkRow,
  foldMonteCarlo,
  headlineBand,
  priorBand,
  summaryDate,
  type Weighted,
  widthRatio,
} from '../src/calibrate/estimate-checks.ts';
import { OBSERVATION_PARAMS } from '../src/calibrate/observation-params.ts';
import { parameterPosterior, predictiveChecks, seriesPosterior } from '../src/calibrate/posterior.ts';
import type { ParamPrior } from '../src/calibrate/prior.ts';
import {
  type ReferenceDesign,
  referenceDraw,
  rejectionPosterior,
  type TableRow,
  variantPrior,
} from '../src/calibrate/reference-table.ts';
import { runnerSimulator, type CalibrationResult, LOW_ESS } from '../src/calibrate/run.ts';
import { monthsBetween } from '../src/domain/dates.ts';
import { buildTargets, type Target } from '../src/calibrate/targets.ts';
import { withStore } from '../src/cli/store-context.ts';
import { ThreadPoolRunner } from '../src/jobs/index.ts';
import { bundleEstimates } from '../src/report/estimate-bundle.ts';
import { ESTIMATES_FILE } from '../src/report/estimate-file.ts';
import type { EstimateChecks, SensitivityRow } from '../src/report/estimate-schema.ts';
import { formatNumber } from '../src/report/text.ts';
import { PARAMS, type ParamKey } from '../src/sim/params.ts';
import { sequence } from '../src/sim/rng.ts';

const { values } = parseArgs({
  options: {
    fit: { type: 'string', multiple: true },
    work: { type: 'string' },
    out: { type: 'string' },
    table: { type: 'string', default: '2000' },
    keep: { type: 'string', default: '100' },
    predictive: { type: 'string', default: '200' },
    'fit-through': { type: 'string', default: '2024-06-30' },
  },
});
if (!values.fit?.length) {
  process.stderr.write(
    'usage: npx tsx scripts/bundle-estimate.ts --fit DIR [--fit DIR ...] [--work DIR] [--table N] [--keep K] [--predictive M] [--fit-through DATE] [--out FILE]\n',
  );
  process.exit(2);
}
const fits = values.fit;
const work = values.work ?? join(fits[0]!, 'checks');
const out = values.out ?? ESTIMATES_FILE;
const TABLE = Number(values.table);
const KEEP = Number(values.keep);
const PRED = Number(values.predictive);
const FIT_THROUGH = values['fit-through']!;
mkdirSync(work, { recursive: true });

const readJson = (f: string) => JSON.parse(readFileSync(f, 'utf8')) as unknown;
const cfgOf = (dir: string) => parseCalibrationConfig(join(dir, 'config.json'), readJson(join(dir, 'config.json')));
const cfg: CalibrationConfig = cfgOf(fits[0]!);
// Replicates differ in seed and budget only; a prior's evidence is words, not part of the fit.
const fitOf = (c: CalibrationConfig) =>
  JSON.stringify({
    run: { ...c.run, seed: 0, budget: 0 },
    priors: c.priors.map(({ evidence: _e, ...p }) => p),
    targets: c.targets.map(({ note: _n, missReason: _m, ...t }) => t),
  });
for (const f of fits.slice(1))
  if (fitOf(cfgOf(f)) !== fitOf(cfg))
    throw new Error(
      `${f} is not a replicate of ${fits[0]}: its settings, priors or targets differ (only the seed and budget may)`,
    );
// The words shown (each prior's evidence, each target's note and why it may be missed, the figures not
// modelled) are the bundled config's when it states the same fit.
const bundled = parseCalibrationConfig(
  'calibration/default.json',
  readJson(new URL('../calibration/default.json', import.meta.url).pathname),
);
const words = fitOf(bundled) === fitOf(cfg) ? bundled : cfg;
const priors = words.priors as Array<ParamPrior & { evidence?: string }>;
cfg.targets = words.targets;
cfg.notModelled = words.notModelled;
const observations = await withStore((s) => s.observations());
const targets: Target[] = buildTargets('calibration', cfg.targets, observations, cfg.run.force / cfg.run.agents);
const HEAD = 'awolEver';

// The fits: each one's posterior generation, then pooled with equal weight per fit.
const gensOf = (dir: string) =>
  readFileSync(join(dir, 'generations.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Generation);
const fitGens = fits.map((f) => gensOf(f));
const posts = fitGens.map((g) =>
  posteriorGeneration(completeGenerations(g, cfg.run.populationSize), cfg.run.populationSize),
);
const pooled: Weighted[] = posts.flatMap((g) =>
  g.particles.map((p) => ({ theta: p.theta, weight: p.weight / posts.length, output: p.output })),
);

// Simulations, saved line by line so an interrupted run goes on where it stopped.
const runner = new ThreadPoolRunner();
const stop = new AbortController();
process.once('SIGINT', () => {
  process.stderr.write(
    '\nstopping after this batch: what is done is kept under the work folder; run the same command again to go on\n',
  );
  stop.abort();
});
const simulate = runnerSimulator(runner, cfg, targets, undefined, stop.signal);
const named = (theta: number[]) => Object.fromEntries(priors.map((p, k) => [p.name, theta[k]!]));
async function cached(
  name: string,
  n: number,
  make: (i: number) => { theta: number[]; seed: number },
): Promise<TableRow[]> {
  const file = join(work, `${name}.jsonl`);
  const rows: TableRow[] = existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as TableRow)
    : [];
  const BATCH = 50;
  for (let i = rows.length; i < n; i += BATCH) {
    if (stop.signal.aborted) break;
    const batch = Array.from({ length: Math.min(BATCH, n - i) }, (_, j) => make(i + j));
    const outs: SimOutput[] = await simulate(batch.map((b) => ({ theta: named(b.theta), seed: b.seed })));
    const lines = batch.map((b, j) => ({ theta: b.theta, output: outs[j]! }));
    appendFileSync(file, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    rows.push(...lines);
    process.stderr.write(`\r${name}: ${rows.length}/${n} simulations   `);
  }
  process.stderr.write('\n');
  if (rows.length < n) {
    await runner.close();
    process.exit(130);
  }
  return rows;
}

/** A deterministic weighted resample of `k` rows. */
function resample<T extends { weight: number }>(rows: T[], k: number, seed: number): T[] {
  const u = sequence(seed);
  const total = rows.reduce((s, r) => s + r.weight, 0);
  return Array.from({ length: k }, () => {
    let x = u() * total;
    for (const r of rows) if ((x -= r.weight) <= 0) return r;
    return rows[rows.length - 1]!;
  });
}

// 1. The reference table: half from the prior, half from priors with one parameter's range widened.
const limitsOf = (name: string) =>
  OBSERVATION_PARAMS[name] ?? { min: PARAMS[name as ParamKey].min, max: PARAMS[name as ParamKey].max };
const design: ReferenceDesign = {
  priors,
  widened: priors.map((p) => variantPrior(p, 0, limitsOf(p.name))),
  baseShare: 0.5,
};
const table = await cached('table', TABLE, (i) => ({
  theta: referenceDraw(design, cfg.run.seed, i),
  seed: 20_000_000 + i,
}));

// 2. Fresh-seed posterior predictive: the pooled posterior resampled, every draw simulated again.
const ppcDraws = resample(pooled, PRED, 31);
// Keyed by the fits pooled: other fits give other draws.
const ppc = await cached(
  `predictive-${createHash('sha256')
    .update(JSON.stringify(fits.map((f) => resolve(f))))
    .digest('hex')
    .slice(0, 8)}`,
  PRED,
  (i) => ({ theta: ppcDraws[i]!.theta, seed: 30_000_000 + i }),
);

// 3. The fit through mid-2024 (rejection on the table, figures up to then), predicting every later figure afresh.
const inSample = targets.filter((t) => summaryDate(t.summary) <= FIT_THROUGH);
const later = targets.filter((t) => summaryDate(t.summary) > FIT_THROUGH);
const oosPost = rejectionPosterior(design, table, priors, inSample, KEEP);
const oosDraws = resample(oosPost, PRED, 41);
const oos = await cached('out-of-sample', PRED, (i) => ({ theta: oosDraws[i]!.theta, seed: 40_000_000 + i }));
await runner.close();

// Sensitivity: every row read from the same table by rejection ABC, against its own baseline row.
const asWeighted = (rows: Array<TableRow & { weight: number }>): Weighted[] =>
  rows.map((r) => ({ theta: r.theta, weight: r.weight, output: r.output }));
const headOf = (rows: Array<TableRow & { weight: number }>) => headlineBand(asWeighted(rows), HEAD);
const base = headOf(rejectionPosterior(design, table, priors, targets, KEEP));
const sensRow = (
  id: string,
  kind: SensitivityRow['kind'],
  label: string,
  h: ReturnType<typeof headOf>,
  extra: Partial<SensitivityRow> = {},
): SensitivityRow => ({ id, kind, label, ...extra, headline: h, change: h.median / base.median - 1 });
const sensitivity: SensitivityRow[] = [sensRow('baseline', 'baseline', 'all figures, the priors as given', base)];
const priorOnly = headOf(rejectionPosterior(design, table, priors, [], KEEP));
sensitivity.push(sensRow('prior-only', 'prior-only', 'the priors alone, no figures', priorOnly));
// Two significant figures, whole thousands with separators: a range label, not a value to compute with.
const short = (x: number) => (x >= 1000 ? formatNumber(Number(x.toPrecision(2))) : String(Number(x.toPrecision(2))));
const swap = (k: number, p: ParamPrior) => priors.map((q, i) => (i === k ? p : q));
priors.forEach((p, k) => {
  const lim = limitsOf(p.name);
  const force = p.name === 'obs.force2023';
  for (const [how, kind, words] of [
    [-1, force ? 'force-low' : 'prior-shift-down', 'shifted down by half its width'],
    [1, force ? 'force-high' : 'prior-shift-up', 'shifted up by half its width'],
    [0, 'prior-widen', 'widened by half its width each side'],
  ] as const) {
    const v = variantPrior(p, how, lim);
    sensitivity.push(
      sensRow(
        `${p.name}:${kind}`,
        kind,
        `${p.name} ${words} (${short(v.low)}–${short(v.high)})`,
        headOf(rejectionPosterior(design, table, swap(k, v), targets, KEEP)),
        { parameter: p.name },
      ),
    );
  }
});
for (const t of targets)
  sensitivity.push(
    sensRow(
      `drop:${t.id}`,
      'drop-target',
      `without ${t.id}`,
      headOf(
        rejectionPosterior(
          design,
          table,
          priors,
          targets.filter((x) => x !== t),
          KEEP,
        ),
      ),
      { target: t.id },
    ),
  );

// Monte Carlo error: replicate seeds, and a weighted bootstrap of the pooled particles.
const replicates = posts.map((g, i) => {
  const h = headlineBand(
    g.particles.map((p) => ({ theta: p.theta, weight: p.weight, output: p.output })),
    HEAD,
  );
  return { seed: cfgOf(fits[i]!).run.seed, median: h.median, lo95: h.lo95, hi95: h.hi95 };
});
const headValues = pooled.map((p) => p.output.series![HEAD]!.at(-1)!);
const bootSe = bootstrapMedianSe(
  headValues,
  pooled.map((p) => p.weight),
  400,
  sequence(51),
);
const meds = replicates.map((r) => r.median);
const betweenSe =
  meds.length > 1
    ? Math.sqrt(
        meds.reduce((s, m) => s + (m - meds.reduce((a, b) => a + b, 0) / meds.length) ** 2, 0) /
          (meds.length - 1) /
          meds.length,
      )
    : 0;
const seMedian = Math.max(bootSe, betweenSe);
const pooledHead = headlineBand(pooled, HEAD);
const published = foldMonteCarlo(pooledHead, replicates, seMedian, 1000);

// Force by month (every 6 months), prior against posterior.
const forceAt = (theta: number[], month: string) => {
  const f = theta[priors.findIndex((p) => p.name === 'obs.force2023')] ?? cfg.run.force;
  const g = theta[priors.findIndex((p) => p.name === 'obs.forceGrowth')] ?? 0;
  const years = Math.max(0, (Date.parse(`${month}-15`) - Date.parse('2023-07-01')) / (365.25 * 864e5));
  return f * (1 + g * years);
};
const priorTable = rejectionPosterior(design, table, priors, [], KEEP);
const forceMonths = monthsBetween(cfg.run.start, cfg.run.end).filter(
  (m, i, all) => i % 6 === 0 || i === all.length - 1,
);
const forcePoints = forceMonths.map((month) => ({
  month,
  prior: band(
    priorTable.map((r) => forceAt(r.theta, month)),
    priorTable.map((r) => r.weight),
  ),
  posterior: band(
    pooled.map((p) => forceAt(p.theta, month)),
    pooled.map((p) => p.weight),
  ),
}));

/** What a target's figure is, in words: its note, or its observation's series, scope and period. */
const labelOf = (t: Target) => {
  const o = observations.find((x) => x.id === t.observationIds[0]);
  return o
    ? `${o.seriesId.replace(/[._]/g, ' ')}${o.scope ? `, ${o.scope.replace(/_/g, ' ')}` : ''}, ${o.periodStart ? `${o.periodStart} to ` : ''}${o.periodEnd}`
    : t.id;
};
const pooledGen: Generation = {
  index: posts[0]!.index,
  epsilon: Math.max(...posts.map((g) => g.epsilon)),
  particles: pooled.map((p) => ({ ...p, distance: 0 })),
  simulations: 0,
  totalSimulations: 0,
  acceptanceRate: 0,
};
const postParams = parameterPosterior(pooledGen, priors);
const notModelled = (cfg.notModelled ?? []).map((n) => {
  const o = observations.find((x) => x.id === n.observation);
  if (!o) throw new Error(`notModelled: no observation "${n.observation}"`);
  return {
    observationId: o.id,
    label:
      `${o.seriesId}, ${o.scope ?? ''} ${o.periodEnd}: ${o.qualifier ?? ''}${formatNumber(o.value)} ${o.unit ?? ''}`
        .replace(/\s+/g, ' ')
        .trim(),
    reason: n.reason,
  };
});
const ess = effectiveSampleSize(pooledGen.particles);
const checks: EstimateChecks = {
  priorOnly,
  priorPosterior: priors.map((p) => {
    const q = postParams[p.name]!;
    const post = { median: q.median, lo50: q.q25, hi50: q.q75, lo95: q.q025, hi95: q.q975 };
    return {
      name: p.name,
      unit: OBSERVATION_PARAMS[p.name]?.unit ?? PARAMS[p.name as ParamKey].unit,
      scale: p.scale,
      evidence: p.evidence ?? 'not stated',
      prior: priorBand(p),
      posterior: post,
      widthRatio: widthRatio(p, post),
    };
  }),
  force: {
    description:
      'soldiers in theatre the model stands for: obs.force2023 in mid-2023, growing by obs.forceGrowth a year after that',
    evidence: priors
      .filter((p) => p.name.startsWith('obs.force'))
      .map((p) => `${p.name}: ${p.evidence ?? 'not stated'}`)
      .join(' | '),
    points: forcePoints,
  },
  monteCarlo: {
    method: `${fits.length} replicate fit(s) with different seeds, pooled with equal weight; standard error of the headline median = the larger of the between-replicate standard error and a weighted bootstrap of the pooled particles (400 resamples)`,
    particles: pooled.length,
    ess,
    replicates,
    seMedian,
    folded:
      'the published 95% interval is the widest of the pooled and every replicate 95% interval, each end pushed out by two standard errors, rounded outward to the thousand',
  },
  sensitivity: {
    method: `rejection ABC on one reference table of ${TABLE} simulations (half from the prior, half from priors with one parameter's range widened), the ${KEEP} nearest draws kept, weighted by each row's prior over the table's mixture; each row's change is against the table's own baseline row`,
    rows: sensitivity,
  },
  predictive: {
    method: `${PRED} draws from the pooled posterior, each simulated again with a fresh seed`,
    rows: targets.map((t) =>
      checkRow(
        t,
        ppc.map((r) => r.output),
        undefined,
        labelOf(t),
      ),
    ),
  },
  outOfSample: {
    method: `fit to the ${inSample.length} figures up to ${FIT_THROUGH} only (rejection ABC on the reference table, ${KEEP} nearest), ${PRED} draws simulated again with fresh seeds, every later figure predicted`,
    fitThrough: FIT_THROUGH,
    headline: headlineBand(asWeighted(oosPost), HEAD),
    rows: later.map((t) =>
      checkRow(
        t,
        oos.map((r) => r.output),
        undefined,
        labelOf(t),
      ),
    ),
    notModelled,
  },
  doubleUse: [],
};

// The posterior report the file's series come from: the pooled particles.
const first = JSON.parse(readFileSync(join(fits[0]!, 'posterior.json'), 'utf8')) as CalibrationResult;
const result: CalibrationResult = {
  ...first,
  settings: { ...first.settings, populationSize: pooled.length },
  unseen: { months: first.unseen.months, series: seriesPosterior(pooledGen) },
  parameters: postParams,
  predictive: predictiveChecks(pooledGen, targets),
  warnings: [
    ...(ess < LOW_ESS ? [`effective sample size ${ess.toFixed(0)} of the pooled posterior is below ${LOW_ESS}`] : []),
    ...checks.predictive.rows
      .filter((r) => !r.inside)
      .map((r) => `fitted figure ${r.id} is not reproduced: ${r.reason}`),
    ...checks.outOfSample.rows
      .filter((r) => !r.inside)
      .map((r) => `later figure ${r.id} is outside what the fit through ${FIT_THROUGH} predicts: ${r.reason}`),
  ],
};
const calibrate =
  fits.map((f) => `darkfigure calibrate --seed ${cfgOf(f).run.seed} --out ${f}`).join('; ') +
  ` (calibration/default.json: ${cfg.run.populationSize} particles, budget ${cfg.run.budget}, ${cfg.run.agents.toLocaleString('en-US')} agents)`;
const bundle = `npx tsx scripts/bundle-estimate.ts ${fits.map((f) => `--fit ${f}`).join(' ')} --table ${TABLE} --keep ${KEEP} --predictive ${PRED}${values.out ? ` --out ${values.out}` : ''}`;
const est = bundleEstimates(result, { calibrate, bundle });
const last = est.series[HEAD]!.points.at(-1)!;
// The published headline carries the Monte Carlo error; the series' last month says the same.
Object.assign(last, {
  lo50: Math.min(last.lo50, published.lo50),
  hi50: Math.max(last.hi50, published.hi50),
  lo95: published.lo95,
  hi95: published.hi95,
});
est.headline = { ...est.headline, lo50: last.lo50, hi50: last.hi50, lo95: last.lo95, hi95: last.hi95 };
est.fit = {
  generations: Math.max(...fitGens.map((g) => g.length)),
  posteriorGeneration: posts[0]!.index,
  simulations: fitGens.reduce((s, g) => s + (g.at(-1)?.totalSimulations ?? 0), 0) + TABLE + 2 * PRED,
};
est.checks = checks;
writeFileSync(out, `${JSON.stringify(est, null, 2)}\n`);
const h = est.headline;
process.stdout.write(
  `wrote ${relative(process.cwd(), out) || out}: ${est.series[h.series]!.label} by ${h.month}: median ${formatNumber(h.median)}, 50% ${formatNumber(h.lo50)}–${formatNumber(h.hi50)}, 95% ${formatNumber(h.lo95)}–${formatNumber(h.hi95)} (Monte Carlo SE ${formatNumber(seMedian)}, replicates ${replicates.map((r) => formatNumber(r.median)).join(', ')}); prior alone ${formatNumber(priorOnly.median)}; ${pooled.length} particles (ESS ${ess.toFixed(0)}); ${est.inputs.targets.length} targets; predictive ${checks.predictive.rows.filter((r) => r.inside).length}/${checks.predictive.rows.length} inside; out of sample ${checks.outOfSample.rows.filter((r) => r.inside).length}/${checks.outOfSample.rows.length} inside; ${est.warnings.length} warning(s)\n`,
);
