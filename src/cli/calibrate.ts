import { existsSync, mkdirSync, readFileSync, writeFileSync, appendFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  type CalibrationResult,
  completeGenerations,
  DEFAULT_CALIBRATION_FILE,
  type Generation,
  readCalibrationConfig,
  runCalibration,
} from '../analyses/index.ts';
import { BadInputError } from '../domain/index.ts';
import { QueueRunner, ThreadPoolRunner, type Runner } from '../jobs/index.ts';
import { predictiveChart, renderSvg } from '../report/index.ts';
import { withStore } from './store-context.ts';
import { formatTable } from './table.ts';

interface Opts {
  targets?: string;
  budget?: number;
  population?: number;
  agents?: number;
  seed?: number;
  redis?: string;
  queue?: string;
  threads?: number;
  resume?: string;
  out?: string;
  json?: boolean;
}

const fmt = (x: number) => (Math.abs(x) >= 100 ? Math.round(x).toLocaleString('en-US') : x.toPrecision(3));

function report(r: CalibrationResult): string {
  const lines: string[] = [];
  lines.push(
    `ABC-SMC: ${r.generations.length} generation(s), ${r.generations.at(-1)?.totalSimulations ?? 0} simulations, final tolerance ${fmt(r.generations.at(-1)?.epsilon ?? NaN)}`,
  );
  lines.push('', 'Parameters (posterior median, 50% and 95% intervals):');
  lines.push(
    formatTable(
      ['parameter', 'median', '50%', '95%'],
      Object.entries(r.parameters).map(([k, q]) => [
        k,
        fmt(q.median),
        `${fmt(q.q25)}–${fmt(q.q75)}`,
        `${fmt(q.q025)}–${fmt(q.q975)}`,
      ]),
    ),
  );
  lines.push(
    '',
    `Unseen totals at ${r.unseen.months.at(-1)} (cumulative since ${r.settings.start}, scaled to a force of ${r.settings.force.toLocaleString('en-US')}):`,
  );
  lines.push(
    formatTable(
      ['total', 'median', '50%', '95%'],
      Object.entries(r.unseen.series).map(([k, qs]) => {
        const q = qs.at(-1)!;
        return [k, fmt(q.median), `${fmt(q.q25)}–${fmt(q.q75)}`, `${fmt(q.q025)}–${fmt(q.q975)}`];
      }),
    ),
  );
  lines.push('', 'Posterior predictive check against every target:');
  lines.push(
    formatTable(
      ['target', 'observed', 'predicted median', '95%', 'P(within)'],
      r.predictive.map((p) => [
        p.target,
        p.observed.lo === p.observed.hi
          ? fmt(p.observed.value)
          : `${fmt(p.observed.lo)}–${Number.isFinite(p.observed.hi) ? fmt(p.observed.hi) : '∞'}`,
        fmt(p.predicted.median),
        `${fmt(p.predicted.q025)}–${fmt(p.predicted.q975)}`,
        `${Math.round(100 * p.pInside)}%`,
      ]),
    ),
  );
  if (r.warnings.length) lines.push('', ...r.warnings.map((w) => `warning: ${w}`));
  return lines.join('\n');
}

export function register(program: Command): void {
  program
    .command('calibrate')
    .description('fit the desertion model to the observed figures (ABC-SMC); posterior of parameters and unseen totals')
    .option('--targets <file>', 'calibration file: run settings, priors and targets (default calibration/default.json)')
    .option('--budget <n>', 'simulations to spend at most', (v) => Number.parseInt(v, 10))
    .option('--population <n>', 'particles per generation', (v) => Number.parseInt(v, 10))
    .option('--agents <n>', 'agents per simulation (scaled to the real force)', (v) => Number.parseInt(v, 10))
    .option('--seed <n>', 'seed', (v) => Number.parseInt(v, 10))
    .option('--redis <url>', 'run simulations on a Redis queue served by `darkfigure worker` processes')
    .option('--queue <name>', 'queue name with --redis', 'darkfigure-jobs')
    .option('--threads <n>', 'worker threads on this machine (without --redis)', (v) => Number.parseInt(v, 10))
    .option('--resume <dir>', 'continue a stopped calibration from its last finished generation')
    .option('--out <dir>', 'folder for generations (checkpoints) and the posterior', 'calibration-out')
    .option('--json', 'print the posterior as JSON')
    .action(async (opts: Opts) => {
      const out = resolve(opts.resume ?? opts.out ?? 'calibration-out');
      const cfgFile = opts.resume ? join(out, 'config.json') : resolve(opts.targets ?? DEFAULT_CALIBRATION_FILE);
      if (opts.resume && !existsSync(cfgFile))
        throw new BadInputError([
          { file: cfgFile, line: 0, message: 'no calibration to resume here (config.json missing)' },
        ]);
      const cfg = readCalibrationConfig(cfgFile);
      if (opts.budget) cfg.run.budget = opts.budget;
      if (!opts.resume) {
        if (opts.population) cfg.run.populationSize = opts.population;
        if (opts.agents) cfg.run.agents = opts.agents;
        if (opts.seed !== undefined) cfg.run.seed = opts.seed;
      }
      mkdirSync(out, { recursive: true });
      const gensFile = join(out, 'generations.jsonl');
      const saved: Generation[] =
        opts.resume && existsSync(gensFile)
          ? readFileSync(gensFile, 'utf8')
              .split('\n')
              .filter(Boolean)
              .map((l) => JSON.parse(l) as Generation)
          : [];
      // A generation the budget cut short is run again from its start, never built on (abc-smc.ts).
      const resume = completeGenerations(saved, cfg.run.populationSize);
      if (resume.length < saved.length)
        process.stderr.write(
          `generation ${saved.at(-1)!.index} was cut short by the budget (${saved.at(-1)!.particles.length} of ${cfg.run.populationSize} particles): it is run again from its start\n`,
        );
      if (!opts.resume || resume.length < saved.length)
        writeFileSync(gensFile, resume.map((g) => `${JSON.stringify(g)}\n`).join(''));
      writeFileSync(join(out, 'config.json'), `${JSON.stringify(cfg, null, 2)}\n`);

      const runner: Runner = opts.redis
        ? new QueueRunner({ redis: opts.redis, queue: opts.queue })
        : new ThreadPoolRunner({ threads: opts.threads });
      const stop = new AbortController();
      const onSigint = () => {
        process.stderr.write('\nstopping: finished generations are kept; continue with --resume\n');
        stop.abort();
      };
      process.once('SIGINT', onSigint);
      const tty = process.stderr.isTTY;
      const gens = [...resume];
      let current = resume.length;
      if (resume.length)
        process.stderr.write(
          `resuming after generation ${resume.at(-1)!.index} (${resume.at(-1)!.totalSimulations} simulations so far)\n`,
        );
      try {
        await withStore(async (store) => {
          const onJobs = (done: number, total: number) => {
            if (tty) process.stderr.write(`\rgeneration ${current}: batch ${done}/${total} simulations   `);
          };
          for await (const { generation: g, result } of runCalibration(
            { store, runner, resume, signal: stop.signal, onJobs },
            cfg,
            cfgFile,
          )) {
            gens.push(g);
            current = g.index + 1;
            appendFileSync(gensFile, `${JSON.stringify(g)}\n`);
            process.stderr.write(
              `${tty ? '\r' : ''}generation ${g.index}: tolerance ${fmt(g.epsilon)}, acceptance ${(100 * g.acceptanceRate).toFixed(1)}%, ${g.particles.length} particles, ${g.totalSimulations}/${cfg.run.budget} simulations\n`,
            );
            writeFileSync(join(out, 'posterior.json'), `${JSON.stringify(result, null, 2)}\n`);
          }
        });
      } catch (e) {
        if (!stop.signal.aborted) throw e;
      } finally {
        process.off('SIGINT', onSigint);
        await runner.close();
      }
      if (!gens.length) throw new Error('no generation finished; nothing to report');
      const result = JSON.parse(readFileSync(join(out, 'posterior.json'), 'utf8')) as CalibrationResult;
      // The posterior predictive plot, drawn by the dashboard's own chart builder; a row per target.
      const plot = join(out, 'posterior-predictive.svg');
      writeFileSync(
        plot,
        renderSvg(predictiveChart(result.predictive).option, {
          width: 960,
          height: 140 + 36 * result.predictive.length,
        }),
      );
      process.stdout.write(
        opts.json
          ? `${JSON.stringify(result)}\n`
          : `${report(result)}\n\nwritten: ${out}/posterior.json, ${gensFile}, ${plot}\n`,
      );
      if (stop.signal.aborted) process.exitCode = 1;
    });
}
