// Simulation-based calibration of the desertion model: fit to observations the model itself
// generated with known parameters, and count how often the known value falls inside the 90%
// posterior interval (target: at least 80% of fits, for the parameters that are identifiable).
// Usage: npx tsx bench/calibrate-sbc.ts [fits=50] [budget=300] [population=40] [agents=5000]
import { readFileSync } from 'node:fs';
import { abcSmc, type Generation, posteriorGeneration } from '../src/calibrate/abc-smc.ts';
import { parseCalibrationConfig } from '../src/calibrate/config.ts';
import { parameterPosterior } from '../src/calibrate/posterior.ts';
import { type ParamPrior, samplePrior } from '../src/calibrate/prior.ts';
import { runnerSimulator } from '../src/calibrate/run.ts';
import { distance, type Target, targetScale } from '../src/calibrate/targets.ts';
import { runHandler, ThreadPoolRunner } from '../src/jobs/index.ts';
import { sequence } from '../src/sim/rng.ts';

const [fits = 50, budget = 300, population = 40, agents = 5000] = process.argv.slice(2).map(Number);
const file = new URL('../calibration/default.json', import.meta.url).pathname;
const cfg = parseCalibrationConfig(file, JSON.parse(readFileSync(file, 'utf8')));
cfg.run = { ...cfg.run, agents, budget, populationSize: population };
const priors = cfg.priors as ParamPrior[];
const summaries = [...new Set(cfg.targets.map((t) => t.summary))];
const runner = new ThreadPoolRunner();
const u = sequence(20261121);
const inside: Record<string, number> = Object.fromEntries(priors.map((p) => [p.name, 0]));
const widths: Record<string, number[]> = Object.fromEntries(priors.map((p) => [p.name, []]));
console.log(
  `SBC: ${fits} fits, budget ${budget}, population ${population}, ${agents} agents, ${cfg.run.start} to ${cfg.run.end}`,
);
for (let f = 0; f < fits; f++) {
  const truth = Object.fromEntries(priors.map((p) => [p.name, samplePrior(p, u())]));
  const obs = (await runHandler('sim.calibrate', {
    theta: truth,
    seed: 5_000_000 + f,
    agents,
    start: cfg.run.start,
    end: cfg.run.end,
    force: cfg.run.force,
    summaries,
  })) as { summaries: Record<string, number> };
  // The synthetic figures are reported exactly, with the same relative tolerance as the real ones.
  const targets: Target[] = cfg.targets.map((t) => {
    const v = obs.summaries[t.summary]!;
    return {
      id: t.id,
      summary: t.summary,
      value: v,
      lo: v,
      hi: v,
      scale: targetScale(t.summary, v, t.relSd, cfg.run.force / agents),
      weight: t.weight,
      observationIds: [],
    };
  });
  const sim = runnerSimulator(runner, cfg, targets);
  const gens: Generation[] = [];
  for await (const g of abcSmc(sim, { priors, targets, populationSize: population, budget, seed: 1000 + f }))
    gens.push(g);
  const last = posteriorGeneration(gens, population);
  const post = parameterPosterior(last, priors);
  // The truth re-simulated with a fresh seed: how far the model's own noise puts it from the observations.
  const again = (await runHandler('sim.calibrate', {
    theta: truth,
    seed: 7_000_000 + f,
    agents,
    start: cfg.run.start,
    end: cfg.run.end,
    force: cfg.run.force,
    summaries,
  })) as { summaries: Record<string, number> };
  const hits = priors.map((p) => {
    const q = post[p.name]!;
    const ok = truth[p.name]! >= q.q05 && truth[p.name]! <= q.q95;
    if (ok) inside[p.name]!++;
    const range = p.scale === 'log' ? Math.log(p.high / p.low) : p.high - p.low;
    widths[p.name]!.push(p.scale === 'log' ? Math.log(q.q95 / q.q05) / range : (q.q95 - q.q05) / range);
    return ok ? '+' : '-';
  });
  const misses = priors
    .filter((p) => truth[p.name]! < post[p.name]!.q05 || truth[p.name]! > post[p.name]!.q95)
    .map(
      (p) =>
        `${p.name} ${truth[p.name]!.toPrecision(3)} ∉ [${post[p.name]!.q05.toPrecision(3)}, ${post[p.name]!.q95.toPrecision(3)}]`,
    );
  console.log(
    `fit ${f + 1}/${fits}: generations ${gens.length}, posterior from ${last.index} (tolerance ${last.epsilon.toFixed(2)}, ${last.particles.length} particles), truth's own distance ${distance(targets, again.summaries).toFixed(2)}  ${hits.join('')}${misses.length ? `   (${misses.join('; ')})` : ''}`,
  );
}
await runner.close();
console.log('\nparameter                coverage of 90% interval   mean width (share of prior range)   identifiable?');
for (const p of priors) {
  const cov = inside[p.name]! / fits;
  const w = widths[p.name]!.reduce((s, x) => s + x, 0) / fits;
  // A posterior about as wide as the prior's 90% says the data do not pin the parameter down.
  console.log(
    `${p.name.padEnd(24)} ${(100 * cov).toFixed(0).padStart(5)}%  (${inside[p.name]}/${fits})          ${w.toFixed(2).padStart(5)}                           ${w < 0.7 ? 'yes' : 'no (posterior ≈ prior)'}`,
  );
}
